/**
 * The take-back records of a ticket (P6-P7): the product receipt, the in- and out-entries of the
 * product register, the repair card with its work and parts — written by the ticket's steps
 * (services/ticket-steps.ts), read for its documents and for Get.
 */
import type { Insertable, Selectable } from 'kysely';
import type { ProductMovementTable, ProductReceiptTable, RepairCardTable, RepairPartTable, RepairWorkTable, Trx } from '../schema';

export async function insertReceipt(trx: Trx, row: Insertable<ProductReceiptTable>): Promise<Selectable<ProductReceiptTable>> {
	return await trx.insertInto('productReceipts').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The ticket's product receipt; it must exist (the step's rule let it through only after a take-back). */
export async function requireReceipt(trx: Trx, ticketId: number): Promise<Selectable<ProductReceiptTable>> {
	return await trx.selectFrom('productReceipts').selectAll().where('ticketId', '=', ticketId).executeTakeFirstOrThrow();
}

export async function voidReceipt(trx: Trx, receiptId: number, now: string): Promise<void> {
	await trx.updateTable('productReceipts').set({ voidedAt: now }).where('id', '=', receiptId).execute();
}

export async function insertMovement(trx: Trx, row: Insertable<ProductMovementTable>): Promise<void> {
	await trx.insertInto('productMovements').values(row).execute();
}

export async function insertRepairCard(trx: Trx, row: Insertable<RepairCardTable>): Promise<Selectable<RepairCardTable>> {
	return await trx.insertInto('repairCards').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The ticket's repair card; it must exist (made at take-back). */
export async function requireRepairCard(trx: Trx, ticketId: number): Promise<Selectable<RepairCardTable>> {
	return await trx.selectFrom('repairCards').selectAll().where('ticketId', '=', ticketId).executeTakeFirstOrThrow();
}

export async function inspectRepairCard(trx: Trx, ticketId: number, inspectedBy: string, now: string): Promise<void> {
	await trx.updateTable('repairCards').set({ inspectedBy, inspectedAt: now }).where('ticketId', '=', ticketId).execute();
}

/** A session of repair work on a card, with the parts it replaced. */
export async function insertRepairWork(
	trx: Trx,
	work: Insertable<RepairWorkTable>,
	parts: Array<Omit<Insertable<RepairPartTable>, 'cardId'>>,
): Promise<void> {
	await trx.insertInto('repairWork').values(work).execute();
	for (const p of parts)
		await trx
			.insertInto('repairParts')
			.values({ ...p, cardId: work.cardId })
			.execute();
}

/** The take-back records of a ticket, for its documents and for Get. */
export type TakeBackRecords = Awaited<ReturnType<typeof takeBackRecords>>;

export async function takeBackRecords(trx: Trx, ticketId: number) {
	const receipt = await trx.selectFrom('productReceipts').selectAll().where('ticketId', '=', ticketId).executeTakeFirst();
	const card = await trx.selectFrom('repairCards').selectAll().where('ticketId', '=', ticketId).executeTakeFirst();
	const work = card
		? await trx
				.selectFrom('repairWork as w')
				.leftJoin('technicians as k', 'k.id', 'w.technicianId')
				.select(['w.workedOn', 'w.minutes', 'w.description', 'k.name as technicianName'])
				.where('w.cardId', '=', card.id)
				.orderBy('w.id')
				.execute()
		: [];
	const parts = card
		? await trx.selectFrom('repairParts').select(['part', 'quantity', 'unitPriceFen']).where('cardId', '=', card.id).orderBy('id').execute()
		: [];
	const movements = await trx
		.selectFrom('productMovements')
		.select(['direction', 'movedOn', 'note'])
		.where('ticketId', '=', ticketId)
		.orderBy('id')
		.execute();
	return { receipt: receipt ?? null, card: card ? { ...card, work, parts } : null, movements };
}

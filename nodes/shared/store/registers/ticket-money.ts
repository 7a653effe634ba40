/**
 * The money side of a ticket's steps (P5, P8): the parts used on a visit with their prices, what
 * the technician collected on site, and the basis the fee rule charges from (category, contract,
 * minutes worked, parts of the visit and of the repair card).
 */
import type { Trx } from '../schema';
import type { ChargeBasis, ChargingContract, PricedPart } from '../../rules/fees';
import type { Category } from '../../rules/service-category';
import type { PaymentMethod } from '../../rules/invoice';
import { findContract } from './contracts';
import { flag } from './common';
import type { Ticket } from './tickets';

/** A part as a step records it: what, how many, and its price per unit when given. */
export type PartInput = { part: string; quantity: number; unitPriceFen?: number | null };

/** What a visit or a return records about money: parts used on the visit, cash or payment taken on site. */
export interface StepMoney {
	parts?: PartInput[];
	collectedFen?: number | null;
	paymentMethod?: PaymentMethod | null;
}

/** Writes the visit's priced parts and the collection on site (in the step's transaction). */
export async function recordStepMoney(trx: Trx, t: Ticket, m: StepMoney, now: string): Promise<Record<string, unknown>> {
	for (const p of m.parts ?? []) {
		await trx
			.insertInto('visitParts')
			.values({ ticketId: t.id, part: p.part, quantity: p.quantity, unitPriceFen: p.unitPriceFen ?? null, createdAt: now })
			.execute();
	}
	if (m.collectedFen) {
		await trx
			.updateTable('tickets')
			.set({ collectedFen: m.collectedFen, paymentMethod: m.paymentMethod ?? null, collectedAt: now })
			.where('id', '=', t.id)
			.execute();
	}
	return {
		...(m.parts?.length ? { parts: m.parts } : {}),
		...(m.collectedFen ? { collectedFen: m.collectedFen, paymentMethod: m.paymentMethod ?? null } : {}),
	};
}

/** The parts of a ticket: its visit's, then its repair card's, each with its price (null: none given). */
export async function ticketParts(trx: Trx, ticketId: number): Promise<Array<PricedPart & { source: 'visit' | 'repair-card' }>> {
	const visit = await trx
		.selectFrom('visitParts')
		.select(['part', 'quantity', 'unitPriceFen'])
		.where('ticketId', '=', ticketId)
		.orderBy('id')
		.execute();
	const card = await trx
		.selectFrom('repairParts as p')
		.innerJoin('repairCards as c', 'c.id', 'p.cardId')
		.select(['p.part', 'p.quantity', 'p.unitPriceFen'])
		.where('c.ticketId', '=', ticketId)
		.orderBy('p.id')
		.execute();
	const priced = (p: { part: string; quantity: number; unitPriceFen: number | null }) => ({
		part: p.part,
		quantity: Number(p.quantity),
		unitFen: p.unitPriceFen === null ? null : Number(p.unitPriceFen),
	});
	return [...visit.map((p) => ({ ...priced(p), source: 'visit' as const })), ...card.map((p) => ({ ...priced(p), source: 'repair-card' as const }))];
}

/** Minutes worked on the ticket: its visit and its repair card, as the work log holds them. */
export async function ticketMinutes(trx: Trx, ticketId: number): Promise<number> {
	const logged = await trx
		.selectFrom('workLog')
		.select((eb) => eb.fn.sum<number>('minutes').as('m'))
		.where('ticketId', '=', ticketId)
		.executeTakeFirst();
	return Number(logged?.m ?? 0);
}

/** The contract a B ticket is charged by: its visit fee as judged at intake, parts as the contract says. */
export async function chargingContract(trx: Trx, t: Ticket): Promise<ChargingContract | null> {
	if (!t.contractNo) return null;
	const c = await findContract(trx, { contractNo: t.contractNo });
	if (!c) return null;
	return { contractNo: c.contractNo, kind: c.kind, visitFeeFen: t.visitFeeFen ?? c.visitFeeFen, partsIncluded: flag(c.partsIncluded) };
}

export async function chargeBasisOf(trx: Trx, t: Ticket): Promise<ChargeBasis> {
	return {
		category: t.category as Category,
		customerType: t.customerType,
		contract: t.category === 'B' ? await chargingContract(trx, t) : null,
		minutes: await ticketMinutes(trx, t.id),
		parts: (await ticketParts(trx, t.id)).map(({ part, quantity, unitFen }) => ({ part, quantity, unitFen })),
	};
}

/**
 * Tile orders (瓷砖订单) as stored: the order row, its lines, processing sheet, payments,
 * delivery, secondary items and audit trail — each read and written here, and nowhere else. The
 * steps themselves (the use cases) are in services/tile-order-*.ts; the order as the nodes give
 * it out is in tile-orders.ts, the boxes held for orders in tile-reservations.ts.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
	TileOrderDeliveryTable,
	TileOrderItemTable,
	TileOrderLineTable,
	TileOrderPaymentTable,
	TileOrderTable,
	TileProcessingLineTable,
} from '../schema';
import type { Trx } from '../schema';
import { NotFoundError, RuleViolation } from '../../rules/errors';
import { isPostgres, moveStatus } from './common';
import { settlementOf, type Settlement } from '../../rules/tile-order-money';

export type TileOrderRow = Selectable<TileOrderTable>;
export type TileOrderLineRow = Selectable<TileOrderLineTable>;

export async function findOrderRow(
	trx: Trx,
	key: { orderNumber?: string; id?: number; idempotencyKey?: string },
	lock = false,
): Promise<TileOrderRow | undefined> {
	let q = trx.selectFrom('tileOrders').selectAll();
	if (key.id !== undefined) q = q.where('id', '=', key.id);
	else if (key.orderNumber) q = q.where('orderNumber', '=', key.orderNumber.normalize('NFKC').trim().toUpperCase());
	else if (key.idempotencyKey) q = q.where('idempotencyKey', '=', key.idempotencyKey);
	else return undefined;
	if (lock && isPostgres(trx)) q = q.forUpdate();
	return await q.executeTakeFirst();
}

export async function requireOrderRow(trx: Trx, orderNumber: string, lock = false): Promise<TileOrderRow> {
	const row = await findOrderRow(trx, { orderNumber }, lock);
	if (!row) throw new NotFoundError(`No tile order ${orderNumber} is in the order register (瓷砖订单)`, 'orderNumber');
	return row;
}

export async function orderLines(trx: Trx, orderId: number): Promise<TileOrderLineRow[]> {
	return await trx.selectFrom('tileOrderLines').selectAll().where('orderId', '=', orderId).orderBy('lineNo').execute();
}

/** Everything charged and paid so far, in fen. */
export async function orderMoney(trx: Trx, order: TileOrderRow): Promise<Settlement> {
	const lines = await orderLines(trx, order.id);
	const items = await trx.selectFrom('tileOrderItems').select(['kind', 'amountFen']).where('orderId', '=', order.id).execute();
	const payments = await trx.selectFrom('tileOrderPayments').select('amountFen').where('orderId', '=', order.id).execute();
	const sum = (kind: string) => items.filter((i) => i.kind === kind).reduce((s, i) => s + Number(i.amountFen), 0);
	return settlementOf({
		goodsFen: lines.reduce((s, l) => s + Number(l.amountFen), 0),
		processingFen: Number(order.processingFeeFen ?? 0),
		extraFen: sum('extra'),
		returnsFen: sum('return'),
		reprocessingFen: sum('reprocessing'),
		depositFen: Number(order.depositFen),
		paidFen: payments.reduce((s, p) => s + Number(p.amountFen), 0),
	});
}

/** A new order's row; its id. */
export async function insertOrder(trx: Trx, row: Insertable<TileOrderTable>): Promise<number> {
	const { id } = await trx.insertInto('tileOrders').values(row).returning('id').executeTakeFirstOrThrow();
	return id;
}

/** Sets columns of the order row (a step's own facts). */
export async function updateOrder(trx: Trx, orderId: number, patch: Updateable<TileOrderTable>): Promise<void> {
	await trx.updateTable('tileOrders').set(patch).where('id', '=', orderId).execute();
}

/** Moves the order from `from` to `to`, refused when someone else moved it meanwhile (the status guard). */
export async function moveOrderStatus(
	trx: Trx,
	order: Pick<TileOrderRow, 'id' | 'orderNumber'>,
	from: string,
	to: string,
	now: string,
): Promise<void> {
	if (!(await moveStatus(trx, 'tileOrders', order.id, from, to, now)))
		throw new RuleViolation(`Order ${order.orderNumber} was changed by someone else at the same time; look at it again`);
}

/** Replaces the order's lines with `lines` (numbered from 1 in their order). */
export async function replaceOrderLines(
	trx: Trx,
	orderId: number,
	lines: Array<Omit<Insertable<TileOrderLineTable>, 'orderId' | 'lineNo'>>,
): Promise<void> {
	await trx.deleteFrom('tileOrderLines').where('orderId', '=', orderId).execute();
	for (const [i, line] of lines.entries())
		await trx
			.insertInto('tileOrderLines')
			.values({ ...line, orderId, lineNo: i + 1 })
			.execute();
}

/** Replaces the order's processing sheet with `lines` (numbered from 1 in their order). */
export async function replaceProcessingLines(
	trx: Trx,
	orderId: number,
	lines: Array<Omit<Insertable<TileProcessingLineTable>, 'orderId' | 'lineNo'>>,
): Promise<void> {
	await trx.deleteFrom('tileProcessingLines').where('orderId', '=', orderId).execute();
	for (const [i, line] of lines.entries())
		await trx
			.insertInto('tileProcessingLines')
			.values({ ...line, orderId, lineNo: i + 1 })
			.execute();
}

export async function insertOrderPayment(trx: Trx, row: Insertable<TileOrderPaymentTable>): Promise<void> {
	await trx.insertInto('tileOrderPayments').values(row).execute();
}

export async function insertOrderDelivery(trx: Trx, row: Insertable<TileOrderDeliveryTable>): Promise<void> {
	await trx.insertInto('tileOrderDeliveries').values(row).execute();
}

export type TileOrderItemRow = Selectable<TileOrderItemTable>;

export async function insertOrderItem(trx: Trx, row: Insertable<TileOrderItemTable>): Promise<void> {
	await trx.insertInto('tileOrderItems').values(row).execute();
}

/** The order's secondary items (extra, return, reprocessing) in the order recorded; of one model, or of one kind, when given. */
export async function orderItems(
	trx: Trx,
	orderId: number,
	only: { tileModelId?: number; kind?: TileOrderItemRow['kind'] } = {},
): Promise<TileOrderItemRow[]> {
	let q = trx.selectFrom('tileOrderItems').selectAll().where('orderId', '=', orderId);
	if (only.tileModelId !== undefined) q = q.where('tileModelId', '=', only.tileModelId);
	if (only.kind !== undefined) q = q.where('kind', '=', only.kind);
	return await q.orderBy('id').execute();
}

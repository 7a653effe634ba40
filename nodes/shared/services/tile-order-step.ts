/**
 * The tile order's step (T4–T12), one transaction each: the rule decides whether the step fits
 * the order's state (a step that does not changes nothing), the order row is locked (PostgreSQL
 * FOR UPDATE; SQLite's write lock), the step writes its facts, the status moves under a guard and
 * the step is kept in the audit trail.
 */
import type { Trx } from '../store/schema';
import { moveOrderStatus, requireOrderRow, type TileOrderRow } from '../store/registers/tile-order-rows';
import { appendHistory } from '../store/registers/common';
import { orderView, type TileOrderView } from '../store/registers/tile-orders';
import { dueBeforeDelivery, type Settlement } from '../rules/tile-order-money';
import { nextOrderStatus, type TileOrderAction, type TileOrderStatus } from '../rules/tile-order-lifecycle';

export interface OrderContext {
	actor: string;
	/** ISO instant (UTC). */
	now: string;
	/** Today in the workflow's timezone: the day whose order numbers a new order takes. */
	today: string;
}

export type Written = { details?: Record<string, unknown>; status?: TileOrderStatus };

export async function step(
	trx: Trx,
	orderNumber: string,
	action: TileOrderAction,
	ctx: OrderContext,
	write: (o: TileOrderRow, to: TileOrderStatus) => Promise<Written>,
): Promise<TileOrderView> {
	const o = await requireOrderRow(trx, orderNumber, true);
	const from = o.status as TileOrderStatus;
	const to = nextOrderStatus({ orderNumber: o.orderNumber, status: from, processing: o.processing === 1 }, action);
	const written = await write(o, to);
	const status = written.status ?? to;
	await moveOrderStatus(trx, o, from, status, ctx.now);
	await appendHistory(
		trx,
		{ orderId: o.id },
		{ action, fromStatus: from, toStatus: status, actor: ctx.actor, at: ctx.now, details: written.details },
	);
	return await orderView(trx, o.id);
}

/** Stock prepared without processing, or processed by the factory, and the goods and processing paid: the order is paid (T8). */
export function paidIfCovered(o: TileOrderRow, status: TileOrderStatus, money: Settlement): TileOrderStatus | undefined {
	const ready = (status === 'stock-prepared' && o.processing !== 1) || status === 'processed';
	return ready && dueBeforeDelivery(money) <= 0 ? 'paid' : undefined;
}

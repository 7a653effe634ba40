/**
 * The boxes of tile held for orders (tileReservations) and the model rows they are held on:
 * reserved when an order's stock is prepared or extra boxes are recorded, released at completion
 * or cancellation. The guard and the CHECK keep reserved ≤ on hand.
 */
import type { Selectable } from 'kysely';
import type { TileModelTable, Trx } from '../schema';
import { RuleViolation } from '../../rules/errors';
import { isPostgres } from './common';

/** Active reservations of an order, per tile model id: boxes held. */
export async function reservedByModel(trx: Trx, orderId: number): Promise<Map<number, number>> {
	const rows = await trx
		.selectFrom('tileReservations')
		.select(['tileModelId', 'boxes'])
		.where('orderId', '=', orderId)
		.where('releasedAt', 'is', null)
		.execute();
	const m = new Map<number, number>();
	for (const r of rows) m.set(r.tileModelId, (m.get(r.tileModelId) ?? 0) + r.boxes);
	return m;
}

/** The tile model rows of `ids`, locked in id order (PostgreSQL FOR UPDATE) so that two orders never wait on each other in a circle. */
export async function lockTileModels(trx: Trx, ids: number[]): Promise<Array<Selectable<TileModelTable>>> {
	if (ids.length === 0) return [];
	let q = trx.selectFrom('tileModels').selectAll().where('id', 'in', ids).orderBy('id');
	if (isPostgres(trx)) q = q.forUpdate();
	return await q.execute();
}

/** Holds `boxes` of a locked model for the order; the guard and the CHECK keep reserved ≤ on hand. */
export async function reserveBoxes(trx: Trx, orderId: number, modelId: number, boxes: number, source: 'order' | 'extra', now: string): Promise<void> {
	const r = await trx
		.updateTable('tileModels')
		.set((eb) => ({ boxesReserved: eb('boxesReserved', '+', boxes), updatedAt: now }))
		.where('id', '=', modelId)
		.where((eb) => eb(eb('boxesOnHand', '-', eb.ref('boxesReserved')), '>=', boxes))
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1) throw new RuleViolation('The stock changed at the same time; look at it again', 'lines');
	await trx.insertInto('tileReservations').values({ orderId, tileModelId: modelId, boxes, source, createdAt: now, releasedAt: null }).execute();
}

/** Gives back every box the order holds; the boxes given back, per tile model id. */
export async function releaseOrderReservations(trx: Trx, orderId: number, now: string): Promise<Map<number, number>> {
	const held = await reservedByModel(trx, orderId);
	await lockTileModels(trx, [...held.keys()]);
	for (const [modelId, boxes] of held) {
		await trx
			.updateTable('tileModels')
			.set((eb) => ({ boxesReserved: eb('boxesReserved', '-', boxes), updatedAt: now }))
			.where('id', '=', modelId)
			.execute();
	}
	await trx.updateTable('tileReservations').set({ releasedAt: now }).where('orderId', '=', orderId).where('releasedAt', 'is', null).execute();
	return held;
}

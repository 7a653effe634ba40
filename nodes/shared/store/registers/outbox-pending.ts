/**
 * A message still waiting in the outbox, changed before it goes (issue 19 item 1): the new-ticket
 * message is written with the ticket, and the dispatch that follows in the same workflow adds the
 * technician to it. Only a message nobody has taken yet changes — pending, never tried, not claimed
 * by a sender — so what a sender reads is never changed under it; a message already on its way goes
 * as it was written.
 */
import type { Trx } from '../schema';

/**
 * Rewrites the payload of the waiting message `key` with `change` (given the payload as it is);
 * false when there is no such message or it was already taken.
 */
export async function changeWaitingPayload<P>(trx: Trx, key: string, change: (payload: P) => P | null, now: string): Promise<boolean> {
	const row = await trx
		.selectFrom('outbox')
		.select(['id', 'payload'])
		.where('messageKey', '=', key)
		.where('status', '=', 'pending')
		.where('attempts', '=', 0)
		.where('claimToken', 'is', null)
		.executeTakeFirst();
	if (!row) return false;
	const next = change(JSON.parse(row.payload) as P);
	if (next === null) return false;
	const r = await trx
		.updateTable('outbox')
		.set({ payload: JSON.stringify(next), updatedAt: now })
		.where('id', '=', row.id)
		// The same guard again: a sender that claimed it meanwhile keeps what it read.
		.where('status', '=', 'pending')
		.where('attempts', '=', 0)
		.where('claimToken', 'is', null)
		.where('payload', '=', row.payload)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** The key of the newest staff message of `kind` nobody has taken yet (pending, never tried, not claimed); null when none waits. */
export async function newestWaitingKey(trx: Trx, kind: string): Promise<string | null> {
	const row = await trx
		.selectFrom('outbox')
		.select('messageKey')
		.where('channel', '=', 'staff')
		.where('kind', '=', kind)
		.where('status', '=', 'pending')
		.where('attempts', '=', 0)
		.where('claimToken', 'is', null)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.messageKey ?? null;
}

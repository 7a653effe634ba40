/**
 * The outbox (发件箱, migration 31): messages written in the transaction of the change that causes
 * them. Sending, claiming and retrying live beside this in the outbox's own functions.
 */
import { outboxGiveUpAt, type OutboxMessage } from '../../rules/outbox';
import type { Trx } from '../schema';

/**
 * Queues a message with the change being written (call it inside that change's transaction). One
 * key is queued once: a second call with the same key (the same change retried, two runs at once)
 * changes nothing and answers false.
 */
export async function enqueueMessage(trx: Trx, m: OutboxMessage, now: string): Promise<boolean> {
	const r = await trx
		.insertInto('outbox')
		.values({
			messageKey: m.key,
			channel: m.channel,
			kind: m.kind,
			recipient: m.channel === 'staff' ? null : m.to,
			subject: m.channel === 'sms' ? null : (m.subject ?? null),
			payload: JSON.stringify(m.payload),
			status: 'pending',
			attempts: 0,
			lastError: null,
			delivered: '[]',
			nextAttemptAt: now,
			claimedUntil: null,
			claimToken: null,
			ticketId: m.ticketId ?? null,
			createdAt: now,
			giveUpAt: outboxGiveUpAt(now),
			sentAt: null,
			updatedAt: now,
		})
		.onConflict((oc) => oc.column('messageKey').doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

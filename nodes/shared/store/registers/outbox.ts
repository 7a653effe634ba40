/**
 * The outbox (发件箱, migration 31): messages written in the transaction of the change that causes
 * them. Sending, claiming and retrying live beside this in the outbox's own functions.
 */
import { sql, type Selectable } from 'kysely';
import { outboxGiveUpAt, type OutboxMessage, type OutboxStatus } from '../../rules/outbox';
import type { OutboxTable, Trx } from '../schema';
import { isPostgres } from './common';

/** The outbox row of a message queued at `now` (pending, due at once). */
export function outboxRow(m: OutboxMessage, now: string) {
	return {
		messageKey: m.key,
		channel: m.channel,
		kind: m.kind,
		recipient: m.channel === 'staff' ? null : m.to,
		subject: m.channel === 'sms' ? null : (m.subject ?? null),
		payload: JSON.stringify(m.payload),
		status: 'pending' as const,
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
	};
}

/**
 * Queues a message with the change being written (call it inside that change's transaction). One
 * key is queued once: a second call with the same key (the same change retried, two runs at once)
 * changes nothing and answers false.
 */
export async function enqueueMessage(trx: Trx, m: OutboxMessage, now: string): Promise<boolean> {
	const r = await trx
		.insertInto('outbox')
		.values(outboxRow(m, now))
		.onConflict((oc) => oc.column('messageKey').doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export type OutboxRow = Selectable<OutboxTable>;

/**
 * Claims up to `limit` messages due at `now` for the sender holding `token` until `claimedUntil`:
 * pending, their next attempt due, and not claimed by another sender (or that sender's lease has
 * run out). Each row is taken by a conditional UPDATE that re-checks those conditions, so two
 * senders at once never take one message: on PostgreSQL the candidates are read `FOR UPDATE SKIP
 * LOCKED` (a row another sender is claiming is passed over, and its UPDATE would wait and then find
 * the row claimed); SQLite runs one writing transaction at a time. Oldest due first.
 */
export async function claimDueMessages(trx: Trx, args: { now: string; token: string; claimedUntil: string; limit: number }): Promise<OutboxRow[]> {
	const { now, token, claimedUntil, limit } = args;
	let q = trx
		.selectFrom('outbox')
		.select('id')
		.where('status', '=', 'pending')
		.where('nextAttemptAt', '<=', now)
		.where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<=', now)]))
		.orderBy('nextAttemptAt')
		.orderBy('id')
		.limit(limit);
	if (isPostgres(trx)) q = q.forUpdate().skipLocked();
	const candidates = await q.execute();
	const claimed: OutboxRow[] = [];
	for (const { id } of candidates) {
		const row = await trx
			.updateTable('outbox')
			.set({ claimToken: token, claimedUntil, updatedAt: now })
			.where('id', '=', id)
			.where('status', '=', 'pending')
			.where('nextAttemptAt', '<=', now)
			.where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<=', now)]))
			.returningAll()
			.executeTakeFirst();
		if (row) claimed.push(row);
	}
	return claimed;
}

/** What one attempt did to a message. */
export type AttemptRecord =
	| { status: 'sent'; delivered?: string[] }
	| { status: 'pending'; error: string; nextAttemptAt: string; delivered?: string[] }
	| { status: 'failed'; error: string; delivered?: string[] }
	| { status: 'skipped'; error: string };

/**
 * Records an attempt on message `id` — only for the sender that holds its claim (`token`) while it
 * is still pending: a sender whose claim was taken over records nothing (false). A sent message
 * gets `sent_at`; one to try again its next time; the claim ends (the token stays, naming the last
 * run that tried it).
 */
export async function recordAttempt(trx: Trx, id: number, token: string, attempt: AttemptRecord, now: string): Promise<boolean> {
	const r = await trx
		.updateTable('outbox')
		.set((eb) => ({
			attempts: attempt.status === 'skipped' ? eb.ref('attempts') : eb('attempts', '+', 1),
			status: attempt.status,
			lastError: attempt.status === 'sent' ? null : attempt.error,
			...(attempt.status === 'pending' ? { nextAttemptAt: attempt.nextAttemptAt } : {}),
			...(attempt.status === 'sent' ? { sentAt: now } : {}),
			...('delivered' in attempt && attempt.delivered ? { delivered: JSON.stringify(attempt.delivered) } : {}),
			claimedUntil: null,
			updatedAt: now,
		}))
		.where('id', '=', id)
		.where('claimToken', '=', token)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** The message `id` as it is now. */
export async function findMessage(trx: Trx, id: number): Promise<OutboxRow | undefined> {
	return await trx.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** "Retry now": every pending message not held by a sender is due at `now`. How many were moved. */
export async function makePendingDue(trx: Trx, now: string): Promise<number> {
	const r = await trx
		.updateTable('outbox')
		.set({ nextAttemptAt: now, updatedAt: now })
		.where('status', '=', 'pending')
		.where('nextAttemptAt', '>', now)
		.where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<=', now)]))
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** The messages, newest first, of one status or all. */
export async function listMessages(trx: Trx, filter: { status?: OutboxStatus; limit?: number }): Promise<OutboxRow[]> {
	let q = trx.selectFrom('outbox').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc');
	if (filter.status) q = q.where('status', '=', filter.status);
	if (filter.limit !== undefined) q = q.limit(filter.limit);
	return await q.execute();
}

/** What the run holding `token` did: its messages by status now. */
export async function runCounts(trx: Trx, token: string): Promise<Record<OutboxStatus, number>> {
	const rows = await trx
		.selectFrom('outbox')
		.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
		.where('claimToken', '=', token)
		.groupBy('status')
		.execute();
	const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 };
	for (const r of rows) counts[r.status] = Number(r.n);
	return counts;
}

/** A message not sent, as the manager is shown it (the board, the daily line). */
export interface NotSentRow {
	id: number;
	channel: OutboxRow['channel'];
	kind: string;
	recipient: string | null;
	subject: string | null;
	status: OutboxStatus;
	attempts: number;
	lastError: string | null;
	ticketNumber: string | null;
	createdAt: string;
	updatedAt: string;
}

/**
 * The messages not sent, newest first, at most `limit`, and how many there are in all — in one
 * query (`count(*) over ()`): given up (`failed`) since `failedSince`, and, with `pendingBefore`,
 * still waiting though queued before it. Both parts are found by the index on (status, …).
 */
export async function messagesNotSent(
	trx: Trx,
	args: { failedSince: string; pendingBefore?: string; limit: number },
): Promise<{ rows: NotSentRow[]; total: number }> {
	const { failedSince, pendingBefore, limit } = args;
	const rows = await trx
		.selectFrom('outbox as o')
		.leftJoin('tickets as t', 't.id', 'o.ticketId')
		.select([
			'o.id',
			'o.channel',
			'o.kind',
			'o.recipient',
			'o.subject',
			'o.status',
			'o.attempts',
			'o.lastError',
			't.ticketNumber',
			'o.createdAt',
			'o.updatedAt',
			(eb) => eb.fn.countAll<number>().over().as('total'),
		])
		// SQLite keeps no histogram: without the hint it takes these statuses for a third of the outbox and reads all of it (a
		// year: every ticket's message, nearly all sent). They are a small part.
		.where((eb) => {
			const statuses = eb('o.status', 'in', pendingBefore === undefined ? ['failed'] : ['failed', 'pending']);
			return isPostgres(trx) ? statuses : sql<boolean>`likelihood(${statuses}, 0.01)`;
		})
		.where((eb) =>
			eb.or([
				eb.and([eb('o.status', '=', 'failed'), eb('o.updatedAt', '>=', failedSince)]),
				...(pendingBefore === undefined ? [] : [eb.and([eb('o.status', '=', 'pending'), eb('o.createdAt', '<=', pendingBefore)])]),
			]),
		)
		.orderBy('o.createdAt', 'desc')
		.orderBy('o.id', 'desc')
		.limit(limit)
		.execute();
	return {
		rows: rows.map(({ total: _total, ...r }) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts), ticketNumber: r.ticketNumber ?? null })),
		total: rows.length ? Number(rows[0].total) : 0,
	};
}

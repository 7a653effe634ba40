/**
 * The outbox's sender (发件箱, issue 19 item 3): claims the messages that are due, sends the staff
 * groups' and the SMS ones itself through the channel layer, hands the emails back to be sent by
 * n8n's Send Email node, and records every attempt with the claim it holds — sent, tried again
 * after the backoff, given up after 24 hours, or skipped when no channel is set.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Store } from '../store/store';
import type { ChannelsConfig } from '../channels/config';
import { sendOutgoing, staffOutgoing, type ChannelName, type Outgoing } from '../channels/dispatch';
import type { StaffMessage } from '../channels/markdown';
import type { FetchLike, SendResult } from '../channels/send';
import type { OutboxMessage, SmsPayload } from '../rules/outbox';
import {
	afterFailedAttempt,
	deliveryKey,
	EMAIL_OFF,
	NO_SMS_CHANNEL,
	NO_STAFF_CHANNEL,
	OUTBOX_LEASE_MINUTES,
	staffAttempt,
	type BodyOutcome,
	type OutboxStatus,
} from '../rules/outbox';
import {
	claimDueMessages,
	enqueueMessage,
	findMessage,
	makePendingDue,
	recordAttempt,
	runCounts,
	type AttemptRecord,
	type OutboxRow,
} from '../store/registers/outbox';

/** How many messages one run claims at most (the rest wait for the next run, minutes later). */
export const OUTBOX_BATCH = 50;

export interface SendOptions {
	channels: ChannelsConfig;
	/**
	 * The problems of the channel settings (`channelsFromCredential`): a staff message with no robot
	 * on, or an SMS with no provider on, waits (retried, then given up) while a setting of its kind
	 * has a problem — fixing the setting sends it — instead of being skipped as "not set".
	 */
	problems?: string[];
	fetch: FetchLike;
	/** The time now, as an ISO instant: read at the claim and at each record. */
	clock: () => string;
	/** "Retry now" (POST outbox/retry): every pending message is due first. */
	retryNow?: boolean;
	limit?: number;
	/** The run's claim token (default a new UUID). */
	token?: string;
}

export interface SendRun {
	/** The claim token of this run: every message it took carries it. */
	token: string;
	/** The email messages claimed: for Send Email, then `recordEmail` with this token. */
	emails: OutboxRow[];
	/** What became of the staff and SMS messages this run sent itself. */
	counts: Record<OutboxStatus, number>;
	/** What the run has to say (a channel not set, a platform down), one line each. */
	notes: string[];
}

const plusMinutes = (iso: string, minutes: number): string => DateTime.fromISO(iso, { setZone: true }).toUTC().plus({ minutes }).toISO()!;

function parse<T>(text: string): T | undefined {
	try {
		return JSON.parse(text) as T;
	} catch {
		return undefined;
	}
}

/** A failed attempt: tried again after the backoff, or given up (24 hours, or not retryable). */
function failure(row: OutboxRow, now: string, retryable: boolean, error: string, delivered?: string[]): AttemptRecord {
	const next = afterFailedAttempt(row.attempts + 1, now, row.giveUpAt, retryable);
	const given = next.status === 'failed' && retryable ? `${error} (已放弃 given up: tried since ${row.createdAt})` : error;
	return next.status === 'pending'
		? { status: 'pending', error, nextAttemptAt: next.nextAttemptAt, delivered }
		: { status: 'failed', error: given, delivered };
}

/**
 * A platform that failed with a retryable error (down, rate limited) is not asked again in the same
 * run: the messages after it wait for their next attempt instead of each waiting out a timeout.
 */
class Breaker {
	private readonly down = new Map<ChannelName, string>();

	async send(channels: ChannelsConfig, o: Outgoing, fetchLike: FetchLike, now: string): Promise<SendResult> {
		const before = this.down.get(o.channel);
		if (before) return { ok: false, retryable: true, error: `本次未再尝试 (not tried again in this run): ${before}` };
		const result = await sendOutgoing(channels, o, fetchLike, new Date(now));
		if (!result.ok && result.retryable) this.down.set(o.channel, result.error);
		return result;
	}
}

/** A problem of the SMS settings (it names an AFTER_SALES_SMS_… variable); the others are the robots'. */
const isSmsProblem = (problem: string): boolean => problem.startsWith('AFTER_SALES_SMS_');
const misconfigured = (problems: string[]): string =>
	`通知渠道设置有误 (the channel settings have a problem; fix them and it is sent): ${problems.join('; ')}`;

async function attemptStaff(row: OutboxRow, opts: SendOptions, breaker: Breaker, now: string): Promise<AttemptRecord> {
	const message = parse<StaffMessage>(row.payload);
	if (!message) return { status: 'failed', error: '消息内容无法读取 (the message cannot be read): its payload is not JSON' };
	let bodies: Outgoing[];
	try {
		bodies = staffOutgoing(opts.channels, message);
	} catch (error) {
		return { status: 'failed', error: `消息无法生成 (the message cannot be built): ${(error as Error).message}` };
	}
	if (!bodies.length) {
		const wrong = (opts.problems ?? []).filter((p) => !isSmsProblem(p));
		return wrong.length ? failure(row, now, true, misconfigured(wrong)) : { status: 'skipped', error: NO_STAFF_CHANNEL };
	}
	const delivered = parse<string[]>(row.delivered) ?? [];
	const parts = new Map<string, number>();
	const outcomes: BodyOutcome[] = [];
	for (const body of bodies) {
		const part = (parts.get(body.channel) ?? 0) + 1;
		parts.set(body.channel, part);
		const key = deliveryKey(body.channel, part);
		if (delivered.includes(key)) continue;
		const r = await breaker.send(opts.channels, body, opts.fetch, now);
		outcomes.push(r.ok ? { key, ok: true } : { key, ok: false, retryable: r.retryable, error: r.error });
	}
	const attempt = staffAttempt(delivered, outcomes);
	if (attempt.ok) return { status: 'sent', delivered: attempt.delivered };
	return failure(row, now, attempt.retryable, attempt.error ?? 'failed', attempt.delivered);
}

async function attemptSms(row: OutboxRow, opts: SendOptions, breaker: Breaker, now: string): Promise<AttemptRecord> {
	if (!opts.channels.sms) {
		const wrong = (opts.problems ?? []).filter(isSmsProblem);
		return wrong.length ? failure(row, now, true, misconfigured(wrong)) : { status: 'skipped', error: NO_SMS_CHANNEL };
	}
	const payload = parse<SmsPayload>(row.payload);
	if (!payload || !row.recipient) return { status: 'failed', error: '短信内容无法读取 (the SMS cannot be read): no payload or no mobile' };
	const r = await breaker.send(
		opts.channels,
		{ channel: 'sms', body: { kind: payload.kind, phone: row.recipient, params: payload.params } },
		opts.fetch,
		now,
	);
	return r.ok ? { status: 'sent' } : failure(row, now, r.retryable, r.error);
}

/**
 * One run of the sender: (retry now: every pending message due first), claim what is due, send
 * the staff and SMS messages and record each, and give back the emails claimed. A message whose
 * record finds its claim taken over (the run outlived its lease) is left to the run that holds it.
 */
export async function sendDueMessages(store: Store, opts: SendOptions): Promise<SendRun> {
	const token = opts.token ?? randomUUID();
	const start = opts.clock();
	if (opts.retryNow) await store.transaction((trx) => makePendingDue(trx, start));
	const claimed = await store.transaction((trx) =>
		claimDueMessages(trx, { now: start, token, claimedUntil: plusMinutes(start, OUTBOX_LEASE_MINUTES), limit: opts.limit ?? OUTBOX_BATCH }),
	);
	const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0, skipped: 0 };
	const notes = new Set<string>();
	const breaker = new Breaker();
	const emails: OutboxRow[] = [];
	for (const row of claimed) {
		if (row.channel === 'email') {
			emails.push(row);
			continue;
		}
		const now = opts.clock();
		const attempt = row.channel === 'staff' ? await attemptStaff(row, opts, breaker, now) : await attemptSms(row, opts, breaker, now);
		const recorded = await store.transaction((trx) => recordAttempt(trx, row.id, token, attempt, opts.clock()));
		if (!recorded) continue;
		counts[attempt.status]++;
		if (attempt.status === 'skipped') notes.add(attempt.error);
	}
	if (counts.pending)
		notes.add(`${counts.pending} 条消息发送失败，稍后重试 (messages failed and wait for their next attempt): see GET outbox?status=pending`);
	if (counts.failed) notes.add(`${counts.failed} 条消息已放弃 (messages given up): see GET outbox?status=failed`);
	return { token, emails, counts, notes: [...notes] };
}

/** An email's outcome after n8n's Send Email node: sent, failed with its error, or not sent because email is off. */
export type EmailOutcome = { ok: true } | { ok: false; error: string } | { off: true };

/**
 * Records what Send Email did with message `id`, for the run holding `token`. A failure is tried
 * again after the backoff (an SMTP server down or refusing for now) until the message is given up.
 * Answers the message's status now, and whether this record was taken (false: not this run's claim).
 */
export async function recordEmailOutcome(
	store: Store,
	args: { id: number; token: string; outcome: EmailOutcome; now: string },
): Promise<{ recorded: boolean; row?: OutboxRow }> {
	return await store.transaction(async (trx) => {
		const row = await findMessage(trx, args.id);
		if (!row || row.channel !== 'email') return { recorded: false, row };
		const o = args.outcome;
		const attempt: AttemptRecord =
			'off' in o
				? { status: 'skipped', error: EMAIL_OFF }
				: o.ok
					? { status: 'sent' }
					: failure(row, args.now, true, `邮件发送失败 (email not sent): ${o.error}`);
		const recorded = await recordAttempt(trx, row.id, args.token, attempt, args.now);
		return { recorded, row: await findMessage(trx, row.id) };
	});
}

/** What the run holding `token` did, counted from the store (after its emails were recorded). */
export async function runResult(store: Store, token: string): Promise<{ sent: number; failed: number; skipped: number; waiting: number }> {
	const c = await store.transaction((trx) => runCounts(trx, token));
	return { sent: c.sent, failed: c.failed + c.pending, skipped: c.skipped, waiting: c.pending };
}

/** A message as `GET outbox` answers it (RECORDS *Notifications*). */
export function outboxView(row: OutboxRow): Record<string, unknown> {
	return {
		id: row.id,
		channel: row.channel,
		to: row.recipient,
		kind: row.kind,
		subject: row.subject,
		attempts: row.attempts,
		lastError: row.lastError,
		status: row.status,
		createdAt: row.createdAt,
		sentAt: row.sentAt,
	};
}

/**
 * Queues one email a workflow sends itself (Queue Email): once per key — false when that key was
 * queued before (a retried run, the same digest again), and nothing is changed.
 */
export async function queueEmail(store: Store, m: OutboxMessage, now: string): Promise<boolean> {
	return await store.transaction((trx) => enqueueMessage(trx, m, now), { idempotent: true });
}

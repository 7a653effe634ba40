/**
 * The outbox's messages (发件箱, issue 19, RECORDS *Notifications*): what a change queues, with no
 * n8n, no SQL and no clock. A message is written with the change that causes it and sent after the
 * commit; `key` names it so one change never queues one message twice.
 */
import { DateTime } from 'luxon';
import { fieldError, shown } from './errors';
import type { StaffMessage } from './staff-message';
import type { SmsKind } from './sms-kinds';

/** How long a message is tried before it is given up and listed for the manager. */
export const OUTBOX_GIVE_UP_HOURS = 24;

export interface EmailAttachment {
	filename: string;
	contentType: string;
	/** The file's bytes, Base64. */
	base64: string;
}

/** An email as the sender hands it to n8n's Send Email node. */
export interface EmailPayload {
	text: string;
	html?: string;
	attachments?: EmailAttachment[];
}

/** An SMS as the channel layer sends it (the mobile is the message's recipient). */
export interface SmsPayload {
	kind: SmsKind;
	params: Record<string, string | number | undefined>;
}

export type OutboxMessage =
	| { key: string; channel: 'staff'; kind: StaffMessage['kind']; subject?: string; payload: StaffMessage; ticketId?: number | null }
	| { key: string; channel: 'sms'; kind: SmsKind; to: string; payload: SmsPayload; ticketId?: number | null }
	| { key: string; channel: 'email'; kind: string; to: string; subject: string; payload: EmailPayload; ticketId?: number | null };

/** The moment a message queued at `now` is given up if it has not gone out. */
export function outboxGiveUpAt(now: string): string {
	return DateTime.fromISO(now, { setZone: true }).toUTC().plus({ hours: OUTBOX_GIVE_UP_HOURS }).toISO()!;
}

/** The statuses a message has: waiting or tried again later, gone, given up, or not sendable (no channel set). */
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * How long after a failed attempt the next one is made, in minutes: after the 1st failure 1, then
 * 2, 5, 10, 20, 30, and every 60 from the 7th on — until the message is given up.
 */
export const OUTBOX_BACKOFF_MINUTES: readonly number[] = [1, 2, 5, 10, 20, 30, 60];

/** How long a sender holds the messages it claimed (then another sender may take them). */
export const OUTBOX_LEASE_MINUTES = 10;

/** The wait after the `attempts`-th failed attempt (1 = the first). */
export function backoffMinutes(attempts: number): number {
	const n = Math.max(1, Math.floor(attempts));
	return OUTBOX_BACKOFF_MINUTES[Math.min(n, OUTBOX_BACKOFF_MINUTES.length) - 1];
}

/** What becomes of a message after a failed attempt. */
export type AfterFailure = { status: 'pending'; nextAttemptAt: string } | { status: 'failed' };

/**
 * After the `attempts`-th attempt failed at `now`: a non-retryable error (a bad address, template,
 * signature) fails the message at once; a retryable one is tried again after the backoff — the last
 * try at `giveUpAt` at the latest — and a failure at or after `giveUpAt` gives it up.
 */
export function afterFailedAttempt(attempts: number, now: string, giveUpAt: string, retryable: boolean): AfterFailure {
	if (!retryable) return { status: 'failed' };
	const at = DateTime.fromISO(now, { setZone: true }).toUTC();
	const end = DateTime.fromISO(giveUpAt, { setZone: true }).toUTC();
	if (at >= end) return { status: 'failed' };
	const next = at.plus({ minutes: backoffMinutes(attempts) });
	return { status: 'pending', nextAttemptAt: (next < end ? next : end).toISO()! };
}

/**
 * The name a staff body is remembered by once a robot took it (`delivered`): the platform, and the
 * digest part when a message is split (`wecom`, `wecom#2` …).
 */
export function deliveryKey(channel: string, part: number): string {
	return part <= 1 ? channel : `${channel}#${part}`;
}

/** One body's outcome of a staff message's attempt. */
export interface BodyOutcome {
	key: string;
	ok: boolean;
	retryable?: boolean;
	error?: string;
}

/**
 * The attempt of a staff message over every configured robot: what is now delivered (the earlier
 * ones kept), whether everything went, and — when not — whether another try can help (any failure
 * retryable) and the errors, each with its robot.
 */
export function staffAttempt(
	delivered: readonly string[],
	outcomes: readonly BodyOutcome[],
): { delivered: string[]; ok: boolean; retryable: boolean; error?: string } {
	const now = [...delivered];
	for (const o of outcomes) if (o.ok && !now.includes(o.key)) now.push(o.key);
	const failed = outcomes.filter((o) => !o.ok);
	if (!failed.length) return { delivered: now, ok: true, retryable: false };
	return {
		delivered: now,
		ok: false,
		retryable: failed.some((o) => o.retryable),
		error: failed.map((o) => `${o.key}: ${o.error ?? 'failed'}`).join('; '),
	};
}

/** The message a staff row is given when no robot is set (status skipped). */
export const NO_STAFF_CHANNEL =
	'未设置员工群通知渠道 (no staff channel is set): set AFTER_SALES_WECOM_WEBHOOK_URL, …_DINGTALK_… or …_FEISHU_… (or fill the After-Sales Channels credential); nothing was sent';
/** The message an SMS row is given when no SMS provider is set (status skipped). */
export const NO_SMS_CHANNEL =
	'未设置短信服务 (no SMS provider is set): set AFTER_SALES_SMS_PROVIDER and its variables (or fill the After-Sales Channels credential); nothing was sent';
/** The message an email row is given when email is off (status skipped). */
export const EMAIL_OFF = '邮件未开启 (email is off): set AFTER_SALES_SMTP_HOST; nothing was sent';

/** The status filter of `GET outbox?status=`: empty for all, else one of the statuses. */
export function parseOutboxStatus(value: unknown): OutboxStatus | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const v = typeof value === 'string' ? value.trim() : value;
	if (v === '') return undefined;
	if (typeof v === 'string' && (OUTBOX_STATUSES as readonly string[]).includes(v)) return v as OutboxStatus;
	throw fieldError('status', `状态 (status): ${shown(value)} is not one of ${OUTBOX_STATUSES.join(', ')}`);
}

/**
 * The messages not sent that the manager is shown (issue 19): the board lists those given up in
 * the last `BOARD_NOT_SENT_DAYS` days and those still waiting `NOT_SENT_PENDING_MINUTES` after they
 * were queued (a platform down, a setting with a problem); older failures stay in `GET
 * outbox?status=failed`. The daily line counts those given up in the last `DAILY_NOT_SENT_HOURS` hours.
 */
export const NOT_SENT_PENDING_MINUTES = 60;
export const BOARD_NOT_SENT_DAYS = 7;
export const DAILY_NOT_SENT_HOURS = 24;

/** The moments bounding the messages not sent at `now`: given up since `failedSince`, waiting since before `pendingBefore`. */
export function notSentWindow(now: string, o: { failedHours: number; pendingMinutes?: number }): { failedSince: string; pendingBefore?: string } {
	const at = DateTime.fromISO(now, { setZone: true }).toUTC();
	if (!at.isValid) throw new Error(`Not an instant: ${now}`);
	return {
		failedSince: at.minus({ hours: o.failedHours }).toISO()!,
		...(o.pendingMinutes === undefined ? {} : { pendingBefore: at.minus({ minutes: o.pendingMinutes }).toISO()! }),
	};
}

/** The manager's daily line: '' when nothing was given up, else the count and where to look (`hours`: the window, 24 by default). */
export function notSentLine(count: number, hours: number = DAILY_NOT_SENT_HOURS): string {
	if (!Number.isInteger(count) || count <= 0) return '';
	const zh = hours === 24 ? '昨日发送失败的消息' : `近 ${hours} 小时发送失败的消息`;
	return `${zh} ${count} 条 / ${count} ${count === 1 ? 'message' : 'messages'} not sent in the last ${hours} h — see GET outbox?status=failed`;
}

/** A message not sent as the manager's email lists it. */
export interface NotSentItem {
	channel: string;
	kind: string;
	recipient: string | null;
	subject: string | null;
	ticketNumber: string | null;
	attempts: number;
	lastError: string | null;
	createdAt: string;
}

/**
 * The manager's email text: the daily line, then one line per message (queued at, in `zone`; kind;
 * to; subject or ticket; attempts; last error) and "还有 N 条 / N more" when `total` is more than
 * listed. '' when `total` is 0.
 */
export function notSentText(messages: readonly NotSentItem[], total: number, zone: string, hours: number = DAILY_NOT_SENT_HOURS): string {
	const line = notSentLine(total, hours);
	if (!line) return '';
	const lines = messages.map((m) =>
		[
			DateTime.fromISO(m.createdAt, { setZone: true }).setZone(zone).toFormat('yyyy-MM-dd HH:mm'),
			`${m.channel} ${m.kind}`,
			m.recipient ?? '员工群 staff groups',
			m.subject ?? m.ticketNumber ?? '—',
			`${m.attempts} 次 attempts`,
			m.lastError ?? '—',
		].join(' · '),
	);
	const more = total - messages.length;
	return [line, '', ...lines.map((l) => `- ${l}`), ...(more > 0 ? [`还有 ${more} 条 / ${more} more`] : [])].join('\n');
}

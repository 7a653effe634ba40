/**
 * The outbox's messages (发件箱, issue 19, RECORDS *Notifications*): what a change queues, with no
 * n8n, no SQL and no clock. A message is written with the change that causes it and sent after the
 * commit; `key` names it so one change never queues one message twice.
 */
import { DateTime } from 'luxon';
import type { StaffMessage } from '../channels/markdown';
import type { SmsKind } from '../channels/sms';

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

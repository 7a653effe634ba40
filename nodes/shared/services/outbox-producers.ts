/**
 * The messages a change writes to the outbox with itself (issue 19 items 1 and 2), called inside
 * the change's own transaction: a new ticket to the staff groups (with its signed voucher link when
 * the node gave the address to sign it under), the technician added once the dispatch that follows
 * assigns one, a ticket nobody can take, the survey link by SMS to a customer without email.
 * Sending is the outbox's business (afterSalesOutbox01), after the commit.
 */
import type { Trx } from '../store/schema';
import type { StaffMessage } from '../channels/markdown';
import type { OutboxMessage } from '../rules/outbox';
import { enqueueMessage } from '../store/registers/outbox';
import { changeWaitingPayload } from '../store/registers/outbox-pending';
import { surveySigner } from '../store/secrets';
import { documentLinkExpiresAt, signDocumentLink } from '../rules/document-link';
import {
	customerContact,
	newTicketKey,
	newTicketMessage,
	surveySmsMessage,
	technicianText,
	unassignedMessage,
	type NewTicketFacts,
} from '../rules/outbox-messages';

/** The zone of the shipped workflows (their settings.timezone), for a caller that gives none. */
export const DEFAULT_NOTICE_ZONE = 'Asia/Shanghai';

/** What the node layer knows and the store does not: the workflow's timezone and n8n's address. */
export interface NoticeContext {
	/** The workflow's timezone: the due time as staff read it. */
	zone: string;
	/**
	 * Where the document webhooks answer, absolute (e.g. https://service.example.com/webhook/after-sales/);
	 * without it the message goes without the voucher link.
	 */
	documentLinkBase?: string | null;
}

/** The signed address of a document path under `base` (as Document Link's Sign Link makes it). */
export async function signedDocumentUrl(trx: Trx, path: string, base: string, now: string): Promise<string> {
	const link = signDocumentLink(path, documentLinkExpiresAt(now), await surveySigner(trx));
	return `${base.endsWith('/') ? base : `${base}/`}${link.urlPath}/${link.token}`;
}

/**
 * The new ticket's message for the staff groups, its voucher link signed; for a writer that queues
 * it in its own statement (the intake, with the ticket on PostgreSQL).
 */
export async function newTicketOutboxMessage(trx: Trx, t: NewTicketFacts, now: string, o: NoticeContext): Promise<OutboxMessage> {
	const link = o.documentLinkBase ? await signedDocumentUrl(trx, `repairs/${t.ticketNumber}/documents/voucher`, o.documentLinkBase, now) : null;
	return newTicketMessage(t, o.zone, link);
}

/** Queues the new ticket's message for the staff groups (once a ticket). */
export async function queueNewTicket(trx: Trx, t: NewTicketFacts, now: string, o: NoticeContext): Promise<boolean> {
	return await enqueueMessage(trx, await newTicketOutboxMessage(trx, t, now, o), now);
}

/**
 * The technician the dispatch assigned, added to the ticket's new-ticket message while it still
 * waits (the intake's dispatch runs right after the ticket is written, before the outbox is sent).
 */
export async function addTechnicianToNewTicket(
	trx: Trx,
	ticketNumber: string,
	technician: { name: string; phone?: string | null },
	now: string,
): Promise<boolean> {
	return await changeWaitingPayload<StaffMessage>(
		trx,
		newTicketKey(ticketNumber),
		(m) => {
			const technicianLine = technicianText(technician);
			if (!m.items?.length || m.items[0].technician === technicianLine) return null;
			return { ...m, items: [{ ...m.items[0], technician: technicianLine }, ...m.items.slice(1)] };
		},
		now,
	);
}

/** Queues "nobody can take it" for a ticket the dispatch left waiting (once a ticket). */
export async function queueUnassigned(trx: Trx, t: NewTicketFacts, reason: string, now: string, zone: string): Promise<boolean> {
	return await enqueueMessage(trx, unassignedMessage(t, reason, zone), now);
}

/**
 * Queues the survey link by SMS when the customer has no email and a mainland mobile (the ticket's
 * number first, then the customer file's); with an email the survey email goes as before. Answers
 * the channel chosen.
 */
export async function queueSurveySms(
	trx: Trx,
	s: { ticketId: number; ticketNumber: string; name: string; email: string | null; phones: Array<string | null>; url: string },
	now: string,
): Promise<'email' | 'sms' | 'none'> {
	const contact = customerContact({ email: s.email, phones: s.phones });
	if (contact.channel === 'sms') {
		await enqueueMessage(
			trx,
			surveySmsMessage({ ticketNumber: s.ticketNumber, ticketId: s.ticketId, name: s.name, url: s.url, mobile: contact.to }),
			now,
		);
	}
	return contact.channel;
}

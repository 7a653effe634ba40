/**
 * The messages a change writes to the outbox with itself (issue 19 items 1 and 2), called inside
 * the change's own transaction: a new ticket to the staff groups (with its signed voucher link when
 * the node gave the address to sign it under), the technician added once the dispatch that follows
 * assigns one, a ticket nobody can take, and the customer's SMS when they have no email — the
 * survey link, the product ready (验讫), the complaint's reply, the tile order's payment notice, the
 * contract's expiry notice. Sending is the outbox's business (afterSalesOutbox01), after the commit.
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
	expirySmsMessage,
	newTicketKey,
	newTicketMessage,
	paymentSmsMessage,
	readySmsMessage,
	replySmsMessage,
	smsName,
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

/**
 * Signs document paths under `base` (as Document Link's Sign Link makes them), the store's secret
 * read once: for a list that links many documents.
 */
export async function documentUrlSigner(trx: Trx, base: string, now: string): Promise<(path: string) => string> {
	const sign = await surveySigner(trx);
	const expiresAt = documentLinkExpiresAt(now);
	const root = base.endsWith('/') ? base : `${base}/`;
	return (path) => {
		const link = signDocumentLink(path, expiresAt, sign);
		return `${root}${link.urlPath}/${link.token}`;
	};
}

/** The signed address of a document path under `base` (as Document Link's Sign Link makes it). */
export async function signedDocumentUrl(trx: Trx, path: string, base: string, now: string): Promise<string> {
	return (await documentUrlSigner(trx, base, now))(path);
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

/** Queues the product-ready SMS (验讫) to the mobile the step chose (`feedbackContact`): once a ticket. */
export async function queueReadySms(
	trx: Trx,
	s: { ticketId: number; ticketNumber: string; customerName: string; contactPerson: string | null; returnOn: string; mobile: string },
	now: string,
): Promise<boolean> {
	const name = smsName(s.customerName, s.contactPerson);
	return await enqueueMessage(
		trx,
		readySmsMessage({ ticketId: s.ticketId, ticketNumber: s.ticketNumber, name, returnOn: s.returnOn, mobile: s.mobile }),
		now,
	);
}

/** Queues the complaint's reply SMS to the mobile the step chose (`feedbackContact`): once a complaint. */
export async function queueReplySms(
	trx: Trx,
	s: { complaintNumber: string; ticketId: number | null; customerName: string; contactPerson: string | null; mobile: string },
	now: string,
): Promise<boolean> {
	const name = smsName(s.customerName, s.contactPerson);
	return await enqueueMessage(trx, replySmsMessage({ complaintNumber: s.complaintNumber, ticketId: s.ticketId, name, mobile: s.mobile }), now);
}

/**
 * Queues the tile order's payment notice by SMS when the order has no email and a mainland mobile
 * (the order's number first, then the customer file's) and something is due; once an order (the
 * notice issued again sends none). Answers the channel.
 */
export async function queuePaymentSms(
	trx: Trx,
	s: {
		orderNumber: string;
		customerName: string;
		contactPerson: string | null;
		email: string | null;
		phones: Array<string | null>;
		amountFen: number;
	},
	now: string,
): Promise<'email' | 'sms' | 'none'> {
	const contact = customerContact({ email: s.email, phones: s.phones });
	if (contact.channel === 'sms' && s.amountFen > 0) {
		const name = smsName(s.customerName, s.contactPerson);
		await enqueueMessage(trx, paymentSmsMessage({ orderNumber: s.orderNumber, name, amountFen: s.amountFen, mobile: contact.to }), now);
	}
	return contact.channel;
}

/**
 * Queues the contract's expiry notice by SMS when the customer file has no email and a mainland
 * mobile; once a notice. Answers the mobile it went to, else null.
 */
export async function queueExpirySms(
	trx: Trx,
	s: { contractNo: string; noticedOn: string; endsOn: string; customerName: string; contactPerson: string | null },
	file: { email: string | null; phone: string | null },
	now: string,
): Promise<string | null> {
	const contact = customerContact({ email: file.email, phones: [file.phone] });
	if (contact.channel !== 'sms') return null;
	const name = smsName(s.customerName, s.contactPerson);
	await enqueueMessage(trx, expirySmsMessage({ contractNo: s.contractNo, noticedOn: s.noticedOn, endsOn: s.endsOn, name, mobile: contact.to }), now);
	return contact.to;
}

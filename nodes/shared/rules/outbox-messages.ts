/**
 * The messages a change queues in the outbox (issue 19 items 1, 2 and 6), pure: a new ticket for
 * the staff groups, a ticket nobody can take, the customer's SMS (survey link, product ready, reply
 * letter, payment notice, contract expiry), and the channel a customer is reached by — email when the customer file has an address, else the mobile, else none (the desk
 * calls). No n8n, no SQL, no clock: the caller gives the moment, the zone and the signed link.
 */
import { DateTime } from 'luxon';
import type { EmailAttachment, OutboxMessage } from './outbox';
import { fieldError } from './errors';
import { normalizeMainlandPhone } from './phone';

/** An email address as the customer file keeps it (the check of every email field here). */
export const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A mainland mobile (11 digits, 1…) as dialled, or null for a landline, a service number or no number. */
export function mainlandMobile(phone: unknown): string | null {
	if (phone === null || phone === undefined || phone === '') return null;
	try {
		const n = normalizeMainlandPhone(phone, 'phone');
		return /^1\d{10}$/.test(n) ? n : null;
	} catch {
		return null;
	}
}

export type CustomerContact = { channel: 'email'; to: string } | { channel: 'sms'; to: string } | { channel: 'none' };

/**
 * How a message reaches the customer (item 6): the customer file's email when it has a valid one;
 * else SMS to the first mainland mobile among `phones` (the number given with the job first, then
 * the file's); else none — the desk calls, as before.
 */
export function customerContact(c: { email?: string | null; phones: ReadonlyArray<string | null | undefined> }): CustomerContact {
	const email = (c.email ?? '').trim();
	if (email && EMAIL_ADDRESS.test(email)) return { channel: 'email', to: email };
	for (const p of c.phones) {
		const mobile = mainlandMobile(p);
		if (mobile) return { channel: 'sms', to: mobile };
	}
	return { channel: 'none' };
}

/** A due time as staff read it in the group: `YYYY-MM-DD HH:mm` in the workflow's timezone. */
export function staffTime(iso: string, zone: string): string {
	const at = DateTime.fromISO(iso, { setZone: true });
	return at.isValid ? at.setZone(zone).toFormat('yyyy-MM-dd HH:mm') : iso;
}

/** A technician as the group reads it: name and phone. */
export function technicianText(k: { name: string; phone?: string | null }): string {
	return [k.name, k.phone ?? ''].filter((s) => s.trim() !== '').join(' ');
}

export interface NewTicketFacts {
	id?: number;
	ticketNumber: string;
	customerName: string;
	contactPerson?: string | null;
	phone?: string | null;
	address: string;
	siteSituation: string;
	dueAt: string;
	technician?: { name: string; phone?: string | null } | null;
}

/** The key of a ticket's new-ticket message: one a ticket. */
export const newTicketKey = (ticketNumber: string): string => `new-ticket:${ticketNumber}`;
/** The key of a ticket's "nobody can take it" message: one a ticket. */
export const unassignedKey = (ticketNumber: string): string => `unassigned:${ticketNumber}`;
/** The key of a ticket's survey SMS: one a ticket (a ticket has one survey). */
export const surveySmsKey = (ticketNumber: string): string => `survey:${ticketNumber}`;

/** Who a record is about, as one line: the customer, the contact when another person, the phone. */
export function whoText(name: string, contact?: string | null, phone?: string | null): string {
	return [name, contact && contact !== name ? contact : null, phone].filter((s): s is string => Boolean(s && s.trim())).join(' ');
}

const customerOf = (t: NewTicketFacts): string => whoText(t.customerName, t.contactPerson, t.phone);

/** The staff groups' message for a ticket just registered (新报修): number, customer, address, technician, due time, fault, voucher link. */
export function newTicketMessage(t: NewTicketFacts, zone: string, voucherLink?: string | null): OutboxMessage {
	return {
		key: newTicketKey(t.ticketNumber),
		channel: 'staff',
		kind: 'new-ticket',
		subject: `新报修 New ticket ${t.ticketNumber}`,
		ticketId: t.id ?? null,
		payload: {
			kind: 'new-ticket',
			items: [
				{
					ticket: t.ticketNumber,
					customer: customerOf(t),
					address: t.address,
					...(t.technician ? { technician: technicianText(t.technician) } : {}),
					due: staffTime(t.dueAt, zone),
					text: t.siteSituation,
					...(voucherLink ? { link: voucherLink } : {}),
				},
			],
		},
	};
}

/** The staff groups' message for a ticket the dispatch could not give anyone (报修无人可派), with the reason. */
export function unassignedMessage(t: NewTicketFacts, reason: string, zone: string): OutboxMessage {
	return {
		key: unassignedKey(t.ticketNumber),
		channel: 'staff',
		kind: 'unassigned',
		subject: `报修无人可派 No technician for ${t.ticketNumber}`,
		ticketId: t.id ?? null,
		payload: {
			kind: 'unassigned',
			items: [
				{
					ticket: t.ticketNumber,
					customer: customerOf(t),
					address: t.address,
					due: staffTime(t.dueAt, zone),
					text: `${reason}｜${t.siteSituation}`,
				},
			],
		},
	};
}

/** The survey link by SMS (template params name, ticket, url) to a customer without email. */
export function surveySmsMessage(s: { ticketNumber: string; ticketId?: number; name: string; url: string; mobile: string }): OutboxMessage {
	return {
		key: surveySmsKey(s.ticketNumber),
		channel: 'sms',
		kind: 'survey',
		to: s.mobile,
		ticketId: s.ticketId ?? null,
		payload: { kind: 'survey', params: { name: s.name, ticket: s.ticketNumber, url: s.url } },
	};
}

/** The key of a ticket's product-ready SMS: one a ticket. */
export const readySmsKey = (ticketNumber: string): string => `ready:${ticketNumber}`;
/** The key of a complaint's reply SMS: one a complaint. */
export const replySmsKey = (complaintNumber: string): string => `reply:${complaintNumber}`;
/** The key of a tile order's payment-notice SMS: one an order (issuing the notice again sends none). */
export const paymentSmsKey = (orderNumber: string): string => `payment:${orderNumber}`;
/** The key of a contract's expiry SMS: one an expiry notice, named by the contract and the day it was noticed. */
export const expirySmsKey = (contractNo: string, noticedOn: string): string => `expiry:${contractNo}:${noticedOn}`;

/** The name an SMS greets: the contact person, else the customer. */
export function smsName(customerName: string, contactPerson?: string | null): string {
	return contactPerson?.trim() || customerName.trim();
}

/** The product is repaired and passed inspection (验讫): template params name, ticket, date (the day it comes back). */
export function readySmsMessage(s: { ticketNumber: string; ticketId?: number; name: string; returnOn: string; mobile: string }): OutboxMessage {
	return {
		key: readySmsKey(s.ticketNumber),
		channel: 'sms',
		kind: 'ready',
		to: s.mobile,
		ticketId: s.ticketId ?? null,
		payload: { kind: 'ready', params: { name: s.name, ticket: s.ticketNumber, date: s.returnOn } },
	};
}

/** The complaint is answered (函告): template params name, complaint. */
export function replySmsMessage(s: { complaintNumber: string; ticketId?: number | null; name: string; mobile: string }): OutboxMessage {
	return {
		key: replySmsKey(s.complaintNumber),
		channel: 'sms',
		kind: 'reply',
		to: s.mobile,
		ticketId: s.ticketId ?? null,
		payload: { kind: 'reply', params: { name: s.name, complaint: s.complaintNumber } },
	};
}

/** The tile order's payment notice (付款通知单): template params name, order, amount — in fen; the channel shows yuan. */
export function paymentSmsMessage(s: { orderNumber: string; name: string; amountFen: number; mobile: string }): OutboxMessage {
	return {
		key: paymentSmsKey(s.orderNumber),
		channel: 'sms',
		kind: 'payment',
		to: s.mobile,
		ticketId: null,
		payload: { kind: 'payment', params: { name: s.name, order: s.orderNumber, amount: s.amountFen } },
	};
}

/** The maintenance contract's expiry notice (保养到期通知书): template params name, contract, date (the day it ends). */
export function expirySmsMessage(s: { contractNo: string; noticedOn: string; name: string; endsOn: string; mobile: string }): OutboxMessage {
	return {
		key: expirySmsKey(s.contractNo, s.noticedOn),
		channel: 'sms',
		kind: 'expiry',
		to: s.mobile,
		ticketId: null,
		payload: { kind: 'expiry', params: { name: s.name, contract: s.contractNo, date: s.endsOn } },
	};
}

/** An email a workflow queues itself (Register › Outbox › Queue Email): its parts as the node was given them. */
export interface QueuedEmailInput {
	to: string;
	subject: string;
	text: string;
	html?: string;
	key: string;
	attachments?: EmailAttachment[];
}

/**
 * The outbox email of a workflow's own email (a scan's digest): refused with a clerk-readable
 * message when it has no recipient, a recipient that is no email address, or no key. Several
 * recipients may be given separated by commas (as Send Email takes them); each must be an
 * address. The kind is the key's first part (`cash-list-email:2026-03-02` → cash-list-email).
 */
export function queuedEmailMessage(e: QueuedEmailInput): OutboxMessage {
	const key = e.key.trim();
	if (!key)
		throw fieldError('messageKey', 'Message Key (消息键): is empty; expected a key naming the email once, such as cash-list-email:2026-03-02');
	const to = e.to.trim();
	if (!to) throw fieldError('toEmail', 'To (收件人): is empty; expected an email address such as zhang.wei@example.com');
	const addresses = to
		.split(/[,;，；]/)
		.map((s) => s.trim())
		.filter(Boolean);
	const bad = addresses.find((a) => !EMAIL_ADDRESS.test(a.replace(/^.*<([^>]+)>$/, '$1')));
	if (bad !== undefined || !addresses.length)
		throw fieldError('toEmail', `To (收件人): "${bad ?? to}" is not an email address; expected something like zhang.wei@example.com`);
	const html = e.html?.trim() ? e.html : undefined;
	const attachments = e.attachments?.length ? e.attachments : undefined;
	return {
		key,
		channel: 'email',
		kind: key.split(':')[0].trim() || 'email',
		to: addresses.join(', '),
		subject: e.subject,
		payload: { text: e.text, ...(html ? { html } : {}), ...(attachments ? { attachments } : {}) },
	};
}

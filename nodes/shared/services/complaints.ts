/**
 * Complaints (客户投诉, P17) as use cases: register one (from a survey answer or taken down by a
 * clerk), record the reply, close it, and the notices — the manager told at once (the company
 * manager for a serious one), late replies escalated once per period — taken by one run at a time.
 */
import { DateTime } from 'luxon';
import type { Store, Trx } from '../store/store';
import { RuleViolation } from '../rules/errors';
import {
	cleanReply,
	complaintNoticeDue,
	nextComplaintStatus,
	noticeRecipient,
	replyDue,
	REPLY_DAYS,
	type ComplaintChannel,
	type ComplaintNotice,
	type ComplaintSeverity,
	type ComplaintStatus,
	type ReplyMethod,
} from '../rules/complaints';
import { complaintNumber } from '../rules/follow-up';
import { nextInSequence } from '../store/counters';
import { recordEvent, requireTicket, ticketStatus } from '../store/registers/tickets';
import {
	claimForNotice,
	findComplaint,
	insertComplaint,
	listComplaints,
	markNoticeSent,
	noticeCandidates,
	replyFields,
	requireComplaint,
	writeStatus,
	type Complaint,
	type ComplaintFilter,
} from '../store/registers/complaints';

/** A complaint as nodes and webhooks give it out. */
export interface ComplaintView {
	complaintNumber: string;
	ticketNumber: string;
	surveyNumber: string | null;
	severity: ComplaintSeverity;
	text: string;
	channel: string;
	receivedAt: string;
	replyDueOn: string;
	status: ComplaintStatus;
	/** The reply is late at the time of the request. */
	overdue: boolean;
	/** Who is told of it: the company manager (serious) or the service department's manager. */
	notifyTo: 'company-manager' | 'service-manager';
	notifiedAt: string | null;
	escalatedPeriod: number;
	customerName: string;
	contactPerson: string | null;
	phone: string;
	address: string;
	technician: { name: string; phone: string } | null;
	reply: { method: ReplyMethod; repliedAt: string; text: string; repliedBy: string | null } | null;
	closedAt: string | null;
	closedBy: string | null;
}

export function complaintView(c: Complaint, now: string): ComplaintView {
	return {
		complaintNumber: c.complaintNumber,
		ticketNumber: c.ticketNumber,
		surveyNumber: c.surveyNumber,
		severity: c.severity,
		text: c.text,
		channel: c.channel,
		receivedAt: c.receivedAt,
		replyDueOn: c.replyDueOn,
		status: c.status,
		overdue: c.status === 'open' && c.replyDueAt <= now,
		notifyTo: noticeRecipient(c.severity),
		notifiedAt: c.notifiedAt,
		escalatedPeriod: Number(c.escalatedPeriod),
		customerName: c.customerName,
		contactPerson: c.contactPerson,
		phone: c.phone,
		address: c.address,
		technician: c.technician ? { name: c.technician.name, phone: c.technician.phone } : null,
		reply: c.replyMethod && c.repliedAt ? { method: c.replyMethod, repliedAt: c.repliedAt, text: c.replyText ?? '', repliedBy: c.repliedBy } : null,
		closedAt: c.closedAt,
		closedBy: c.closedBy,
	};
}

export interface ComplaintOptions {
	now: string;
	zone: string;
	actor: string;
	replyDays?: Record<ComplaintSeverity, number>;
}

/**
 * Registers a complaint in the caller's transaction: the day's next TS- number, the reply due
 * (serious 3 days, general 7), the ticket's history noting it.
 */
export async function registerComplaint(
	trx: Trx,
	c: { ticketId: number; surveyId: number | null; severity: ComplaintSeverity; text: string; channel: ComplaintChannel | string },
	o: ComplaintOptions,
	caller: ComplaintCaller = {},
): Promise<ComplaintView> {
	const today = DateTime.fromISO(o.now).setZone(o.zone).toISODate()!;
	const due = replyDue(o.now, c.severity, o.zone, o.replyDays ?? REPLY_DAYS);
	const complaint = await insertComplaint(
		trx,
		{ complaintNumber: complaintNumber(today, await nextInSequence(trx, 'complaint', today)), ...c, receivedAt: o.now, ...due },
		o.actor,
		o.now,
	);
	const t = { status: await ticketStatus(trx, c.ticketId) };
	await recordEvent(trx, c.ticketId, 'complaint', t.status, t.status, o.actor, o.now, {
		complaintNumber: complaint.complaintNumber,
		severity: c.severity,
		...caller,
	});
	return complaintView(complaint, o.now);
}

/** Who complained, as the clerk took it down: kept in the ticket's history with the complaint. */
export interface ComplaintCaller {
	customerName?: string;
	phone?: string;
	orderNumber?: string;
}

/** A complaint a clerk takes down (by phone, letter, in person) about a ticket. */
export async function createComplaint(
	store: Store,
	c: { ticketNumber: string; severity: ComplaintSeverity; text: string; channel: ComplaintChannel; caller?: ComplaintCaller },
	o: ComplaintOptions,
): Promise<ComplaintView> {
	return await store.transaction(async (trx) => {
		const t = await requireTicket(trx, { ticketNumber: c.ticketNumber });
		return await registerComplaint(trx, { ticketId: t.id, surveyId: null, severity: c.severity, text: c.text, channel: c.channel }, o, c.caller);
	});
}

export async function getComplaint(store: Store, number: string, now: string): Promise<ComplaintView> {
	return await store.transaction(async (trx) => complaintView(await requireComplaint(trx, { complaintNumber: number }), now));
}

export async function findComplaints(store: Store, f: ComplaintFilter, now: string): Promise<ComplaintView[]> {
	return await store.transaction(async (trx) => (await listComplaints(trx, f)).map((c) => complaintView(c, now)));
}

async function step(
	store: Store,
	number: string,
	action: 'reply' | 'close',
	o: ComplaintOptions,
	fields: (c: Complaint) => Parameters<typeof writeStatus>[3],
): Promise<ComplaintView> {
	return await store.transaction(async (trx) => {
		const c = await requireComplaint(trx, { complaintNumber: number }, true);
		const to = nextComplaintStatus(c, action);
		const changes = fields(c);
		if (!(await writeStatus(trx, c, to, changes, o.now))) {
			throw new RuleViolation(`Complaint ${c.complaintNumber} was changed by someone else at the same time; look at it again`);
		}
		const t = { status: await ticketStatus(trx, c.ticketId) };
		await recordEvent(trx, c.ticketId, action === 'reply' ? 'complaintReply' : 'complaintClose', t.status, t.status, o.actor, o.now, {
			complaintNumber: c.complaintNumber,
			...(action === 'reply' ? { method: changes.replyMethod } : {}),
		});
		return complaintView((await findComplaint(trx, { id: c.id }))!, o.now);
	});
}

/** The reply to the customer, recorded: how (letter or phone), when, what was said (P17). */
export async function replyToComplaint(store: Store, number: string, input: Record<string, unknown>, o: ComplaintOptions): Promise<ComplaintView> {
	return await step(store, number, 'reply', o, (c) => replyFields(cleanReply(input, c.severity, o.zone, o.now), o.actor));
}

/** Closes a complaint once its reply is recorded (结案). */
export async function closeComplaint(store: Store, number: string, o: ComplaintOptions): Promise<ComplaintView> {
	return await step(store, number, 'close', o, () => ({ closedAt: o.now, closedBy: o.actor }));
}

export type DueNotice = ComplaintView & { notice: ComplaintNotice };

/**
 * The notices due now, taken for this run: complaints the manager was not yet told of (at once
 * after they came in), and replies late by another period. Two runs at once never take the same
 * one; one that failed to send leaves it to a run after `leaseMinutes`.
 */
export async function claimNotices(store: Store, now: string, periodHours = 24, leaseMinutes = 15): Promise<DueNotice[]> {
	const before = DateTime.fromISO(now).minus({ minutes: leaseMinutes }).toUTC().toISO()!;
	return await store.transaction(async (trx) => {
		const due: DueNotice[] = [];
		for (const c of await noticeCandidates(trx, now)) {
			const notice = complaintNoticeDue({ ...c, escalatedPeriod: Number(c.escalatedPeriod) }, now, periodHours);
			if (notice && (await claimForNotice(trx, c.id, now, before))) due.push({ ...complaintView(c, now), notice });
		}
		return due;
	});
}

/** After the notice went out: the complaint marked told (`new`) or escalated for the period (`overdue`). */
export async function markNotice(
	store: Store,
	number: string,
	notice: ComplaintNotice,
	o: { now: string; actor: string },
): Promise<{ complaint: ComplaintView; marked: boolean }> {
	return await store.transaction(async (trx) => {
		const c = await requireComplaint(trx, { complaintNumber: number }, true);
		const marked = await markNoticeSent(trx, c.id, notice, o.now);
		if (marked) {
			const t = { status: await ticketStatus(trx, c.ticketId) };
			await recordEvent(trx, c.ticketId, notice.kind === 'new' ? 'complaintNotice' : 'complaintEscalate', t.status, t.status, o.actor, o.now, {
				complaintNumber: c.complaintNumber,
				period: notice.period,
			});
		}
		return { complaint: complaintView((await findComplaint(trx, { id: c.id }))!, o.now), marked };
	});
}

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
	cleanSeverityJudgment,
	complaintNoticeDue,
	judgeSeverity,
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
import { requireOrderRow } from '../store/registers/tile-order-rows';
import { findCustomer } from '../store/registers/customers';
import { feedbackContact, type FeedbackChannel } from '../rules/customer-feedback';
import { queueSeriousComplaint } from './staff-lists';
import { queueReplySms } from './outbox-producers';
import {
	appendComplaintEvent,
	claimForNotice,
	complaintHistory,
	findComplaint,
	insertComplaint,
	listComplaints,
	markNoticeSent,
	noticeCandidates,
	replyFields,
	requireComplaint,
	writeSeverity,
	writeStatus,
	type Complaint,
	type ComplaintEvent,
	type ComplaintFilter,
} from '../store/registers/complaints';

/** A complaint as nodes and webhooks give it out. */
export interface ComplaintView {
	complaintNumber: string;
	/** The ticket it is about; null for a phoned complaint about a tile order or about neither. */
	ticketNumber: string | null;
	/** The tile order it is about, if any. */
	orderNumber: string | null;
	surveyNumber: string | null;
	/** The department's judgment; until judged, the severity the desk or the customer gave. */
	severity: ComplaintSeverity;
	/** The customer's choice on the survey page (a proposal), else null. */
	proposedSeverity: ComplaintSeverity | null;
	/** The department's judgment (P17): the reason, when and who; null until judged. */
	judgment: { severity: ComplaintSeverity; reason: string; judgedAt: string; judgedBy: string | null } | null;
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
	/** Where the reply letter can be emailed (the order's address, else the customer file's); null: printed for post. */
	email: string | null;
	technician: { name: string; phone: string } | null;
	reply: { method: ReplyMethod; repliedAt: string; text: string; repliedBy: string | null } | null;
	closedAt: string | null;
	closedBy: string | null;
	/** The complaint's own history, oldest first (given by the single-complaint operations). */
	history?: ComplaintEvent[];
	/** How the reply letter reaches the customer (向客户回馈): given once a reply is recorded (`sms`: the notice to `mobile`; `post`: to print and post). */
	replyDelivery?: { channel: FeedbackChannel; email: string | null; mobile: string | null };
}

export function complaintView(c: Complaint, now: string): ComplaintView {
	return {
		complaintNumber: c.complaintNumber,
		ticketNumber: c.ticketNumber,
		orderNumber: c.orderNumber,
		surveyNumber: c.surveyNumber,
		severity: c.severity,
		proposedSeverity: c.proposedSeverity,
		judgment:
			c.severityJudgedAt && c.severityReason !== null
				? { severity: c.severity, reason: c.severityReason, judgedAt: c.severityJudgedAt, judgedBy: c.severityJudgedBy }
				: null,
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
		email: c.email,
		technician: c.technician ? { name: c.technician.name, phone: c.technician.phone } : null,
		reply: c.replyMethod && c.repliedAt ? { method: c.replyMethod, repliedAt: c.repliedAt, text: c.replyText ?? '', repliedBy: c.repliedBy } : null,
		closedAt: c.closedAt,
		closedBy: c.closedBy,
		// Once replied: how the reply letter reaches the customer (email, or printed for post).
		...(c.repliedAt ? { replyDelivery: deliveryOf(c) } : {}),
	};
}

function deliveryOf(c: Pick<Complaint, 'email' | 'phone'>): { channel: FeedbackChannel; email: string | null; mobile: string | null } {
	return feedbackContact('complaint-reply', { email: c.email, phones: [c.phone] });
}

export interface ComplaintOptions {
	now: string;
	zone: string;
	actor: string;
	replyDays?: Record<ComplaintSeverity, number>;
}

/** Keeps an entry in the complaint's own history, and in its ticket's when it is about one. */
async function remember(
	trx: Trx,
	c: { id: number; ticketId: number | null },
	action: string,
	actor: string,
	at: string,
	details: Record<string, unknown>,
) {
	await appendComplaintEvent(trx, c.id, { action, actor, at, details });
	if (c.ticketId !== null) {
		const status = await ticketStatus(trx, c.ticketId);
		await recordEvent(trx, c.ticketId, ticketActions[action] ?? action, status, status, actor, at, details);
	}
}

/** The ticket history's names of the complaint's steps (kept as they were before complaints had their own history). */
const ticketActions: Record<string, string> = {
	registered: 'complaint',
	replied: 'complaintReply',
	closed: 'complaintClose',
	notified: 'complaintNotice',
	escalated: 'complaintEscalate',
	severityJudged: 'complaintSeverity',
	customerMessage: 'complaintMessage',
};

/** What a complaint is about and who called: a ticket, a tile order, both, or neither (a phoned complaint). */
export interface ComplaintSubject {
	ticketId: number | null;
	orderId?: number | null;
	customerId?: number | null;
	customerName?: string | null;
	phone?: string | null;
	surveyId: number | null;
	severity: ComplaintSeverity;
	text: string;
	channel: ComplaintChannel | string;
}

/**
 * Registers a complaint in the caller's transaction: the day's next TS- number, the reply due
 * (serious 3 days, general 7), its history (and its ticket's) noting it. A complaint from a survey
 * records the customer's choice of severity as a proposal: it stands until the department judges.
 */
export async function registerComplaint(trx: Trx, c: ComplaintSubject, o: ComplaintOptions, caller: ComplaintCaller = {}): Promise<ComplaintView> {
	const today = DateTime.fromISO(o.now).setZone(o.zone).toISODate()!;
	const due = replyDue(o.now, c.severity, o.zone, o.replyDays ?? REPLY_DAYS);
	const complaint = await insertComplaint(
		trx,
		{
			complaintNumber: complaintNumber(today, await nextInSequence(trx, 'complaint', today)),
			...c,
			proposedSeverity: c.surveyId !== null ? c.severity : null,
			receivedAt: o.now,
			...due,
		},
		o.actor,
		o.now,
	);
	await remember(trx, complaint, 'registered', o.actor, o.now, {
		complaintNumber: complaint.complaintNumber,
		severity: c.severity,
		...(c.surveyId !== null ? { proposedSeverity: c.severity } : {}),
		...caller,
	});
	return complaintView(complaint, o.now);
}

/** Who complained, as the clerk took it down: kept in the complaint's (and ticket's) history. */
export interface ComplaintCaller {
	customerName?: string;
	phone?: string;
	orderNumber?: string;
}

/**
 * A complaint a clerk takes down (by phone, letter, in person) about a ticket, a tile order, both
 * or neither. The customer is the ticket's, else the order's, else the one the customer file holds
 * under the caller's name and phone; otherwise the caller's name and phone are the complaint's own.
 */
export async function createComplaint(
	store: Store,
	c: { ticketNumber?: string; orderNumber?: string; severity: ComplaintSeverity; text: string; channel: ComplaintChannel; caller?: ComplaintCaller },
	o: ComplaintOptions,
): Promise<ComplaintView> {
	return await store.transaction(async (trx) => {
		const t = c.ticketNumber ? await requireTicket(trx, { ticketNumber: c.ticketNumber }) : null;
		const order = c.orderNumber ? await requireOrderRow(trx, c.orderNumber) : null;
		if (t && order && t.customerId !== order.customerId)
			throw new RuleViolation(
				`Ticket ${t.ticketNumber} and tile order ${order.orderNumber} are of different customers; a complaint is about one customer — give one of them`,
				'orderNumber',
			);
		const name = c.caller?.customerName;
		const phone = c.caller?.phone;
		const known = !t && !order && name && phone ? await findCustomer(trx, { name, phone }) : undefined;
		return await registerComplaint(
			trx,
			{
				ticketId: t?.id ?? null,
				orderId: order?.id ?? null,
				customerId: t?.customerId ?? order?.customerId ?? known?.id ?? null,
				customerName: name ?? null,
				phone: phone ?? null,
				surveyId: null,
				severity: c.severity,
				text: c.text,
				channel: c.channel,
			},
			o,
			c.caller,
		);
	});
}

export async function getComplaint(store: Store, number: string, now: string): Promise<ComplaintView> {
	return await store.transaction(async (trx) => await withHistory(trx, await requireComplaint(trx, { complaintNumber: number }), now));
}

async function withHistory(trx: Trx, c: Complaint, now: string): Promise<ComplaintView> {
	return { ...complaintView(c, now), history: await complaintHistory(trx, c.id) };
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
		await remember(trx, c, action === 'reply' ? 'replied' : 'closed', o.actor, o.now, {
			complaintNumber: c.complaintNumber,
			...(action === 'reply' ? { method: changes.replyMethod } : {}),
		});
		if (action !== 'reply') return await withHistory(trx, (await findComplaint(trx, { id: c.id }))!, o.now);
		// Feedback to the customer (向客户回馈): the letter by email, else an SMS queued with the reply (issue 19), else post.
		const { channel, email, mobile } = deliveryOf(c);
		if (mobile) await queueReplySms(trx, { ...c, mobile }, o.now);
		await remember(trx, c, 'customerMessage', o.actor, o.now, {
			complaintNumber: c.complaintNumber,
			kind: 'complaint-reply',
			document: 'reply-letter',
			channel,
			...(email || mobile ? { to: email ?? mobile } : {}),
		});
		return { ...(await withHistory(trx, (await findComplaint(trx, { id: c.id }))!, o.now)), replyDelivery: { channel, email, mobile } };
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

/**
 * After the notice went out: the complaint marked told (`new`) or escalated for the period
 * (`overdue`); a serious one told is queued for the staff groups in the same transaction.
 */
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
			await remember(trx, c, notice.kind === 'new' ? 'notified' : 'escalated', o.actor, o.now, {
				complaintNumber: c.complaintNumber,
				period: notice.period,
				to: noticeRecipient(c.severity),
			});
			// A serious complaint goes to the staff groups too (issue 19), once, with the notice recorded.
			if (notice.kind === 'new' && c.severity === 'serious') await queueSeriousComplaint(trx, c, o.now);
		}
		return { complaint: complaintView((await findComplaint(trx, { id: c.id }))!, o.now), marked };
	});
}

/**
 * The service department judges a complaint (P17, RULES turn 3): `{ severity, reason }`, the reason
 * required and kept in the history with the severity before; the reply due day follows the
 * judgment, and a complaint raised to serious is told to the company manager at once (its notice
 * is due again for the notice run).
 */
export async function judgeComplaintSeverity(
	store: Store,
	number: string,
	input: Record<string, unknown>,
	o: ComplaintOptions,
): Promise<ComplaintView & { noticeDue: boolean }> {
	const j = cleanSeverityJudgment(input);
	return await store.transaction(async (trx) => {
		const c = await requireComplaint(trx, { complaintNumber: number }, true);
		const judged = judgeSeverity({ ...c, escalatedPeriod: Number(c.escalatedPeriod) }, j, o.zone, o.replyDays ?? REPLY_DAYS);
		const written = await writeSeverity(
			trx,
			c,
			{
				severity: judged.severity,
				severityReason: j.reason,
				severityJudgedAt: o.now,
				severityJudgedBy: o.actor,
				replyDueOn: judged.replyDueOn,
				replyDueAt: judged.replyDueAt,
				notifiedAt: judged.notifiedAt,
				escalatedPeriod: judged.escalatedPeriod,
			},
			o.now,
		);
		if (!written) throw new RuleViolation(`Complaint ${c.complaintNumber} was changed by someone else at the same time; look at it again`);
		await remember(trx, c, 'severityJudged', o.actor, o.now, {
			complaintNumber: c.complaintNumber,
			from: c.severity,
			severity: judged.severity,
			...(c.proposedSeverity ? { proposedSeverity: c.proposedSeverity } : {}),
			reason: j.reason,
			replyDueOn: judged.replyDueOn,
			...(judged.replyDueOn !== c.replyDueOn ? { previousReplyDueOn: c.replyDueOn } : {}),
		});
		const view = await withHistory(trx, (await findComplaint(trx, { id: c.id }))!, o.now);
		return { ...view, noticeDue: judged.notifiedAt === null };
	});
}

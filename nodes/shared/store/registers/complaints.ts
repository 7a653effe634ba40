/**
 * Complaint register (客户投诉, P17): open → replied → closed, serious first. `openComplaints` is
 * the list the service board shows: the complaints still awaiting a reply, serious first, each
 * with its reply due date and whether it is late.
 */
import type { Selectable } from 'kysely';
import type { ComplaintTable } from '../schema';
import type { Trx } from '../schema';
import { NotFoundError } from '../../rules/errors';
import type { ComplaintNotice, ComplaintReply, ComplaintStatus } from '../../rules/complaints';
import { isPostgres } from './common';

/**
 * A complaint as the store gives it out: the row with what it is about — its ticket, tile order, or
 * neither (a phoned complaint, migration 30) — the customer, the technician and the survey. The
 * customer's name, phone and address come from the ticket, else the order, else the customer file,
 * else what the caller gave.
 */
export type Complaint = Omit<Selectable<ComplaintTable>, 'customerName' | 'phone'> & {
	ticketNumber: string | null;
	orderNumber: string | null;
	customerName: string;
	contactPerson: string | null;
	phone: string;
	address: string;
	/** Where the reply letter can be emailed: the order's address, else the customer file's. */
	email: string | null;
	callerName: string | null;
	callerPhone: string | null;
	surveyNumber: string | null;
	technician: { id: number; name: string; phone: string } | null;
};

function select(trx: Trx) {
	return trx
		.selectFrom('complaints as p')
		.leftJoin('tickets as t', 't.id', 'p.ticketId')
		.leftJoin('tileOrders as o', 'o.id', 'p.orderId')
		.leftJoin('customers as c', 'c.id', 'p.customerId')
		.leftJoin('technicians as k', 'k.id', 't.technicianId')
		.leftJoin('surveys as s', 's.id', 'p.surveyId')
		.selectAll('p')
		.select((eb) => [
			't.ticketNumber',
			'o.orderNumber',
			eb.fn.coalesce('c.name', 'o.customerName', 'p.customerName', eb.val('')).as('customerName'),
			eb.fn.coalesce('t.contactPerson', 'o.contactPerson', 'c.contactPerson').as('contactPerson'),
			eb.fn.coalesce('t.phone', 'o.phone', 'p.phone', 'c.phone', eb.val('')).as('phone'),
			eb.fn.coalesce('t.address', 'o.address', 'c.address', eb.val('')).as('address'),
			eb.fn.coalesce('o.email', 'c.email').as('email'),
			'p.customerName as callerName',
			'p.phone as callerPhone',
			's.surveyNumber',
			'k.id as technicianId',
			'k.name as technicianName',
			'k.phone as technicianPhone',
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

function toComplaint(row: Row): Complaint {
	const { technicianId, technicianName, technicianPhone, customerName, phone, address, ...rest } = row;
	return {
		...rest,
		customerName: String(customerName ?? ''),
		phone: String(phone ?? ''),
		address: String(address ?? ''),
		technician: technicianId ? { id: technicianId, name: technicianName!, phone: technicianPhone! } : null,
	};
}

export type ComplaintKey = { id?: number; complaintNumber?: string };

export async function findComplaint(trx: Trx, key: ComplaintKey, lock = false): Promise<Complaint | undefined> {
	let q = select(trx);
	if (key.id !== undefined) q = q.where('p.id', '=', key.id);
	else if (key.complaintNumber) q = q.where('p.complaintNumber', '=', key.complaintNumber);
	else return undefined;
	if (lock && isPostgres(trx)) q = q.forUpdate('p');
	const row = await q.executeTakeFirst();
	return row && toComplaint(row);
}

export async function requireComplaint(trx: Trx, key: ComplaintKey, lock = false): Promise<Complaint> {
	const found = await findComplaint(trx, key, lock);
	if (!found)
		throw new NotFoundError(
			`No complaint ${key.complaintNumber ?? `with id ${key.id}`} is in the complaint register (客户投诉)`,
			key.complaintNumber ? 'complaintNumber' : undefined,
		);
	return found;
}

export type NewComplaint = Pick<
	Selectable<ComplaintTable>,
	'complaintNumber' | 'ticketId' | 'surveyId' | 'severity' | 'text' | 'channel' | 'receivedAt' | 'replyDueOn' | 'replyDueAt'
> &
	Partial<Pick<Selectable<ComplaintTable>, 'orderId' | 'customerId' | 'customerName' | 'phone' | 'proposedSeverity'>>;

export async function insertComplaint(trx: Trx, c: NewComplaint, actor: string, now: string): Promise<Complaint> {
	const { id } = await trx
		.insertInto('complaints')
		.values({ ...c, status: 'open', noticeClaimedAt: null, notifiedAt: null, createdBy: actor, createdAt: now, updatedAt: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return (await findComplaint(trx, { id }))!;
}

/** Writes a step's new status with a guard on the status read: a change made meanwhile is not overwritten. */
export async function writeStatus(
	trx: Trx,
	c: Complaint,
	to: ComplaintStatus,
	fields: Partial<Pick<Selectable<ComplaintTable>, 'replyMethod' | 'repliedAt' | 'replyText' | 'repliedBy' | 'closedAt' | 'closedBy'>>,
	now: string,
): Promise<boolean> {
	const r = await trx
		.updateTable('complaints')
		.set({ ...fields, status: to, updatedAt: now })
		.where('id', '=', c.id)
		.where('status', '=', c.status)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export function replyFields(reply: ComplaintReply, by: string) {
	return { replyMethod: reply.method, repliedAt: reply.repliedAt, replyText: reply.text, repliedBy: by };
}

export type ComplaintFilter = {
	status?: ComplaintStatus[];
	severity?: 'general' | 'serious';
	ticketNumber?: string;
	/** Replies due before this instant and not given (late). */
	lateAt?: string;
	receivedFrom?: string;
	receivedTo?: string;
	limit?: number;
};

/** Complaints in the order they are handled: serious first, then by the reply's due day, then as they came in. */
export async function listComplaints(trx: Trx, f: ComplaintFilter): Promise<Complaint[]> {
	let q = select(trx)
		.orderBy((eb) => eb.case().when('p.severity', '=', 'serious').then(0).else(1).end())
		.orderBy('p.replyDueOn')
		.orderBy('p.id');
	if (f.status?.length) q = q.where('p.status', 'in', f.status);
	if (f.severity) q = q.where('p.severity', '=', f.severity);
	if (f.ticketNumber) q = q.where('t.ticketNumber', '=', f.ticketNumber);
	if (f.lateAt) q = q.where('p.status', '=', 'open').where('p.replyDueAt', '<=', f.lateAt);
	if (f.receivedFrom) q = q.where('p.receivedAt', '>=', f.receivedFrom);
	if (f.receivedTo) q = q.where('p.receivedAt', '<', f.receivedTo);
	if (f.limit !== undefined) q = q.limit(f.limit);
	return (await q.execute()).map(toComplaint);
}

/** One line of the service board: a complaint awaiting its reply. */
export interface OpenComplaint {
	complaintNumber: string;
	ticketNumber: string | null;
	/** The tile order it is about, if any. */
	orderNumber?: string | null;
	severity: 'general' | 'serious';
	text: string;
	customerName: string;
	phone: string;
	technicianName: string | null;
	receivedAt: string;
	replyDueOn: string;
	/** The reply is late at `now`. */
	overdue: boolean;
}

/**
 * The complaints awaiting a reply (status open), serious first, then the earliest due: for the
 * service board (`GET board`) and anyone who needs "what must be answered, by when".
 */
export async function openComplaints(trx: Trx, now: string, limit?: number): Promise<OpenComplaint[]> {
	const rows = await listComplaints(trx, { status: ['open'], limit });
	return rows.map((c) => ({
		complaintNumber: c.complaintNumber,
		ticketNumber: c.ticketNumber,
		orderNumber: c.orderNumber,
		severity: c.severity,
		text: c.text,
		customerName: c.customerName,
		phone: c.phone,
		technicianName: c.technician?.name ?? null,
		receivedAt: c.receivedAt,
		replyDueOn: c.replyDueOn,
		overdue: c.replyDueAt <= now,
	}));
}

/**
 * Takes a complaint for a notice run unless another run took it within the lease (`claimedBefore`):
 * two runs at once never send one notice twice, and a run that failed to send leaves it to the
 * next run after the lease.
 */
export async function claimForNotice(trx: Trx, complaintId: number, now: string, claimedBefore: string): Promise<boolean> {
	const r = await trx
		.updateTable('complaints')
		.set({ noticeClaimedAt: now })
		.where('id', '=', complaintId)
		.where((eb) => eb.or([eb('noticeClaimedAt', 'is', null), eb('noticeClaimedAt', '<', claimedBefore)]))
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Complaints that may be due a notice: the manager not yet told, or the reply late. */
export async function noticeCandidates(trx: Trx, now: string): Promise<Complaint[]> {
	return (
		await select(trx)
			.where((eb) => eb.or([eb('p.notifiedAt', 'is', null), eb.and([eb('p.status', '=', 'open'), eb('p.replyDueAt', '<=', now)])]))
			.orderBy((eb) => eb.case().when('p.severity', '=', 'serious').then(0).else(1).end())
			.orderBy('p.id')
			.execute()
	).map(toComplaint);
}

/**
 * Records that a notice went out: `new` sets the moment the manager was told, unless the complaint
 * was judged to another severity since the notice was taken (then the notice run tells the right
 * manager again); `overdue` raises the escalated period (never lowers it, never twice for one
 * period). The claim is released.
 */
export async function markNoticeSent(trx: Trx, complaintId: number, notice: ComplaintNotice, now: string): Promise<boolean> {
	const q = trx.updateTable('complaints').where('id', '=', complaintId);
	const r =
		notice.kind === 'new'
			? await (notice.severity ? q.where('severity', '=', notice.severity) : q)
					.set({ notifiedAt: now, noticeClaimedAt: null, updatedAt: now })
					.where('notifiedAt', 'is', null)
					.executeTakeFirst()
			: await q
					.set({ escalatedPeriod: notice.period, noticeClaimedAt: null, updatedAt: now })
					.where('escalatedPeriod', '<', notice.period)
					.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** One entry of a complaint's own history (migration 30). */
export interface ComplaintEvent {
	action: string;
	actor: string;
	at: string;
	details: Record<string, unknown>;
}

export async function appendComplaintEvent(trx: Trx, complaintId: number, e: ComplaintEvent): Promise<void> {
	await trx
		.insertInto('complaintEvents')
		.values({ complaintId, action: e.action, actor: e.actor, at: e.at, details: JSON.stringify(e.details) })
		.execute();
}

export async function complaintHistory(trx: Trx, complaintId: number): Promise<ComplaintEvent[]> {
	const rows = await trx.selectFrom('complaintEvents').selectAll().where('complaintId', '=', complaintId).orderBy('id').execute();
	return rows.map((r) => ({ action: r.action, actor: r.actor, at: r.at, details: JSON.parse(r.details) as Record<string, unknown> }));
}

export type SeverityJudgment = Pick<
	Selectable<ComplaintTable>,
	'severity' | 'severityReason' | 'severityJudgedAt' | 'severityJudgedBy' | 'replyDueOn' | 'replyDueAt' | 'notifiedAt' | 'escalatedPeriod'
>;

/**
 * Writes the department's judgment of a complaint with a guard on the status and severity read: a
 * change made meanwhile (a reply, another judgment) is not overwritten.
 */
export async function writeSeverity(trx: Trx, c: Complaint, j: SeverityJudgment, now: string): Promise<boolean> {
	const r = await trx
		.updateTable('complaints')
		.set({ ...j, noticeClaimedAt: null, updatedAt: now })
		.where('id', '=', c.id)
		.where('status', '=', c.status)
		.where('severity', '=', c.severity)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

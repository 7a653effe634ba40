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

/** A complaint as the store gives it out: the row with its ticket, customer, technician and survey. */
export type Complaint = Selectable<ComplaintTable> & {
	ticketNumber: string;
	customerName: string;
	contactPerson: string | null;
	phone: string;
	address: string;
	surveyNumber: string | null;
	technician: { id: number; name: string; phone: string } | null;
};

function select(trx: Trx) {
	return trx
		.selectFrom('complaints as p')
		.innerJoin('tickets as t', 't.id', 'p.ticketId')
		.innerJoin('customers as c', 'c.id', 't.customerId')
		.leftJoin('technicians as k', 'k.id', 't.technicianId')
		.leftJoin('surveys as s', 's.id', 'p.surveyId')
		.selectAll('p')
		.select([
			't.ticketNumber',
			'c.name as customerName',
			't.contactPerson',
			't.phone',
			't.address',
			's.surveyNumber',
			'k.id as technicianId',
			'k.name as technicianName',
			'k.phone as technicianPhone',
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

function toComplaint(row: Row): Complaint {
	const { technicianId, technicianName, technicianPhone, ...rest } = row;
	return { ...rest, technician: technicianId ? { id: technicianId, name: technicianName!, phone: technicianPhone! } : null };
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
>;

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
	ticketNumber: string;
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
 * Records that a notice went out: `new` sets the moment the manager was told; `overdue` raises the
 * escalated period (never lowers it, never twice for one period). The claim is released.
 */
export async function markNoticeSent(trx: Trx, complaintId: number, notice: ComplaintNotice, now: string): Promise<boolean> {
	const q = trx.updateTable('complaints').where('id', '=', complaintId);
	const r =
		notice.kind === 'new'
			? await q.set({ notifiedAt: now, noticeClaimedAt: null, updatedAt: now }).where('notifiedAt', 'is', null).executeTakeFirst()
			: await q
					.set({ escalatedPeriod: notice.period, noticeClaimedAt: null, updatedAt: now })
					.where('escalatedPeriod', '<', notice.period)
					.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

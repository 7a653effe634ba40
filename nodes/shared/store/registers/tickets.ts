/** Repair register (报修登记簿): tickets and their audit trail. */
import type { Trx } from '../schema';
import { NotFoundError, RuleViolation } from '../../rules/errors';
import { appendHistory, isPostgres, moveStatus, type Page } from './common';
import type { Selectable, Updateable } from 'kysely';
import { holdLock } from '../locks';
import { FINISHED_STATUSES } from '../../rules/ticket-lifecycle';
import type { TicketTable } from '../schema';

export type TicketTechnician = { id: number; name: string; phone: string; email: string | null };

/** A ticket as the nodes give it out: the row, with its customer and technician. */
export type Ticket = Omit<Selectable<TicketTable>, 'dispatchScore'> & {
	customerCode: string;
	customerName: string;
	technician: TicketTechnician | null;
	dispatchScore: Record<string, number> | null;
};

/** The tickets with their customer (c) and technician (k, if any): the join every ticket list starts from. */
export function ticketsWithPeople(trx: Trx) {
	return trx.selectFrom('tickets as t').innerJoin('customers as c', 'c.id', 't.customerId').leftJoin('technicians as k', 'k.id', 't.technicianId');
}

function select(trx: Trx) {
	return ticketsWithPeople(trx)
		.selectAll('t')
		.select([
			'c.code as customerCode',
			'c.name as customerName',
			'k.name as technicianName',
			'k.phone as technicianPhone',
			'k.email as technicianEmail',
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

function toTicket(row: Row): Ticket {
	const { technicianName, technicianPhone, technicianEmail, dispatchScore, ...rest } = row;
	return {
		...rest,
		technician: row.technicianId ? { id: row.technicianId, name: technicianName!, phone: technicianPhone!, email: technicianEmail ?? null } : null,
		dispatchScore: dispatchScore ? JSON.parse(dispatchScore) : null,
	};
}

export type TicketKey = { id?: number; ticketNumber?: string; idempotencyKey?: string };

export async function findTicket(trx: Trx, key: TicketKey, lock = false): Promise<Ticket | undefined> {
	let q = select(trx);
	if (key.id !== undefined) q = q.where('t.id', '=', key.id);
	else if (key.ticketNumber) q = q.where('t.ticketNumber', '=', key.ticketNumber);
	else if (key.idempotencyKey) q = q.where('t.idempotencyKey', '=', key.idempotencyKey);
	else return undefined;
	if (lock && isPostgres(trx)) q = q.forUpdate('t');
	const row = await q.executeTakeFirst();
	return row && toTicket(row);
}

export async function requireTicket(trx: Trx, key: TicketKey, lock = false): Promise<Ticket> {
	const found = await findTicket(trx, key, lock);
	if (!found)
		throw new NotFoundError(
			`No ticket ${key.ticketNumber ?? `with id ${key.id}`} is in the repair register (报修登记簿)`,
			key.ticketNumber !== undefined ? 'ticketNumber' : undefined,
		);
	return found;
}

/** What registering a ticket writes; the rest (status, dispatch, steps) starts empty. */
export type NewTicket = Pick<
	Selectable<TicketTable>,
	| 'ticketNumber'
	| 'voucherNumber'
	| 'customerId'
	| 'contactPerson'
	| 'phone'
	| 'address'
	| 'siteSituation'
	| 'reportedAt'
	| 'reportDate'
	| 'serialNo'
	| 'contractNo'
	| 'skill'
	| 'customerType'
	| 'category'
	| 'basis'
	| 'dueAt'
	| 'idempotencyKey'
> & { visitFeeFen?: number | null };

/**
 * Writes a new ticket and its first history entry. Given its customer's code and name, the ticket
 * comes back from the INSERT's RETURNING (a new ticket has no technician yet); without them it is
 * read back with its customer.
 */
export async function insertTicket(trx: Trx, t: NewTicket, actor: string, now: string, customer?: { code: string; name: string }): Promise<Ticket> {
	const row = await trx.insertInto('tickets').values(newTicketRow(t, now)).returningAll().executeTakeFirstOrThrow();
	await recordEvent(trx, row.id, 'register', null, 'open', actor, now, { ticketNumber: t.ticketNumber, voucherNumber: t.voucherNumber });
	if (!customer) return (await findTicket(trx, { id: row.id }))!;
	return newTicketOf(row, customer);
}

/** The row a new ticket's INSERT writes: every field of `t`, open, not dispatched. */
export function newTicketRow(t: NewTicket, now: string) {
	return { ...t, status: 'open', technicianId: null, dispatchedAt: null, dispatchedOn: null, dispatchScore: null, createdAt: now, updatedAt: now };
}

/** The first history entry of a new ticket, as insertTicket's recordEvent writes it. */
export function registerEventRow(t: Pick<NewTicket, 'ticketNumber' | 'voucherNumber'>, actor: string, now: string) {
	return {
		action: 'register',
		fromStatus: null,
		toStatus: 'open',
		actor,
		at: now,
		details: JSON.stringify({ ticketNumber: t.ticketNumber, voucherNumber: t.voucherNumber }),
	};
}

/** A just-inserted ticket row as a Ticket: its customer as given, no technician yet. */
export function newTicketOf(row: Selectable<TicketTable>, customer: { code: string; name: string }): Ticket {
	const { dispatchScore: _score, ...rest } = row;
	return { ...rest, customerCode: customer.code, customerName: customer.name, technician: null, dispatchScore: null };
}

export async function recordEvent(
	trx: Trx,
	ticketId: number,
	action: string,
	fromStatus: string | null,
	toStatus: string,
	actor: string,
	at: string,
	details: Record<string, unknown> = {},
): Promise<void> {
	await appendHistory(trx, { ticketId }, { action, fromStatus, toStatus, actor, at, details });
}

export async function ticketEvents(trx: Trx, ticketId: number) {
	const rows = await trx.selectFrom('ticketEvents').selectAll().where('ticketId', '=', ticketId).orderBy('id').execute();
	return rows.map((r) => ({
		action: r.action,
		fromStatus: r.fromStatus,
		toStatus: r.toStatus,
		actor: r.actor,
		at: r.at,
		details: JSON.parse(r.details),
	}));
}

/** Assigns a technician to an open ticket; the status guard makes a second assignment impossible. */
export async function assignTechnician(
	trx: Trx,
	ticketId: number,
	technicianId: number,
	score: Record<string, number> | null,
	day: string,
	actor: string,
	now: string,
	details: Record<string, unknown> = {},
): Promise<boolean> {
	const r = await trx
		.updateTable('tickets')
		.set({
			status: 'dispatched',
			technicianId,
			dispatchedAt: now,
			dispatchedOn: day,
			dispatchScore: score ? JSON.stringify(score) : null,
			updatedAt: now,
		})
		.where('id', '=', ticketId)
		.where('status', '=', 'open')
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1) return false;
	await recordEvent(trx, ticketId, 'dispatch', 'open', 'dispatched', actor, now, { technicianId, score, ...details });
	return true;
}

/**
 * Moves a dispatched ticket from one technician to another before the visit (改派): guarded on the
 * status and the technician read, so a change made meanwhile refuses it; the job counts on the new
 * technician's day. Kept in the audit trail as `reassign` with both technicians.
 */
export interface Reassignment {
	ticketId: number;
	/** the technician read before (null: none), so that a change made meanwhile refuses this one */
	from: number | null;
	to: number;
	score: Record<string, number> | null;
	/** the day the job now counts on */
	day: string;
	actor: string;
	now: string;
	details?: Record<string, unknown>;
}

export async function reassignTechnician(trx: Trx, r: Reassignment): Promise<boolean> {
	let q = trx
		.updateTable('tickets')
		.set({ technicianId: r.to, dispatchedAt: r.now, dispatchedOn: r.day, dispatchScore: r.score ? JSON.stringify(r.score) : null, updatedAt: r.now })
		.where('id', '=', r.ticketId)
		.where('status', '=', 'dispatched');
	q = r.from === null ? q.where('technicianId', 'is', null) : q.where('technicianId', '=', r.from);
	const updated = await q.executeTakeFirst();
	if (Number(updated.numUpdatedRows) !== 1) return false;
	const details = { fromTechnicianId: r.from, technicianId: r.to, score: r.score, ...r.details };
	await recordEvent(trx, r.ticketId, 'reassign', 'dispatched', 'dispatched', r.actor, r.now, details);
	return true;
}

/** Jobs each technician already has on `day` (tickets dispatched to them that day, not cancelled since). */
export async function jobsOn(trx: Trx, day: string): Promise<Map<number, number>> {
	const rows = await trx
		.selectFrom('tickets')
		.select(['technicianId', (eb) => eb.fn.countAll<number>().as('n')])
		.where('dispatchedOn', '=', day)
		.where('technicianId', 'is not', null)
		.where('status', '!=', 'cancelled')
		.groupBy('technicianId')
		.execute();
	return new Map(rows.map((r) => [Number(r.technicianId), Number(r.n)]));
}

/** Serialises dispatch runs and cancellations (PostgreSQL advisory lock; SQLite's BEGIN IMMEDIATE already does). */
export async function lockDispatch(trx: Trx): Promise<void> {
	await holdLock(trx, 'dispatch');
}

export type TicketFilter = Page & {
	status?: string[];
	technicianId?: number;
	reportedFrom?: string;
	reportedTo?: string;
	/** Tickets past their due time at this instant, not yet finished. */
	overdueAt?: string;
	/** Open tickets reported before this day and still undispatched (P12). */
	leftOverBefore?: string;
	ticketNumbers?: string[];
	/** Newest reported first, so a limit keeps the newest (a staff screen's list of open tickets). */
	newestFirst?: boolean;
};

export async function listTickets(trx: Trx, f: TicketFilter): Promise<Ticket[]> {
	const order = f.newestFirst ? 'desc' : 'asc';
	let q = select(trx).orderBy('t.reportedAt', order).orderBy('t.id', order);
	if (f.status?.length) q = q.where('t.status', 'in', f.status);
	if (f.technicianId !== undefined) q = q.where('t.technicianId', '=', f.technicianId);
	if (f.reportedFrom) q = q.where('t.reportDate', '>=', f.reportedFrom);
	if (f.reportedTo) q = q.where('t.reportDate', '<=', f.reportedTo);
	if (f.overdueAt) q = q.where('t.status', 'not in', FINISHED_STATUSES).where('t.dueAt', '<', f.overdueAt);
	if (f.leftOverBefore) q = q.where('t.status', '=', 'open').where('t.reportDate', '<', f.leftOverBefore);
	if (f.ticketNumbers) q = q.where('t.ticketNumber', 'in', f.ticketNumbers.length ? f.ticketNumbers : ['']);
	if (f.limit !== undefined) q = q.limit(f.limit);
	return (await q.execute()).map(toTicket);
}

/**
 * Marks a ticket escalated for overdue period `period` (P9) unless it already was: the guard on
 * the stored period makes each period escalate once, however many runs overlap.
 */
export async function markEscalated(trx: Trx, ticketId: number, period: number, actor: string, now: string): Promise<boolean> {
	const r = await trx
		.updateTable('tickets')
		.set({ escalatedPeriod: period, updatedAt: now })
		.where('id', '=', ticketId)
		.where('escalatedPeriod', '<', period)
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1) return false;
	const t = await trx.selectFrom('tickets').select('status').where('id', '=', ticketId).executeTakeFirstOrThrow();
	await recordEvent(trx, ticketId, 'escalate', t.status, t.status, actor, now, { period });
	return true;
}

/** Sets columns of the ticket row (a step's own facts). */
export async function updateTicket(trx: Trx, ticketId: number, patch: Updateable<TicketTable>): Promise<void> {
	await trx.updateTable('tickets').set(patch).where('id', '=', ticketId).execute();
}

/** Moves the ticket to `to`, refused when someone else moved it meanwhile (the status guard). */
export async function moveTicketStatus(trx: Trx, t: Pick<Ticket, 'id' | 'ticketNumber' | 'status'>, to: string, now: string): Promise<void> {
	if (!(await moveStatus(trx, 'tickets', t.id, t.status, to, now)))
		throw new RuleViolation(`Ticket ${t.ticketNumber} was changed by someone else at the same time; look at it again`);
}

/** The status of a ticket that exists (by id). */
export async function ticketStatus(trx: Trx, ticketId: number): Promise<string> {
	return (await trx.selectFrom('tickets').select('status').where('id', '=', ticketId).executeTakeFirstOrThrow()).status;
}

/**
 * The work log (技术员工作日报表's lines, P10): ticket work written by the visit and repair steps
 * (services/ticket-steps.ts), and internal D work logged here without a ticket. The reports read it
 * by the day the work was done.
 */
import type { Insertable } from 'kysely';
import type { Trx, WorkLogTable } from '../schema';
import type { CleanInternalWork, TechnicianRef, WorkEntry } from '../../rules/work-report';
import { fieldError } from '../../rules/errors';
import { normalizeMainlandPhone } from '../../rules/phone';
import { findTechnician } from './technicians';

export interface InternalWorkRecord {
	id: number;
	technician: { name: string; phone: string };
	category: 'D';
	kind: string;
	minutes: number;
	workedOn: string;
	notes: string | null;
	createdAt: string;
	createdBy: string | null;
}

/** A line of ticket work (a visit or a repair session) in the work log. */
export async function logTicketWork(trx: Trx, row: Insertable<WorkLogTable>): Promise<void> {
	await trx.insertInto('workLog').values(row).execute();
}

/** Logs internal D work of a technician (no ticket); an unknown phone is the input's mistake. */
export async function logInternalWork(trx: Trx, w: CleanInternalWork, actor: string, now: string): Promise<InternalWorkRecord> {
	const phone = normalizeMainlandPhone(w.technicianPhone, 'technicianPhone');
	const technician = await findTechnician(trx, { phone });
	if (!technician)
		throw fieldError(
			'technicianPhone',
			`Technician phone (技术员电话): no technician with phone "${phone}" is in the register; import or create the technician first`,
		);
	const row = await trx
		.insertInto('workLog')
		.values({
			technicianId: technician.id,
			ticketId: null,
			workedOn: w.workedOn,
			category: 'D',
			minutes: w.minutes,
			kind: w.kind,
			notes: w.notes,
			createdBy: actor,
			createdAt: now,
		})
		.returning(['id', 'createdAt'])
		.executeTakeFirstOrThrow();
	return {
		id: Number(row.id),
		technician: { name: technician.name, phone: technician.phone },
		category: 'D',
		kind: w.kind,
		minutes: w.minutes,
		workedOn: w.workedOn,
		notes: w.notes,
		createdAt: row.createdAt,
		createdBy: actor,
	};
}

/** The work log's lines done on days `from` … `to` (inclusive), in the order they were recorded. */
export async function workEntries(trx: Trx, from: string, to: string): Promise<WorkEntry[]> {
	const rows = await trx
		.selectFrom('workLog as w')
		.innerJoin('technicians as k', 'k.id', 'w.technicianId')
		.leftJoin('tickets as t', 't.id', 'w.ticketId')
		.leftJoin('customers as c', 'c.id', 't.customerId')
		.select(['k.phone', 'w.workedOn', 'w.category', 'w.minutes', 'w.kind', 't.ticketNumber', 'c.name as customerName', 'w.notes'])
		.where('w.workedOn', '>=', from)
		.where('w.workedOn', '<=', to)
		.orderBy('w.workedOn')
		.orderBy('w.id')
		.execute();
	return rows.map((r) => ({
		technicianPhone: r.phone,
		workedOn: r.workedOn,
		category: r.category,
		minutes: Number(r.minutes),
		kind: r.kind,
		ticketNumber: r.ticketNumber ?? null,
		customerName: r.customerName ?? null,
		notes: r.notes ?? null,
	}));
}

/** The technicians a report lists: every active one, and any other with work in it (by phone). */
export async function reportTechnicians(trx: Trx, withWork: readonly string[]): Promise<TechnicianRef[]> {
	const rows = await trx.selectFrom('technicians').select(['name', 'phone', 'active']).execute();
	const worked = new Set(withWork);
	return rows.filter((r) => Number(r.active) === 1 || worked.has(r.phone)).map((r) => ({ name: r.name, phone: r.phone }));
}

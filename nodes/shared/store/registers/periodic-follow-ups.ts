/**
 * Periodic follow-up calls (定期回访记录): the facts the monthly run judges each installation on
 * (its tickets, survey answers, calls, the customer's annual contracts), the calls it lists — one
 * per installation a period, held by the unique key (installation, period) — and their results.
 */
import type { Selectable } from 'kysely';
import type { PeriodicFollowUpTable, Trx } from '../schema';
import { NotFoundError } from '../../rules/errors';

/** An installation in use (not replaced, its customer not archived) with its customer's file. */
export interface UnitInUse {
	installationId: number;
	serialNo: string;
	description: string;
	completedOn: string;
	customerId: number;
	customerCode: string;
	customerName: string;
	contactPerson: string | null;
	phone: string | null;
	address: string | null;
}

export async function unitsInUse(trx: Trx): Promise<UnitInUse[]> {
	return await trx
		.selectFrom('installations as i')
		.innerJoin('customers as c', 'c.id', 'i.customerId')
		.where('i.replacedById', 'is', null)
		.where('c.archived', '=', 0)
		.select([
			'i.id as installationId',
			'i.serialNo',
			'i.description',
			'i.completedOn',
			'c.id as customerId',
			'c.code as customerCode',
			'c.name as customerName',
			'c.contactPerson',
			'c.phone',
			'c.address',
		])
		.orderBy('c.code')
		.orderBy('i.serialNo')
		.execute();
}

/** Every ticket's customer, unit (serial no as written), report day and status. */
export async function ticketContacts(trx: Trx) {
	return await trx.selectFrom('tickets').select(['customerId', 'serialNo', 'reportDate', 'status']).execute();
}

/** Every answered survey's moment with its ticket's customer and unit. */
export async function surveyContacts(trx: Trx) {
	return await trx
		.selectFrom('surveys as s')
		.innerJoin('tickets as t', 't.id', 's.ticketId')
		.where('s.answeredAt', 'is not', null)
		.select(['t.customerId', 't.serialNo', 's.answeredAt'])
		.execute();
}

/** Every periodic call's unit, result and when it was made. */
export async function callContacts(trx: Trx) {
	return await trx.selectFrom('periodicFollowUps').select(['installationId', 'period', 'result', 'calledAt']).execute();
}

/** Customers with an annual contract active on `day`. */
export async function customersWithAnnualContract(trx: Trx, day: string): Promise<Set<number>> {
	const rows = await trx
		.selectFrom('contracts')
		.where('kind', '=', 'annual')
		.where('status', '=', 'active')
		.where('startsOn', '<=', day)
		.where('endsOn', '>=', day)
		.select('customerId')
		.execute();
	return new Set(rows.map((r) => Number(r.customerId)));
}

export type NewPeriodicCall = Omit<
	Selectable<PeriodicFollowUpTable>,
	'id' | 'result' | 'opinion' | 'siteSituation' | 'ticketId' | 'calledAt' | 'calledBy' | 'createdAt' | 'updatedAt'
>;

/** Writes a listed call; false when the unit is already listed this period (the unique key refused it quietly). */
export async function insertPeriodicCall(trx: Trx, c: NewPeriodicCall, now: string): Promise<boolean> {
	const r = await trx
		.insertInto('periodicFollowUps')
		.values({ ...c, createdAt: now, updatedAt: now })
		.onConflict((oc) => oc.columns(['installationId', 'period']).doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A call with its unit, customer and the number of the ticket a fault opened. */
function selectCalls(trx: Trx) {
	return trx
		.selectFrom('periodicFollowUps as p')
		.innerJoin('installations as i', 'i.id', 'p.installationId')
		.innerJoin('customers as c', 'c.id', 'i.customerId')
		.leftJoin('tickets as t', 't.id', 'p.ticketId')
		.selectAll('p')
		.select([
			'i.serialNo',
			'i.description',
			'c.code as customerCode',
			'c.name as customerName',
			'c.contactPerson',
			'c.phone',
			'c.address',
			't.ticketNumber',
			't.status as ticketStatus',
		]);
}

export type PeriodicCall = Awaited<ReturnType<ReturnType<typeof selectCalls>['executeTakeFirstOrThrow']>>;

export async function findPeriodicCall(trx: Trx, number: string): Promise<PeriodicCall | undefined> {
	return await selectCalls(trx).where('p.followUpNumber', '=', number.normalize('NFKC').trim().toUpperCase()).executeTakeFirst();
}

export async function requirePeriodicCall(trx: Trx, number: string): Promise<PeriodicCall> {
	const c = await findPeriodicCall(trx, number);
	if (!c) throw new NotFoundError(`回访编号 Follow-up number: ${number} is not in the periodic follow-up list (定期回访)`, 'followUpNumber');
	return c;
}

/** Calls listed in `period` (by number), or the calls not yet recorded (the desk's list). */
export async function listPeriodicCalls(trx: Trx, f: { period?: string; open?: boolean; numbers?: string[] }): Promise<PeriodicCall[]> {
	let q = selectCalls(trx);
	if (f.period) q = q.where('p.period', '=', f.period);
	if (f.open) q = q.where('p.result', 'is', null);
	if (f.numbers) {
		if (f.numbers.length === 0) return [];
		q = q.where('p.followUpNumber', 'in', f.numbers);
	}
	return await q.orderBy('p.listedOn').orderBy('p.followUpNumber').execute();
}

/** Calls recorded in [from, to) (moments). */
export async function callsRecordedBetween(trx: Trx, from: string, to: string): Promise<PeriodicCall[]> {
	return await selectCalls(trx)
		.where('p.calledAt', '>=', from)
		.where('p.calledAt', '<', to)
		.orderBy('p.calledAt')
		.orderBy('p.followUpNumber')
		.execute();
}

/** Records the result once: false when the call already has one (another clerk, or the same form sent twice). */
export async function writeCallResult(
	trx: Trx,
	id: number,
	r: { result: 'normal' | 'fault' | 'unreachable'; opinion: string | null; siteSituation: string | null; ticketId: number | null },
	actor: string,
	now: string,
): Promise<boolean> {
	const u = await trx
		.updateTable('periodicFollowUps')
		.set({ ...r, calledAt: now, calledBy: actor, updatedAt: now })
		.where('id', '=', id)
		.where('result', 'is', null)
		.executeTakeFirst();
	return Number(u.numUpdatedRows) === 1;
}

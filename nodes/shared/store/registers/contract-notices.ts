/**
 * Expiry notices (保养到期通知书, P13) and their renewal negotiation tasks (续约洽谈): one notice per
 * contract and end date (a unique constraint), the task open until the contract is renewed,
 * cancelled or lapses. Also what the service board shows: the contracts with a notice out.
 */
import type { Selectable } from 'kysely';
import type { ExpiryNoticeTable } from '../schema';
import type { Trx } from '../schema';
import type { RenewalTaskStatus } from '../../rules/contract-expiry';
import { isPostgres } from './common';

/** A contract the scan looks at: active, ending within the range; `noticeId` set when it was noticed for that end date. */
export interface ContractInNoticeRange {
	id: number;
	endsOn: string;
	noticeId: number | null;
}

/**
 * The scan's query: active contracts ending from `from` through `to` (both YYYY-MM-DD), with
 * their notice for that end date if they have one, in end date order. Only what the index on
 * contracts (status, ends_on, id) and the notices' unique (contract_id, ends_on) hold is read, so
 * the database answers from the indexes alone; the contract's number and customer are read only
 * for the contracts that get a notice (lockContractForNotice).
 */
export async function contractsInNoticeRange(trx: Trx, from: string, to: string): Promise<ContractInNoticeRange[]> {
	return await trx
		.selectFrom('contracts as k')
		.leftJoin('expiryNotices as n', (j) => j.onRef('n.contractId', '=', 'k.id').onRef('n.endsOn', '=', 'k.endsOn'))
		.select(['k.id', 'k.endsOn', 'n.id as noticeId'])
		.where('k.status', '=', 'active')
		.where('k.endsOn', '>=', from)
		.where('k.endsOn', '<=', to)
		.orderBy('k.endsOn')
		.orderBy('k.id')
		.execute();
}

/** The contract as the notice needs it, locked for this transaction on PostgreSQL (SQLite holds the write lock). */
export async function lockContractForNotice(trx: Trx, contractId: number) {
	let q = trx
		.selectFrom('contracts as k')
		.innerJoin('customers as c', 'c.id', 'k.customerId')
		.select([
			'k.id',
			'k.contractNo',
			'k.status',
			'k.endsOn',
			'k.kind',
			'c.name as customerName',
			'c.email as customerEmail',
			'c.phone as customerPhone',
			'c.contactPerson as customerContactPerson',
		])
		.where('k.id', '=', contractId);
	if (isPostgres(trx)) q = q.forUpdate('k');
	return await q.executeTakeFirst();
}

export type ExpiryNotice = Selectable<ExpiryNoticeTable>;

export async function findNoticeFor(trx: Trx, contractId: number, endsOn: string): Promise<ExpiryNotice | undefined> {
	return await trx.selectFrom('expiryNotices').selectAll().where('contractId', '=', contractId).where('endsOn', '=', endsOn).executeTakeFirst();
}

/** The contract's latest notice (the one for its latest end date). */
export async function latestNoticeOf(trx: Trx, contractId: number): Promise<ExpiryNotice | undefined> {
	return await trx
		.selectFrom('expiryNotices')
		.selectAll()
		.where('contractId', '=', contractId)
		.orderBy('endsOn', 'desc')
		.orderBy('id', 'desc')
		.executeTakeFirst();
}

export async function insertExpiryNotice(
	trx: Trx,
	n: { noticeNumber: string; contractId: number; endsOn: string; noticedOn: string; email: string | null },
	actor: string,
	now: string,
): Promise<ExpiryNotice> {
	return await trx
		.insertInto('expiryNotices')
		.values({
			...n,
			taskStatus: 'open',
			taskClosedAt: null,
			renewedContractId: null,
			lapseReportedAt: null,
			createdBy: actor,
			createdAt: now,
			updatedAt: now,
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** An open task with what decides its outcome: its contract's status now. */
export interface OpenRenewalTask {
	id: number;
	noticeNumber: string;
	endsOn: string;
	contractId: number;
	contractNo: string;
	contractStatus: 'active' | 'cancelled' | 'renewed';
	customerName: string;
	customerPhone: string | null;
}

/** Open tasks that may have to change: their end date passed before `today`, or their contract is no longer active. */
export async function openTasksToSettle(trx: Trx, today: string): Promise<OpenRenewalTask[]> {
	return await trx
		.selectFrom('expiryNotices as n')
		.innerJoin('contracts as k', 'k.id', 'n.contractId')
		.innerJoin('customers as c', 'c.id', 'k.customerId')
		.select([
			'n.id',
			'n.noticeNumber',
			'n.endsOn',
			'k.id as contractId',
			'k.contractNo',
			'k.status as contractStatus',
			'c.name as customerName',
			'c.phone as customerPhone',
		])
		.where('n.taskStatus', '=', 'open')
		.where((eb) => eb.or([eb('n.endsOn', '<', today), eb('k.status', '<>', 'active')]))
		.orderBy('n.endsOn')
		.orderBy('n.id')
		.execute();
}

/**
 * Moves an open task to `status`; false when another run (or a renewal) moved it first, so a
 * lapse is reported by one scan only.
 */
export async function settleTask(
	trx: Trx,
	noticeId: number,
	status: Exclude<RenewalTaskStatus, 'open'>,
	now: string,
	renewedContractId: number | null = null,
): Promise<boolean> {
	const r = await trx
		.updateTable('expiryNotices')
		.set({
			taskStatus: status,
			taskClosedAt: now,
			updatedAt: now,
			...(status === 'lapsed' ? { lapseReportedAt: now } : {}),
			...(renewedContractId !== null ? { renewedContractId } : {}),
		})
		.where('id', '=', noticeId)
		.where('taskStatus', '=', 'open')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Closes the contract's open tasks as renewed (the renewal's transaction). */
export async function closeTasksRenewed(trx: Trx, contractId: number, renewedContractId: number, now: string): Promise<number> {
	const r = await trx
		.updateTable('expiryNotices')
		.set({ taskStatus: 'closed-renewed', taskClosedAt: now, renewedContractId, updatedAt: now })
		.where('contractId', '=', contractId)
		.where('taskStatus', '=', 'open')
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** A contract with a notice out and its renewal task open, as the service board lists it. */
export interface ContractWithNoticeOut {
	contractNo: string;
	customerName: string;
	customerPhone: string | null;
	endsOn: string;
	noticeNumber: string;
	noticedOn: string;
	taskStatus: 'open';
}

/**
 * For the service board (服务看板): the active contracts with a notice out whose renewal task is
 * open, soonest end first. `now` is taken for the board's signature; the task's state is what the
 * last scan left (a contract whose end passed shows until the next scan marks it lapsed).
 */
export async function contractsWithNoticeOut(trx: Trx, _now?: string): Promise<ContractWithNoticeOut[]> {
	const rows = await trx
		.selectFrom('expiryNotices as n')
		.innerJoin('contracts as k', 'k.id', 'n.contractId')
		.innerJoin('customers as c', 'c.id', 'k.customerId')
		.select(['k.contractNo', 'c.name as customerName', 'c.phone as customerPhone', 'n.endsOn', 'n.noticeNumber', 'n.noticedOn'])
		.where('n.taskStatus', '=', 'open')
		.where('k.status', '=', 'active')
		.orderBy('n.endsOn')
		.orderBy('n.id')
		.execute();
	return rows.map((r) => ({ ...r, taskStatus: 'open' as const }));
}

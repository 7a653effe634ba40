/** Maintenance contracts (保养合同), annual or per visit. Natural key: `contractNo`. */
import type { Insertable, Selectable } from 'kysely';
import type { ContractTable } from '../schema';
import type { Trx } from '../schema';
import { foldKey } from '../../rules/natural-keys';
import { searchTerm } from '../../rules/records';
import type { ContractFact } from '../../rules/service-category';
import { fenToYuan } from '../../rules/money';
import { requireCustomer, type CustomerKey } from './customers';
import { flag, isPostgres, type Page } from './common';

/** A contract with its customer's code and name, and its amounts also in yuan. */
export type Contract = Omit<Selectable<ContractTable>, 'contractNoKey' | 'partsIncluded'> & {
	customerCode: string;
	customerName: string;
	feeYuan: string;
	visitFeeYuan: string;
	/** The contract includes parts (含零件): they are not charged on its repairs. */
	partsIncluded: boolean;
};

export type ContractInput = Partial<
	Pick<Insertable<ContractTable>, 'contractNo' | 'kind' | 'startsOn' | 'endsOn' | 'feeFen' | 'visitFeeFen' | 'status' | 'maintenanceEveryMonths'>
> & {
	customer?: CustomerKey;
	partsIncluded?: boolean;
};

function select(trx: Trx) {
	return trx
		.selectFrom('contracts as k')
		.innerJoin('customers as c', 'c.id', 'k.customerId')
		.selectAll('k')
		.select(['c.code as customerCode', 'c.name as customerName']);
}

function toContract(row: Selectable<ContractTable> & { customerCode: string; customerName: string }): Contract {
	const { contractNoKey: _key, ...rest } = row;
	return { ...rest, feeYuan: fenToYuan(row.feeFen), visitFeeYuan: fenToYuan(row.visitFeeFen), partsIncluded: flag(row.partsIncluded) };
}

export async function findContract(trx: Trx, key: { id?: number; contractNo?: string }): Promise<Contract | undefined> {
	let q = select(trx);
	if (key.id !== undefined) q = q.where('k.id', '=', key.id);
	else if (key.contractNo) q = q.where('k.contractNoKey', '=', foldKey(key.contractNo));
	else return undefined;
	const row = await q.executeTakeFirst();
	return row && toContract(row);
}

async function columns(trx: Trx, input: ContractInput) {
	const { customer, contractNo, partsIncluded, ...rest } = input;
	return {
		...rest,
		...(partsIncluded !== undefined ? { partsIncluded: partsIncluded ? 1 : 0 } : {}),
		...(contractNo ? { contractNo, contractNoKey: foldKey(contractNo) } : {}),
		...(customer ? { customerId: (await requireCustomer(trx, customer)).id } : {}),
	};
}

export async function createContract(trx: Trx, input: ContractInput, now: string): Promise<Contract> {
	const v = await columns(trx, input);
	const { id } = await trx
		.insertInto('contracts')
		.values({
			contractNo: v.contractNo!,
			contractNoKey: v.contractNoKey!,
			customerId: v.customerId!,
			kind: v.kind!,
			startsOn: v.startsOn!,
			endsOn: v.endsOn!,
			feeFen: v.feeFen ?? 0,
			visitFeeFen: v.visitFeeFen ?? 0,
			status: v.status ?? 'active',
			partsIncluded: v.partsIncluded ?? 0,
			maintenanceEveryMonths: v.maintenanceEveryMonths ?? null,
			createdAt: now,
			updatedAt: now,
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return (await findContract(trx, { id }))!;
}

/** A contract no only retyped (full-width, other case) keeps the number as first typed. */
export async function updateContract(trx: Trx, id: number, patch: ContractInput, now: string): Promise<Contract> {
	const current = await trx.selectFrom('contracts').select('contractNoKey').where('id', '=', id).executeTakeFirstOrThrow();
	const retyped = patch.contractNo !== undefined && foldKey(patch.contractNo) === current.contractNoKey;
	await trx
		.updateTable('contracts')
		.set({ ...(await columns(trx, retyped ? { ...patch, contractNo: undefined } : patch)), updatedAt: now })
		.where('id', '=', id)
		.execute();
	return (await findContract(trx, { id }))!;
}

export interface ContractFilter extends Page {
	search?: string;
	customerId?: number;
	kind?: 'annual' | 'per-visit';
	status?: 'active' | 'cancelled' | 'renewed';
	/** Contracts ending on or before this date (YYYY-MM-DD). */
	endingBefore?: string;
	/** Contracts ending on or after this date (YYYY-MM-DD). */
	endingAfter?: string;
}

export async function listContracts(trx: Trx, f: ContractFilter): Promise<Contract[]> {
	let q = select(trx).orderBy('k.endsOn').orderBy('k.id');
	if (f.search) {
		const p = `%${searchTerm(f.search).toLowerCase()}%`;
		q = q.where((eb) => eb.or([eb(eb.fn('lower', ['k.contractNo']), 'like', p), eb(eb.fn('lower', ['c.name']), 'like', p)]));
	}
	if (f.customerId !== undefined) q = q.where('k.customerId', '=', f.customerId);
	if (f.kind) q = q.where('k.kind', '=', f.kind);
	if (f.status) q = q.where('k.status', '=', f.status);
	if (f.endingBefore) q = q.where('k.endsOn', '<=', f.endingBefore);
	if (f.endingAfter) q = q.where('k.endsOn', '>=', f.endingAfter);
	if (f.limit !== undefined) q = q.limit(f.limit);
	return (await q.execute()).map(toContract);
}

/** What the contract check (rules/service-category.ts) needs of a customer's contracts. */
export async function contractFactsOf(trx: Trx, customerId: number): Promise<ContractFact[]> {
	return await trx
		.selectFrom('contracts')
		.select(['contractNo', 'kind', 'startsOn', 'endsOn', 'status', 'visitFeeFen'])
		.where('customerId', '=', customerId)
		.orderBy('id')
		.execute();
}

/** Locks the contract row until the transaction ends (PostgreSQL FOR UPDATE; SQLite's write lock already holds). */
export async function lockContract(trx: Trx, id: number): Promise<void> {
	if (isPostgres(trx)) await trx.selectFrom('contracts').select('id').where('id', '=', id).forUpdate().execute();
}

/** The renewal of `old`: a new active contract numbered `contractNo` with the same kind, customer and parts terms; its id. */
export async function insertRenewal(
	trx: Trx,
	old: Contract,
	contractNo: string,
	terms: { startsOn: string; endsOn: string },
	fees: { feeFen: number; visitFeeFen: number },
	now: string,
): Promise<number> {
	const { id } = await trx
		.insertInto('contracts')
		.values({
			contractNo,
			contractNoKey: foldKey(contractNo),
			customerId: old.customerId,
			kind: old.kind,
			startsOn: terms.startsOn,
			endsOn: terms.endsOn,
			feeFen: fees.feeFen,
			visitFeeFen: fees.visitFeeFen,
			status: 'active',
			partsIncluded: old.partsIncluded ? 1 : 0,
			createdAt: now,
			updatedAt: now,
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function markRenewed(trx: Trx, id: number, now: string): Promise<void> {
	await trx.updateTable('contracts').set({ status: 'renewed', updatedAt: now }).where('id', '=', id).execute();
}

/** Planned maintenance visits (保养): one per contract and due day, each a category B ticket. */
import type { Trx } from '../schema';
import { isPostgres } from './common';

export interface ContractDueMaintenance {
	id: number;
	contractNo: string;
	kind: 'annual' | 'per-visit';
	status: 'active' | 'cancelled' | 'renewed';
	startsOn: string;
	endsOn: string;
	visitFeeFen: number;
	maintenanceEveryMonths: number | null;
}

/** Active contracts with a maintenance period that can have a due day from `from` through `to`. */
export async function contractsWithMaintenance(trx: Trx, from: string, to: string): Promise<ContractDueMaintenance[]> {
	return await trx
		.selectFrom('contracts')
		.select(['id', 'contractNo', 'kind', 'status', 'startsOn', 'endsOn', 'visitFeeFen', 'maintenanceEveryMonths'])
		.where('status', '=', 'active')
		.where('maintenanceEveryMonths', 'is not', null)
		.where('startsOn', '<=', to)
		.where('endsOn', '>=', from)
		.orderBy('id')
		.execute();
}

/**
 * The contract with its customer's contact, its row locked until the transaction ends
 * (PostgreSQL FOR UPDATE; SQLite's write lock already holds): a concurrent run waits here and
 * then sees this run's visit.
 */
export async function lockContractForMaintenance(trx: Trx, contractId: number) {
	let q = trx
		.selectFrom('contracts as k')
		.innerJoin('customers as c', 'c.id', 'k.customerId')
		.select([
			'k.id',
			'k.contractNo',
			'k.kind',
			'k.status',
			'k.startsOn',
			'k.endsOn',
			'k.visitFeeFen',
			'k.maintenanceEveryMonths',
			'k.customerId',
			'c.name as customerName',
			'c.contactPerson',
			'c.phone',
			'c.address',
		])
		.where('k.id', '=', contractId);
	if (isPostgres(trx)) q = q.forUpdate('k');
	return await q.executeTakeFirst();
}

export async function findMaintenanceVisit(trx: Trx, contractId: number, dueOn: string) {
	return await trx.selectFrom('maintenanceVisits').selectAll().where('contractId', '=', contractId).where('dueOn', '=', dueOn).executeTakeFirst();
}

export async function insertMaintenanceVisit(
	trx: Trx,
	v: { contractId: number; dueOn: string; ticketId: number },
	actor: string,
	now: string,
): Promise<void> {
	await trx
		.insertInto('maintenanceVisits')
		.values({ ...v, createdBy: actor, createdAt: now })
		.execute();
}

/**
 * What ticket intake reads before it writes, in one statement: the customer a report names (by
 * code, else by name and phone) with the facts the warranty and contract checks need — its
 * installations and its contracts, each in id order, as JSON arrays beside the customer's row.
 * One round trip instead of three (issue 21).
 */
import { sql } from 'kysely';
import type { Trx } from '../schema';
import type { ContractFact, WarrantyFact } from '../../rules/service-category';
import { foldKey } from '../../rules/natural-keys';
import { isPostgres } from './common';
import { toCustomer, type Customer, type CustomerKey } from './customers';
import { warrantyFactsFrom, type WarrantyRow } from './installations';

export interface CustomerWithFacts {
	customer: Customer;
	installations: WarrantyFact[];
	contracts: ContractFact[];
}

type InstallationTuple = [number, string, string, string, number | null];
type ContractTuple = [string, ContractFact['kind'], string, string, ContractFact['status'], number];

/** The customer of `key` (code, else name and phone) with its warranty and contract facts; undefined when there is none. */
export async function customerWithFacts(trx: Trx, key: Pick<CustomerKey, 'code' | 'name' | 'phone'>): Promise<CustomerWithFacts | undefined> {
	const pg = isPostgres(trx);
	// Arrays, not objects: the camel-case plugin leaves them alone, and they are shorter.
	const installations = pg
		? sql<
				InstallationTuple[] | string
			>`(select coalesce(json_agg(json_build_array(i.id, i.serial_no, i.completed_on, i.warranty_until, i.replaced_by_id) order by i.id), '[]'::json)
			from installations i where i.customer_id = c.id)`
		: sql<
				InstallationTuple[] | string
			>`(select json_group_array(json_array(i.id, i.serial_no, i.completed_on, i.warranty_until, i.replaced_by_id) order by i.id)
			from installations i where i.customer_id = c.id)`;
	const contracts = pg
		? sql<
				ContractTuple[] | string
			>`(select coalesce(json_agg(json_build_array(k.contract_no, k.kind, k.starts_on, k.ends_on, k.status, k.visit_fee_fen) order by k.id), '[]'::json)
			from contracts k where k.customer_id = c.id)`
		: sql<
				ContractTuple[] | string
			>`(select json_group_array(json_array(k.contract_no, k.kind, k.starts_on, k.ends_on, k.status, k.visit_fee_fen) order by k.id)
			from contracts k where k.customer_id = c.id)`;
	let q = trx
		.selectFrom('customers as c')
		.selectAll('c')
		.select([installations.as('installationFacts'), contracts.as('contractFacts')]);
	if (key.code) q = q.where('c.codeKey', '=', foldKey(key.code));
	else if (key.name && key.phone) q = q.where('c.name', '=', key.name).where('c.phone', '=', key.phone);
	else return undefined;
	const row = await q.executeTakeFirst();
	if (!row) return undefined;
	const { installationFacts, contractFacts, ...customer } = row;
	const parse = <T>(v: T[] | string): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : v);
	const rows: WarrantyRow[] = parse(installationFacts).map(([id, serialNo, completedOn, warrantyUntil, replacedById]) => ({
		id,
		serialNo,
		completedOn,
		warrantyUntil,
		replacedById,
	}));
	return {
		customer: toCustomer(customer),
		installations: warrantyFactsFrom(rows),
		contracts: parse(contractFacts).map(([contractNo, kind, startsOn, endsOn, status, visitFeeFen]) => ({
			contractNo,
			kind,
			startsOn,
			endsOn,
			status,
			visitFeeFen: Number(visitFeeFen),
		})),
	};
}

/** Completed projects and equipment (完工工程/设备) with their warranty. Natural key: `serialNo`. */
import type { Insertable, Selectable } from 'kysely';
import type { InstallationTable } from '../schema';
import type { Trx } from '../schema';
import { foldKey } from '../../rules/natural-keys';
import { searchTerm } from '../../rules/records';
import type { WarrantyFact } from '../../rules/service-category';
import { ProblemList } from '../../rules/errors';
import { replacementWarranty } from '../../rules/repair-corrections';
import { requireCustomer, type CustomerKey } from './customers';
import type { Page } from './common';

/** An installation with its customer's code and name. */
export type Installation = Omit<Selectable<InstallationTable>, 'serialNoKey'> & { customerCode: string; customerName: string };

export type InstallationInput = Partial<Pick<Insertable<InstallationTable>, 'serialNo' | 'description' | 'completedOn' | 'warrantyUntil'>> & {
	customer?: CustomerKey;
};

function select(trx: Trx) {
	return trx
		.selectFrom('installations as i')
		.innerJoin('customers as c', 'c.id', 'i.customerId')
		.selectAll('i')
		.select(['c.code as customerCode', 'c.name as customerName']);
}

function toInstallation(row: Selectable<InstallationTable> & { customerCode: string; customerName: string }): Installation {
	const { serialNoKey: _key, ...rest } = row;
	return rest;
}

export async function findInstallation(trx: Trx, key: { id?: number; serialNo?: string }): Promise<Installation | undefined> {
	let q = select(trx);
	if (key.id !== undefined) q = q.where('i.id', '=', key.id);
	else if (key.serialNo) q = q.where('i.serialNoKey', '=', foldKey(key.serialNo));
	else return undefined;
	const row = await q.executeTakeFirst();
	return row && toInstallation(row);
}

async function columns(trx: Trx, input: InstallationInput) {
	const { customer, serialNo, ...rest } = input;
	return {
		...rest,
		...(serialNo ? { serialNo, serialNoKey: foldKey(serialNo) } : {}),
		...(customer ? { customerId: (await requireCustomer(trx, customer)).id } : {}),
	};
}

export async function createInstallation(trx: Trx, input: InstallationInput, now: string): Promise<Installation> {
	const values = await columns(trx, input);
	const { id } = await trx
		.insertInto('installations')
		.values({
			serialNo: values.serialNo!,
			serialNoKey: values.serialNoKey!,
			customerId: values.customerId!,
			description: values.description!,
			completedOn: values.completedOn!,
			warrantyUntil: values.warrantyUntil!,
			createdAt: now,
			updatedAt: now,
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return (await findInstallation(trx, { id }))!;
}

/** A serial no only retyped (full-width, other case) keeps the serial no as first typed. */
export async function updateInstallation(trx: Trx, id: number, patch: InstallationInput, now: string): Promise<Installation> {
	const current = await trx.selectFrom('installations').select('serialNoKey').where('id', '=', id).executeTakeFirstOrThrow();
	const retyped = patch.serialNo !== undefined && foldKey(patch.serialNo) === current.serialNoKey;
	await trx
		.updateTable('installations')
		.set({ ...(await columns(trx, retyped ? { ...patch, serialNo: undefined } : patch)), updatedAt: now })
		.where('id', '=', id)
		.execute();
	return (await findInstallation(trx, { id }))!;
}

export interface InstallationFilter extends Page {
	search?: string;
	customerId?: number;
	/** Only installations whose warranty still runs on this date (YYYY-MM-DD). */
	inWarrantyOn?: string;
}

export async function listInstallations(trx: Trx, f: InstallationFilter): Promise<Installation[]> {
	let q = select(trx).orderBy('i.id');
	if (f.search) {
		const p = `%${searchTerm(f.search).toLowerCase()}%`;
		q = q.where((eb) =>
			eb.or([
				eb(eb.fn('lower', ['i.serialNo']), 'like', p),
				eb(eb.fn('lower', ['i.description']), 'like', p),
				eb(eb.fn('lower', ['c.name']), 'like', p),
			]),
		);
	}
	if (f.customerId !== undefined) q = q.where('i.customerId', '=', f.customerId);
	if (f.inWarrantyOn) q = q.where('i.completedOn', '<=', f.inWarrantyOn).where('i.warrantyUntil', '>=', f.inWarrantyOn);
	if (f.limit !== undefined) q = q.limit(f.limit);
	return (await q.execute()).map(toInstallation);
}

/**
 * What the warranty check (rules/service-category.ts) needs of a customer's installations. A unit
 * replaced (更换设备) answers with the warranty of the unit now in its place, so a report that
 * still names the old serial no is judged on the new unit's warranty.
 */
export async function warrantyFactsOf(trx: Trx, customerId: number): Promise<WarrantyFact[]> {
	const rows = await trx
		.selectFrom('installations')
		.select(['id', 'serialNo', 'completedOn', 'warrantyUntil', 'replacedById'])
		.where('customerId', '=', customerId)
		.orderBy('id')
		.execute();
	return warrantyFactsFrom(rows);
}

/** An installation row as the warranty check reads it. */
export interface WarrantyRow {
	id: number;
	serialNo: string;
	completedOn: string;
	warrantyUntil: string;
	replacedById: number | null;
}

/** The warranty facts of a customer's installation rows (in id order), each replaced unit answering with its replacement's warranty. */
export function warrantyFactsFrom(rows: readonly WarrantyRow[]): WarrantyFact[] {
	const byId = new Map(rows.map((r) => [r.id, r]));
	return rows.map((r) => {
		let now = r;
		for (let hops = 0; now.replacedById !== null && byId.has(now.replacedById) && hops < rows.length; hops++) now = byId.get(now.replacedById)!;
		return { serialNo: r.serialNo, completedOn: now.completedOn, warrantyUntil: now.warrantyUntil };
	});
}

/**
 * Visit outcome "replaced" (更换设备): the new unit enters the register for the same customer
 * with the old unit's description, its warranty from `replacedOn` (replacementWarranty); the old
 * unit stays for history, marked replaced and pointing to the new one, so tickets naming it still
 * find it. Refused, field by field, before anything is written: no old unit named or known, one
 * of another customer or already replaced, a new serial no already in the register.
 */
export async function replaceInstallation(
	trx: Trx,
	ticket: { id: number; ticketNumber: string; customerId: number; serialNo: string | null },
	r: { oldSerialNo: string | null; newSerialNo: string; replacedOn: string; warrantyMonths?: number },
	now: string,
): Promise<{ old: Installation; replacement: Installation }> {
	const problems = new ProblemList();
	const oldSerialNo = r.oldSerialNo ?? ticket.serialNo;
	let old: Installation | undefined;
	if (!oldSerialNo) {
		problems.add(
			'serialNo',
			`Serial no (序列号): ticket ${ticket.ticketNumber} names no installation; expected the serial no of the unit that was replaced`,
		);
	} else {
		old = await findInstallation(trx, { serialNo: oldSerialNo });
		if (!old)
			problems.add(
				'serialNo',
				`Serial no (序列号): "${oldSerialNo}" is not in the installation register; expected the serial no of the unit that was replaced`,
			);
		else if (old.customerId !== ticket.customerId)
			problems.add('serialNo', `Serial no (序列号): "${old.serialNo}" is an installation of ${old.customerName}, not of this ticket's customer`);
		else if (old.replacedById !== null) {
			const by = await findInstallation(trx, { id: old.replacedById });
			problems.add('serialNo', `Serial no (序列号): "${old.serialNo}" was already replaced by "${by?.serialNo}" on ${old.replacedOn}`);
		}
	}
	const taken = await findInstallation(trx, { serialNo: r.newSerialNo });
	if (taken) {
		problems.add(
			'newSerialNo',
			`New serial no (新序列号): "${r.newSerialNo}" is already in the installation register (${taken.customerName}, ${taken.description}); expected the serial no of the new unit`,
		);
	}
	problems.throwIfAny();
	const warranty = replacementWarranty(r.replacedOn, r.warrantyMonths);
	const replacement = await createInstallation(
		trx,
		{
			serialNo: r.newSerialNo,
			customer: { id: old!.customerId },
			description: old!.description,
			completedOn: warranty.completedOn,
			warrantyUntil: warranty.warrantyUntil,
		},
		now,
	);
	await trx
		.updateTable('installations')
		.set({ replacedById: replacement.id, replacedOn: r.replacedOn, replacedByTicketId: ticket.id, updatedAt: now })
		.where('id', '=', old!.id)
		.where('replacedById', 'is', null)
		.execute();
	return { old: (await findInstallation(trx, { id: old!.id }))!, replacement };
}

/** Customer file (客户档案). Natural key: `code`, else `name` + `phone`. */
import type { Insertable, Selectable } from 'kysely';
import type { CustomerTable } from '../schema';
import type { Trx } from '../schema';
import { NotFoundError } from '../../rules/errors';
import { flag, textSearch, type Page } from './common';
import { foldKey } from '../../rules/natural-keys';

/** A customer as the nodes give it out: the row with `archived` as a flag (its folded key stays inside). */
export type Customer = Omit<Selectable<CustomerTable>, 'archived' | 'codeKey'> & { archived: boolean };

export type CustomerInput = Partial<Pick<Insertable<CustomerTable>, 'code' | 'name' | 'contactPerson' | 'phone' | 'email' | 'address' | 'notes'>>;

export interface CustomerKey {
	id?: number;
	code?: string;
	name?: string;
	phone?: string;
}

export function toCustomer(row: Selectable<CustomerTable>): Customer {
	const { codeKey: _key, ...rest } = row;
	return { ...rest, archived: flag(row.archived) };
}

/** Customer code given to a customer created without one: KH000042. */
export function generatedCustomerCode(id: number): string {
	return `KH${String(id).padStart(6, '0')}`;
}

export async function findCustomer(trx: Trx, key: CustomerKey): Promise<Customer | undefined> {
	let q = trx.selectFrom('customers').selectAll();
	if (key.id !== undefined) q = q.where('id', '=', key.id);
	else if (key.code) q = q.where('codeKey', '=', foldKey(key.code));
	else if (key.name && key.phone) q = q.where('name', '=', key.name).where('phone', '=', key.phone);
	else return undefined;
	const row = await q.executeTakeFirst();
	return row && toCustomer(row);
}

export function describeCustomerKey(key: CustomerKey): string {
	if (key.id !== undefined) return `id ${key.id}`;
	if (key.code) return `code "${key.code}"`;
	return `name "${key.name ?? ''}" and phone "${key.phone ?? ''}"`;
}

export async function requireCustomer(trx: Trx, key: CustomerKey): Promise<Customer> {
	const found = await findCustomer(trx, key);
	if (!found) throw new NotFoundError(`No customer with ${describeCustomerKey(key)} is in the customer file (客户档案)`);
	return found;
}

export async function createCustomer(trx: Trx, input: CustomerInput, now: string): Promise<Customer> {
	const code = input.code ?? `pending-${now}-${Math.random()}`;
	const row = await trx
		.insertInto('customers')
		.values({
			code,
			codeKey: foldKey(code),
			name: input.name!,
			contactPerson: input.contactPerson ?? null,
			phone: input.phone ?? null,
			email: input.email ?? null,
			address: input.address ?? null,
			notes: input.notes ?? null,
			createdAt: now,
			updatedAt: now,
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	if (input.code) return toCustomer(row);
	// KH + the row's id, unless an imported register already uses that code: then KH…-2, -3 …
	const base = generatedCustomerCode(row.id);
	let generated = base;
	for (let n = 2; await findCustomer(trx, { code: generated }); n++) generated = `${base}-${n}`;
	const coded = await trx
		.updateTable('customers')
		.set({ code: generated, codeKey: foldKey(generated) })
		.where('id', '=', row.id)
		.returningAll()
		.executeTakeFirstOrThrow();
	return toCustomer(coded);
}

/** Who a report or an order names: a customer code, or a new customer's name, phone and address. */
export interface NamedCustomer {
	customerCode?: string | null;
	customerName?: string;
	phone: string;
	contactPerson?: string | null;
	address: string;
	email?: string | null;
}

/**
 * The customer a report or an order names: by code when it gives one, else by name and phone, created from the
 * named fields when there is none yet. An unknown code is refused with the caller's own `unknownCode` error.
 */
export async function findOrCreateCustomer(
	trx: Trx,
	named: NamedCustomer,
	now: string,
	unknownCode: (code: string) => Error,
): Promise<{ customer: Customer; created: boolean }> {
	const found = named.customerCode
		? await findCustomer(trx, { code: named.customerCode })
		: await findCustomer(trx, { name: named.customerName, phone: named.phone });
	if (found) return { customer: found, created: false };
	if (named.customerCode) throw unknownCode(named.customerCode);
	const customer = await createCustomer(
		trx,
		{
			name: named.customerName,
			phone: named.phone,
			contactPerson: named.contactPerson ?? undefined,
			address: named.address,
			email: named.email ?? undefined,
		},
		now,
	);
	return { customer, created: true };
}

/** A change of the code that only retypes it (ＫＨ－１ for KH-1) keeps the code as first typed. */
export async function updateCustomer(trx: Trx, id: number, patch: CustomerInput, now: string): Promise<Customer> {
	const { code, ...rest } = patch;
	const current = await trx.selectFrom('customers').select('codeKey').where('id', '=', id).executeTakeFirstOrThrow();
	const recode = code !== undefined && code !== null && foldKey(code) !== current.codeKey ? { code, codeKey: foldKey(code) } : {};
	const row = await trx
		.updateTable('customers')
		.set({ ...rest, ...recode, updatedAt: now })
		.where('id', '=', id)
		.returningAll()
		.executeTakeFirstOrThrow();
	return toCustomer(row);
}

export async function archiveCustomer(trx: Trx, id: number, now: string): Promise<Customer> {
	const row = await trx
		.updateTable('customers')
		.set({ archived: 1, archivedAt: now, updatedAt: now })
		.where('id', '=', id)
		.returningAll()
		.executeTakeFirstOrThrow();
	return toCustomer(row);
}

export interface CustomerFilter extends Page {
	search?: string;
	archived?: 'exclude' | 'include' | 'only';
}

export async function listCustomers(trx: Trx, f: CustomerFilter): Promise<Customer[]> {
	let q = trx.selectFrom('customers').selectAll().orderBy('id');
	if (f.search) q = q.where(textSearch(['code', 'name', 'contact_person', 'phone', 'email', 'address'], f.search));
	if (f.archived === 'exclude' || f.archived === undefined) q = q.where('archived', '=', 0);
	if (f.archived === 'only') q = q.where('archived', '=', 1);
	if (f.limit !== undefined) q = q.limit(f.limit);
	return (await q.execute()).map(toCustomer);
}

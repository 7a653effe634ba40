/**
 * The five registers as the node sees them: how to find a record (by id or natural key), how a
 * clean record becomes repository input, and the filters of Get Many. The operations in
 * `common/` are written once against this shape.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { CleanRecord, RegisterName } from '../../shared/rules/records';
import { fieldError } from '../../shared/rules/errors';
import { label } from '../../shared/rules/fields';
import { normalizeMainlandPhone } from '../../shared/rules/phone';
import { parseDate } from '../../shared/rules/dates';
import type { Trx } from '../../shared/store/store';
import * as customers from '../../shared/store/registers/customers';
import * as installations from '../../shared/store/registers/installations';
import * as contracts from '../../shared/store/registers/contracts';
import * as technicians from '../../shared/store/registers/technicians';
import * as tileModels from '../../shared/store/registers/tile-models';
import { numberProperty, optionsProperty, stringProperty } from '../../shared/n8n/properties';

export type Resource = 'customer' | 'installation' | 'contract' | 'technician' | 'tileModel';

/** How a record is pointed at: its id, or its natural key typed or picked from a list. */
export interface RecordRef {
	id?: number;
	key?: string;
}

export interface Register {
	resource: Resource;
	register: RegisterName;
	/** "customer", for messages. */
	noun: string;
	/** The register's name for staff, e.g. "Customers (客户档案)". */
	title: string;
	/** The locator's natural-key mode; it types the first field of `naturalKeys`. */
	keyMode: { name: string; displayName: string; placeholder: string };
	/** listSearch method filling the dropdown, when the register has one. */
	searchMethod?: string;
	/**
	 * The natural keys (RECORDS.md) in order of preference, as the clean record's fields: the
	 * locator, Create or Update and Import Rows all find a record by the first complete one.
	 */
	naturalKeys: string[][];
	/** The record with this id, or with these natural-key fields ({ code }, { name, phone } …). */
	lookup(trx: Trx, key: Record<string, unknown>): Promise<IDataObject | undefined>;
	create(trx: Trx, record: CleanRecord, now: string): Promise<IDataObject>;
	update(trx: Trx, id: number, record: CleanRecord, now: string): Promise<IDataObject>;
	/**
	 * Fields that Create or Update and Import Rows take only when they create the record: a
	 * re-imported price list must not set the stock back to the file's opening count.
	 */
	createOnly?: string[];
	list(trx: Trx, filters: IDataObject, limit: number | undefined, zone: string): Promise<IDataObject[]>;
	filters: INodeProperties[];
}

/** The first complete natural key of a clean record, as lookup fields; undefined when none is complete. */
export function naturalKeyOf(reg: Register, record: CleanRecord): Record<string, unknown> | undefined {
	const key = reg.naturalKeys.find((fields) => fields.every((f) => record[f] !== undefined && record[f] !== null && record[f] !== ''));
	return key && Object.fromEntries(key.map((f) => [f, record[f]]));
}

/** The record a locator points at: by id, or by the natural key typed or picked. */
export async function findRecord(trx: Trx, reg: Register, ref: RecordRef): Promise<IDataObject | undefined> {
	return await reg.lookup(trx, ref.id !== undefined ? { id: ref.id } : { [reg.naturalKeys[0][0]]: ref.key });
}

function customerKeyOf(r: CleanRecord): customers.CustomerKey | undefined {
	if (r.customerCode) return { code: String(r.customerCode) };
	if (r.customerName && r.customerPhone) return { name: String(r.customerName), phone: String(r.customerPhone) };
	return undefined;
}

function withoutCustomerRef(r: CleanRecord): CleanRecord {
	const { customerCode: _code, customerName: _name, customerPhone: _phone, ...rest } = r;
	const customer = customerKeyOf(r);
	return customer ? { ...rest, customer } : rest;
}

const searchFilter: INodeProperties = stringProperty('search', 'Search', '', { description: 'Text found in the name, code, phone …' });

const customerIdFilter: INodeProperties = stringProperty('customerCode', 'Customer Code', '', {
	description: 'Only records of this customer (客户编号)',
});

async function customerIdFor(trx: Trx, filters: IDataObject): Promise<number | undefined> {
	if (!filters.customerCode) return undefined;
	return (await customers.requireCustomer(trx, { code: String(filters.customerCode) })).id;
}

function optionalDate(v: unknown, field: string, zone: string): string | undefined {
	return v ? parseDate(v, field, zone) : undefined;
}

const customer: Register = {
	resource: 'customer',
	register: 'customers',
	noun: 'customer',
	title: 'Customers (客户档案)',
	keyMode: { name: 'code', displayName: 'By Code', placeholder: 'KH000001' },
	searchMethod: 'searchCustomers',
	naturalKeys: [['code'], ['name', 'phone']],
	lookup: (trx, k) => customers.findCustomer(trx, k as customers.CustomerKey) as Promise<IDataObject | undefined>,
	create: (trx, r, now) => customers.createCustomer(trx, r, now) as Promise<IDataObject>,
	update: (trx, id, r, now) => customers.updateCustomer(trx, id, r, now) as Promise<IDataObject>,
	list: (trx, f, limit) =>
		customers.listCustomers(trx, {
			search: f.search as string,
			archived: (f.archived as customers.CustomerFilter['archived']) ?? 'exclude',
			limit,
		}) as Promise<IDataObject[]>,
	filters: [
		searchFilter,
		optionsProperty(
			'archived',
			'Archived',
			[
				['Exclude Archived', 'exclude'],
				['Include Archived', 'include'],
				['Only Archived', 'only'],
			],
			'exclude',
		),
	],
};

/**
 * A register whose records belong to a customer (installations, contracts): one number finds a
 * record, the customer is named by code or by name and phone, Get Many filters by text and customer.
 */
function customerOwned(r: {
	resource: Resource;
	register: RegisterName;
	noun: string;
	title: string;
	keyMode: Register['keyMode'];
	find(trx: Trx, key: Record<string, unknown>): Promise<unknown>;
	create(trx: Trx, record: CleanRecord, now: string): Promise<unknown>;
	update(trx: Trx, id: number, record: CleanRecord, now: string): Promise<unknown>;
	list(
		trx: Trx,
		base: { search: string; customerId: number | undefined; limit: number | undefined },
		filters: IDataObject,
		zone: string,
	): Promise<unknown[]>;
	filters: INodeProperties[];
}): Register {
	return {
		resource: r.resource,
		register: r.register,
		noun: r.noun,
		title: r.title,
		keyMode: r.keyMode,
		naturalKeys: [[r.keyMode.name]],
		lookup: async (trx, k) => (await r.find(trx, k)) as IDataObject | undefined,
		create: async (trx, record, now) => (await r.create(trx, withoutCustomerRef(record), now)) as IDataObject,
		update: async (trx, id, record, now) => (await r.update(trx, id, withoutCustomerRef(record), now)) as IDataObject,
		list: async (trx, f, limit, zone) =>
			(await r.list(trx, { search: f.search as string, customerId: await customerIdFor(trx, f), limit }, f, zone)) as IDataObject[],
		filters: [searchFilter, customerIdFilter, ...r.filters],
	};
}

const installation = customerOwned({
	resource: 'installation',
	register: 'installations',
	noun: 'installation',
	title: 'Installations (完工工程/设备)',
	keyMode: { name: 'serialNo', displayName: 'By Serial No', placeholder: 'SN-2026-0001' },
	find: (trx, k) => installations.findInstallation(trx, k as { id?: number; serialNo?: string }),
	create: installations.createInstallation,
	update: installations.updateInstallation,
	list: (trx, base, f, zone) => installations.listInstallations(trx, { ...base, inWarrantyOn: optionalDate(f.inWarrantyOn, 'warrantyUntil', zone) }),
	filters: [
		{
			displayName: 'In Warranty On',
			name: 'inWarrantyOn',
			type: 'dateTime',
			default: '',
			description: 'Only installations whose warranty runs on this date',
		},
	],
});

const contract = customerOwned({
	resource: 'contract',
	register: 'contracts',
	noun: 'contract',
	title: 'Maintenance Contracts (保养合同)',
	keyMode: { name: 'contractNo', displayName: 'By Contract No', placeholder: 'HT-2026-001' },
	find: (trx, k) => contracts.findContract(trx, k as { id?: number; contractNo?: string }),
	create: contracts.createContract,
	update: contracts.updateContract,
	list: (trx, base, f, zone) =>
		contracts.listContracts(trx, {
			...base,
			kind: (f.kind as 'annual') || undefined,
			status: (f.status as 'active') || undefined,
			endingBefore: optionalDate(f.endingBefore, 'endsOn', zone),
			endingAfter: optionalDate(f.endingAfter, 'endsOn', zone),
		}),
	filters: [
		optionsProperty(
			'kind',
			'Kind',
			[
				['Annual (按年)', 'annual'],
				['Per Visit (按次)', 'per-visit'],
			],
			'annual',
		),
		optionsProperty(
			'status',
			'Status',
			[
				['Active', 'active'],
				['Cancelled', 'cancelled'],
				['Renewed', 'renewed'],
			],
			'active',
		),
		{ displayName: 'Ending On or Before', name: 'endingBefore', type: 'dateTime', default: '' },
		{ displayName: 'Ending On or After', name: 'endingAfter', type: 'dateTime', default: '' },
	],
});

const technician: Register = {
	resource: 'technician',
	register: 'technicians',
	noun: 'technician',
	title: 'Technicians (技术员)',
	keyMode: { name: 'phone', displayName: 'By Phone', placeholder: '13812345678' },
	searchMethod: 'searchTechnicians',
	naturalKeys: [['phone']],
	// A phone typed in the locator (138 1234 5678, +86 …) is read as the register writes it.
	lookup: (trx, k) =>
		technicians.findTechnician(trx, k.phone !== undefined ? { phone: normalizeMainlandPhone(k.phone) } : (k as { id?: number })) as Promise<
			IDataObject | undefined
		>,
	create: (trx, r, now) => technicians.createTechnician(trx, r, now) as Promise<IDataObject>,
	update: (trx, id, r, now) => technicians.updateTechnician(trx, id, r, now) as Promise<IDataObject>,
	list: (trx, f, limit) =>
		technicians.listTechnicians(trx, {
			search: f.search as string,
			active: (f.active as 'active') ?? 'active',
			skill: (f.skill as string) || undefined,
			area: (f.area as string) || undefined,
			limit,
		}) as Promise<IDataObject[]>,
	filters: [
		searchFilter,
		optionsProperty(
			'active',
			'Active',
			[
				['Active Only', 'active'],
				['Inactive Only', 'inactive'],
				['All', 'all'],
			],
			'active',
		),
		stringProperty('skill', 'Skill', '', { description: 'Only technicians with this skill (技能)' }),
		stringProperty('area', 'Service Area', '', { description: 'Only technicians serving this area (服务区域)' }),
	],
};

const tileModel: Register = {
	resource: 'tileModel',
	register: 'tile-models',
	// Stock moves by Adjust Stock, each move with its reason; a sheet's 库存箱数 opens the stock of a new model.
	createOnly: ['boxesOnHand'],
	noun: 'tile model',
	title: 'Tile Models and Stock (瓷砖库存)',
	keyMode: { name: 'modelCode', displayName: 'By Model Code', placeholder: 'CZ-600x600-GL' },
	searchMethod: 'searchTileModels',
	naturalKeys: [['modelCode']],
	lookup: (trx, k) => tileModels.findTileModel(trx, k as { id?: number; modelCode?: string }) as Promise<IDataObject | undefined>,
	create: (trx, r, now) => tileModels.createTileModel(trx, r, now) as Promise<IDataObject>,
	update: (trx, id, r, now) => tileModels.updateTileModel(trx, id, r, now) as Promise<IDataObject>,
	list: (trx, f, limit) =>
		tileModels.listTileModels(trx, {
			search: f.search as string,
			availableBelow: availableBelowFilter(f.availableBelow),
			limit,
		}) as Promise<IDataObject[]>,
	filters: [
		searchFilter,
		numberProperty('availableBelow', 'Available Boxes Below', 10, {
			description: 'Only models running low: available boxes (on hand − reserved) below this',
		}),
	],
};

export const REGISTERS: Record<Resource, Register> = { customer, installation, contract, technician, tileModel };

/** A natural key must be complete for Upsert; says which fields make one. */
export function requireNaturalKey(reg: Register, record: CleanRecord): void {
	if (naturalKeyOf(reg, record)) return;
	const keys = reg.naturalKeys.map((fields) => fields.map((f) => label(f)).join(' and ')).join(', or ');
	throw fieldError(reg.naturalKeys[0][0], `${keys}: is empty; Upsert finds the existing ${reg.noun} by it`);
}

/** The register behind a public register name (RECORDS.md): `customers` → customer … */
export function registerByName(name: string): Register | undefined {
	return Object.values(REGISTERS).find((r) => r.register === name);
}

/**
 * Available Below as the store compares it with whole boxes: a fraction is its next whole number
 * (fewer than 0.5 boxes is fewer than 1), which PostgreSQL's integer comparison needs; a number
 * that is not finite is refused on the field.
 */
function availableBelowFilter(v: unknown): number | undefined {
	if (typeof v !== 'number') return undefined;
	if (!Number.isFinite(v))
		throw fieldError('availableBelow', `Available below (boxes): ${String(v)} is not a number of boxes; expected a whole number such as 10`);
	return Math.min(Math.ceil(v), 2_147_483_647);
}

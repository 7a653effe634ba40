/**
 * Create, Update, Upsert, Get and Get Many, written once for every register. Each operation
 * file of a resource is one line naming its register; what differs per register lives in
 * `../registers.ts`. Validation happens before the transaction opens, so a bad item never
 * touches the store.
 */
import type { IDataObject } from 'n8n-workflow';
import { cleanRecord } from '../../../shared/rules/records';
import { NotFoundError } from '../../../shared/rules/errors';
import { retryOnceIfDuplicate } from '../../../shared/services/retry';
import { nowIso, limitParameter, collectionParameter } from '../../../shared/n8n/per-item';
import type { Store, Trx } from '../../../shared/store/store';
import { findRecord, naturalKeyOf, requireNaturalKey, type RecordRef, type Register } from '../registers';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { dataModeProperty, locatorProperty, readRecordInput, readRef, recordFieldsProperty } from './parameters';
import { filtersProperty, pagingProperties } from '../../../shared/n8n/paging';

export async function requireRecord(trx: Trx, reg: Register, ref: RecordRef): Promise<IDataObject> {
	const found = await findRecord(trx, reg, ref);
	if (!found) {
		const how = ref.id !== undefined ? `id ${ref.id}` : `${reg.keyMode.displayName.replace('By ', '').toLowerCase()} "${ref.key}"`;
		throw new NotFoundError(`No ${reg.noun} with ${how} is in the register`);
	}
	return found;
}

export function createOperation(reg: Register): Operation {
	return {
		description: forOperation(reg.resource, 'create', [dataModeProperty(), recordFieldsProperty(reg)]),
		async execute(i, store) {
			const record = cleanRecord(reg.register, readRecordInput(this, reg, i), 'create', this.getTimezone());
			return await store.transaction((trx) => reg.create(trx, record, nowIso()));
		},
	};
}

export function updateOperation(reg: Register): Operation {
	return {
		description: forOperation(reg.resource, 'update', [locatorProperty(reg), dataModeProperty(), recordFieldsProperty(reg)]),
		async execute(i, store) {
			const ref = readRef(this, reg, i);
			const patch = cleanRecord(reg.register, readRecordInput(this, reg, i), 'patch', this.getTimezone());
			return await store.transaction(async (trx) => {
				// Rules across fields (end after start …) against the unchanged fields are the store's CHECKs.
				const current = await requireRecord(trx, reg, ref);
				return await reg.update(trx, current.id as number, patch, nowIso());
			});
		},
	};
}

/**
 * Updates the record with the natural key of `input`, or creates it; `upserted` says which.
 * Shared by Create or Update and by Import Rows.
 */
export async function upsertRecord(store: Store, reg: Register, input: Record<string, unknown>, zone: string): Promise<IDataObject> {
	const patch = cleanRecord(reg.register, input, 'patch', zone);
	requireNaturalKey(reg, patch);
	const upsert = () =>
		store.transaction(async (trx) => {
			const existing = await reg.lookup(trx, naturalKeyOf(reg, patch)!);
			if (existing) {
				const change = Object.fromEntries(Object.entries(patch).filter(([field]) => !reg.createOnly?.includes(field)));
				return { ...(await reg.update(trx, existing.id as number, change, nowIso())), upserted: 'updated' };
			}
			const record = cleanRecord(reg.register, input, 'create', zone);
			return { ...(await reg.create(trx, record, nowIso())), upserted: 'created' };
		});
	// Another execution may create the same key between our look-up and insert: then it exists, and the retry updates it.
	return await retryOnceIfDuplicate(upsert);
}

export function upsertOperation(reg: Register): Operation {
	return {
		description: forOperation(reg.resource, 'upsert', [dataModeProperty(), recordFieldsProperty(reg)]),
		async execute(i, store) {
			return await upsertRecord(store, reg, readRecordInput(this, reg, i), this.getTimezone());
		},
	};
}

export function getOperation(reg: Register): Operation {
	return {
		description: forOperation(reg.resource, 'get', [locatorProperty(reg)]),
		async execute(i, store) {
			const ref = readRef(this, reg, i);
			return await store.transaction((trx) => requireRecord(trx, reg, ref));
		},
	};
}

export function getManyOperation(reg: Register): Operation {
	return {
		description: forOperation(reg.resource, 'getMany', [...pagingProperties(), filtersProperty(reg.filters)]),
		async execute(i, store) {
			const limit = limitParameter(this, i);
			const filters = collectionParameter(this, 'filters', i);
			return await store.transaction((trx) => reg.list(trx, filters, limit, this.getTimezone()));
		},
	};
}

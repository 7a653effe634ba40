/**
 * Import Rows (导入): every input item is one data row of a spreadsheet or JSON array for one
 * register; each row is created or updated by its natural key in its own transaction, so rows are
 * independent. Output is one item: `{ register, created, updated, rejected: [{ row, reason }],
 * ignoredColumns }`, `row` being the 1-based data row (header not counted), `ignoredColumns` the
 * headers that are no column of the register. A batch that cannot be an import of that register
 * — no rows, or no column the register knows — fails as a whole (`invalid`) and writes nothing; a
 * store that fails partway stops it (`failed`), saying what is already in.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Store } from '../../../shared/store/store';
import { countKnownHeaders, headerOf, isBlank, mapHeaders, REGISTER_FIELDS, unknownHeaders, type RegisterName } from '../../../shared/rules/records';
import { fieldError } from '../../../shared/rules/errors';
import { REGISTERS, registerByName } from '../registers';
import { upsertRecord } from '../common/record-operations';
import { isClerkError, pairedToAll, textParameter } from '../../../shared/n8n/per-item';
import type { BatchOperation } from '../../../shared/n8n/operations';

const REGISTER_NAMES: RegisterName[] = Object.values(REGISTERS).map((r) => r.register);

/** The store failed partway through a file: not the file's fault, and part of it is saved. */
class ImportInterrupted extends Error {}

export const { description, executeBatch }: BatchOperation = {
	description: [
		{
			displayName: 'Register',
			name: 'register',
			type: 'options',
			options: Object.values(REGISTERS).map((r) => ({ name: r.title, value: r.register })),
			// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the options are computed; customers is one
			default: 'customers',
			description: 'The register the rows go into. An expression can take it from the webhook path.',
			hint: 'Import customers before the installations and contracts that refer to them',
			displayOptions: { show: { resource: ['import'], operation: ['importRows'] } },
		},
	],
	async executeBatch(store) {
		return [{ json: await importBatch.call(this, store), pairedItem: pairedToAll(this) }];
	},
};

async function importBatch(this: IExecuteFunctions, store: Store): Promise<IDataObject> {
	const items = this.getInputData();
	const name = textParameter(this, 'register', 0);
	const reg = registerByName(name);
	if (!reg) throw fieldError('register', `Register "${name}" is not known; expected one of ${REGISTER_NAMES.join(', ')}`);
	const rows = items.map((item) => item.json as Record<string, unknown>);
	const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	if (!rows.some((r) => Object.values(r).some((v) => !isBlank(v)))) {
		throw fieldError('file', 'The file has no data rows; expected a header row and at least one row of data');
	}
	// U+FFFD is what a reader leaves for bytes that are not UTF-8: a CSV that Chinese Excel saved as
	// "CSV (逗号分隔)" is GBK. Stored as it is, every Chinese name would be garbage.
	const garbled = [...headers, ...rows.flatMap((r) => Object.values(r))].some((v) => typeof v === 'string' && v.includes('\uFFFD'));
	if (garbled) {
		throw fieldError(
			'file',
			'The file\'s text is not UTF-8 (Excel\'s "CSV (逗号分隔)" is saved in GBK); save it as "CSV UTF-8 (逗号分隔)" or upload the .xlsx workbook',
		);
	}
	if (countKnownHeaders(reg.register, headers) === 0) {
		const expected = REGISTER_FIELDS[reg.register].map((f) => `${f.name} (${headerOf(reg.register, f.name)})`);
		throw fieldError(
			'file',
			`None of the columns (${headers.slice(0, 8).join(', ') || 'none'}) belongs to the ${reg.register} register; expected headers such as ${expected.join(', ')}`,
		);
	}
	let created = 0;
	let updated = 0;
	const rejected: IDataObject[] = [];
	for (let i = 0; i < rows.length; i++) {
		const input = mapHeaders(reg.register, rows[i]);
		if (Object.values(input).every(isBlank)) continue; // an empty line of the sheet
		try {
			const result = await upsertRecord(store, reg, input, this.getTimezone());
			if (result.upserted === 'created') created++;
			else updated++;
		} catch (error) {
			if (!isClerkError(error)) {
				// Not this row's fault (the store went away …): stop, and say exactly what is in.
				throw new ImportInterrupted(
					`Row ${i + 1}: the after-sales store could not save it (${(error as Error).message}). Rows before it are saved (${created} created, ${updated} updated${
						rejected.length ? `, ${rejected.length} rejected` : ''
					}); send the file again when the store is back — rows already in are updated, not added twice.`,
				);
			}
			rejected.push({ row: i + 1, reason: (error as Error).message });
		}
	}
	return { register: reg.register, created, updated, rejected, ignoredColumns: unknownHeaders(reg.register, headers) };
}

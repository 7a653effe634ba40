import { sql } from 'kysely';
import type { Migration } from './migration';

/** rules/natural-keys.ts's foldKey as it was when this migration shipped (frozen: a later rule must not change it). */
function foldKey(text: string): string {
	return text.normalize('NFKC').trim().toUpperCase().toLowerCase();
}

/** The natural-key columns, each with the folded copy it is compared by. */
const KEYS = [
	{ table: 'customers', column: 'code', key: 'code_key' },
	{ table: 'installations', column: 'serial_no', key: 'serial_no_key' },
	{ table: 'contracts', column: 'contract_no', key: 'contract_no_key' },
	{ table: 'tile_models', column: 'model_code', key: 'model_code_key' },
] as const;

export const migration: Migration = {
	version: 4,
	name: 'natural keys compared as staff type them (NFKC, case folded); customer email',
	async up(db) {
		await sql`alter table customers add column email text`.execute(db);
		for (const k of KEYS) {
			await sql`alter table ${sql.raw(k.table)} add column ${sql.raw(k.key)} text`.execute(db);
			const rows = (
				await sql<{ id: number; value: string }>`select id, ${sql.raw(k.column)} as value from ${sql.raw(k.table)} order by id`.execute(db)
			).rows;
			const taken = new Set<string>();
			for (const row of rows) {
				// Two records typed apart before this migration (CZ-600 and ｃｚ－６００) fold to one key:
				// the first keeps it; a later one stays reachable by its id, its key marked with the id.
				let key = foldKey(row.value);
				if (taken.has(key)) key = `${key}#${row.id}`;
				taken.add(key);
				await sql`update ${sql.raw(k.table)} set ${sql.raw(k.key)} = ${key} where id = ${row.id}`.execute(db);
			}
			await sql`create unique index ${sql.raw(`ux_${k.table}_${k.key}`)} on ${sql.raw(k.table)} (${sql.raw(k.key)})`.execute(db);
		}
	},
};

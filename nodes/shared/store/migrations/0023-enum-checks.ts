import { sql } from 'kysely';
import type { Migration } from './migration';

type Db = Parameters<Migration['up']>[0];

/**
 * A CHECK on every column that holds an enum and had none (issue 16 item 5): the rules read enum
 * fields by their own keys only, and the store refuses anything else too — a tile-order payment
 * of method "constructor" was once stored.
 *
 * The values are written out here, not imported from the rules, so that a later change to a rule
 * cannot change this migration. A store holding a value outside them is not migrated: the
 * migration stops and names the table, the column and the values found, and nothing changes.
 *
 * PostgreSQL adds the constraints. SQLite cannot add a CHECK to a table, so each table is rebuilt
 * from its own definition (sqlite_master) with the constraint written into the column: copied,
 * dropped, renamed, its indexes and its autoincrement sequence put back. Migrations run with
 * foreign keys off and every reference is checked before commit (migrations/index.ts).
 */

const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'bank-transfer', 'card'];

/** table → column → the values it may hold (NULL stays allowed where the column allows it). */
const CHECKS: Record<string, Record<string, string[]>> = {
	tile_order_payments: { method: PAYMENT_METHODS },
	tile_order_lines: { layout: ['straight', 'diagonal', 'herringbone'] },
	tickets: {
		status: ['open', 'dispatched', 'solved-on-site', 'taken-back', 'repaired', 'inspected', 'returned', 'closed', 'cancelled'],
		payment_method: PAYMENT_METHODS,
	},
	complaints: { channel: ['link', 'phone', 'letter', 'visit'] },
	work_log: {
		category: ['A', 'B', 'C', 'D'],
		kind: ['visit', 'repair', 'inspection', 'parts', 'tools', 'training'],
	},
};

const quoted = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
const checkOf = (table: string, column: string, values: string[]) => `constraint ck_${table}_${column} check (${column} in (${quoted(values)}))`;

/** Runs a statement this migration wrote from CHECKS above: its names and values are constants, never input. */
const run = (db: Db, statement: string) => sql.raw(statement).execute(db);

export const migration: Migration = {
	version: 23,
	name: 'a CHECK on every enum column: tile-order payment method, order line layout, ticket status and payment method, complaint channel, work log',
	async up(db, backend) {
		for (const [table, columns] of Object.entries(CHECKS)) {
			for (const [column, values] of Object.entries(columns)) await refuseOutside(db, table, column, values);
			if (backend === 'postgres') {
				for (const [column, values] of Object.entries(columns)) await run(db, `alter table ${table} add ${checkOf(table, column, values)}`);
			} else {
				await rebuildWithChecks(db, table, columns);
			}
		}
	},
};

/** Stops the migration when `table.column` holds a value outside `values`, naming them. */
async function refuseOutside(db: Db, table: string, column: string, values: string[]): Promise<void> {
	const found = (await run(db, `select distinct ${column} as value from ${table} where ${column} not in (${quoted(values)})`)).rows as Array<{
		value: string;
	}>;
	if (found.length > 0) {
		const shown = found.map((r) => JSON.stringify(r.value)).join(', ');
		throw new Error(
			`Migration 23 cannot add its check to ${table}.${column}: the store holds ${shown}, expected one of ${values.join(', ')}; correct those rows, then open the store again`,
		);
	}
}

/** SQLite: `table` rebuilt from its own definition with a CHECK on each of `columns`. */
async function rebuildWithChecks(db: Db, table: string, columns: Record<string, string[]>): Promise<void> {
	const [definition] = (await sql`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db)).rows as Array<{ sql: string }>;
	const indexes = (await sql`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db))
		.rows as Array<{
		sql: string;
	}>;
	const [sequence] = (await sql`select seq from sqlite_sequence where name = ${table}`.execute(db)).rows as Array<{ seq: number }>;
	const copy = `${table}_0023`;
	// The definition as SQLite keeps it ("CREATE TABLE tickets ( … , payment_method text)"), under the copy's name.
	let ddl = definition.sql.replace(new RegExp(`^(create\\s+table\\s+)"?${table}"?(?=\\s*\\()`, 'i'), `$1${copy}`);
	if (ddl === definition.sql) throw new Error(`Migration 23: cannot read the definition of ${table}`);
	for (const [column, values] of Object.entries(columns)) {
		// The column as created: `method text not null,` or, added later, `, payment_method text)`.
		const declared = new RegExp(`(\\b"?${column}"?\\s+text(?:\\s+not\\s+null)?)(?=\\s*[,)])`, 'gi');
		if ((ddl.match(declared) ?? []).length !== 1) throw new Error(`Migration 23: cannot find the column ${table}.${column} in its definition`);
		ddl = ddl.replace(declared, `$1 ${checkOf(table, column, values)}`);
	}
	await run(db, ddl);
	await run(db, `insert into ${copy} select * from ${table}`);
	await run(db, `drop table ${table}`);
	await run(db, `alter table ${copy} rename to ${table}`);
	for (const index of indexes) await run(db, index.sql);
	if (sequence) {
		// Ids deleted at the end are not handed out again: the sequence goes on from where it was.
		await sql`delete from sqlite_sequence where name = ${table}`.execute(db);
		await sql`insert into sqlite_sequence (name, seq) values (${table}, ${sequence.seq})`.execute(db);
	}
}

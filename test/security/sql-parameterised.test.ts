/**
 * Every SQL statement of the package is parameterised (issue 12, item 5). Kysely's query builder
 * and its `sql` template tag bind every `${value}` as a parameter; what does not are the escape
 * hatches that splice text into the statement (`sql.raw`, `CompiledQuery.raw`, `sql.lit`, a
 * driver's own `exec`/`prepare`/`query`), identifiers taken from a variable (`sql.ref`, `sql.id`,
 * `sql.table`), and SQL built as an ordinary string. This scan lists each such use in `nodes/`
 * and fails on any that is not in the allow-list below with the reason it cannot carry user text.
 * A new use needs a new entry (file, the exact source line, the reason) — or a bound parameter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
const NODES = join(ROOT, 'nodes');

/** Calls that put text into SQL unbound. */
const SPLICE =
	/\bsql\.(?:raw|lit|ref|id|table)\s*(?:<[^>]*>\s*)?\(|\bCompiledQuery\.raw\s*\(|\.unsafe\s*\(|\b(?:raw|client|pool|db|connection)\.(?:exec|prepare|query)\s*\(|\.raw\s*\(/;
/** A plain (untagged) template or string that looks like a SQL statement with something spliced in. */
const STRING_SQL =
	/(?<!sql)`[^`]*\b(?:select\s[^`]*\bfrom|insert\s+into|delete\s+from|update\s+\w+\s+set|drop\s+table|alter\s+table|create\s+(?:unique\s+)?(?:table|index))\b[^`]*\$\{[^`]*`/i;
const CONCAT_SQL = /['"](?:select\s[^'"]*\bfrom|insert\s+into|delete\s+from|update\s+\w+\s+set)\b[^'"]*['"]\s*\+/i;

interface Allowed {
	file: string;
	/** the trimmed source line, exactly */
	line: string;
	reason: string;
}

const ALLOWED: Allowed[] = [
	{
		file: 'nodes/shared/store/migrations/0006-tile-orders.ts',
		line: "status text not null constraint ck_tile_orders_status check (status in (${sql.raw(STATUSES.map((s) => `'${s}'`).join(', '))})),",
		reason: 'DDL check constraint listing the constant STATUSES of the migration; a CHECK cannot take bound parameters',
	},
	{
		file: 'nodes/shared/store/migrations/index.ts',
		line: 'await sql`create schema ${sql.raw(`"${schema}"`)}`.execute(trx);',
		reason:
			"the credential's schema name, checked against ^[A-Za-z_][A-Za-z0-9_]{0,62}$ in config.ts before any store opens; an identifier cannot be a parameter",
	},
	...[
		'await sql`alter table ${sql.raw(k.table)} add column ${sql.raw(k.key)} text`.execute(db);',
		'await sql<{ id: number; value: string }>`select id, ${sql.raw(k.column)} as value from ${sql.raw(k.table)} order by id`.execute(db)',
		'await sql`update ${sql.raw(k.table)} set ${sql.raw(k.key)} = ${key} where id = ${row.id}`.execute(db);',
		'await sql`create unique index ${sql.raw(`ux_${k.table}_${k.key}`)} on ${sql.raw(k.table)} (${sql.raw(k.key)})`.execute(db);',
	].map((line) => ({
		file: 'nodes/shared/store/migrations/0004-natural-keys.ts',
		line,
		reason: "table and column names from the migration's own constant list; the values are bound (${key}, ${row.id})",
	})),
	...[
		'const run = (db: Db, statement: string) => sql.raw(statement).execute(db);',
		'for (const [column, values] of Object.entries(columns)) await run(db, `alter table ${table} add ${checkOf(table, column, values)}`);',
		'const found = (await run(db, `select distinct ${column} as value from ${table} where ${column} not in (${quoted(values)})`)).rows as Array<{',
		'await run(db, `insert into ${copy} select * from ${table}`);',
		'await run(db, `drop table ${table}`);',
		'await run(db, `alter table ${copy} rename to ${table}`);',
	].map((line) => ({
		file: 'nodes/shared/store/migrations/0023-enum-checks.ts',
		line,
		reason:
			"table names, column names and values from the migration's own constant CHECKS (or the definitions SQLite keeps of those tables); DDL and a CHECK's list cannot take bound parameters",
	})),
	...[
		'return (await sql<Row>`select * from ${sql.id(table)}`.execute(db)).rows;',
		'}>`select last_value as "lastValue", is_called as "isCalled" from ${sql.raw(s.sequence)}`.execute(db)',
	].map((line) => ({
		file: 'nodes/shared/store/backup.ts',
		line,
		reason:
			"backup and restore of every table: table, column, constraint and sequence names read from the store's own catalog (sqlite_master, information_schema, pg_constraint, pg_get_serial_sequence), quoted as identifiers; an identifier cannot be a parameter",
	})),
	...[
		'const n = Number((await sql<{ n: unknown }>`select count(*) as n from ${sql.id(table)}`.execute(db)).rows[0].n);',
		'const max = Number((await sql<{ m: unknown }>`select coalesce(max(rowid), 0) as m from ${sql.id(table)}`.execute(db)).rows[0].m);',
		'const max = Number((await sql<{ m: unknown }>`select coalesce(max(${sql.id(s.column)}), 0) as m from ${sql.id(s.table)}`.execute(db)).rows[0].m);',
		"await sql`drop table ${sql.id(table)}${store.backend === 'postgres' ? sql` cascade` : sql``}`.execute(raw);",
		'await sql`alter table ${sql.id(fk.table)} alter constraint ${sql.id(fk.name)} deferrable initially deferred`.execute(raw);',
		'for (const table of tables) await sql`delete from ${sql.id(table)}`.execute(raw);',
		'for (const fk of foreignKeys) await sql`alter table ${sql.id(fk.table)} alter constraint ${sql.id(fk.name)} not deferrable`.execute(raw);',
	].map((line) => ({
		file: 'nodes/shared/store/restore.ts',
		line,
		reason:
			"backup and restore of every table: table, column, constraint and sequence names read from the store's own catalog (sqlite_master, information_schema, pg_constraint, pg_get_serial_sequence), quoted as identifiers; an identifier cannot be a parameter",
	})),
	{
		file: 'nodes/shared/store/migrations/0030-complaints-judged.ts',
		line: 'const run = (statement: string) => sql.raw(statement).execute(db);',
		reason:
			'replays the definition SQLite keeps of the complaints table (without the NOT NULL of ticket_id) and of its indexes, and constant DDL; DDL cannot take bound parameters',
	},
	{
		file: 'nodes/shared/store/registers/common.ts',
		line: "columns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '\\\\'`),",
		reason: "column names written in the callers' code (textSearch(['name', 'phone', …])); the searched text is the bound ${pattern}",
	},
	{
		file: 'nodes/shared/store/sqlite-dialect.ts',
		line: 'const statement = new NodeSqliteStatement(this.raw.prepare(query));',
		reason: 'the SQLite driver: `query` is the statement Kysely compiled, with its parameters bound separately',
	},
	{
		file: 'nodes/shared/store/sqlite-dialect.ts',
		line: "await connection.executeQuery(CompiledQuery.raw('begin immediate'));",
		reason: 'a constant statement',
	},
	...["raw.exec('pragma journal_mode = wal');", "raw.exec('pragma synchronous = full');", "raw.exec('pragma foreign_keys = on');"].map((line) => ({
		file: 'nodes/shared/store/sqlite-dialect.ts',
		line,
		reason: 'a constant pragma',
	})),
];

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
	});
}

function findings(): Array<{ file: string; line: string; at: number; why: string }> {
	const out: Array<{ file: string; line: string; at: number; why: string }> = [];
	for (const path of tsFiles(NODES)) {
		const file = relative(ROOT, path).split('\\').join('/');
		const lines = readFileSync(path, 'utf8').split('\n');
		lines.forEach((raw, i) => {
			const line = raw.trim();
			if (line.startsWith('//') || line.startsWith('*') || line.startsWith('/*')) return;
			if (SPLICE.test(line)) out.push({ file, line, at: i + 1, why: 'splices text into SQL' });
			else if (STRING_SQL.test(line) || CONCAT_SQL.test(line)) out.push({ file, line, at: i + 1, why: 'builds SQL as a string' });
		});
	}
	return out;
}

test('no SQL in nodes/ splices text unbound, except the allow-listed uses, each with its reason', () => {
	const unexplained = findings().filter((f) => !ALLOWED.some((a) => a.file === f.file && a.line === f.line));
	expect(unexplained.map((f) => `${f.file}:${f.at} ${f.why}: ${f.line}`)).toEqual([]);
});

test('every allow-list entry still matches a line (a stale entry would hide nothing, but must go)', () => {
	const found = findings();
	const stale = ALLOWED.filter((a) => !found.some((f) => f.file === a.file && f.line === a.line));
	expect(stale).toEqual([]);
	for (const a of ALLOWED) expect(a.reason.length).toBeGreaterThan(10);
});

test('the scan does see what it must refuse (the patterns are not blind)', () => {
	const bad = [
		'await sql`select * from customers where name = ${sql.raw(name)}`.execute(db);',
		'await db.executeQuery(CompiledQuery.raw(`delete from tickets where id = ${id}`));',
		"const q = `select * from customers where name = '${name}'`;",
		"const q = 'select * from tickets where number = ' + n;",
		'await client.query(text);',
		'await sql.lit(value)',
	];
	for (const line of bad) expect(SPLICE.test(line) || STRING_SQL.test(line) || CONCAT_SQL.test(line)).toBe(true);
	const fine = [
		'await sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS[lock]})`.execute(trx);',
		"db.selectFrom('customers').where('name', '=', name)",
		'problems.add(field, `Select a technician for ${name}`)',
	];
	for (const line of fine) expect(SPLICE.test(line) || STRING_SQL.test(line) || CONCAT_SQL.test(line)).toBe(false);
});

/**
 * Backups of the store (issue 20): a consistent snapshot written as a backup file (backup-file.ts). No n8n here.
 *
 * One format for both backends: a gzip'd file of JSON lines. The first line is the manifest
 * (format, schema version, every table's row count and SHA-256, the id sequences, and a seal over
 * all of it); then one line per row, `{"t":table,"r":{column:value}}`, bytes as `{"$bytes":base64}`.
 * A table's checksum is the SHA-256 of its rows' canonical JSON (keys sorted), sorted: the same
 * rows give the same checksum on SQLite and PostgreSQL whatever their order or column order.
 *
 * The tables are read from the schema (every table of the store, `schema_migrations`, `counters`
 * and `store_secrets` included), so a table added by a later migration is backed up with no change
 * here. The snapshot is consistent while writers go on: SQLite copies itself with `VACUUM INTO`
 * (one read transaction; WAL readers do not stop writers) and is read from the copy; PostgreSQL is
 * read inside one REPEATABLE READ, READ ONLY transaction.
 */
import { Kysely, sql, type Transaction } from 'kysely';
import type { Backend } from './config';
import type { Database } from './schema';
import { openSqlite } from './sqlite-dialect';
import { Store } from './store';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	BackupError,
	backupPath,
	canonicalRow,
	checksum,
	pruneBackups,
	sealOf,
	withScratchFile,
	writeBackupFile,
	type BackupManifest,
	type Row,
	type TableSummary,
} from './backup-file';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables found at run time, not today's schema type
export type AnyDb = Kysely<any> | Transaction<any>;

// ---------------------------------------------------------------------------------------------
// Reading a store (or a transaction on it)

let known: Promise<Set<string>> | undefined;

/**
 * The tables this package's migrations make, found by migrating an in-memory SQLite store once per
 * process: a table added by a later migration is known with no change here, and a table of
 * another application in the same PostgreSQL schema (a store put in `public`) is never backed up,
 * emptied or dropped.
 */
export function packageTables(): Promise<Set<string>> {
	known ??= (async () => {
		const scratch = await Store.open({ backend: 'sqlite', file: ':memory:' });
		try {
			return new Set(await schemaTables(scratch.db.withoutPlugins(), 'sqlite'));
		} finally {
			await scratch.close();
		}
	})();
	known.catch(() => (known = undefined));
	return known;
}

/** Every table of the schema (PostgreSQL: the store's own schema only), sorted by name. */
async function schemaTables(db: AnyDb, backend: Backend): Promise<string[]> {
	const result =
		backend === 'postgres'
			? await sql<{ name: string }>`select table_name as name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
			: await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
	return result.rows.map((r) => r.name).sort();
}

/** The store's tables, sorted by name: those of the schema that this package's migrations make. */
export async function storeTables(db: AnyDb, backend: Backend): Promise<string[]> {
	const ours = await packageTables();
	return (await schemaTables(db, backend)).filter((t) => ours.has(t));
}

async function tableRows(db: AnyDb, table: string): Promise<Row[]> {
	return (await sql<Row>`select * from ${sql.id(table)}`.execute(db)).rows;
}

async function readSequences(db: AnyDb, backend: Backend): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	if (backend === 'sqlite') {
		const exists = await sql`select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'`.execute(db);
		if (exists.rows.length === 0) return out;
		for (const r of (await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(db)).rows) out[r.name] = Number(r.seq);
		return out;
	}
	for (const s of await serialColumns(db)) {
		const r = (
			await sql<{
				lastValue: unknown;
				isCalled: boolean;
			}>`select last_value as "lastValue", is_called as "isCalled" from ${sql.raw(s.sequence)}`.execute(db)
		).rows[0];
		out[s.table] = r?.isCalled ? Number(r.lastValue) : 0;
	}
	return out;
}

/** PostgreSQL: the columns filled by a sequence (serial), with the sequence's qualified name. */
export async function serialColumns(db: AnyDb): Promise<Array<{ table: string; column: string; sequence: string }>> {
	const rows = (
		await sql<{ table: string; column: string; sequence: string | null }>`
			select c.table_name as "table", c.column_name as "column",
				pg_get_serial_sequence(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name), c.column_name) as "sequence"
			from information_schema.columns c
			join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
			where c.table_schema = current_schema() and c.column_default like 'nextval(%'`.execute(db)
	).rows;
	return rows.filter((r): r is { table: string; column: string; sequence: string } => r.sequence !== null);
}

export async function schemaVersion(db: AnyDb): Promise<number> {
	const r = (await sql<{ v: unknown }>`select max(version) as v from schema_migrations`.execute(db)).rows[0];
	return Number(r?.v ?? 0);
}

/** Every table's row count and checksum, read in `db` (give a transaction for one snapshot). */
export async function tableChecksums(db: AnyDb, backend: Backend): Promise<Record<string, TableSummary>> {
	const out: Record<string, TableSummary> = {};
	for (const table of await storeTables(db, backend)) {
		const rows = (await tableRows(db, table)).map(canonicalRow);
		out[table] = { rows: rows.length, sha256: checksum(rows) };
	}
	return out;
}

interface Snapshot {
	manifest: BackupManifest;
	lines: string[];
}

async function snapshotOf(db: AnyDb, backend: Backend, source: string, now: Date): Promise<Snapshot> {
	const lines: string[] = [];
	const tables: Record<string, TableSummary> = {};
	for (const table of await storeTables(db, backend)) {
		const rows = (await tableRows(db, table)).map(canonicalRow);
		tables[table] = { rows: rows.length, sha256: checksum(rows) };
		for (const r of rows) lines.push(`{"t":${JSON.stringify(table)},"r":${r}}`);
	}
	if (!tables.schema_migrations) throw new BackupError(`${source} is not an after-sales store (it has no schema_migrations table)`);
	const body: Omit<BackupManifest, 'seal'> = {
		format: BACKUP_FORMAT,
		formatVersion: BACKUP_FORMAT_VERSION,
		createdAt: now.toISOString(),
		source,
		sourceBackend: backend,
		schemaVersion: await schemaVersion(db),
		tables,
		sequences: await readSequences(db, backend),
	};
	return { manifest: { ...body, seal: sealOf(body) }, lines };
}

// ---------------------------------------------------------------------------------------------
// Backup

export interface BackupResult {
	file: string;
	bytes: number;
	manifest: BackupManifest;
}

/**
 * Writes a consistent snapshot of `store` to `file` (written under a temporary name and renamed,
 * so a half-written file never looks like a backup). Writers may go on meanwhile.
 */
export async function backupStore(store: Store, file: string, now: Date = new Date()): Promise<BackupResult> {
	const db = store.db.withoutPlugins();
	let snapshot: Snapshot;
	if (store.backend === 'postgres') {
		snapshot = await db
			.transaction()
			.setIsolationLevel('repeatable read')
			.setAccessMode('read only')
			.execute((trx) => snapshotOf(trx, 'postgres', store.description, now));
	} else {
		// VACUUM INTO copies the database as one read transaction sees it; the copy is then read at leisure.
		snapshot = await withScratchFile(file, async (copy) => {
			await sql`vacuum into ${copy}`.execute(db);
			const copyDb = new Kysely<Database>({ dialect: openSqlite(copy) });
			try {
				return await snapshotOf(copyDb, 'sqlite', store.description, now);
			} finally {
				await copyDb.destroy();
			}
		});
	}
	const bytes = writeBackupFile(file, snapshot.manifest, snapshot.lines);
	return { file, bytes, manifest: snapshot.manifest };
}

/** Backs up into `dir` under a name of the time; keeps the newest `keep` backups there (0: all). */
export async function backupInto(store: Store, dir: string, keep = 0, now: Date = new Date()): Promise<BackupResult & { removed: string[] }> {
	const result = await backupStore(store, backupPath(dir, now), now);
	return { ...result, removed: keep > 0 ? pruneBackups(dir, keep) : [] };
}

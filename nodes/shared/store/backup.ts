/**
 * Backups of the store, restore, and moving it between backends (issue 20). No n8n here.
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
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Kysely, sql, type Transaction } from 'kysely';
import type { Backend, StoreConfig } from './config';
import { describeStore } from './config';
import { MIGRATIONS, migrate } from './migrations';
import type { Database } from './schema';
import { openSqlite } from './sqlite-dialect';
import { Store } from './store';

export const BACKUP_FORMAT = 'n8n-nodes-after-sales/store-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Backup files are named `after-sales-<UTC time>.backup.gz`, so that a name sorts by time. */
export const BACKUP_PREFIX = 'after-sales-';
export const BACKUP_SUFFIX = '.backup.gz';
/** Tables that hold no business data: a store with rows only there is empty. */
const BOOKKEEPING_TABLES = new Set(['schema_migrations', 'store_secrets']);

export interface TableSummary {
	rows: number;
	sha256: string;
}

export interface BackupManifest {
	format: typeof BACKUP_FORMAT;
	formatVersion: number;
	createdAt: string;
	/** The store it was taken from, as messages name it (never a password). */
	source: string;
	sourceBackend: Backend;
	/** The highest migration applied in the store. */
	schemaVersion: number;
	tables: Record<string, TableSummary>;
	/** The last id handed out per table (SQLite sqlite_sequence, PostgreSQL serial sequences): never reused after a restore. */
	sequences: Record<string, number>;
	/** SHA-256 of the canonical JSON of everything above: an edited manifest is refused. */
	seal: string;
}

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}

type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables found at run time, not today's schema type
type AnyDb = Kysely<any> | Transaction<any>;

// ---------------------------------------------------------------------------------------------
// Canonical rows and checksums

function encodeValue(v: unknown): unknown {
	if (v instanceof Uint8Array) return { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
	if (typeof v === 'bigint') {
		if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new BackupError(`a value ${v} is too large to back up`);
		return Number(v);
	}
	if (v === undefined) return null;
	return v;
}

function decodeValue(v: unknown): unknown {
	if (v !== null && typeof v === 'object' && typeof (v as { $bytes?: unknown }).$bytes === 'string') {
		return Buffer.from((v as { $bytes: string }).$bytes, 'base64');
	}
	return v;
}

/** A row as canonical JSON: keys sorted, bytes in base64. */
export function canonicalRow(row: Row): string {
	const out: Row = {};
	for (const key of Object.keys(row).sort()) out[key] = encodeValue(row[key]);
	return JSON.stringify(out);
}

function checksum(canonicalRows: string[]): string {
	const hash = createHash('sha256');
	for (const line of [...canonicalRows].sort()) hash.update(line).update('\n');
	return hash.digest('hex');
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Row)[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

function sealOf(manifest: Omit<BackupManifest, 'seal'>): string {
	return createHash('sha256').update(canonicalJson(manifest)).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Reading a store (or a transaction on it)

/** The store's tables, sorted by name (PostgreSQL: the store's own schema only). */
export async function storeTables(db: AnyDb, backend: Backend): Promise<string[]> {
	const result =
		backend === 'postgres'
			? await sql<{ name: string }>`select table_name as name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
			: await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
	return result.rows.map((r) => r.name).sort();
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
async function serialColumns(db: AnyDb): Promise<Array<{ table: string; column: string; sequence: string }>> {
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

async function schemaVersion(db: AnyDb): Promise<number> {
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
		mkdirSync(dirname(file), { recursive: true });
		const dir = mkdtempSync(join(dirname(file), '.after-sales-snapshot-'));
		try {
			const copy = join(dir, 'snapshot.sqlite');
			await sql`vacuum into ${copy}`.execute(db);
			const copyDb = new Kysely<Database>({ dialect: openSqlite(copy) });
			try {
				snapshot = await snapshotOf(copyDb, 'sqlite', store.description, now);
			} finally {
				await copyDb.destroy();
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	const content = gzipSync(Buffer.from([JSON.stringify(snapshot.manifest), ...snapshot.lines].join('\n') + '\n', 'utf8'));
	mkdirSync(dirname(file), { recursive: true });
	const partial = `${file}.partial`;
	writeFileSync(partial, content, { mode: 0o600 });
	renameSync(partial, file);
	return { file, bytes: content.length, manifest: snapshot.manifest };
}

/** `after-sales-2026-12-05T02-00-00-000Z.backup.gz`: the UTC time, sortable, no colons (Windows). */
export function backupFileName(now: Date): string {
	return `${BACKUP_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}${BACKUP_SUFFIX}`;
}

/** Backs up into `dir` under a name of the time; keeps the newest `keep` backups there (0: all). */
export async function backupInto(store: Store, dir: string, keep = 0, now: Date = new Date()): Promise<BackupResult & { removed: string[] }> {
	const result = await backupStore(store, join(dir, backupFileName(now)), now);
	return { ...result, removed: keep > 0 ? pruneBackups(dir, keep) : [] };
}

/** The backup files in `dir`, oldest first. */
export function listBackups(dir: string): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	return names
		.filter((n) => n.startsWith(BACKUP_PREFIX) && n.endsWith(BACKUP_SUFFIX) && statSync(join(dir, n)).isFile())
		.sort()
		.map((n) => join(dir, n));
}

/** Removes all but the newest `keep` backups in `dir`; returns the removed files. */
export function pruneBackups(dir: string, keep: number): string[] {
	if (!Number.isInteger(keep) || keep < 1) throw new BackupError(`keep must be a whole number of 1 or more (was ${keep})`);
	const all = listBackups(dir);
	const old = all.slice(0, Math.max(0, all.length - keep));
	for (const f of old) rmSync(f, { force: true });
	return old;
}

// ---------------------------------------------------------------------------------------------
// Reading and checking a backup file

export interface BackupContent {
	manifest: BackupManifest;
	rows: Map<string, Row[]>;
}

/** Reads a backup and checks it all: format, seal, every table's count and checksum. Throws BackupError. */
export function readBackup(file: string): BackupContent {
	const name = basename(file);
	let raw: Buffer;
	try {
		raw = readFileSync(file);
	} catch (error) {
		throw new BackupError(`Cannot read ${file}: ${(error as Error).message}`);
	}
	let text: string;
	try {
		text = gunzipSync(raw).toString('utf8');
	} catch {
		throw new BackupError(`${name} is not an after-sales store backup (not a gzip file) / 不是售后数据备份文件`);
	}
	const lines = text.split('\n').filter((l) => l.length > 0);
	let manifest: BackupManifest;
	try {
		manifest = JSON.parse(lines[0] ?? '') as BackupManifest;
	} catch {
		throw new BackupError(`${name} is not an after-sales store backup (no manifest) / 不是售后数据备份文件`);
	}
	if (manifest?.format !== BACKUP_FORMAT) throw new BackupError(`${name} is not an after-sales store backup (no manifest) / 不是售后数据备份文件`);
	if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
		throw new BackupError(`${name} is a backup of format ${manifest.formatVersion}; this version reads format ${BACKUP_FORMAT_VERSION}`);
	}
	const { seal, ...body } = manifest;
	if (seal !== sealOf(body))
		throw new BackupError(`${name}: the manifest was altered (its seal does not match) / 备份清单被改动; nothing was changed`);
	const rows = new Map<string, Row[]>(Object.keys(manifest.tables).map((t) => [t, []]));
	const canonical = new Map<string, string[]>(Object.keys(manifest.tables).map((t) => [t, []]));
	for (let i = 1; i < lines.length; i++) {
		let line: { t?: unknown; r?: unknown };
		try {
			line = JSON.parse(lines[i]);
		} catch {
			throw new BackupError(`${name}: line ${i + 1} is damaged / 备份文件损坏; nothing was changed`);
		}
		const table = typeof line.t === 'string' ? line.t : '';
		const list = rows.get(table);
		if (!list || line.r === null || typeof line.r !== 'object') {
			throw new BackupError(`${name}: line ${i + 1} names a table the manifest does not list ("${table}"); nothing was changed`);
		}
		const row: Row = {};
		for (const [k, v] of Object.entries(line.r as Row)) row[k] = decodeValue(v);
		list.push(row);
		canonical.get(table)!.push(canonicalRow(row));
	}
	for (const [table, summary] of Object.entries(manifest.tables)) {
		const got = canonical.get(table)!;
		if (got.length !== summary.rows || checksum(got) !== summary.sha256) {
			throw new BackupError(
				`${name}: table ${table} does not match its manifest (${got.length} rows, manifest ${summary.rows}; checksum ${got.length === summary.rows ? 'differs' : 'not checked'}) / 备份数据与清单不符; nothing was changed`,
			);
		}
	}
	return { manifest, rows };
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface RestoreOptions {
	/** Replace a store that already holds data. */
	force?: boolean;
	now?: () => string;
}

export interface RestoreResult {
	target: string;
	tables: number;
	rows: number;
	/** The schema version of the backup and of the store after the restore (later migrations applied). */
	schemaVersion: { backup: number; store: number };
}

/** Rows in tables that hold business data (all but schema_migrations and store_secrets). */
async function businessRows(db: AnyDb, backend: Backend): Promise<Array<{ table: string; rows: number }>> {
	const out: Array<{ table: string; rows: number }> = [];
	for (const table of await storeTables(db, backend)) {
		if (BOOKKEEPING_TABLES.has(table)) continue;
		const n = Number((await sql<{ n: unknown }>`select count(*) as n from ${sql.id(table)}`.execute(db)).rows[0].n);
		if (n > 0) out.push({ table, rows: n });
	}
	return out;
}

/** PostgreSQL: the foreign keys of the store's schema that are not deferrable, as `table`.`constraint`. */
async function pgForeignKeys(db: AnyDb): Promise<Array<{ table: string; name: string }>> {
	return (
		await sql<{ table: string; name: string }>`
			select cl.relname as "table", c.conname as "name" from pg_constraint c
			join pg_class cl on cl.oid = c.conrelid join pg_namespace n on n.oid = cl.relnamespace
			where c.contype = 'f' and not c.condeferrable and n.nspname = current_schema()`.execute(db)
	).rows;
}

async function insertRows(db: AnyDb, table: string, rows: Row[]): Promise<void> {
	if (rows.length === 0) return;
	// Parents before their children within a table (a self-reference to an earlier id).
	const sorted = 'id' in rows[0] ? [...rows].sort((a, b) => Number(a.id) - Number(b.id)) : rows;
	const columns = Object.keys(rows[0]).length || 1;
	const batch = Math.max(1, Math.floor(30_000 / columns));
	for (let i = 0; i < sorted.length; i += batch) {
		await db
			.insertInto(table)
			.values(sorted.slice(i, i + batch))
			.execute();
	}
}

async function setSequences(db: AnyDb, backend: Backend, sequences: Record<string, number>): Promise<void> {
	if (backend === 'sqlite') {
		const autoincrement = (
			await sql<{ name: string }>`select name from sqlite_master where type = 'table' and sql like '%autoincrement%'`.execute(db)
		).rows.map((r) => r.name);
		for (const table of autoincrement) {
			const max = Number((await sql<{ m: unknown }>`select coalesce(max(rowid), 0) as m from ${sql.id(table)}`.execute(db)).rows[0].m);
			const value = Math.max(max, sequences[table] ?? 0);
			await sql`delete from sqlite_sequence where name = ${table}`.execute(db);
			if (value > 0) await sql`insert into sqlite_sequence (name, seq) values (${table}, ${value})`.execute(db);
		}
		return;
	}
	for (const s of await serialColumns(db)) {
		const max = Number((await sql<{ m: unknown }>`select coalesce(max(${sql.id(s.column)}), 0) as m from ${sql.id(s.table)}`.execute(db)).rows[0].m);
		const value = Math.max(max, sequences[s.table] ?? 0);
		if (value > 0) await sql`select setval(${s.sequence}::regclass, ${value}, true)`.execute(db);
		else await sql`select setval(${s.sequence}::regclass, 1, false)`.execute(db);
	}
}

/**
 * Restores `file` into the store `config` names: checks the whole file first; refuses a store
 * holding data unless `force`; then, in one transaction, drops the store's tables, migrates it to
 * the backup's schema version, inserts every row with its id, sets the id sequences past the
 * highest id, checks every table's count and checksum against the manifest, and applies the later
 * migrations. Anything wrong: the transaction rolls back and the store is as it was.
 */
export async function restoreStore(file: string, config: StoreConfig, options: RestoreOptions = {}): Promise<RestoreResult> {
	const backup = readBackup(file);
	return await restoreContent(backup, config, options);
}

async function restoreContent(backup: BackupContent, config: StoreConfig, options: RestoreOptions = {}): Promise<RestoreResult> {
	const { manifest } = backup;
	const latest = Math.max(...MIGRATIONS.map((m) => m.version));
	if (manifest.schemaVersion > latest) {
		throw new BackupError(
			`The backup is of store schema version ${manifest.schemaVersion}, newer than this package's (${latest}): update n8n-nodes-after-sales first; nothing was changed`,
		);
	}
	const known = new Set(MIGRATIONS.map((m) => m.version));
	const backupVersions = (backup.rows.get('schema_migrations') ?? []).map((r) => Number(r.version));
	const unknown = backupVersions.filter((v) => !known.has(v));
	if (unknown.length > 0) {
		throw new BackupError(`The backup holds migrations this package does not know (${unknown.join(', ')}); nothing was changed`);
	}
	const now = options.now ?? (() => new Date().toISOString());
	const target = describeStore(config);
	// No migrations yet: the store is migrated to the backup's version inside the restoring transaction.
	const store = await Store.open(config, now, []);
	try {
		const plain = store.db.withoutPlugins();
		const held = await businessRows(plain, store.backend);
		if (held.length > 0 && !options.force) {
			throw new BackupError(
				`${target} already holds data (${held
					.slice(0, 3)
					.map((h) => `${h.table}: ${h.rows}`)
					.join(', ')}${held.length > 3 ? ', …' : ''}); restore replaces it only with --force / 目标库已有数据; nothing was changed`,
			);
		}
		if (store.backend === 'sqlite') await sql`pragma foreign_keys = off`.execute(store.db);
		try {
			return await store.db.transaction().execute(async (trx) => {
				const raw = trx.withoutPlugins();
				for (const table of await storeTables(raw, store.backend)) {
					await sql`drop table ${sql.id(table)}${store.backend === 'postgres' ? sql` cascade` : sql``}`.execute(raw);
				}
				if (store.backend === 'sqlite') await sql`delete from sqlite_sequence`.execute(raw).catch(() => undefined);
				const upTo = MIGRATIONS.filter((m) => backupVersions.includes(m.version));
				await migrate((fn) => fn(trx as Transaction<Database>), store.backend, undefined, now, upTo);
				const tables = await storeTables(raw, store.backend);
				const expected = Object.keys(manifest.tables).sort();
				if (tables.join() !== expected.join()) {
					const missing = expected.filter((t) => !tables.includes(t));
					const extra = tables.filter((t) => !expected.includes(t));
					throw new BackupError(
						`The backup's tables do not match this package's store at schema version ${manifest.schemaVersion} (only in the backup: ${missing.join(', ') || 'none'}; only in the store: ${extra.join(', ') || 'none'}); nothing was changed`,
					);
				}
				const foreignKeys = store.backend === 'postgres' ? await pgForeignKeys(raw) : [];
				for (const fk of foreignKeys) {
					await sql`alter table ${sql.id(fk.table)} alter constraint ${sql.id(fk.name)} deferrable initially deferred`.execute(raw);
				}
				// What the migrations wrote (their own bookkeeping, a secret made by migration 15 …) gives way to the backup's rows.
				for (const table of tables) await sql`delete from ${sql.id(table)}`.execute(raw);
				let rows = 0;
				for (const table of tables) {
					const list = backup.rows.get(table) ?? [];
					await insertRows(raw, table, list);
					rows += list.length;
				}
				if (store.backend === 'postgres') {
					await sql`set constraints all immediate`.execute(raw);
					for (const fk of foreignKeys) await sql`alter table ${sql.id(fk.table)} alter constraint ${sql.id(fk.name)} not deferrable`.execute(raw);
				} else {
					const broken = (await sql`pragma foreign_key_check`.execute(raw)).rows;
					if (broken.length > 0)
						throw new BackupError(`The backup holds ${broken.length} broken reference(s), e.g. ${JSON.stringify(broken[0])}; nothing was changed`);
				}
				await setSequences(raw, store.backend, manifest.sequences ?? {});
				const restored = await tableChecksums(raw, store.backend);
				for (const [table, summary] of Object.entries(manifest.tables)) {
					const got = restored[table];
					if (!got || got.rows !== summary.rows || got.sha256 !== summary.sha256) {
						throw new BackupError(
							`Restored table ${table} does not match the backup (${got?.rows ?? 0} rows, backup ${summary.rows}); nothing was changed`,
						);
					}
				}
				// The backup is in, as it was: now bring it up to this package's schema.
				await migrate((fn) => fn(trx as Transaction<Database>), store.backend, undefined, now, MIGRATIONS);
				return {
					target,
					tables: tables.length,
					rows,
					schemaVersion: { backup: manifest.schemaVersion, store: await schemaVersion(raw) },
				};
			});
		} finally {
			if (store.backend === 'sqlite') await sql`pragma foreign_keys = on`.execute(store.db);
		}
	} finally {
		await store.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Moving a store

export interface MoveResult extends RestoreResult {
	source: string;
	manifest: BackupManifest;
}

/**
 * Copies the store `from` into the store `to` (which must hold no data): a snapshot of `from`,
 * restored and verified in `to`. `from` is left as it was. `keepFile`: where to keep the snapshot
 * (else it is written next to nothing and removed).
 */
export async function moveStore(from: StoreConfig, to: StoreConfig, workDir: string, now: Date = new Date()): Promise<MoveResult & { file: string }> {
	if (describeStore(from) === describeStore(to)) throw new BackupError('The source and the target are the same store; nothing was changed');
	const source = await Store.open(from);
	let result: BackupResult;
	try {
		result = await backupStore(source, join(workDir, backupFileName(now).replace(BACKUP_PREFIX, `${BACKUP_PREFIX}move-`)), now);
	} finally {
		await source.close();
	}
	const restored = await restoreStore(result.file, to, { force: false });
	return { ...restored, source: describeStore(from), manifest: result.manifest, file: result.file };
}

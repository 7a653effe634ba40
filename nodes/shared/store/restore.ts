/**
 * Restore and move (issue 20): a backup file (checked whole first) into a store, in one
 * transaction, verified against the manifest; a store copied into another. No n8n here.
 */
import { sql, type Transaction } from 'kysely';
import type { Backend, StoreConfig } from './config';
import { describeStore } from './config';
import { MIGRATIONS, migrate } from './migrations';
import type { Database } from './schema';
import { Store } from './store';
import { BackupError, backupPath, readBackup, type BackupContent, type BackupManifest, type Row } from './backup-file';
import { backupStore, schemaVersion, serialColumns, storeTables, tableChecksums, type AnyDb, type BackupResult } from './backup';

/** Tables that hold no business data: a store with rows only there is empty. */
const BOOKKEEPING_TABLES = new Set(['schema_migrations', 'store_secrets']);

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
		result = await backupStore(source, backupPath(workDir, now, 'move-'), now);
	} finally {
		await source.close();
	}
	const restored = await restoreStore(result.file, to, { force: false });
	return { ...restored, source: describeStore(from), manifest: result.manifest, file: result.file };
}

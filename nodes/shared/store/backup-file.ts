/**
 * The backup file (issue 20), the same for SQLite and PostgreSQL: a gzip'd file of JSON lines.
 * The first line is the manifest (format, schema version, every table's row count and SHA-256,
 * the id sequences, and a seal over all of it); then one line per row, `{"t":table,"r":{column:value}}`,
 * bytes as `{"$bytes":base64}`. A table's checksum is the SHA-256 of its rows' canonical JSON (keys
 * sorted), sorted: the same rows give the same checksum on SQLite and PostgreSQL whatever their
 * order or column order. The files of a folder are named by the time, so a name sorts by time.
 * Everything here that touches files; no store, no n8n.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Backend } from './config';

export const BACKUP_FORMAT = 'n8n-nodes-after-sales/store-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Backup files are named `after-sales-<UTC time>.backup.gz`, so that a name sorts by time. */
export const BACKUP_PREFIX = 'after-sales-';
export const BACKUP_SUFFIX = '.backup.gz';

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

/** A row as read from a table or a backup line: column → value. */
export type Row = Record<string, unknown>;

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

export function checksum(canonicalRows: string[]): string {
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

export function sealOf(manifest: Omit<BackupManifest, 'seal'>): string {
	return createHash('sha256').update(canonicalJson(manifest)).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Writing and naming files

/** Writes the manifest and the row lines, gzip'd, under a temporary name renamed at the end: a half-written file never looks like a backup. */
export function writeBackupFile(file: string, manifest: BackupManifest, lines: string[]): number {
	const content = gzipSync(Buffer.from([JSON.stringify(manifest), ...lines].join('\n') + '\n', 'utf8'));
	mkdirSync(dirname(file), { recursive: true });
	const partial = `${file}.partial`;
	writeFileSync(partial, content, { mode: 0o600 });
	renameSync(partial, file);
	return content.length;
}

/** Runs `fn` with the path of a scratch file in a new folder beside `file`; the folder is removed after. */
export async function withScratchFile<T>(file: string, fn: (scratch: string) => Promise<T>): Promise<T> {
	mkdirSync(dirname(file), { recursive: true });
	const dir = mkdtempSync(join(dirname(file), '.after-sales-snapshot-'));
	try {
		return await fn(join(dir, 'snapshot.sqlite'));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** `after-sales-2026-12-05T02-00-00-000Z.backup.gz`: the UTC time, sortable, no colons (Windows). */
export function backupFileName(now: Date, tag = ''): string {
	return `${BACKUP_PREFIX}${tag}${now.toISOString().replace(/[:.]/g, '-')}${BACKUP_SUFFIX}`;
}

/** The path of a new backup in `dir`. */
export function backupPath(dir: string, now: Date, tag = ''): string {
	return join(dir, backupFileName(now, tag));
}

/** A backup named by its time only (not the snapshot a move keeps, `after-sales-move-…`, which Keep Last leaves alone). */
const DATED = /^after-sales-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.backup\.gz$/;

/** The backup files in `dir` named by their time, oldest first. */
export function listBackups(dir: string): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	return names
		.filter((n) => DATED.test(n) && statSync(join(dir, n)).isFile())
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

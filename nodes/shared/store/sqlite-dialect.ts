/**
 * Kysely over Node's built-in `node:sqlite`. Kysely's SQLite dialect expects a better-sqlite3
 * shaped database; this adapter gives it one, and starts every transaction with
 * BEGIN IMMEDIATE so that two processes writing the same file queue on the busy timeout
 * instead of failing with "database is locked" when a read lock is upgraded.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteStatement } from 'kysely';

function toParam(v: unknown): SQLInputValue {
	if (v === undefined) return null;
	if (typeof v === 'boolean') return v ? 1 : 0;
	return v as SQLInputValue;
}

class NodeSqliteStatement implements SqliteStatement {
	readonly reader: boolean;
	constructor(private readonly stmt: StatementSync) {
		this.reader = stmt.columns().length > 0;
	}
	all(parameters: ReadonlyArray<unknown>): unknown[] {
		return this.stmt.all(...parameters.map(toParam));
	}
	run(parameters: ReadonlyArray<unknown>) {
		const r = this.stmt.run(...parameters.map(toParam));
		return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
	}
	iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
		return this.stmt.iterate(...parameters.map(toParam)) as IterableIterator<unknown>;
	}
}

/** How many prepared statements a connection keeps (the package runs a few hundred distinct ones). */
const STATEMENT_CACHE_SIZE = 500;

class NodeSqliteDatabase implements SqliteDatabase {
	/**
	 * Prepared statements by their SQL, reused: preparing is a tenth of a ticket intake's time, and
	 * the intake runs the same few statements every time. A statement's `all`/`run` finish before
	 * the next call (node:sqlite is synchronous), so one statement serves every caller; SQLite
	 * prepares it again by itself after a schema change. Oldest out first past the size.
	 */
	private readonly statements = new Map<string, NodeSqliteStatement>();
	constructor(readonly raw: DatabaseSync) {}
	prepare(query: string): SqliteStatement {
		const cached = this.statements.get(query);
		if (cached) return cached;
		const statement = new NodeSqliteStatement(this.raw.prepare(query));
		if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value as string);
		this.statements.set(query, statement);
		return statement;
	}
	close(): void {
		this.statements.clear();
		if (this.raw.isOpen) this.raw.close();
	}
}

class ImmediateSqliteDriver extends SqliteDriver {
	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class NodeSqliteDialect extends SqliteDialect {
	constructor(private readonly db: NodeSqliteDatabase) {
		super({ database: db });
	}
	createDriver(): Driver {
		return new ImmediateSqliteDriver({ database: this.db });
	}
}

export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export function openSqlite(file: string): NodeSqliteDialect {
	const raw = new DatabaseSync(file, { timeout: SQLITE_BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
	raw.exec('pragma journal_mode = wal');
	raw.exec('pragma synchronous = full');
	raw.exec('pragma foreign_keys = on');
	return new NodeSqliteDialect(new NodeSqliteDatabase(raw));
}

/**
 * The after-sales store: one Kysely instance per credential content, opened once per process and
 * reused by every execution (never per item), migrated on first use.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CamelCasePlugin, type ControlledTransaction, Kysely, PostgresDialect, sql } from 'kysely';
import { Pool, types } from 'pg';
import { sleep } from 'n8n-workflow';
import type { Database, Trx } from './schema';
import { describeStore, type Backend, type StoreConfig } from './config';
import { MIGRATIONS, migrate, type Migration } from './migrations';
import { openSqlite } from './sqlite-dialect';
import { CommitOutcomeUnknown, isLostConnection, translateStoreError } from './store-errors';

export type { Trx } from './schema';

/**
 * How a transaction whose connection was lost is run again, on a new connection: the waits before
 * each new attempt (ms). A server restart of a few seconds is ridden over; beyond, the caller hears.
 */
export const LOST_CONNECTION_WAITS_MS: readonly number[] = [25, 250, 1000, 2500];

export interface TransactionOptions {
	/**
	 * The transaction looks itself up first (an idempotency key), so that running it again after a
	 * commit whose outcome is unknown finds what the first run kept instead of doing it twice.
	 * Without it, a connection lost *at the commit* is reported (CommitOutcomeUnknown), not retried.
	 */
	idempotent?: boolean;
}

/** node-postgres' refusal to send on a client it knows is broken (the query never reached the server). */
const NOT_SENT = /(connection error|was closed) and is not queryable/;

type RunOutcome<T> = { result: T } | { lost: unknown; commitSent: boolean };

/** What a transaction's function learns about the run it is in. */
export interface TransactionRun {
	/** 1 for the first run; more after a lost connection. */
	attempt: number;
	/** An earlier run of this very call reached its commit and lost the connection there: it may have been kept. */
	afterUnknownCommit: boolean;
}

/** The PostgreSQL `application_name` of the store's connections. */
export const STORE_APPLICATION_NAME = 'n8n-nodes-after-sales';

export class Store {
	private constructor(
		readonly db: Kysely<Database>,
		readonly backend: Backend,
		readonly description: string,
		private readonly schema?: string,
	) {}

	static async open(
		config: StoreConfig,
		now: () => string = () => new Date().toISOString(),
		migrations: readonly Migration[] = MIGRATIONS,
	): Promise<Store> {
		const description = describeStore(config);
		let store: Store;
		try {
			if (config.backend === 'sqlite') {
				mkdirSync(dirname(config.file), { recursive: true });
				store = new Store(new Kysely<Database>({ dialect: openSqlite(config.file), plugins: [new CamelCasePlugin()] }), 'sqlite', description);
			} else {
				const pool = new Pool({
					host: config.host,
					port: config.port,
					database: config.database,
					user: config.user,
					password: config.password,
					ssl: config.ssl ? { rejectUnauthorized: config.sslRejectUnauthorized } : undefined,
					// Quoted, so that a schema named with capitals (AfterSales) is that schema, not aftersales.
					options: `-c search_path="${config.schema}"`,
					max: 10,
					connectionTimeoutMillis: 10_000,
					// How a DBA (pg_stat_activity) tells the store's connections from n8n's own.
					application_name: STORE_APPLICATION_NAME,
					types: { getTypeParser: (oid: number, format?: unknown) => (oid === 20 ? Number : types.getTypeParser(oid, format as 'text')) } as never,
				});
				// An idle connection the server ended (a restart, an idle timeout) is reported here; pg
				// drops it from the pool and the next query opens another. Unheard, it would crash the process.
				pool.on('error', () => undefined);
				// One ended while checked out (pg_terminate_backend, a failover) fails its query, which the
				// transaction handles (Store.transaction); its 'error' event, unheard, would crash n8n's process.
				pool.on('connect', (client) => client.on('error', () => undefined));
				store = new Store(
					new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] }),
					'postgres',
					description,
					config.schema,
				);
			}
			const migrateAll = () => migrate((fn) => store.db.transaction().execute(fn), store.backend, store.schema, now, migrations);
			if (store.backend === 'sqlite') {
				// SQLite rebuilds a table (to change a CHECK …) by copy, drop and rename, which foreign
				// keys forbid while other tables refer to it; the pragma only works outside a
				// transaction. Off for the migrations, which check every reference before commit.
				await sql`pragma foreign_keys = off`.execute(store.db);
				try {
					await migrateAll();
				} finally {
					await sql`pragma foreign_keys = on`.execute(store.db);
				}
			} else {
				await migrateAll();
			}
		} catch (error) {
			throw new Error(`Cannot open the after-sales store (${description}): ${(error as Error).message}`);
		}
		return store;
	}

	/**
	 * Runs `fn` in one transaction; constraint violations come out as clear messages. A connection
	 * lost before the commit was sent (PostgreSQL 57P01/08xxx, a reset socket, a client that knew its
	 * connection was gone; SQLite still locked after its busy timeout) rolled the whole transaction
	 * back, so `fn` runs again on a new connection, up to LOST_CONNECTION_WAITS_MS.length more times.
	 * One lost while the COMMIT was on its way leaves the outcome unknown: run again only for an
	 * `idempotent` transaction (which looks itself up by its key first); else CommitOutcomeUnknown.
	 * `fn` must keep its effects inside the transaction: it may run more than once.
	 */
	async transaction<T>(fn: (trx: Trx, run: TransactionRun) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
		let afterUnknownCommit = false;
		for (let attempt = 1; ; attempt++) {
			const outcome: RunOutcome<T> = await this.runOnce(fn, { attempt, afterUnknownCommit });
			if ('result' in outcome) return outcome.result;
			const wait = LOST_CONNECTION_WAITS_MS[attempt - 1];
			if (outcome.commitSent && (!options.idempotent || wait === undefined)) throw new CommitOutcomeUnknown(outcome.lost);
			if (wait === undefined) throw outcome.lost;
			afterUnknownCommit ||= outcome.commitSent;
			await sleep(wait);
		}
	}

	/** One run: its result, or the lost connection and whether the COMMIT had been sent; any other error is thrown. */
	private async runOnce<T>(fn: (trx: Trx, run: TransactionRun) => Promise<T>, run: TransactionRun): Promise<RunOutcome<T>> {
		const lostOr = (error: unknown, commitSent: boolean): RunOutcome<T> => {
			if (!isLostConnection(error)) throw translateStoreError(error);
			return { lost: error, commitSent };
		};
		let trx: ControlledTransaction<Database>;
		try {
			trx = await this.db.startTransaction().execute();
		} catch (error) {
			return lostOr(error, false);
		}
		// A transaction that only read is safe to run again whatever became of its COMMIT: note any other statement.
		let wrote = false;
		const watched = trx.withPlugin({
			transformQuery: ({ node }) => {
				// A SELECT whose WITH holds an INSERT/UPDATE/DELETE (PostgreSQL's data-modifying CTEs) writes too.
				if (node.kind !== 'SelectQueryNode' || node.with?.expressions.some((e) => e.expression.kind !== 'SelectQueryNode')) wrote = true;
				return node;
			},
			transformResult: async ({ result }) => result,
		});
		let result: T;
		try {
			result = await fn(watched, run);
		} catch (error) {
			// The connection is released even when the rollback fails (a connection already gone).
			await trx
				.rollback()
				.execute()
				.catch(() => undefined);
			return lostOr(error, false);
		}
		try {
			await trx.commit().execute();
			return { result };
		} catch (error) {
			await trx
				.rollback()
				.execute()
				.catch(() => undefined);
			// A read-only transaction kept nothing either way. node-postgres refuses to send on a client it already
			// knows is broken: that COMMIT never left. SQLite's
			// is a call into the library in this process: a COMMIT that failed (still locked) kept nothing.
			return lostOr(error, wrote && this.backend === 'postgres' && !NOT_SENT.test(String((error as Error)?.message)));
		}
	}

	async ping(): Promise<void> {
		await sql`select 1`.execute(this.db);
	}

	async close(): Promise<void> {
		await this.db.destroy();
	}
}

const stores = new Map<string, Promise<Store>>();

function keyOf(config: StoreConfig): string {
	return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

/** The process-wide store for this credential content (opened and migrated on first use). */
export function getStore(config: StoreConfig): Promise<Store> {
	const key = keyOf(config);
	let store = stores.get(key);
	if (!store) {
		store = Store.open(config);
		stores.set(key, store);
		store.catch(() => stores.delete(key));
	}
	return store;
}

/** Closes every cached store (tests, shutdown). */
export async function closeAllStores(): Promise<void> {
	const all = [...stores.values()];
	stores.clear();
	await Promise.allSettled(all.map(async (s) => (await s).close()));
}

/**
 * A lost store connection is not the caller's problem (issue 21 item 1): a transaction whose
 * connection the server ended before the commit runs again on a new connection; one lost at the
 * commit runs again only when it looks itself up by its key first; anything else is not retried.
 * On real PostgreSQL (AFTER_SALES_TEST_PG): the connection is ended by the server itself
 * (pg_terminate_backend, as a DBA or a failover does), inside the transaction or at its commit.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { Client } from 'pg';
import { backends, pgStoreConfig } from '../harness/backends';
import { withDatabase } from '../harness/pg-url';
import { LOST_CONNECTION_WAITS_MS, Store } from '../../nodes/shared/store/store';
import { CommitOutcomeUnknown, isLostConnection } from '../../nodes/shared/store/store-errors';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { dispatchAuto } from '../../nodes/shared/services/dispatch-run';
import { DEFAULT_WEIGHTS } from '../../nodes/shared/rules/dispatch';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { insertTestTicket } from '../harness/tickets';

const pg = backends().find((b) => b.name === 'postgres');
const today = new Date().toISOString().slice(0, 10);

test('SQLite still locked after its busy timeout counts as a lost connection (nothing of the transaction was kept)', () => {
	const file = join(mkdtempSync(join(tmpdir(), 'after-sales-busy-')), 'busy.sqlite');
	const holder = new DatabaseSync(file);
	holder.exec('create table t (x integer)');
	holder.exec('begin immediate');
	const other = new DatabaseSync(file, { timeout: 0 });
	let error: unknown;
	try {
		other.exec('begin immediate');
	} catch (e) {
		error = e;
	}
	holder.exec('rollback');
	holder.close();
	other.close();
	expect(String(error)).toMatch(/database is locked/);
	expect(isLostConnection(error)).toBe(true);
	expect(isLostConnection(new Error('UNIQUE constraint failed: customers.code'))).toBe(false);
});

(pg ? describe : describe.skip)('a transaction whose PostgreSQL connection is ended', () => {
	let store: Store;
	beforeAll(async () => {
		store = await Store.open(pg!.fresh());
		await sql`create table probe (id integer primary key, attempt integer not null)`.execute(store.db);
		// At the commit of a row whose attempt is 1, the server ends the connection (a deferred constraint trigger runs at COMMIT).
		await sql`create function probe_cut() returns trigger language plpgsql as $$
			begin
				if new.attempt = 1 then perform pg_terminate_backend(pg_backend_pid()); end if;
				return null;
			end $$`.execute(store.db);
		await sql`create table probe_at_commit (id integer primary key, attempt integer not null)`.execute(store.db);
		await sql`create constraint trigger probe_cut after insert on probe_at_commit deferrable initially deferred for each row execute function probe_cut()`.execute(
			store.db,
		);
	});
	afterAll(async () => {
		await store?.close();
		await pg!.cleanup();
	});
	beforeEach(async () => {
		await sql`delete from probe`.execute(store.db);
		await sql`delete from probe_at_commit`.execute(store.db);
	});
	const rows = async (table: 'probe' | 'probe_at_commit') =>
		(await sql<{ id: number; attempt: number }>`select id, attempt from ${sql.table(table)} order by id`.execute(store.db)).rows;
	const cutOwnConnection = (trx: Parameters<Parameters<Store['transaction']>[0]>[0]) =>
		sql`select pg_terminate_backend(pg_backend_pid())`.execute(trx);

	test('ended before the commit: the whole transaction runs again on a new connection and is kept once', async () => {
		const runs: number[] = [];
		const result = await store.transaction(async (trx, run) => {
			runs.push(run.attempt);
			await sql`insert into probe (id, attempt) values (1, ${run.attempt})`.execute(trx);
			if (run.attempt === 1) await cutOwnConnection(trx);
			return 'kept';
		});
		expect(result).toBe('kept');
		expect(runs).toEqual([1, 2]);
		expect(await rows('probe')).toEqual([{ id: 1, attempt: 2 }]);
	});

	test('ended just before the commit, so the client never sends it: run again, even when not idempotent', async () => {
		const server = new Client({ connectionString: process.env.AFTER_SALES_TEST_PG });
		await server.connect();
		const runs: number[] = [];
		try {
			await store.transaction(async (trx, run) => {
				runs.push(run.attempt);
				await sql`insert into probe (id, attempt) values (1, ${run.attempt})`.execute(trx);
				if (run.attempt === 1) {
					const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
					await server.query('select pg_terminate_backend($1)', [pid]);
					// The idle client hears of it and stops taking queries: the COMMIT is refused before it is sent.
					await new Promise((r) => setTimeout(r, 300));
				}
			});
		} finally {
			await server.end();
		}
		expect(runs).toEqual([1, 2]);
		expect(await rows('probe')).toEqual([{ id: 1, attempt: 2 }]);
	});

	test('ended at the commit: not run again unless idempotent; the caller hears that the outcome is unknown', async () => {
		const runs: number[] = [];
		const error = await store
			.transaction(async (trx, run) => {
				runs.push(run.attempt);
				await sql`insert into probe_at_commit (id, attempt) values (1, ${run.attempt})`.execute(trx);
			})
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CommitOutcomeUnknown);
		expect(String(error)).toMatch(/whether the change was saved is unknown/);
		expect(runs).toEqual([1]);
		// (Here the server ended the connection before it committed: nothing was kept.)
		expect(await rows('probe_at_commit')).toEqual([]);
	});

	test('ended at the commit of an idempotent transaction: it runs again, told that its first commit may have been kept', async () => {
		const runs: Array<{ attempt: number; afterUnknownCommit: boolean }> = [];
		await store.transaction(
			async (trx, run) => {
				runs.push({ ...run });
				await sql`insert into probe_at_commit (id, attempt) values (1, ${run.attempt})`.execute(trx);
			},
			{ idempotent: true },
		);
		expect(runs).toEqual([
			{ attempt: 1, afterUnknownCommit: false },
			{ attempt: 2, afterUnknownCommit: true },
		]);
		expect(await rows('probe_at_commit')).toEqual([{ id: 1, attempt: 2 }]);
	});

	test('a dispatch run whose COMMIT is answered by the connection ending: run again (it reads what is kept, under its lock), one dispatch', async () => {
		const now = new Date().toISOString();
		const ticket = await store.transaction(async (trx) => {
			const c = await createCustomer(trx, { name: '派工断线', phone: '13800138222' }, now);
			await createTechnician(trx, { name: '断线师傅', phone: '13700138222', skills: ['空调'], areas: [], dailyCapacity: 1 }, now);
			return await insertTestTicket(trx, { customerId: c.id, n: 1, reportDate: today, phone: '13800138222', dueAt: now }, now);
		});
		// The first COMMIT of a dispatch (a ticket's technician set) ends its connection; nextval is not rolled back, so only the first.
		await sql`create sequence cut_dispatch`.execute(store.db);
		await sql`create function cut_dispatch_once() returns trigger language plpgsql as $$
			begin
				if new.technician_id is not null and nextval('cut_dispatch') = 1 then perform pg_terminate_backend(pg_backend_pid()); end if;
				return null;
			end $$`.execute(store.db);
		await sql`create constraint trigger cut_dispatch after update on tickets deferrable initially deferred for each row execute function cut_dispatch_once()`.execute(
			store.db,
		);
		try {
			const result = await dispatchAuto(store, DEFAULT_WEIGHTS, { today, actor: 'test', now }, [ticket.ticketNumber]);
			expect(result.assignments.map((a) => [a.ticketNumber, a.technician.name])).toEqual([[ticket.ticketNumber, '断线师傅']]);
			const cuts = (await sql<{ n: number }>`select last_value::int as n from cut_dispatch`.execute(store.db)).rows[0].n;
			expect(cuts).toBe(2); // the first COMMIT ended, the second kept
			const events = await store.db.selectFrom('ticketEvents').select('action').where('ticketId', '=', ticket.id).execute();
			expect(events.map((e) => e.action)).toEqual(['register', 'dispatch']);
		} finally {
			await sql`drop trigger cut_dispatch on tickets`.execute(store.db);
		}
	});

	test('a connection ended at every try: after the last wait the caller gets the error, nothing kept', async () => {
		let runs = 0;
		const error = await store
			.transaction(async (trx) => {
				runs++;
				await sql`insert into probe (id, attempt) values (1, ${runs})`.execute(trx);
				await cutOwnConnection(trx);
			})
			.catch((e: unknown) => e);
		expect(isLostConnection(error)).toBe(true);
		expect(runs).toBe(LOST_CONNECTION_WAITS_MS.length + 1);
		expect(await rows('probe')).toEqual([]);
		// The pool gives healthy connections afterwards.
		expect(await store.transaction(async (trx) => (await sql<{ one: number }>`select 1 as one`.execute(trx)).rows[0].one)).toBe(1);
	}, 30_000);

	test('an ordinary error (a duplicate) is not run again', async () => {
		await sql`insert into probe (id, attempt) values (1, 0)`.execute(store.db);
		let runs = 0;
		const error = await store
			.transaction(async (trx) => {
				runs++;
				await sql`insert into probe (id, attempt) values (1, 1)`.execute(trx);
			})
			.catch((e: unknown) => e);
		expect(String(error)).toMatch(/duplicate key|unique/i);
		expect(runs).toBe(1);
	});

	test('the intake: a report whose connection is cut mid-registration is one ticket with the first answer (not a repeat)', async () => {
		const report = {
			customerName: '断线客户',
			phone: '13800138111',
			address: '上海市断线路1号',
			siteSituation: '空调不制冷',
			reportedAt: new Date().toISOString(),
			reportDate: today,
			idempotencyKey: `cut-${Date.now()}`,
		};
		// The server ends every store connection that is inside a transaction, once, while the report registers: in a
		// database of this test's own, so that no other suite's (or process's) connection is cut.
		const database = `after_sales_cut_${process.pid}_${Date.now().toString(36)}`;
		const server = new Client({ connectionString: process.env.AFTER_SALES_TEST_PG });
		await server.connect();
		await server.query(`create database ${database}`);
		const own = await Store.open(pgStoreConfig(withDatabase(process.env.AFTER_SALES_TEST_PG!, database), 'after_sales'));
		let cut = 0;
		const cutter = setInterval(() => {
			if (cut > 0) return;
			void server
				.query(
					`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
					where datname = $1 and application_name = 'n8n-nodes-after-sales' and state = 'idle in transaction'`,
					[database],
				)
				.then((r) => (cut += (r.rows[0] as { n: number }).n));
		}, 1);
		try {
			const options = { responseHours: { A: 48, B: 24, C: 24, D: 72 }, today, actor: 'test', now: new Date().toISOString() };
			const results = [];
			for (let i = 0; i < 20 && cut === 0; i++)
				results.push(await registerTicket(own, { ...report, idempotencyKey: `${report.idempotencyKey}-${i}` } as never, options));
			expect(results.every((r) => r.duplicate === false)).toBe(true);
			const keys = results.map((r) => r.ticket.idempotencyKey);
			const kept = await own.db.selectFrom('tickets').select('idempotencyKey').where('idempotencyKey', 'in', keys).execute();
			expect(kept).toHaveLength(results.length);
		} finally {
			clearInterval(cutter);
			await own.close();
			await server.query(`drop database if exists ${database} with (force)`);
			await server.end();
		}
		expect(cut).toBeGreaterThan(0);
	}, 60_000);
});

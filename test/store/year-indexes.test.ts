/**
 * Migration 32 (issue 21 item 3): the index the board's and the dispatch run's count of today's
 * jobs needs (`tickets.dispatched_on`), on every backend, on a new store and on one migrated from
 * version 30 with tickets in it; and the planner takes it for that count once the table is large.
 */
import { sql } from 'kysely';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { MIGRATIONS } from '../../nodes/shared/store/migrations';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import type { StoreConfig } from '../../nodes/shared/store/config';

const NOW = '2026-11-27T02:00:00.000Z';

/** The columns of index `name` on `table`, in order; undefined when there is no such index. */
async function indexColumns(store: Store, config: StoreConfig, table: string, name: string): Promise<string[] | undefined> {
	if (config.backend === 'postgres') {
		const rows = (
			await sql<{ column: string }>`select a.attname as column from pg_index x
				join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace s on s.oid = t.relnamespace
				join lateral unnest(x.indkey) with ordinality as k(attnum, n) on true
				join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
				where s.nspname = ${config.schema} and t.relname = ${table} and i.relname = ${name} order by k.n`.execute(store.db)
		).rows;
		return rows.length ? rows.map((r) => r.column) : undefined;
	}
	const found = (
		await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table} and name = ${name}`.execute(store.db)
	).rows;
	if (found.length === 0) return undefined;
	return (await sql<{ name: string }>`select name from pragma_index_info(${name}) order by seqno`.execute(store.db)).rows.map((r) => r.name);
}

/** The plan of the board's count of a day's jobs (registers/tickets.ts jobsOn), as one text. */
async function planOfJobsOn(store: Store, backend: string): Promise<string> {
	const q = `select technician_id, count(*) from tickets where dispatched_on = '2026-11-27' and technician_id is not null and status <> 'cancelled' group by technician_id`;
	const rows = (await sql.raw(backend === 'postgres' ? `explain ${q}` : `explain query plan ${q}`).execute(store.db)).rows as Record<
		string,
		unknown
	>[];
	return rows.map((r) => String(r.queryPlan ?? r['QUERY PLAN'] ?? r.detail)).join('\n');
}

for (const backend of backends()) {
	describe(`migration 32, tickets by dispatch day, on ${backend.name}`, () => {
		const opened: Store[] = [];
		async function open(config: StoreConfig, migrations = MIGRATIONS): Promise<Store> {
			const s = await Store.open(config, () => NOW, migrations);
			opened.push(s);
			return s;
		}
		afterAll(async () => {
			for (const s of opened) await s.close();
			await backend.cleanup();
		});

		test('a new store has ix_tickets_dispatched_on on (dispatched_on)', async () => {
			const config = backend.fresh();
			const store = await open(config);
			expect(await indexColumns(store, config, 'tickets', 'ix_tickets_dispatched_on')).toEqual(['dispatched_on']);
		});

		test('a store at version 30 with tickets gets the index, keeps its tickets, and the count of a day uses it on a large table', async () => {
			const config = backend.fresh();
			const old = await open(
				config,
				MIGRATIONS.filter((m) => m.version <= 30),
			);
			expect(await indexColumns(old, config, 'tickets', 'ix_tickets_dispatched_on')).toBeUndefined();
			const customer = await old.transaction(async (trx) => {
				for (let k = 1; k <= 20; k++)
					await createTechnician(trx, { name: `技师${k}`, phone: `139000000${String(k).padStart(2, '0')}`, skills: ['空调'], areas: ['徐汇'] }, NOW);
				return await createCustomer(trx, { name: '客户', phone: '13800000000' }, NOW);
			});
			// 20,000 tickets over 200 days, 100 a day: a day's count should read one day's rows, not the table.
			const series =
				backend.name === 'postgres'
					? sql`select generate_series(1, 20000) as i`
					: sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < 20000) select i from s`;
			const day =
				backend.name === 'postgres' ? sql`to_char(date '2026-05-12' + i / 100, 'YYYY-MM-DD')` : sql`date('2026-05-12', (i / 100) || ' days')`;
			await sql`insert into tickets (ticket_number, voucher_number, customer_id, phone, address, site_situation, reported_at, report_date,
					customer_type, category, basis, due_at, status, technician_id, dispatched_on, created_at, updated_at)
				select 'BX-T-' || i, 'PZ-T-' || i, ${customer.id}, '13800000000', '上海', '故障', ${NOW}, d, 'liaison-letter', 'C', 'test', ${NOW}, 'closed', 1 + i % 20, d, ${NOW}, ${NOW}
				from (select i, ${day} as d from (${series}) as s) as x`.execute(old.db);
			await sql.raw(backend.name === 'postgres' ? 'analyze tickets' : 'analyze').execute(old.db);
			const before = await planOfJobsOn(old, backend.name);
			await old.close();
			opened.pop();
			const store = await open(config);
			expect(await indexColumns(store, config, 'tickets', 'ix_tickets_dispatched_on')).toEqual(['dispatched_on']);
			expect(Number((await sql<{ n: number }>`select count(*) as n from tickets`.execute(store.db)).rows[0].n)).toBe(20000);
			await sql.raw(backend.name === 'postgres' ? 'analyze tickets' : 'analyze').execute(store.db);
			const after = await planOfJobsOn(store, backend.name);
			// Read by the day, never the whole table. PostgreSQL had only the whole of (technician_id, dispatched_on)
			// to read for it before; SQLite already skip-scanned that index by its second column, and may keep doing so.
			expect(after).toMatch(/dispatched_on/);
			expect(after).not.toMatch(/Seq Scan on tickets|SCAN tickets/);
			if (backend.name === 'postgres') {
				expect(before).not.toMatch(/ix_tickets_dispatched_on/);
				expect(after).toMatch(/ix_tickets_dispatched_on/);
			}
		});
	});
}

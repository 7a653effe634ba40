/**
 * Migration 23 (issue 16 item 5), on every backend: each column holding an enum refuses a value
 * outside it — "constructor" above all, once stored as a tile-order payment method — by its
 * named CHECK; a store made before it keeps every row, index and id sequence across the
 * migration (SQLite rebuilds the tables); a store already holding a stray value is not migrated
 * and says which.
 *
 * The rows are written in SQL against the schema of migration 22, which never changes.
 */
import { sql } from 'kysely';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { MIGRATIONS } from '../../nodes/shared/store/migrations';
import type { StoreConfig } from '../../nodes/shared/store/config';

const NOW = '2026-11-27T02:00:00.000Z';
const BEFORE_23 = MIGRATIONS.filter((m) => m.version < 23);

/** table → column → a value it holds in the seeded store. */
const ENUM_COLUMNS: Array<[table: string, column: string]> = [
	['tile_order_payments', 'method'],
	['tile_order_lines', 'layout'],
	['tickets', 'status'],
	['tickets', 'payment_method'],
	['complaints', 'channel'],
	['work_log', 'category'],
	['work_log', 'kind'],
];

/** One row in each table migration 23 touches, and their parents; `method`: the tile-order payment's. */
async function seed(store: Store, method = 'wechat'): Promise<void> {
	await store.transaction(async (trx) => {
		const run = (q: ReturnType<typeof sql>) => q.execute(trx);
		await run(sql`insert into customers (code, name, phone, created_at, updated_at) values ('KH-1', '陈女士', '13800000001', ${NOW}, ${NOW})`);
		await run(sql`insert into technicians (name, phone, created_at, updated_at) values ('王师傅', '13900000001', ${NOW}, ${NOW})`);
		await run(sql`insert into tile_models (model_code, name, width_mm, height_mm, pieces_per_box, box_weight_g, price_per_box_fen, created_at, updated_at)
			values ('CZ-600', '抛光砖', 600, 600, 4, 26000, 12800, ${NOW}, ${NOW})`);
		await run(sql`insert into tickets (ticket_number, voucher_number, customer_id, phone, address, site_situation, reported_at, report_date,
			customer_type, category, basis, due_at, status, technician_id, payment_method, created_at, updated_at)
			values ('BX-20261127-0001', 'PZ-20261127-0001', 1, '13800000001', '上海', '不制冷', ${NOW}, '2026-11-27',
			'liaison-letter', 'A', 'test', ${NOW}, 'solved-on-site', 1, 'cash', ${NOW}, ${NOW})`);
		await run(sql`insert into complaints (complaint_number, ticket_id, severity, text, channel, received_at, reply_due_on, reply_due_at, status,
			created_by, created_at, updated_at)
			values ('TS-2026-0001', 1, 'general', '迟到', 'phone', ${NOW}, '2026-12-04', ${NOW}, 'open', 'test', ${NOW}, ${NOW})`);
		await run(sql`insert into work_log (technician_id, ticket_id, worked_on, category, minutes, kind, created_at)
			values (1, 1, '2026-11-27', 'A', 45, 'visit', ${NOW})`);
		await run(sql`insert into tile_orders (order_number, order_day, customer_id, customer_name, phone, address, deposit_fen, status, created_at, updated_at)
			values ('DD-20261127-0001', '2026-11-27', 1, '陈女士', '13800000001', '上海', 200000, 'signed', ${NOW}, ${NOW})`);
		await run(sql`insert into tile_order_lines (order_id, line_no, tile_model_id, model_code, model_name, width_mm, height_mm, pieces_per_box,
			box_weight_g, price_per_box_fen, area_mm2, wastage_permille, layout, extra_boxes, pieces_needed, boxes, weight_g, amount_fen)
			values (1, 1, 1, 'CZ-600', '抛光砖', 600, 600, 4, 26000, 12800, 21600000, 100, 'diagonal', 0, 66, 17, 442000, 217600)`);
		for (const amount of [100000, 50000])
			await run(sql`insert into tile_order_payments (order_id, amount_fen, method, paid_at, actor) values (1, ${amount}, ${method}, ${NOW}, 'test')`);
		// The last payment goes: its id is not handed out again.
		await run(sql`delete from tile_order_payments where amount_fen = 50000`);
	});
}

/** Every row of the tables migration 23 touches, in id order. */
async function contents(store: Store): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const [table] of ENUM_COLUMNS) out[table] ??= (await sql`select * from ${sql.raw(table)} order by id`.execute(store.db)).rows;
	return out;
}

async function indexNames(store: Store): Promise<string[]> {
	const tables = [...new Set(ENUM_COLUMNS.map(([t]) => t))];
	const q =
		store.backend === 'postgres'
			? sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename in (${sql.join(tables)})`
			: sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name in (${sql.join(tables)})`;
	return (await q.execute(store.db)).rows.map((r) => r.name).sort();
}

/** The error a statement fails with. */
async function failure(p: Promise<unknown>): Promise<Error> {
	try {
		await p;
	} catch (error) {
		return error as Error;
	}
	throw new Error('the statement succeeded');
}

for (const backend of backends()) {
	describe(`migration 23, a CHECK on every enum column, on ${backend.name}`, () => {
		const opened: Store[] = [];
		async function open(config: StoreConfig, migrations = MIGRATIONS): Promise<Store> {
			const s = await Store.open(config, () => NOW, migrations);
			opened.push(s);
			return s;
		}
		afterEach(async () => {
			await Promise.all(opened.splice(0).map((s) => s.close()));
		});
		afterAll(() => backend.cleanup());

		test('a store made before keeps its rows, indexes and id sequences', async () => {
			const config = backend.fresh();
			const old = await open(config, BEFORE_23);
			await seed(old);
			const rows = await contents(old);
			const indexes = await indexNames(old);
			await old.close();
			opened.pop();

			// Up to migration 23: later migrations add columns of their own (30: complaints) and have their own tests.
			const store = await open(
				config,
				MIGRATIONS.filter((m) => m.version <= 23),
			);
			const versions = (await store.db.selectFrom('schemaMigrations').select('version').execute()).map((v) => Number(v.version));
			expect(versions).toContain(23);
			expect(await contents(store)).toEqual(rows);
			expect(await indexNames(store)).toEqual(indexes);
			const next = await sql<{ id: number }>`insert into tile_order_payments (order_id, amount_fen, method, paid_at, actor)
				values (1, 100, 'card', ${NOW}, 'test') returning id`.execute(store.db);
			expect(Number(next.rows[0].id)).toBe(3);
			if (backend.name === 'sqlite') {
				expect((await sql`pragma foreign_key_check`.execute(store.db)).rows).toEqual([]);
				expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db)).rows).toEqual([{ integrityCheck: 'ok' }]);
			}
		});

		test.each(ENUM_COLUMNS)('%s.%s refuses the names every object inherits, and any other stray value, by its named check', async (table, column) => {
			const store = await open(backend.fresh());
			await seed(store);
			for (const value of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'bogus', '']) {
				const error = await failure(sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${value}`.execute(store.db));
				expect(error.message).toMatch(new RegExp(`ck_${table}_${column}`));
			}
		});

		test('the values the rules give pass', async () => {
			const store = await open(backend.fresh());
			await seed(store);
			const allowed: Record<string, string[]> = {
				'tile_order_payments.method': ['cash', 'wechat', 'alipay', 'bank-transfer', 'card'],
				'tile_order_lines.layout': ['straight', 'diagonal', 'herringbone'],
				'tickets.status': ['open', 'dispatched', 'solved-on-site', 'taken-back', 'repaired', 'inspected', 'returned', 'closed', 'cancelled'],
				'tickets.payment_method': ['cash', 'wechat', 'alipay', 'bank-transfer', 'card'],
				'complaints.channel': ['link', 'phone', 'letter', 'visit'],
				'work_log.category': ['A', 'B', 'C', 'D'],
				'work_log.kind': ['visit', 'repair', 'inspection', 'parts', 'tools', 'training'],
			};
			for (const [table, column] of ENUM_COLUMNS) {
				for (const value of allowed[`${table}.${column}`]) await sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${value}`.execute(store.db);
			}
			for (const [table, column] of [
				['tile_order_lines', 'layout'],
				['tickets', 'payment_method'],
			])
				await sql`update ${sql.raw(table)} set ${sql.raw(column)} = null`.execute(store.db);
		});

		test('a store already holding a stray value is not migrated, and says which', async () => {
			const config = backend.fresh();
			const old = await open(config, BEFORE_23);
			await seed(old, 'constructor');
			await old.close();
			opened.pop();

			const error = await failure(Store.open(config, () => NOW));
			expect(error.message).toMatch(
				/Migration 23 cannot add its check to tile_order_payments\.method: the store holds "constructor", expected one of cash, wechat, alipay, bank-transfer, card/,
			);
			const again = await open(config, BEFORE_23);
			const versions = (await again.db.selectFrom('schemaMigrations').select('version').execute()).map((v) => Number(v.version));
			expect(Math.max(...versions)).toBe(22);
			expect((await sql<{ method: string }>`select method from tile_order_payments`.execute(again.db)).rows).toEqual([{ method: 'constructor' }]);
		});
	});
}

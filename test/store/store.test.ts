/**
 * The store's contract, run on every backend (SQLite always, PostgreSQL with AFTER_SALES_TEST_PG):
 * migrations, concurrency and the messages of constraint violations.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { backends, pgStoreConfig } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { sql } from 'kysely';
import { MIGRATIONS, type Migration } from '../../nodes/shared/store/migrations';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTileModel, requireTileModel } from '../../nodes/shared/store/registers/tile-models';
import { createTechnician, listTechnicians } from '../../nodes/shared/store/registers/technicians';
import { createInstallation } from '../../nodes/shared/store/registers/installations';
import { DuplicateError } from '../../nodes/shared/rules/errors';
import type { StoreConfig } from '../../nodes/shared/store/config';

const run = promisify(execFile);
const now = () => new Date().toISOString();
const ALL_VERSIONS = MIGRATIONS.map((m) => m.version);

const tile = { modelCode: 'T-600', name: '抛光砖', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightG: 26500, pricePerBoxFen: 12850 };

for (const backend of backends()) {
	describe(`after-sales store on ${backend.name}`, () => {
		const opened: Store[] = [];
		async function open(config: StoreConfig, clock?: () => string, migrations?: readonly Migration[]): Promise<Store> {
			const s = await Store.open(config, clock, migrations);
			opened.push(s);
			return s;
		}
		afterEach(async () => {
			await Promise.all(opened.splice(0).map((s) => s.close()));
		});
		afterAll(() => backend.cleanup());

		test('migrates an empty store to the latest version', async () => {
			const store = await open(backend.fresh());
			const versions = await store.db.selectFrom('schemaMigrations').select('version').orderBy('version').execute();
			expect(versions.map((v) => Number(v.version))).toEqual(ALL_VERSIONS);
			for (const table of ['customers', 'installations', 'contracts', 'technicians', 'tileModels', 'stockMovements'] as const) {
				await expect(store.db.selectFrom(table).selectAll().execute()).resolves.toEqual([]);
			}
		});

		test('migrating twice applies nothing the second time and keeps the data', async () => {
			const config = backend.fresh();
			const first = await open(config);
			await first.transaction((trx) => createCustomer(trx, { name: '甲', phone: '13800000001' }, now()));
			await first.close();
			opened.pop();
			const second = await open(config);
			const versions = await second.db.selectFrom('schemaMigrations').select('version').execute();
			expect(versions).toHaveLength(ALL_VERSIONS.length);
			expect(await second.db.selectFrom('customers').select('name').execute()).toEqual([{ name: '甲' }]);
		});

		test('two processes migrating the same new store at once both succeed and migrate it once', async () => {
			const config = backend.fresh();
			const script = resolve(__dirname, 'fixtures/open-store.js');
			const env = { ...process.env, STORE_CONFIG: JSON.stringify(config) };
			const results = await Promise.all([run(process.execPath, [script], { env }), run(process.execPath, [script], { env })]);
			for (const r of results) expect(JSON.parse(r.stdout)).toEqual(ALL_VERSIONS);
			const store = await open(config);
			expect(await store.db.selectFrom('schemaMigrations').select('version').execute()).toHaveLength(ALL_VERSIONS.length);
		});

		/** Runs the deltas in `processes` competing processes, split evenly; returns their reports. */
		async function adjustInProcesses(config: StoreConfig, processes: number, deltas: number[]) {
			const script = resolve(__dirname, 'fixtures/adjust-stock.js');
			const shares = Array.from({ length: processes }, (_, p) => deltas.filter((_, i) => i % processes === p));
			const runs = shares.map((share) =>
				run(process.execPath, [script], {
					env: { ...process.env, STORE_CONFIG: JSON.stringify(config), DELTAS: JSON.stringify(share), MODEL_CODE: 'T-600' },
				}),
			);
			return (await Promise.all(runs)).map((r) => JSON.parse(r.stdout) as { applied: number; refused: number });
		}

		test('20 parallel stock adjustments from 4 processes lose no update', async () => {
			const config = backend.fresh();
			const store = await open(config);
			await store.transaction((trx) => createTileModel(trx, { ...tile, boxesOnHand: 100 }, now()));
			const deltas = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? -3 : 5));
			const reports = await adjustInProcesses(config, 4, deltas);
			expect(reports.reduce((n, r) => n + r.applied, 0)).toBe(20);
			const model = await store.transaction((trx) => requireTileModel(trx, { modelCode: 'T-600' }));
			expect(model.boxesOnHand).toBe(100 + deltas.reduce((a, b) => a + b, 0));
			const movements = await store.db.selectFrom('stockMovements').select(['delta', 'balanceAfter']).orderBy('id').execute();
			expect(movements).toHaveLength(21);
			// Each movement's balance follows from the one before: the adjustments ran one after another.
			for (let i = 1; i < movements.length; i++) {
				expect(movements[i].balanceAfter).toBe(movements[i - 1].balanceAfter + movements[i].delta);
			}
		});

		test('parallel takes from 3 processes never drive stock below zero', async () => {
			const config = backend.fresh();
			const store = await open(config);
			await store.transaction((trx) => createTileModel(trx, { ...tile, boxesOnHand: 10 }, now()));
			const reports = await adjustInProcesses(
				config,
				3,
				Array.from({ length: 12 }, () => -1),
			);
			expect(reports.reduce((n, r) => n + r.applied, 0)).toBe(10);
			expect(reports.reduce((n, r) => n + r.refused, 0)).toBe(2);
			expect((await store.transaction((trx) => requireTileModel(trx, { modelCode: 'T-600' }))).boxesOnHand).toBe(0);
		});

		test('constraint violations come back as clear messages and write nothing', async () => {
			const store = await open(backend.fresh());
			await store.transaction((trx) => createCustomer(trx, { code: 'KH-1', name: '甲', phone: '13800000001' }, now()));
			await expect(store.transaction((trx) => createCustomer(trx, { code: 'KH-1', name: '乙', phone: '13800000002' }, now()))).rejects.toThrow(
				new DuplicateError('A customer with this code (客户编号) already exists').message,
			);
			await store.transaction((trx) => createTechnician(trx, { name: '李工', phone: '13900000001' }, now()));
			await expect(store.transaction((trx) => createTechnician(trx, { name: '王工', phone: '13900000001' }, now()))).rejects.toBeInstanceOf(
				DuplicateError,
			);
			await store.transaction((trx) => createTileModel(trx, { ...tile, boxesOnHand: 5 }, now()));
			await expect(
				store.transaction((trx) => trx.updateTable('tileModels').set({ boxesReserved: 9 }).where('modelCode', '=', 'T-600').execute()),
			).rejects.toThrow('Boxes on hand (库存箱数) cannot go below the boxes reserved for orders');
			await expect(
				store.transaction((trx) =>
					createInstallation(
						trx,
						{ serialNo: 'SN1', customer: { code: 'KH-1' }, description: '空调', completedOn: '2026-05-01', warrantyUntil: '2026-01-01' },
						now(),
					),
				),
			).rejects.toThrow('Warranty end (保修截止) cannot be before the completion date (竣工日期)');
			await expect(
				store.transaction((trx) =>
					createInstallation(
						trx,
						{ serialNo: 'SN2', customer: { code: 'nobody' }, description: '空调', completedOn: '2026-05-01', warrantyUntil: '2027-05-01' },
						now(),
					),
				),
			).rejects.toThrow('No customer with code "nobody" is in the customer file (客户档案)');
			expect(await store.db.selectFrom('customers').select('code').execute()).toEqual([{ code: 'KH-1' }]);
			expect(await store.db.selectFrom('technicians').select('name').execute()).toEqual([{ name: '李工' }]);
			expect(await store.db.selectFrom('installations').selectAll().execute()).toEqual([]);
			expect((await store.db.selectFrom('tileModels').select('boxesReserved').executeTakeFirstOrThrow()).boxesReserved).toBe(0);
		});

		test('a failed transaction leaves nothing behind', async () => {
			const store = await open(backend.fresh());
			await expect(
				store.transaction(async (trx) => {
					await createCustomer(trx, { name: '半途', phone: '13800000003' }, now());
					throw new Error('boom');
				}),
			).rejects.toThrow('boom');
			expect(await store.db.selectFrom('customers').selectAll().execute()).toEqual([]);
		});

		if (backend.name === 'sqlite') {
			test('a later migration can rebuild a table other tables refer to, on a store with data', async () => {
				const config = backend.fresh();
				const first = await open(config);
				await first.transaction(async (trx) => {
					await createCustomer(trx, { code: 'KH-1', name: '甲', phone: '13800000001' }, now());
					await createInstallation(
						trx,
						{ serialNo: 'SN1', customer: { code: 'KH-1' }, description: '空调', completedOn: '2026-05-01', warrantyUntil: '2027-05-01' },
						now(),
					);
				});
				await first.close();
				// The SQLite way to change a table's CHECKs: copy it, drop it, rename the copy.
				const rebuild: Migration = {
					version: 9999,
					name: 'test: rebuild customers',
					async up(db) {
						const table = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'customers'`.execute(db)).rows[0]
							.sql;
						const indexes = (
							await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'customers' and sql is not null`.execute(
								db,
							)
						).rows;
						await sql.raw(table.replace(/^create table "?customers"?/i, 'create table customers_new')).execute(db);
						await sql`insert into customers_new select * from customers`.execute(db);
						await sql`drop table customers`.execute(db);
						await sql`alter table customers_new rename to customers`.execute(db);
						for (const ix of indexes) await sql.raw(ix.sql).execute(db);
					},
				};
				const store = await open({ ...config }, undefined, [...MIGRATIONS, rebuild]);
				expect((await store.db.selectFrom('schemaMigrations').select('version').execute()).map((v) => Number(v.version))).toContain(9999);
				expect(await store.db.selectFrom('customers').select('code').execute()).toEqual([{ code: 'KH-1' }]);
				// Foreign keys are enforced again once the store is open.
				expect((await sql<{ foreignKeys: number }>`pragma foreign_keys`.execute(store.db)).rows[0].foreignKeys).toBe(1);
				await expect(sql`delete from customers`.execute(store.db)).rejects.toThrow(/FOREIGN KEY constraint failed/);
			});
		}

		test('technicians by skill: the limit counts exact matches only (not "pv" for "PV")', async () => {
			const store = await open(backend.fresh());
			await store.transaction(async (trx) => {
				for (let i = 0; i < 6; i++) {
					await createTechnician(
						trx,
						{ name: `光伏${i}`, phone: `1390000${String(i).padStart(4, '0')}`, skills: [i < 3 ? 'pv' : 'PV'], areas: [] },
						now(),
					);
				}
			});
			const found = await store.transaction((trx) => listTechnicians(trx, { skill: 'PV', limit: 3 }));
			expect(found.map((t) => t.skills)).toEqual([['PV'], ['PV'], ['PV']]);
		});

		test('a generated customer code steps aside for the same code in an imported register', async () => {
			const store = await open(backend.fresh());
			// A register imported with KH-style codes of its own (rows 1-3); the next new customer is row 4.
			const imported = ['KH000003', 'KH000004', 'KH000004-2'];
			for (const code of imported) await store.transaction((trx) => createCustomer(trx, { code, name: `导入${code}` }, now()));
			const codes: string[] = [];
			for (let i = 0; i < 3; i++) codes.push((await store.transaction((trx) => createCustomer(trx, { name: `新客户${i}` }, now()))).code);
			expect(new Set(codes).size).toBe(3);
			expect(codes[0]).toBe('KH000004-3');
			for (const code of codes) {
				expect(imported).not.toContain(code);
				expect(code).toMatch(/^KH\d{6}(-\d+)?$/);
			}
		});
	});
}

const pgUrl = process.env.AFTER_SALES_TEST_PG;
(pgUrl ? describe : describe.skip)('PostgreSQL as a team runs it', () => {
	const inSchema = (schema: string) => pgStoreConfig(pgUrl!, schema);
	const tag = `${process.pid}_${Date.now().toString(36)}`;
	async function admin(statements: string[]) {
		const { Client } = await import('pg');
		const client = new Client({ connectionString: pgUrl });
		await client.connect();
		try {
			for (const q of statements) await client.query(q);
		} finally {
			await client.end();
		}
	}

	test('a schema named with capitals is that schema, not its lower-case twin', async () => {
		const schema = `AfterSales_${tag}`;
		try {
			const store = await Store.open(inSchema(schema));
			await store.transaction((trx) => createCustomer(trx, { name: '甲', phone: '13800000001' }, now()));
			await store.close();
			const { Client } = await import('pg');
			const client = new Client({ connectionString: pgUrl });
			await client.connect();
			const rows = (await client.query(`select count(*)::int as n from "${schema}".customers`)).rows;
			await client.end();
			expect(rows).toEqual([{ n: 1 }]);
		} finally {
			await admin([`drop schema if exists "${schema}" cascade`]);
		}
	});

	test('an idle connection the server ends (a restart, an idle timeout) does not take the process down', async () => {
		const schema = `as_idle_${tag}`;
		try {
			const store = await Store.open(inSchema(schema));
			const { pid } = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db)).rows[0];
			await admin([`select pg_terminate_backend(${Number(pid)})`]);
			await new Promise((r) => setTimeout(r, 300));
			await store.ping();
			await store.close();
		} finally {
			await admin([`drop schema if exists ${schema} cascade`]);
		}
	});

	test('a user who owns a schema made for them, without the right to create schemas, can open the store in it', async () => {
		const role = `as_clerk_${tag}`;
		const schema = `as_given_${tag}`;
		await admin([`create role ${role} login`, `create schema ${schema} authorization ${role}`]);
		try {
			const store = await Store.open({ ...inSchema(schema), user: role, password: '' });
			await store.ping();
			await store.close();
		} finally {
			await admin([`drop schema if exists ${schema} cascade`, `drop role if exists ${role}`]);
		}
	});
});

test('connection errors name the host and never echo the password', async () => {
	const config: StoreConfig = {
		backend: 'postgres',
		host: '127.0.0.1',
		port: 1,
		database: 'nowhere',
		user: 'clerk',
		password: 'S3cret-pass',
		ssl: false,
		sslRejectUnauthorized: true,
		schema: 'after_sales',
	};
	const error = await Store.open(config).then(
		() => undefined,
		(e: Error) => e,
	);
	expect(error?.message).toMatch(/^Cannot open the after-sales store \(PostgreSQL clerk@127\.0\.0\.1:1\/nowhere \(schema after_sales\)\)/);
	expect(error?.message).not.toContain('S3cret-pass');
});

test('a SQLite file that cannot be created is named in the error', async () => {
	// A regular file where the folder should be: the store file cannot be created under it.
	const notAFolder = join(mkdtempSync(join(tmpdir(), 'after-sales-')), 'plain-file');
	writeFileSync(notAFolder, '');
	const file = join(notAFolder, 'store.sqlite');
	const error = await Store.open({ backend: 'sqlite', file }).then(
		() => undefined,
		(e: Error) => e,
	);
	expect(error?.message.startsWith(`Cannot open the after-sales store (SQLite file ${file})`)).toBe(true);
});

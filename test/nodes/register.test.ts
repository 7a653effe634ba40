/**
 * After-Sales Register through n8n's real engine, on every store backend: the node is loaded
 * from dist as n8n loads a community package, and workflows run with WorkflowExecute.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INode, INodeExecutionData } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

function register(name: string, parameters: INode['parameters'], extra: Partial<INode> = {}) {
	return storeNode(name, TYPES.register, parameters, extra);
}

const jsonOf = (items: INodeExecutionData[]) => items.map((i) => i.json);

for (const backend of backends()) {
	describe(`After-Sales Register node on ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;

		beforeEach(() => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		async function countRows(table: 'technicians' | 'customers' | 'tileModels' | 'stockMovements'): Promise<number> {
			const store = await getStore(config);
			const r = await store.db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			return Number(r.n);
		}

		test('Manual Trigger → create 200 technicians → Get Many with a filter', async () => {
			const people = Array.from({ length: 200 }, (_, i) => ({
				name: `技术员${i + 1}`,
				phone: `139${String(10000000 + i).padStart(8, '0')}`,
				skills: i % 2 === 0 ? 'aircon, boiler' : 'elevator',
				areas: i % 4 === 0 ? '浦东' : '徐汇',
				dailyCapacity: 5,
			}));
			const wf = withItems(
				people,
				chain(
					register('Create Technicians', { resource: 'technician', operation: 'create', dataMode: 'autoMap' }),
					register(
						'Technicians in Pudong',
						{ resource: 'technician', operation: 'getMany', returnAll: true, filters: { area: '浦东', skill: 'aircon' } },
						{ executeOnce: true },
					),
				),
			);
			const result = await runWorkflow(wf, credentials);
			expect(result.error()).toBeUndefined();
			const created = result.output('Create Technicians');
			expect(created).toHaveLength(200);
			expect(created.map((c) => c.pairedItem)).toEqual(people.map((_, i) => ({ item: i })));
			expect(created[3].json).toMatchObject({ name: '技术员4', phone: '13910000003', skills: ['elevator'], areas: ['徐汇'], active: true });
			const pudong = jsonOf(result.output('Technicians in Pudong'));
			// i % 4 === 0 → 50 in 浦东, all of them even → all have aircon.
			expect(pudong).toHaveLength(50);
			expect(pudong.every((t) => (t.areas as string[]).includes('浦东') && (t.skills as string[]).includes('aircon'))).toBe(true);
			expect(await countRows('technicians')).toBe(200);
		});

		test('bad items fail alone with a clear message; with Continue On Fail the good items are stored', async () => {
			const items = [
				{ name: '好客户', phone: '13800000001' },
				{ name: '', phone: '13800000002' },
				{ name: '坏电话', phone: '12' },
				{ name: '另一个好客户', phone: '021-64381234' },
			];
			const wf = withItems(
				items,
				chain(register('Customers', { resource: 'customer', operation: 'create', dataMode: 'autoMap' }, { onError: 'continueRegularOutput' })),
			);
			const result = await runWorkflow(wf, credentials);
			const out = result.output('Customers');
			expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			expect(out[0].json).toMatchObject({ name: '好客户', phone: '13800000001' });
			expect(out[1].json.error).toMatch(/Name \(名称\): is empty; a value is required/);
			expect(out[1].json.details).toEqual({ kind: 'invalid', errors: [{ field: 'name', message: expect.stringContaining('Name (名称)') }] });
			expect(out[2].json.error).toMatch(/Phone \(电话\): "12" is not a valid mainland China phone number; expected/);
			expect(out[3].json).toMatchObject({ phone: '02164381234' });
			expect(await countRows('customers')).toBe(2);
		});

		test('with "Continue (using error output)" the bad items leave by the error output', async () => {
			const items = [
				{ name: '好客户', phone: '13800000001' },
				{ name: '坏电话', phone: '12' },
			];
			const wf = withItems(
				items,
				chain(register('Customers', { resource: 'customer', operation: 'create', dataMode: 'autoMap' }, { onError: 'continueErrorOutput' })),
			);
			const result = await runWorkflow(wf, credentials);
			expect(result.output('Customers', 0).map((o) => o.json.name)).toEqual(['好客户']);
			const errors = result.output('Customers', 1);
			expect(errors).toHaveLength(1);
			expect(errors[0].json.error).toMatch(/Phone \(电话\): "12" is not a valid mainland China phone number/);
			expect(await countRows('customers')).toBe(1);
		});

		test('without Continue On Fail a bad item stops the node with its item index and writes nothing for it', async () => {
			const items = [
				{ modelCode: 'A1', name: '600x600 抛光砖', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightKg: 26.5, pricePerBoxYuan: '128.50' },
				{ modelCode: 'B2', name: '负片数', widthMm: 300, heightMm: 600, piecesPerBox: -3, boxWeightKg: 20, pricePerBoxYuan: 90 },
			];
			const wf = withItems(items, chain(register('Tile Models', { resource: 'tileModel', operation: 'create', dataMode: 'autoMap' })));
			const result = await runWorkflow(wf, credentials);
			const error = result.error('Tile Models') as Error & { context?: { itemIndex?: number } };
			expect(error.message).toMatch(/Pieces per box \(每箱片数\): -3 is out of range; expected a whole number from 1 to 1000/);
			expect(error.context?.itemIndex).toBe(1);
			expect(await countRows('tileModels')).toBe(1);
		});

		test('dates are checked: "2026-13-45" is refused, the good contract stored', async () => {
			const customerWf = withItems(
				[{ code: 'KH-9', name: '华东物业', phone: '13900001111' }],
				chain(register('C', { resource: 'customer', operation: 'create', dataMode: 'autoMap' })),
			);
			expect((await runWorkflow(customerWf, credentials)).error()).toBeUndefined();
			const items = [
				{ contractNo: 'HT-1', customerCode: 'KH-9', kind: '按年', startsOn: '2026-01-01', endsOn: '2026/12/31', feeYuan: '12,000.00' },
				{ contractNo: 'HT-2', customerCode: 'KH-9', kind: 'annual', startsOn: '2026-01-01', endsOn: '2026-13-45', feeYuan: 100 },
			];
			const wf = withItems(
				items,
				chain(register('Contracts', { resource: 'contract', operation: 'create', dataMode: 'autoMap' }, { onError: 'continueRegularOutput' })),
			);
			const out = (await runWorkflow(wf, credentials)).output('Contracts');
			expect(out[0].json).toMatchObject({
				contractNo: 'HT-1',
				kind: 'annual',
				endsOn: '2026-12-31',
				feeFen: 1200000,
				feeYuan: '12000.00',
				customerName: '华东物业',
			});
			expect(out[1].json.error).toMatch(/End date \(到期日期\): "2026-13-45" is not a real calendar date; expected a date as YYYY-MM-DD/);
			const store = await getStore(config);
			expect((await store.db.selectFrom('contracts').select('contractNo').execute()).map((r) => r.contractNo)).toEqual(['HT-1']);
		});

		test('a stock adjustment below zero fails alone; the others apply', async () => {
			const model = {
				modelCode: 'M1',
				name: '木纹砖',
				widthMm: 200,
				heightMm: 1200,
				piecesPerBox: 6,
				boxWeightKg: 30,
				pricePerBoxYuan: 200,
				boxesOnHand: 10,
			};
			const seed = withItems([model], chain(register('Seed', { resource: 'tileModel', operation: 'create', dataMode: 'autoMap' })));
			expect((await runWorkflow(seed, credentials)).error()).toBeUndefined();
			const items = [{ delta: -4 }, { delta: -7 }, { delta: 5 }];
			const wf = withItems(
				items,
				chain(
					register(
						'Adjust',
						{
							resource: 'tileModel',
							operation: 'adjustStock',
							tileModel: { __rl: true, mode: 'modelCode', value: 'M1' },
							delta: '={{ $json.delta }}',
							reason: 'count',
						},
						{ onError: 'continueRegularOutput' },
					),
				),
			);
			const out = (await runWorkflow(wf, credentials)).output('Adjust');
			expect(out[0].json).toMatchObject({ boxesOnHand: 6 });
			expect(out[1].json.error).toMatch(/taking 7 boxes of M1 would leave -1; only 6 are on hand and stock cannot go below zero/);
			expect(out[2].json).toMatchObject({ boxesOnHand: 11 });
			// opening stock + the two good adjustments
			expect(await countRows('stockMovements')).toBe(3);
		});

		test('Upsert by natural key: the second run updates, creates nothing', async () => {
			const items = [
				{ 客户名称: '王五', 电话: '138 0000 0009', 地址: '上海市' },
				{ 客户编号: 'KH-77', 客户名称: '赵六', 电话: '13800000010' },
			];
			const wf = withItems(items, chain(register('Upsert', { resource: 'customer', operation: 'upsert', dataMode: 'autoMap' })));
			const first = (await runWorkflow(wf, credentials)).output('Upsert');
			expect(first.map((o) => o.json.upserted)).toEqual(['created', 'created']);
			const second = (await runWorkflow(wf, credentials)).output('Upsert');
			expect(second.map((o) => o.json.upserted)).toEqual(['updated', 'updated']);
			expect(second[0].json).toMatchObject({ name: '王五', phone: '13800000009', address: '上海市', code: first[0].json.code });
			expect(await countRows('customers')).toBe(2);
		});
	});
}

describe('a store that cannot be opened', () => {
	// A store file under a plain file: no folder can be made there, whoever runs the test.
	const blocker = join(mkdtempSync(join(tmpdir(), 'after-sales-')), 'a-file');
	writeFileSync(blocker, '');
	const unreachable = { afterSalesStore: { backend: 'sqlite', file: join(blocker, 'store.sqlite') } };

	test('fails every item with the reason, naming the file; with Continue On Fail each item says so and carries its pairedItem', async () => {
		const items = [
			{ name: '甲', phone: '13800000001' },
			{ name: '乙', phone: '13800000002' },
		];
		const create = (extra: Partial<INode> = {}) => register('Create', { resource: 'customer', operation: 'create', dataMode: 'autoMap' }, extra);
		const stopped = await runWorkflow(withItems(items, chain(create())), unreachable);
		expect(stopped.error('Create')?.message).toMatch(/a-file\/store\.sqlite/);
		const out = (await runWorkflow(withItems(items, chain(create({ onError: 'continueRegularOutput' }))), unreachable)).output('Create');
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const o of out) {
			expect(o.json).toEqual({ error: expect.stringMatching(/a-file\/store\.sqlite/), details: { kind: 'failed', errors: [] } });
		}
	});

	test('a PostgreSQL server that refuses the connection is named by host and port, never with the password', async () => {
		const refused = {
			afterSalesStore: {
				backend: 'postgres',
				host: '127.0.0.1',
				port: 1,
				database: 'after_sales',
				user: 'clerk',
				password: 'Sekret-Pw-42',
				ssl: false,
				schema: 'after_sales',
			},
		};
		const wf = withItems(
			[{ name: '甲', phone: '13800000001' }],
			chain(register('Create', { resource: 'customer', operation: 'create', dataMode: 'autoMap' })),
		);
		const message = (await runWorkflow(wf, refused)).error('Create')?.message ?? '';
		expect(message).toMatch(/127\.0\.0\.1:1\b/);
		expect(message).not.toContain('Sekret-Pw-42');
	});
});

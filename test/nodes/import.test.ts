/** Import Rows through n8n's real engine, on every store backend. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { sql } from 'kysely';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode, withItems, type WorkflowJson } from '../harness/engine';
import { Store } from '../../nodes/shared/store/store';

function importWorkflow(register: string, rows: IDataObject[], extra: Partial<INode> = {}): WorkflowJson {
	return withItems(rows, chain(storeNode('Import', TYPES.register, { resource: 'import', operation: 'importRows', register }, extra)));
}

/** 200 customers with Chinese headers; rows 17 (empty name), 58 and 133 (bad phones) are wrong. */
function customerRows(): IDataObject[] {
	return Array.from({ length: 200 }, (_, i) => ({
		客户编号: `KH-${1000 + i}`,
		客户名称: i === 16 ? '' : `客户${i + 1}`,
		联系人: `联系人${i + 1}`,
		电话: i === 57 ? '12' : i === 132 ? '555-0100' : `1380000${String(i).padStart(4, '0')}`,
		地址: `上海市某路${i + 1}号`,
	}));
}

for (const backend of backends()) {
	describe(`Import Rows on ${backend.name}`, () => {
		afterAll(async () => {
			await closePackageStores();
			await backend.cleanup();
		});

		test('200 customers with Chinese headers: good rows stored, bad rows rejected by row number; a second upload creates 0', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			const wf = importWorkflow('customers', customerRows());
			const first = await runWorkflow(wf, credentials);
			expect(first.error()).toBeUndefined();
			const [summary] = first.output('Import');
			expect(summary.pairedItem).toHaveLength(200);
			expect(summary.json).toMatchObject({ register: 'customers', created: 197, updated: 0 });
			expect(summary.json.rejected).toEqual([
				{ row: 17, reason: expect.stringContaining('Name (名称): is empty') },
				{ row: 58, reason: expect.stringContaining('Phone (电话): "12" is not a valid mainland China phone number') },
				{ row: 133, reason: expect.stringContaining('Phone (电话): "555-0100" is not a valid mainland China phone number') },
			]);
			const second = (await runWorkflow(wf, credentials)).output('Import')[0].json;
			expect(second).toMatchObject({ created: 0, updated: 197 });
			expect(second.rejected).toHaveLength(3);
		});

		test('rows refer to customers: an installation of an unknown customer is rejected, the rest stored', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			await runWorkflow(importWorkflow('customers', [{ code: 'KH-1', name: '甲公司', phone: '13800000001' }]), credentials);
			const rows = [
				{ 序列号: 'SN-1', 客户编号: 'KH-1', '设备/工程': '中央空调', 竣工日期: '2026/3/1', 保修截止: '2028-02-29' },
				{ 序列号: 'SN-2', 客户编号: 'KH-404', '设备/工程': '电梯', 竣工日期: '2026-03-01', 保修截止: '2027-03-01' },
				{ 序列号: 'SN-3', 客户编号: 'KH-1', '设备/工程': '锅炉', 竣工日期: '2026-03-01', 保修截止: '2026-02-01' },
			];
			const summary = (await runWorkflow(importWorkflow('installations', rows), credentials)).output('Import')[0].json;
			expect(summary).toMatchObject({ created: 1, updated: 0 });
			expect(summary.rejected).toEqual([
				{ row: 2, reason: 'No customer with code "KH-404" is in the customer file (客户档案)' },
				{ row: 3, reason: expect.stringContaining('Warranty end (保修截止): 2026-02-01 is before the completion date 2026-03-01') },
			]);
		});

		test('a batch with no known column fails as a whole and writes nothing', async () => {
			const config = backend.fresh();
			const credentials = { afterSalesStore: backend.credential(config) };
			const result = await runWorkflow(
				importWorkflow('customers', [
					{ colour: 'red', size: 'L' },
					{ colour: 'blue', size: 'M' },
				]),
				credentials,
			);
			expect(result.error('Import')?.message).toMatch(
				/^None of the columns \(colour, size\) belongs to the customers register; expected headers such as code \(客户编号\), name \(客户名称\)/,
			);
			const count = await runWorkflow(
				chain(storeNode('List', TYPES.register, { resource: 'customer', operation: 'getMany', returnAll: true })),
				credentials,
			);
			expect(count.output('List')).toEqual([]);
		});

		test('with "Continue (using error output)" an unreadable batch leaves by the error output as one item', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			const result = await runWorkflow(importWorkflow('customers', [{ colour: 'red' }], { onError: 'continueErrorOutput' }), credentials);
			expect(result.output('Import', 0)).toEqual([]);
			const errors = result.output('Import', 1);
			expect(errors).toHaveLength(1);
			expect(errors[0].json.error).toMatch(/^None of the columns \(colour\) belongs to the customers register/);
		});

		test('headers as staff type them (联系电话, 手机号, 每箱单价(元), 邮箱 …) are read; unknown columns are listed, not dropped silently', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			const customers = [
				{ 客户编号: 'KH-7', 客户名称: '华东物业', 联系电话: '13800000007', 电子邮件: 'Ops@Example.com', 微信号: 'hd-wx', 备注: '老客户' },
			];
			const first = (await runWorkflow(importWorkflow('customers', customers), credentials)).output('Import')[0].json;
			expect(first).toMatchObject({ created: 1, rejected: [], ignoredColumns: ['微信号'] });
			const tiles = [
				{ 型号: 'CZ-7', 名称: '仿古砖', '宽（mm）': 300, 长mm: 600, 每箱片数: 8, '每箱重量(kg)': 22, '每箱单价(元)': '¥96.5', 库存: 40, 颜色: '灰' },
			];
			expect((await runWorkflow(importWorkflow('tile-models', tiles), credentials)).output('Import')[0].json).toMatchObject({
				created: 1,
				rejected: [],
				ignoredColumns: ['颜色'],
			});
			const technicians = [{ 姓名: '李师傅', 手机号: '13700000007', 邮箱: 'li@example.com', 专长: '空调', 片区: '徐汇' }];
			expect((await runWorkflow(importWorkflow('technicians', technicians), credentials)).output('Import')[0].json).toMatchObject({
				created: 1,
				rejected: [],
				ignoredColumns: [],
			});
			const get = async (resource: string, mode: string, value: string) =>
				(
					await runWorkflow(
						chain(storeNode('Get', TYPES.register, { resource, operation: 'get', [resource]: { __rl: true, mode, value } })),
						credentials,
					)
				).output('Get')[0]?.json;
			expect(await get('customer', 'code', 'KH-7')).toMatchObject({ phone: '13800000007', email: 'ops@example.com', notes: '老客户' });
			expect(await get('tileModel', 'modelCode', 'CZ-7')).toMatchObject({ widthMm: 300, boxWeightKg: 22, pricePerBoxFen: 9650, boxesOnHand: 40 });
			expect(await get('technician', 'phone', '13700000007')).toMatchObject({
				name: '李师傅',
				email: 'li@example.com',
				skills: ['空调'],
				areas: ['徐汇'],
			});
		});

		test('keys as staff type them: a sheet with ＣＺ－６００ or cz-600 updates CZ-600, which keeps the code as first typed', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			const sheet = (code: string, price: number) => [
				{ 型号: code, 名称: '抛光砖', 宽mm: 600, 长mm: 600, 每箱片数: 4, 每箱重量kg: 26.5, 每箱单价: price, 库存箱数: 10 },
			];
			expect((await runWorkflow(importWorkflow('tile-models', sheet('CZ-600', 100)), credentials)).output('Import')[0].json).toMatchObject({
				created: 1,
			});
			expect((await runWorkflow(importWorkflow('tile-models', sheet('ＣＺ－６００', 110)), credentials)).output('Import')[0].json).toMatchObject({
				created: 0,
				updated: 1,
			});
			expect((await runWorkflow(importWorkflow('tile-models', sheet(' cz-600 ', 120)), credentials)).output('Import')[0].json).toMatchObject({
				created: 0,
				updated: 1,
			});
			const list = await runWorkflow(
				chain(storeNode('List', TYPES.register, { resource: 'tileModel', operation: 'getMany', returnAll: true })),
				credentials,
			);
			expect(list.output('List').map((o) => [o.json.modelCode, o.json.pricePerBoxFen])).toEqual([['CZ-600', 12000]]);
		});

		test('contract kinds: any case is read, a word that merely exists in JavaScript ("constructor") is a bad row, not a broken import', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			await runWorkflow(importWorkflow('customers', [{ code: 'KH-9', name: '华东物业', phone: '13800000001' }]), credentials);
			const rows = [
				{ contractNo: 'HT-1', customerCode: 'KH-9', kind: 'Annual', startsOn: '2026-01-01', endsOn: '2026-12-31', feeYuan: 100 },
				{ contractNo: 'HT-2', customerCode: 'KH-9', kind: 'constructor', startsOn: '2026-01-01', endsOn: '2026-12-31', feeYuan: 100 },
				{ contractNo: 'HT-3', customerCode: 'KH-9', kind: 'PER-VISIT', startsOn: '2026-01-01', endsOn: '2026-12-31', visitFeeYuan: 80 },
			];
			const [summary] = (await runWorkflow(importWorkflow('contracts', rows), credentials)).output('Import');
			expect(summary.json).toMatchObject({ created: 2, updated: 0 });
			expect(summary.json.rejected).toEqual([
				{ row: 2, reason: expect.stringMatching(/"constructor" is not allowed; expected one of annual, per-visit/) },
			]);
		});

		test('a store that fails partway stops the import and says which rows are in (kind failed, for a 500)', async () => {
			const config = backend.fresh();
			const credentials = { afterSalesStore: backend.credential(config) };
			// A failure that is no fault of the row, on the third customer: as a full disk would be.
			const store = await Store.open(config);
			if (backend.name === 'sqlite') {
				await sql`create trigger full_disk before insert on customers when new.name = '丙' begin select raise(abort, 'database or disk is full'); end`.execute(
					store.db,
				);
			} else {
				await sql`create function full_disk() returns trigger language plpgsql as $$ begin if new.name = '丙' then raise exception 'could not extend file: No space left on device'; end if; return new; end $$`.execute(
					store.db,
				);
				await sql`create trigger full_disk before insert on customers for each row execute function full_disk()`.execute(store.db);
			}
			await store.close();
			const rows = [
				{ name: '甲', phone: '13800000001' },
				{ name: '', phone: '13800000002' },
				{ name: '丙', phone: '13800000003' },
				{ name: '丁', phone: '13800000004' },
			];
			const result = await runWorkflow(importWorkflow('customers', rows, { onError: 'continueErrorOutput' }), credentials);
			const [failure] = result.output('Import', 1);
			expect(failure.json.details).toEqual({ kind: 'failed', errors: [] });
			expect(failure.json.error).toMatch(
				/^Row 3: the after-sales store could not save it \(.*(disk is full|No space left).*\)\. Rows before it are saved \(1 created, 0 updated, 1 rejected\)/,
			);
			const list = await runWorkflow(
				chain(storeNode('List', TYPES.register, { resource: 'customer', operation: 'getMany', returnAll: true })),
				credentials,
			);
			expect(list.output('List').map((o) => o.json.name)).toEqual(['甲']);
		});

		test('re-importing a price list changes prices, not the stock moved since the first import', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			const sheet = (price: number) => [
				{ 型号: 'CZ-1', 名称: '抛光砖', 宽mm: 600, 长mm: 600, 每箱片数: 4, 每箱重量kg: 26.5, 每箱单价: price, 库存箱数: 100 },
			];
			expect((await runWorkflow(importWorkflow('tile-models', sheet(128)), credentials)).output('Import')[0].json).toMatchObject({
				created: 1,
				rejected: [],
			});
			const adjust = (delta: number, reason: string) =>
				runWorkflow(
					chain(
						storeNode('Adjust', TYPES.register, {
							resource: 'tileModel',
							operation: 'adjustStock',
							tileModel: { __rl: true, mode: 'modelCode', value: 'CZ-1' },
							delta,
							reason,
						}),
					),
					credentials,
				);
			await adjust(-30, '送货 delivery');
			await adjust(5, '退货 return');
			expect((await runWorkflow(importWorkflow('tile-models', sheet(138)), credentials)).output('Import')[0].json).toMatchObject({
				created: 0,
				updated: 1,
				rejected: [],
			});
			const stock = await runWorkflow(
				chain(
					storeNode('Stock', TYPES.register, {
						resource: 'tileModel',
						operation: 'get',
						tileModel: { __rl: true, mode: 'modelCode', value: 'CZ-1' },
					}),
				),
				credentials,
			);
			expect(stock.output('Stock')[0].json).toMatchObject({ boxesOnHand: 75, pricePerBoxFen: 13800 });
		});

		test('rows read from a file that is not UTF-8 (a GBK CSV) are refused whole, with what to do', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			// What a UTF-8 reader makes of 甲公司 saved in GBK.
			const result = await runWorkflow(importWorkflow('customers', [{ name: '\uFFFD\u05B9\uFFFD\u02FE', phone: '13800000001' }]), credentials);
			expect(result.error('Import')?.message).toMatch(
				/^The file's text is not UTF-8 .* save it as "CSV UTF-8 \(逗号分隔\)" or upload the \.xlsx workbook$/,
			);
			const list = await runWorkflow(
				chain(storeNode('List', TYPES.register, { resource: 'customer', operation: 'getMany', returnAll: true })),
				credentials,
			);
			expect(list.output('List')).toEqual([]);
		});

		test('an empty batch and an unknown register are refused with a clear message', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			expect((await runWorkflow(importWorkflow('customers', [{}]), credentials)).error('Import')?.message).toBe(
				'The file has no data rows; expected a header row and at least one row of data',
			);
			expect((await runWorkflow(importWorkflow('invoices', [{ a: 1 }]), credentials)).error('Import')?.message).toBe(
				'Register "invoices" is not known; expected one of customers, installations, contracts, technicians, tile-models',
			);
		});
	});
}

describe('Import Rows with a store that cannot be opened', () => {
	/** A SQLite file whose folder cannot be made: its parent is a regular file (root may write anywhere else). */
	function unopenableStore() {
		const dir = mkdtempSync(join(tmpdir(), 'after-sales-'));
		const notAFolder = join(dir, 'not-a-folder');
		writeFileSync(notAFolder, 'a file, not a folder');
		const file = join(notAFolder, 'store.sqlite');
		return { file, credentials: { afterSalesStore: { backend: 'sqlite', file } } };
	}
	const rows = [
		{ name: '甲', phone: '13800000001' },
		{ name: '乙', phone: '13800000002' },
	];

	test('"Continue (using error output)": one failure item on the error output (kind failed, the file named), nothing on the success output, nothing stored', async () => {
		const { file, credentials } = unopenableStore();
		const result = await runWorkflow(importWorkflow('customers', rows, { onError: 'continueErrorOutput' }), credentials);
		expect(result.output('Import', 0)).toEqual([]);
		const errors = result.output('Import', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.details).toEqual({ kind: 'failed', errors: [] });
		expect(String(errors[0].json.error)).toContain(`Cannot open the after-sales store (SQLite file ${file})`);
		expect(errors[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(existsSync(file)).toBe(false);
	});

	test('"Continue": the failure item, not the input rows passed through as if imported', async () => {
		const { credentials } = unopenableStore();
		const out = (await runWorkflow(importWorkflow('customers', rows, { onError: 'continueRegularOutput' }), credentials)).output('Import');
		expect(out).toHaveLength(1);
		expect(out[0].json).toEqual({ error: expect.stringContaining('Cannot open the after-sales store'), details: { kind: 'failed', errors: [] } });
	});

	test('"Stop Workflow": the run fails with the store named', async () => {
		const { file, credentials } = unopenableStore();
		expect((await runWorkflow(importWorkflow('customers', rows), credentials)).error('Import')?.message).toContain(`SQLite file ${file}`);
	});
});

/** Import Rows through n8n's real engine, on every store backend. */
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
			const result = await runWorkflow(importWorkflow('customers', [{ colour: 'red', size: 'L' }, { colour: 'blue', size: 'M' }]), credentials);
			expect(result.error('Import')?.message).toMatch(/^None of the columns \(colour, size\) belongs to the customers register; expected headers such as code \(客户编号\), name \(客户名称\)/);
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
			expect(summary.json.rejected).toEqual([{ row: 2, reason: expect.stringMatching(/"constructor" is not allowed; expected one of annual, per-visit/) }]);
		});

		test('a store that fails partway stops the import and says which rows are in (kind failed, for a 500)', async () => {
			const config = backend.fresh();
			const credentials = { afterSalesStore: backend.credential(config) };
			// A failure that is no fault of the row, on the third customer: as a full disk would be.
			const store = await Store.open(config);
			if (backend.name === 'sqlite') {
				await sql`create trigger full_disk before insert on customers when new.name = '丙' begin select raise(abort, 'database or disk is full'); end`.execute(store.db);
			} else {
				await sql`create function full_disk() returns trigger language plpgsql as $$ begin if new.name = '丙' then raise exception 'could not extend file: No space left on device'; end if; return new; end $$`.execute(store.db);
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
			expect(failure.json.error).toMatch(/^Row 3: the after-sales store could not save it \(.*(disk is full|No space left).*\)\. Rows before it are saved \(1 created, 0 updated, 1 rejected\)/);
			const list = await runWorkflow(chain(storeNode('List', TYPES.register, { resource: 'customer', operation: 'getMany', returnAll: true })), credentials);
			expect(list.output('List').map((o) => o.json.name)).toEqual(['甲']);
		});

		test('re-importing a price list changes prices, not the stock moved since the first import', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			const sheet = (price: number) => [{ 型号: 'CZ-1', 名称: '抛光砖', 宽mm: 600, 长mm: 600, 每箱片数: 4, 每箱重量kg: 26.5, 每箱单价: price, 库存箱数: 100 }];
			expect((await runWorkflow(importWorkflow('tile-models', sheet(128)), credentials)).output('Import')[0].json).toMatchObject({ created: 1, rejected: [] });
			const adjust = (delta: number, reason: string) =>
				runWorkflow(
					chain(storeNode('Adjust', TYPES.register, { resource: 'tileModel', operation: 'adjustStock', tileModel: { __rl: true, mode: 'modelCode', value: 'CZ-1' }, delta, reason })),
					credentials,
				);
			await adjust(-30, '送货 delivery');
			await adjust(5, '退货 return');
			expect((await runWorkflow(importWorkflow('tile-models', sheet(138)), credentials)).output('Import')[0].json).toMatchObject({ created: 0, updated: 1, rejected: [] });
			const stock = await runWorkflow(
				chain(storeNode('Stock', TYPES.register, { resource: 'tileModel', operation: 'get', tileModel: { __rl: true, mode: 'modelCode', value: 'CZ-1' } })),
				credentials,
			);
			expect(stock.output('Stock')[0].json).toMatchObject({ boxesOnHand: 75, pricePerBoxFen: 13800 });
		});

		test('rows read from a file that is not UTF-8 (a GBK CSV) are refused whole, with what to do', async () => {
			const credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			// What a UTF-8 reader makes of 甲公司 saved in GBK.
			const result = await runWorkflow(importWorkflow('customers', [{ name: '\uFFFD\u05B9\uFFFD\u02FE', phone: '13800000001' }]), credentials);
			expect(result.error('Import')?.message).toMatch(/^The file's text is not UTF-8 .* save it as "CSV UTF-8 \(逗号分隔\)" or upload the \.xlsx workbook$/);
			const list = await runWorkflow(chain(storeNode('List', TYPES.register, { resource: 'customer', operation: 'getMany', returnAll: true })), credentials);
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

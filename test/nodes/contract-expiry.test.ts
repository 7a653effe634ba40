/**
 * Contract Expiry Check on n8n's real engine, on every backend: the scan notices the contracts
 * whose notice day has come (the clock is today's, so the contracts are placed around today in
 * the workflow's timezone), once; the notice page; the renewal; bad input for every operation
 * with Continue On Fail and pairedItem; a stop without it.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const op = (operation: string, extra: Record<string, unknown> = {}, onError: 'continueRegularOutput' | 'stopWorkflow' = 'continueRegularOutput') =>
	node('Op', TYPES.contractExpiry, { resource: 'contract', operation, ...extra }, { onError });
const html = (item: INodeExecutionData, key: string) => Buffer.from(item.binary![key].data, 'base64').toString('utf8');

for (const backend of backends()) {
	describe(`Contract Expiry Check on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		// Today in the workflow's timezone (Asia/Shanghai). A test run across midnight there could see two days; none of these runs lasts that long.
		const today = DateTime.now().setZone('Asia/Shanghai').startOf('day');
		const d = (days: number) => today.plus({ days }).toISODate()!;
		// the last end date due today: today + 1 month, to the month's end when today is the last day of its month
		const plusMonth = today.plus({ months: 1 });
		const lastDue = (today.day === today.daysInMonth ? plusMonth.endOf('month') : plusMonth).toISODate()!;
		const firstNotDue = DateTime.fromISO(lastDue).plus({ days: 1 }).toISODate()!;

		beforeEach(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config), companyName: '安达售后' } };
			const importRows = async (register: string, rows: IDataObject[]) =>
				expect((await run(rows, node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register })))[0].json.rejected).toEqual([]);
			await importRows('customers', [
				{ code: 'C1', name: '华东物业', phone: '13800000001', email: 'chen@example.com', address: '上海市徐汇区' },
				{ code: 'C2', name: '<b>无邮箱</b>', phone: '13800000002' },
			]);
			await importRows('contracts', [
				{ contractNo: 'HT-DUE', customerCode: 'C1', kind: 'annual', startsOn: d(-300), endsOn: lastDue, feeYuan: '1200' },
				{ contractNo: 'HT-TODAY', customerCode: 'C2', kind: 'per-visit', startsOn: d(-300), endsOn: d(0), visitFeeYuan: '80' },
				{ contractNo: 'HT-LATER', customerCode: 'C1', kind: 'annual', startsOn: d(-300), endsOn: firstNotDue, feeYuan: '1200' },
				{ contractNo: 'HT-CANCELLED', customerCode: 'C1', kind: 'annual', startsOn: d(-300), endsOn: d(5), status: 'cancelled' },
				{ contractNo: 'HT-RENEWED', customerCode: 'C1', kind: 'annual', startsOn: d(-300), endsOn: d(5), status: 'renewed' },
			]);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		const run = async (items: IDataObject[], n: ReturnType<typeof op>) => (await runWorkflow(withItems(items, chain(n)), credentials)).output('Op');

		test('the scan: one summary item paired to every input; the due contracts noticed once, TZ- of today', async () => {
			const [first, ...more] = await run([{}, {}], op('checkExpiring'));
			expect(more).toEqual([]);
			expect(first.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
			const tz = `TZ-${today.toFormat('yyyyLLdd')}`;
			expect(first.json).toMatchObject({ today: d(0), windowMonths: 1, alreadyNoticed: 0, lapsed: [], withoutEmail: ['HT-TODAY'] });
			expect(first.json.noticed).toEqual([
				{
					contractNo: 'HT-TODAY',
					customerName: '<b>无邮箱</b>',
					endsOn: d(0),
					noticeNumber: `${tz}-0001`,
					customerEmail: null,
					customerSms: '13800000002',
					noticedOn: d(0),
				},
				{
					contractNo: 'HT-DUE',
					customerName: '华东物业',
					endsOn: lastDue,
					noticeNumber: `${tz}-0002`,
					customerEmail: 'chen@example.com',
					customerSms: null,
					noticedOn: d(0),
				},
			]);
			const [again] = await run([{}], op('checkExpiring'));
			expect(again.json).toMatchObject({ noticed: [], alreadyNoticed: 2 });
			// a wider window reaches the later contract
			const [wider] = await run([{}], op('checkExpiring', { noticeWindowMonths: 2 }));
			expect((wider.json.noticed as IDataObject[]).map((n) => n.contractNo)).toEqual(['HT-LATER']);
		});

		test('the notice page: Chinese by default, English on request, user text escaped, the number and dates', async () => {
			await run([{}], op('checkExpiring'));
			const [zh, en] = await run(
				[{ contractNo: 'HT-TODAY' }, { contractNo: 'ht-due', language: 'en' }],
				op('getExpiryNotice', { language: '={{ $json.language || "zh-CN" }}' }),
			);
			expect(zh.pairedItem).toEqual({ item: 0 });
			expect(en.pairedItem).toEqual({ item: 1 });
			expect(zh.json).toMatchObject({
				contractNo: 'HT-TODAY',
				noticeNumber: expect.stringMatching(/^TZ-\d{8}-0001$/),
				taskStatus: 'open',
				email: null,
			});
			const page = html(zh, 'expiryNotice');
			expect(zh.binary!.expiryNotice).toMatchObject({ mimeType: 'text/html', fileName: `${String(zh.json.noticeNumber)}.html` });
			for (const text of ['保养到期通知书', 'HT-TODAY', '按次合同', '80.00', '安达售后', '&lt;b&gt;无邮箱&lt;/b&gt;']) expect(page).toContain(text);
			expect(page).not.toContain('<b>无邮箱');
			expect(html(en, 'expiryNotice')).toContain('Maintenance Contract Expiry Notice');
			// before any notice: refused (404 for a webhook)
			const [none] = await run([{ contractNo: 'HT-LATER' }], op('getExpiryNotice'));
			expect(none.json).toMatchObject({
				error: expect.stringMatching(/HT-LATER has no expiry notice/),
				details: { kind: 'not-found', errors: [{ field: 'contractNo' }] },
			});
		});

		test('renewal: the new contract -R1 from the day after, the old one renewed, its task closed; a second renewal refused', async () => {
			await run([{}], op('checkExpiring'));
			const [renewed] = await run([{ contractNo: 'HT-DUE', endsOn: '2099-12-31', feeYuan: '1500' }], op('renew'));
			expect(renewed.json).toMatchObject({
				contractNo: 'HT-DUE-R1',
				startsOn: DateTime.fromISO(lastDue).plus({ days: 1 }).toISODate(),
				endsOn: '2099-12-31',
				feeYuan: '1500.00',
				status: 'active',
				kind: 'annual',
				renewedContract: { contractNo: 'HT-DUE', status: 'renewed' },
			});
			const store = await getStore(config);
			const tasks = await store.db
				.selectFrom('expiryNotices as n')
				.innerJoin('contracts as k', 'k.id', 'n.contractId')
				.select(['k.contractNo', 'n.taskStatus'])
				.orderBy('k.contractNo')
				.execute();
			expect(tasks).toEqual([
				{ contractNo: 'HT-DUE', taskStatus: 'closed-renewed' },
				{ contractNo: 'HT-TODAY', taskStatus: 'open' },
			]);
			const [twice] = await run([{ contractNo: 'HT-DUE', endsOn: '2099-12-31' }], op('renew'));
			expect(twice.json).toMatchObject({ error: expect.stringMatching(/already renewed/), details: { kind: 'refused' } });
		});

		test('bad input for every operation: an error item per bad item, paired; the good one goes on; nothing written', async () => {
			const store = await getStore(config);
			const count = async () => (await store.db.selectFrom('contracts').select('id').execute()).length;
			const before = await count();
			const out = await run(
				[
					{ contractNo: 'HT-404', endsOn: '2099-01-01' },
					{ contractNo: 'HT-TODAY', endsOn: 'next year', visitFeeYuan: 'abc' },
					{ contractNo: 'HT-TODAY', endsOn: '2099-01-01' },
				],
				op('renew'),
			);
			expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(out[0].json).toMatchObject({ details: { kind: 'not-found' }, error: expect.stringMatching(/No contract "HT-404"/) });
			expect(out[1].json).toMatchObject({ details: { kind: 'invalid', errors: [{ field: 'endsOn' }, { field: 'visitFeeYuan' }] } });
			expect(out[2].json).toMatchObject({ contractNo: 'HT-TODAY-R1' });
			expect(await count()).toBe(before + 1);

			const [badWindow] = await run([{}, {}], op('checkExpiring', { noticeWindowMonths: 0 }));
			expect(badWindow.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
			expect(badWindow.json).toMatchObject({
				error: expect.stringMatching(/Notice window \(提前通知月数\): "0" is not allowed/),
				details: { kind: 'invalid' },
			});
			expect(await store.db.selectFrom('expiryNotices').select('id').execute()).toEqual([]);

			const docs = await run([{ contractNo: '' }, { contractNo: 'HT-404' }], op('getExpiryNotice'));
			expect(docs.map((o) => [o.pairedItem, (o.json.details as IDataObject).kind])).toEqual([
				[{ item: 0 }, 'invalid'],
				[{ item: 1 }, 'not-found'],
			]);
		});

		test('without Continue On Fail a bad item stops the node with its item index and the clerk’s message', async () => {
			const result = await runWorkflow(
				withItems(
					[
						{ contractNo: 'HT-TODAY', endsOn: '2099-01-01' },
						{ contractNo: 'HT-404', endsOn: '2099-01-01' },
					],
					chain(op('renew', {}, 'stopWorkflow')),
				),
				credentials,
			);
			const error = result.error('Op') as Error & { context?: { itemIndex?: number } };
			expect(error.message).toMatch(/No contract "HT-404"/);
			expect(error.context?.itemIndex).toBe(1);
		});
	});
}

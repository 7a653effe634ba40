/**
 * Scan to report on n8n's real engine, on every backend: Print QR Labels gives each unit of a
 * customer its signed report link and a printable sheet; Open Report Page opens the unit a token
 * names (a changed token on the error output, refused on `token`); Take Scan Report chained into
 * Create Repair Ticket — as the workflow does — makes one ticket with the unit's serial no for the
 * same report sent twice, and refuses a bad phone (field `phone`, nothing written) and a unit's
 * report over the limit (field `rateLimit`).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores } from '../../nodes/shared/store/store';

const html = (item: INodeExecutionData, key: string) => Buffer.from(item.binary![key].data, 'base64').toString('utf8');
const failure = (item: INodeExecutionData) => [
	(item.json.details as { kind: string; errors: Array<{ field: string }> }).kind,
	(item.json.details as { errors: Array<{ field: string }> }).errors[0]?.field,
];

for (const backend of backends()) {
	describe(`scan to report on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let urls: string[];
		const run = async (items: IDataObject[], ...nodes: Array<ReturnType<typeof node>>) =>
			await runWorkflow(withItems(items, chain(...nodes)), credentials);
		const register = (operation: string, extra: IDataObject = {}) =>
			node('Op', TYPES.register, { resource: 'installation', operation, ...extra }, { onError: 'continueRegularOutput' });

		beforeAll(async () => {
			credentials = { afterSalesStore: { ...backend.credential(backend.fresh()), companyName: '安达售后', companyPhone: '400-800-1234' } };
			await run(
				[{ code: 'KH-QR', name: '扫码物业', contactPerson: '陈经理', phone: '13800001111', address: '上海市扫码路1号' }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'customers' }),
			);
			await run(
				['QR-1', 'QR-2'].map((serialNo) => ({
					serialNo,
					customerCode: 'KH-QR',
					description: '空调',
					completedOn: '2026-01-01',
					warrantyUntil: '2099-01-01',
				})),
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'installations' }),
			);
			const [sheet] = (await run([{ query: { customerCode: 'KH-QR' } }], register('printLabels'))).output('Op');
			urls = (sheet.json.labels as Array<{ url: string }>).map((l) => l.url);
			expect(html(sheet, 'labels')).toContain('400-800-1234');
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		test('the labels: one per unit, each with its own signed link under this n8n’s address; unknown or no customer refused', async () => {
			expect(urls).toHaveLength(2);
			for (const u of urls) expect(u).toMatch(/^http:\/\/localhost:5678\/webhook\/after-sales\/report\/[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
			const out = (await run([{ query: { customerCode: 'KH-NONE' } }, { query: {} }], register('printLabels'))).output('Op');
			expect(out.map(failure)).toEqual([
				['not-found', 'customerCode'],
				['invalid', 'customerCode'],
			]);
			const [own] = (
				await run([{ query: { customerCode: 'KH-QR' } }], register('printLabels', { reportLinkBase: 'https://service.example.com/r' }))
			).output('Op');
			expect((own.json.labels as Array<{ url: string }>)[0].url).toBe(`https://service.example.com/r/${urls[0].split('/').pop()}`);
		});

		test('Open Report Page: the unit of the token, its page; a changed token refused on token', async () => {
			const token = urls[1].split('/').pop()!;
			const out = (await run([{ params: { token } }, { params: { token: `${token}x` } }], register('openReportPage'))).output('Op');
			expect(out[0].json).toMatchObject({ serialNo: 'QR-2', customerName: '扫码物业', address: '上海市扫码路1号' });
			expect(html(out[0], 'page')).toContain('QR-2');
			expect(failure(out[1])).toEqual(['refused', 'token']);
		});

		test('Take Scan Report → Create Repair Ticket: the same report twice is one ticket; a bad phone and the fourth report refused', async () => {
			const token = urls[0].split('/').pop()!;
			const take = register('takeScanReport', { token: '={{ $json.token }}' });
			const create = node('Create', TYPES.createTicket, { actor: 'scan to report' });
			const same = { token, siteSituation: '不制冷', phone: '13912345678' };
			const first = (await run([same], take, create)).output('Create');
			const second = (await run([same], take, create)).output('Create');
			expect(first[0].json).toMatchObject({
				serialNo: 'QR-1',
				customerCode: 'KH-QR',
				address: '上海市扫码路1号',
				contactPerson: '陈经理',
				duplicate: false,
			});
			expect(second[0].json).toMatchObject({ ticketNumber: first[0].json.ticketNumber, duplicate: true });
			const refused = (await run([{ ...same, phone: '12345' }], take)).output('Op');
			expect(failure(refused[0])).toEqual(['invalid', 'phone']);
			await run([{ ...same, siteSituation: '异响' }], take);
			await run([{ ...same, siteSituation: '漏水' }], take);
			const fourth = (await run([{ ...same, siteSituation: '第四次' }], take)).output('Op');
			expect(failure(fourth[0])).toEqual(['refused', 'rateLimit']);
		});
	});
}

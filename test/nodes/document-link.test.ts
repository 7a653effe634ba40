/**
 * Document Link on n8n's real engine, on every backend: *Sign Link* makes a link whose token
 * *Check Access* accepts for that document (the item passed through, with `access`), and refuses
 * for another document, a changed token or none — on the error output with Continue On Fail, as
 * the document workflows answer 403.
 */
import { backends } from '../harness/backends';
import { chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores } from '../../nodes/shared/store/store';

const TYPE = 'n8n-nodes-after-sales.documentLink';
const VOUCHER = 'repairs/BX-20261127-0001/documents/voucher';

for (const backend of backends()) {
	describe(`Document Link on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeAll(() => {
			credentials = { afterSalesStore: backend.credential(backend.fresh()) };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		const sign = async (path: string, extra: Record<string, unknown> = {}) =>
			(await runWorkflow(withItems([{}], chain(node('Op', TYPE, { operation: 'sign', path, ...extra }))), credentials)).output('Op');
		const check = async (items: object[], path: string) => {
			const r = await runWorkflow(
				withItems(items, chain(node('Op', TYPE, { operation: 'check', path }, { onError: 'continueRegularOutput' }))),
				credentials,
			);
			return r.output('Op');
		};

		test('a signed link: its URL under this n8n’s address, 30 days; Check Access lets its token through for that document only', async () => {
			const [signed] = await sign(VOUCHER);
			const url = String(signed.json.url);
			expect(url).toMatch(new RegExp(`^http://localhost:5678/webhook/after-sales/${VOUCHER}/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
			expect(Date.parse(String(signed.json.expiresAt)) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
			const token = url.split('/').pop()!;
			const request = { params: { link: token }, query: { lang: 'en' }, headers: {} };
			const [ok] = await check([request], VOUCHER);
			expect(ok.json).toEqual({ ...request, access: { by: 'link', expiresAt: signed.json.expiresAt } });
			const refused = await check(
				[{ params: { link: token } }, { params: { link: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` } }, { params: {} }],
				'repairs/BX-20261127-0001/documents/form',
			);
			expect(refused.map((i) => [i.json.error, (i.json.details as { kind: string }).kind, i.pairedItem])).toEqual([
				[expect.stringMatching(/^链接无效 .*another document/), 'refused', { item: 0 }],
				[expect.stringMatching(/^链接无效/), 'refused', { item: 1 }],
				[expect.stringMatching(/^需要签名链接/), 'refused', { item: 2 }],
			]);
		});

		test('a relative link base, and a path that is no document refused on its field', async () => {
			const [signed] = await sign(VOUCHER, { linkBase: '/webhook/after-sales/', validDays: 2 });
			expect(String(signed.json.url)).toMatch(new RegExp(`^/webhook/after-sales/${VOUCHER}/`));
			const r = await runWorkflow(
				withItems([{}], chain(node('Op', TYPE, { operation: 'sign', path: 'repairs/BX-1/visit' }, { onError: 'continueRegularOutput' }))),
				credentials,
			);
			expect(r.output('Op')[0].json).toMatchObject({
				error: expect.stringMatching(/^Document path: .* is not a printable document/),
				details: { kind: 'refused' },
			});
		});
	});
}

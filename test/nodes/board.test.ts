/**
 * The Register's Service Board → Get Board on n8n's real engine, on every backend: a day made
 * with the package's own nodes (technicians imported, reports created and dispatched, one
 * overdue, one product taken back), then the board as JSON and as the HTML page.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores } from '../../nodes/shared/store/store';

const html = (item: INodeExecutionData) => Buffer.from(item.binary!.board.data, 'base64').toString('utf8');
const board = (extra: IDataObject = {}) =>
	node('Op', TYPES.register, { resource: 'board', operation: 'get', ...extra }, { onError: 'continueRegularOutput' });

for (const backend of backends()) {
	describe(`Service Board on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		const tickets: Record<string, string> = {};
		beforeAll(async () => {
			credentials = { afterSalesStore: { ...backend.credential(backend.fresh()), companyName: '安达<售后>' } };
			const run = async (items: IDataObject[], n: ReturnType<typeof node>) =>
				(await runWorkflow(withItems(items, chain(n)), credentials)).output('Op');
			await run(
				[{ name: '王师傅<b>', phone: '13700000001', skills: '空调', dailyCapacity: 3 }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' }),
			);
			const report = (customerName: string, extra: IDataObject = {}) => ({
				customerName,
				phone: '13800000001',
				address: '上海市徐汇区',
				siteSituation: '空调不制冷',
				skill: '空调',
				...extra,
			});
			const wf = withItems(
				[report('准时物业'), report('<script>alert(1)</script>物业', { reportedAt: '2026-01-06T10:00:00+08:00' }), report('带回物业')],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const result = await runWorkflow(wf, credentials);
			expect(result.output('Dispatch').map((o) => o.json.dispatched)).toEqual([true, true, true]);
			// the reports in their order (Dispatch puts the one left over from an earlier day first)
			[tickets.onTime, tickets.late, tickets.takenBack] = result.output('Create').map((o) => String(o.json.ticketNumber));
			const [visited] = await run(
				[{ ticketNumber: tickets.takenBack, outcome: 'taken-back', product: '空调室外机', customerSignature: '陈经理' }],
				node('Op', TYPES.register, { resource: 'ticket', operation: 'recordVisit' }),
			);
			expect(visited.json.status).toBe('taken-back');
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		test('one item: the board as JSON with its summary, the page as the binary "board"', async () => {
			const [item, ...rest] = (await runWorkflow(withItems([{}], chain(board())), credentials)).output('Op');
			expect(rest).toEqual([]);
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json.summary).toMatchObject({
				openTickets: 3,
				overdueTickets: 1,
				dispatchedToday: 3,
				freeCapacityToday: 0,
				productsTakenBack: 1,
				contractsWithNotice: 0,
				unpaidInvoices: 0,
				openComplaints: 0,
			});
			const overdue = (item.json.tickets as IDataObject).overdue as IDataObject[];
			expect(overdue.map((t) => t.ticketNumber)).toEqual([tickets.late]);
			expect((item.json.takenBack as IDataObject[]).map((p) => [p.ticketNumber, p.where, p.product])).toEqual([
				[tickets.takenBack, 'in-repair', '空调室外机'],
			]);
			expect(item.binary!.board).toMatchObject({ mimeType: 'text/html', fileName: 'service-board.html' });
			const page = html(item);
			expect(page).toContain('<meta http-equiv="refresh" content="60">');
			expect(page).toContain('<div class="company-name">安达&lt;售后&gt;</div>');
			expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;物业');
			expect(page).toContain('王师傅&lt;b&gt;');
			expect(page).not.toContain('<script>');
			// overdue first
			expect(page.indexOf(tickets.late)).toBeLessThan(page.indexOf(tickets.onTime));
			expect(page).toContain('没有已发到期通知的合同。');
		});

		test('in English, refreshing every 30 s', async () => {
			const [item] = (await runWorkflow(withItems([{}], chain(board({ language: 'en', refreshSeconds: 30 }))), credentials)).output('Op');
			const page = html(item);
			expect(page).toContain('<html lang="en">');
			expect(page).toContain('<meta http-equiv="refresh" content="30">');
			expect(page).toContain('No contracts with a notice out.');
		});

		test('a refresh out of range is refused naming the field, on the item', async () => {
			const [item] = (await runWorkflow(withItems([{}], chain(board({ refreshSeconds: 7200 }))), credentials)).output('Op');
			expect(item.json).toMatchObject({
				error: expect.stringMatching(/^Refresh every \(seconds\): "7200" is not allowed/),
				details: { kind: 'invalid', errors: [{ field: 'refreshSeconds' }] },
			});
			expect(item.binary).toBeUndefined();
		});

		test('the staff’s home page: the forms per role, each ticket’s number a signed link to its voucher that the Document Link check accepts', async () => {
			const [item] = (await runWorkflow(withItems([{}], chain(board())), credentials)).output('Op');
			const page = html(item);
			const roles = [...page.matchAll(/<div class="role" data-role="([a-z]+)"><h3>([^<]+)/g)].map((m) => [m[1], m[2].trim()]);
			expect(roles).toEqual([
				['desk', '前台 Desk'],
				['manager', '部门经理 Manager'],
				['technician', '技术员 Technician'],
				['accountant', '会计 Accountant'],
			]);
			const forms = [...page.matchAll(/<a href="\/form\/after-sales\/([a-z-]+)" data-form="\1">/g)].map((m) => m[1]);
			expect(forms.sort()).toEqual([
				'complaint',
				'complaint-severity',
				'dispatch',
				'follow-up-call',
				'payment',
				'repair-report',
				'repair-steps',
				'tile-order',
				'visit-result',
				'work-log-form',
			]);
			for (const t of [tickets.onTime, tickets.late]) {
				const link = new RegExp(
					`<a class="doc" href="(/webhook/after-sales/repairs/${t}/documents/voucher/([0-9a-z]+\\.[A-Za-z0-9_-]{43}))">${t}</a>`,
				).exec(page);
				expect(link).not.toBeNull();
				// The link's token opens the voucher through Document Link · Check Access; on another ticket's path it does not.
				const check = (path: string) =>
					node('Op', 'n8n-nodes-after-sales.documentLink', { operation: 'check', path, token: link![2] }, { onError: 'continueRegularOutput' });
				const [ok] = (await runWorkflow(withItems([{}], chain(check(`repairs/${t}/documents/voucher`))), credentials)).output('Op');
				expect(ok.json.access).toMatchObject({ by: 'link' });
				const [other] = (await runWorkflow(withItems([{}], chain(check(`repairs/${t}/documents/form`))), credentials)).output('Op');
				expect(other.json.error).toEqual(expect.any(String));
			}
			// The product taken back opens its repair card.
			expect(page).toMatch(
				new RegExp(`<a class="doc" href="/webhook/after-sales/repairs/${tickets.takenBack}/documents/repair-card/[^"]+">${tickets.takenBack}</a>`),
			);
		});

		test('rows per section: a capped table says how many more, in Chinese and in English; a bad cap is refused naming the field', async () => {
			// Three more reports nobody was dispatched to: the "open" group has three rows.
			const more = ['甲', '乙', '丙'].map((n) => ({ customerName: `未派物业${n}`, phone: '13800000002', address: '上海市', siteSituation: '漏水' }));
			const created = (await runWorkflow(withItems(more, chain(node('Op', TYPES.createTicket, {}))), credentials)).output('Op');
			expect(created.map((c) => c.json.status)).toEqual(['open', 'open', 'open']);
			const [one] = (await runWorkflow(withItems([{}], chain(board({ rowsPerSection: 1 }))), credentials)).output('Op');
			const page = html(one);
			const open = /<h3 data-status="open">[^<]*<\/h3><table>.*?<\/table>/s.exec(page)![0];
			expect(open.match(/<tr class="[a-z]*" data-ticket=/g)).toHaveLength(1);
			expect(open).toContain('<tr class="more"><td colspan="8">还有 2 条 · <a href="?rows=500">全部显示</a></td></tr>');
			const [all] = (await runWorkflow(withItems([{}], chain(board({ rowsPerSection: 20 }))), credentials)).output('Op');
			expect(html(all)).not.toContain('class="more"');
			const [en] = (await runWorkflow(withItems([{}], chain(board({ rowsPerSection: 1, language: 'en' }))), credentials)).output('Op');
			expect(html(en)).toContain('2 more · <a href="?rows=500&amp;lang=en">show all</a>');
			const [bad] = (await runWorkflow(withItems([{}], chain(board({ rowsPerSection: 0 }))), credentials)).output('Op');
			expect(bad.json).toMatchObject({
				error: expect.stringMatching(/^Rows per section \(每栏行数\): "0" is not allowed/),
				details: { kind: 'invalid', errors: [{ field: 'rows' }] },
			});
		});
	});
}

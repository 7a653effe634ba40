/**
 * The outbox's producers through n8n's real engine, on every backend (issue 19): Create Repair
 * Ticket signs the voucher link under n8n's own address (or the address it is given) and reads the
 * due time in the workflow's timezone; Dispatch Technician right after names the technician in the
 * waiting message; a bad email or link address is refused on its field with nothing written; Send
 * Survey's Create Survey queues the SMS with the survey link it gives out, only without email.
 */
import type { IDataObject } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const report = (over: IDataObject = {}): IDataObject => ({
	customerName: '华东物业',
	contactPerson: '陈经理',
	phone: '13800001111',
	address: '上海市徐汇区漕溪路 88 号',
	siteSituation: '中央空调不制冷',
	reportedAt: '2026-11-26T09:30:00+08:00',
	skill: '空调',
	...over,
});
const HOURS = { A: 24, B: 24, C: 24, D: 24 };

for (const backend of backends()) {
	describe(`outbox producers through the engine on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		beforeEach(() => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		const outbox = async () =>
			await (
				await getStore(config)
			).db
				.selectFrom('outbox')
				.select(['messageKey', 'channel', 'kind', 'recipient', 'payload'])
				.orderBy('id')
				.execute();
		const run = async (items: IDataObject[], n: ReturnType<typeof node>) => (await runWorkflow(withItems(items, chain(n)), credentials)).output('Op');
		const technician = () =>
			run(
				[{ name: '王师傅', phone: '13700000001', skills: '空调', dailyCapacity: 20 }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' }),
			);

		test('intake then dispatch: the message has the voucher link on n8n’s address, the due time in the workflow’s zone, the technician', async () => {
			await technician();
			const wf = withItems(
				[report()],
				chain(node('Create', TYPES.createTicket, { responseHours: HOURS }), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			// The workflow's timezone is Berlin: 09:30 Shanghai + 24 h is 02:30 in Berlin (UTC+1 in November).
			const r = await runWorkflow({ ...wf, settings: { timezone: 'Europe/Berlin' } }, credentials);
			expect(r.error()).toBeUndefined();
			const n = String(r.output('Create')[0].json.ticketNumber);
			expect(r.output('Dispatch')[0].json).toMatchObject({ ticketNumber: n, dispatched: true });
			const rows = await outbox();
			expect(rows.map((x) => [x.messageKey, x.channel, x.kind])).toEqual([[`new-ticket:${n}`, 'staff', 'new-ticket']]);
			const item = JSON.parse(rows[0].payload).items[0];
			expect(item).toMatchObject({
				ticket: n,
				address: '上海市徐汇区漕溪路 88 号',
				due: '2026-11-27 02:30',
				technician: '王师傅 13700000001',
				text: '中央空调不制冷',
			});
			expect(item.link).toMatch(
				new RegExp(`^http://localhost:5678/webhook/after-sales/repairs/${n}/documents/voucher/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`),
			);
			// The link opens the voucher: Document Link's own check lets its token through.
			const token = String(item.link).split('/').pop()!;
			const [checked] = await run(
				[{ params: { link: token } }],
				node('Op', 'n8n-nodes-after-sales.documentLink', { operation: 'check', path: `repairs/${n}/documents/voucher` }),
			);
			expect(checked.json.access).toMatchObject({ by: 'link' });
		});

		test('a link base given to the node is used; the email is kept on the file', async () => {
			const [made] = await run(
				[report({ email: 'Chen@Example.com' })],
				node('Op', TYPES.createTicket, { documentLinkBase: 'https://service.example.com/webhook/after-sales' }),
			);
			const n = String(made.json.ticketNumber);
			const item = JSON.parse((await outbox())[0].payload).items[0];
			expect(String(item.link).startsWith(`https://service.example.com/webhook/after-sales/repairs/${n}/documents/voucher/`)).toBe(true);
			const [customer] = await run(
				[{}],
				node('Op', TYPES.register, {
					resource: 'customer',
					operation: 'get',
					customer: { __rl: true, mode: 'code', value: String(made.json.customerCode) },
				}),
			);
			expect(customer.json.email).toBe('chen@example.com');
		});

		test('a bad email or a link base that is no web address: refused on its field, nothing written', async () => {
			const create = (params: Record<string, string>) => node('Op', TYPES.createTicket, params, { onError: 'continueRegularOutput' });
			const [badEmail] = await run([report({ email: 'chen@' })], create({}));
			expect(badEmail.json).toMatchObject({ details: { kind: 'invalid', errors: [{ field: 'email', message: expect.stringContaining('邮箱') }] } });
			const [badBase] = await run([report()], create({ documentLinkBase: 'service.example.com' }));
			expect(badBase.json).toMatchObject({ details: { errors: [{ field: 'documentLinkBase' }] } });
			expect(await outbox()).toEqual([]);
			expect(await (await getStore(config)).db.selectFrom('tickets').select('id').execute()).toEqual([]);
		});

		test('Create Survey: the SMS with the link it gives out for a customer without email; none for one with email', async () => {
			await technician();
			const solved = async (r: IDataObject) => {
				const wf = withItems(
					[r],
					chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
				);
				const n = String((await runWorkflow(wf, credentials)).output('Dispatch')[0].json.ticketNumber);
				await run(
					[{ ticketNumber: n, outcome: 'solved', solution: '清洗', customerSignature: '陈经理' }],
					node('Op', TYPES.register, { resource: 'ticket', operation: 'recordVisit' }),
				);
				return n;
			};
			const noEmail = await solved(report({ customerName: '无邮箱物业', phone: '139 0000 2222' }));
			const withEmail = await solved(report({ customerName: '有邮箱物业', phone: '13900003333', email: 'yy@example.com' }));
			const survey = (n: string) =>
				run(
					[{ ticketNumber: n }],
					node('Op', TYPES.sendSurvey, { resource: 'survey', operation: 'create', linkBase: 'https://s.example.com/surveys' }),
				);
			const [made] = await survey(noEmail);
			await survey(withEmail);
			const sms = (await outbox()).filter((x) => x.channel === 'sms');
			expect(sms.map((x) => [x.messageKey, x.kind, x.recipient])).toEqual([[`survey:${noEmail}`, 'survey', '13900002222']]);
			expect(JSON.parse(sms[0].payload).params).toEqual({ name: '陈经理', ticket: noEmail, url: made.json.url });
			expect(made.json.url).toBe(`https://s.example.com/surveys/${String(made.json.token)}`);
		});
	});
}

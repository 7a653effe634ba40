/**
 * Send Survey on n8n's real engine, on every backend: a closed ticket's survey with its signed
 * link, opened and answered once with a complaint, the complaint's notice, reply and close with
 * its letter, the daily sweep and the emails taken once, the call list, Form 1.1 filled in from
 * the answer, and the monthly KPI.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const survey = (operation: string, extra: Record<string, unknown> = {}) =>
	node('Op', TYPES.sendSurvey, { resource: 'survey', operation, ...extra }, { onError: 'continueRegularOutput' });
const complaint = (operation: string, extra: Record<string, unknown> = {}) =>
	node('Op', TYPES.sendSurvey, { resource: 'complaint', operation, ...extra }, { onError: 'continueRegularOutput' });
const html = (item: INodeExecutionData, key: string) => Buffer.from(item.binary![key].data, 'base64').toString('utf8');

for (const backend of backends()) {
	describe(`Send Survey on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		beforeEach(() => {
			config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config), companyName: '安达售后' } };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		const run = async (items: IDataObject[], n: ReturnType<typeof survey>) =>
			(await runWorkflow(withItems(items, chain(n)), credentials)).output('Op');

		/** A customer (with or without email) whose report is dispatched, solved on site and closed. */
		async function closedTicket(customer: { name: string; phone: string; email?: string }): Promise<string> {
			await run(
				[{ name: '王师傅', phone: '13700000001', skills: '空调', dailyCapacity: 20 }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' }),
			);
			await run([{ ...customer }], node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'customers' }));
			const wf = withItems(
				[{ customerName: customer.name, phone: customer.phone, address: '上海市徐汇区', siteSituation: '空调不制冷', skill: '空调' }],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const n = String((await runWorkflow(wf, credentials)).output('Dispatch')[0].json.ticketNumber);
			const step = (operation: string, fields: IDataObject) =>
				run([{ ticketNumber: n, ...fields }], node('Op', TYPES.register, { resource: 'ticket', operation }));
			await step('recordVisit', { outcome: 'solved', solution: '清洗', customerSignature: '陈经理' });
			expect((await step('close', {}))[0].json.status).toBe('closed');
			return n;
		}

		test('a closed ticket: its survey with a signed link on n8n’s address; the same one again', async () => {
			const n = await closedTicket({ name: '华东物业', phone: '13800000001', email: 'chen@example.com' });
			const [made] = await run([{ ticketNumber: n }], survey('create'));
			expect(made.json).toMatchObject({
				created: true,
				ticketNumber: n,
				email: 'chen@example.com',
				status: 'waiting',
				technician: { name: '王师傅' },
				surveyNumber: expect.stringMatching(/^HF-\d{8}-0001$/),
			});
			expect(made.json.url).toBe(`http://localhost:5678/webhook/after-sales/surveys/${String(made.json.token)}`);
			expect(made.json.expiresOn).toBe(DateTime.fromISO(String(made.json.expiresAt)).setZone('Asia/Shanghai').toISODate());
			const [again] = await run([{ ticketNumber: n }], survey('create', { linkBase: 'https://service.example.com/s' }));
			expect(again.json).toMatchObject({ created: false, token: made.json.token, url: `https://service.example.com/s/${String(made.json.token)}` });
		});

		test('a complaint taken down with the caller (the complaint form and POST complaints): who called kept in the ticket’s history, 重大 read as serious', async () => {
			const n = await closedTicket({ name: '投诉物业', phone: '13800000003' });
			const [made] = await run(
				[{ ticketNumber: n, severity: '重大', text: '师傅迟到', customerName: '李先生', phone: '021-6488 7700' }],
				complaint('create'),
			);
			expect(made.json).toMatchObject({
				ticketNumber: n,
				severity: 'serious',
				status: 'open',
				complaintNumber: expect.stringMatching(/^TS-\d{8}-\d{4}$/),
			});
			const [ticket] = await run([{ ticketNumber: n }], node('Op', TYPES.register, { resource: 'ticket', operation: 'get' }));
			const event = (ticket.json.history as IDataObject[]).find((h) => h.action === 'complaint');
			expect(event?.details).toEqual({
				complaintNumber: made.json.complaintNumber,
				severity: 'serious',
				customerName: '李先生',
				phone: '02164887700',
			});
		});

		test('open by link: the survey with page-safe texts; a changed link is refused on the token (for a 403)', async () => {
			const n = await closedTicket({ name: '<b>物业</b>', phone: '13800000001', email: 'chen@example.com' });
			const [made] = await run([{ ticketNumber: n }], survey('create'));
			const [opened] = await run([{ token: made.json.token }], survey('open'));
			expect(opened.json).toMatchObject({
				surveyNumber: made.json.surveyNumber,
				customerName: '<b>物业</b>',
				escaped: { customerName: '&lt;b&gt;物业&lt;/b&gt;', technicianName: '王师傅' },
			});
			const token = String(made.json.token);
			const [bad] = await run([{ token: `${token.slice(0, -2)}xx` }], survey('open'));
			expect(bad.json).toMatchObject({ error: expect.stringMatching(/not valid/), details: { kind: 'refused', errors: [{ field: 'token' }] } });
			const [none] = await run([{ token: ':token' }], survey('open'));
			expect(none.json).toMatchObject({ details: { kind: 'refused', errors: [{ field: 'token' }] } });
		});

		test('record the answer once with a serious complaint; notices, reply letter, reply and close', async () => {
			const n = await closedTicket({ name: '华东物业', phone: '13800000001', email: 'chen@example.com' });
			const [made] = await run([{ ticketNumber: n }], survey('create'));
			const answer = {
				token: made.json.token,
				attitude: 'unsatisfied',
				skill: 2,
				arrival: '3',
				promises: 4,
				accepted: 'false',
				delivered: 'yes',
				comments: '第二天又坏',
				complaint: { severity: 'serious', text: '维修后漏水' },
			};
			const [answered] = await run([answer], survey('recordAnswer'));
			expect(answered.json).toMatchObject({
				status: 'answered',
				channel: 'link',
				answer: {
					attitude: 1,
					skill: 2,
					arrival: 3,
					promises: 4,
					overallLevel: 3,
					satisfaction: 'satisfied',
					dissatisfactionReasons: ['attitude', 'skill'],
					accepted: false,
					comments: '第二天又坏',
				},
				complaint: { complaintNumber: expect.stringMatching(/^TS-\d{8}-0001$/), severity: 'serious', status: 'open', notifyTo: 'company-manager' },
			});
			const [twice] = await run([{ ...answer, attitude: 4 }], survey('recordAnswer'));
			expect(twice.json).toMatchObject({ details: { kind: 'refused', errors: [{ field: 'answeredAt' }] } });

			// Form 1.1 of the ticket now shows the follow-up.
			const [ticket] = await run([{ ticketNumber: n }], node('Op', TYPES.register, { resource: 'ticket', operation: 'get' }));
			const form = html(ticket, 'repairServiceForm');
			expect(form).toContain('<span class="choice checked">☑ 满意</span>');
			expect(form).toContain('<span class="choice checked">☑ 服务态度</span>');
			expect(form).toContain('第二天又坏');
			expect((ticket.json.history as IDataObject[]).map((h) => h.action)).toEqual(expect.arrayContaining(['survey', 'followUp', 'complaint']));

			// The company manager's notice, taken once, with the reply letter; marked after the email.
			const number = String((answered.json.complaint as IDataObject).complaintNumber);
			const notices = await run([{}], complaint('takeNotices'));
			expect(notices.map((x) => [x.json.complaintNumber, x.json.notice, x.json.notifyTo])).toEqual([
				[number, { kind: 'new', period: 0, severity: 'serious' }, 'company-manager'],
			]);
			expect(html(notices[0], 'replyLetter')).toContain('客户投诉答复函');
			expect(html(notices[0], 'replyLetter')).toContain('维修后漏水');
			expect(await run([{}], complaint('takeNotices'))).toEqual([]);
			const [marked] = await run([notices[0].json], complaint('markNotice'));
			expect(marked.json).toMatchObject({ marked: true, notifiedAt: expect.any(String) });

			const [byPhone] = await run([{ complaintNumber: number, method: 'phone', text: '电话道歉' }], complaint('recordReply'));
			expect(byPhone.json).toMatchObject({ details: { kind: 'invalid', errors: [{ field: 'method' }] } });
			const [replied] = await run([{ complaintNumber: number, method: 'letter', text: '已免费返修' }], complaint('recordReply', { actor: '张经理' }));
			expect(replied.json).toMatchObject({ status: 'replied', reply: { method: 'letter', text: '已免费返修', repliedBy: '张经理' } });
			expect(html(replied, 'replyLetter')).toContain('已免费返修');
			const [closed] = await run([{ complaintNumber: number }], complaint('close'));
			expect(closed.json.status).toBe('closed');
			const list = await run([{}], complaint('getMany', { status: 'open, replied' }));
			expect(list).toEqual([]);
			// As one item with the list, also when it is empty (a webhook's answer).
			expect((await run([{}], complaint('getMany', { status: 'open, replied', output: 'list' }))).map((x) => x.json)).toEqual([{ complaints: [] }]);
			expect(
				((await run([{}], complaint('getMany', { status: 'closed', output: 'list' })))[0].json.complaints as IDataObject[]).map(
					(c) => c.complaintNumber,
				),
			).toEqual([number]);
		});

		test('the daily sweep: surveys for finished tickets, the emails taken once, marked; the call list', async () => {
			const withEmail = await closedTicket({ name: '华东物业', phone: '13800000001', email: 'chen@example.com' });
			const withoutEmail = await closedTicket({ name: '没有邮箱', phone: '13800000002' });
			const [summary] = await run([{}], survey('createMissing'));
			expect(summary.json.created).toBe(2);
			expect((summary.json.surveys as IDataObject[]).map((s) => s.ticketNumber).sort()).toEqual([withEmail, withoutEmail].sort());
			expect((await run([{}], survey('createMissing')))[0].json).toEqual({ created: 0, surveys: [] });
			const toEmail = await run([{}], survey('toEmail'));
			expect(toEmail.map((s) => s.json.ticketNumber)).toEqual([withEmail]);
			expect(await run([{}], survey('toEmail'))).toEqual([]);
			const [sent] = await run([toEmail[0].json], survey('markEmailed'));
			expect(sent.json).toMatchObject({ marked: true, emailedAt: expect.any(String) });
			const calls = await run([{}], survey('getMany', { which: 'callList' }));
			expect(calls.map((s) => s.json.ticketNumber)).toEqual([withoutEmail]);
			// A clerk's call, recorded by the survey number: channel phone.
			const [call] = await run(
				[{ surveyNumber: calls[0].json.surveyNumber, attitude: 4, skill: 4, arrival: 4, promises: 4 }],
				survey('recordAnswer', { findBy: 'surveyNumber', actor: '回访员小张' }),
			);
			expect(call.json).toMatchObject({ channel: 'phone', answer: { answeredBy: '回访员小张', overallLevel: 4 } });
			expect(await run([{}], survey('getMany', { which: 'callList' }))).toEqual([]);
		});

		test('the monthly KPI: this month’s answers per technician, with the page', async () => {
			const n = await closedTicket({ name: '华东物业', phone: '13800000001', email: 'chen@example.com' });
			const [made] = await run([{ ticketNumber: n }], survey('create'));
			await run([{ token: made.json.token, attitude: 4, skill: 3, arrival: 3, promises: 3 }], survey('recordAnswer'));
			const month = DateTime.now().setZone('Asia/Shanghai').toFormat('yyyy-MM');
			const [report] = await run(
				[{}],
				node('Op', TYPES.sendSurvey, { resource: 'report', operation: 'kpi', month }, { onError: 'continueRegularOutput' }),
			);
			expect(report.json).toMatchObject({
				month,
				timezone: 'Asia/Shanghai',
				technicians: [
					{ name: '王师傅', phone: '13700000001', jobs: 1, rated: 1, attitude: 4, skill: 3, arrival: 3, promises: 3, overall: 3.25, complaints: 0 },
				],
			});
			expect(String(report.json.html)).toContain('技术员月度绩效考核表');
			expect(String(report.json.html)).toContain('安达售后');
			const store = await getStore(config);
			expect(await store.db.selectFrom('surveys').select('id').execute()).toHaveLength(1);
		});

		test('whole-input operations with a bad parameter: one error item paired to every input item, nothing written', async () => {
			await closedTicket({ name: '华东物业', phone: '13800000001', email: 'chen@example.com' });
			const store = await getStore(config);
			const before = JSON.stringify(await store.db.selectFrom('surveys').selectAll().execute());
			for (const [n, pattern] of [
				[survey('createMissing', { finishedWithinDays: 0 }), /Jobs finished within/],
				[survey('createMissing', { linkBase: 'not an address' }), /Survey page address/],
				[survey('toEmail', { leaseMinutes: 0 }), /Retry after/],
				[complaint('takeNotices', { periodHours: 0 }), /Overdue period/],
			] as const) {
				const out = await run([{}, {}], n);
				expect(out).toHaveLength(1);
				expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
				expect(String(out[0].json.error)).toMatch(pattern);
			}
			expect(JSON.stringify(await store.db.selectFrom('surveys').selectAll().execute())).toBe(before);
		});
	});
}

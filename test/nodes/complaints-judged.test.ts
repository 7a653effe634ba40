/**
 * Complaints judged by the department and feedback to the customer (issue 18 items 5, 6) on n8n's
 * real engine, on every backend: Complaint · Create about neither a ticket nor an order, Judge
 * Severity with its reason (and the per-item error path without one: nothing written, the item
 * paired), Record Reply with the reply letter's channel and message, and Register · Inspect with
 * the product-ready feedback — by SMS (queued in the outbox) for a customer without email.
 */
import type { IDataObject } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const complaint = (operation: string, extra: Record<string, unknown> = {}) =>
	node('Op', TYPES.sendSurvey, { resource: 'complaint', operation, ...extra }, { onError: 'continueRegularOutput' });

for (const backend of backends()) {
	describe(`complaints judged on n8n's engine, ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		beforeEach(() => {
			config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config) } };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});
		const run = async (items: IDataObject[], n: ReturnType<typeof complaint>) =>
			(await runWorkflow(withItems(items, chain(n)), credentials)).output('Op');

		test('a phoned complaint about neither, judged serious with a reason; without a reason the item fails alone and nothing is written', async () => {
			const [made] = await run([{ customerName: '来电客户', phone: '13900000041', severity: 'general', text: '热线占线' }], complaint('create'));
			expect(made.json).toMatchObject({ ticketNumber: null, orderNumber: null, customerName: '来电客户', phone: '13900000041', status: 'open' });
			const n = String(made.json.complaintNumber);
			const out = await run(
				[
					{ complaintNumber: n, severity: 'serious', reason: '' },
					{ complaintNumber: n, severity: 'serious', reason: '多次投诉未处理', actor: '张经理' },
				],
				complaint('judgeSeverity', { actor: '={{ $json.actor || "n8n" }}' }),
			);
			expect(out).toHaveLength(2);
			expect(out[0].json.error).toMatch(/^Reason \(理由\): is empty/);
			expect(out[0].pairedItem).toEqual({ item: 0 });
			expect(out[1].json).toMatchObject({ severity: 'serious', noticeDue: true, judgment: { reason: '多次投诉未处理', judgedBy: '张经理' } });
			expect(out[1].binary?.replyLetter).toBeDefined();
			const store = await getStore(config);
			const events = await store.db.selectFrom('complaintEvents').select('action').orderBy('id').execute();
			expect(events.map((e) => e.action)).toEqual(['registered', 'severityJudged']);
		});

		test('Record Reply says how the letter reaches the customer: post without an address or a mobile, with the message to send', async () => {
			const [made] = await run([{ customerName: '路人乙', phone: '021-64870042', severity: 'general', text: '收费不明' }], complaint('create'));
			const [replied] = await run(
				[{ complaintNumber: made.json.complaintNumber, method: 'phone', text: '已解释收费标准' }],
				complaint('recordReply'),
			);
			expect(replied.json).toMatchObject({
				status: 'replied',
				replyDelivery: { channel: 'post', email: null, mobile: null },
				message: { subject: `投诉答复函 Reply to your complaint · ${String(made.json.complaintNumber)}` },
			});
			expect(Buffer.from(replied.binary!.replyLetter.data, 'base64').toString('utf8')).toContain('事由：关于我司售后服务的投诉');
		});

		test('Inspect (验讫) outputs the product-ready feedback: email from the customer file, the agreed day', async () => {
			await run(
				[{ name: '王师傅', phone: '13700000043', skills: '空调', dailyCapacity: 20 }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' }),
			);
			await run(
				[{ name: '返修物业', phone: '13800000043', email: 'fix@example.com' }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'customers' }),
			);
			const wf = withItems(
				[{ customerName: '返修物业', phone: '13800000043', address: '上海市徐汇区', siteSituation: '空调不制冷', skill: '空调' }],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const n = String((await runWorkflow(wf, credentials)).output('Dispatch')[0].json.ticketNumber);
			const step = (operation: string, fields: IDataObject) =>
				run([{ ticketNumber: n, ...fields }], node('Op', TYPES.register, { resource: 'ticket', operation }));
			await step('recordVisit', { outcome: 'taken-back', product: '空调室外机', customerSignature: '陈', promisedBy: '2099-01-05' });
			await step('recordRepairWork', { minutes: 30 });
			const [inspected] = await step('inspect', { inspectedBy: '张经理' });
			expect(inspected.json).toMatchObject({
				status: 'inspected',
				feedback: { kind: 'product-ready', channel: 'email', email: 'fix@example.com', returnOn: '2099-01-05' },
			});
			expect((inspected.json.history as IDataObject[]).at(-1)).toMatchObject({
				action: 'customerMessage',
				details: { channel: 'email', to: 'fix@example.com' },
			});
		});

		test('without email, a mobile: Inspect says sms and Record Reply says sms; each queues its SMS in the outbox (issue 19)', async () => {
			const smsRows = async () =>
				await (
					await getStore(config)
				).db
					.selectFrom('outbox')
					.select(['messageKey', 'kind', 'recipient', 'payload'])
					.where('channel', '=', 'sms')
					.orderBy('id')
					.execute();
			await run(
				[{ name: '王师傅', phone: '13700000044', skills: '空调', dailyCapacity: 20 }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' }),
			);
			const wf = withItems(
				[
					{
						customerName: '无邮箱物业',
						contactPerson: '周经理',
						phone: '13800000044',
						address: '上海市徐汇区',
						siteSituation: '空调不制冷',
						skill: '空调',
					},
				],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const n = String((await runWorkflow(wf, credentials)).output('Dispatch')[0].json.ticketNumber);
			const step = (operation: string, fields: IDataObject) =>
				run([{ ticketNumber: n, ...fields }], node('Op', TYPES.register, { resource: 'ticket', operation }));
			await step('recordVisit', { outcome: 'taken-back', product: '空调室外机', customerSignature: '周', promisedBy: '2099-01-05' });
			await step('recordRepairWork', { minutes: 30 });
			const [inspected] = await step('inspect', { inspectedBy: '张经理' });
			expect(inspected.json).toMatchObject({ feedback: { kind: 'product-ready', channel: 'sms', email: null, returnOn: '2099-01-05' } });
			expect((inspected.json.history as IDataObject[]).at(-1)).toMatchObject({
				action: 'customerMessage',
				details: { channel: 'sms', to: '13800000044' },
			});

			const [made] = await run([{ customerName: '来电客户', phone: '13900000045', severity: 'general', text: '热线占线' }], complaint('create'));
			const c = String(made.json.complaintNumber);
			const [replied] = await run([{ complaintNumber: c, method: 'phone', text: '已增加座席' }], complaint('recordReply'));
			expect(replied.json).toMatchObject({ status: 'replied', replyDelivery: { channel: 'sms', email: null, mobile: '13900000045' } });

			const rows = await smsRows();
			expect(rows.map((r) => [r.messageKey, r.kind, r.recipient, JSON.parse(r.payload).params])).toEqual([
				[`ready:${n}`, 'ready', '13800000044', { name: '周经理', ticket: n, date: '2099-01-05' }],
				[`reply:${c}`, 'reply', '13900000045', { name: '来电客户', complaint: c }],
			]);
		});
	});
}

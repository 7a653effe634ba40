/** The ticket lifecycle (P4-P9) through the Register node on n8n's real engine, on every backend. */
import type { IDataObject, INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const REGISTER = TYPES.register;

const step = (operation: string, extra: Record<string, unknown> = {}) =>
	node('Step', REGISTER, { resource: 'ticket', operation, ...extra }, { onError: 'continueRegularOutput' });

for (const backend of backends()) {
	describe(`ticket lifecycle on ${backend.name}`, () => {
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

		/** Registers one report and dispatches it to the only technician. */
		async function dispatchedTicket(): Promise<string> {
			const seed = withItems(
				[{ name: '王师傅', phone: '13700000001', skills: '空调', dailyCapacity: 5 }],
				chain(node('Seed', REGISTER, { resource: 'import', operation: 'importRows', register: 'technicians' })),
			);
			await runWorkflow(seed, credentials);
			const wf = withItems(
				[{ customerName: '华东物业', phone: '13800001111', address: '上海市徐汇区', siteSituation: '空调不制冷', skill: '空调' }],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const out = (await runWorkflow(wf, credentials)).output('Dispatch');
			expect(out[0].json.dispatched).toBe(true);
			return String(out[0].json.ticketNumber);
		}

		async function run(ticketNumber: string, operation: string, fields: IDataObject = {}, parameters: IDataObject = {}) {
			const r = await runWorkflow(withItems([{ ticketNumber, ...fields }], chain(step(operation, parameters))), credentials);
			return r.output('Step')[0];
		}

		test('solved on site → close: voucher signed, register entry cancelled, work log and audit trail kept', async () => {
			const n = await dispatchedTicket();
			const visited = await run(n, 'recordVisit', { outcome: 'solved', solution: '清洗滤网，补充冷媒', customerSignature: '陈经理', minutes: 45 });
			expect(visited.json).toMatchObject({ status: 'solved-on-site', solution: '清洗滤网，补充冷媒', customerSignature: '陈经理' });
			const closed = await run(n, 'close');
			expect(closed.json).toMatchObject({ status: 'closed', closedAt: expect.any(String), voucherArchivedAt: expect.any(String) });
			expect((closed.json.history as IDataObject[]).map((h) => [h.action, h.toStatus])).toEqual([
				['register', 'open'],
				['dispatch', 'dispatched'],
				['recordVisitSolved', 'solved-on-site'],
				['close', 'closed'],
			]);
			const store = await getStore(config);
			const log = await store.db.selectFrom('workLog').select(['category', 'minutes', 'kind']).execute();
			expect(log).toEqual([{ category: visited.json.category, minutes: 45, kind: 'visit' }]);
		});

		test('taken back → repair work → inspect → return → close, with receipt, in/out register and repair card', async () => {
			const n = await dispatchedTicket();
			const taken = await run(n, 'recordVisit', {
				outcome: 'taken-back',
				product: '室内机主板',
				serialNo: 'PCB-77',
				customerSignature: '陈经理',
				minutes: 30,
			});
			expect(taken.json.status).toBe('taken-back');
			const takeBack = taken.json.takeBack as IDataObject;
			expect(takeBack.receipt).toMatchObject({ receiptNumber: expect.stringMatching(/^SJ-\d{8}-0001$/), product: '室内机主板', voidedAt: null });
			expect(takeBack.movements).toEqual([{ direction: 'in', movedOn: expect.any(String), note: '室内机主板' }]);
			expect(Buffer.from(taken.binary!.productReceipt.data, 'base64').toString('utf8')).toContain('客户商品领取收据');
			const repaired = await run(n, 'recordRepairWork', { minutes: 90, description: '更换电容', parts: '电容 x2 @35; 保险丝 @5' });
			expect(((repaired.json.takeBack as IDataObject).card as IDataObject).parts).toEqual([
				{ part: '电容', quantity: 2, unitPriceFen: 3500 },
				{ part: '保险丝', quantity: 1, unitPriceFen: 500 },
			]);
			expect(Buffer.from(repaired.binary!.repairCard.data, 'base64').toString('utf8')).toContain('修护卡');
			expect((await run(n, 'inspect', { inspectedBy: '张经理' })).json.status).toBe('inspected');
			const returned = await run(n, 'returnProduct', { customerSignature: '陈经理', returnedOn: '2026-12-01' });
			expect(returned.json).toMatchObject({ status: 'returned', returnedOn: '2026-12-01' });
			const records = returned.json.takeBack as IDataObject;
			expect((records.receipt as IDataObject).voidedAt).toEqual(expect.any(String));
			expect((records.movements as IDataObject[]).map((m) => m.direction)).toEqual(['in', 'out']);
			expect((await run(n, 'close')).json.status).toBe('closed');
		});

		test('documents in English on request: voucher, form, receipt and repair card; Chinese otherwise', async () => {
			const n = await dispatchedTicket();
			await run(n, 'recordVisit', { outcome: 'taken-back', product: '室内机主板', customerSignature: '陈经理' });
			const worked = await run(n, 'recordRepairWork', { minutes: 60, description: '更换电容', parts: '电容 x1 @35' }, { language: 'en' });
			const page = (item: typeof worked, name: string) => Buffer.from(item.binary![name].data, 'base64').toString('utf8');
			expect(page(worked, 'serviceVoucher')).toMatch(/<title>Service Voucher/);
			expect(page(worked, 'repairServiceForm')).toMatch(/<title>Customer Repair Service Form/);
			expect(page(worked, 'productReceipt')).toMatch(/<title>Customer Product Receipt/);
			expect(page(worked, 'repairCard')).toMatch(/<title>Repair Card/);
			// The staff's own words stay as they were written.
			expect(page(worked, 'repairCard')).toContain('更换电容');
			const chinese = await run(n, 'get');
			expect(page(chinese, 'serviceVoucher')).toMatch(/<title>服务凭证/);
			expect(page(chinese, 'repairCard')).toMatch(/<title>修护卡/);
		});

		test('illegal steps fail with a clear message and change nothing', async () => {
			const n = await dispatchedTicket();
			const returnNever = await run(n, 'returnProduct', { customerSignature: '陈经理' });
			expect(returnNever.json.error).toMatch(new RegExp(`${n}.*never taken back`));
			await run(n, 'recordVisit', { outcome: 'taken-back', product: '主板', customerSignature: '陈经理' });
			await run(n, 'recordRepairWork', { minutes: 30 });
			expect((await run(n, 'inspect', { inspectedBy: '张经理' })).json.status).toBe('inspected');
			const twice = await run(n, 'inspect', { inspectedBy: '张经理' });
			expect(twice.json.error).toMatch(/inspect/i);
			expect((twice.json.details as IDataObject).kind).toBe('refused');
			const now = await run(n, 'get');
			expect((now.json.history as IDataObject[]).filter((h) => h.action === 'inspect')).toHaveLength(1);

			// A fresh ticket that was never dispatched cannot be closed.
			const open = await runWorkflow(
				withItems(
					[{ customerName: '乙', phone: '13800002222', address: '上海', siteSituation: '漏水' }],
					chain(node('Create', TYPES.createTicket, {})),
				),
				credentials,
			);
			const openNumber = String(open.output('Create')[0].json.ticketNumber);
			expect((await run(openNumber, 'close')).json.error).toMatch(/never dispatched|not been dispatched|undispatched/i);
			expect((await run(openNumber, 'get')).json.status).toBe('open');

			// A ticket number the register does not hold: not found, named as the ticket number.
			const missing = await run('BX-19990101-0001', 'close');
			expect(missing.json).toEqual({
				error: 'No ticket BX-19990101-0001 is in the repair register (报修登记簿)',
				details: {
					kind: 'not-found',
					errors: [{ field: 'ticketNumber', message: 'No ticket BX-19990101-0001 is in the repair register (报修登记簿)' }],
				},
			});
		});

		test('bad step input is named field by field', async () => {
			const n = await dispatchedTicket();
			const out = await run(n, 'recordVisit', { outcome: 'solved', minutes: 'abc' });
			expect((out.json.details as IDataObject).errors).toEqual([
				{ field: 'customerSignature', message: expect.stringContaining('Customer signature (客户签字): is empty') },
				{ field: 'minutes', message: expect.stringContaining('is not a number of minutes') },
				{ field: 'solution', message: expect.stringContaining('Solution (处理方法): is empty') },
			]);
			expect((await run(n, 'get')).json.status).toBe('dispatched');
		});

		test('Get Many lists overdue and left-over tickets', async () => {
			const wf = withItems(
				[{ customerName: '丙', phone: '13800003333', address: '上海', siteSituation: '不开机', reportedAt: '2026-01-05T09:00:00+08:00' }],
				chain(node('Create', TYPES.createTicket, {})),
			);
			const created = (await runWorkflow(wf, credentials)).output('Create')[0].json;
			const list = async (filters: INode['parameters']) =>
				(await runWorkflow(chain(node('List', REGISTER, { resource: 'ticket', operation: 'getMany', returnAll: true, filters })), credentials))
					.output('List')
					.map((o) => o.json.ticketNumber);
			expect(await list({ overdue: true })).toEqual([created.ticketNumber]);
			expect(await list({ leftOver: true })).toEqual([created.ticketNumber]);
			expect(await list({ status: ['closed'] })).toEqual([]);

			// P9: escalated once for its overdue period; a second run in the same period reports nothing.
			const escalate = async () =>
				(
					await runWorkflow(
						chain(node('Escalate', REGISTER, { resource: 'ticket', operation: 'escalateOverdue', periodHours: 24 * 365 })),
						credentials,
					)
				).output('Escalate');
			const first = await escalate();
			expect(first.map((o) => [o.json.ticketNumber, o.json.escalatedPeriod])).toEqual([[created.ticketNumber, 1]]);
			expect(await escalate()).toEqual([]);
		});

		test('escalation in two steps: Find Only writes nothing; Mark marks what was found, once', async () => {
			const wf = withItems(
				[{ customerName: '丁', phone: '13800004444', address: '上海', siteSituation: '漏电', reportedAt: '2026-01-05T09:00:00+08:00' }],
				chain(node('Create', TYPES.createTicket, {})),
			);
			const n = String((await runWorkflow(wf, credentials)).output('Create')[0].json.ticketNumber);
			const find = async () =>
				(
					await runWorkflow(
						chain(node('Find', REGISTER, { resource: 'ticket', operation: 'escalateOverdue', step: 'find', periodHours: 24 * 365 })),
						credentials,
					)
				)
					.output('Find')
					.map((o) => o.json);
			const found = await find();
			expect(found.map((t) => [t.ticketNumber, t.escalatedPeriod])).toEqual([[n, 1]]);
			// Told nobody yet (the email failed, say): the next run finds it again.
			expect((await find()).map((t) => t.ticketNumber)).toEqual([n]);
			const mark = async () =>
				(
					await runWorkflow(
						withItems(found, chain(node('Mark', REGISTER, { resource: 'ticket', operation: 'escalateOverdue', step: 'mark' }))),
						credentials,
					)
				).output('Mark');
			const marked = await mark();
			expect(marked.map((o) => [o.json.ticketNumber, o.json.escalatedPeriod, o.json.escalationRecorded])).toEqual([[n, 1, true]]);
			expect(marked[0].pairedItem).toEqual({ item: 0 });
			expect(await find()).toEqual([]);
			expect((await mark())[0].json.escalationRecorded).toBe(false);
			const history = (await run(n, 'get')).json.history as IDataObject[];
			expect(history.filter((h) => h.action === 'escalate')).toHaveLength(1);
		});
	});
}

/** Create Repair Ticket and Dispatch Technician through n8n's real engine, on every store backend. */
import type { IDataObject } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';

const REGISTER = TYPES.register;
const CREATE = TYPES.createTicket;
const DISPATCH = TYPES.dispatch;

const report = (over: IDataObject = {}): IDataObject => ({
	customerName: '华东物业',
	contactPerson: '陈经理',
	phone: '13800001111',
	address: '上海市徐汇区漕溪路 88 号',
	siteSituation: '中央空调不制冷 <b>急</b>',
	// The day before this suite was written: a report time may not lie in the future.
	reportedAt: '2026-11-26T09:30:00+08:00',
	...over,
});

for (const backend of backends()) {
	describe(`repair intake and dispatch on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeEach(() => {
			credentials = { afterSalesStore: backend.credential(backend.fresh()) };
		});
		afterAll(async () => {
			await closePackageStores();
			await backend.cleanup();
		});

		async function seed(register: string, rows: IDataObject[]) {
			const r = await runWorkflow(
				withItems(rows, chain(node('Seed', REGISTER, { resource: 'import', operation: 'importRows', register }))),
				credentials,
			);
			expect(r.output('Seed')[0].json.rejected).toEqual([]);
		}

		test('a report becomes a ticket with a daily number, voucher, category from the warranty, and printable forms', async () => {
			await seed('customers', [{ code: 'KH-1', name: '华东物业', phone: '13800001111' }]);
			await seed('installations', [
				{ serialNo: 'SN-1', customerCode: 'KH-1', description: '中央空调', completedOn: '2026-01-10', warrantyUntil: '2027-01-09' },
			]);
			const wf = withItems(
				[report(), report({ customerName: '新客户', phone: '13900002222', idempotencyKey: 'k-1' })],
				chain(node('Create', CREATE, {})),
			);
			const result = await runWorkflow(wf, credentials);
			expect(result.error()).toBeUndefined();
			const [first, second] = result.output('Create');
			expect(first.json).toMatchObject({
				ticketNumber: expect.stringMatching(/^BX-\d{8}-0001$/),
				voucherNumber: expect.stringMatching(/^PZ-\d{8}-0001$/),
				customerCode: 'KH-1',
				customerType: 'in-warranty',
				category: 'C',
				status: 'open',
				technician: null,
				reportedAt: '2026-11-26T01:30:00.000Z',
				reportDate: '2026-11-26',
				customerCreated: false,
				duplicate: false,
			});
			expect(second.json).toMatchObject({
				ticketNumber: expect.stringMatching(/-0002$/),
				customerType: 'liaison-letter',
				category: 'A',
				customerCreated: true,
			});
			expect(first.binary?.repairServiceForm).toMatchObject({ mimeType: 'text/html', fileName: expect.stringMatching(/repair-service-form\.html$/) });
			const form = Buffer.from(first.binary!.repairServiceForm.data, 'base64').toString('utf8');
			expect(form).toContain('客户报修服务单');
			expect(form).toContain('&lt;b&gt;急&lt;/b&gt;');
			expect(form).not.toContain('<b>急</b>');
			expect(Buffer.from(first.binary!.serviceVoucher.data, 'base64').toString('utf8')).toContain('服务凭证');
		});

		test("the store credential's company heads every document the nodes print (letterhead), escaped", async () => {
			const company = { companyName: '安达 & 信达 <售后>', companyAddress: '上海市徐汇区漕溪路 88 号', companyPhone: '021-64887700' };
			const withCompany = { afterSalesStore: { ...credentials.afterSalesStore, ...company } };
			const created = (await runWorkflow(withItems([report()], chain(node('Create', CREATE, {}))), withCompany)).output('Create')[0];
			const ticketNumber = String(created.json.ticketNumber);
			const got = (
				await runWorkflow(chain(node('Get', REGISTER, { resource: 'ticket', operation: 'get', ticketNumber, language: 'en' })), withCompany)
			).output('Get')[0];
			const pages = [created.binary!.serviceVoucher, created.binary!.repairServiceForm, got.binary!.serviceVoucher, got.binary!.repairServiceForm];
			for (const page of pages.map((b) => Buffer.from(b.data, 'base64').toString('utf8'))) {
				expect(page).toContain('安达 &amp; 信达 &lt;售后&gt;');
				expect(page).toContain('上海市徐汇区漕溪路 88 号');
				expect(page).toContain('021-64887700');
				expect(page).not.toContain('<售后>');
			}
			// Without a company in the credential, no letterhead at all.
			const plain = (await runWorkflow(withItems([report({ phone: '13800002222' })], chain(node('Create', CREATE, {}))), credentials)).output(
				'Create',
			)[0];
			expect(Buffer.from(plain.binary!.serviceVoucher.data, 'base64').toString('utf8')).not.toContain('class="letterhead"');
		});

		test('the same idempotency key gives back the first ticket and creates no second', async () => {
			const wf = withItems([report({ idempotencyKey: 'same' })], chain(node('Create', CREATE, {})));
			const a = (await runWorkflow(wf, credentials)).output('Create')[0].json;
			const b = (await runWorkflow(wf, credentials)).output('Create')[0].json;
			expect(b).toMatchObject({ ticketNumber: a.ticketNumber, duplicate: true });
			const list = await runWorkflow(chain(node('List', REGISTER, { resource: 'customer', operation: 'getMany', returnAll: true })), credentials);
			expect(list.output('List')).toHaveLength(1);
		});

		test('a bad report fails alone with every field problem named, and writes no ticket', async () => {
			const wf = withItems(
				[report({ phone: '12', address: '', siteSituation: ' ' }), report()],
				chain(node('Create', CREATE, {}, { onError: 'continueRegularOutput' })),
			);
			const out = (await runWorkflow(wf, credentials)).output('Create');
			expect(out[0].json.details).toEqual({
				kind: 'invalid',
				errors: [
					{ field: 'phone', message: expect.stringContaining('not a valid mainland China phone number') },
					{ field: 'address', message: expect.stringContaining('Address (地址): is empty') },
					{ field: 'siteSituation', message: expect.stringContaining('Site situation (现场情况): is empty') },
				],
			});
			// The good report took number 0001: the bad one used none.
			expect(out[1].json.ticketNumber).toMatch(/-0001$/);
		});

		test('automatic dispatch: hard rules, then the score; what is left says why', async () => {
			await seed('technicians', [
				{ name: '王师傅', phone: '13700000001', skills: '空调', areas: '徐汇', dailyCapacity: 1 },
				{ name: '李师傅', phone: '13700000002', skills: '空调,电梯', areas: '徐汇,闵行', dailyCapacity: 5 },
				{ name: '赵师傅', phone: '13700000003', skills: '电梯', areas: '浦东', dailyCapacity: 5 },
			]);
			const reports = [report({ skill: '空调' }), report({ skill: '空调', phone: '13800001112' }), report({ skill: '锅炉', phone: '13800001113' })];
			const wf = withItems(reports, chain(node('Create', CREATE, {}), node('Dispatch', DISPATCH, { mode: 'auto', tickets: 'input' })));
			const result = await runWorkflow(wf, credentials);
			expect(result.error()).toBeUndefined();
			const out = result.output('Dispatch').map((o) => o.json);
			const done = out.filter((o) => o.dispatched);
			expect(done.map((o) => (o.technician as IDataObject).name).sort()).toEqual(['李师傅', '王师傅']);
			for (const d of done)
				expect(d.score).toEqual({ load: expect.any(Number), area: expect.any(Number), skill: expect.any(Number), total: expect.any(Number) });
			expect(out.filter((o) => !o.dispatched)).toEqual([
				{ ticketNumber: expect.stringMatching(/-0003$/), reason: expect.stringContaining('锅炉'), dispatched: false },
			]);
		});

		test("the input's tickets: a leftover from an earlier day still waiting goes first (P12) and is output with its technician", async () => {
			await seed('technicians', [{ name: '孙师傅', phone: '13700000005', skills: '水暖', dailyCapacity: 1 }]);
			const earlier = await runWorkflow(
				withItems([report({ skill: '水暖', phone: '13800001114', reportedAt: '2026-01-05T09:00:00+08:00' })], chain(node('Create', CREATE, {}))),
				credentials,
			);
			const leftover = earlier.output('Create')[0].json.ticketNumber;
			const wf = withItems(
				[report({ skill: '水暖', phone: '13800001115' })],
				chain(node('Create', CREATE, {}), node('Dispatch', DISPATCH, { mode: 'auto', tickets: 'input' })),
			);
			const result = await runWorkflow(wf, credentials);
			const fresh = result.output('Create')[0].json.ticketNumber;
			const out = result.output('Dispatch');
			expect(out.map((o) => [o.json.ticketNumber, o.json.dispatched])).toEqual([
				[leftover, true],
				[fresh, false],
			]);
			expect(out[0].json).toMatchObject({ leftOver: true, technician: { name: '孙师傅' } });
			expect(out[1].json.reason).toMatch(/capacity/);
			// The new ticket's voucher travels on with it; the leftover has no input item of its own.
			expect(out[1].binary?.serviceVoucher).toBeDefined();
			expect(out[0].binary).toBeUndefined();
			expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		});

		test('manual dispatch refuses a technician the hard rules exclude, with the reason', async () => {
			await seed('technicians', [{ name: '赵师傅', phone: '13700000003', skills: '电梯', areas: '浦东', dailyCapacity: 5 }]);
			const wf = withItems(
				[report()],
				chain(
					node('Create', CREATE, {}),
					node(
						'Dispatch',
						DISPATCH,
						{ mode: 'manual', technician: { __rl: true, mode: 'phone', value: '13700000003' } },
						{ onError: 'continueRegularOutput' },
					),
				),
			);
			const out = (await runWorkflow(wf, credentials)).output('Dispatch');
			expect(out[0].json.error).toMatch(/cannot go to 赵师傅: .*浦东/);
		});
	});
}

test("the nodes' default targets and weights are the rules' defaults", async () => {
	const { loadPackageNodeTypes } = await import('../harness/engine');
	const { DEFAULT_RESPONSE_HOURS } = await import('../../nodes/shared/rules/numbering');
	const { DEFAULT_WEIGHTS } = await import('../../nodes/shared/rules/dispatch');
	const types = await loadPackageNodeTypes();
	const optionsOf = (type: string, name: string) => {
		const t = types[type] as { description: { properties: Array<{ name: string; options?: Array<{ name: string; default: unknown }> }> } };
		return Object.fromEntries(t.description.properties.find((p) => p.name === name)!.options!.map((o) => [o.name, o.default]));
	};
	expect(optionsOf(TYPES.createTicket, 'responseHours')).toEqual(DEFAULT_RESPONSE_HOURS);
	expect(optionsOf(TYPES.dispatch, 'weights')).toEqual(DEFAULT_WEIGHTS);
});

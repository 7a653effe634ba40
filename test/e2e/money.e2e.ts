/**
 * Money on the live server (P5, P8): every chargeable path ends in the right invoice. Each
 * category's invoice from the visit workflow, on-site collection and the cash it leaves with the
 * technician, an invoice above the threshold emailed to the accountant, payments (never more
 * than owed), void and replacement, P8 on return, the liaison letter, the pages, and the two
 * scheduled reports to the accountant.
 */
import { getWebhook, postWebhook, state, waitForMail, openStore, runWorkflow } from './server';
import { Store } from '../../nodes/shared/store/store';

let store: Store;
beforeAll(async () => {
	store = await openStore();
	const res = await postWebhook('import/technicians', [
		{ name: '冯师傅', phone: '13500000077', email: 'feng@e2e.test', skills: 'E2E收费', dailyCapacity: 50 },
	]);
	expect(res.json).toMatchObject({ rejected: [] });
});
afterAll(() => store.close());

let phoneSeq = 0;
/** A report that is dispatched to 冯师傅; its ticket number. */
async function dispatched(over: Record<string, unknown> = {}): Promise<{ n: string; category: string }> {
	const res = await postWebhook('repairs', {
		customerName: `收费客户${++phoneSeq}`,
		phone: `1390000${String(phoneSeq).padStart(4, '0')}`,
		address: '上海市徐汇区漕溪路 88 号',
		siteSituation: '热水器不点火',
		skill: 'E2E收费',
		...over,
	});
	expect(res.status).toBe(201);
	expect(res.json.status).toBe('dispatched');
	return { n: String(res.json.ticketNumber), category: String(res.json.category) };
}

type Inv = {
	invoiceNumber: string;
	totalFen: number;
	paidFen: number;
	status: string;
	collectedOnSite: boolean;
	amountInWords: string;
	lines: Array<{ kind: string; amountFen: number }>;
};

test('category A, paid on site (P5): the visit answers with the paid invoice; the cash is held by the technician until handed over', async () => {
	const { n, category } = await dispatched();
	expect(category).toBe('A');
	const visit = await postWebhook(`repairs/${n}/visit`, {
		outcome: 'solved',
		solution: '更换点火针',
		customerSignature: '陈先生',
		minutes: 40,
		parts: [{ part: '点火针', quantity: 1, unitPriceYuan: 35 }],
		collectedYuan: 165,
		paymentMethod: '现金',
	});
	expect(visit.status).toBe(200);
	expect(visit.json).toMatchObject({ ticketNumber: n, status: 'solved-on-site', collectedYuan: '165.00' });
	const invoice = visit.json.invoice as unknown as Inv;
	expect(invoice).toMatchObject({
		invoiceNumber: expect.stringMatching(/^FP-\d{4}-\d{6}$/),
		ticketNumber: n,
		category: 'A',
		totalFen: 16500,
		paidFen: 16500,
		status: 'paid',
		collectedOnSite: true,
		amountInWords: '壹佰陆拾伍元整',
	});
	expect(invoice.lines.map((l) => [l.kind, l.amountFen])).toEqual([
		['call-out', 5000],
		['labour', 8000],
		['parts', 3500],
	]);
	// POST …/invoice gives the same invoice back.
	const again = await postWebhook(`repairs/${n}/invoice`, {});
	expect(again.status).toBe(200);
	expect(again.json).toMatchObject({ invoiceNumber: invoice.invoiceNumber, status: 'paid' });
	const held = await getWebhook('cash/held');
	expect(held.status).toBe(200);
	const mine = (JSON.parse(held.text) as Array<{ technician: { phone: string }; payments: Array<{ invoiceNumber: string }> }>).find(
		(h) => h.technician.phone === '13500000077',
	);
	expect(mine?.payments.map((p) => p.invoiceNumber)).toContain(invoice.invoiceNumber);
	// The daily report tells the accountant.
	await runWorkflow('afterSalesCashHeld1');
	const mail = await waitForMail(
		(m) => m.to.includes('accountant@e2e.test') && m.text.includes(invoice.invoiceNumber) && /代收现金|Cash held/.test(m.subject),
	);
	expect(mail.text).toContain('冯师傅');
	const handed = await postWebhook('cash/hand-over', { technicianPhone: '13500000077', invoiceNumbers: [invoice.invoiceNumber], receivedBy: '出纳' });
	expect(handed.status).toBe(200);
	expect(handed.json).toMatchObject({ totalFen: 16500 });
	const after = JSON.parse((await getWebhook('cash/held')).text) as Array<{ payments: Array<{ invoiceNumber: string }> }>;
	expect(after.flatMap((h) => h.payments.map((p) => p.invoiceNumber))).not.toContain(invoice.invoiceNumber);
});

test('category A above the threshold: issued the same day and emailed to the accountant; payments in parts, never more than owed; the page in figures and capitals', async () => {
	const { n } = await dispatched();
	const refused = await postWebhook(`repairs/${n}/visit`, {
		outcome: 'solved',
		solution: '更换主板',
		customerSignature: '陈',
		minutes: 90,
		parts: '主板 x1 @480',
		collectedYuan: 650,
		paymentMethod: 'cash',
	});
	expect(refused.status).toBe(400);
	expect(JSON.stringify(refused.json)).toMatch(/above the on-site threshold of 300\.00 yuan/);
	const visit = await postWebhook(`repairs/${n}/visit`, {
		outcome: 'solved',
		solution: '更换主板',
		customerSignature: '陈',
		minutes: 90,
		parts: '主板 x1 @480',
	});
	expect(visit.status).toBe(200);
	const invoice = visit.json.invoice as unknown as Inv;
	expect(invoice).toMatchObject({
		totalFen: 5000 + 12000 + 48000,
		paidFen: 0,
		status: 'issued',
		collectedOnSite: false,
		amountInWords: '陆佰伍拾元整',
	});
	const mail = await waitForMail((m) => m.to.includes('accountant@e2e.test') && m.subject.includes(invoice.invoiceNumber));
	expect(mail.attachments.find((a) => a.filename.endsWith('invoice.html'))?.content).toContain('陆佰伍拾元整');

	const tooMuch = await postWebhook(`invoices/${invoice.invoiceNumber}/payments`, { amountYuan: 650.01, method: 'wechat' });
	expect(tooMuch.status).toBe(400);
	expect(tooMuch.json).toEqual({ errors: [{ field: 'amountYuan', message: expect.stringContaining('more than invoice') }] });
	const part = await postWebhook(`invoices/${invoice.invoiceNumber}/payments`, { amountYuan: 200, method: 'alipay' });
	expect(part.json).toMatchObject({ paidFen: 20000, balanceFen: 45000, status: 'issued' });
	const receivables = JSON.parse((await getWebhook('invoices?status=issued')).text) as Array<{
		invoiceNumber: string;
		totalFen: number;
		paidFen: number;
		customerName: string;
		issuedOn: string;
	}>;
	expect(receivables.find((r) => r.invoiceNumber === invoice.invoiceNumber)).toMatchObject({
		totalFen: 65000,
		paidFen: 20000,
		issuedOn: expect.any(String),
		customerName: expect.any(String),
	});
	await runWorkflow('afterSalesReceivabl1');
	await waitForMail((m) => m.to.includes('accountant@e2e.test') && /应收款|Receivables/.test(m.subject) && m.text.includes(invoice.invoiceNumber));
	const rest = await postWebhook(`invoices/${invoice.invoiceNumber}/payments`, { amountYuan: '450', method: 'bank-transfer' });
	expect(rest.json).toMatchObject({ paidFen: 65000, status: 'paid' });
	const stillOwed = JSON.parse((await getWebhook('invoices?status=issued')).text) as Array<{ invoiceNumber: string }>;
	expect(stillOwed.map((r) => r.invoiceNumber)).not.toContain(invoice.invoiceNumber);
	expect((await postWebhook(`invoices/${invoice.invoiceNumber}/fapiao`, { fapiaoNumber: '26312000000123456789' })).json).toMatchObject({
		fapiaoNumber: '26312000000123456789',
	});

	const page = await getWebhook(`invoices/${invoice.invoiceNumber}/document`);
	expect(page.status).toBe(200);
	expect(page.contentType).toMatch(/text\/html/);
	expect(page.text).toContain('陆佰伍拾元整');
	expect(page.text).toContain('650.00');
	expect(page.text).toContain('26312000000123456789');
	expect(page.text).toContain(state().company.name.replace('&', '&amp;'));
	expect((await getWebhook(`invoices/${invoice.invoiceNumber}/document?lang=en`)).text).toMatch(/<title>Invoice FP-/);
	expect((await getWebhook('invoices/FP-1999-000001/document')).status).toBe(404);
	expect((await getWebhook('invoices?status=owed')).status).toBe(400);
});

test('void keeps the number; the ticket then gets a replacement with a new number', async () => {
	const { n } = await dispatched();
	const first = (await postWebhook(`repairs/${n}/visit`, { outcome: 'solved', solution: '调试', customerSignature: '陈', minutes: 30 })).json
		.invoice as unknown as Inv;
	expect(first.totalFen).toBe(9000);
	const voided = await postWebhook(`invoices/${first.invoiceNumber}/void`, { reason: '开错客户' });
	expect(voided.json).toMatchObject({ invoiceNumber: first.invoiceNumber, status: 'void', voidReason: '开错客户' });
	expect((await postWebhook(`invoices/${first.invoiceNumber}/payments`, { amountYuan: 10, method: 'cash' })).status).toBe(400);
	const replacement = await postWebhook(`repairs/${n}/invoice`, {});
	expect(replacement.status).toBe(201);
	expect(replacement.json).toMatchObject({ replacesInvoiceNumber: first.invoiceNumber, status: 'issued' });
	expect(replacement.json.invoiceNumber).not.toBe(first.invoiceNumber);
	expect((await getWebhook(`invoices/${first.invoiceNumber}/document`)).text).toContain('开错客户');
});

test('category B: per-visit fee and parts; an annual contract that includes parts has nothing to charge; category C nothing', async () => {
	const customers = await postWebhook('import/customers', [
		{ code: 'KH-B1', name: '按次客户', phone: '13911110001', address: '上海' },
		{ code: 'KH-B2', name: '包年客户', phone: '13911110002', address: '上海' },
		{ code: 'KH-C1', name: '保内客户', phone: '13911110003', address: '上海' },
	]);
	expect(customers.json).toMatchObject({ rejected: [] });
	const contracts = await postWebhook('import/contracts', [
		{ 合同编号: 'HT-E2E-PV', 客户编号: 'KH-B1', 合同类型: '按次', 开始日期: '2026-01-01', 到期日期: '2036-12-31', 每次费用: 120 },
		{ 合同编号: 'HT-E2E-AN', 客户编号: 'KH-B2', 合同类型: '按年', 开始日期: '2026-01-01', 到期日期: '2036-12-31', 合同金额: 6000, 含零件: '是' },
	]);
	expect(contracts.json).toMatchObject({ created: 2, rejected: [] });
	expect(
		(
			await postWebhook('import/installations', [
				{ serialNo: 'SN-E2E-C1', customerCode: 'KH-C1', description: '热水器', completedOn: '2026-01-01', warrantyUntil: '2036-01-01' },
			])
		).json,
	).toMatchObject({ rejected: [] });

	const pv = await dispatched({ customerName: '按次客户', phone: '13911110001', contractNo: 'HT-E2E-PV' });
	expect(pv.category).toBe('B');
	const pvInvoice = (
		await postWebhook(`repairs/${pv.n}/visit`, {
			outcome: 'solved',
			solution: '清洗',
			customerSignature: '王',
			minutes: 200,
			parts: [{ part: '滤网', quantity: 2, unitPriceYuan: 15.5 }],
		})
	).json.invoice as unknown as Inv;
	expect(pvInvoice.lines.map((l) => [l.kind, l.amountFen])).toEqual([
		['visit-fee', 12000],
		['parts', 3100],
	]);
	expect(pvInvoice.amountInWords).toBe('壹佰伍拾壹元整');

	const an = await dispatched({ customerName: '包年客户', phone: '13911110002' });
	expect(an.category).toBe('B');
	const anVisit = await postWebhook(`repairs/${an.n}/visit`, {
		outcome: 'solved',
		solution: '更换滤网',
		customerSignature: '李',
		minutes: 60,
		parts: '滤网 x2',
	});
	expect(anVisit.status).toBe(200);
	expect(anVisit.json.invoice).toBeNull();
	const none = await postWebhook(`repairs/${an.n}/invoice`, {});
	expect(none.status).toBe(400);
	expect(JSON.stringify(none.json)).toMatch(/nothing to charge/);

	const c = await dispatched({ customerName: '保内客户', phone: '13911110003', serialNo: 'SN-E2E-C1' });
	expect(c.category).toBe('C');
	expect(
		(await postWebhook(`repairs/${c.n}/visit`, { outcome: 'solved', solution: '复位', customerSignature: '赵', minutes: 20 })).json.invoice,
	).toBeNull();
	expect((await postWebhook(`repairs/${c.n}/invoice`, {})).status).toBe(400);
	expect((await postWebhook(`repairs/${c.n}/visit`, {})).status).toBe(400);
});

test('P8: a paid take-back is invoiced on the day of its return, from the visit and the repair card', async () => {
	const { n } = await dispatched();
	const taken = await postWebhook(`repairs/${n}/visit`, { outcome: 'taken-back', product: '热水器控制板', customerSignature: '陈', minutes: 30 });
	expect(taken.json).toMatchObject({ status: 'taken-back', invoice: null });
	expect((await postWebhook(`repairs/${n}/invoice`, {})).status).toBe(400);
	const noPrice = await postWebhook(`repairs/${n}/repair-work`, { minutes: 60, parts: '继电器 x2' });
	expect(noPrice.status).toBe(400);
	expect(JSON.stringify(noPrice.json)).toMatch(/继电器.*no unit price/);
	expect((await postWebhook(`repairs/${n}/repair-work`, { minutes: 60, description: '更换继电器', parts: '继电器 x2 @25' })).json).toMatchObject({
		status: 'repaired',
	});
	expect((await postWebhook(`repairs/${n}/inspect`, { inspectedBy: '张经理' })).json).toMatchObject({ status: 'inspected' });
	const returned = await postWebhook(`repairs/${n}/return`, { customerSignature: '陈', collectedYuan: 220, paymentMethod: 'wechat' });
	expect(returned.status).toBe(200);
	// 30 + 60 minutes = 3 half hours; call-out 50, labour 120, parts 50.
	expect(returned.json.invoice).toMatchObject({
		totalFen: 22000,
		paidFen: 22000,
		status: 'paid',
		collectedOnSite: true,
		amountInWords: '贰佰贰拾元整',
	});
	const card = await getWebhook(`repairs/${n}/documents/repair-card`);
	expect(card.text).toContain('继电器');
});

test('the liaison letter: issued at intake (LH-…), printed, confirmed by the customer once', async () => {
	const { n } = await dispatched();
	const row = await store.db
		.selectFrom('liaisonLetters as l')
		.innerJoin('tickets as t', 't.id', 'l.ticketId')
		.select(['l.letterNumber'])
		.where('t.ticketNumber', '=', n)
		.executeTakeFirstOrThrow();
	expect(row.letterNumber).toMatch(/^LH-\d{8}-\d{4}$/);
	const page = await getWebhook(`repairs/${n}/documents/liaison-letter`);
	expect(page.status).toBe(200);
	expect(page.text).toContain('售后服务联络函');
	expect(page.text).toContain('保外单次售后服务申请');
	expect(page.text).toContain(row.letterNumber);
	const confirmed = await postWebhook(`repairs/${n}/liaison-letter`, { confirmedBy: '陈先生', feedback: '同意按标准收费' });
	expect(confirmed.status).toBe(200);
	expect(confirmed.json).toMatchObject({ liaisonLetter: { letterNumber: row.letterNumber, confirmedBy: '陈先生', feedback: '同意按标准收费' } });
	expect((await postWebhook(`repairs/${n}/liaison-letter`, { confirmedBy: '陈先生' })).status).toBe(400);
	expect((await getWebhook(`repairs/${n}/documents/liaison-letter?lang=en`)).text).toContain('陈先生');
});

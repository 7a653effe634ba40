/**
 * The tile order, payment and work log forms (issue 17, RECORDS.md *Staff screens*:
 * `/form/after-sales/tile-order` desk, `payment` accountant, `work-log-form` technician — not `work-log`:
 * n8n keeps form and webhook paths in one register and `POST /webhook/after-sales/work-log` holds it) in Debian's
 * Chromium: each filled by label as a person would (the work log at a phone's 390 px), the answer
 * page checked against the store, one mistake per form (the field named Chinese first, nothing
 * written: row counts), and another role's password → 401. The tile order's second page (the tile
 * models from the store) proves n8n's Basic Auth on a multi-page form. Screenshots in test/e2e/output/.
 */
import type { Page } from 'puppeteer-core';
import type { Store } from '../../nodes/shared/store/store';
import {
	basicAuth,
	type Chromium,
	choose,
	fill,
	formUrl,
	launchChromium,
	listItems,
	openForm,
	pageText,
	PHONE,
	type Role,
	shot,
	submit,
	formValues,
} from './browser';
import { openStore, postWebhook, SERVICE_TIMEZONE, state } from './server';
import { DateTime } from 'luxon';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;

const stamp = Date.now().toString().slice(-4);
const MODEL = `FORM-600-${stamp}`;
const TECH = { name: '日志技术员', phone: `1393333${stamp}` };

let chromium: Chromium;
let store: Store;

async function count(table: 'tileOrders' | 'tileOrderPayments' | 'payments' | 'workLog'): Promise<number> {
	const row = await store.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

beforeAll(async () => {
	store = await openStore();
	const models = await postWebhook('import/tile-models', [
		{ modelCode: MODEL, name: '表单抛光砖', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightKg: 26, pricePerBoxYuan: 128, boxesOnHand: 100 },
	]);
	expect(models.json).toMatchObject({ created: 1, rejected: [] });
	const techs = await postWebhook('import/technicians', [{ ...TECH, skills: `E2E日志${stamp}`, dailyCapacity: 5 }]);
	expect([techs.status, techs.text]).toEqual([200, techs.text]);
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

describe.each([
	['tile-order', 'desk', '瓷砖订单'],
	['payment', 'accountant', '收款'],
	['work-log-form', 'technician', '工作日志'],
] as Array<[string, Role, string]>)('%s form: only its role opens it', (path, role, title) => {
	test(`no login, a wrong password or another role's password gets 401; ${role} gets the Chinese form without n8n's footer`, async () => {
		const { passwords } = state();
		expect((await fetch(formUrl(path))).status).toBe(401);
		const others = (['desk', 'manager', 'technician', 'accountant'] as Role[]).filter((r) => r !== role);
		for (const [user, password] of [
			[role, 'not-the-password'],
			...others.map((r) => [r, passwords[r]]),
			...others.map((r) => [role, passwords[r]]),
			['after-sales', state().key],
		]) {
			const res = await fetch(formUrl(path), { headers: { Authorization: basicAuth(user, password) } });
			expect([user, res.status]).toEqual([user, 401]);
		}
		const own = await fetch(formUrl(path), { headers: { Authorization: basicAuth(role, passwords[role]) } });
		expect(own.status).toBe(200);
		const html = await own.text();
		expect(html).toContain(title);
		expect(html).toContain('提交');
		expect(html).not.toMatch(/Form automated with/i);
	});
});

const orderPage = () => openForm(chromium.browser, 'tile-order', 'desk');
let orderNumber = '';

test('tile order: page 1 the customer, page 2 the tile models from the store; the answer shows the order, its boxes, weight and amount as stored', async () => {
	const before = await count('tileOrders');
	const page = await orderPage();
	await shot(page, 'form-tile-order.png');
	await fill(page, '客户名称', `表单订单客户${stamp}`);
	await fill(page, '电话', '13812340101');
	await fill(page, '地址', '上海市徐汇区漕溪路 88 弄 5 号 1201');
	await fill(page, '定金', '2000');
	await choose(page, '是否加工', '否');
	await submit(page, /瓷砖明细/);
	// The second page is n8n's waiting form of this run, opened with the desk's login.
	expect(page.url()).toMatch(/\/form-waiting\/\d+/);
	// n8n 2.41.1 keeps this page by the run's resume token in its address, not by the Basic Auth of
	// the trigger (a Form page checks only n8n-user auth): without the token 401, with it the page
	// opens without the login — the address is the key, as a signed link is.
	const waiting = new URL(page.url());
	const withoutToken = new URL(waiting.pathname, waiting.origin);
	expect((await fetch(withoutToken)).status).toBe(401);
	expect((await fetch(waiting)).status).toBe(200);
	const offered = (await page.evaluate(() => [...document.querySelectorAll('select option')].map((o: any) => o.text.trim()))) as string[];
	expect(offered).toContain(`${MODEL} · 表单抛光砖 600×600 · 可用 100 箱`);
	await choose(page, '型号1', MODEL);
	await fill(page, '面积1', '21.6');
	await shot(page, 'form-tile-order-tiles.png');
	await submit(page, /已签单|未签单/);
	await shot(page, 'form-tile-order-answer.png');
	const text = await pageText(page);
	orderNumber = /DD-\d{8}-\d{4}/.exec(text)?.[0] ?? '';
	expect(orderNumber).not.toBe('');
	expect(await count('tileOrders')).toBe(before + 1);
	const order = await store.db.selectFrom('tileOrders').selectAll().where('orderNumber', '=', orderNumber).executeTakeFirstOrThrow();
	const lines = await store.db.selectFrom('tileOrderLines').selectAll().where('orderId', '=', order.id).execute();
	// 定金 in yuan on the form, integer fen in the store; not processed.
	expect(order).toMatchObject({ customerName: `表单订单客户${stamp}`, depositFen: 200_000 });
	expect(Boolean(order.processing)).toBe(false);
	// 21.6 m² of 600×600 + 5 % wastage = 63 tiles = 16 boxes + 2 extra = 18 boxes, 18 × 26 kg, 18 × ¥128.
	expect(lines.map((l) => [l.boxes, l.amountFen])).toEqual([[18, 230_400]]);
	expect(text).toContain(`订单号 Order: ${orderNumber}`);
	expect(text).toMatch(new RegExp(`${MODEL} 表单抛光砖 · 21.6 m² · 18 箱 boxes · 468 kg · ¥2304.00`));
	expect(text).toContain('箱数 Boxes: 18');
	expect(text).toContain('重量 Weight: 468 kg');
	expect(text).toContain('金额 Amount: ¥2304.00');
	expect(text).toContain('定金 Deposit: ¥2000.00 · 尚欠 Still owed: ¥304.00');
	await page.close();
});

test('tile order mistake (a bad phone): the page names 电话 first, no order is written, and “correct it” reopens page 1 filled in', async () => {
	const before = await count('tileOrders');
	const page = await orderPage();
	await fill(page, '客户名称', `表单错号订单${stamp}`);
	await fill(page, '电话', '12345');
	await fill(page, '地址', '上海市长宁区 1 号');
	await fill(page, '定金', '500');
	await choose(page, '是否加工', '是');
	await submit(page, /瓷砖明细/);
	await choose(page, '型号1', MODEL);
	await fill(page, '面积1', '10');
	await submit(page, /已签单|未签单/);
	await shot(page, 'form-tile-order-mistake.png');
	const text = await pageText(page);
	expect(text).toContain('未签单');
	expect(text).not.toMatch(/Problem submitting response/i);
	expect(await listItems(page)).toEqual([expect.stringMatching(/^电话 Phone: "12345" /)]);
	expect(await count('tileOrders')).toBe(before);
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('a[href^="/form/after-sales/tile-order?"]')]);
	const values = await formValues(page);
	expect(values).toMatchObject({ 客户名称: `表单错号订单${stamp}`, 电话: '12345', 地址: '上海市长宁区 1 号', 定金: '500' });
	await page.close();
});

const paymentPage = () => openForm(chromium.browser, 'payment', 'accountant');

async function pay(number: string, amount: string, method: string, name: string): Promise<{ page: Page; text: string }> {
	const page = await paymentPage();
	await fill(page, '单号', number);
	await fill(page, '金额', amount);
	await choose(page, '付款方式', method);
	if (name) await shot(page, `${name}.png`);
	await submit(page, /已收款|未记录/);
	return { page, text: await pageText(page) };
}

test('payment on an order (DD-…): the answer shows paid and still owed, and the payment is in the store', async () => {
	expect(orderNumber).not.toBe('');
	const order = await store.db.selectFrom('tileOrders').select('id').where('orderNumber', '=', orderNumber).executeTakeFirstOrThrow();
	const before = await store.db.selectFrom('tileOrderPayments').selectAll().where('orderId', '=', order.id).execute();
	const { page, text } = await pay(orderNumber, '100', '现金', 'form-payment');
	await shot(page, 'form-payment-order-answer.png');
	const after = await store.db.selectFrom('tileOrderPayments').selectAll().where('orderId', '=', order.id).execute();
	expect(after.length).toBe(before.length + 1);
	expect(after.find((p) => !before.some((b) => b.id === p.id))).toMatchObject({ amountFen: 10_000, method: 'cash' });
	expect(text).toContain(`订单 Order: ${orderNumber}`);
	expect(text).toContain('本次收款 This payment: ¥100.00 · 现金 cash');
	// ¥2304 for the goods − the ¥2000 deposit − ¥100 = ¥204.
	expect(text).toContain('定金 Deposit: ¥2000.00');
	expect(text).toContain('已收 Paid (payments): ¥100.00');
	expect(text).toContain('尚欠 Still owed: ¥204.00');
	await page.close();
});

test('payment on an invoice (FP-…): paid and still owed, the invoice page opens from its signed link; more than owed is refused naming 金额, nothing written', async () => {
	const step = async (s: string, body: object = {}) => {
		const res = await postWebhook(`orders/${orderNumber}/${s}`, body);
		expect([s, res.status]).toEqual([s, s === 'invoice' ? 201 : 200]);
		return res.json;
	};
	await step('measurement', { measuredBy: '小张' });
	await step('prepare-stock');
	await step('payment-notice');
	const invoice = await step('invoice', { stage: 'payment-notice' });
	const invoiceNumber = String(invoice.invoiceNumber);
	expect(invoice).toMatchObject({ totalFen: 230_400, paidFen: 210_000 });
	const orderId = (await store.db.selectFrom('tileOrders').select('id').where('orderNumber', '=', orderNumber).executeTakeFirstOrThrow()).id;
	const paymentsOnOrder = async () => await store.db.selectFrom('tileOrderPayments').selectAll().where('orderId', '=', orderId).execute();

	// More than the ¥204 still owed: refused, the field named Chinese first, nothing written.
	const [rowsBefore, invoicePaymentsBefore] = [await paymentsOnOrder(), await count('payments')];
	const refused = await pay(invoiceNumber.toLowerCase(), '999', '微信', '');
	await shot(refused.page, 'form-payment-mistake.png');
	expect(refused.text).toContain('未记录');
	expect(await listItems(refused.page)).toEqual([
		expect.stringMatching(/^金额 Amount: 999\.00 yuan is more than invoice FP-\d{4}-\d{6} still owes \(204\.00 of 2304\.00 yuan\)/),
	]);
	expect((await paymentsOnOrder()).length).toBe(rowsBefore.length);
	expect(await count('payments')).toBe(invoicePaymentsBefore);
	await refused.page.close();

	const { page, text } = await pay(invoiceNumber, '50.5', '微信', '');
	await shot(page, 'form-payment-invoice-answer.png');
	// A payment on a tile order's invoice is a payment on the order (invoices.json).
	const rows = await paymentsOnOrder();
	expect(rows.length).toBe(rowsBefore.length + 1);
	expect(rows.find((p) => !rowsBefore.some((b) => b.id === p.id))).toMatchObject({ amountFen: 5_050, method: 'wechat' });
	expect(text).toContain(`发票 Invoice: ${invoiceNumber}`);
	expect(text).toContain('本次收款 This payment: ¥50.50 · 微信');
	expect(text).toContain('应收 Total: ¥2304.00');
	expect(text).toContain('已收 Paid: ¥2150.50');
	expect(text).toContain('尚欠 Still owed: ¥153.50');
	const href = (await page.evaluate(() => document.querySelector('a[href*="/document/"]')?.getAttribute('href'))) as string;
	expect(href).toMatch(new RegExp(`^/webhook/after-sales/invoices/${invoiceNumber}/document/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
	const opened = await fetch(new URL(href, state().baseUrl));
	expect(opened.status).toBe(200);
	expect(await opened.text()).toContain(invoiceNumber);
	await page.close();
});

test('payment: a number that is neither FP-… nor DD-… is refused naming 单号, nothing written', async () => {
	const before = [await count('payments'), await count('tileOrderPayments')];
	const { page, text } = await pay('BX-20261127-0001', '10', '刷卡', '');
	expect(text).toContain('未记录');
	expect(await listItems(page)).toEqual([expect.stringMatching(/^单号 Number: "BX-20261127-0001" 不是发票号 FP-… 或订单号 DD-…/)]);
	expect([await count('payments'), await count('tileOrderPayments')]).toEqual(before);
	await page.close();
});

const workLogPage = () => openForm(chromium.browser, 'work-log-form', 'technician', PHONE);

test('work log on a phone (390 px): the entry is stored for today and the answer shows it', async () => {
	const before = await count('workLog');
	const page = await workLogPage();
	// Nothing wider than the phone's screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await shot(page, 'form-work-log.png');
	await fill(page, '电话', TECH.phone);
	await choose(page, '类别', '设备工具维护');
	await fill(page, '用时', '45');
	await submit(page, /已记录|未记录/);
	await shot(page, 'form-work-log-answer.png');
	expect(await count('workLog')).toBe(before + 1);
	const today = DateTime.now().setZone(SERVICE_TIMEZONE).toISODate()!;
	const entry = await store.db
		.selectFrom('workLog')
		.innerJoin('technicians', 'technicians.id', 'workLog.technicianId')
		.select(['workLog.id', 'workLog.kind', 'workLog.minutes', 'workLog.workedOn', 'workLog.category', 'technicians.phone'])
		.orderBy('workLog.id', 'desc')
		.executeTakeFirstOrThrow();
	expect(entry).toMatchObject({ kind: 'tools', minutes: 45, workedOn: today, category: 'D', phone: TECH.phone });
	const text = await pageText(page);
	expect(text).toContain(`技术员 Technician: ${TECH.name} ${TECH.phone}`);
	expect(text).toContain('类别 Category: 设备工具维护 tools');
	expect(text).toContain('用时 Minutes: 45');
	expect(text).toContain(`日期 Date: ${today}`);
	expect(text).toContain(`记录号 Entry no.: ${entry.id}`);
	await page.close();
});

test('work log mistake (a phone no technician has): the page names 电话 first, nothing written, “correct it” keeps what was typed', async () => {
	const before = await count('workLog');
	const page = await workLogPage();
	await fill(page, '电话', '13900009999');
	await choose(page, '类别', '技能培训');
	await fill(page, '用时', '30');
	await submit(page, /已记录|未记录/);
	await shot(page, 'form-work-log-mistake.png');
	expect(await pageText(page)).toContain('未记录');
	expect(await listItems(page)).toEqual([expect.stringMatching(/^电话 · 技术员电话 Technician phone: no technician with phone "13900009999"/)]);
	expect(await count('workLog')).toBe(before);
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('a[href^="/form/after-sales/work-log-form?"]')]);
	const phone = (await page.evaluate(() => document.getElementById(document.querySelector('label')?.getAttribute('for'))?.value)) as string;
	expect(phone).toBe('13900009999');
	await page.close();
});

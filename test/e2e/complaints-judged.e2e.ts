/**
 * Complaints judged by the service department and feedback to the customer (issue 18 items 5 and
 * 6) on the live server: a phoned complaint about a tile order alone, by webhook and by the desk's
 * form in Chromium (and one about neither); the manager's severity judgment with its reason (the
 * company manager told at once when raised to serious); the reply letter emailed to the customer
 * (the SMTP sink) or, without an address, listed for post with a signed link; the product-ready
 * email after the manager's 验讫. Its own customers, phones, models and serials.
 */
import { DateTime } from 'luxon';
import { Store } from '../../nodes/shared/store/store';
import { type Chromium, choose, fill, launchChromium, openForm, pageText, shot, submit } from './browser';
import { SERVICE_TIMEZONE, awaitOneServiceDay, getWebhook, openStore, postWebhook, serviceDay, waitForMail } from './server';

const stamp = Date.now().toString().slice(-4);
const MODEL = `TSJ-${stamp}`;
const SKILL = `E2E投诉判定${stamp}`;
const ORDER_EMAIL = `order-complaint-${stamp}@e2e.test`;

let store: Store;
let chromium: Chromium;

const plusDays = (day: string, n: number) => DateTime.fromISO(day, { zone: SERVICE_TIMEZONE }).plus({ days: n }).toISODate()!;

async function signedOrder(phone: string, email?: string): Promise<string> {
	const res = await postWebhook('orders', {
		customerName: `投诉订单客户${stamp}`,
		phone,
		address: '上海市闵行区七莘路 1 号',
		...(email ? { email } : {}),
		depositYuan: 500,
		lines: [{ modelCode: MODEL, areaM2: 10 }],
	});
	expect([res.status, res.text]).toEqual([201, res.text]);
	return String(res.json.orderNumber);
}

beforeAll(async () => {
	store = await openStore();
	await awaitOneServiceDay(240);
	const models = await postWebhook('import/tile-models', [
		{ modelCode: MODEL, name: '投诉测试砖', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightKg: 26, pricePerBoxYuan: 100, boxesOnHand: 100 },
	]);
	expect(models.json).toMatchObject({ created: 1, rejected: [] });
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

test('a phoned complaint about a tile order alone; the manager judges it serious with a reason; the reply letter reaches the customer by email', async () => {
	const orderNumber = await signedOrder(`1381234${stamp}`, ORDER_EMAIL);
	const made = await postWebhook('complaints', {
		customerName: `投诉订单客户${stamp}`,
		phone: `1381234${stamp}`,
		text: '瓷砖色差明显',
		severity: 'general',
		orderNumber,
	});
	expect([made.status, made.text]).toEqual([201, made.text]);
	const today = serviceDay();
	expect(made.json).toMatchObject({
		complaintNumber: expect.stringMatching(/^TS-\d{8}-\d{4}$/),
		replyDueOn: plusDays(today, 7),
		ticketNumber: null,
		orderNumber,
		severity: 'general',
	});
	const complaintNumber = String(made.json.complaintNumber);

	// The manager's judgment: the reason is required, and nothing changes without it.
	const noReason = await postWebhook(`complaints/${complaintNumber}/severity`, { severity: 'serious' });
	expect(noReason.status).toBe(400);
	expect(noReason.json).toEqual({ errors: [{ field: 'reason', message: expect.stringMatching(/^Reason \(理由\): is empty/) }] });
	const judged = await postWebhook(`complaints/${complaintNumber}/severity`, {
		severity: 'serious',
		reason: '整批色差，涉及全部地面',
		judgedBy: '张经理',
	});
	expect([judged.status, judged.text]).toEqual([200, judged.text]);
	expect(judged.json).toMatchObject({
		complaintNumber,
		orderNumber,
		severity: 'serious',
		replyDueOn: plusDays(today, 3),
		judgment: { severity: 'serious', reason: '整批色差，涉及全部地面', judgedBy: '张经理' },
	});
	const history = judged.json.history as Array<{ action: string; details: Record<string, unknown> }>;
	expect(history.at(-1)).toMatchObject({
		action: 'severityJudged',
		details: { from: 'general', severity: 'serious', reason: '整批色差，涉及全部地面' },
	});
	// Raised to serious: the company manager is told at once.
	const notice = await waitForMail((m) => m.to.includes('company-manager@e2e.test') && m.subject.includes(complaintNumber));
	expect(notice.subject).toMatch(/^重大投诉 Serious complaint/);
	expect(notice.text).toContain(`订单 Order: ${orderNumber}`);
	// An unknown complaint is 404.
	expect((await postWebhook('complaints/TS-19990101-0001/severity', { severity: 'general', reason: 'x' })).status).toBe(404);

	// The written reply: the letter goes to the customer by email, and the history says so.
	const replied = await postWebhook(`complaints/${complaintNumber}/reply`, {
		method: 'letter',
		text: '已为您更换同批次瓷砖并免收安装费',
		repliedBy: '张经理',
	});
	expect([replied.status, replied.text]).toEqual([200, replied.text]);
	expect(replied.json).toMatchObject({
		status: 'replied',
		replyDelivery: { channel: 'email', email: ORDER_EMAIL, replyLetterLink: expect.any(String) },
	});
	expect((replied.json.history as Array<{ action: string; details: Record<string, unknown> }>).at(-1)).toMatchObject({
		action: 'customerMessage',
		details: { kind: 'complaint-reply', channel: 'email', to: ORDER_EMAIL },
	});
	const letter = await waitForMail((m) => m.to.includes(ORDER_EMAIL) && m.subject.includes(complaintNumber));
	expect(letter.subject).toBe(`投诉答复函 Reply to your complaint · ${complaintNumber}`);
	const attached = letter.attachments.find((a) => a.filename === `${complaintNumber}-reply-letter.html`);
	expect(attached).toBeDefined();
	const html = Buffer.from(attached!.base64, 'base64').toString('utf8');
	expect(html).toContain('已为您更换同批次瓷砖并免收安装费');
	expect(html).toContain(`事由：关于瓷砖订单 ${orderNumber} 的投诉`);
	// The signed link opens the same letter without the key.
	const byLink = await fetch(String((replied.json.replyDelivery as Record<string, unknown>).replyLetterLink));
	expect(byLink.status).toBe(200);
	expect(await byLink.text()).toContain(complaintNumber);
});

test('a phoned complaint about neither: the caller is who is answered; without an address the reply letter is listed for post with its signed link', async () => {
	const phone = `0216487${stamp}`; // a landline: no email and no mobile, so the letter goes by post
	const missing = await postWebhook('complaints', { text: '热线总是占线', severity: 'general' });
	expect(missing.status).toBe(400);
	expect((missing.json.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['customerName', 'phone']);
	const made = await postWebhook('complaints', { customerName: `来电客户${stamp}`, phone, text: '热线总是占线', severity: 'general' });
	expect([made.status, made.text]).toEqual([201, made.text]);
	expect(made.json).toMatchObject({ ticketNumber: null, orderNumber: null, customerName: `来电客户${stamp}`, phone });
	const complaintNumber = String(made.json.complaintNumber);
	const replied = await postWebhook(`complaints/${complaintNumber}/reply`, { method: 'phone', text: '已增加热线座席' });
	expect([replied.status, replied.text]).toEqual([200, replied.text]);
	const delivery = replied.json.replyDelivery as Record<string, unknown>;
	expect(delivery).toMatchObject({ channel: 'post', email: null });
	// The register lists it for post among the replied complaints.
	const list = await getWebhook('complaints?status=replied');
	expect(list.status).toBe(200);
	const listed = (JSON.parse(list.text) as Array<Record<string, unknown>>).find((c) => c.complaintNumber === complaintNumber);
	expect(listed).toMatchObject({ status: 'replied', ticketNumber: null, replyDelivery: { channel: 'post', email: null } });
	const page = await fetch(String(delivery.replyLetterLink));
	expect(page.status).toBe(200);
	const html = await page.text();
	expect(html).toContain('事由：关于我司售后服务的投诉');
	expect(html).toContain('已增加热线座席');
	const row = await store.db
		.selectFrom('complaints')
		.select(['ticketId', 'orderId', 'customerName', 'phone'])
		.where('complaintNumber', '=', complaintNumber)
		.executeTakeFirstOrThrow();
	expect(row).toEqual({ ticketId: null, orderId: null, customerName: `来电客户${stamp}`, phone });
});

test('the desk’s complaint form (Chromium) takes 订单号 alone, and neither', async () => {
	const orderNumber = await signedOrder(`1387777${stamp}`);
	const page = await openForm(chromium.browser, 'complaint', 'desk');
	await fill(page, '客户名称', `表单订单客户${stamp}`);
	await fill(page, '电话', `1387777${stamp}`);
	await fill(page, '内容', '送货延误三天');
	await choose(page, '性质', '一般');
	await fill(page, '订单号', orderNumber);
	await submit(page, /已登记投诉|未登记/);
	await shot(page, 'form-complaint-order-only.png');
	const text = await pageText(page);
	expect(text).toMatch(/已登记投诉 Complaint registered: TS-\d{8}-\d{4}/);
	expect(text).toContain(`订单号 Order: ${orderNumber}`);
	expect(text).not.toContain('工单号 Ticket');
	const complaintNumber = /TS-\d{8}-\d{4}/.exec(text)![0];
	const row = await store.db
		.selectFrom('complaints as p')
		.innerJoin('tileOrders as o', 'o.id', 'p.orderId')
		.select(['o.orderNumber', 'p.ticketId', 'p.channel'])
		.where('p.complaintNumber', '=', complaintNumber)
		.executeTakeFirstOrThrow();
	expect(row).toEqual({ orderNumber, ticketId: null, channel: 'phone' });
	await page.close();

	const neither = await openForm(chromium.browser, 'complaint', 'desk');
	await fill(neither, '客户名称', `表单来电${stamp}`);
	await fill(neither, '电话', `1386666${stamp}`);
	await fill(neither, '内容', '对收费标准有意见');
	await choose(neither, '性质', '一般');
	await submit(neither, /已登记投诉|未登记/);
	const answer = await pageText(neither);
	expect(answer).toMatch(/已登记投诉 Complaint registered: TS-\d{8}-\d{4}/);
	expect(answer).toContain(`客户 Customer: 表单来电${stamp}`);
	await neither.close();
});

test('验讫: the customer is emailed that the product is ready and the day it comes back; the message is in the ticket’s history', async () => {
	const email = `ready-${stamp}@e2e.test`;
	const customerName = `返修客户${stamp}`;
	const phone = `1375555${stamp}`;
	expect((await postWebhook('import/customers', [{ name: customerName, phone, email }])).json).toMatchObject({ rejected: [] });
	expect(
		(await postWebhook('import/technicians', [{ name: '判定技术员', phone: `1374444${stamp}`, skills: SKILL, dailyCapacity: 9 }])).json,
	).toMatchObject({
		rejected: [],
	});
	const report = await postWebhook('repairs', {
		customerName,
		contactPerson: '钱先生',
		phone,
		address: '上海市长宁区 5 号',
		siteSituation: '热水器不点火',
		skill: SKILL,
	});
	expect(report.json).toMatchObject({ status: 'dispatched' });
	const n = String(report.json.ticketNumber);
	const promisedBy = plusDays(serviceDay(), 6);
	expect(
		(
			await postWebhook(`repairs/${n}/visit`, {
				outcome: 'taken-back',
				product: '燃气热水器',
				serialNo: `RSQ-${stamp}`,
				customerSignature: '钱先生',
				promisedBy,
			})
		).json,
	).toMatchObject({ status: 'taken-back' });
	expect((await postWebhook(`repairs/${n}/repair-work`, { minutes: 60, description: '更换点火针' })).json).toMatchObject({ status: 'repaired' });
	const inspected = await postWebhook(`repairs/${n}/inspect`, { inspectedBy: '张经理' });
	expect([inspected.status, inspected.text]).toEqual([200, inspected.text]);
	expect(inspected.json).toMatchObject({ status: 'inspected', feedback: { kind: 'product-ready', channel: 'email', email, returnOn: promisedBy } });
	expect((inspected.json.history as Array<{ action: string; details: Record<string, unknown> }>).at(-1)).toMatchObject({
		action: 'customerMessage',
		details: { kind: 'product-ready', channel: 'email', to: email, returnOn: promisedBy },
	});
	const mail = await waitForMail((m) => m.to.includes(email) && m.subject.includes(n));
	expect(mail.subject).toBe(`您的送修商品已修妥 Your product is repaired · ${n}`);
	expect(mail.text).toContain(`将于 ${promisedBy} 送还`);
	expect(mail.text).toContain('燃气热水器');
});

test('the manager’s severity form (Chromium): the judgment with its reason; an unknown number is named and nothing is written', async () => {
	const made = await postWebhook('complaints', {
		customerName: `判定表客户${stamp}`,
		phone: `1382222${stamp}`,
		text: '安装后墙面开裂',
		severity: 'general',
	});
	expect(made.status).toBe(201);
	const complaintNumber = String(made.json.complaintNumber);
	const page = await openForm(chromium.browser, 'complaint-severity', 'manager');
	await fill(page, '投诉编号', complaintNumber);
	await choose(page, '性质', '重大');
	await fill(page, '理由', '墙面开裂涉及结构安全');
	await submit(page, /已判定|未判定/);
	await shot(page, 'form-complaint-severity-answer.png');
	const text = await pageText(page);
	expect(text).toContain(`已判定 Judged: ${complaintNumber} · 重大 serious`);
	expect(text).toContain('理由 Reason: 墙面开裂涉及结构安全');
	expect(text).toContain(`答复期限 Reply by: ${plusDays(serviceDay(), 3)}`);
	const row = await store.db
		.selectFrom('complaints')
		.select(['severity', 'severityReason', 'severityJudgedBy'])
		.where('complaintNumber', '=', complaintNumber)
		.executeTakeFirstOrThrow();
	expect(row).toEqual({ severity: 'serious', severityReason: '墙面开裂涉及结构安全', severityJudgedBy: 'complaint severity form (manager)' });
	await page.close();

	const events = Number(
		(
			await store.db
				.selectFrom('complaintEvents')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n,
	);
	const wrong = await openForm(chromium.browser, 'complaint-severity', 'manager');
	await fill(wrong, '投诉编号', 'TS-19990101-0001');
	await choose(wrong, '性质', '一般');
	await fill(wrong, '理由', '复核');
	await submit(wrong, /已判定|未判定/);
	const refused = await pageText(wrong);
	expect(refused).toContain('未判定');
	expect(refused).toContain('TS-19990101-0001');
	expect(
		Number(
			(
				await store.db
					.selectFrom('complaintEvents')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n,
		),
	).toBe(events);
	await wrong.close();
});

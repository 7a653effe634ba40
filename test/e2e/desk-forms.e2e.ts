/**
 * The desk's complaint form and the manager's repair-steps form (issue 17, RECORDS.md *Staff
 * screens*: `/form/after-sales/complaint` role desk, `/form/after-sales/repair-steps` role manager)
 * in Debian's Chromium, filled by label as a person would: the answer pages (the complaint number
 * and its reply date with the reply letter's signed link; the ticket's status with its documents'
 * signed links, opened with no header), one mistake each (the field named Chinese first, nothing
 * written: row counts), another role's password → 401. Screenshots in test/e2e/output/.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { Store } from '../../nodes/shared/store/store';
import { basicAuth, type Chromium, choose, fill, formUrl, launchChromium, openForm, pageText, shot, submit, formValues } from './browser';
import { getWebhook, postWebhook, state, waitForMail } from './server';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;

const stamp = Date.now().toString().slice(-4);
const SKILL = `E2E投诉返修${stamp}`;
const TECH = { name: '返修技术员', phone: `1393333${stamp}` };

let chromium: Chromium;
let store: Store;

async function count(table: 'complaints' | 'ticketEvents'): Promise<number> {
	const row = await store.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function newTicket(customerName: string): Promise<string> {
	const res = await postWebhook('repairs', {
		customerName,
		contactPerson: '赵主任',
		phone: '13900139000',
		address: '上海市静安区 9 号',
		siteSituation: '控制板烧坏',
		skill: SKILL,
	});
	expect([res.status, res.text]).toEqual([201, res.text]);
	return String(res.json.ticketNumber);
}

const listItems = async (page: Page) =>
	(await page.evaluate(() => [...document.querySelectorAll('li')].map((li: any) => li.innerText.trim()))) as string[];

beforeAll(async () => {
	store = await Store.open({ backend: 'sqlite', file: join(state().userFolder, '.n8n', 'after-sales.sqlite') });
	const imported = await postWebhook('import/technicians', [{ ...TECH, skills: SKILL, dailyCapacity: 9 }]);
	expect([imported.status, imported.text]).toEqual([200, imported.text]);
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

test.each([
	['complaint', 'desk', '客户投诉'],
	['repair-steps', 'manager', '返修流程'],
] as const)('%s opens only with the %s password: none, a wrong one or another role’s get 401', async (path, role, title) => {
	const { passwords } = state();
	expect((await fetch(formUrl(path))).status).toBe(401);
	for (const other of ['desk', 'manager', 'technician', 'accountant'] as const) {
		if (other === role) continue;
		const res = await fetch(formUrl(path), { headers: { Authorization: basicAuth(other, passwords[other]) } });
		expect([other, res.status]).toEqual([other, 401]);
		const mixed = await fetch(formUrl(path), { headers: { Authorization: basicAuth(role, passwords[other]) } });
		expect([`${role} with ${other}'s password`, mixed.status]).toEqual([`${role} with ${other}'s password`, 401]);
	}
	const ok = await fetch(formUrl(path), { headers: { Authorization: basicAuth(role, passwords[role]) } });
	expect(ok.status).toBe(200);
	const html = await ok.text();
	expect(html).toContain(title);
	expect(html).toContain('提交');
	expect(html).not.toMatch(/Form automated with/i);
});

test('complaint: a serious complaint taken down by the desk gets its number and reply date, the manager is told, the reply letter opens by link', async () => {
	const ticketNumber = await newTicket(`投诉客户${stamp}`);
	const before = await count('complaints');
	const page = await openForm(chromium.browser, 'complaint', 'desk');
	await shot(page, 'form-complaint.png');
	await fill(page, '客户名称', `投诉客户${stamp}`);
	await fill(page, '电话', '021-64887700');
	await fill(page, '内容', '师傅迟到两小时 <b>态度差</b>');
	await choose(page, '性质', '重大');
	await fill(page, '工单号', ticketNumber);
	await submit(page, /已登记投诉|未登记/);
	await shot(page, 'form-complaint-answer.png');
	const text = await pageText(page);
	const complaintNumber = /TS-\d{8}-\d{4}/.exec(text)?.[0];
	expect(complaintNumber).toBeDefined();
	expect(await count('complaints')).toBe(before + 1);
	const row = await store.db.selectFrom('complaints').selectAll().where('complaintNumber', '=', complaintNumber!).executeTakeFirstOrThrow();
	expect(row).toMatchObject({ severity: 'serious', text: '师傅迟到两小时 <b>态度差</b>', channel: 'phone', status: 'open' });
	expect(text).toContain(`答复期限 Reply by: ${row.replyDueOn}`);
	expect(text).toContain(`工单号 Ticket: ${ticketNumber}`);
	// Who called, kept in the ticket's history with the complaint (the phone as dialled in China).
	const event = await store.db
		.selectFrom('ticketEvents')
		.innerJoin('tickets', 'tickets.id', 'ticketEvents.ticketId')
		.select('ticketEvents.details')
		.where('tickets.ticketNumber', '=', ticketNumber)
		.where('ticketEvents.action', '=', 'complaint')
		.executeTakeFirstOrThrow();
	expect(JSON.parse(String(event.details))).toMatchObject({ complaintNumber, customerName: `投诉客户${stamp}`, phone: '02164887700' });
	// A serious complaint reaches the manager as from the webhook: Complaint notices marks it told.
	let notifiedAt: string | null = null;
	for (let i = 0; i < 60 && !notifiedAt; i++) {
		notifiedAt = (
			await store.db.selectFrom('complaints').select('notifiedAt').where('complaintNumber', '=', complaintNumber!).executeTakeFirstOrThrow()
		).notifiedAt;
		if (!notifiedAt) await new Promise((r) => setTimeout(r, 500));
	}
	expect(notifiedAt).toEqual(expect.any(String));
	// The reply letter, from the answer page's signed link, with no header.
	const href = (await page.evaluate(() => document.querySelector('a[href*="/documents/reply-letter/"]')?.getAttribute('href'))) as string;
	expect(href).toMatch(new RegExp(`^/webhook/after-sales/complaints/${complaintNumber}/documents/reply-letter/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
	const letter = await fetch(new URL(href, state().baseUrl));
	expect(letter.status).toBe(200);
	expect(await letter.text()).toContain(complaintNumber);
	await page.close();
});

test('complaint: one mistake (a bad phone) names 电话 first, writes nothing, and “Correct it” reopens the form filled in', async () => {
	const ticketNumber = await newTicket(`投诉错号${stamp}`);
	const before = await count('complaints');
	const events = await count('ticketEvents');
	const page = await openForm(chromium.browser, 'complaint', 'desk');
	await fill(page, '客户名称', `投诉错号${stamp}`);
	await fill(page, '电话', '12345');
	await fill(page, '内容', '维修后仍不制冷');
	await choose(page, '性质', '一般');
	await fill(page, '工单号', ticketNumber);
	await submit(page, /已登记投诉|未登记/);
	await shot(page, 'form-complaint-mistake.png');
	const text = await pageText(page);
	expect(text).toContain('未登记');
	expect(text).not.toMatch(/Problem submitting response/i);
	expect(await listItems(page)).toEqual([expect.stringMatching(/^电话 Phone: "12345" /)]);
	expect(await count('complaints')).toBe(before);
	expect(await count('ticketEvents')).toBe(events);
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('a[href^="/form/after-sales/complaint?"]')]);
	const values = await formValues(page);
	expect(values).toMatchObject({ 客户名称: `投诉错号${stamp}`, 电话: '12345', 内容: '维修后仍不制冷', 工单号: ticketNumber });
	await shot(page, 'form-complaint-correct.png');
	await page.close();
});

async function stepForm(
	ticketNumber: string,
	step: string,
	fields: Record<string, string>,
	screenshot?: string,
): Promise<{ page: Page; text: string }> {
	const page = await openForm(chromium.browser, 'repair-steps', 'manager');
	if (screenshot) await shot(page, `${screenshot}.png`);
	await fill(page, '工单号', ticketNumber);
	await choose(page, '步骤', step);
	for (const [label, value] of Object.entries(fields)) await fill(page, label, value);
	await submit(page, /已登记 Recorded|未登记/);
	if (screenshot) await shot(page, `${screenshot}-answer.png`);
	return { page, text: await pageText(page) };
}

const statusOf = async (ticketNumber: string) =>
	(await store.db.selectFrom('tickets').select('status').where('ticketNumber', '=', ticketNumber).executeTakeFirstOrThrow()).status;

test('repair steps: the manager takes a product taken back through repair work, a refused inspection, inspection, return and close', async () => {
	const ticketNumber = await newTicket(`返修客户${stamp}`);
	const taken = await postWebhook(`repairs/${ticketNumber}/visit`, { outcome: 'taken-back', product: '门禁控制板', customerSignature: '赵主任' });
	expect([taken.status, taken.json?.status]).toEqual([200, 'taken-back']);

	// 修护记录: the answer shows the status and signed links to the ticket's documents, the repair card among them.
	const work = await stepForm(ticketNumber, '修护记录', { 修理工时: '90', 修理内容: '更换继电器', 更换零件: '继电器 x2 @25' }, 'form-repair-steps');
	expect(work.text).toContain(`工单号 Ticket: ${ticketNumber}`);
	expect(work.text).toContain('状态 Status: 已修护 repaired');
	expect(await statusOf(ticketNumber)).toBe('repaired');
	const hrefs = (await work.page.evaluate(() =>
		[...document.querySelectorAll('a[href*="/documents/"]')].map((a: any) => a.getAttribute('href')),
	)) as string[];
	const docs = hrefs.map((h) => /\/documents\/([a-z-]+)\//.exec(h)?.[1]).sort();
	// Every document the ticket has: Form 1.1 and the voucher, the receipt and repair card of the take-back, and the
	// liaison letter where the customer has neither warranty nor contract.
	const { customerType } = await store.db
		.selectFrom('tickets')
		.select('customerType')
		.where('ticketNumber', '=', ticketNumber)
		.executeTakeFirstOrThrow();
	expect(docs).toEqual(['form', ...(customerType === 'liaison-letter' ? ['liaison-letter'] : []), 'receipt', 'repair-card', 'voucher']);
	for (const h of hrefs) expect([h, (await fetch(new URL(h, state().baseUrl))).status]).toEqual([h, 200]);
	const card = hrefs.find((h) => h.includes('/documents/repair-card/'))!;
	expect(card).toMatch(new RegExp(`^/webhook/after-sales/repairs/${ticketNumber}/documents/repair-card/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
	const cardPage = await fetch(new URL(card, state().baseUrl));
	expect(cardPage.status).toBe(200);
	const cardHtml = await cardPage.text();
	expect(cardHtml).toContain(ticketNumber);
	expect(cardHtml).toContain('更换继电器');
	await work.page.close();

	// One mistake: 验讫 without who inspected — the field named Chinese first, nothing written.
	const events = await count('ticketEvents');
	const refused = await stepForm(ticketNumber, '验讫', {});
	await shot(refused.page, 'form-repair-steps-mistake.png');
	expect(refused.text).toContain('未登记');
	expect(refused.text).not.toMatch(/Problem submitting response/i);
	expect(await listItems(refused.page)).toEqual([expect.stringMatching(/^验收经理 Inspected by: /)]);
	expect(await statusOf(ticketNumber)).toBe('repaired');
	expect(await count('ticketEvents')).toBe(events);
	// "Correct it" reopens the form with the ticket and the step chosen; only 验收经理 is left to fill in.
	await Promise.all([
		refused.page.waitForNavigation({ waitUntil: 'networkidle0' }),
		refused.page.click('a[href^="/form/after-sales/repair-steps?"]'),
	]);
	const again = await formValues(refused.page);
	expect(again).toMatchObject({ 工单号: ticketNumber, 步骤: '验讫 Inspection', 验收经理: '' });
	await refused.page.close();

	const inspected = await stepForm(ticketNumber, '验讫', { 验收经理: '张经理' });
	expect(inspected.text).toContain('状态 Status: 经理已验讫 inspected');
	await inspected.page.close();
	const returned = await stepForm(ticketNumber, '归还', { 客户签字: '赵主任' });
	expect(returned.text).toContain('状态 Status: 已归还 returned');
	await returned.page.close();
	// The return issued the invoice (the repair card's parts and labour, nothing collected): the form queued its
	// email to the accountant in the outbox (invoice-email:<invoice>) and Send now delivered it, the page attached.
	const { invoiceNumber } = await store.db
		.selectFrom('invoices')
		.innerJoin('tickets', 'tickets.id', 'invoices.ticketId')
		.select('invoices.invoiceNumber')
		.where('tickets.ticketNumber', '=', ticketNumber)
		.where('invoices.status', '=', 'issued')
		.executeTakeFirstOrThrow();
	const invoiceMail = await waitForMail((m) => m.to.includes('accountant@e2e.test') && m.subject.includes(invoiceNumber));
	expect(invoiceMail.text).toContain(`报修单 Ticket: ${ticketNumber}`);
	expect(invoiceMail.attachments.find((a) => a.filename.endsWith('invoice.html'))?.content).toContain(invoiceNumber);
	const sentRows = JSON.parse((await getWebhook('outbox?status=sent')).text) as Array<{ kind: string; subject: string | null }>;
	expect(sentRows.filter((r) => (r.subject ?? '').includes(invoiceNumber)).map((r) => r.kind)).toEqual(['invoice-email']);
	const closed = await stepForm(ticketNumber, '注销', {}, 'form-repair-steps-close');
	expect(closed.text).toContain('状态 Status: 已注销 closed');
	expect(await statusOf(ticketNumber)).toBe('closed');
	// The same close as POST repairs/<n>/close: its follow-up survey (回访, P14) is made, by the sub-workflow the form calls.
	const surveyOf = () =>
		store.db
			.selectFrom('surveys')
			.innerJoin('tickets', 'tickets.id', 'surveys.ticketId')
			.select('surveys.surveyNumber')
			.where('tickets.ticketNumber', '=', ticketNumber)
			.execute();
	let surveys = await surveyOf();
	for (let waited = 0; surveys.length === 0 && waited < 30_000; waited += 500) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		surveys = await surveyOf();
	}
	expect(surveys).toEqual([{ surveyNumber: expect.stringMatching(/^HF-\d{8}-\d{4}$/) }]);
	const actors = await store.db
		.selectFrom('ticketEvents')
		.innerJoin('tickets', 'tickets.id', 'ticketEvents.ticketId')
		.select(['ticketEvents.action', 'ticketEvents.actor'])
		.where('tickets.ticketNumber', '=', ticketNumber)
		.where('ticketEvents.action', 'in', ['recordRepairWork', 'inspect', 'returnProduct', 'close'])
		.orderBy('ticketEvents.id')
		.execute();
	// Each step once, by the form's own operations (the refused inspection left no trace).
	expect(actors).toEqual(
		['recordRepairWork', 'inspect', 'returnProduct', 'close'].map((action) => ({ action, actor: 'repair steps form (manager)' })),
	);
	await closed.page.close();
});

test('repair steps with 工单号 left empty: 验讫 lists the repaired tickets from the register; the one picked is inspected', async () => {
	const ticketNumber = await newTicket(`返修选单${stamp}`);
	const taken = await postWebhook(`repairs/${ticketNumber}/visit`, { outcome: 'taken-back', product: '门禁控制板', customerSignature: '赵主任' });
	expect([taken.status, taken.json?.status]).toEqual([200, 'taken-back']);
	const repaired = await postWebhook(`repairs/${ticketNumber}/repair-work`, { minutes: 60, description: '更换继电器' });
	expect([repaired.status, repaired.json?.status]).toEqual([200, 'repaired']);

	const page = await openForm(chromium.browser, 'repair-steps', 'manager');
	await choose(page, '步骤', '验讫');
	await fill(page, '验收经理', '张经理');
	await submit(page, /选择工单|已登记 Recorded|未登记/);
	expect(await pageText(page)).toContain('请从已修护、待验讫的工单中选择');
	const options = (await page.evaluate(() =>
		[...document.querySelectorAll('select option')].filter((o: any) => !o.disabled).map((o: any) => o.text.trim()),
	)) as string[];
	expect(options).toContain(`${ticketNumber} · 返修选单${stamp} · 控制板烧坏 · 已修护`);
	expect(options.every((o) => o.endsWith(' · 已修护'))).toBe(true);
	await choose(page, '工单号', ticketNumber);
	await shot(page, 'form-repair-steps-list.png');
	await submit(page, /已登记 Recorded|未登记/);
	const text = await pageText(page);
	expect(text).toContain(`工单号 Ticket: ${ticketNumber}`);
	expect(text).toContain('状态 Status: 经理已验讫 inspected');
	expect(await statusOf(ticketNumber)).toBe('inspected');
	await page.close();
});

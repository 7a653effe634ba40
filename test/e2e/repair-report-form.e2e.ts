/**
 * The desk's repair-report form (issue 17, RECORDS.md *Staff screens*: `/form/after-sales/repair-report`,
 * role desk) in Debian's Chromium: filled by label as a clerk would, the answer page with the
 * ticket, category, technician, due time and the signed voucher link, the voucher opened from that
 * link with no header and no login; one mistake (a bad phone): the page names 电话 first and no
 * ticket is written; another role's password gets 401. Screenshots in test/e2e/output/.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { Store } from '../../nodes/shared/store/store';
import {
	basicAuth as basic,
	type Chromium,
	fill,
	formUrl as staffForm,
	launchChromium,
	openForm as openStaffForm,
	shot,
	submit as submitForm,
	formValues,
} from './browser';
import { postWebhook, state } from './server';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;

const formUrl = () => staffForm('repair-report');
const stamp = Date.now().toString().slice(-4);
const SKILL = `E2E表单门禁${stamp}`;
const TECH = { name: '表单技术员', phone: `1392222${stamp}` };

let chromium: Chromium;
let store: Store;

async function ticketCount(): Promise<number> {
	const row = await store.db
		.selectFrom('tickets')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

beforeAll(async () => {
	store = await Store.open({ backend: 'sqlite', file: join(state().userFolder, '.n8n', 'after-sales.sqlite') });
	const imported = await postWebhook('import/technicians', [{ ...TECH, skills: SKILL, dailyCapacity: 5 }]);
	expect([imported.status, imported.text]).toEqual([200, imported.text]);
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

const openForm = (): Promise<Page> => openStaffForm(chromium.browser, 'repair-report', 'desk');
const submit = (page: Page) => submitForm(page, /已登记|未登记/);

test('only the desk password opens the form: none, a wrong one or another role’s get 401', async () => {
	const { passwords } = state();
	expect((await fetch(formUrl())).status).toBe(401);
	for (const [user, password] of [
		['desk', 'not-the-password'],
		['manager', passwords.manager],
		['technician', passwords.technician],
		['accountant', passwords.accountant],
		['desk', passwords.manager],
		['after-sales', state().key],
	]) {
		const res = await fetch(formUrl(), { headers: { Authorization: basic(user, password) } });
		expect([user, res.status]).toEqual([user, 401]);
	}
	const desk = await fetch(formUrl(), { headers: { Authorization: basic('desk', passwords.desk) } });
	expect(desk.status).toBe(200);
	const html = await desk.text();
	expect(html).toContain('报修登记');
	expect(html).toContain('提交');
	expect(html).not.toMatch(/Form automated with/i);
});

test('a clerk fills the form by label: the answer page shows the ticket, category, technician and due time, and its voucher link opens without a header', async () => {
	const before = await ticketCount();
	const page = await openForm();
	await shot(page, 'form-repair-report.png');
	await fill(page, '客户名称', `表单客户${stamp}`);
	await fill(page, '联系人', '王主任');
	await fill(page, '电话', '13800138000');
	await fill(page, '地址', '上海市徐汇区漕溪路 88 号 3 楼');
	await fill(page, '现场情况', '门禁读卡器不亮 <b>急</b>');
	await fill(page, '技能', SKILL);
	await submit(page);
	await shot(page, 'form-repair-report-answer.png');
	const text = (await page.evaluate(() => document.body.innerText)) as string;
	const ticketNumber = /BX-\d{8}-\d{4}/.exec(text)?.[0];
	expect(ticketNumber).toBeDefined();
	expect(await ticketCount()).toBe(before + 1);
	const ticket = await store.db.selectFrom('tickets').selectAll().where('ticketNumber', '=', ticketNumber!).executeTakeFirstOrThrow();
	expect(ticket).toMatchObject({ siteSituation: '门禁读卡器不亮 <b>急</b>' });
	// What the clerk reads, line by line (n8n's completion page keeps only plain markup: no data attributes).
	expect(text).toMatch(new RegExp(`工单号 Ticket: ${ticketNumber}\\b`));
	expect(text).toMatch(/类别 Category: [ABCD] · /);
	expect(text).toContain(`技术员 Technician: ${TECH.name} ${TECH.phone}`);
	expect(text).toMatch(/完成期限 Due: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
	const href = (await page.evaluate(() => document.querySelector('a[href*="/documents/voucher/"]')?.getAttribute('href'))) as string;
	expect(href).toMatch(new RegExp(`^/webhook/after-sales/repairs/${ticketNumber}/documents/voucher/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
	// The link, opened with no header and no login: the printable voucher of this ticket.
	const voucher = await fetch(new URL(href, state().baseUrl));
	expect(voucher.status).toBe(200);
	const voucherHtml = await voucher.text();
	expect(voucherHtml).toContain(ticketNumber);
	expect(voucherHtml).toContain(TECH.name);
	// And in a browser that never logged in.
	const context = await chromium.browser.createBrowserContext();
	const fresh = await context.newPage();
	const opened = await fresh.goto(new URL(href, state().baseUrl).toString(), { waitUntil: 'networkidle0' });
	expect(opened?.status()).toBe(200);
	await shot(fresh, 'form-repair-report-voucher.png');
	await context.close();
	// A changed link: 403.
	const changed = await fetch(
		new URL(
			href.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
			state().baseUrl,
		),
	);
	expect(changed.status).toBe(403);
	await page.close();
});

test('one mistake (a bad phone): the page names 电话 first and why, and no ticket is written', async () => {
	const before = await ticketCount();
	const page = await openForm();
	await fill(page, '客户名称', `表单错号客户${stamp}`);
	await fill(page, '联系人', '李先生');
	await fill(page, '电话', '12345');
	await fill(page, '地址', '上海市长宁区 1 号');
	await fill(page, '现场情况', '不制冷');
	await submit(page);
	await shot(page, 'form-repair-report-mistake.png');
	const text = (await page.evaluate(() => document.body.innerText)) as string;
	expect(text).toContain('未登记');
	const items = (await page.evaluate(() => [...document.querySelectorAll('li')].map((li: any) => li.innerText.trim()))) as string[];
	expect(items).toEqual([expect.stringMatching(/^电话 Phone: "12345" /)]);
	expect(text).not.toMatch(/Problem submitting response/i);
	expect(await ticketCount()).toBe(before);
	// "Correct it" opens the form again with what was typed, so only the phone needs retyping.
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('a[href^="/form/after-sales/repair-report?"]')]);
	const values = await formValues(page);
	expect(values).toMatchObject({ 客户名称: `表单错号客户${stamp}`, 联系人: '李先生', 电话: '12345', 地址: '上海市长宁区 1 号', 现场情况: '不制冷' });
	await shot(page, 'form-repair-report-correct.png');
	await page.close();
});

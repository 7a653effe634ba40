/**
 * The service board (服务看板) on the live server, in a real browser: a day made through the real
 * webhooks (a technician imported, four reports — one of them reported long ago and so overdue —,
 * a product taken back, a job solved with its invoice, a serious complaint from the survey), then
 * `GET board` opened in Debian's Chromium with puppeteer-core and Basic Auth: what it shows, in
 * which order, that no script from user text runs, and a screenshot kept under
 * test/e2e/output/. Without the password, or with a wrong one: 401. The staff's home page: the
 * forms per role, each listed record's document opened from its signed link with no key, and the
 * row cap (`?rows=`) with "还有 N 条 / N more".
 */
import type { Page } from 'puppeteer-core';
import { DateTime } from 'luxon';
import { type Chromium, basicAuth, formUrl, launchChromium, openForm, shot, valueOf } from './browser';
import { SERVICE_TIMEZONE, awaitOneServiceDay, postWebhook, serviceDay, state } from './server';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: unknown): { fontSize: string; backgroundColor: string; color: string };
type El = { dataset: Record<string, string>; innerText: string; classList: { contains(c: string): boolean } };

const USER = 'after-sales';
const boardUrl = (query = '') => `${state().baseUrl}webhook/after-sales/board${query}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Markup in user text: shown as text on the board, never run. */
const XSS_NAME = '<img src=x onerror="window.__boardXss=1">看板<b>物业</b>';
const XSS_SITUATION = '<script>window.__boardXss=2</script>漏水';
const XSS_COMPLAINT = '<script>window.__boardXss=3</script>维修后又坏';
const TECH_PHONE = '13799990001';
const CONTRACT_NO = `HT-BOARD-${Date.now().toString(36)}`;
let noticeNumber = '';
const SKILL = 'E2E看板空调';

let chromium: Chromium;
const t: Record<'onTime' | 'overdue' | 'takenBack' | 'solved', string> = { onTime: '', overdue: '', takenBack: '', solved: '' };
const dueAt: Record<string, string> = {};
let invoiceNumber = '';
let complaintNumber = '';

beforeAll(async () => {
	await awaitOneServiceDay(300);
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
});

async function expectOk(r: { status: number; text: string }, status = 200) {
	expect([r.status, r.text]).toEqual([status, r.text]);
}

test('without the password the board answers 401 with a Basic Auth challenge; a wrong password or the key header alone: 401', async () => {
	const none = await fetch(boardUrl());
	expect(none.status).toBe(401);
	expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
	const wrong = await fetch(boardUrl(), { headers: { Authorization: basic(USER, 'not-the-key') } });
	expect(wrong.status).toBe(401);
	const wrongUser = await fetch(boardUrl(), { headers: { Authorization: basic('admin', state().key) } });
	expect(wrongUser.status).toBe(401);
	const header = await fetch(boardUrl(), { headers: { 'X-After-Sales-Key': state().key } });
	expect(header.status).toBe(401);
	const right = await fetch(boardUrl(), { headers: { Authorization: basic(USER, state().key) } });
	expect(right.status).toBe(200);
	expect(right.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
	expect(await right.text()).toContain('服务看板');
});

test('a day seeded through the webhooks', async () => {
	const imported = await postWebhook('import/technicians', [{ 姓名: '看板王师傅', 电话: TECH_PHONE, 技能: SKILL, 每日工单上限: 4 }]);
	expect(imported.json).toMatchObject({ rejected: [] });
	const report = (customerName: string, extra: object = {}) => ({
		customerName,
		phone: '13800000001',
		address: '上海市徐汇区',
		siteSituation: '空调不制冷',
		skill: SKILL,
		...extra,
	});
	const intake = async (body: object) => {
		const r = await postWebhook('repairs', body);
		await expectOk(r, 201);
		expect(r.json).toMatchObject({ status: 'dispatched', technician: { phone: TECH_PHONE } });
		dueAt[String(r.json.ticketNumber)] = String(r.json.dueAt);
		return String(r.json.ticketNumber);
	};
	t.onTime = await intake(report('看板准时物业'));
	// Reported in January: long past its response time, so overdue.
	t.overdue = await intake(report(XSS_NAME, { siteSituation: XSS_SITUATION, reportedAt: '2026-01-06T10:00:00+08:00' }));
	t.takenBack = await intake(report('看板带回物业'));
	t.solved = await intake(report('看板收费物业'));

	await expectOk(
		await postWebhook(`repairs/${t.takenBack}/visit`, { outcome: 'taken-back', product: '看板空调室外机', customerSignature: '陈经理' }),
	);
	const solved = await postWebhook(`repairs/${t.solved}/visit`, {
		outcome: 'solved',
		solution: '更换电容',
		customerSignature: '陈经理',
		minutes: 90,
	});
	await expectOk(solved);
	// Category A (no warranty, no contract): the invoice is issued with the visit, for later collection.
	expect(solved.json.invoice).toMatchObject({ status: 'issued', invoiceNumber: expect.stringMatching(/^FP-\d{4}-\d{6}$/) });
	invoiceNumber = String((solved.json.invoice as Record<string, unknown>).invoiceNumber);

	const survey = await postWebhook(`repairs/${t.solved}/survey`, {});
	await expectOk(survey, 201);
	const answer = await fetch(String(survey.json.url), {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ attitude: 2, skill: 3, arrival: 3, promises: 3, complaint: { severity: 'serious', text: XSS_COMPLAINT } }),
	});
	const answered = (await answer.json()) as { complaint?: { complaintNumber?: string } };
	expect(answer.status).toBe(200);
	complaintNumber = String(answered.complaint?.complaintNumber);
	expect(complaintNumber).toMatch(/^TS-\d{8}-\d{4}$/);
	// A maintenance contract ending in 10 days (P13): the expiry scan notices it and opens its renewal task.
	const endsOn = DateTime.fromISO(serviceDay()).plus({ days: 10 }).toISODate()!;
	const contract = await postWebhook('import/contracts', [
		{
			contractNo: CONTRACT_NO,
			customerName: '看板准时物业',
			customerPhone: '13800000001',
			kind: 'annual',
			startsOn: DateTime.fromISO(endsOn).minus({ years: 1 }).plus({ days: 1 }).toISODate(),
			endsOn,
			feeYuan: '3600',
		},
	]);
	expect(contract.json).toMatchObject({ created: 1, rejected: [] });
	const scanned = await postWebhook('contracts/expiry-check', {});
	await expectOk(scanned);
	const noticed = (scanned.json.noticed as Array<{ contractNo: string; noticeNumber: string }>).find((n) => n.contractNo === CONTRACT_NO);
	expect(noticed?.noticeNumber).toMatch(/^TZ-\d{8}-\d{4}$/);
	noticeNumber = String(noticed?.noticeNumber);
});

async function openBoard(query = ''): Promise<{ page: Page; status: number | undefined; dialogs: string[] }> {
	const page = await chromium.browser.newPage();
	await page.setViewport({ width: 1920, height: 1080 });
	await page.authenticate({ username: USER, password: state().key });
	const dialogs: string[] = [];
	page.on('dialog', async (d) => {
		dialogs.push(d.message());
		await d.dismiss();
	});
	const response = await page.goto(boardUrl(query), { waitUntil: 'load' });
	return { page, status: response?.status(), dialogs };
}

test('the board in Chromium: overdue first, the technician against capacity, the product taken back, the invoice and the complaint; no script from user text', async () => {
	// Every row (other specs on this server add tickets of their own; the cap is tested below).
	const { page, status, dialogs } = await openBoard('?rows=500');
	try {
		expect(status).toBe(200);
		expect(await page.title()).toContain('服务看板');
		const view = await page.evaluate(() => {
			const rows = (sel: string): El[] => Array.from(document.querySelectorAll(sel));
			const text = (sel: string): string => document.querySelector(sel)?.innerText ?? '';
			return {
				lang: document.documentElement.lang,
				refresh: document.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content'),
				company: text('.company-name'),
				tickets: rows('#tickets tr[data-ticket]').map((r) => ({ n: r.dataset.ticket, overdue: r.classList.contains('overdue'), text: r.innerText })),
				overdueSection: rows('#tickets h3.overdue + table tr[data-ticket]').map((r) => r.dataset.ticket),
				technicians: rows('#dispatch tr[data-technician]').map((r) => ({ phone: r.dataset.technician, text: r.innerText })),
				takenBack: rows('#taken-back tr[data-ticket]').map((r) => ({ n: r.dataset.ticket, text: r.innerText })),
				invoices: rows('#invoices tr[data-invoice]').map((r) => ({ n: r.dataset.invoice, text: r.innerText })),
				complaints: rows('#complaints tr[data-complaint]').map((r) => ({ n: r.dataset.complaint, text: r.innerText })),
				contracts: text('#contracts'),
				scripts: document.querySelectorAll('script').length,
				images: document.querySelectorAll('img').length,
				xss: (window.__boardXss as number | undefined) ?? null,
				fontSize: parseFloat(getComputedStyle(document.body).fontSize),
				background: getComputedStyle(document.body).backgroundColor,
				color: getComputedStyle(document.body).color,
			};
		});
		expect(view.lang).toBe('zh-CN');
		expect(view.refresh).toBe('60');
		expect(view.company).toBe(state().company.name);

		// Overdue first: the January report is in the overdue part, above the ones still on time.
		const order = view.tickets.map((r) => r.n);
		for (const n of Object.values(t).filter((x) => x !== t.solved)) expect(order).toContain(n);
		expect(order).not.toContain(t.solved); // solved on site: no longer open
		expect(view.overdueSection).toContain(t.overdue);
		expect(view.overdueSection).not.toContain(t.onTime);
		expect(order.indexOf(t.overdue)).toBeLessThan(order.indexOf(t.onTime));
		expect(order.indexOf(t.overdue)).toBeLessThan(order.indexOf(t.takenBack));
		const overdueRow = view.tickets.find((r) => r.n === t.overdue)!;
		expect(overdueRow.overdue).toBe(true);
		// The markup in the customer's name and the site situation is shown as text.
		expect(overdueRow.text).toContain(XSS_NAME);
		expect(overdueRow.text).toContain(XSS_SITUATION);
		expect(overdueRow.text).toMatch(/超时 \d+天/);
		// its due time as the intake answered it, in Shanghai
		const due = DateTime.fromISO(dueAt[t.onTime]).setZone(SERVICE_TIMEZONE).toFormat('MM-dd HH:mm');
		expect(view.tickets.find((r) => r.n === t.onTime)).toMatchObject({
			overdue: false,
			text: expect.stringMatching(new RegExp(`看板准时物业[\\s\\S]*看板王师傅\\s+${due}$`)),
		});

		// Today's dispatch: four jobs against a capacity of four, nothing free.
		const tech = view.technicians.find((k) => k.phone === TECH_PHONE);
		expect(tech?.text).toMatch(/看板王师傅\s+4 \/ 4\s+0 已满\s+100%/);

		// The product taken back, still in, in repair.
		expect(view.takenBack.find((p) => p.n === t.takenBack)?.text).toMatch(/看板空调室外机[\s\S]*看板带回物业[\s\S]*修护中/);
		expect(view.takenBack.find((p) => p.n === t.takenBack)?.text).toContain(serviceDay());

		// The invoice issued with the solved visit, unpaid; the serious complaint, its text as text.
		expect(view.invoices.find((i) => i.n === invoiceNumber)?.text).toMatch(
			new RegExp(`看板收费物业\\s+${t.solved}\\s+${serviceDay()}\\s+¥\\d+\\.\\d\\d\\s+¥\\d+\\.\\d\\d\\s+0`),
		);
		expect(view.complaints.find((c) => c.n === complaintNumber)?.text).toContain(XSS_COMPLAINT);
		expect(view.complaints.find((c) => c.n === complaintNumber)?.text).toContain('重大');

		// The contract with its expiry notice out and the renewal task open.
		expect(view.contracts).toContain(CONTRACT_NO);
		expect(view.contracts).toContain(noticeNumber);
		expect(view.contracts).not.toContain('没有已发到期通知的合同。');

		// Nothing from user text ran or became an element.
		expect(view.scripts).toBe(0);
		expect(view.images).toBe(0);
		expect(view.xss).toBeNull();
		expect(dialogs).toEqual([]);

		// A wall screen: large type, white on black.
		expect(view.fontSize).toBeGreaterThanOrEqual(18);
		expect(view.background).toBe('rgb(0, 0, 0)');
		expect(view.color).toBe('rgb(255, 255, 255)');

		await shot(page, 'service-board.png');
	} finally {
		await page.close();
	}
});

test('?lang=en: the board in English; ?refresh=30 reloads every 30 s; a bad refresh is 400', async () => {
	const { page, status } = await openBoard('?lang=en&refresh=30');
	try {
		expect(status).toBe(200);
		const view = await page.evaluate(() => ({
			lang: document.documentElement.lang,
			refresh: document.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content'),
			heading: document.querySelector('h1')?.textContent,
			contracts: (document.querySelector('#contracts')?.innerText as string | undefined) ?? '',
		}));
		expect(view).toMatchObject({ lang: 'en', refresh: '30', heading: 'Service Board' });
		expect(view.contracts).toContain(CONTRACT_NO);
		expect(view.contracts).not.toContain('No contracts with a notice out.');
		await shot(page, 'service-board-en.png');
	} finally {
		await page.close();
	}
	const bad = await fetch(boardUrl('?refresh=soon'), { headers: { Authorization: basic(USER, state().key) } });
	expect(bad.status).toBe(400);
	expect(await bad.json()).toEqual({
		errors: [{ field: 'refreshSeconds', message: expect.stringMatching(/^Refresh every \(seconds\): is not a number/) }],
	});
});

test('the staff’s home page: the forms per role, and each ticket, product, invoice, complaint and contract opens its document from a signed link with no key', async () => {
	const { page, status } = await openBoard('?rows=500');
	try {
		expect(status).toBe(200);
		const view = await page.evaluate(() => ({
			roles: Array.from(document.querySelectorAll('#forms .role')).map((r: any) => ({
				role: r.dataset.role,
				name: r.querySelector('h3').innerText.trim(),
				forms: Array.from(r.querySelectorAll('a')).map((a: any) => a.getAttribute('href')),
			})),
			links: Object.fromEntries(
				Array.from(document.querySelectorAll('tr[data-ticket], tr[data-invoice], tr[data-complaint], tr[data-contract]')).map((r: any) => [
					`${r.closest('section').id}:${r.dataset.ticket ?? r.dataset.invoice ?? r.dataset.complaint ?? r.dataset.contract}`,
					r.querySelector('a.doc')?.getAttribute('href') ?? null,
				]),
			) as Record<string, string | null>,
		}));
		const f = (...paths: string[]) => paths.map((p) => `/form/after-sales/${p}`);
		expect(view.roles).toEqual([
			{ role: 'desk', name: '前台 Desk · desk', forms: f('repair-report', 'complaint', 'tile-order', 'follow-up-call') },
			{ role: 'manager', name: '部门经理 Manager · manager', forms: f('dispatch', 'repair-steps', 'complaint-severity') },
			{ role: 'technician', name: '技术员 Technician · technician', forms: f('visit-result', 'work-log-form') },
			{ role: 'accountant', name: '会计 Accountant · accountant', forms: f('payment') },
		]);
		// A form's link opens with its role's login (the desk's repair report, here since the start).
		const form = await fetch(formUrl('repair-report'), { headers: { Authorization: basicAuth('desk', state().passwords.desk) } });
		expect(form.status).toBe(200);
		await shot(page, 'service-board-home.png');
		const expected: Array<[string, RegExp, string]> = [
			[`tickets:${t.onTime}`, new RegExp(`^/webhook/after-sales/repairs/${t.onTime}/documents/voucher/`), t.onTime],
			[`tickets:${t.overdue}`, new RegExp(`^/webhook/after-sales/repairs/${t.overdue}/documents/voucher/`), t.overdue],
			[`taken-back:${t.takenBack}`, new RegExp(`^/webhook/after-sales/repairs/${t.takenBack}/documents/repair-card/`), '看板空调室外机'],
			[`invoices:${invoiceNumber}`, new RegExp(`^/webhook/after-sales/invoices/${invoiceNumber}/document/`), invoiceNumber],
			[`complaints:${complaintNumber}`, new RegExp(`^/webhook/after-sales/complaints/${complaintNumber}/documents/reply-letter/`), complaintNumber],
			[`contracts:${CONTRACT_NO}`, new RegExp(`^/webhook/after-sales/contracts/${CONTRACT_NO}/documents/expiry-notice/`), CONTRACT_NO],
		];
		for (const [row, pattern, shows] of expected) {
			const href = view.links[row];
			expect([row, href]).toEqual([row, expect.stringMatching(pattern)]);
			// Opened as a person would from the board: no key header, no login.
			const res = await fetch(new URL(href!, state().baseUrl));
			expect([row, res.status]).toEqual([row, 200]);
			expect(await res.text()).toContain(shows);
		}
		// The board is the list of open tickets: a dispatched ticket links to the technician's visit form and the
		// manager's reassignment, each opening with the ticket filled in.
		const next = (await page.evaluate(
			(n: string) =>
				Array.from(document.querySelectorAll(`tr[data-ticket="${n}"] a[data-next]`)).map((a: any) => `${a.innerText} ${a.getAttribute('href')}`),
			t.onTime,
		)) as string[];
		expect(next).toEqual([
			`上门结果 /form/after-sales/visit-result?ticketNumber=${t.onTime}`,
			`改派 /form/after-sales/dispatch?ticketNumber=${t.onTime}`,
		]);
		const visitForm = await openForm(chromium.browser, new URL(next[0].split(' ')[1], state().baseUrl).href, 'technician');
		expect(await valueOf(visitForm, '工单号')).toBe(t.onTime);
		await visitForm.close();
		// Another document's path with this signature: 403.
		const voucher = view.links[`tickets:${t.onTime}`]!;
		const moved = await fetch(new URL(voucher.replace('/documents/voucher/', '/documents/form/'), state().baseUrl));
		expect(moved.status).toBe(403);
	} finally {
		await page.close();
	}
});

test('?rows=1: each table shows one row and says how many more (还有 N 条 / N more); a bad cap is 400', async () => {
	// Two more reports for the full technician: they wait undispatched (待派工), with any from other specs.
	for (const name of ['看板待派甲', '看板待派乙']) {
		const r = await postWebhook('repairs', {
			customerName: name,
			phone: '13800000001',
			address: '上海市徐汇区',
			siteSituation: '漏水',
			skill: SKILL,
		});
		await expectOk(r, 201);
		expect(r.json).toMatchObject({ status: 'open' });
	}
	const { page, status } = await openBoard('?rows=1');
	try {
		expect(status).toBe(200);
		const tables = (await page.evaluate(() =>
			Array.from(document.querySelectorAll('#tickets h3')).map((h: any) => ({
				heading: h.innerText.trim(),
				rows: h.nextElementSibling.querySelectorAll('tr[data-ticket]').length,
				more: h.nextElementSibling.querySelector('tr.more')?.innerText.trim() ?? null,
			})),
		)) as Array<{ heading: string; rows: number; more: string | null }>;
		for (const table of tables) {
			const total = Number(/\((\d+)\)$/.exec(table.heading)?.[1]);
			expect([table.heading, table.rows]).toEqual([table.heading, 1]);
			expect([table.heading, table.more]).toEqual([table.heading, total > 1 ? `还有 ${total - 1} 条 · 全部显示` : null]);
		}
		expect(tables.find((x) => x.heading.startsWith('待派工'))?.more).toMatch(/^还有 [1-9]\d* 条/);
		await shot(page, 'service-board-capped.png');
	} finally {
		await page.close();
	}
	const en = await fetch(boardUrl('?rows=1&lang=en'), { headers: { Authorization: basic(USER, state().key) } });
	expect(await en.text()).toMatch(/<tr class="more"><td colspan="8">[1-9]\d* more · <a href="\?rows=500&amp;lang=en">show all<\/a><\/td><\/tr>/);
	const bad = await fetch(boardUrl('?rows=0'), { headers: { Authorization: basic(USER, state().key) } });
	expect(bad.status).toBe(400);
	expect(await bad.json()).toEqual({
		errors: [{ field: 'rows', message: expect.stringMatching(/^Rows per section \(每栏行数\): "0" is not allowed/) }],
	});
});

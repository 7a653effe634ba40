/**
 * Scan to report (扫码报修, issue 17 item 5; RECORDS.md *Staff screens*, last paragraph) on the real
 * n8n with the packed package, in Debian's Chromium: the label sheet of a customer with two
 * installations (key header), each QR code decoded from the rendered page to the unit's signed
 * report link; that link opened at a phone's size shows the unit, the customer and the address;
 * the customer's report becomes a ticket with the unit's serial no; the same report sent again is
 * the same ticket; a bad phone is refused naming 电话 first with nothing written; a changed link is
 * refused 403; a unit's fourth report in a day is refused 429. Screenshots in test/e2e/output/.
 */
import jsQR from 'jsqr';
import type { Page } from 'puppeteer-core';
import type { Store } from '../../nodes/shared/store/store';
import { type Chromium, fill, launchChromium, pageText, PHONE, shot } from './browser';
import { getWebhook, KEY_HEADER, openStore, postWebhook, state, waitForMail } from './server';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;
declare const Image: any;
declare const XMLSerializer: any;

const stamp = Date.now().toString().slice(-6);
const CUSTOMER = {
	code: `KH-SCAN-${stamp}`,
	name: `扫码物业${stamp}`,
	contactPerson: '陈经理',
	phone: '13800001234',
	address: `上海市浦东新区扫码路${stamp}号`,
};
// Its area is this spec's street: on the shared e2e server, a report from a label (no skill named) goes to the
// technician serving that address rather than to another spec's technician with a lighter day.
const TECH = {
	name: '扫码技术员',
	phone: `135${stamp.padStart(8, '0')}`,
	email: `scan-${stamp}@e2e.test`,
	skills: 'E2E扫码',
	areas: `扫码路${stamp}号`,
	dailyCapacity: 50,
};
const UNITS = [
	{ serialNo: `SC-${stamp}-A`, description: '中央空调 外机', completedOn: '2026-01-10', warrantyUntil: '2099-01-09' },
	{ serialNo: `SC-${stamp}-B`, description: '新风机', completedOn: '2026-02-10', warrantyUntil: '2099-02-09' },
];

let chromium: Chromium;
let store: Store;
let links: Record<string, string> = {};

const count = async (table: 'tickets' | 'scanReports') =>
	Number(
		(
			await store.db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n,
	);
const reportPath = (url: string) => decodeURIComponent(new URL(url).pathname).replace(/^\/webhook\/after-sales\//, '');
/** n8n makes the link from its own address: localhost or 127.0.0.1, at the e2e server's port. */
const REPORT_LINK = () => new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${state().port}/webhook/after-sales/report/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`);

beforeAll(async () => {
	store = await openStore();
	expect((await postWebhook('import/customers', [CUSTOMER])).json).toMatchObject({ rejected: [] });
	expect((await postWebhook('import/technicians', [TECH])).json).toMatchObject({ rejected: [] });
	expect(
		(
			await postWebhook(
				'import/installations',
				UNITS.map((u) => ({ ...u, customerCode: CUSTOMER.code })),
			)
		).json,
	).toMatchObject({ rejected: [] });
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

/** Every QR code of the page, decoded from the pixels Chromium draws for it. */
async function decodeQrCodes(page: Page): Promise<Array<{ serialNo: string; text: string | null }>> {
	const images = (await page.evaluate(async () => {
		const out: Array<{ serialNo: string; width: number; height: number; data: number[] }> = [];
		for (const label of [...document.querySelectorAll('section.label')]) {
			const svg = label.querySelector('svg.qr');
			const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
			const img = new Image();
			await new Promise((resolve, reject) => {
				img.onload = resolve;
				img.onerror = reject;
				img.src = url;
			});
			const canvas = document.createElement('canvas');
			canvas.width = 400;
			canvas.height = 400;
			const ctx = canvas.getContext('2d');
			ctx.drawImage(img, 0, 0, 400, 400);
			out.push({ serialNo: label.getAttribute('data-serial-no'), width: 400, height: 400, data: [...ctx.getImageData(0, 0, 400, 400).data] });
		}
		return out;
	})) as Array<{ serialNo: string; width: number; height: number; data: number[] }>;
	return images.map((i) => ({ serialNo: i.serialNo, text: jsQR(Uint8ClampedArray.from(i.data), i.width, i.height)?.data ?? null }));
}

test('the label sheet: one label per installation, each QR code the unit’s signed report link', async () => {
	// The key is required; the customer code too, and it must be known.
	expect([401, 403]).toContain((await fetch(`${state().baseUrl}webhook/after-sales/installations/labels?customerCode=${CUSTOMER.code}`)).status);
	const none = await getWebhook('installations/labels');
	expect([none.status, JSON.parse(none.text).errors[0].field]).toEqual([400, 'customerCode']);
	const unknown = await getWebhook('installations/labels?customerCode=KH-NOBODY-9');
	expect([unknown.status, JSON.parse(unknown.text).errors[0].field]).toEqual([404, 'customerCode']);

	const page = await chromium.browser.newPage();
	await page.setViewport({ width: 900, height: 1200 });
	await page.setExtraHTTPHeaders({ [KEY_HEADER]: state().key });
	const res = await page.goto(`${state().baseUrl}webhook/after-sales/installations/labels?customerCode=${encodeURIComponent(CUSTOMER.code)}`, {
		waitUntil: 'networkidle0',
	});
	expect(res?.status()).toBe(200);
	expect(res?.headers()['content-type']).toMatch(/^text\/html/);
	const text = await pageText(page);
	expect(text).toContain('扫码报修');
	for (const u of UNITS) {
		expect(text).toContain(u.serialNo);
		expect(text).toContain(u.description);
	}
	expect(text).toContain(CUSTOMER.address);
	await shot(page, 'scan-labels.png');
	const decoded = await decodeQrCodes(page);
	await page.close();
	expect(decoded.map((d) => d.serialNo)).toEqual(UNITS.map((u) => u.serialNo));
	for (const d of decoded) expect(d.text).toMatch(REPORT_LINK());
	expect(new Set(decoded.map((d) => d.text)).size).toBe(2);
	links = Object.fromEntries(decoded.map((d) => [d.serialNo, d.text!]));
});

test('the link opened on a phone shows the unit, the customer and the address; the report becomes a ticket with the serial no; sent again, the same ticket', async () => {
	const unit = UNITS[0];
	const ticketsBefore = await count('tickets');
	const page = await chromium.browser.newPage();
	await page.setViewport(PHONE);
	const res = await page.goto(links[unit.serialNo], { waitUntil: 'networkidle0' });
	expect(res?.status()).toBe(200);
	const text = await pageText(page);
	for (const expected of [unit.serialNo, unit.description, CUSTOMER.name, CUSTOMER.address]) expect(text).toContain(expected);
	// Chinese first: the labels of the fields the customer fills.
	expect(text).toMatch(/现场情况[\s\S]*电话[\s\S]*联系人/);
	// Fits a 390 px screen: nothing wider than the viewport.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await shot(page, 'scan-report.png');

	await fill(page, '现场情况', '外机不转，有焦味');
	await fill(page, '电话', '139 1234 5678');
	await fill(page, '联系人', '王先生');
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type="submit"]')]);
	const thanks = await pageText(page);
	expect(thanks).toMatch(/^报修已收到/m);
	const ticketNumber = /BX-\d{8}-\d{4}/.exec(thanks)?.[0];
	expect(ticketNumber).toBeDefined();
	await shot(page, 'scan-report-thanks.png');
	await page.close();

	const ticket = await store.db
		.selectFrom('tickets as t')
		.innerJoin('customers as c', 'c.id', 't.customerId')
		.select(['t.ticketNumber', 't.serialNo', 't.phone', 't.contactPerson', 't.address', 't.siteSituation', 't.customerType', 'c.code'])
		.where('t.ticketNumber', '=', ticketNumber!)
		.executeTakeFirstOrThrow();
	expect(ticket).toEqual({
		ticketNumber,
		serialNo: unit.serialNo,
		phone: '13912345678',
		contactPerson: '王先生',
		address: CUSTOMER.address,
		siteSituation: '外机不转，有焦味',
		customerType: 'in-warranty',
		code: CUSTOMER.code,
	});
	expect(await count('tickets')).toBe(ticketsBefore + 1);

	// The same report again (a system posting JSON, the same words): the same ticket, nothing new.
	const again = await postWebhook(
		reportPath(links[unit.serialNo]),
		{ siteSituation: '外机不转，有焦味', phone: '13912345678', contactPerson: '王先生' },
		{ key: null },
	);
	expect([again.status, again.json.ticketNumber, again.json.duplicate]).toEqual([201, ticketNumber, true]);
	expect(await count('tickets')).toBe(ticketsBefore + 1);
	expect(await count('scanReports')).toBeGreaterThanOrEqual(1);
});

test('a bad phone: 400 naming 电话 first, nothing written; on the page too', async () => {
	const url = links[UNITS[1].serialNo];
	const [tickets, reports] = [await count('tickets'), await count('scanReports')];
	const bad = await postWebhook(reportPath(url), { siteSituation: '不出风', phone: '12345' }, { key: null });
	expect(bad.status).toBe(400);
	expect(bad.json.errors).toEqual([{ field: 'phone', message: expect.stringMatching(/^电话 Phone: "12345"/) }]);

	const page = await chromium.browser.newPage();
	await page.setViewport(PHONE);
	await page.goto(url, { waitUntil: 'networkidle0' });
	await fill(page, '现场情况', '不出风');
	await fill(page, '电话', '12345');
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type="submit"]')]);
	const text = await pageText(page);
	expect(text).toMatch(/^报修未能提交/m);
	expect(text).toMatch(/^电话 Phone: "12345" 不是有效的电话号码/m);
	expect(text).toContain('返回修改');
	await shot(page, 'scan-report-error.png');
	await page.close();
	expect([await count('tickets'), await count('scanReports')]).toEqual([tickets, reports]);
});

test('a changed link: 403 for the page and for a report, nothing written', async () => {
	const url = links[UNITS[1].serialNo];
	const token = url.split('/').pop()!;
	const changed = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
	const otherUnit = `${(parseInt(token.split('.')[0], 36) + 1000).toString(36)}.${token.split('.')[1]}`;
	const [tickets, reports] = [await count('tickets'), await count('scanReports')];
	for (const t of [changed, otherUnit, 'not-a-label']) {
		const page = await fetch(`${state().baseUrl}webhook/after-sales/report/${encodeURIComponent(t)}`);
		expect([t, page.status]).toEqual([t, 403]);
		expect(await page.text()).toContain('链接无效');
		const post = await postWebhook(`report/${t}`, { siteSituation: '不出风', phone: '13912345678' }, { key: null });
		expect([post.status, (post.json.errors as Array<{ field: string }>)[0].field]).toEqual([403, 'token']);
	}
	expect([await count('tickets'), await count('scanReports')]).toEqual([tickets, reports]);
});

test('a unit’s fourth new report in 24 hours: 429 with a clear message, nothing written; the other unit still reports', async () => {
	const path = reportPath(links[UNITS[0].serialNo]);
	// The first unit has one report (the page's); two more fit the limit of three.
	for (const s of ['又不转了', '漏水']) expect((await postWebhook(path, { siteSituation: s, phone: '13912345678' }, { key: null })).status).toBe(201);
	const [tickets, reports] = [await count('tickets'), await count('scanReports')];
	const fourth = await postWebhook(path, { siteSituation: '第四次', phone: '13912345678' }, { key: null });
	expect(fourth.status).toBe(429);
	expect((fourth.json.errors as unknown[])[0]).toEqual({ field: 'rateLimit', message: expect.stringMatching(/^报修次数过多 Too many reports/) });
	expect([await count('tickets'), await count('scanReports')]).toEqual([tickets, reports]);
	// The same report as one already taken is still answered with its ticket, not refused.
	const repeat = await postWebhook(path, { siteSituation: '漏水', phone: '13912345678' }, { key: null });
	expect([repeat.status, repeat.json.duplicate]).toEqual([201, true]);
	const other = await postWebhook(reportPath(links[UNITS[1].serialNo]), { siteSituation: '不出风', phone: '13912345678' }, { key: null });
	expect([other.status, other.json.serialNo]).toEqual([201, UNITS[1].serialNo]);
	// The same intake as POST repairs: dispatched, and the technician gets the voucher by email.
	expect(other.json.technician).toEqual({ name: TECH.name, phone: TECH.phone });
	const mail = await waitForMail((m) => m.to.includes(TECH.email) && m.subject.includes(String(other.json.ticketNumber)));
	expect(mail.text).toContain(UNITS[1].serialNo);
	expect(mail.attachments.some((a) => a.filename.endsWith('service-voucher.html'))).toBe(true);
});

/**
 * The technician's visit-result form (issue 17, RECORDS.md *Staff screens*: `/form/after-sales/visit-result`,
 * role technician) in Debian's Chromium on a 390 px phone screen: opened from the dispatch email's link
 * with the ticket filled in (`?ticketNumber=`), filled by label, a PNG photo uploaded, submitted;
 * the answer shows the ticket's new status and a signed link to Form 1.1, which opens with no
 * login and shows the photo from the store. One mistake (用时 not a number) names 用时 first and
 * writes nothing; the desk's password gets 401. With 工单号 left empty the next page lists the tickets
 * dispatched to the technician named by 技术员电话 (from the register); the one picked is recorded, photo
 * included; none to list, or a phone no technician has, is said on the page and nothing is written.
 * Screenshots in test/e2e/output/form-visit-result*.png.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../nodes/shared/store/store';
import {
	PHONE,
	basicAuth,
	type Chromium,
	choose,
	fieldId,
	fill,
	formUrl,
	launchChromium,
	listItems,
	openForm,
	pageText,
	shot,
	submit,
	upload,
} from './browser';
import { openStore, postWebhook, state, waitForMail } from './server';
import { png } from '../harness/png';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;

const stamp = Date.now().toString().slice(-4);
const SKILL = `E2E上门表单${stamp}`;
const TECH = { name: '上门表单技术员', phone: `1393333${stamp}`, email: `visit-tech-${stamp}@e2e.test` };
const PHOTO = png(120, 80, [30, 160, 60]);
const photoFile = join(mkdtempSync(join(tmpdir(), 'visit-photo-')), '现场.png');
writeFileSync(photoFile, PHOTO);

let chromium: Chromium;
let store: Store;

async function count(table: 'ticketPhotos' | 'ticketEvents' | 'workLog'): Promise<number> {
	const row = await store.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** A ticket reported through the intake webhook and dispatched to this spec's technician. */
async function dispatchedTicket(n: number): Promise<string> {
	const r = await postWebhook('repairs', {
		customerName: `上门表单客户${stamp}-${n}`,
		contactPerson: '陈经理',
		phone: `1372222${stamp.slice(0, 3)}${n}`,
		address: '上海市徐汇区漕溪路 88 号',
		siteSituation: '空调不制冷',
		skill: SKILL,
	});
	expect([r.status, r.json?.status]).toEqual([201, 'dispatched']);
	return String(r.json.ticketNumber);
}

const visitPage = (ticketNumber: string) =>
	openForm(chromium.browser, `visit-result?ticketNumber=${encodeURIComponent(ticketNumber)}`, 'technician', PHONE);

beforeAll(async () => {
	store = await openStore();
	const imported = await postWebhook('import/technicians', [{ ...TECH, skills: SKILL, dailyCapacity: 5 }]);
	expect([imported.status, imported.text]).toEqual([200, imported.text]);
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

test('only the technician password opens the form: none, the desk’s or another role’s get 401', async () => {
	const { passwords } = state();
	const url = formUrl('visit-result');
	expect((await fetch(url)).status).toBe(401);
	for (const [user, password] of [
		['desk', passwords.desk],
		['technician', passwords.desk],
		['manager', passwords.manager],
		['accountant', passwords.accountant],
		['technician', 'not-the-password'],
	]) {
		const res = await fetch(url, { headers: { Authorization: basicAuth(user, password) } });
		expect([user, res.status]).toEqual([user, 401]);
	}
	const ok = await fetch(url, { headers: { Authorization: basicAuth('technician', passwords.technician) } });
	expect(ok.status).toBe(200);
	const html = await ok.text();
	expect(html).toContain('上门结果');
	expect(html).toContain('提交');
	expect(html).toContain('手写签名板');
	expect(html).not.toMatch(/Form automated with/i);
});

test('on a phone, from the prefilled link: a PNG photo uploaded, the answer shows the new status, Form 1.1 opened from its signed link shows the photo', async () => {
	const ticketNumber = await dispatchedTicket(1);
	const photosBefore = await count('ticketPhotos');
	// The dispatch email to the technician links the form with the ticket filled in.
	const mail = await waitForMail((m) => m.to.includes(TECH.email) && m.text.includes(ticketNumber));
	const link = /(\S+form\/after-sales\/visit-result\?ticketNumber=\S+)/.exec(mail.text)?.[1];
	expect(link).toMatch(/^https?:\/\/[^/]+\//);
	expect(new URL(link!).pathname + new URL(link!).search).toBe(`/form/after-sales/visit-result?ticketNumber=${ticketNumber}`);
	const page = await openForm(chromium.browser, link!, 'technician', PHONE);
	// The phone's width: nothing wider than the screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	expect(await page.$eval(`[id="${await fieldId(page, '工单号')}"]`, (el: any) => el.value)).toBe(ticketNumber);
	await shot(page, 'form-visit-result.png');
	await choose(page, '处理结果', '已解决');
	await fill(page, '处理方案', '清洗冷凝器，更换启动电容');
	await fill(page, '用时', '45');
	await fill(page, '配件', '启动电容 x1 @35');
	await fill(page, '客户签字', '陈经理');
	await fill(page, '备注', '建议每季度清洗一次 <滤网>');
	await upload(page, '照片', photoFile);
	await submit(page, /已记录|未记录/);
	await shot(page, 'form-visit-result-answer.png');
	const text = await pageText(page);
	expect(text).toContain(`工单号 Ticket: ${ticketNumber}`);
	expect(text).toContain('工单状态 Status: 当场修妥 Solved on site');
	expect(text).toContain('照片 Photos: 1');
	// The photo is in the store, byte for byte, with the ticket.
	expect(await count('ticketPhotos')).toBe(photosBefore + 1);
	const kept = await store.db
		.selectFrom('ticketPhotos')
		.innerJoin('tickets', 'tickets.id', 'ticketPhotos.ticketId')
		.select(['ticketPhotos.seq', 'ticketPhotos.contentType', 'ticketPhotos.sha256', 'ticketPhotos.size'])
		.where('tickets.ticketNumber', '=', ticketNumber)
		.execute();
	expect(kept).toEqual([{ seq: 1, contentType: 'image/png', sha256: createHash('sha256').update(PHOTO).digest('hex'), size: PHOTO.length }]);
	// Form 1.1 from the answer page's signed link, in a browser that never logged in: the photo shows.
	const href = (await page.evaluate(() => document.querySelector('a[href*="/documents/form/"]')?.getAttribute('href'))) as string;
	expect(href).toMatch(new RegExp(`^/webhook/after-sales/repairs/${ticketNumber}/documents/form/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
	const context = await chromium.browser.createBrowserContext();
	const fresh = await context.newPage();
	await fresh.setViewport(PHONE);
	const opened = await fresh.goto(new URL(href, state().baseUrl).toString(), { waitUntil: 'networkidle0' });
	expect(opened?.status()).toBe(200);
	const images = (await fresh.evaluate(() =>
		[...document.querySelectorAll('img')].map((img: any) => ({ src: img.getAttribute('src').slice(0, 22), width: img.naturalWidth, alt: img.alt })),
	)) as Array<{ src: string; width: number; alt: string }>;
	expect(images).toEqual([{ src: 'data:image/png;base64,', width: 120, alt: '照片 1' }]);
	const form = await pageText(fresh);
	expect(form).toContain('建议每季度清洗一次 <滤网>');
	expect(form).toContain('清洗冷凝器，更换启动电容');
	await shot(fresh, 'form-visit-result-form11.png');
	await context.close();
	await page.close();
});

test('one mistake (用时 not a number): the page names 用时 first, nothing is written; “Correct it” reopens the form filled in, and corrected it is recorded (no photo this time)', async () => {
	const ticketNumber = await dispatchedTicket(2);
	const before = [await count('ticketPhotos'), await count('ticketEvents'), await count('workLog')];
	const page = await visitPage(ticketNumber);
	await choose(page, '处理结果', '已解决');
	await fill(page, '处理方案', '复位控制板');
	await fill(page, '用时', '四十分钟');
	await fill(page, '客户签字', '李先生');
	await upload(page, '照片', photoFile);
	await submit(page, /已记录|未记录/);
	await shot(page, 'form-visit-result-mistake.png');
	const text = await pageText(page);
	expect(text).toContain('未记录');
	expect(text).not.toMatch(/Problem submitting response/i);
	const items = (await page.evaluate(() => [...document.querySelectorAll('li')].map((li: any) => li.innerText.trim()))) as string[];
	expect(items).toEqual([expect.stringMatching(/^用时 Minutes on site: "四十分钟" is not a number of minutes/)]);
	expect([await count('ticketPhotos'), await count('ticketEvents'), await count('workLog')]).toEqual(before);
	const t = await store.db.selectFrom('tickets').select('status').where('ticketNumber', '=', ticketNumber).executeTakeFirstOrThrow();
	expect(t.status).toBe('dispatched');
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('a[href^="/form/after-sales/visit-result?"]')]);
	const value = async (label: string) => (await page.$eval(`[id="${await fieldId(page, label)}"]`, (el: any) => el.value)) as string;
	expect([await value('工单号'), await value('处理方案'), await value('用时'), await value('客户签字')]).toEqual([
		ticketNumber,
		'复位控制板',
		'四十分钟',
		'李先生',
	]);
	// Only 用时 retyped, no photo this time: recorded, with no photo kept.
	await page.$eval(`[id="${await fieldId(page, '用时')}"]`, (el: any) => (el.value = ''));
	await fill(page, '用时', '40');
	await choose(page, '处理结果', '已解决');
	await submit(page, /已记录|未记录/);
	const text2 = await pageText(page);
	expect(text2).toContain('工单状态 Status: 当场修妥 Solved on site');
	expect(text2).toContain('照片 Photos: 0');
	expect(await count('ticketPhotos')).toBe(before[0]);
	expect(await count('ticketEvents')).toBeGreaterThan(before[1]);
	await page.close();
});

/** The texts of the page's dropdown options, n8n's disabled "Select an option ..." left out. */
const optionTexts = async (page: Awaited<ReturnType<typeof visitPage>>) =>
	(await page.evaluate(() =>
		[...document.querySelectorAll('select option')].filter((o: any) => !o.disabled).map((o: any) => o.text.trim()),
	)) as string[];

test('工单号 left empty: the next page lists the tickets dispatched to the technician named by 技术员电话; the one picked is recorded with its photo', async () => {
	const ticketNumber = await dispatchedTicket(3);
	const photosBefore = await count('ticketPhotos');
	const page = await openForm(chromium.browser, 'visit-result', 'technician', PHONE);
	expect(await page.$eval(`[id="${await fieldId(page, '工单号')}"]`, (el: any) => el.value)).toBe('');
	await fill(page, '技术员电话', TECH.phone);
	await choose(page, '处理结果', '已解决');
	await fill(page, '处理方案', '更换风扇电机');
	await fill(page, '用时', '50');
	await fill(page, '客户签字', '王女士');
	await upload(page, '照片', photoFile);
	await submit(page, /选择工单|已记录|未记录/);
	const listed = await pageText(page);
	expect(listed).toContain('选择工单');
	expect(listed).toContain('已派工、尚未上门的工单');
	expect(listed).toContain('最多 200 张');
	// Only this technician's dispatched ticket: the two of the tests above are visited already.
	expect(await optionTexts(page)).toEqual([`${ticketNumber} · 上门表单客户${stamp}-3 · 空调不制冷 · ${TECH.name}`]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await choose(page, '工单号', ticketNumber);
	await shot(page, 'form-visit-result-list.png');
	await submit(page, /已记录|未记录/);
	await shot(page, 'form-visit-result-list-answer.png');
	const text = await pageText(page);
	expect(text).toContain(`工单号 Ticket: ${ticketNumber}`);
	expect(text).toContain('工单状态 Status: 当场修妥 Solved on site');
	expect(text).toContain('照片 Photos: 1');
	const t = await store.db
		.selectFrom('tickets')
		.select(['status', 'solution', 'customerSignature'])
		.where('ticketNumber', '=', ticketNumber)
		.executeTakeFirstOrThrow();
	expect(t).toEqual({ status: 'solved-on-site', solution: '更换风扇电机', customerSignature: '王女士' });
	expect(await count('ticketPhotos')).toBe(photosBefore + 1);
	await page.close();
});

test('工单号 left empty and no ticket dispatched to that technician: the page says so in Chinese and nothing is written', async () => {
	const before = [await count('ticketPhotos'), await count('ticketEvents'), await count('workLog')];
	const page = await openForm(chromium.browser, 'visit-result', 'technician', PHONE);
	await fill(page, '技术员电话', TECH.phone);
	await choose(page, '处理结果', '已解决');
	await fill(page, '处理方案', '检查线路');
	await fill(page, '用时', '20');
	await fill(page, '客户签字', '赵先生');
	await submit(page, /选择工单|没有可选的工单|已记录|未记录/);
	await shot(page, 'form-visit-result-none.png');
	const text = await pageText(page);
	expect(text).toContain('没有可选的工单');
	expect(text).toContain(`目前没有派给技术员 ${TECH.phone} 的已派工、尚未上门的工单，所以什么也没有保存`);
	expect([await count('ticketPhotos'), await count('ticketEvents'), await count('workLog')]).toEqual(before);
	// "Back to the form" opens page 1 with what was typed.
	await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('a[href^="/form/after-sales/visit-result?"]')]);
	expect(await page.$eval(`[id="${await fieldId(page, '技术员电话')}"]`, (el: any) => el.value)).toBe(TECH.phone);
	expect(await page.$eval(`[id="${await fieldId(page, '处理方案')}"]`, (el: any) => el.value)).toBe('检查线路');
	await page.close();
});

test('工单号 left empty with a 技术员电话 no technician has: the page names 技术员电话 first and nothing is written', async () => {
	const before = [await count('ticketPhotos'), await count('ticketEvents'), await count('workLog')];
	const page = await openForm(chromium.browser, 'visit-result', 'technician', PHONE);
	await fill(page, '技术员电话', '13900000000');
	await choose(page, '处理结果', '已解决');
	await fill(page, '处理方案', '检查线路');
	await fill(page, '用时', '20');
	await fill(page, '客户签字', '赵先生');
	await submit(page, /选择工单|没有可选的工单|已记录|未记录/);
	const text = await pageText(page);
	expect(text).toContain('未记录');
	expect(await listItems(page)).toEqual([expect.stringMatching(/^技术员电话 Your phone: No technician with phone "13900000000"/)]);
	expect([await count('ticketPhotos'), await count('ticketEvents'), await count('workLog')]).toEqual(before);
	await page.close();
});

/**
 * The manager's dispatch (issue 17 item 3, RECORDS.md *Staff screens*: `/form/after-sales/dispatch`,
 * role manager; `POST repairs/<n>/dispatch` and `/cancel`) on the real n8n with the packed package,
 * in Debian's Chromium: the manager logs in, assigns, reassigns and cancels with a reason through
 * the two-page form (page 2 is an n8n Form page defined by JSON from the technician register —
 * this also proves n8n's Basic Auth holds across the pages of a multi-page form on 2.41.1); one
 * mistake (取消 without 原因) names 原因 first and changes nothing; another role's password gets
 * 401; the webhooks answer 200 / 400 / 404. With 工单号 left empty, a page before the technician's lists
 * the open tickets (派工) or the dispatched ones (改派) from the register to pick from.
 * Screenshots in test/e2e/output/form-dispatch*.png.
 */
import type { Page } from 'puppeteer-core';
import { DateTime } from 'luxon';
import type { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { insertTestTicket } from '../harness/tickets';
import { basicAuth, choose, type Chromium, fill, formUrl, launchChromium, openForm, pageText, shot, submit, tick, valueOf } from './browser';
import { openStore, postWebhook, serviceDay, state, waitForMail } from './server';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;

const stamp = Date.now().toString().slice(-4);
const SKILL = `E2E派工${stamp}`;
const JIA = { name: `派工甲${stamp}`, phone: `1393310${stamp}`, email: `paigong-jia-${stamp}@example.test` };
const YI = { name: `派工乙${stamp}`, phone: `1393320${stamp}`, email: `paigong-yi-${stamp}@example.test` };
const BING = { name: `派工丙${stamp}`, phone: `1393330${stamp}` };
const today = serviceDay();
const number = (n: number) => `BX-${today.replaceAll('-', '')}-${9000 + n}`;
const [T1, T2, T3, T4, T5] = [1, 2, 3, 4, 5].map(number);

let chromium: Chromium;
let store: Store;

beforeAll(async () => {
	store = await openStore();
	const imported = await postWebhook('import/technicians', [
		{ ...JIA, skills: SKILL, dailyCapacity: 3 },
		{ ...YI, skills: SKILL, dailyCapacity: 3 },
		{ ...BING, skills: SKILL, dailyCapacity: 1 },
	]);
	expect([imported.status, imported.text]).toEqual([200, imported.text]);
	// Five undispatched tickets needing a skill only these technicians have (written straight into the register:
	// the intake would dispatch them at once); the fifth is picked from the form's list.
	const now = new Date().toISOString();
	await store.transaction(async (trx) => {
		const c = await createCustomer(trx, { name: `派工客户${stamp}`, phone: '13800138000' }, now);
		for (const n of [1, 2, 3, 4, 5]) {
			await insertTestTicket(
				trx,
				{
					customerId: c.id,
					n: 9000 + n,
					reportDate: today,
					skill: SKILL,
					dueAt: DateTime.now().plus({ days: 2 }).toUTC().toISO()!,
					...(n === 5 ? { siteSituation: '热水器不点火' } : {}),
				},
				now,
			);
		}
	});
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

const ticket = async (n: string) => {
	const t = await store.db
		.selectFrom('tickets')
		.select(['id', 'status', 'technicianId', 'cancelReason'])
		.where('ticketNumber', '=', n)
		.executeTakeFirstOrThrow();
	const k = t.technicianId
		? await store.db.selectFrom('technicians').select('name').where('id', '=', t.technicianId).executeTakeFirstOrThrow()
		: null;
	return { ...t, technician: k?.name ?? null };
};
const events = async (n: string) =>
	(
		await store.db
			.selectFrom('ticketEvents as e')
			.innerJoin('tickets as t', 't.id', 'e.ticketId')
			.select(['e.action', 'e.actor', 'e.details'])
			.where('t.ticketNumber', '=', n)
			.orderBy('e.id')
			.execute()
	).map((e) => ({ action: e.action, actor: e.actor, reason: (JSON.parse(e.details) as { reason?: string }).reason ?? null }));

/** Page 1 (工单号 prefilled from the link, 操作), then page 2; returns the page showing page 2. */
async function firstPage(ticketNumber: string, action: '派工' | '改派' | '取消', shotName?: string): Promise<Page> {
	const page = await openForm(chromium.browser, `dispatch?ticketNumber=${ticketNumber}`, 'manager');
	expect(await valueOf(page, '工单号')).toBe(ticketNumber);
	await choose(page, '操作', action);
	if (shotName) await shot(page, shotName);
	await submit(page, new RegExp(`Dispatch · ${action} ${ticketNumber}`));
	return page;
}

const answer = async (page: Page, name: string) => {
	await submit(page, /已派工|已改派|已取消|未办理/);
	await shot(page, name);
	return await pageText(page);
};

test('only the manager password opens the form: none, a wrong one or another role’s get 401', async () => {
	const { passwords } = state();
	expect((await fetch(formUrl('dispatch'))).status).toBe(401);
	for (const [user, password] of [
		['manager', 'not-the-password'],
		['technician', passwords.technician],
		['desk', passwords.desk],
		['accountant', passwords.accountant],
		['manager', passwords.technician],
	]) {
		const res = await fetch(formUrl('dispatch'), { headers: { Authorization: basicAuth(user, password) } });
		expect([user, res.status]).toEqual([user, 401]);
	}
	const ok = await fetch(formUrl('dispatch'), { headers: { Authorization: basicAuth('manager', passwords.manager) } });
	expect(ok.status).toBe(200);
	const html = await ok.text();
	expect(html).toContain('派工');
	expect(html).toContain('下一步');
	expect(html).not.toMatch(/Form automated with/i);
});

test('the manager assigns on the form: the technicians come from the register, the answer shows the ticket and its voucher link', async () => {
	const page = await firstPage(T1, '派工', 'form-dispatch.png');
	// Page 2: n8n's Form page behind the same login, its list from the technician register.
	const options = (await page.evaluate(() => [...document.querySelectorAll('select option')].map((o: any) => o.text))) as string[];
	expect(options).toEqual(
		expect.arrayContaining([expect.stringContaining(`${JIA.name} · ${JIA.phone}`), expect.stringContaining(`${BING.name} · ${BING.phone}`)]),
	);
	expect(await pageText(page)).toContain(`工单 Ticket ${T1}`);
	await choose(page, '技术员', JIA.phone);
	await shot(page, 'form-dispatch-technician.png');
	const text = await answer(page, 'form-dispatch-answer.png');
	expect(text).toContain(`已派工 Assigned: ${T1}`);
	expect(text).toMatch(new RegExp(`工单号 Ticket: ${T1}\\b`));
	expect(text).toContain('状态 Status: 已派工 dispatched');
	expect(text).toContain(`技术员 Technician: ${JIA.name} ${JIA.phone}`);
	expect(text).toMatch(/完成期限 Due: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
	expect(await ticket(T1)).toMatchObject({ status: 'dispatched', technician: JIA.name });
	const href = (await page.evaluate(() => document.querySelector('a[href*="/documents/voucher/"]')?.getAttribute('href'))) as string;
	const voucher = await fetch(new URL(href, state().baseUrl));
	expect(voucher.status).toBe(200);
	const html = await voucher.text();
	expect(html).toContain(T1);
	expect(html).toContain(JIA.name);
	await page.close();
	// The technician hears of it as from the daily dispatch: the voucher attached and the visit form's link with the ticket.
	const mail = await waitForMail((m) => m.to.includes(JIA.email) && m.subject.includes(T1));
	expect(mail.subject).toBe(`派工 Dispatch ${T1} · 派工客户${stamp}`);
	expect(mail.text).toContain('经理把一张工单派给您');
	expect(mail.text).toMatch(new RegExp(`form/after-sales/visit-result\\?ticketNumber=${T1}\\b`));
	expect(mail.attachments.map((a) => a.contentType)).toEqual([expect.stringMatching(/^text\/html/)]);
	expect(Buffer.from(mail.attachments[0].base64, 'base64').toString('utf8')).toContain(T1);
});

test('the manager reassigns before the visit, then cancels: a mistake first (取消 without 原因) names 原因 and changes nothing', async () => {
	const reassign = await firstPage(T1, '改派');
	await choose(reassign, '技术员', YI.phone);
	await fill(reassign, '原因', `${JIA.name}今天请假`);
	const moved = await answer(reassign, 'form-dispatch-reassign.png');
	expect(moved).toContain(`已改派 Reassigned: ${T1}`);
	expect(moved).toContain(`技术员 Technician: ${YI.name} ${YI.phone} (原 before: ${JIA.name})`);
	expect(await ticket(T1)).toMatchObject({ status: 'dispatched', technician: YI.name });
	await reassign.close();
	const moveMail = await waitForMail((m) => m.to.includes(YI.email) && m.subject.includes(T1));
	expect(moveMail.subject).toBe(`改派 Reassigned ${T1} · 派工客户${stamp}`);
	expect(moveMail.text).toContain('经理把一张工单改派给您');

	const before = { ticket: await ticket(T1), events: await events(T1) };
	const mistake = await firstPage(T1, '取消');
	const text = await answer(mistake, 'form-dispatch-mistake.png');
	expect(text).toContain('未办理');
	expect(text).not.toMatch(/Problem submitting response/i);
	const items = (await mistake.evaluate(() => [...document.querySelectorAll('li')].map((li: any) => li.innerText.trim()))) as string[];
	expect(items).toEqual([expect.stringMatching(/^原因 Reason: required to cancel/)]);
	expect({ ticket: await ticket(T1), events: await events(T1) }).toEqual(before);
	// "Correct it" opens page 1 again with the ticket and the action filled in.
	await Promise.all([mistake.waitForNavigation({ waitUntil: 'networkidle0' }), mistake.click('a[href^="/form/after-sales/dispatch?"]')]);
	expect(await valueOf(mistake, '工单号')).toBe(T1);
	expect(await valueOf(mistake, '操作')).toBe('取消');
	await mistake.close();

	const cancel = await firstPage(T1, '取消');
	await fill(cancel, '原因', '客户来电撤销报修');
	const cancelled = await answer(cancel, 'form-dispatch-cancel.png');
	expect(cancelled).toContain(`已取消 Cancelled: ${T1}`);
	expect(cancelled).toContain('状态 Status: 已取消 cancelled');
	expect(await ticket(T1)).toMatchObject({ status: 'cancelled', cancelReason: '客户来电撤销报修' });
	expect(await events(T1)).toEqual([
		{ action: 'register', actor: 'test', reason: null },
		{ action: 'dispatch', actor: 'dispatch form (manager)', reason: null },
		{ action: 'reassign', actor: 'dispatch form (manager)', reason: `${JIA.name}今天请假` },
		{ action: 'cancel', actor: 'dispatch form (manager)', reason: '客户来电撤销报修' },
	]);
	await cancel.close();
});

test('the webhooks: assign, capacity held unless forced with a reason, cancel with a reason; 400 field errors, 404 unknown ticket', async () => {
	const assigned = await postWebhook(`repairs/${T2}/dispatch`, { technicianPhone: BING.phone, by: '王经理' });
	expect([assigned.status, assigned.json?.status, (assigned.json?.technician as { name?: string })?.name]).toEqual([200, 'dispatched', BING.name]);
	// 丙 (capacity 1) is full today.
	const full = await postWebhook(`repairs/${T3}/dispatch`, { technicianPhone: BING.phone });
	expect([full.status, (full.json?.errors as Array<{ field: string }>)?.map((e) => e.field)]).toEqual([400, ['technicianPhone']]);
	expect(full.text).toMatch(/at capacity today: 1 of 1/);
	const noReason = await postWebhook(`repairs/${T3}/dispatch`, { technicianPhone: BING.phone, force: true });
	expect([noReason.status, (noReason.json?.errors as Array<{ field: string }>)?.map((e) => e.field)]).toEqual([400, ['reason']]);
	expect(await ticket(T3)).toMatchObject({ status: 'open', technician: null });
	const forced = await postWebhook(`repairs/${T3}/dispatch`, { technicianPhone: BING.phone, force: true, reason: '老客户指定', by: '王经理' });
	expect([forced.status, forced.json?.overCapacity, forced.json?.forced]).toEqual([200, true, true]);
	const reassigned = await postWebhook(`repairs/${T3}/dispatch`, { technicianPhone: JIA.phone, reason: '减轻丙', by: '李经理' });
	expect([reassigned.status, reassigned.json?.decision, (reassigned.json?.technician as { name?: string })?.name]).toEqual([
		200,
		'reassign',
		JIA.name,
	]);

	const unknown = await postWebhook(`repairs/BX-19990101-0001/dispatch`, { technicianPhone: JIA.phone });
	expect([unknown.status, (unknown.json?.errors as Array<{ field: string }>)?.map((e) => e.field)]).toEqual([404, ['ticketNumber']]);
	const noKey = await postWebhook(`repairs/${T3}/cancel`, { reason: 'x' }, { key: null });
	expect(noKey.status).not.toBe(200);
	const cancelNoReason = await postWebhook(`repairs/${T3}/cancel`, {});
	expect([cancelNoReason.status, (cancelNoReason.json?.errors as Array<{ field: string }>)?.map((e) => e.field)]).toEqual([400, ['reason']]);
	const cancelled = await postWebhook(`repairs/${T3}/cancel`, { reason: '客户撤销', by: '王经理' });
	expect([cancelled.status, cancelled.json?.status]).toEqual([200, 'cancelled']);
	const again = await postWebhook(`repairs/${T3}/cancel`, { reason: '再次' });
	expect([again.status, (again.json?.errors as Array<{ field: string }>)?.map((e) => e.field)]).toEqual([400, ['ticketNumber']]);
	expect(await events(T3)).toEqual([
		{ action: 'register', actor: 'test', reason: null },
		{ action: 'dispatch', actor: '王经理', reason: '老客户指定' },
		{ action: 'reassign', actor: '李经理', reason: '减轻丙' },
		{ action: 'cancel', actor: '王经理', reason: '客户撤销' },
	]);
});

test('on the form, a technician full today takes the job only with 超出当日容量 ticked and a reason', async () => {
	// 丙 (capacity 1) has T2 since the webhook test.
	const full = await firstPage(T4, '派工');
	await choose(full, '技术员', BING.phone);
	const refused = await answer(full, 'form-dispatch-full.png');
	expect(refused).toContain('未办理');
	const items = (await full.evaluate(() => [...document.querySelectorAll('li')].map((li: any) => li.innerText.trim()))) as string[];
	expect(items).toEqual([expect.stringMatching(/^技术员 Technician: .*at capacity today: 1 of 1 jobs; to assign anyway tick 超出当日容量/)]);
	expect(await ticket(T4)).toMatchObject({ status: 'open', technician: null });
	await full.close();

	const forced = await firstPage(T4, '派工');
	await choose(forced, '技术员', BING.phone);
	await tick(forced, '是，已满也派');
	await fill(forced, '原因', '客户指定丙');
	const text = await answer(forced, 'form-dispatch-forced.png');
	expect(text).toContain(`已派工 Assigned: ${T4}`);
	expect(text).toContain(`技术员 Technician: ${BING.name} ${BING.phone} · 超出当日容量 over capacity`);
	expect(await ticket(T4)).toMatchObject({ status: 'dispatched', technician: BING.name });
	expect((await events(T4)).at(-1)).toEqual({ action: 'dispatch', actor: 'dispatch form (manager)', reason: '客户指定丙' });
	await forced.close();
});

/** The texts of the page's dropdown options, n8n's disabled "Select an option ..." left out. */
const optionTexts = async (page: Page) =>
	(await page.evaluate(() =>
		[...document.querySelectorAll('select option')].filter((o: any) => !o.disabled).map((o: any) => o.text.trim()),
	)) as string[];

test('工单号 left empty: the manager picks the ticket from the list of open tickets (派工) or dispatched ones (改派), then the technician', async () => {
	const page = await openForm(chromium.browser, 'dispatch', 'manager');
	expect(await valueOf(page, '工单号')).toBe('');
	await choose(page, '操作', '派工');
	await submit(page, /选择工单/);
	const listed = await pageText(page);
	expect(listed).toContain('请从待派工的工单中选择');
	expect(listed).toContain('最多 200 张');
	const options = await optionTexts(page);
	// The list comes from the register: T5 with its customer and site; only undispatched tickets (T1 and T3 cancelled, T2 and T4 dispatched).
	expect(options).toContain(`${T5} · 派工客户${stamp} · 热水器不点火 · 待派工`);
	expect(options.every((o) => o.includes(' · 待派工'))).toBe(true);
	expect(options.some((o) => [T1, T2, T3, T4].some((n) => o.startsWith(n)))).toBe(false);
	await choose(page, '工单号', T5);
	await shot(page, 'form-dispatch-list.png');
	// Page 3: the technician page of the ticket picked, as after a prefilled link.
	await submit(page, new RegExp(`Dispatch · 派工 ${T5}`));
	expect(await pageText(page)).toContain(`工单 Ticket ${T5}`);
	await choose(page, '技术员', YI.phone);
	const text = await answer(page, 'form-dispatch-list-answer.png');
	expect(text).toContain(`已派工 Assigned: ${T5}`);
	expect(text).toContain(`技术员 Technician: ${YI.name} ${YI.phone}`);
	expect(await ticket(T5)).toMatchObject({ status: 'dispatched', technician: YI.name });
	expect((await events(T5)).at(-1)).toEqual({ action: 'dispatch', actor: 'dispatch form (manager)', reason: null });
	await page.close();

	// 改派 lists the dispatched tickets not yet visited: T5 now, with its technician.
	const again = await openForm(chromium.browser, 'dispatch', 'manager');
	await choose(again, '操作', '改派');
	await submit(again, /选择工单/);
	expect(await pageText(again)).toContain('请从已派工、尚未上门的工单中选择');
	const dispatched = await optionTexts(again);
	expect(dispatched).toContain(`${T5} · 派工客户${stamp} · 热水器不点火 · 已派工 · ${YI.name}`);
	expect(dispatched.every((o) => o.includes(' · 已派工 · '))).toBe(true);
	await again.close();
});

/**
 * The revisit path on the live server (RULES turn 3, *Visit outcome other*): the technician, on the
 * visit-result form in Chromium on a 390 px phone, submits 其它 — first without 备注 (refused naming
 * it, nothing written), then with it; the ticket is back to open (待派工) and Form 1.1 ticks 其它 with
 * the remarks; the daily dispatch's *Run now* dispatches it again (the technician gets a second
 * email); the second visit solves it. Form 1.1 then ticks 已完成服务, its 备注 keeps the first visit's
 * reason with its day, 客户签字确认 and 日期 show the visit's signature and day; the ticket keeps both
 * visits; the day's work report counts two visits. Closed, the follow-up call recorded by phone in Form 1.1's
 * words (很满意) ticks 电话回访完成服务 and 很满意. Screenshots in test/e2e/output/form-revisit*.png.
 */
import type { Store } from '../../nodes/shared/store/store';
import { PHONE, type Chromium, choose, fill, launchChromium, openForm, pageText, shot, submit } from './browser';
import { awaitOneServiceDay, getWebhook, openStore, postWebhook, runWorkflow, serviceDay, waitForMail } from './server';

// The page's own globals, for the functions run in the browser (the test project has no DOM library).
declare const document: any;

const stamp = Date.now().toString().slice(-4);
const SKILL = `E2E再次上门${stamp}`;
const TECH = { name: '再访技术员', phone: `1394444${stamp}`, email: `revisit-tech-${stamp}@e2e.test` };
const CUSTOMER = { name: `再访客户${stamp}`, phone: `1376666${stamp}` };

let chromium: Chromium;
let store: Store;

const ticketRow = async (ticketNumber: string) =>
	await store.db.selectFrom('tickets').select(['id', 'status', 'technicianId']).where('ticketNumber', '=', ticketNumber).executeTakeFirstOrThrow();
const eventCount = async (ticketId: number) =>
	Number(
		(
			await store.db
				.selectFrom('ticketEvents')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('ticketId', '=', ticketId)
				.executeTakeFirstOrThrow()
		).n,
	);
const resultRow = (form: string) => /处理结果<\/th><td colspan="3">(.*?)<\/td>/.exec(form)?.[1] ?? '';

beforeAll(async () => {
	store = await openStore();
	// Both visits and the report fall on one service day in Shanghai.
	await awaitOneServiceDay(300);
	const imported = await postWebhook('import/technicians', [{ ...TECH, skills: SKILL, dailyCapacity: 5 }]);
	expect([imported.status, imported.text]).toEqual([200, imported.text]);
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

test('其它 on the phone form → back to open → dispatched again by the daily Run now → solved: Form 1.1 shows both visits, the work report counts two', async () => {
	const reported = await postWebhook('repairs', {
		customerName: CUSTOMER.name,
		contactPerson: '陈经理',
		phone: CUSTOMER.phone,
		address: '上海市徐汇区漕溪路 99 号',
		siteSituation: '空调不制冷',
		skill: SKILL,
	});
	expect([reported.status, reported.json?.status, (reported.json?.technician as { phone?: string } | null)?.phone]).toEqual([
		201,
		'dispatched',
		TECH.phone,
	]);
	const ticketNumber = String(reported.json.ticketNumber);
	await waitForMail((m) => m.to.includes(TECH.email) && m.subject.includes(ticketNumber));
	const { id } = await ticketRow(ticketNumber);

	// 其它 without 备注: refused naming 备注, nothing written, still dispatched.
	const before = await eventCount(id);
	const page = await openForm(chromium.browser, `visit-result?ticketNumber=${encodeURIComponent(ticketNumber)}`, 'technician', PHONE);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await choose(page, '处理结果', '其它');
	await fill(page, '处理方案', '拆检：压缩机损坏，需更换');
	await fill(page, '用时', '30');
	await fill(page, '客户签字', '陈经理');
	await submit(page, /已记录|未记录/);
	const refused = await pageText(page);
	expect(refused).toContain('未记录');
	const items = (await page.evaluate(() => [...document.querySelectorAll('li')].map((li: any) => li.innerText.trim()))) as string[];
	expect(items).toEqual([expect.stringMatching(/^备注 Remarks.*outcome "other" \(其它\) needs the reason/)]);
	expect(await eventCount(id)).toBe(before);
	expect((await ticketRow(ticketNumber)).status).toBe('dispatched');
	await page.close();

	// 其它 with 备注: recorded; the ticket waits for dispatch again, with no technician.
	const again = await openForm(chromium.browser, `visit-result?ticketNumber=${encodeURIComponent(ticketNumber)}`, 'technician', PHONE);
	await shot(again, 'form-revisit.png');
	await choose(again, '处理结果', '其它');
	await fill(again, '处理方案', '拆检：压缩机损坏，需更换');
	await fill(again, '用时', '30');
	await fill(again, '客户签字', '陈经理');
	await fill(again, '备注', '配件在途 <压缩机>，明天再来');
	await submit(again, /已记录|未记录/);
	await shot(again, 'form-revisit-answer.png');
	const answer = await pageText(again);
	expect(answer).toContain(`工单号 Ticket: ${ticketNumber}`);
	expect(answer).toContain('工单状态 Status: 待派工 Open');
	await again.close();
	expect(await ticketRow(ticketNumber)).toEqual({ id, status: 'open', technicianId: null });
	const waiting = await getWebhook(`repairs/${ticketNumber}/documents/form`);
	expect(waiting.status).toBe(200);
	expect(resultRow(waiting.text)).toMatch(/☐ 已完成服务.*☑ 未完成服务.*☐ 需返修、更换设备.*☑ 其它见备注/);
	expect(waiting.text).toContain('配件在途 &lt;压缩机&gt;，明天再来');

	// The daily dispatch, Run now: the ticket is dispatched again, to the one technician with the skill, who is emailed again.
	await runWorkflow('afterSalesDaily001');
	const redispatched = await store.db
		.selectFrom('tickets as t')
		.innerJoin('technicians as k', 'k.id', 't.technicianId')
		.select(['t.status', 'k.phone'])
		.where('t.id', '=', id)
		.executeTakeFirstOrThrow();
	expect(redispatched).toEqual({ status: 'dispatched', phone: TECH.phone });
	const dispatchEvents = await store.db
		.selectFrom('ticketEvents')
		.select('action')
		.where('ticketId', '=', id)
		.where('action', '=', 'dispatch')
		.execute();
	expect(dispatchEvents).toHaveLength(2);
	// The technician's second dispatch email says why the first visit did not finish.
	const second = await waitForMail((m) => m.to.includes(TECH.email) && m.subject.includes(ticketNumber) && m.text.includes('上次上门'));
	expect(second.text).toContain(`上次上门 Last visit ${serviceDay()}（未完成 not finished）：配件在途 <压缩机>，明天再来`);

	// The second visit solves it.
	const solved = await postWebhook(`repairs/${ticketNumber}/visit`, {
		outcome: 'solved',
		solution: '更换压缩机，试机正常',
		customerSignature: '陈经理',
		minutes: 90,
	});
	expect([solved.status, solved.json?.status]).toEqual([200, 'solved-on-site']);
	expect((solved.json.visits as Array<Record<string, unknown>>).map((v) => [v.seq, v.outcome, v.remarks, v.minutes, v.technicianName])).toEqual([
		[1, 'other', '配件在途 <压缩机>，明天再来', 30, TECH.name],
		[2, 'solved', null, 90, TECH.name],
	]);

	const today = serviceDay();
	const form = await getWebhook(`repairs/${ticketNumber}/documents/form`);
	expect(resultRow(form.text)).toMatch(/☑ 已完成服务.*☐ 未完成服务.*☐ 需返修、更换设备.*☐ 其它见备注/);
	expect(form.text).toContain(`${today} 其它：配件在途 &lt;压缩机&gt;，明天再来`);
	expect(form.text).toContain('更换压缩机，试机正常');
	expect(form.text).toContain(`客户签字确认</th><td><span class="value">陈经理</span></td><th>日期</th><td><span class="value">${today}</span>`);

	// The day's work report: two visits of this ticket, 30 + 90 minutes.
	const report = await getWebhook(`reports/work?date=${today}`);
	expect(report.status).toBe(200);
	const row = (JSON.parse(report.text).technicians as Array<Record<string, any>>).find((t) => t.phone === TECH.phone);
	const jobs = Object.values(row!.byCategory as Record<string, { jobs: number; minutes: number }>).reduce((s, c) => s + c.jobs, 0);
	expect([jobs, row!.totalMinutes]).toEqual([2, 120]);

	// Closed; the follow-up call recorded (channel phone) in Form 1.1's own words: 电话回访完成服务 ☑ 是, ☑ 很满意.
	expect((await postWebhook(`repairs/${ticketNumber}/close`, {})).status).toBe(200);
	const survey = await postWebhook(`repairs/${ticketNumber}/survey`, {});
	expect([200, 201]).toContain(survey.status);
	const call = await fetch(String(survey.json.url), {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ attitude: '很满意', skill: '很满意', arrival: '很满意', promises: '满意', channel: 'phone' }),
	});
	expect(call.status).toBe(200);
	expect(await call.json()).toMatchObject({ channel: 'phone', answer: { attitude: 4, skill: 4, arrival: 4, promises: 3 } });
	const after = await getWebhook(`repairs/${ticketNumber}/documents/form`);
	expect(after.text).toMatch(/电话回访完成服务<\/th><td><span class="choice checked">☑ 是<\/span> <span class="choice">☐ 否<\/span><\/td>/);
	// (4 + 4 + 4 + 3) / 4 = 3.75 → 4: 很满意.
	expect(after.text).toContain('<span class="choice checked">☑ 很满意</span>');
});

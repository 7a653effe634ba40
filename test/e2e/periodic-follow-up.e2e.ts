/**
 * Periodic follow-up (定期回访) and the month's opinions (定期整理回访记录) on the live server: the
 * monthly run by its webhook (this spec's units listed once a period, a bad date 400), the calls
 * on the service board, a fault turned into a repair ticket (201, the ticket for that unit), bad
 * results 400 and an unknown number 404, the desk's form 回访结果 in Chromium (opened from the
 * board's link, the number filled in), the opinions as JSON and as a page, and last month's
 * opinions emailed to the manager by *Run now* (SMTP sink). Only this spec's customer and units
 * are asserted: the run lists every unit due on the shared server.
 */
import { DateTime } from 'luxon';
import type { Store } from '../../nodes/shared/store/store';
import { recordPeriodicCall } from '../../nodes/shared/services/periodic-follow-up';
import { basicAuth, type Chromium, choose, fill, launchChromium, openForm, pageText, shot, submit, valueOf } from './browser';
import { SERVICE_TIMEZONE, awaitOneServiceDay, getWebhook, openStore, postWebhook, runWorkflow, state, waitForMail } from './server';

const stamp = Date.now().toString().slice(-5);
const CUSTOMER = {
	code: `KH-DQ${stamp}`,
	name: `定期回访客户${stamp}`,
	contactPerson: '周经理',
	phone: `1396${stamp}27`,
	address: '上海市回访路 27 号',
};
const UNITS = [
	{ serialNo: `DQA-${stamp}`, description: '中央空调 A', completedOn: '2025-01-10', warrantyUntil: '2099-01-01' },
	{ serialNo: `DQB-${stamp}`, description: '中央空调 B', completedOn: '2025-01-10', warrantyUntil: '2099-01-01' },
	// Completed today: not due for 6 months.
	{
		serialNo: `DQC-${stamp}`,
		description: '中央空调 C',
		completedOn: DateTime.now().setZone(SERVICE_TIMEZONE).toISODate()!,
		warrantyUntil: '2099-01-01',
	},
];
const OPINION = `希望每季度来检查一次 ${stamp}`;
const TECH = { name: `回访师傅${stamp}`, phone: `1397${stamp}27`, email: `huifang-${stamp}@example.test`, areas: '回访路', dailyCapacity: 20 };

let store: Store;
let chromium: Chromium;
const numberOf: Record<string, string> = {};

beforeAll(async () => {
	store = await openStore();
	expect((await postWebhook('import/customers', [CUSTOMER])).json).toMatchObject({ rejected: [] });
	expect(
		(
			await postWebhook(
				'import/installations',
				UNITS.map((u) => ({ ...u, customerCode: CUSTOMER.code })),
			)
		).json,
	).toMatchObject({ rejected: [] });
	// A technician for this spec's street with an email: a fault's ticket is dispatched, and the technician told.
	expect((await postWebhook('import/technicians', [TECH])).json).toMatchObject({ rejected: [] });
	// Everything below happens within one service day (and so one month) in Shanghai.
	await awaitOneServiceDay(300);
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
	await store?.close();
});

type Due = { followUpNumber: string; customerName: string; phone: string; serialNo: string; lastContactOn: string };
const mine = (due: Due[]) => due.filter((d) => d.serialNo.endsWith(`-${stamp}`));

test('the monthly run by webhook lists this spec’s units due, once a month, with RECORDS.md’s fields; a bad date 400', async () => {
	const res = await postWebhook('follow-up/periodic', {});
	expect([res.status, res.text]).toEqual([200, res.text]);
	const due = mine((res.json as { due: Due[] }).due);
	expect(due.map((d) => d.serialNo).sort()).toEqual([`DQA-${stamp}`, `DQB-${stamp}`]);
	for (const d of due) {
		expect(Object.keys(d).sort()).toEqual(['customerName', 'followUpNumber', 'lastContactOn', 'phone', 'serialNo']);
		expect(d).toMatchObject({
			customerName: CUSTOMER.name,
			phone: CUSTOMER.phone,
			lastContactOn: '2025-01-10',
			followUpNumber: expect.stringMatching(/^DH-\d{8}-\d{4}$/),
		});
		numberOf[d.serialNo.slice(0, 3)] = d.followUpNumber;
	}
	// The same month again, also two at once: nothing new for this spec's units.
	const again = await Promise.all([postWebhook('follow-up/periodic', {}), postWebhook('follow-up/periodic', { date: '' })]);
	for (const r of again) expect([r.status, mine((r.json as { due: Due[] }).due)]).toEqual([200, []]);
	const rows = await store.db
		.selectFrom('periodicFollowUps as p')
		.innerJoin('installations as i', 'i.id', 'p.installationId')
		.select(['i.serialNo', 'p.period'])
		.where('i.serialNo', 'like', `%-${stamp}`)
		.execute();
	expect(rows).toHaveLength(2);
	const bad = await postWebhook('follow-up/periodic', { date: '2026-13-45' });
	expect(bad.status).toBe(400);
	expect(bad.json).toMatchObject({ errors: [{ field: 'date' }] });
});

test('the calls are on the service board, each number a link to the desk’s form', async () => {
	const res = await fetch(`${state().baseUrl}webhook/after-sales/board`, { headers: { Authorization: basicAuth('after-sales', state().key) } });
	expect(res.status).toBe(200);
	const html = await res.text();
	for (const n of [numberOf.DQA, numberOf.DQB])
		expect(html).toContain(`<a class="doc" href="/form/after-sales/follow-up-call?followUpNumber=${n}">${n}</a>`);
});

test('a fault opens a repair ticket for that unit (201); without the site situation 400, unknown 404, recorded twice 400', async () => {
	const missing = await postWebhook(`follow-up/periodic/${numberOf.DQA}`, { result: 'fault' });
	expect(missing.status).toBe(400);
	expect(missing.json).toMatchObject({ errors: [{ field: 'siteSituation', message: expect.stringMatching(/^现场情况/) }] });
	const odd = await postWebhook(`follow-up/periodic/${numberOf.DQA}`, { result: 'fine' });
	expect(odd.json).toMatchObject({ errors: [{ field: 'result' }] });
	expect((await postWebhook('follow-up/periodic/DH-20200101-0999', { result: 'normal' })).status).toBe(404);

	const res = await postWebhook(`follow-up/periodic/${numberOf.DQA}`, { result: 'fault', opinion: '师傅服务好', siteSituation: '不制冷' });
	expect([res.status, res.text]).toEqual([201, res.text]);
	expect(res.json).toMatchObject({ followUpNumber: numberOf.DQA, result: 'fault', ticketNumber: expect.stringMatching(/^BX-\d{8}-\d{4}$/) });
	const ticket = await store.db.selectFrom('tickets').selectAll().where('ticketNumber', '=', String(res.json.ticketNumber)).executeTakeFirstOrThrow();
	expect([ticket.serialNo, ticket.siteSituation, ticket.phone, ticket.address]).toEqual([`DQA-${stamp}`, '不制冷', CUSTOMER.phone, CUSTOMER.address]);
	// Dispatched at once, and its technician gets the voucher with the visit form's link, as from any intake.
	const tech = await store.db.selectFrom('technicians').select(['name', 'email']).where('id', '=', ticket.technicianId!).executeTakeFirstOrThrow();
	expect(tech).toEqual({ name: TECH.name, email: TECH.email });
	const mail = await waitForMail((m) => m.to.includes(TECH.email) && m.subject.includes(String(res.json.ticketNumber)));
	expect(mail.subject).toContain('回访发现故障');
	expect(mail.text).toMatch(new RegExp(`form/after-sales/visit-result\\?ticketNumber=${String(res.json.ticketNumber)}\\b`));
	expect(mail.attachments).toHaveLength(1);
	const twice = await postWebhook(`follow-up/periodic/${numberOf.DQA}`, { result: 'normal' });
	expect(twice.status).toBe(400);
	expect(twice.json).toMatchObject({ errors: [{ field: 'result' }] });
});

test('the desk’s form 回访结果 in Chromium: opened from the board’s link with the number filled in, 正常 with the opinion', async () => {
	const page = await openForm(chromium.browser, `follow-up-call?followUpNumber=${numberOf.DQB}`, 'desk');
	expect(await valueOf(page, '回访编号')).toBe(numberOf.DQB);
	await choose(page, '回访结果', '正常');
	await fill(page, '客户意见', OPINION);
	await shot(page, 'form-follow-up-call.png');
	await submit(page, /已记录回访/);
	await shot(page, 'form-follow-up-call-answer.png');
	expect(await pageText(page)).toContain(numberOf.DQB);
	const row = await store.db.selectFrom('periodicFollowUps').selectAll().where('followUpNumber', '=', numberOf.DQB).executeTakeFirstOrThrow();
	expect([row.result, row.opinion, row.calledBy]).toEqual(['normal', OPINION, 'follow-up call form (desk)']);
	await page.close();
});

test('the month’s opinions: the call’s opinion and the fault’s ticket, as JSON and as a page; a bad month 400', async () => {
	const month = DateTime.now().setZone(SERVICE_TIMEZONE).toFormat('yyyy-MM');
	const res = await getWebhook(`reports/opinions?month=${month}`);
	expect(res.status).toBe(200);
	const report = JSON.parse(res.text) as { month: string; suggestions: Array<Record<string, unknown>>; complaints: unknown[] };
	expect(report.month).toBe(month);
	const ours = report.suggestions.filter((s) => s.number === numberOf.DQA || s.number === numberOf.DQB);
	expect(ours.map((s) => [s.source, s.serialNo, s.text, s.result])).toEqual(
		expect.arrayContaining([
			['call', `DQA-${stamp}`, '师傅服务好', 'fault'],
			['call', `DQB-${stamp}`, OPINION, 'normal'],
		]),
	);
	const fault = ours.find((s) => s.number === numberOf.DQA)!;
	expect((fault.done as { zh: string }).zh).toContain(String(fault.ticketNumber));
	const page = await getWebhook(`reports/opinions?month=${month}&format=html`);
	expect(page.contentType).toMatch(/text\/html/);
	expect(page.text).toContain('回访意见月度汇总');
	expect(page.text).toContain(OPINION);
	expect(page.text).toContain(String(fault.ticketNumber));
	expect((await getWebhook('reports/opinions?month=2026-13')).status).toBe(400);
});

test('Run now: last month’s opinions emailed to the manager', async () => {
	const last = DateTime.now().setZone(SERVICE_TIMEZONE).minus({ months: 1 });
	// A call of last month: the run on its 1st lists DQB again (its call this month came after that day), recorded on its 10th.
	const run = await postWebhook('follow-up/periodic', { date: last.startOf('month').toISODate() });
	const b = mine((run.json as { due: Due[] }).due).find((d) => d.serialNo === `DQB-${stamp}`);
	expect(b).toBeDefined();
	const lastOpinion = `上月意见 ${stamp}`;
	await recordPeriodicCall(
		store,
		b!.followUpNumber,
		{ result: 'normal', opinion: lastOpinion },
		{
			now: last.set({ day: 10, hour: 10 }).toUTC().toISO()!,
			zone: SERVICE_TIMEZONE,
			actor: 'e2e',
		},
	);
	await runWorkflow('afterSalesPeriodic01');
	const mail = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.subject.includes(`Customer opinions ${last.toFormat('yyyy-MM')}`));
	expect(mail.subject).toMatch(/^回访意见月度汇总/);
	expect(mail.html).toContain('回访意见月度汇总');
	expect(mail.html).toContain(lastOpinion);
	expect(mail.attachments.map((a) => a.filename)).toContain(`opinions-${last.toFormat('yyyy-MM')}.html`);
});

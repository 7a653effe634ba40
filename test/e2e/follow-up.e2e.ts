/**
 * The follow-up on the live server (P14–P17): a closed ticket's survey email in the SMTP sink, the
 * form opened and answered over HTTP from the emailed link, changed, foreign and expired links, a
 * serious complaint's email to the company manager with its reply letter, the complaint's reply
 * and close, Form 1.1 filled in, the call list, and the monthly KPI as JSON, as a page and as the
 * manager's monthly email.
 */
import { createHmac } from 'node:crypto';
import { DateTime } from 'luxon';
import { Store } from '../../nodes/shared/store/store';
import { makeSurveyToken } from '../../nodes/shared/rules/survey-token';
import { SERVICE_TIMEZONE, awaitOneServiceDay, getWebhook, postWebhook, state, waitForMail, type SentMail, openStore, runWorkflow } from './server';

let store: Store;
beforeAll(async () => {
	store = await openStore();
	// Everything below happens within one service day (and so one month) in Shanghai.
	await awaitOneServiceDay(240);
});
afterAll(() => store.close());

/** The survey page as a customer's browser opens it (no key). */
async function openPage(url: string) {
	const res = await fetch(url);
	return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** The form submitted as a browser does: application/x-www-form-urlencoded, to the same address. */
async function submitForm(url: string, fields: Record<string, string>) {
	const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
	return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A program answering with JSON, without the key. */
async function submitJson(url: string, body: object) {
	const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

let seq = 0;
/** A customer (with an email address or not) whose repair is dispatched to `tech`, solved on site and closed. */
async function closedTicket(skill: string, email?: string): Promise<{ ticketNumber: string; customerName: string }> {
	const n = ++seq;
	const customerName = `回访客户${n} <i>&</i>`;
	const phone = `1390000${String(n).padStart(4, '0')}`;
	expect((await postWebhook('import/customers', [{ name: customerName, phone, ...(email ? { email } : {}) }])).json).toMatchObject({ rejected: [] });
	const res = await postWebhook('repairs', {
		customerName,
		contactPerson: '陈经理',
		phone,
		address: '上海市徐汇区',
		siteSituation: '空调不制冷',
		skill,
	});
	expect(res.json).toMatchObject({ status: 'dispatched' });
	const ticketNumber = String(res.json.ticketNumber);
	expect((await postWebhook(`repairs/${ticketNumber}/visit`, { outcome: 'solved', solution: '清洗滤网', customerSignature: '陈经理' })).status).toBe(
		200,
	);
	expect((await postWebhook(`repairs/${ticketNumber}/close`, {})).status).toBe(200);
	return { ticketNumber, customerName };
}

const linkIn = (mail: SentMail) => /https?:\/\/\S+\/webhook\/after-sales\/surveys\/[A-Za-z0-9._-]+/.exec(mail.text)?.[0];

const LEVELS = { attitude: '2', skill: '3', arrival: '2', promises: '4' };

test('a closed ticket: the survey link by email; the form opened, answered once, with a serious complaint that reaches the company manager', async () => {
	expect(
		(await postWebhook('import/technicians', [{ name: '吴师傅', phone: '13500000201', skills: 'E2E回访', dailyCapacity: 20 }])).json,
	).toMatchObject({ rejected: [] });
	const { ticketNumber, customerName } = await closedTicket('E2E回访', 'customer1@e2e.test');

	// The customer's email, sent after the close.
	const mail = await waitForMail((m) => m.to.includes('customer1@e2e.test') && m.subject.includes(ticketNumber));
	expect(mail.subject).toMatch(/^服务回访 Service follow-up/);
	expect(mail.text).toContain('吴师傅');
	const url = linkIn(mail);
	expect(url).toBeDefined();
	expect(url!.startsWith(`http://localhost:${state().port}/webhook/after-sales/surveys/HF-`)).toBe(true);

	// The page: a form, Chinese first, made for a phone, the customer's name escaped.
	const page = await openPage(url!);
	expect(page.status).toBe(200);
	expect(page.contentType).toMatch(/text\/html/);
	expect(page.text).toContain('<html lang="zh-CN">');
	expect(page.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
	expect(page.text).toMatch(/<h1>服务回访 <span class="en">Service follow-up<\/span><\/h1>/);
	expect(page.text).toContain('<form method="post" action="">');
	for (const field of ['attitude', 'skill', 'arrival', 'promises'])
		expect(page.text).toContain(`<input type="radio" name="${field}" value="4" required>`);
	expect(page.text).toContain('name="complaintText"');
	expect(page.text).toContain(customerName.replace('<i>&</i>', '&lt;i&gt;&amp;&lt;/i&gt;'));
	expect(page.text).not.toContain('<i>&</i>');

	// Submitted as the browser does.
	const started = Date.now();
	const thanks = await submitForm(url!, {
		...LEVELS,
		accepted: 'yes',
		delivered: 'no-attachment',
		comments: '师傅很专业',
		complaintText: '维修后第二天又漏水',
		complaintSeverity: 'serious',
		channel: 'link',
	});
	expect(thanks.status).toBe(200);
	expect(thanks.contentType).toMatch(/text\/html/);
	expect(thanks.text).toContain('谢谢您的评价');
	const complaintNumber = /TS-\d{8}-\d{4}/.exec(thanks.text)?.[0];
	expect(complaintNumber).toBeDefined();

	// The company manager, at once (through the outbox), the service manager on the same email, the reply letter attached.
	// (The outbox's Send Email has no copy line: the service manager is a second recipient, named in the text.)
	const notice = await waitForMail((m) => m.to.includes('company-manager@e2e.test') && m.subject.includes(complaintNumber!));
	process.stdout.write(`[e2e] serious complaint → company manager's email: ${Date.now() - started} ms after the answer\n`);
	expect(notice.subject).toMatch(/^重大投诉 Serious complaint/);
	expect(notice.to).toEqual(['company-manager@e2e.test', 'manager@e2e.test']);
	expect(notice.text).toContain('同时发送服务部经理 / Also sent to the service manager.');
	expect(notice.text).toContain('维修后第二天又漏水');
	const letter = notice.attachments.find((a) => a.filename === `${complaintNumber}-reply-letter.html`);
	expect(letter?.content).toContain('客户投诉答复函');
	expect(letter?.content).toContain('维修后第二天又漏水');
	expect(letter?.content).toContain(state().company.name.replace('&', '&amp;'));

	// Answered once: the page and a program both told so.
	const again = await submitForm(url!, { attitude: '4', skill: '4', arrival: '4', promises: '4' });
	expect(again.status).toBe(409);
	expect(again.text).toContain('您已提交过评价');
	const againJson = await submitJson(url!, { attitude: 4, skill: 4, arrival: 4, promises: 4 });
	expect(againJson.status).toBe(409);
	expect(String(againJson.json.error)).toMatch(/already answered/);
	expect((await openPage(url!)).status).toBe(409);

	// Form 1.1 of the ticket: answered by link, so no follow-up call is recorded (RULES turn 3: 电话回访完成服务 once
	// the call is recorded): neither box ticked; satisfied (2+3+2+4 = 11 → 2.75 → 3), attitude and response speed ticked, comments.
	const form = await getWebhook(`repairs/${ticketNumber}/documents/form`);
	expect(form.text).toMatch(/电话回访完成服务<\/th><td><span class="choice">☐ 是<\/span> <span class="choice">☐ 否<\/span><\/td>/);
	expect(form.text).toContain('<span class="choice checked">☑ 满意</span>');
	expect(form.text).toContain('<span class="choice checked">☑ 服务态度</span>');
	expect(form.text).toContain('<span class="choice">☐ 技术水平</span>');
	expect(form.text).toContain('<span class="choice checked">☑ 响应速度</span>');
	expect(form.text).toContain('师傅很专业');

	// A complaint a clerk takes down by phone: general, to the service department.
	const taken = await postWebhook('complaints', { ticketNumber, severity: 'general', text: '等了很久', channel: 'phone' });
	expect(taken.status).toBe(201);
	expect(taken.json).toMatchObject({ ticketNumber, severity: 'general', status: 'open', complaintNumber: expect.stringMatching(/^TS-\d{8}-\d{4}$/) });
	await waitForMail((m) => m.to.includes('manager@e2e.test') && m.subject.includes(String(taken.json.complaintNumber)));
	expect((await postWebhook('complaints', { ticketNumber, severity: 'urgent', text: 'x' })).status).toBe(400);

	// The complaint register: open, serious first; the reply (in writing), then closed.
	const open = await getWebhook('complaints?status=open');
	expect(open.status).toBe(200);
	const list = JSON.parse(open.text) as Array<Record<string, unknown>>;
	expect(list.find((c) => c.complaintNumber === complaintNumber)).toMatchObject({
		ticketNumber,
		severity: 'serious',
		text: '维修后第二天又漏水',
		status: 'open',
		replyDueOn: DateTime.now().setZone(SERVICE_TIMEZONE).plus({ days: 3 }).toISODate(),
	});
	const severities = list.map((c) => c.severity);
	expect(severities).toContain('general');
	expect(severities).toEqual([...severities].sort((a, b) => Number(a === 'general') - Number(b === 'general')));
	expect((await postWebhook(`complaints/${complaintNumber}/reply`, { method: 'phone', text: '电话致歉' })).status).toBe(400);
	const replied = await postWebhook(`complaints/${complaintNumber}/reply`, { method: 'letter', text: '已免费返修并更换密封圈', repliedBy: '张经理' });
	expect(replied.status).toBe(200);
	expect(replied.json).toMatchObject({ status: 'replied', reply: { method: 'letter', text: '已免费返修并更换密封圈', repliedBy: '张经理' } });
	const printed = await getWebhook(`complaints/${complaintNumber}/documents/reply-letter`);
	expect(printed.status).toBe(200);
	expect(printed.text).toContain('已免费返修并更换密封圈');
	expect((await postWebhook(`complaints/${complaintNumber}/close`, {})).json).toMatchObject({ status: 'closed' });
	expect((await getWebhook('complaints/TS-19990101-0001/documents/reply-letter')).status).toBe(404);
	expect((await getWebhook('complaints?status=pending')).status).toBe(400);
});

test('a changed, foreign, expired or unknown link gets a clear page, never a stack; the survey of one ticket on request', async () => {
	const { ticketNumber } = await closedTicket('E2E回访', 'customer2@e2e.test');
	const mail = await waitForMail((m) => m.to.includes('customer2@e2e.test') && m.subject.includes(ticketNumber));
	const url = linkIn(mail)!;
	const token = url.split('/').pop()!;
	const base = url.slice(0, url.length - token.length);

	const changed = await openPage(`${base}${token.slice(0, -3)}abc`);
	expect(changed.status).toBe(403);
	expect(changed.contentType).toMatch(/text\/html/);
	expect(changed.text).toContain('链接无效');
	const foreign = makeSurveyToken(token.split('.')[0], DateTime.now().plus({ days: 10 }).toISO()!, (m) =>
		createHmac('sha256', 'another installation').update(m).digest('base64url'),
	);
	expect((await openPage(`${base}${foreign}`)).status).toBe(403);
	expect((await openPage(`${base}not-a-token`)).status).toBe(403);

	// A link 31 days old, signed by this installation (its secret is in the store).
	const secret = (await store.db.selectFrom('storeSecrets').select('value').where('name', '=', 'survey-token').executeTakeFirstOrThrow()).value;
	const sign = (m: string) => createHmac('sha256', Buffer.from(secret, 'base64url')).update(m).digest('base64url');
	const expired = makeSurveyToken(token.split('.')[0], DateTime.now().minus({ days: 1 }).toISO()!, sign);
	const old = await openPage(`${base}${expired}`);
	expect(old.status).toBe(403);
	expect(old.text).toContain('链接已过期');
	expect((await submitJson(`${base}${expired}`, { attitude: 4, skill: 4, arrival: 4, promises: 4 })).status).toBe(403);
	// Signed here, but no such survey.
	const unknown = await openPage(`${base}${makeSurveyToken('HF-19990101-0001', DateTime.now().plus({ days: 1 }).toISO()!, sign)}`);
	expect(unknown.status).toBe(404);
	for (const served of [changed, old, unknown]) expect(served.text).not.toMatch(/at \S+ \(|Error:|stack/i);

	// Bad levels from a program: 400 with the fields; the survey still waits for its answer.
	const bad = await submitJson(url, { attitude: 5, skill: 'good', arrival: 3 });
	expect(bad.status).toBe(400);
	expect((bad.json.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['attitude', 'skill', 'promises']);
	expect((await openPage(url)).status).toBe(200);

	// The survey on request: the same one (200); a ticket not done yet has none (400).
	const existing = await postWebhook(`repairs/${ticketNumber}/survey`, {});
	expect(existing.status).toBe(200);
	expect(existing.json).toMatchObject({ surveyNumber: token.split('.')[0], token, url, expiresAt: expect.any(String) });
	const pending = await postWebhook('repairs', {
		customerName: '还没修',
		phone: '13900009999',
		address: '上海',
		siteSituation: '漏水',
		skill: 'E2E回访',
	});
	const refused = await postWebhook(`repairs/${String(pending.json.ticketNumber)}/survey`, {});
	expect(refused.status).toBe(400);
	expect(JSON.stringify(refused.json)).toMatch(/cannot get a follow-up survey yet/);
	expect((await postWebhook('repairs/BX-19990101-0001/survey', {})).status).toBe(404);

	// A follow-up call recorded with JSON (channel phone), sent four times at once: one stored, three told 409.
	const body = { ...LEVELS, attitude: 'very-satisfied', channel: 'phone', complaint: { severity: 'general', text: '希望提前电话联系' } };
	const answers = await Promise.all([0, 1, 2, 3].map(() => submitJson(url, body)));
	expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
	const call = answers.find((a) => a.status === 200)!;
	expect(call.json).toMatchObject({
		channel: 'phone',
		answer: { attitude: 4 },
		complaint: { severity: 'general', complaintNumber: expect.stringMatching(/^TS-/) },
	});
	// A general complaint goes to the service department's manager.
	const general = String((call.json.complaint as Record<string, unknown>).complaintNumber);
	await waitForMail((m) => m.to.includes('manager@e2e.test') && m.subject.includes(general));
});

test('the daily sweep: the clerk gets the call list with the customers without email', async () => {
	const { ticketNumber } = await closedTicket('E2E回访');
	await runWorkflow('afterSalesSurveys01');
	const list = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.subject.startsWith('回访电话清单') && m.text.includes(ticketNumber));
	expect(list.text).toMatch(/\/webhook\/after-sales\/surveys\/HF-\S+\?channel=phone/);
	const link = /(https?:\/\/\S+\/webhook\/after-sales\/surveys\/[A-Za-z0-9._-]+)\?channel=phone/.exec(
		list.text.slice(list.text.indexOf(ticketNumber)),
	)![1];
	const page = await openPage(`${link}?channel=phone`);
	expect(page.text).toContain('<input type="hidden" name="channel" value="phone">');
});

test('the monthly KPI: JSON, the page, and the manager’s monthly email with the XLSX', async () => {
	const month = DateTime.now().setZone(SERVICE_TIMEZONE).toFormat('yyyy-MM');
	const res = await getWebhook(`reports/kpi?month=${month}`);
	expect(res.status).toBe(200);
	const report = JSON.parse(res.text) as { month: string; technicians: Array<Record<string, unknown>> };
	expect(report.month).toBe(month);
	// 吴师傅: answers 2/3/2/4 and 4/3/2/4 (the call) this month; a serious complaint, one taken down by phone, one with the call.
	expect(report.technicians.find((t) => t.phone === '13500000201')).toMatchObject({
		name: '吴师傅',
		rated: 2,
		attitude: 3,
		skill: 3,
		arrival: 2,
		promises: 4,
		overall: 3,
		complaints: 3,
	});
	const page = await getWebhook(`reports/kpi?month=${month}&format=html`);
	expect(page.contentType).toMatch(/text\/html/);
	expect(page.text).toContain('技术员月度绩效考核表');
	expect(page.text).toContain('吴师傅');
	expect((await getWebhook('reports/kpi?month=2026-13')).status).toBe(400);

	await runWorkflow('afterSalesKpi000001');
	const last = DateTime.now().setZone(SERVICE_TIMEZONE).minus({ months: 1 }).toFormat('yyyy-MM');
	const mail = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.subject.includes(`Technician KPI ${last}`));
	expect(mail.html).toContain('技术员月度绩效考核表');
	const xlsx = mail.attachments.find((a) => a.filename === `technician-kpi-${last}.xlsx`);
	expect(xlsx?.contentType).toMatch(/spreadsheetml/);
	expect(xlsx?.content.startsWith('PK')).toBe(true);
});

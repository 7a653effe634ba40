/**
 * Issue 19 on the live server, the platforms the other outbox specs do not reach: a DingTalk robot
 * and a Feishu bot (both signed) and SMS through Aliyun, then Tencent Cloud — each a loopback server
 * (test/harness/platforms.ts) that checks the signature on arrival by the platform's documented
 * algorithm, re-implemented there, and is put into the After-Sales Channels credential as staff
 * would. A new ticket reaches both groups once; the follow-up survey of a customer without email,
 * made when the ticket is closed, reaches the customer's mobile as the survey template with its
 * parameters in RECORDS' order, and its link opens the survey page.
 */
import { channelCredentialFromEnv } from '../../nodes/shared/channels/config';
import { aliyunAnswer, dingtalkAnswer, feishuAnswer, platform, tencentAnswer, type Platform, type Received } from '../harness/platforms';
import { getWebhook, postWebhook, rest } from './server';

const stamp = Date.now().toString(36);
const TEMPLATES = { survey: 'SMS_9001', ready: 'SMS_9002', payment: 'SMS_9003', expiry: 'SMS_9004', reply: 'SMS_9005' };
const DINGTALK_SECRET = `SEClive-${stamp}`;
const FEISHU_SECRET = `feishu-live-${stamp}`;
const ALIYUN_SECRET = `aliyun-live-${stamp}`;
const TENCENT_SECRET = `tencent-live-${stamp}`;
let dingtalk: Platform;
let feishu: Platform;
let aliyun: Platform;
let tencent: Platform;

/** The channels credential as `npm start` would write it from these variables. */
async function setChannels(env: Record<string, string>): Promise<void> {
	const res = await rest('rest/credentials/afterSalesChan001', {
		method: 'PATCH',
		body: JSON.stringify({
			name: 'After-Sales Channels',
			type: 'afterSalesChannels',
			data: { smsProvider: 'none', ...channelCredentialFromEnv(env) },
		}),
	});
	expect(res.status).toBe(200);
}

const sms = (provider: 'aliyun' | 'tencent', endpoint: string) => ({
	AFTER_SALES_SMS_PROVIDER: provider,
	AFTER_SALES_SMS_ACCESS_KEY_ID: provider === 'aliyun' ? 'LTAI-live' : 'AKID-loopback',
	AFTER_SALES_SMS_ACCESS_KEY_SECRET: provider === 'aliyun' ? ALIYUN_SECRET : TENCENT_SECRET,
	AFTER_SALES_SMS_SIGN_NAME: '华东售后',
	...(provider === 'tencent' ? { AFTER_SALES_SMS_SDK_APP_ID: '1400006666' } : {}),
	AFTER_SALES_SMS_ENDPOINT: endpoint,
	AFTER_SALES_SMS_TEMPLATE_SURVEY: TEMPLATES.survey,
	AFTER_SALES_SMS_TEMPLATE_READY: TEMPLATES.ready,
	AFTER_SALES_SMS_TEMPLATE_PAYMENT: TEMPLATES.payment,
	AFTER_SALES_SMS_TEMPLATE_EXPIRY: TEMPLATES.expiry,
	AFTER_SALES_SMS_TEMPLATE_REPLY: TEMPLATES.reply,
});

beforeAll(async () => {
	[dingtalk, feishu, aliyun, tencent] = await Promise.all([
		platform(dingtalkAnswer(DINGTALK_SECRET, `live-${stamp}`)),
		platform(feishuAnswer(FEISHU_SECRET)),
		platform(aliyunAnswer(ALIYUN_SECRET, TEMPLATES)),
		platform(tencentAnswer(TENCENT_SECRET)),
	]);
	// What earlier specs left due goes first (to their robots, or waits), so what arrives here is this spec's.
	expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	await setChannels({
		AFTER_SALES_DINGTALK_WEBHOOK_URL: `${dingtalk.url}/robot/send?access_token=live-${stamp}`,
		AFTER_SALES_DINGTALK_SECRET: DINGTALK_SECRET,
		AFTER_SALES_FEISHU_WEBHOOK_URL: `${feishu.url}/open-apis/bot/v2/hook/live-${stamp}`,
		AFTER_SALES_FEISHU_SECRET: FEISHU_SECRET,
		...sms('aliyun', `${aliyun.url}/`),
	});
});

afterAll(async () => {
	// Later specs set their own channels; none of this spec's closed servers stays in the credential.
	await setChannels({});
	await Promise.all([dingtalk, feishu, aliyun, tencent].map((p) => p?.close()));
});

/** The requests a platform answered with success whose body contains `text`, waiting up to 20 s for the first. */
async function arrived(p: Platform, text: string, ok: (r: Received) => boolean, timeoutMs = 20_000): Promise<Received[]> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const found = p.received.filter((r) => decodeURIComponent(r.body.replace(/\+/g, ' ')).includes(text) && ok(r));
		if (found.length > 0 || Date.now() > until) return found;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
/** The outbox's sent messages to `to`. */
async function sentTo(to: string): Promise<Array<Record<string, unknown>>> {
	const res = await getWebhook('outbox?status=sent');
	expect(res.status).toBe(200);
	return (JSON.parse(res.text) as Array<Record<string, unknown>>).filter((m) => m.to === to);
}
const dingtalkOk = (r: Received) => JSON.parse(r.body).msgtype === 'markdown';
const anyRequest = () => true;

let seq = 0;
/** A new customer with a mobile and no email; the ticket dispatched, solved, closed. */
async function closedTicketWithoutEmail(skill: string): Promise<{ ticketNumber: string; mobile: string; customerName: string }> {
	const n = ++seq;
	const mobile = `137${String(Date.now()).slice(-6)}${String(n).padStart(2, '0')}`;
	const customerName = `短信客户${stamp}-${n}`;
	const res = await postWebhook('repairs', {
		customerName,
		contactPerson: '陈经理',
		phone: mobile,
		address: '上海市徐汇区漕溪路 88 号',
		siteSituation: '空调不制冷',
		skill,
	});
	expect(res.status).toBe(201);
	const ticketNumber = String(res.json.ticketNumber);
	expect((await postWebhook(`repairs/${ticketNumber}/visit`, { outcome: 'solved', solution: '清洗滤网', customerSignature: '陈经理' })).status).toBe(
		200,
	);
	expect((await postWebhook(`repairs/${ticketNumber}/close`, {})).status).toBe(200);
	return { ticketNumber, mobile, customerName };
}

test('a new ticket reaches the DingTalk and the Feishu group, each signed, once; the survey SMS goes by Aliyun with its template', async () => {
	const skill = `E2E渠道${stamp}`;
	expect(
		(await postWebhook('import/technicians', [{ name: `渠道师傅${stamp}`, phone: '13500002121', skills: skill, dailyCapacity: 10 }])).json,
	).toMatchObject({
		rejected: [],
	});
	const { ticketNumber, mobile, customerName } = await closedTicketWithoutEmail(skill);

	// The groups: DingTalk's markdown (the loopback answered errcode 0 only to a valid sign) and Feishu's card.
	const [ding] = await arrived(dingtalk, ticketNumber, dingtalkOk);
	expect(ding).toBeDefined();
	const dingBody = JSON.parse(ding.body);
	expect(dingBody.markdown.title).toBe('售后 · 新报修');
	expect(dingBody.markdown.text).toContain(customerName);
	expect(dingBody.markdown.text).toContain(`渠道师傅${stamp} 13500002121`);
	expect(ding.query.get('sign')).toBeTruthy();
	const [card] = await arrived(feishu, ticketNumber, anyRequest);
	const cardBody = JSON.parse(card.body);
	expect(cardBody.msg_type).toBe('interactive');
	expect(cardBody.card.header.title.content).toBe('新报修');
	expect(cardBody.card.elements[0].text.content).toContain(customerName);

	// The survey, made at the close, by SMS: the customer has no email.
	const [text] = await arrived(aliyun, ticketNumber, anyRequest);
	expect(text).toBeDefined();
	const form = new URLSearchParams(text.body);
	expect(form.get('Action')).toBe('SendSms');
	expect(form.get('PhoneNumbers')).toBe(mobile);
	expect(form.get('SignName')).toBe('华东售后');
	expect(form.get('TemplateCode')).toBe(TEMPLATES.survey);
	const params = JSON.parse(form.get('TemplateParam') ?? '{}') as Record<string, string>;
	expect(Object.keys(params)).toEqual(['name', 'ticket', 'url']);
	expect(params.name).toBe('陈经理');
	expect(params.ticket).toBe(ticketNumber);
	expect(params.url).toMatch(/\/webhook\/after-sales\/surveys\/[A-Za-z0-9._-]+$/);
	const page = await fetch(params.url);
	expect(page.status).toBe(200);
	expect(await page.text()).toContain(ticketNumber);

	// Recorded as sent at the first attempt: each platform accepted it (a loopback refuses a wrong signature).
	expect(await sentTo(mobile)).toEqual([expect.objectContaining({ channel: 'sms', kind: 'survey', status: 'sent', attempts: 1 })]);
	const staff = JSON.parse((await getWebhook('outbox?status=sent')).text) as Array<Record<string, unknown>>;
	expect(staff.filter((m) => String(m.subject).includes(ticketNumber))).toEqual([
		expect.objectContaining({ channel: 'staff', kind: 'new-ticket', status: 'sent', attempts: 1 }),
	]);

	// Once each, however often the outbox runs again.
	for (let i = 0; i < 2; i++) expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	expect((await arrived(dingtalk, ticketNumber, dingtalkOk, 0)).length).toBe(1);
	expect((await arrived(feishu, ticketNumber, anyRequest, 0)).length).toBe(1);
	expect((await arrived(aliyun, ticketNumber, anyRequest, 0)).length).toBe(1);
});

test('with Tencent Cloud set instead, the next survey SMS goes there, TC3-signed, its parameters as TemplateParamSet in order', async () => {
	await setChannels({ ...sms('tencent', `${tencent.url}/`) });
	const skill = `E2E腾讯${stamp}`;
	expect(
		(await postWebhook('import/technicians', [{ name: `腾讯师傅${stamp}`, phone: '13500002222', skills: skill, dailyCapacity: 10 }])).json,
	).toMatchObject({
		rejected: [],
	});
	const { ticketNumber, mobile } = await closedTicketWithoutEmail(skill);
	const [text] = await arrived(tencent, ticketNumber, anyRequest);
	expect(text).toBeDefined();
	// The loopback answered SendStatusSet only to a valid TC3 signature; a signature failure would have been retried, not delivered.
	expect(text.headers['x-tc-action']).toBe('SendSms');
	const body = JSON.parse(text.body);
	expect(body.PhoneNumberSet).toEqual([`+86${mobile}`]);
	expect(body.SmsSdkAppId).toBe('1400006666');
	expect(body.TemplateId).toBe(TEMPLATES.survey);
	expect(body.TemplateParamSet.slice(0, 2)).toEqual(['陈经理', ticketNumber]);
	expect(body.TemplateParamSet[2]).toMatch(/\/webhook\/after-sales\/surveys\/[A-Za-z0-9._-]+$/);
	expect(await sentTo(mobile)).toEqual([expect.objectContaining({ channel: 'sms', kind: 'survey', status: 'sent', attempts: 1 })]);
	expect(aliyun.received.filter((r) => r.body.includes(ticketNumber))).toEqual([]);
});

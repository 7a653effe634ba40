/**
 * The senders against loopback servers that play each platform (issue 19 item 4): every server
 * checks the signature on arrival by the platform's documented algorithm — re-implemented here
 * step by step with node:crypto, not with the code under test — and answers as the platform does:
 * success, its rate-limit error, a signature error, or HTTP 500. A closed port plays a platform
 * that is down. The real `fetch` of Node.js carries the requests.
 */
import { aliyunAnswer, closedPort, dingtalkAnswer, feishuAnswer, platform, tencentAnswer, wecomAnswer, type Platform } from '../harness/platforms';
import type { SmsConfig } from '../../nodes/shared/channels/config';
import { dingtalkMessages, feishuMessages, wecomMessages, type StaffMessage } from '../../nodes/shared/channels/markdown';
import type { FetchLike } from '../../nodes/shared/channels/send';
import { sendAliyunSms, sendTencentSms } from '../../nodes/shared/channels/sms-senders';
import { sendDingtalk, sendFeishu, sendWecom } from '../../nodes/shared/channels/staff-senders';

const realFetch: FetchLike = (url, init) => fetch(url, init);
const NOW = new Date();
const message: StaffMessage = {
	kind: 'new-ticket',
	items: [{ ticket: 'BX-20261205-0001', customer: '华东物业', address: '上海市徐汇区漕溪路88号', technician: '王师傅', due: '2026-12-05 17:00' }],
};

describe('WeCom group robot', () => {
	const KEY = 'wecom-test-key';
	let wecom: Platform;
	beforeAll(async () => {
		wecom = await platform(wecomAnswer(KEY));
	});
	afterAll(() => wecom.close());
	beforeEach(() => {
		wecom.mode = 'ok';
		wecom.received = [];
	});
	const config = () => ({ webhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=${KEY}` });

	test('the message arrives as msgtype markdown with its content', async () => {
		await expect(sendWecom(config(), wecomMessages(message)[0], realFetch, NOW)).resolves.toEqual({ ok: true });
		const body = JSON.parse(wecom.received[0].body);
		expect(body.msgtype).toBe('markdown');
		expect(body.markdown.content).toContain('**BX-20261205-0001 · 华东物业**');
		expect(wecom.received[0].headers['content-type']).toBe('application/json; charset=utf-8');
	});

	test('rate limit 45009 and HTTP 500 are retryable; a wrong key is not', async () => {
		wecom.mode = 'rate-limit';
		await expect(sendWecom(config(), wecomMessages(message)[0], realFetch, NOW)).resolves.toEqual({
			ok: false,
			retryable: true,
			error: 'WeCom errcode 45009: api freq out of limit',
		});
		wecom.mode = 'down-500';
		expect(await sendWecom(config(), wecomMessages(message)[0], realFetch, NOW)).toMatchObject({
			ok: false,
			retryable: true,
			error: expect.stringContaining('HTTP 500'),
		});
		wecom.mode = 'ok';
		expect(await sendWecom({ webhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=wrong` }, wecomMessages(message)[0], realFetch, NOW)).toEqual({
			ok: false,
			retryable: false,
			error: 'WeCom errcode 93000: invalid webhook url',
		});
	});

	test('a platform that is down (connection refused) is retryable', async () => {
		const result = await sendWecom(
			{ webhookUrl: `${await closedPort()}/cgi-bin/webhook/send?key=${KEY}` },
			wecomMessages(message)[0],
			realFetch,
			NOW,
		);
		expect(result).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('网络错误') });
	});
});

describe('DingTalk custom robot (signed)', () => {
	const SECRET = 'SECdingtalk-loopback-secret';
	let dingtalk: Platform;
	beforeAll(async () => {
		dingtalk = await platform(dingtalkAnswer(SECRET));
	});
	afterAll(() => dingtalk.close());
	beforeEach(() => {
		dingtalk.mode = 'ok';
		dingtalk.received = [];
	});
	const config = (secret = SECRET) => ({ webhookUrl: `${dingtalk.url}/robot/send?access_token=dt-token`, secret });

	test('the signature checks out on arrival and the markdown arrives with its title', async () => {
		await expect(sendDingtalk(config(), dingtalkMessages(message)[0], realFetch, new Date())).resolves.toEqual({ ok: true });
		const body = JSON.parse(dingtalk.received[0].body);
		expect(body).toMatchObject({ msgtype: 'markdown', markdown: { title: '售后 · 新报修' } });
		expect(body.markdown.text).toContain('地址：上海市徐汇区漕溪路88号');
	});

	test('rate limit 130101 is retryable; a wrong secret (310000) is not', async () => {
		dingtalk.mode = 'rate-limit';
		expect(await sendDingtalk(config(), dingtalkMessages(message)[0], realFetch, new Date())).toEqual({
			ok: false,
			retryable: true,
			error: 'DingTalk errcode 130101: send too fast, exceed 20 times per minute',
		});
		dingtalk.mode = 'ok';
		expect(await sendDingtalk(config('SECwrong'), dingtalkMessages(message)[0], realFetch, new Date())).toEqual({
			ok: false,
			retryable: false,
			error: 'DingTalk errcode 310000: sign not match',
		});
	});

	test('HTTP 500 is retryable', async () => {
		dingtalk.mode = 'down-500';
		expect(await sendDingtalk(config(), dingtalkMessages(message)[0], realFetch, new Date())).toMatchObject({ ok: false, retryable: true });
	});
});

describe('Feishu/Lark custom bot (signed)', () => {
	const SECRET = 'feishu-loopback-secret';
	let feishu: Platform;
	beforeAll(async () => {
		feishu = await platform(feishuAnswer(SECRET));
	});
	afterAll(() => feishu.close());
	beforeEach(() => {
		feishu.mode = 'ok';
		feishu.received = [];
	});
	const config = (secret = SECRET) => ({ webhookUrl: `${feishu.url}/open-apis/bot/v2/hook/abc`, secret });

	test('timestamp and sign in the body check out; the card arrives', async () => {
		await expect(sendFeishu(config(), feishuMessages(message)[0], realFetch, new Date())).resolves.toEqual({ ok: true });
		const body = JSON.parse(feishu.received[0].body);
		expect(body.msg_type).toBe('interactive');
		expect(body.card.header.title.content).toBe('新报修');
		expect(body.card.elements[0].text.content).toContain('技术员：王师傅');
	});

	test('frequency limit 11232 is retryable; a sign mismatch (19021) is not', async () => {
		feishu.mode = 'rate-limit';
		expect(await sendFeishu(config(), feishuMessages(message)[0], realFetch, new Date())).toMatchObject({
			ok: false,
			retryable: true,
			error: expect.stringContaining('code 11232'),
		});
		feishu.mode = 'ok';
		expect(await sendFeishu(config('wrong'), feishuMessages(message)[0], realFetch, new Date())).toMatchObject({
			ok: false,
			retryable: false,
			error: expect.stringContaining('code 19021'),
		});
	});
});

const TEMPLATES = { survey: 'SMS_1001', ready: 'SMS_1002', payment: 'SMS_1003', expiry: 'SMS_1004', reply: 'SMS_1005' };
const survey = {
	kind: 'survey' as const,
	phone: '138 1234 5678',
	params: { name: '陈经理', ticket: 'BX-20261205-0001', url: 'https://s.example/webhook/after-sales/surveys/t0k3n' },
};

describe('Aliyun SMS SendSms (RPC signature)', () => {
	const SECRET = 'aliyun-loopback-secret';
	let aliyun: Platform;
	beforeAll(async () => {
		aliyun = await platform(aliyunAnswer(SECRET, TEMPLATES));
	});
	afterAll(() => aliyun.close());
	beforeEach(() => {
		aliyun.mode = 'ok';
		aliyun.received = [];
	});
	const config = (over: Partial<SmsConfig> = {}): SmsConfig => ({
		provider: 'aliyun',
		accessKeyId: 'LTAI-loopback',
		accessKeySecret: SECRET,
		signName: '华东售后',
		endpoint: `${aliyun.url}/`,
		templates: TEMPLATES,
		...over,
	});

	test('the signature checks out; the survey link arrives with its template and TemplateParam', async () => {
		await expect(sendAliyunSms(config(), survey, realFetch, NOW)).resolves.toEqual({ ok: true, providerId: '900619746936498440^0' });
		const form = new URLSearchParams(aliyun.received[0].body);
		expect(form.get('Action')).toBe('SendSms');
		expect(form.get('PhoneNumbers')).toBe('13812345678');
		expect(form.get('SignName')).toBe('华东售后');
		expect(form.get('TemplateCode')).toBe('SMS_1001');
		expect(JSON.parse(form.get('TemplateParam') ?? '')).toEqual({
			name: '陈经理',
			ticket: 'BX-20261205-0001',
			url: 'https://s.example/webhook/after-sales/surveys/t0k3n',
		});
		expect(aliyun.received[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
	});

	test('isv.BUSINESS_LIMIT_CONTROL and HTTP 500 are retryable', async () => {
		aliyun.mode = 'rate-limit';
		expect(await sendAliyunSms(config(), survey, realFetch, NOW)).toEqual({
			ok: false,
			retryable: true,
			error: 'Aliyun SMS isv.BUSINESS_LIMIT_CONTROL: 触发分钟级流控Permits:1',
		});
		aliyun.mode = 'down-500';
		expect(await sendAliyunSms(config(), survey, realFetch, NOW)).toMatchObject({ ok: false, retryable: true });
	});

	test('a wrong secret and a template the provider does not know are not retryable', async () => {
		expect(await sendAliyunSms(config({ accessKeySecret: 'wrong' }), survey, realFetch, NOW)).toMatchObject({
			ok: false,
			retryable: false,
			error: expect.stringContaining('SignatureDoesNotMatch'),
		});
		expect(await sendAliyunSms(config({ templates: { ...TEMPLATES, survey: 'SMS_9999' } }), survey, realFetch, NOW)).toMatchObject({
			ok: false,
			retryable: false,
			error: expect.stringContaining('isv.SMS_TEMPLATE_ILLEGAL'),
		});
	});

	test('a landline or a missing parameter fails before anything is sent, not retryable', async () => {
		expect(await sendAliyunSms(config(), { ...survey, phone: '010-12345678' }, realFetch, NOW)).toMatchObject({ ok: false, retryable: false });
		expect(await sendAliyunSms(config(), { ...survey, params: { name: '陈经理', ticket: 'BX-1' } }, realFetch, NOW)).toMatchObject({
			ok: false,
			retryable: false,
			error: expect.stringContaining('missing url'),
		});
		expect(aliyun.received).toEqual([]);
	});
});

describe('Tencent Cloud SMS SendSms (TC3-HMAC-SHA256)', () => {
	const SECRET_KEY = 'tencent-loopback-secret-key';
	let tencent: Platform;
	beforeAll(async () => {
		tencent = await platform(tencentAnswer(SECRET_KEY));
	});
	afterAll(() => tencent.close());
	beforeEach(() => {
		tencent.mode = 'ok';
		tencent.received = [];
	});
	const config = (over: Partial<SmsConfig> = {}): SmsConfig => ({
		provider: 'tencent',
		accessKeyId: 'AKID-loopback',
		accessKeySecret: SECRET_KEY,
		signName: '华东售后',
		sdkAppId: '1400006666',
		endpoint: `${tencent.url}/`,
		templates: TEMPLATES,
		...over,
	});

	test('the TC3 signature checks out; the payment notice arrives with TemplateParamSet in order', async () => {
		const payment = { kind: 'payment' as const, phone: '13812345678', params: { name: '陈经理', order: 'DD-20261205-0001', amount: 128050 } };
		await expect(sendTencentSms(config(), payment, realFetch, NOW)).resolves.toEqual({ ok: true, providerId: '5000:1045710669157053657849499619' });
		expect(JSON.parse(tencent.received[0].body)).toEqual({
			PhoneNumberSet: ['+8613812345678'],
			SmsSdkAppId: '1400006666',
			SignName: '华东售后',
			TemplateId: 'SMS_1003',
			TemplateParamSet: ['陈经理', 'DD-20261205-0001', '1280.50'],
		});
	});

	test('RequestLimitExceeded and HTTP 500 are retryable; a wrong key is not', async () => {
		tencent.mode = 'rate-limit';
		expect(await sendTencentSms(config(), survey, realFetch, NOW)).toEqual({
			ok: false,
			retryable: true,
			error: 'Tencent SMS RequestLimitExceeded: Your current request times exceeds limit.',
		});
		tencent.mode = 'down-500';
		expect(await sendTencentSms(config(), survey, realFetch, NOW)).toMatchObject({ ok: false, retryable: true });
		tencent.mode = 'ok';
		expect(await sendTencentSms(config({ accessKeySecret: 'wrong' }), survey, realFetch, NOW)).toMatchObject({
			ok: false,
			retryable: false,
			error: expect.stringContaining('AuthFailure.SignatureFailure'),
		});
	});

	test('a provider that is down (connection refused) is retryable', async () => {
		expect(await sendTencentSms(config({ endpoint: `${await closedPort()}/` }), survey, realFetch, NOW)).toMatchObject({
			ok: false,
			retryable: true,
		});
	});
});

/** The channels from the environment (issue 19 item 3): what is on, and every problem listed at once. */
import { channelNames, channelsFromEnv, SMS_DEFAULT_ENDPOINTS } from '../../nodes/shared/channels/config';

const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=XXXXXX';
const FEISHU = 'https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd';
const TEMPLATES = {
	AFTER_SALES_SMS_TEMPLATE_SURVEY: 'SMS_1001',
	AFTER_SALES_SMS_TEMPLATE_READY: 'SMS_1002',
	AFTER_SALES_SMS_TEMPLATE_PAYMENT: 'SMS_1003',
	AFTER_SALES_SMS_TEMPLATE_EXPIRY: 'SMS_1004',
	AFTER_SALES_SMS_TEMPLATE_REPLY: 'SMS_1005',
};
const ALIYUN = {
	AFTER_SALES_SMS_PROVIDER: 'aliyun',
	AFTER_SALES_SMS_ACCESS_KEY_ID: 'LTAI-test',
	AFTER_SALES_SMS_ACCESS_KEY_SECRET: 'secret',
	AFTER_SALES_SMS_SIGN_NAME: '华东售后',
	...TEMPLATES,
};

test('nothing set: no channel, no problem (nothing is sent, and the run says so elsewhere)', () => {
	expect(channelsFromEnv({ PATH: '/usr/bin' })).toEqual({ channels: {}, problems: [] });
});

test('only the WeCom URL: the WeCom robot alone', () => {
	const { channels, problems } = channelsFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: WECOM });
	expect(problems).toEqual([]);
	expect(channels).toEqual({ wecom: { webhookUrl: WECOM } });
	expect(channelNames(channels)).toEqual(['WeCom']);
});

test('several at once: the three robots and Aliyun SMS with its default endpoint', () => {
	const { channels, problems } = channelsFromEnv({
		AFTER_SALES_WECOM_WEBHOOK_URL: WECOM,
		AFTER_SALES_DINGTALK_WEBHOOK_URL: DINGTALK,
		AFTER_SALES_DINGTALK_SECRET: 'SECabc',
		AFTER_SALES_FEISHU_WEBHOOK_URL: FEISHU,
		AFTER_SALES_FEISHU_SECRET: 'fs-secret',
		...ALIYUN,
	});
	expect(problems).toEqual([]);
	expect(channelNames(channels)).toEqual(['WeCom', 'DingTalk', 'Feishu', 'SMS (aliyun)']);
	expect(channels.dingtalk).toEqual({ webhookUrl: DINGTALK, secret: 'SECabc' });
	expect(channels.sms).toEqual({
		provider: 'aliyun',
		accessKeyId: 'LTAI-test',
		accessKeySecret: 'secret',
		signName: '华东售后',
		sdkAppId: undefined,
		endpoint: 'https://dysmsapi.aliyuncs.com/',
		templates: { survey: 'SMS_1001', ready: 'SMS_1002', payment: 'SMS_1003', expiry: 'SMS_1004', reply: 'SMS_1005' },
	});
});

test('Tencent needs its SdkAppId; the endpoint can be pointed elsewhere', () => {
	const env = { ...ALIYUN, AFTER_SALES_SMS_PROVIDER: 'tencent', AFTER_SALES_SMS_ENDPOINT: 'http://127.0.0.1:9999/' };
	expect(channelsFromEnv(env).problems).toEqual(["AFTER_SALES_SMS_SDK_APP_ID 未设置 (is not set): tencent SMS needs the SMS application's SdkAppId"]);
	const { channels, problems } = channelsFromEnv({ ...env, AFTER_SALES_SMS_SDK_APP_ID: '1400000000' });
	expect(problems).toEqual([]);
	expect(channels.sms).toMatchObject({ provider: 'tencent', sdkAppId: '1400000000', endpoint: 'http://127.0.0.1:9999/' });
	expect(SMS_DEFAULT_ENDPOINTS.tencent).toBe('https://sms.tencentcloudapi.com/');
});

test('every problem is listed at once, each naming its variable; a channel with a problem is left out', () => {
	const { channels, problems } = channelsFromEnv({
		AFTER_SALES_WECOM_WEBHOOK_URL: 'qyapi.weixin.qq.com/send?key=1',
		AFTER_SALES_DINGTALK_WEBHOOK_URL: DINGTALK,
		AFTER_SALES_FEISHU_SECRET: 'orphan',
		...ALIYUN,
		AFTER_SALES_SMS_TEMPLATE_READY: '',
		AFTER_SALES_SMS_TEMPLATE_REPLY: undefined,
		AFTER_SALES_SMS_ENDPOINT: 'not a url',
	});
	expect(problems).toEqual([
		'AFTER_SALES_WECOM_WEBHOOK_URL 不是有效的网址 (is not a URL): "qyapi.weixin.qq.com/send?key=1"; expected an http:// or https:// address',
		"AFTER_SALES_DINGTALK_SECRET 未设置 (is not set): the 钉钉机器人 (DingTalk robot) is signed; copy the secret from the robot's security settings (加签/签名校验)",
		"AFTER_SALES_FEISHU_SECRET 已设置但没有 AFTER_SALES_FEISHU_WEBHOOK_URL (is set without AFTER_SALES_FEISHU_WEBHOOK_URL): set the 飞书机器人 (Feishu/Lark bot)'s address too, e.g. https://open.feishu.cn/open-apis/bot/v2/hook/…",
		'AFTER_SALES_SMS_ENDPOINT 不是有效的网址 (is not a URL): "not a url"; expected an http:// or https:// address',
		'AFTER_SALES_SMS_TEMPLATE_READY 未设置 (is not set): aliyun SMS needs an approved template for the 产品修好通知 (product ready)',
		'AFTER_SALES_SMS_TEMPLATE_REPLY 未设置 (is not set): aliyun SMS needs an approved template for the 投诉答复 (complaint reply)',
	]);
	expect(channels).toEqual({});
});

test('a WeCom URL without its key and a DingTalk URL without access_token are refused', () => {
	const { problems } = channelsFromEnv({
		AFTER_SALES_WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
		AFTER_SALES_DINGTALK_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send',
		AFTER_SALES_DINGTALK_SECRET: 'SECabc',
	});
	expect(problems).toHaveLength(2);
	expect(problems[0]).toMatch(/^AFTER_SALES_WECOM_WEBHOOK_URL 缺少 key/);
	expect(problems[1]).toMatch(/^AFTER_SALES_DINGTALK_WEBHOOK_URL 缺少 access_token/);
});

test('SMS variables without a provider, and an unknown provider, are reported', () => {
	expect(channelsFromEnv({ AFTER_SALES_SMS_SIGN_NAME: '华东售后', AFTER_SALES_SMS_TEMPLATE_SURVEY: 'SMS_1' }).problems).toEqual([
		'AFTER_SALES_SMS_PROVIDER 未设置 (is not set) but AFTER_SALES_SMS_SIGN_NAME, AFTER_SALES_SMS_TEMPLATE_SURVEY are: set it to aliyun or tencent, or no SMS is sent',
	]);
	expect(channelsFromEnv({ ...ALIYUN, AFTER_SALES_SMS_PROVIDER: 'twilio' }).problems).toEqual([
		'AFTER_SALES_SMS_PROVIDER 只能是 aliyun 或 tencent (must be aliyun or tencent), not "twilio"',
	]);
});

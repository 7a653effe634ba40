/**
 * The channels from the environment (issue 19 item 3, RECORDS *Notifications*): whichever staff
 * robots are set, several at once, and SMS when a provider is named. Everything wrong is listed at
 * once, Chinese first, each naming its variable, so `npm start` can print the whole list instead of
 * a workflow failing later; a channel with a problem is left out of the config.
 */
import { SMS_KINDS, SMS_KIND_LABELS, SMS_TEMPLATE_VARIABLES, type SmsKind } from './sms';

export interface WecomConfig {
	webhookUrl: string;
}
export interface DingtalkConfig {
	webhookUrl: string;
	secret: string;
}
export interface FeishuConfig {
	webhookUrl: string;
	secret: string;
}
export type SmsProvider = 'aliyun' | 'tencent';
export interface SmsConfig {
	provider: SmsProvider;
	accessKeyId: string;
	accessKeySecret: string;
	signName: string;
	/** Tencent only. */
	sdkAppId?: string;
	/** Where requests go: the provider's own endpoint unless `AFTER_SALES_SMS_ENDPOINT` says otherwise. */
	endpoint: string;
	templates: Record<SmsKind, string>;
}
export interface ChannelsConfig {
	wecom?: WecomConfig;
	dingtalk?: DingtalkConfig;
	feishu?: FeishuConfig;
	sms?: SmsConfig;
}

export const SMS_DEFAULT_ENDPOINTS: Record<SmsProvider, string> = {
	aliyun: 'https://dysmsapi.aliyuncs.com/',
	tencent: 'https://sms.tencentcloudapi.com/',
};

const value = (env: Record<string, string | undefined>, name: string): string | undefined => {
	const v = env[name]?.trim();
	return v ? v : undefined;
};

/** An http(s) URL or a problem naming the variable. */
function checkUrl(name: string, url: string, problems: string[]): boolean {
	try {
		const u = new URL(url);
		if (u.protocol === 'http:' || u.protocol === 'https:') return true;
	} catch {
		// reported below
	}
	problems.push(`${name} 不是有效的网址 (is not a URL): "${url}"; expected an http:// or https:// address`);
	return false;
}

/** The channels set in `env`, and every problem found (empty when all is well). */
export function channelsFromEnv(env: Record<string, string | undefined>): { channels: ChannelsConfig; problems: string[] } {
	const problems: string[] = [];
	const channels: ChannelsConfig = {};

	const wecomUrl = value(env, 'AFTER_SALES_WECOM_WEBHOOK_URL');
	if (wecomUrl && checkUrl('AFTER_SALES_WECOM_WEBHOOK_URL', wecomUrl, problems)) {
		if (!new URL(wecomUrl).searchParams.get('key')) {
			problems.push(
				"AFTER_SALES_WECOM_WEBHOOK_URL 缺少 key (has no key): copy the robot's whole address, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
			);
		} else channels.wecom = { webhookUrl: wecomUrl };
	}

	for (const [platform, name, example] of [
		['dingtalk', '钉钉机器人 (DingTalk robot)', 'https://oapi.dingtalk.com/robot/send?access_token=…'],
		['feishu', '飞书机器人 (Feishu/Lark bot)', 'https://open.feishu.cn/open-apis/bot/v2/hook/…'],
	] as const) {
		const urlVar = `AFTER_SALES_${platform.toUpperCase()}_WEBHOOK_URL`;
		const secretVar = `AFTER_SALES_${platform.toUpperCase()}_SECRET`;
		const url = value(env, urlVar);
		const secret = value(env, secretVar);
		if (!url) {
			if (secret) problems.push(`${secretVar} 已设置但没有 ${urlVar} (is set without ${urlVar}): set the ${name}'s address too, e.g. ${example}`);
			continue;
		}
		let ok = checkUrl(urlVar, url, problems);
		if (ok && platform === 'dingtalk' && !new URL(url).searchParams.get('access_token')) {
			problems.push(`${urlVar} 缺少 access_token (has no access_token): copy the robot's whole address, e.g. ${example}`);
			ok = false;
		}
		if (!secret) {
			problems.push(`${secretVar} 未设置 (is not set): the ${name} is signed; copy the secret from the robot's security settings (加签/签名校验)`);
			ok = false;
		}
		if (ok && secret) channels[platform] = { webhookUrl: url, secret };
	}

	const provider = value(env, 'AFTER_SALES_SMS_PROVIDER');
	const smsVars = Object.keys(env).filter((k) => k.startsWith('AFTER_SALES_SMS_') && k !== 'AFTER_SALES_SMS_PROVIDER' && value(env, k));
	if (!provider) {
		if (smsVars.length)
			problems.push(
				`AFTER_SALES_SMS_PROVIDER 未设置 (is not set) but ${smsVars.sort().join(', ')} are: set it to aliyun or tencent, or no SMS is sent`,
			);
		return { channels, problems };
	}
	if (provider !== 'aliyun' && provider !== 'tencent') {
		problems.push(`AFTER_SALES_SMS_PROVIDER 只能是 aliyun 或 tencent (must be aliyun or tencent), not "${provider}"`);
		return { channels, problems };
	}
	const before = problems.length;
	const required = (name: string, what: string): string => {
		const v = value(env, name);
		if (!v) problems.push(`${name} 未设置 (is not set): ${provider} SMS needs ${what}`);
		return v ?? '';
	};
	const accessKeyId = required('AFTER_SALES_SMS_ACCESS_KEY_ID', provider === 'aliyun' ? 'the AccessKey ID' : 'the SecretId');
	const accessKeySecret = required('AFTER_SALES_SMS_ACCESS_KEY_SECRET', provider === 'aliyun' ? 'the AccessKey secret' : 'the SecretKey');
	const signName = required('AFTER_SALES_SMS_SIGN_NAME', 'the approved signature (短信签名)');
	const sdkAppId = provider === 'tencent' ? required('AFTER_SALES_SMS_SDK_APP_ID', "the SMS application's SdkAppId") : undefined;
	const endpoint = value(env, 'AFTER_SALES_SMS_ENDPOINT') ?? SMS_DEFAULT_ENDPOINTS[provider];
	checkUrl('AFTER_SALES_SMS_ENDPOINT', endpoint, problems);
	const templates = {} as Record<SmsKind, string>;
	for (const kind of SMS_KINDS) {
		const code = value(env, SMS_TEMPLATE_VARIABLES[kind]);
		if (!code)
			problems.push(
				`${SMS_TEMPLATE_VARIABLES[kind]} 未设置 (is not set): ${provider} SMS needs an approved template for the ${SMS_KIND_LABELS[kind]}`,
			);
		else templates[kind] = code;
	}
	if (problems.length === before) channels.sms = { provider, accessKeyId, accessKeySecret, signName, sdkAppId, endpoint, templates };
	return { channels, problems };
}

/** Which channels are on, for the start-up line: e.g. ["WeCom", "SMS (aliyun)"]. */
export function channelNames(channels: ChannelsConfig): string[] {
	return [
		channels.wecom && 'WeCom',
		channels.dingtalk && 'DingTalk',
		channels.feishu && 'Feishu',
		channels.sms && `SMS (${channels.sms.provider})`,
	].filter((n): n is string => Boolean(n));
}

/**
 * The After-Sales Channels credential's fields and the variable each one is filled from by
 * `npm start` (RECORDS *Notifications*): the credential is the same settings, editable in n8n.
 */
export const CHANNEL_CREDENTIAL_VARIABLES = {
	wecomWebhookUrl: 'AFTER_SALES_WECOM_WEBHOOK_URL',
	dingtalkWebhookUrl: 'AFTER_SALES_DINGTALK_WEBHOOK_URL',
	dingtalkSecret: 'AFTER_SALES_DINGTALK_SECRET',
	feishuWebhookUrl: 'AFTER_SALES_FEISHU_WEBHOOK_URL',
	feishuSecret: 'AFTER_SALES_FEISHU_SECRET',
	smsProvider: 'AFTER_SALES_SMS_PROVIDER',
	smsAccessKeyId: 'AFTER_SALES_SMS_ACCESS_KEY_ID',
	smsAccessKeySecret: 'AFTER_SALES_SMS_ACCESS_KEY_SECRET',
	smsSignName: 'AFTER_SALES_SMS_SIGN_NAME',
	smsSdkAppId: 'AFTER_SALES_SMS_SDK_APP_ID',
	smsEndpoint: 'AFTER_SALES_SMS_ENDPOINT',
	smsTemplateSurvey: 'AFTER_SALES_SMS_TEMPLATE_SURVEY',
	smsTemplateReady: 'AFTER_SALES_SMS_TEMPLATE_READY',
	smsTemplatePayment: 'AFTER_SALES_SMS_TEMPLATE_PAYMENT',
	smsTemplateExpiry: 'AFTER_SALES_SMS_TEMPLATE_EXPIRY',
	smsTemplateReply: 'AFTER_SALES_SMS_TEMPLATE_REPLY',
} as const;

export type ChannelCredentialField = keyof typeof CHANNEL_CREDENTIAL_VARIABLES;

/** The credential's data from the variables (only those set), as `npm start` writes it. */
export function channelCredentialFromEnv(env: Record<string, string | undefined>): Partial<Record<ChannelCredentialField, string>> {
	const data: Partial<Record<ChannelCredentialField, string>> = {};
	for (const [field, variable] of Object.entries(CHANNEL_CREDENTIAL_VARIABLES) as Array<[ChannelCredentialField, string]>) {
		const v = value(env, variable);
		if (v) data[field] = v;
	}
	return data;
}

/**
 * The channels from the credential's data: checked exactly as the variables are (the problems name
 * the variable, which is also how the field is described in the credential).
 */
export function channelsFromCredential(data: Record<string, unknown> | undefined): { channels: ChannelsConfig; problems: string[] } {
	const env: Record<string, string | undefined> = {};
	for (const [field, variable] of Object.entries(CHANNEL_CREDENTIAL_VARIABLES)) {
		const v = data?.[field];
		if (typeof v === 'string' && v.trim() && !(field === 'smsProvider' && v === 'none')) env[variable] = v;
	}
	return channelsFromEnv(env);
}

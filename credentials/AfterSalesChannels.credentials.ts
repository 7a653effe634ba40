import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { CHANNEL_CREDENTIAL_VARIABLES as V } from '../nodes/shared/channels/config';

const text = (displayName: string, name: keyof typeof V, description: string, secret = false, placeholder = ''): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(secret ? { typeOptions: { password: true } } : {}),
	...(placeholder ? { placeholder } : {}),
	description: `${description} (variable ${V[name]}, which npm start copies here).`,
});

const sms = { displayOptions: { show: { smsProvider: ['aliyun', 'tencent'] } } };

/**
 * Where messages go besides email (通知渠道, issue 19): the staff groups' robots (WeCom, DingTalk,
 * Feishu/Lark — whichever are filled, several at once) and SMS for customers without email.
 * Empty fields: that channel is off. `npm start` fills it from the AFTER_SALES_* variables.
 */
// Settings for several platforms, not one API: the "-Api" naming rules do not apply.
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed
export class AfterSalesChannels implements ICredentialType {
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed
	name = 'afterSalesChannels';

	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
	displayName = 'After-Sales Channels';

	documentationUrl = 'https://github.com/after-sales-n8n/n8n-nodes-after-sales#notifications';

	icon = { light: 'file:afterSalesChannels.svg', dark: 'file:afterSalesChannels.dark.svg' } as const;

	properties: INodeProperties[] = [
		text(
			'WeCom Group Robot URL',
			'wecomWebhookUrl',
			"企业微信群机器人: the robot's whole address with its key",
			true,
			'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
		),
		text(
			'DingTalk Robot URL',
			'dingtalkWebhookUrl',
			"钉钉机器人: the robot's whole address with its access_token",
			true,
			'https://oapi.dingtalk.com/robot/send?access_token=…',
		),
		text('DingTalk Signing Secret', 'dingtalkSecret', '钉钉加签: the SEC… secret of the robot', true),
		text('Feishu/Lark Bot URL', 'feishuWebhookUrl', "飞书机器人: the bot's whole address", true, 'https://open.feishu.cn/open-apis/bot/v2/hook/…'),
		text('Feishu/Lark Signing Secret', 'feishuSecret', '飞书签名校验: the secret of the bot', true),
		{
			displayName: 'SMS Provider',
			name: 'smsProvider',
			type: 'options',
			options: [
				{ name: 'None (No SMS)', value: 'none' },
				{ name: 'Aliyun SMS (阿里云短信)', value: 'aliyun' },
				{ name: 'Tencent Cloud SMS (腾讯云短信)', value: 'tencent' },
			],
			default: 'none',
			description: `短信: customers without email get SMS (variable ${V.smsProvider})`,
		},
		{ ...text('Access Key ID', 'smsAccessKeyId', 'The AccessKey ID (Tencent: SecretId)'), ...sms },
		{ ...text('Access Key Secret', 'smsAccessKeySecret', 'The AccessKey secret (Tencent: SecretKey)', true), ...sms },
		{ ...text('Sign Name', 'smsSignName', 'The approved SMS signature (短信签名)'), ...sms },
		{ ...text('SDK App ID', 'smsSdkAppId', "Tencent only: the SMS application's SdkAppId"), displayOptions: { show: { smsProvider: ['tencent'] } } },
		{ ...text('Endpoint', 'smsEndpoint', "Empty: the provider's own; a private gateway or a test server"), ...sms },
		{ ...text('Template: Survey Link', 'smsTemplateSurvey', 'Approved template code, params name, ticket, url'), ...sms },
		{ ...text('Template: Product Ready', 'smsTemplateReady', 'Approved template code, params name, ticket, date'), ...sms },
		{ ...text('Template: Payment Notice', 'smsTemplatePayment', 'Approved template code, params name, order, amount'), ...sms },
		{ ...text('Template: Contract Expiry', 'smsTemplateExpiry', 'Approved template code, params name, contract, date'), ...sms },
		{ ...text('Template: Complaint Reply', 'smsTemplateReply', 'Approved template code, params name, complaint'), ...sms },
	];
}

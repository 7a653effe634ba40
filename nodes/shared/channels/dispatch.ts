/**
 * One way in for the outbox (issue 19; the outbox itself comes later): a staff message becomes one
 * outgoing body per configured robot and digest part, an SMS one body; `sendOutgoing` sends one
 * such body by its channel's sender. An outgoing body is plain JSON, so it can be stored as it is
 * and sent again later exactly as first built.
 */
import type { ChannelsConfig } from './config';
import {
	dingtalkMessages,
	feishuMessages,
	wecomMessages,
	type DingtalkMarkdown,
	type FeishuCard,
	type StaffMessage,
	type WecomMarkdown,
} from './markdown';
import type { FetchLike, SendResult } from './send';
import { sendSms } from './sms-senders';
import { sendDingtalk, sendFeishu, sendWecom } from './staff-senders';
import type { SmsMessage } from './sms';

export const CHANNELS = ['wecom', 'dingtalk', 'feishu', 'sms'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export type Outgoing =
	| { channel: 'wecom'; body: WecomMarkdown }
	| { channel: 'dingtalk'; body: DingtalkMarkdown }
	| { channel: 'feishu'; body: FeishuCard }
	| { channel: 'sms'; body: SmsMessage };

/** The bodies of a staff message for every robot that is configured (none when none is). */
export function staffOutgoing(channels: ChannelsConfig, message: StaffMessage): Outgoing[] {
	const out: Outgoing[] = [];
	if (channels.wecom) for (const body of wecomMessages(message)) out.push({ channel: 'wecom', body });
	if (channels.dingtalk) for (const body of dingtalkMessages(message)) out.push({ channel: 'dingtalk', body });
	if (channels.feishu) for (const body of feishuMessages(message)) out.push({ channel: 'feishu', body });
	return out;
}

/** Send one outgoing body. A channel that is no longer configured is not retryable until it is set again. */
export async function sendOutgoing(channels: ChannelsConfig, outgoing: Outgoing, fetchLike: FetchLike, now: Date): Promise<SendResult> {
	const off = (name: string): SendResult => ({ ok: false, retryable: false, error: `${name} 未配置 (is not configured): nothing was sent` });
	switch (outgoing.channel) {
		case 'wecom':
			return channels.wecom ? sendWecom(channels.wecom, outgoing.body, fetchLike, now) : off('WeCom');
		case 'dingtalk':
			return channels.dingtalk ? sendDingtalk(channels.dingtalk, outgoing.body, fetchLike, now) : off('DingTalk');
		case 'feishu':
			return channels.feishu ? sendFeishu(channels.feishu, outgoing.body, fetchLike, now) : off('Feishu');
		case 'sms':
			return channels.sms ? sendSms(channels.sms, outgoing.body, fetchLike, now) : off('SMS');
		default:
			return { ok: false, retryable: false, error: `unknown channel ${String((outgoing as { channel: unknown }).channel)}` };
	}
}

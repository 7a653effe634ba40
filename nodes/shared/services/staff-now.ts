/**
 * A staff message sent to the group robots now, not through the outbox (issue 19 item 5): what
 * tells the manager that a workflow failed must not need the store, which may be what failed.
 * Every robot configured gets its bodies (a digest may be several), one after the other; each
 * delivery's result is kept, and nothing is retried — the email of the same failure goes beside it.
 */
import type { ChannelsConfig } from '../channels/config';
import { channelNames } from '../channels/config';
import { sendOutgoing, staffOutgoing, type ChannelName } from '../channels/dispatch';
import type { StaffMessage } from '../channels/markdown';
import type { FetchLike } from '../channels/send';

export interface Delivery {
	channel: ChannelName;
	ok: boolean;
	error?: string;
}

export interface StaffNowResult {
	/** The robots the message went to (e.g. ["WeCom", "Feishu"]). */
	channels: string[];
	sent: number;
	failed: number;
	deliveries: Delivery[];
	/** Why nothing was sent, when no robot is configured. */
	nothingSent?: string;
}

export const NO_ROBOT =
	'未设置员工群机器人，未发送 (no staff group robot is set: nothing was sent). Attach the After-Sales Channels credential with a WeCom, DingTalk or Feishu robot';

export async function sendStaffNow(channels: ChannelsConfig, message: StaffMessage, fetchLike: FetchLike, now: Date): Promise<StaffNowResult> {
	const robots = channelNames({ wecom: channels.wecom, dingtalk: channels.dingtalk, feishu: channels.feishu });
	const outgoing = staffOutgoing(channels, message);
	if (outgoing.length === 0) return { channels: [], sent: 0, failed: 0, deliveries: [], nothingSent: NO_ROBOT };
	const deliveries: Delivery[] = [];
	for (const body of outgoing) {
		const result = await sendOutgoing(channels, body, fetchLike, now);
		deliveries.push(result.ok ? { channel: body.channel, ok: true } : { channel: body.channel, ok: false, error: result.error });
	}
	const sent = deliveries.filter((d) => d.ok).length;
	return { channels: robots, sent, failed: deliveries.length - sent, deliveries };
}

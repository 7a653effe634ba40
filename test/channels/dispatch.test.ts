/** The outbox's way in: bodies per configured robot, and one body sent by its channel's sender. */
import { channelsFromEnv } from '../../nodes/shared/channels/config';
import { sendOutgoing, staffOutgoing } from '../../nodes/shared/channels/dispatch';
import type { StaffMessage } from '../../nodes/shared/channels/markdown';
import type { FetchLike } from '../../nodes/shared/channels/send';

const message: StaffMessage = { kind: 'unassigned', items: [{ ticket: 'BX-20261205-0002', customer: '徐汇中学', text: '锅炉不点火，无人可派' }] };
const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1';

/** A fetch that records each call and answers `{ errcode: 0 }`. */
function recordingFetch() {
	const calls: Array<{ url: string; body: string }> = [];
	const fetchLike: FetchLike = async (url, init) => {
		calls.push({ url, body: init.body });
		return { status: 200, text: async () => JSON.stringify({ errcode: 0, errmsg: 'ok', code: 0, msg: 'success' }) };
	};
	return { calls, fetchLike };
}

test('no channel set: no body, nothing to send', () => {
	expect(staffOutgoing(channelsFromEnv({}).channels, message)).toEqual([]);
});

test('only WeCom set: one WeCom body, sent to its URL', async () => {
	const { channels } = channelsFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: WECOM });
	const out = staffOutgoing(channels, message);
	expect(out.map((o) => o.channel)).toEqual(['wecom']);
	const { calls, fetchLike } = recordingFetch();
	await expect(sendOutgoing(channels, out[0], fetchLike, new Date())).resolves.toEqual({ ok: true });
	expect(calls).toHaveLength(1);
	expect(calls[0].url).toBe(WECOM);
	expect(JSON.parse(calls[0].body).markdown.content).toContain('### 报修无人可派');
});

test('all three robots: one body each, each to its own platform; the stored body survives JSON', async () => {
	const { channels } = channelsFromEnv({
		AFTER_SALES_WECOM_WEBHOOK_URL: WECOM,
		AFTER_SALES_DINGTALK_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=t',
		AFTER_SALES_DINGTALK_SECRET: 'SECx',
		AFTER_SALES_FEISHU_WEBHOOK_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/h',
		AFTER_SALES_FEISHU_SECRET: 'fx',
	});
	const out = staffOutgoing(channels, message).map((o) => JSON.parse(JSON.stringify(o)));
	expect(out.map((o) => o.channel)).toEqual(['wecom', 'dingtalk', 'feishu']);
	const { calls, fetchLike } = recordingFetch();
	for (const o of out) expect(await sendOutgoing(channels, o, fetchLike, new Date())).toEqual({ ok: true });
	expect(calls.map((c) => new URL(c.url).host)).toEqual(['qyapi.weixin.qq.com', 'oapi.dingtalk.com', 'open.feishu.cn']);
	expect(new URL(calls[1].url).searchParams.get('sign')).toBeTruthy();
	expect(JSON.parse(calls[2].body)).toMatchObject({
		msg_type: 'interactive',
		sign: expect.any(String),
		timestamp: expect.stringMatching(/^\d{10}$/),
	});
});

test('a body for a channel no longer configured is not sent and not retryable', async () => {
	const { calls, fetchLike } = recordingFetch();
	const result = await sendOutgoing({}, { channel: 'sms', body: { kind: 'survey', phone: '13812345678', params: {} } }, fetchLike, new Date());
	expect(result).toEqual({ ok: false, retryable: false, error: 'SMS 未配置 (is not configured): nothing was sent' });
	expect(calls).toEqual([]);
});

describe('answers that are not the platform JSON', () => {
	const answering =
		(status: number, text: string): FetchLike =>
		async () => ({ status, text: async () => text });
	const wecom = channelsFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: WECOM }).channels;
	const body = () => staffOutgoing(wecom, message)[0];

	test('a 2xx that cannot be read is not retried: the group may already have the message', async () => {
		expect(await sendOutgoing(wecom, body(), answering(200, '<html>ok</html>'), new Date())).toEqual({
			ok: false,
			retryable: false,
			error: 'WeCom HTTP 200: <html>ok</html>',
		});
	});

	test('a 429 or 503 page is retried', async () => {
		expect(await sendOutgoing(wecom, body(), answering(429, 'Too Many Requests'), new Date())).toMatchObject({ ok: false, retryable: true });
		expect(await sendOutgoing(wecom, body(), answering(503, ''), new Date())).toEqual({
			ok: false,
			retryable: true,
			error: 'WeCom HTTP 503: (empty answer)',
		});
	});

	test("Feishu's older answer { StatusCode: 0 } counts as sent", async () => {
		const { channels } = channelsFromEnv({
			AFTER_SALES_FEISHU_WEBHOOK_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/h',
			AFTER_SALES_FEISHU_SECRET: 'fx',
		});
		const out = staffOutgoing(channels, message)[0];
		expect(await sendOutgoing(channels, out, answering(200, '{"Extra":null,"StatusCode":0,"StatusMessage":"success"}'), new Date())).toEqual({
			ok: true,
		});
	});
});

/**
 * The staff group robots (issue 19 item 3): WeCom, DingTalk and Feishu/Lark. Each takes its
 * config, one message body (from markdown.ts), a `fetch`-like function and the time now, and
 * reads the platform's own answer:
 * - WeCom `{ errcode, errmsg }`: 0 sent; 45009 (rate limit) and -1 (busy) retryable.
 * - DingTalk `{ errcode, errmsg }`: 0 sent; 130101 (sending too fast) and 410100 (rate limited) and -1 retryable.
 * - Feishu `{ code, msg }` (or the older `{ StatusCode }`): 0 sent; 9499 (too many requests) and 11232 (frequency limited) retryable.
 */
import type { DingtalkConfig, FeishuConfig, WecomConfig } from './config';
import type { DingtalkMarkdown, FeishuCard, WecomMarkdown } from './markdown';
import { isResult, post, record, unreadable, type Answer, type FetchLike, type SendResult } from './send';
import { dingtalkSignedUrl, feishuSign } from './signing';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

export const WECOM_RETRYABLE = [45009, -1];
export const DINGTALK_RETRYABLE = [130101, 410100, -1];
export const FEISHU_RETRYABLE = [9499, 11232];

/** An answer `{ <codeField>: n, <messageField>: … }` as a result. */
function byCode(platform: string, answer: Answer, codeField: string, messageField: string, retryableCodes: number[]): SendResult {
	const body = record(answer.body);
	const code = body[codeField];
	if (typeof code !== 'number') return unreadable(platform, answer);
	if (code === 0 && answer.status < 400) return { ok: true };
	const retryable = retryableCodes.includes(code) || answer.status >= 500 || answer.status === 429;
	return { ok: false, retryable, error: `${platform} ${codeField} ${code}: ${String(body[messageField] ?? '')}` };
}

export async function sendWecom(config: WecomConfig, message: WecomMarkdown, fetchLike: FetchLike, _now: Date): Promise<SendResult> {
	const answer = await post(fetchLike, config.webhookUrl, JSON_HEADERS, JSON.stringify(message));
	return isResult(answer) ? answer : byCode('WeCom', answer, 'errcode', 'errmsg', WECOM_RETRYABLE);
}

export async function sendDingtalk(config: DingtalkConfig, message: DingtalkMarkdown, fetchLike: FetchLike, now: Date): Promise<SendResult> {
	const url = dingtalkSignedUrl(config.webhookUrl, config.secret, now.getTime());
	const answer = await post(fetchLike, url, JSON_HEADERS, JSON.stringify(message));
	return isResult(answer) ? answer : byCode('DingTalk', answer, 'errcode', 'errmsg', DINGTALK_RETRYABLE);
}

export async function sendFeishu(config: FeishuConfig, message: FeishuCard, fetchLike: FetchLike, now: Date): Promise<SendResult> {
	const timestamp = Math.floor(now.getTime() / 1000);
	const body = { timestamp: String(timestamp), sign: feishuSign(timestamp, config.secret), ...message };
	const answer = await post(fetchLike, config.webhookUrl, JSON_HEADERS, JSON.stringify(body));
	if (isResult(answer)) return answer;
	const fields = record(answer.body);
	// The older bot API answered { StatusCode: 0, StatusMessage: "success" }.
	if (typeof fields.code !== 'number' && typeof fields.StatusCode === 'number')
		return byCode('Feishu', answer, 'StatusCode', 'StatusMessage', FEISHU_RETRYABLE);
	return byCode('Feishu', answer, 'code', 'msg', FEISHU_RETRYABLE);
}

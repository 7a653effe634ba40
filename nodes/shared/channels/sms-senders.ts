/**
 * SMS senders (issue 19 item 3): Aliyun `SendSms` (dysmsapi 2017-05-25, RPC signature V1, POSTed as
 * a form) and Tencent Cloud `SendSms` (sms 2021-01-11, TC3-HMAC-SHA256, POSTed as JSON). Each takes
 * the SMS config, the message, a `fetch`-like function and the time now (and, for Aliyun, the
 * nonce; a random UUID unless given), and reads the provider's own answer:
 * - Aliyun `{ Code, Message, BizId }`: `OK` sent (providerId = BizId); `isv.BUSINESS_LIMIT_CONTROL`,
 *   `Throttling*`, `ServiceUnavailable`, `InternalError` retryable; a bad template, signature or key is not.
 * - Tencent `{ Response: { SendStatusSet: [{ Code, SerialNo }] } }` or `{ Response: { Error: { Code } } }`:
 *   `Ok` sent (providerId = SerialNo); `RequestLimitExceeded*`, `LimitExceeded.*`, `InternalError*`
 *   retryable; anything else (`FailedOperation.TemplateIncorrectOrUnapproved`, `AuthFailure.*` …) not.
 */
import { randomUUID } from 'node:crypto';
import type { SmsConfig } from './config';
import { isResult, post, record, unreadable, type FetchLike, type SendResult } from './send';
import { aliyunCanonicalQuery, aliyunPercentEncode, aliyunRpcSignature, aliyunTimestamp, tc3Sign } from './signing';
import { aliyunTemplateParam, smsMobile, tencentTemplateParamSet, type SmsMessage } from './sms';

const aliyunRetryable = (code: string): boolean =>
	code === 'isv.BUSINESS_LIMIT_CONTROL' || code.startsWith('Throttling') || code === 'ServiceUnavailable' || code === 'InternalError';
const tencentRetryable = (code: string): boolean =>
	code.startsWith('RequestLimitExceeded') || code.startsWith('LimitExceeded') || code.startsWith('InternalError');

/** A message that cannot be built (bad phone, missing parameter) is not retryable: it would fail again. */
function build<T>(make: () => T): T | SendResult {
	try {
		return make();
	} catch (error) {
		return { ok: false, retryable: false, error: (error as Error).message };
	}
}

/** The Aliyun SendSms request parameters (without Signature). */
export function aliyunSendSmsParams(config: SmsConfig, message: SmsMessage, now: Date, nonce: string): Record<string, string> {
	return {
		AccessKeyId: config.accessKeyId,
		Action: 'SendSms',
		Format: 'JSON',
		PhoneNumbers: smsMobile(message.phone),
		RegionId: 'cn-hangzhou',
		SignName: config.signName,
		SignatureMethod: 'HMAC-SHA1',
		SignatureNonce: nonce,
		SignatureVersion: '1.0',
		TemplateCode: config.templates[message.kind],
		TemplateParam: aliyunTemplateParam(message.kind, message.params),
		Timestamp: aliyunTimestamp(now.getTime()),
		Version: '2017-05-25',
	};
}

export async function sendAliyunSms(
	config: SmsConfig,
	message: SmsMessage,
	fetchLike: FetchLike,
	now: Date,
	nonce: string = randomUUID(),
): Promise<SendResult> {
	const built = build(() => ({ params: aliyunSendSmsParams(config, message, now, nonce) }));
	if ('ok' in built) return built;
	const signature = aliyunRpcSignature('POST', built.params, config.accessKeySecret);
	const body = `${aliyunCanonicalQuery(built.params)}&Signature=${aliyunPercentEncode(signature)}`;
	const answer = await post(fetchLike, config.endpoint, { 'Content-Type': 'application/x-www-form-urlencoded' }, body);
	if (isResult(answer)) return answer;
	const fields = record(answer.body);
	const code = fields.Code;
	if (typeof code !== 'string') return unreadable('Aliyun SMS', answer);
	if (code === 'OK') return typeof fields.BizId === 'string' ? { ok: true, providerId: fields.BizId } : { ok: true };
	return { ok: false, retryable: aliyunRetryable(code) || answer.status >= 500, error: `Aliyun SMS ${code}: ${String(fields.Message ?? '')}` };
}

/** The Tencent SendSms body. */
export function tencentSendSmsBody(config: SmsConfig, message: SmsMessage): string {
	return JSON.stringify({
		PhoneNumberSet: [`+86${smsMobile(message.phone)}`],
		SmsSdkAppId: config.sdkAppId ?? '',
		SignName: config.signName,
		TemplateId: config.templates[message.kind],
		TemplateParamSet: tencentTemplateParamSet(message.kind, message.params),
	});
}

/** Tencent's SMS region: any of its regions sends to mainland numbers; Guangzhou is the documented default. */
export const TENCENT_SMS_REGION = 'ap-guangzhou';

export async function sendTencentSms(config: SmsConfig, message: SmsMessage, fetchLike: FetchLike, now: Date): Promise<SendResult> {
	const payload = build(() => tencentSendSmsBody(config, message));
	if (typeof payload !== 'string') return payload;
	const host = new URL(config.endpoint).host;
	const timestamp = Math.floor(now.getTime() / 1000);
	const contentType = 'application/json; charset=utf-8';
	const { authorization } = tc3Sign({
		secretId: config.accessKeyId,
		secretKey: config.accessKeySecret,
		service: 'sms',
		host,
		contentType,
		payload,
		timestamp,
	});
	const headers = {
		Authorization: authorization,
		'Content-Type': contentType,
		Host: host,
		'X-TC-Action': 'SendSms',
		'X-TC-Version': '2021-01-11',
		'X-TC-Timestamp': String(timestamp),
		'X-TC-Region': TENCENT_SMS_REGION,
	};
	const answer = await post(fetchLike, config.endpoint, headers, payload);
	if (isResult(answer)) return answer;
	const response = record(record(answer.body).Response);
	const error = record(response.Error);
	if (typeof error.Code === 'string') {
		return {
			ok: false,
			retryable: tencentRetryable(error.Code) || answer.status >= 500,
			error: `Tencent SMS ${error.Code}: ${String(error.Message ?? '')}`,
		};
	}
	const status = Array.isArray(response.SendStatusSet) ? record(response.SendStatusSet[0]) : undefined;
	if (!status || typeof status.Code !== 'string') return unreadable('Tencent SMS', answer);
	if (status.Code === 'Ok') return typeof status.SerialNo === 'string' ? { ok: true, providerId: status.SerialNo } : { ok: true };
	return { ok: false, retryable: tencentRetryable(status.Code), error: `Tencent SMS ${status.Code}: ${String(status.Message ?? '')}` };
}

/** The configured provider's sender. */
export function sendSms(config: SmsConfig, message: SmsMessage, fetchLike: FetchLike, now: Date): Promise<SendResult> {
	return config.provider === 'aliyun' ? sendAliyunSms(config, message, fetchLike, now) : sendTencentSms(config, message, fetchLike, now);
}

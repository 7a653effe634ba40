/**
 * How each platform signs a request (issue 19 item 1), pure: the time and the nonce are
 * parameters, the HMACs come from node:crypto. Each function follows the provider's own
 * documentation step by step; test/channels/signing.test.ts checks them against the examples
 * those documents publish.
 *
 * - DingTalk custom robot (自定义机器人 加签): `timestamp + "\n" + secret` HMAC-SHA256 keyed by the
 *   secret, Base64, then URL-encoded; sent as `&timestamp=<ms>&sign=<it>` on the webhook URL.
 * - Feishu/Lark custom bot (自定义机器人 签名校验): HMAC-SHA256 KEYED BY `timestamp + "\n" + secret`
 *   over an empty message, Base64; `timestamp` (seconds) and `sign` go in the JSON body.
 * - Aliyun RPC (signature V1, what `SendSms` of dysmsapi 2017-05-25 takes): the parameters sorted by
 *   name and percent-encoded (RFC 3986: space %20, `*` %2A, `~` kept), StringToSign
 *   `METHOD&%2F&<encoded canonical query>`, HMAC-SHA1 keyed by `secret + "&"`, Base64.
 * - Tencent Cloud API 3.0 (TC3-HMAC-SHA256): canonical request, credential scope
 *   `<UTC date>/<service>/tc3_request`, keys derived from `"TC3" + SecretKey`, hex signature.
 */
import { createHash, createHmac } from 'node:crypto';

/** DingTalk's sign for a timestamp in milliseconds, Base64 (not yet URL-encoded). */
export function dingtalkSign(timestampMs: number | string, secret: string): string {
	const stringToSign = `${timestampMs}\n${secret}`;
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(stringToSign, 'utf8')).digest('base64');
}

/** The DingTalk webhook URL with `timestamp` and the URL-encoded `sign` appended. */
export function dingtalkSignedUrl(webhookUrl: string, secret: string, timestampMs: number): string {
	const sign = encodeURIComponent(dingtalkSign(timestampMs, secret));
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${sign}`;
}

/** Feishu's sign for a timestamp in seconds: the key is `timestamp\nsecret`, the message is empty. */
export function feishuSign(timestampSeconds: number | string, secret: string): string {
	const key = `${timestampSeconds}\n${secret}`;
	return createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.alloc(0)).digest('base64');
}

/** Aliyun's percent-encoding: encodeURIComponent plus `!'()*`, as the RPC signature document lists. */
export function aliyunPercentEncode(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonicalized query string: parameters (Signature excluded) sorted by name, each encoded. */
export function aliyunCanonicalQuery(params: Record<string, string>): string {
	return Object.keys(params)
		.filter((k) => k !== 'Signature')
		.sort()
		.map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k])}`)
		.join('&');
}

/** `METHOD&%2F&<percent-encoded canonical query>`. */
export function aliyunStringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
	return `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
}

/** Base64(HMAC-SHA1(secret + "&", StringToSign)). */
export function aliyunRpcSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
	return createHmac('sha1', `${accessKeySecret}&`).update(aliyunStringToSign(method, params), 'utf8').digest('base64');
}

/** An Aliyun timestamp: ISO 8601 in UTC without milliseconds (2016-02-23T12:46:24Z). */
export function aliyunTimestamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface Tc3Request {
	secretId: string;
	secretKey: string;
	/** The product, e.g. `sms` (`cvm` in the documentation's example). */
	service: string;
	/** The Host header as sent. */
	host: string;
	/** The Content-Type header as sent (the documentation signs `application/json; charset=utf-8`). */
	contentType: string;
	/** The request body exactly as sent. */
	payload: string;
	/** Seconds since 1970 (X-TC-Timestamp). */
	timestamp: number;
}

export interface Tc3Signature {
	canonicalRequest: string;
	stringToSign: string;
	credentialScope: string;
	signature: string;
	authorization: string;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac256 = (key: Buffer | string, message: string): Buffer => createHmac('sha256', key).update(message, 'utf8').digest();

/** TC3-HMAC-SHA256 for a POST with the JSON body and the two signed headers content-type and host. */
export function tc3Sign(request: Tc3Request): Tc3Signature {
	const signedHeaders = 'content-type;host';
	const canonicalHeaders = `content-type:${request.contentType.trim().toLowerCase()}\nhost:${request.host.trim().toLowerCase()}\n`;
	const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(request.payload)].join('\n');
	const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
	const credentialScope = `${date}/${request.service}/tc3_request`;
	const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
	const secretDate = hmac256(`TC3${request.secretKey}`, date);
	const secretService = hmac256(secretDate, request.service);
	const secretSigning = hmac256(secretService, 'tc3_request');
	const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
	const authorization = `TC3-HMAC-SHA256 Credential=${request.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
	return { canonicalRequest, stringToSign, credentialScope, signature, authorization };
}

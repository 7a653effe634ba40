/**
 * Loopback `node:http` servers that play each platform the channels send to (WeCom, DingTalk,
 * Feishu/Lark, Aliyun SMS, Tencent Cloud SMS): every one checks the signature on arrival by the
 * platform's documented algorithm — re-implemented here step by step with node:crypto, not with the
 * code under test — and answers as the platform does: success, its rate-limit error, a signature
 * error, or HTTP 500. A closed port plays a platform that is down. Used by the channel tests and by
 * the e2e specs that point the live server's channels credential at them.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Mode = 'ok' | 'rate-limit' | 'down-500';
export type Received = { path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: string };
export type Reply = { status: number; body: unknown };

export interface Platform {
	url: string;
	mode: Mode;
	received: Received[];
	close(): Promise<void>;
}

/** A loopback server answering with `answer(request, mode)`. */
export async function platform(answer: (r: Received, mode: Mode) => Reply): Promise<Platform> {
	const p = { received: [] as Received[], mode: 'ok' as Mode } as Platform;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://loopback');
			const r: Received = { path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			p.received.push(r);
			const reply = p.mode === 'down-500' ? { status: 500, body: '<html>502 Bad Gateway</html>' } : answer(r, p.mode);
			res.writeHead(reply.status, { 'Content-Type': 'application/json' });
			res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	p.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	p.close = () => new Promise((resolve) => server.close(() => resolve()));
	return p;
}

/** A port nothing listens on: the platform is down. */
export async function closedPort(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return url;
}

export type Answer = (r: Received, mode: Mode) => Reply;

/** WeCom: the key in the URL is the credential; a wrong key is errcode 93000 "invalid webhook url". */
export const wecomAnswer =
	(KEY: string): Answer =>
	(r, mode) => {
		if (r.path !== '/cgi-bin/webhook/send' || r.query.get('key') !== KEY)
			return { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
		if (mode === 'rate-limit') return { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } };
		return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
	};

/** DingTalk custom robot, signed; its token in `access_token`. */
export const dingtalkAnswer =
	(SECRET: string, TOKEN = 'dt-token'): Answer =>
	(r, mode) => {
		// DingTalk's documented check: sign = urlEncode(Base64(HmacSHA256(secret, timestamp + "\n" + secret))),
		// timestamp in ms within an hour of now. URLSearchParams has already URL-decoded the sign.
		const timestamp = r.query.get('timestamp') ?? '';
		const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
		if (r.query.get('access_token') !== TOKEN) return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } };
		if (r.query.get('sign') !== expected || Math.abs(Date.now() - Number(timestamp)) > 3600_000)
			return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
		if (mode === 'rate-limit') return { status: 200, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } };
		return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
	};

/** Feishu/Lark custom bot, signed. */
export const feishuAnswer =
	(SECRET: string): Answer =>
	(r, mode) => {
		// Feishu's documented check: sign = Base64(HmacSHA256 keyed by timestamp + "\n" + secret, of ""), seconds.
		const body = JSON.parse(r.body);
		const expected = createHmac('sha256', `${body.timestamp}\n${SECRET}`).update('').digest('base64');
		if (body.sign !== expected || Math.abs(Date.now() / 1000 - Number(body.timestamp)) > 3600) {
			return { status: 200, body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} } };
		}
		if (mode === 'rate-limit')
			return { status: 200, body: { code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]', data: {} } };
		return { status: 200, body: { code: 0, msg: 'success', data: {} } };
	};

/** Aliyun SMS SendSms (RPC signature V1); `TEMPLATES` are the template codes it knows. */
export const aliyunAnswer =
	(SECRET: string, TEMPLATES: Record<string, string>): Answer =>
	(r, mode) => {
		const form = new URLSearchParams(r.body);
		const params = [...form.entries()].filter(([k]) => k !== 'Signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		const canonical = params.map(([k, v]) => `${pe(k)}=${pe(v)}`).join('&');
		const stringToSign = `POST&${pe('/')}&${pe(canonical)}`;
		const expected = createHmac('sha1', `${SECRET}&`).update(stringToSign).digest('base64');
		if (form.get('Signature') !== expected)
			return { status: 400, body: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' } };
		if (!Object.values(TEMPLATES).includes(form.get('TemplateCode') ?? ''))
			return { status: 200, body: { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '模板不合法' } };
		if (mode === 'rate-limit') return { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1' } };
		return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' } };
	};

/** Aliyun's documented percent-encoding, written out here independently. */
const pe = (s: string) =>
	encodeURIComponent(s)
		.replace(/\+/g, '%20')
		.replace(/\*/g, '%2A')
		.replace(/%7E/g, '~')
		.replace(/[!'()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Tencent Cloud SMS SendSms (TC3-HMAC-SHA256), for the SecretId `AKID-loopback`. */
export const tencentAnswer =
	(SECRET_KEY: string): Answer =>
	(r, mode) => {
		// The documented check, step by step: canonical request → string to sign → derived keys → hex signature.
		const h = r.headers;
		const timestamp = Number(h['x-tc-timestamp']);
		const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
		const canonical = `POST\n/\n\ncontent-type:${h['content-type']}\nhost:${h.host}\n\ncontent-type;host\n${sha256(r.body)}`;
		const scope = `${date}/sms/tc3_request`;
		const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
		const kDate = createHmac('sha256', `TC3${SECRET_KEY}`).update(date).digest();
		const kService = createHmac('sha256', kDate).update('sms').digest();
		const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
		const signature = createHmac('sha256', kSigning).update(toSign).digest('hex');
		const expected = `TC3-HMAC-SHA256 Credential=AKID-loopback/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
		const requestId = 'a0aabda6-cf91-4f3e-a2ae-9dd2a1f7e2f6';
		if (h.authorization !== expected || h['x-tc-action'] !== 'SendSms' || h['x-tc-version'] !== '2021-01-11') {
			return {
				status: 200,
				body: {
					Response: {
						Error: { Code: 'AuthFailure.SignatureFailure', Message: 'The provided credentials could not be validated.' },
						RequestId: requestId,
					},
				},
			};
		}
		if (mode === 'rate-limit')
			return {
				status: 200,
				body: { Response: { Error: { Code: 'RequestLimitExceeded', Message: 'Your current request times exceeds limit.' }, RequestId: requestId } },
			};
		const body = JSON.parse(r.body);
		return {
			status: 200,
			body: {
				Response: {
					SendStatusSet: [
						{
							SerialNo: '5000:1045710669157053657849499619',
							PhoneNumber: body.PhoneNumberSet[0],
							Fee: 1,
							SessionContext: '',
							Code: 'Ok',
							Message: 'send success',
							IsoCode: 'CN',
						},
					],
					RequestId: requestId,
				},
			},
		};
	};

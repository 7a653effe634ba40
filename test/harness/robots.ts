/**
 * Loopback `node:http` servers playing the staff groups' robots (WeCom, DingTalk) for the outbox's
 * tests: each keeps what it received and answers as the platform does — `{ errcode: 0 }`, its
 * rate-limit code (WeCom 45009, DingTalk 130101), HTTP 500 — or is closed (the platform down).
 * WeCom checks the `key` of its URL and DingTalk the `access_token`, `timestamp` and `sign`
 * (HMAC-SHA256 of "timestamp\nsecret", Base64), as the platforms do.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RobotMode = 'ok' | 'rate-limit' | 'down-500';

export interface Robot {
	/** The robot's whole URL, as the variable takes it. */
	url: string;
	mode: RobotMode;
	/** The bodies received, parsed (only those answered ok are "delivered"). */
	received: Array<{ body: Record<string, unknown>; answered: RobotMode }>;
	delivered(): Array<Record<string, unknown>>;
	/** Stops listening (the platform down) or listens again on the same port. */
	stop(): Promise<void>;
	start(): Promise<void>;
}

export const WECOM_KEY = 'outbox-test-key';
export const DINGTALK_TOKEN = 'outbox-test-token';
export const DINGTALK_SECRET = 'SECoutbox-test-secret';

export async function robot(platform: 'wecom' | 'dingtalk'): Promise<Robot> {
	let server: Server | undefined;
	let port = 0;
	const r: Robot = {
		url: '',
		mode: 'ok',
		received: [],
		delivered: () => r.received.filter((x) => x.answered === 'ok').map((x) => x.body),
		async stop() {
			const s = server;
			server = undefined;
			if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
		},
		async start() {
			const s = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (c: Buffer) => chunks.push(c));
				req.on('end', () => {
					const url = new URL(req.url ?? '/', 'http://loopback');
					let reply: { status: number; body: unknown };
					if (platform === 'wecom' && url.searchParams.get('key') !== WECOM_KEY)
						reply = { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
					else if (platform === 'dingtalk' && !dingtalkSigned(url)) reply = { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
					else if (r.mode === 'down-500') reply = { status: 500, body: 'Bad Gateway' };
					else if (r.mode === 'rate-limit')
						reply = {
							status: 200,
							body: platform === 'wecom' ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: 130101, errmsg: 'send too fast' },
						};
					else reply = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
					const ok = reply.status === 200 && (reply.body as { errcode?: number }).errcode === 0;
					r.received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), answered: ok ? 'ok' : r.mode === 'ok' ? 'down-500' : r.mode });
					res.writeHead(reply.status, { 'Content-Type': 'application/json' });
					res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
				});
			});
			await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
			port = (s.address() as AddressInfo).port;
			server = s;
			r.url =
				platform === 'wecom'
					? `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${WECOM_KEY}`
					: `http://127.0.0.1:${port}/robot/send?access_token=${DINGTALK_TOKEN}`;
		},
	};
	await r.start();
	return r;
}

function dingtalkSigned(url: URL): boolean {
	const timestamp = url.searchParams.get('timestamp');
	const sign = url.searchParams.get('sign');
	if (url.searchParams.get('access_token') !== DINGTALK_TOKEN || !timestamp || !sign) return false;
	const expected = createHmac('sha256', DINGTALK_SECRET).update(`${timestamp}\n${DINGTALK_SECRET}`).digest('base64');
	return sign === expected;
}

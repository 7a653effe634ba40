/**
 * Issue 19 "done when", on the live server: with only a WeCom group robot set (a loopback server of
 * this spec, put into the After-Sales Channels credential as staff would), the group sees a new
 * ticket within seconds of `POST repairs` — no retry asked, the intake's own *Send the messages
 * now* starts the Outbox workflow — with the customer, address, technician and phone, the due time
 * in Asia/Shanghai and a signed voucher link that opens without the key; once, however often the
 * outbox runs again. A report with a bad email is refused on its field and nothing reaches the group.
 * Needs the Outbox workflow (afterSalesOutbox01) and its credential (the outbox branch).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { channelCredentialFromEnv } from '../../nodes/shared/channels/config';
import { postWebhook, rest, state } from './server';

const stamp = Date.now().toString(36);
let server: Server;
const received: string[] = [];
const receivedAt: number[] = [];
let wecomUrl = '';

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString('utf8')));
		req.on('end', () => {
			received.push(body);
			receivedAt.push(Date.now());
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	wecomUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=producers-${stamp}`;
	// What earlier specs left due goes first, so that what the robot receives below is this spec's.
	expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	const res = await rest('rest/credentials/afterSalesChan001', {
		method: 'PATCH',
		body: JSON.stringify({
			name: 'After-Sales Channels',
			type: 'afterSalesChannels',
			data: { smsProvider: 'none', ...channelCredentialFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: wecomUrl }) },
		}),
	});
	expect(res.status).toBe(200);
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function arrives(text: string, timeoutMs = 20_000): Promise<string[]> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const found = received.filter((b) => b.includes(text));
		if (found.length > 0) return found;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`no message with ${text} reached the WeCom robot in ${timeoutMs} ms; it received ${received.length}`);
}

test('a new ticket reaches the staff group at once, with its technician, due time and a voucher link that opens; once', async () => {
	const tech = { name: `通知师傅${stamp}`, phone: '13500001919', skills: `E2E通知${stamp}`, areas: '徐汇', dailyCapacity: 5 };
	expect((await postWebhook('import/technicians', [tech])).json).toMatchObject({ rejected: [] });
	const posted = Date.now();
	const res = await postWebhook('repairs', {
		customerName: `通知客户${stamp}`,
		contactPerson: '陈经理',
		phone: '13600001919',
		email: `notice-${stamp}@e2e.test`,
		address: '上海市徐汇区漕溪路 88 号',
		siteSituation: '空调不制冷',
		skill: tech.skills,
	});
	expect(res.status).toBe(201);
	expect(res.json.technician).toEqual({ name: tech.name, phone: tech.phone });
	const n = String(res.json.ticketNumber);
	const [message] = await arrives(n);
	// Sent at once by the intake's own call of the Outbox workflow, not by its 2-minute schedule.
	const latency = receivedAt[received.indexOf(message)] - posted;
	process.stderr.write(`[e2e] new ticket ${n}: in the WeCom group ${latency} ms after POST repairs was sent\n`);
	expect(latency).toBeLessThan(15_000);
	const content = String((JSON.parse(message) as { markdown?: { content?: string } }).markdown?.content ?? '');
	expect(content).toContain('新报修');
	expect(content).toContain(`通知客户${stamp}`);
	expect(content).toContain('上海市徐汇区漕溪路 88 号');
	expect(content).toContain(`${tech.name} ${tech.phone}`);
	expect(content).toContain(DateTime.fromISO(String(res.json.dueAt)).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm'));
	expect(content).toContain('空调不制冷');
	const link = content.match(/\]\((http[^)]+)\)/)?.[1];
	// On n8n's own address (WEBHOOK_URL: localhost and the server's port).
	const port = new URL(state().baseUrl).port;
	expect(link).toMatch(
		new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${port}/webhook/after-sales/repairs/${n}/documents/voucher/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`),
	);
	const voucher = await fetch(link!);
	expect(voucher.status).toBe(200);
	expect(await voucher.text()).toContain(n);

	// The outbox runs again (what its schedule and POST outbox/retry do): the group does not get it twice.
	for (let i = 0; i < 2; i++) expect((await postWebhook('outbox/retry', {})).json).toEqual(expect.objectContaining({ failed: 0 }));
	expect(received.filter((b) => b.includes(n))).toHaveLength(1);
});

test('a report with an email that is no address: 400 on the field, nothing for the group', async () => {
	const name = `坏邮箱客户${stamp}`;
	const res = await postWebhook('repairs', { customerName: name, phone: '13600002020', email: 'chen@', address: '上海市', siteSituation: '异响' });
	expect(res.status).toBe(400);
	expect(res.json.errors).toEqual([expect.objectContaining({ field: 'email', message: expect.stringContaining('邮箱') })]);
	expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	expect(received.filter((b) => b.includes(name))).toEqual([]);
});

/**
 * The outbox on the live server (issue 19 item 3): a loopback WeCom group robot started by this
 * spec, put into the After-Sales Channels credential as `npm start` puts it (n8n's
 * import:credentials). A staff message and an email queued in the store: `POST outbox/retry` sends the
 * email through n8n's Send Email (the SMTP sink receives it with its attachment) while WeCom
 * answers 45009 (rate limit) — the staff message waits, listed by `GET outbox?status=pending` with
 * the error; once WeCom takes messages again the next retry sends it, and WeCom has it once; the
 * workflow's scheduled run (its every-2-minutes trigger, run as the editor runs it) then finds nothing more to send.
 */
import { Store } from '../../nodes/shared/store/store';
import { claimDueMessages, enqueueMessage, recordAttempt } from '../../nodes/shared/store/registers/outbox';
import { channelCredentialFromEnv } from '../../nodes/shared/channels/config';
import { robot, type Robot } from '../harness/robots';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { getWebhook, openStore, postWebhook, rest, runWorkflow, runtime, state, waitForMail } from './server';

const stamp = Date.now().toString(36);
const TICKET = `BX-E2E-${stamp}`;
const TO = `outbox-${stamp}@e2e.test`;

/**
 * The After-Sales Channels credential set to `data` the way `npm start` sets it (n8n's
 * import:credentials into the server's database; each execution reads its credentials anew).
 */
async function setChannels(data: Record<string, string>): Promise<void> {
	const s = state();
	const dir = mkdtempSync(join(s.userFolder, '.outbox-channels-'));
	try {
		const file = join(dir, 'channels.json');
		writeFileSync(file, JSON.stringify([{ id: 'afterSalesChan001', name: 'After-Sales Channels', type: 'afterSalesChannels', data }]));
		const env = runtime.n8nEnv({ userFolder: s.userFolder, port: s.port, extra: { N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()) } });
		await promisify(execFile)(process.execPath, [runtime.N8N_BIN, 'import:credentials', `--input=${file}`], { env });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

let store: Store;
let wecom: Robot;
/** The ids of this spec's two messages. */
let ids: number[] = [];

beforeAll(async () => {
	// What earlier specs left due is sent (or skipped) first, so that the counts below are this spec's.
	expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	wecom = await robot('wecom');
	wecom.mode = 'rate-limit';
	await setChannels({ smsProvider: 'none', ...channelCredentialFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: wecom.url }) });
	store = await openStore();
	const now = new Date().toISOString();
	await store.transaction(async (trx) => {
		await enqueueMessage(
			trx,
			{
				key: `new-ticket:${TICKET}`,
				channel: 'staff',
				kind: 'new-ticket',
				payload: { kind: 'new-ticket', items: [{ ticket: TICKET, customer: 'E2E 华东物业', address: '上海市徐汇区漕溪路88号', text: '空调不制冷' }] },
			},
			now,
		);
		await enqueueMessage(
			trx,
			{
				key: `ready:${TICKET}:${TO}`,
				channel: 'email',
				kind: 'ready',
				to: TO,
				subject: `产品已修好 Your product is ready · ${TICKET}`,
				payload: {
					text: `您好，${TICKET} 的产品已修好。`,
					html: `<p>您好，${TICKET} 的产品已修好。</p>`,
					attachments: [{ filename: 'receipt.html', contentType: 'text/html', base64: Buffer.from('<h1>回单</h1>').toString('base64') }],
				},
			},
			now,
		);
	});
	const rows = await store.transaction((trx) =>
		trx
			.selectFrom('outbox')
			.select('id')
			.where('messageKey', 'in', [`new-ticket:${TICKET}`, `ready:${TICKET}:${TO}`])
			.execute(),
	);
	ids = rows.map((r) => r.id);
	expect(ids).toHaveLength(2);
});

afterAll(async () => {
	await store?.close();
	await wecom?.stop();
});

/** This spec's two messages among those listed (other specs' messages are listed too: by id, not by kind). */
const mine = (rows: Array<Record<string, unknown>>) => rows.filter((r) => ids.includes(Number(r.id)));

test('retry while WeCom rate-limits: the email goes through Send Email, the staff message waits with its error', async () => {
	const res = await postWebhook('outbox/retry', {});
	expect([res.status, res.json]).toEqual([200, expect.objectContaining({ sent: 1, failed: 1 })]);
	const mail = await waitForMail((m) => m.to.includes(TO));
	expect(mail.subject).toBe(`产品已修好 Your product is ready · ${TICKET}`);
	expect(mail.text).toContain(`${TICKET} 的产品已修好`);
	expect(mail.html).toContain(`<p>您好，${TICKET} 的产品已修好。</p>`);
	expect(mail.attachments.map((a) => a.filename)).toEqual(['receipt.html']);
	expect(Buffer.from(mail.attachments[0].base64, 'base64').toString('utf8')).toBe('<h1>回单</h1>');

	const pending = await getWebhook('outbox?status=pending');
	expect(pending.status).toBe(200);
	const waiting = mine(JSON.parse(pending.text));
	expect(waiting).toEqual([
		expect.objectContaining({ channel: 'staff', kind: 'new-ticket', status: 'pending', attempts: 1, to: null, sentAt: null }),
	]);
	expect(waiting[0].lastError).toMatch(/45009/);
	const sent = mine(JSON.parse((await getWebhook('outbox?status=sent')).text));
	expect(sent).toEqual([expect.objectContaining({ channel: 'email', to: TO, status: 'sent', attempts: 1, lastError: null })]);
	expect(Object.keys(sent[0]).sort()).toEqual(['attempts', 'channel', 'createdAt', 'id', 'kind', 'lastError', 'sentAt', 'status', 'subject', 'to']);
});

test('WeCom back: the next retry sends the staff message once; the scheduled run finds nothing more', async () => {
	wecom.mode = 'ok';
	const res = await postWebhook('outbox/retry', {});
	expect([res.status, res.json]).toEqual([200, expect.objectContaining({ sent: 1, failed: 0 })]);
	await runWorkflow('afterSalesOutbox01', 'Every 2 minutes (每2分钟)');
	const again = await postWebhook('outbox/retry', {});
	expect(again.json).toEqual(expect.objectContaining({ sent: 0, failed: 0 }));
	expect(wecom.received.map((r) => r.answered)).toEqual(['rate-limit', 'ok']);
	expect(JSON.stringify(wecom.delivered()[0])).toContain(TICKET);
	const sent = mine(JSON.parse((await getWebhook('outbox?status=sent')).text));
	expect(sent.map((r) => r.channel).sort()).toEqual(['email', 'staff']);
});

test('GET outbox with a status that is none is refused with the field', async () => {
	const res = await getWebhook('outbox?status=lost');
	expect(res.status).toBe(400);
	expect(JSON.parse(res.text).errors[0]).toMatchObject({ field: 'status' });
});

test("the 08:00 line: a message given up in the last 24 hours reaches the manager's email through the workflow's own nodes", async () => {
	// A message queued 25 hours ago and given up now (its 24 hours over), through the outbox's own functions.
	const key = `new-ticket:${TICKET}-given-up`;
	const queuedAt = new Date(Date.now() - 25 * 3600_000).toISOString();
	await store.transaction(async (trx) => {
		await enqueueMessage(
			trx,
			{
				key,
				channel: 'staff',
				kind: 'new-ticket',
				payload: { kind: 'new-ticket', items: [{ ticket: `${TICKET}-given-up`, customer: 'E2E 华东物业' }] },
			},
			queuedAt,
		);
		const [row] = await claimDueMessages(trx, { now: queuedAt, token: `e2e-${stamp}`, claimedUntil: new Date().toISOString(), limit: 1 });
		expect(row.messageKey).toBe(key);
		expect(await recordAttempt(trx, row.id, `e2e-${stamp}`, { status: 'failed', error: `wecom: 45009 e2e ${stamp}` }, new Date().toISOString())).toBe(
			true,
		);
	});

	// The Outbox workflow as the server has it (its Settings filled by the start-up): its 08:00 branch
	// run from a webhook instead of the clock, in a workflow of its own.
	const source = await rest<{
		data: { nodes: Array<{ name: string; type: string }>; connections: Record<string, { main: Array<Array<{ node: string }>> }> };
	}>('rest/workflows/afterSalesOutbox01');
	expect(source.status).toBe(200);
	const daily = source.body.data.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger' && n.name.includes('08:00'))!;
	const branch: string[] = [];
	const walk = (name: string) => {
		for (const out of source.body.data.connections[name]?.main ?? [])
			for (const c of out ?? [])
				if (!branch.includes(c.node)) {
					branch.push(c.node);
					walk(c.node);
				}
	};
	walk(daily.name);
	expect(branch).toHaveLength(5);
	const path = `after-sales-e2e-daily-${stamp}`;
	const created = await rest<{ data: { id: string; versionId: string } }>('rest/workflows', {
		method: 'POST',
		body: JSON.stringify({
			name: `Outbox 08:00 branch (e2e) ${stamp}`,
			nodes: [
				{
					parameters: { httpMethod: 'POST', path, options: {} },
					name: 'Run (e2e)',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 2000],
					webhookId: path,
				},
				...source.body.data.nodes.filter((n) => branch.includes(n.name)),
			],
			connections: {
				'Run (e2e)': { main: [[{ node: source.body.data.connections[daily.name].main[0][0].node, type: 'main', index: 0 }]] },
				...Object.fromEntries(branch.filter((n) => source.body.data.connections[n]).map((n) => [n, source.body.data.connections[n]])),
			},
			settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		}),
	});
	expect(created.status).toBe(200);
	const activated = await rest(`rest/workflows/${created.body.data.id}/activate`, {
		method: 'POST',
		body: JSON.stringify({ versionId: created.body.data.versionId }),
	});
	expect(activated.status).toBe(200);
	const send = () => fetch(`${state().baseUrl}webhook/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
	let res = await send();
	for (let i = 0; res.status === 404 && i < 60; i++) {
		await new Promise((r) => setTimeout(r, 500));
		res = await send();
	}
	expect(res.status).toBe(200);

	const mail = await waitForMail((m) => m.text.includes(`e2e ${stamp}`), 60_000);
	expect(mail.to).toEqual(['manager@e2e.test']);
	const given = await store.transaction((trx) =>
		trx
			.selectFrom('outbox')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('status', '=', 'failed')
			.where('updatedAt', '>=', new Date(Date.now() - 24 * 3600_000 - 120_000).toISOString())
			.executeTakeFirstOrThrow(),
	);
	const n = Number(given.n);
	expect(mail.subject).toBe(`发送失败的消息 Messages not sent: ${n}`);
	expect(mail.text.split('\n')[0]).toBe(
		`昨日发送失败的消息 ${n} 条 / ${n} ${n === 1 ? 'message' : 'messages'} not sent in the last 24 h — see GET outbox?status=failed`,
	);
	expect(mail.text).toContain(`staff new-ticket · 员工群 staff groups · — · 1 次 attempts · wecom: 45009 e2e ${stamp}`);
});

/**
 * The outbox on the live server (issue 19 item 3): a loopback WeCom group robot started by this
 * spec, put into the After-Sales Channels credential as `npm start` puts it (n8n's
 * import:credentials). A staff message and an email queued in the store: `POST outbox/retry` sends the
 * email through n8n's Send Email (the SMTP sink receives it with its attachment) while WeCom
 * answers 45009 (rate limit) — the staff message waits, listed by `GET outbox?status=pending` with
 * the error; once WeCom takes messages again the next retry sends it, and WeCom has it once; the
 * workflow's own run ("send now", `n8n execute`) then finds nothing more to send.
 */
import { Store } from '../../nodes/shared/store/store';
import { enqueueMessage } from '../../nodes/shared/store/registers/outbox';
import { channelCredentialFromEnv } from '../../nodes/shared/channels/config';
import { robot, type Robot } from '../harness/robots';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { getWebhook, openStore, postWebhook, runWorkflow, runtime, state, waitForMail } from './server';

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

const mine = (rows: Array<Record<string, unknown>>) =>
	rows.filter((r) => r.to === TO || JSON.stringify(r).includes(TICKET) || r.kind === 'new-ticket');

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
	await runWorkflow('afterSalesOutbox01');
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

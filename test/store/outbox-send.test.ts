/**
 * The outbox's sender on both backends (issue 19 item 3), with loopback robots playing WeCom and
 * DingTalk and a clock the test moves: two senders at once never take one message; a platform
 * rate-limiting or down → the message waits its backoff and goes once when the platform is back;
 * given up after 24 hours; a retry skips the robots already reached; a claim token that is not
 * the message's records nothing; no channel set → skipped, saying so.
 */
import { Store } from '../../nodes/shared/store/store';
import { enqueueMessage, claimDueMessages, findMessage, recordAttempt, listMessages } from '../../nodes/shared/store/registers/outbox';
import { recordEmailOutcome, runResult, sendDueMessages } from '../../nodes/shared/services/outbox';
import { channelsFromEnv, type ChannelsConfig } from '../../nodes/shared/channels/config';
import type { FetchLike } from '../../nodes/shared/channels/send';
import type { OutboxMessage } from '../../nodes/shared/rules/outbox';
import { NO_SMS_CHANNEL, NO_STAFF_CHANNEL } from '../../nodes/shared/rules/outbox';
import { backends } from '../harness/backends';
import { DINGTALK_SECRET, robot, type Robot } from '../harness/robots';

const realFetch: FetchLike = (url, init) => fetch(url, init);
const T0 = '2026-12-05T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

let n = 0;
const staff = (text = '空调不制冷'): OutboxMessage => ({
	key: `new-ticket:test-${++n}`,
	channel: 'staff',
	kind: 'new-ticket',
	payload: { kind: 'new-ticket', items: [{ ticket: `BX-20261205-${String(n).padStart(4, '0')}`, customer: '华东物业', text }] },
});

for (const backend of backends()) {
	describe(`the outbox's sender on ${backend.name}`, () => {
		let wecom: Robot;
		let dingtalk: Robot;
		beforeAll(async () => {
			wecom = await robot('wecom');
			dingtalk = await robot('dingtalk');
		});
		afterAll(async () => {
			await wecom.stop();
			await dingtalk.stop();
			await backend.cleanup();
		});
		beforeEach(() => {
			wecom.mode = 'ok';
			dingtalk.mode = 'ok';
			wecom.received = [];
			dingtalk.received = [];
		});

		const wecomOnly = (): ChannelsConfig => channelsFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: wecom.url }).channels;
		const both = (): ChannelsConfig =>
			channelsFromEnv({
				AFTER_SALES_WECOM_WEBHOOK_URL: wecom.url,
				AFTER_SALES_DINGTALK_WEBHOOK_URL: dingtalk.url,
				AFTER_SALES_DINGTALK_SECRET: DINGTALK_SECRET,
			}).channels;

		/** A fresh store with these messages queued at T0. */
		async function storeWith(messages: OutboxMessage[]): Promise<{ store: Store; config: ReturnType<typeof backend.fresh> }> {
			const config = backend.fresh();
			const store = await Store.open(config, () => T0);
			await store.transaction(async (trx) => {
				for (const m of messages) await enqueueMessage(trx, m, T0);
			});
			return { store, config };
		}

		test('two senders at once never take one message: 30 messages, each claimed once and received once', async () => {
			const messages = Array.from({ length: 30 }, () => staff());
			const { store, config } = await storeWith(messages);
			// PostgreSQL: a second store, its own pool, as a second worker process has. SQLite: the one
			// store of the process (n8n runs every execution in one process on SQLite; two connections
			// to one file in one thread would only wait out each other's busy timeout).
			const other = backend.name === 'postgres' ? await Store.open(config, () => T0) : store;
			try {
				// Claims alone, at once.
				const [a, b] = await Promise.all([
					other.transaction((trx) => claimDueMessages(trx, { now: at(1), token: 'A', claimedUntil: at(11), limit: 20 })),
					store.transaction((trx) => claimDueMessages(trx, { now: at(1), token: 'B', claimedUntil: at(11), limit: 20 })),
				]);
				const ids = [...a, ...b].map((r) => r.id);
				expect(new Set(ids).size).toBe(ids.length);
				expect(ids.length).toBe(30);
				// Two whole runs at once after the claims ran out: every message reaches WeCom once.
				const runs = await Promise.all(
					[store, other].map((s) => sendDueMessages(s, { channels: wecomOnly(), fetch: realFetch, clock: () => at(12), limit: 20 })),
				);
				expect(runs[0].counts.sent + runs[1].counts.sent).toBe(30);
				const tickets = wecom.delivered().map((b) => String((b.markdown as { content: string }).content).match(/BX-\d+-\d+/)![0]);
				expect(tickets.sort()).toEqual(messages.map((m) => (m.payload as { items: Array<{ ticket: string }> }).items[0].ticket).sort());
				// Nothing is due any more.
				const again = await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(30) });
				expect(again.counts).toEqual({ pending: 0, sent: 0, failed: 0, skipped: 0 });
			} finally {
				if (other !== store) await other.close();
				await store.close();
			}
		});

		test('WeCom rate-limiting (45009): the message waits 1 then 2 minutes, and goes once when WeCom takes it', async () => {
			const m = staff();
			const { store } = await storeWith([m]);
			try {
				wecom.mode = 'rate-limit';
				const first = await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(0) });
				expect(first.counts.pending).toBe(1);
				let [row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(1), sentAt: null });
				expect(row.lastError).toMatch(/45009/);
				// Not due before its time.
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(0.5) });
				expect(wecom.received).toHaveLength(1);
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(1) });
				[row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: at(3) });
				wecom.mode = 'ok';
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(3) });
				[row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null, sentAt: at(3) });
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(90) });
				expect(wecom.received.map((r) => r.answered)).toEqual(['rate-limit', 'rate-limit', 'ok']);
			} finally {
				await store.close();
			}
		});

		test('WeCom down (port closed): the message waits, and arrives once after WeCom is back', async () => {
			const { store } = await storeWith([staff('停电后恢复')]);
			try {
				await wecom.stop();
				const down = await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(0) });
				expect(down.counts.pending).toBe(1);
				expect(down.notes.join('\n')).toMatch(/稍后重试/);
				let [row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row.lastError).toMatch(/网络错误|network error/);
				await wecom.start();
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(1) });
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(5) });
				[row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row.status).toBe('sent');
				expect(wecom.delivered()).toHaveLength(1);
				expect(JSON.stringify(wecom.delivered()[0])).toContain('停电后恢复');
			} finally {
				await store.close();
			}
		});

		test('tried for 24 hours, then given up (failed) and listed as failed', async () => {
			const { store } = await storeWith([staff()]);
			try {
				wecom.mode = 'down-500';
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(0) });
				// 23 h 59 min later: tried again (the 2nd failure waits 2 minutes), the next try capped at the give-up moment (24 h).
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(24 * 60 - 1) });
				let [row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: at(24 * 60) });
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(24 * 60) });
				[row] = await store.transaction((trx) => listMessages(trx, { status: 'failed' }));
				expect(row).toMatchObject({ status: 'failed', attempts: 3, sentAt: null });
				expect(row.lastError).toMatch(/HTTP 500/);
				expect(await store.transaction((trx) => listMessages(trx, { status: 'pending' }))).toEqual([]);
				wecom.mode = 'ok';
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(25 * 60), retryNow: true });
				expect(wecom.delivered()).toHaveLength(0);
			} finally {
				await store.close();
			}
		});

		test('a retry skips the robot already reached: WeCom once, DingTalk once after it came back', async () => {
			const { store } = await storeWith([staff('两个群')]);
			try {
				dingtalk.mode = 'down-500';
				await sendDueMessages(store, { channels: both(), fetch: realFetch, clock: () => at(0) });
				let [row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row.status).toBe('pending');
				expect(row.lastError).toMatch(/^dingtalk: DingTalk HTTP 500/);
				expect(JSON.parse((await store.transaction((trx) => findMessage(trx, row.id)))!.delivered)).toEqual(['wecom']);
				dingtalk.mode = 'ok';
				const run = await sendDueMessages(store, { channels: both(), fetch: realFetch, clock: () => at(1) });
				expect(run.counts.sent).toBe(1);
				[row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row.status).toBe('sent');
				expect(wecom.received).toHaveLength(1);
				expect(dingtalk.delivered()).toHaveLength(1);
				expect(JSON.stringify(dingtalk.delivered()[0])).toContain('两个群');
			} finally {
				await store.close();
			}
		});

		test('a non-retryable answer (a wrong key) fails the message at once', async () => {
			const { store } = await storeWith([staff()]);
			try {
				const wrongKey = channelsFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: wecom.url.replace(/key=.*/, 'key=wrong') }).channels;
				const run = await sendDueMessages(store, { channels: wrongKey, fetch: realFetch, clock: () => at(0) });
				expect(run.counts.failed).toBe(1);
				const [row] = await store.transaction((trx) => listMessages(trx, {}));
				expect(row).toMatchObject({ status: 'failed', attempts: 1 });
				expect(row.lastError).toMatch(/93000/);
			} finally {
				await store.close();
			}
		});

		test('a claim token that is not the message’s records nothing; a claim whose lease ran out is taken over', async () => {
			const email: OutboxMessage = {
				key: `email:test-${++n}`,
				channel: 'email',
				kind: 'survey',
				to: 'chen@example.test',
				subject: '回访 Survey',
				payload: { text: 'hello' },
			};
			const { store } = await storeWith([staff(), email]);
			try {
				const claimed = await store.transaction((trx) => claimDueMessages(trx, { now: at(0), token: 'A', claimedUntil: at(10), limit: 10 }));
				expect(claimed).toHaveLength(2);
				const staffRow = claimed.find((r) => r.channel === 'staff')!;
				const emailRow = claimed.find((r) => r.channel === 'email')!;
				expect(await store.transaction((trx) => recordAttempt(trx, staffRow.id, 'B', { status: 'sent' }, at(1)))).toBe(false);
				expect(await recordEmailOutcome(store, { id: emailRow.id, token: 'B', outcome: { ok: true }, now: at(1) })).toMatchObject({
					recorded: false,
				});
				for (const r of await store.transaction((trx) => listMessages(trx, {})))
					expect(r).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
				// Held until at(10): nobody else takes them; after it, C does, and A's late record does nothing.
				expect(await store.transaction((trx) => claimDueMessages(trx, { now: at(9), token: 'C', claimedUntil: at(19), limit: 10 }))).toHaveLength(0);
				expect(await store.transaction((trx) => claimDueMessages(trx, { now: at(10), token: 'C', claimedUntil: at(20), limit: 10 }))).toHaveLength(2);
				expect(await recordEmailOutcome(store, { id: emailRow.id, token: 'A', outcome: { ok: true }, now: at(11) })).toMatchObject({
					recorded: false,
				});
				const c = await recordEmailOutcome(store, {
					id: emailRow.id,
					token: 'C',
					outcome: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:25' },
					now: at(11),
				});
				expect(c.recorded).toBe(true);
				expect(c.row).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(12) });
				expect(c.row!.lastError).toMatch(/ECONNREFUSED/);
				expect(await runResult(store, 'C')).toEqual({ sent: 0, failed: 2, skipped: 0, waiting: 2 });
			} finally {
				await store.close();
			}
		});

		test('no robot set: staff messages skipped, saying so; no SMS provider: SMS skipped; emails handed back', async () => {
			const sms: OutboxMessage = {
				key: `survey:test-${++n}`,
				channel: 'sms',
				kind: 'survey',
				to: '13800000001',
				payload: { kind: 'survey', params: { name: '陈经理', ticket: 'BX-1', url: 'https://example.test/s/1' } },
			};
			const email: OutboxMessage = {
				key: `email:test-${++n}`,
				channel: 'email',
				kind: 'ready',
				to: 'a@example.test',
				subject: 'S',
				payload: { text: 't' },
			};
			const { store } = await storeWith([staff(), sms, email]);
			try {
				const run = await sendDueMessages(store, { channels: {}, fetch: realFetch, clock: () => at(0) });
				expect(run.counts).toEqual({ pending: 0, sent: 0, failed: 0, skipped: 2 });
				expect(run.notes).toEqual(expect.arrayContaining([NO_STAFF_CHANNEL, NO_SMS_CHANNEL]));
				expect(run.emails.map((e) => e.recipient)).toEqual(['a@example.test']);
				const rows = await store.transaction((trx) => listMessages(trx, { status: 'skipped' }));
				expect(rows.map((r) => r.channel).sort()).toEqual(['sms', 'staff']);
				expect(rows.every((r) => r.attempts === 0 && /nothing was sent/.test(r.lastError!))).toBe(true);
				expect(wecom.received).toHaveLength(0);
				// The email, sent by Send Email, recorded with the run's token.
				const rec = await recordEmailOutcome(store, { id: run.emails[0].id, token: run.token, outcome: { ok: true }, now: at(1) });
				expect(rec.row).toMatchObject({ status: 'sent', attempts: 1, sentAt: at(1) });
				expect(await runResult(store, run.token)).toEqual({ sent: 1, failed: 0, skipped: 2, waiting: 0 });
			} finally {
				await store.close();
			}
		});

		test('a channel set with a problem: the message waits (not skipped), and goes once the setting is fixed', async () => {
			const sms: OutboxMessage = {
				key: `survey:test-${++n}`,
				channel: 'sms',
				kind: 'survey',
				to: '13800000001',
				payload: { kind: 'survey', params: { name: '陈经理', ticket: 'BX-1', url: 'https://example.test/s/1' } },
			};
			const { store } = await storeWith([staff('设置有误'), sms]);
			try {
				const broken = channelsFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: wecom.url.replace(/\?key=.*/, ''), AFTER_SALES_SMS_PROVIDER: 'aliyun' });
				expect(broken.channels).toEqual({});
				const run = await sendDueMessages(store, { channels: broken.channels, problems: broken.problems, fetch: realFetch, clock: () => at(0) });
				expect(run.counts).toEqual({ pending: 2, sent: 0, failed: 0, skipped: 0 });
				const rows = await store.transaction((trx) => listMessages(trx, { status: 'pending' }));
				const staffRow = rows.find((r) => r.channel === 'staff')!;
				const smsRow = rows.find((r) => r.channel === 'sms')!;
				expect(staffRow.lastError).toMatch(/^通知渠道设置有误.*AFTER_SALES_WECOM_WEBHOOK_URL 缺少 key/);
				expect(staffRow.lastError).not.toMatch(/AFTER_SALES_SMS_/);
				expect(smsRow.lastError).toMatch(/AFTER_SALES_SMS_ACCESS_KEY_ID/);
				expect(smsRow.lastError).not.toMatch(/WECOM/);
				const fixed = await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(1) });
				expect(fixed.counts).toEqual({ pending: 0, sent: 1, failed: 0, skipped: 1 });
				expect(JSON.stringify(wecom.delivered())).toContain('设置有误');
			} finally {
				await store.close();
			}
		});

		test('retry now: a message waiting its backoff goes at once', async () => {
			const { store } = await storeWith([staff()]);
			try {
				wecom.mode = 'rate-limit';
				await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(0) });
				wecom.mode = 'ok';
				const early = await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(0.2) });
				expect(early.counts.sent).toBe(0);
				const now = await sendDueMessages(store, { channels: wecomOnly(), fetch: realFetch, clock: () => at(0.3), retryNow: true });
				expect(now.counts.sent).toBe(1);
				expect(wecom.delivered()).toHaveLength(1);
			} finally {
				await store.close();
			}
		});
	});
}

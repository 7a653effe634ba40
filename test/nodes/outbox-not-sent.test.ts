/**
 * Register › Outbox › Messages Not Sent on n8n's real engine, on every backend (issue 19: the
 * manager's daily line): the messages given up in the last 24 hours counted and listed, with the
 * line "昨日发送失败的消息 N 条 / …" and the email's text; none → count 0 and no line; a wider window
 * counts the older ones too; a bad number of hours is refused on its field. The messages are driven
 * to `failed` through the outbox's own functions at times before the run's clock.
 */
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode } from '../harness/engine';
import { closeAllStores, getStore, type Store } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { claimDueMessages, enqueueMessage, recordAttempt, type AttemptRecord } from '../../nodes/shared/store/registers/outbox';
import type { OutboxMessage } from '../../nodes/shared/rules/outbox';
import { DateTime } from 'luxon';

const op = (extra: Record<string, unknown> = {}) =>
	storeNode('Op', TYPES.register, { resource: 'outbox', operation: 'notSent', ...extra }, { onError: 'continueRegularOutput' as const });

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const shanghai = (iso: string) => DateTime.fromISO(iso).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm');

async function message(store: Store, m: OutboxMessage, queuedAt: string, attempt?: AttemptRecord, recordedAt = queuedAt): Promise<void> {
	await store.transaction(async (trx) => {
		await enqueueMessage(trx, m, queuedAt);
		if (!attempt) return;
		const token = `run-${m.key}`;
		const [row] = await claimDueMessages(trx, { now: queuedAt, token, claimedUntil: recordedAt, limit: 1 });
		expect(row.messageKey).toBe(m.key);
		expect(await recordAttempt(trx, row.id, token, attempt, recordedAt)).toBe(true);
	});
}

for (const backend of backends()) {
	describe(`Messages Not Sent on ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeEach(() => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});
		const run = async (extra: Record<string, unknown> = {}) => (await runWorkflow(chain(op(extra)), credentials)).output('Op').map((i) => i.json);

		test('given up in the last 24 hours: counted, listed and the daily line; older, waiting and sent ones are not', async () => {
			const store = await getStore(config);
			const H = 60;
			// given up 2 hours ago at its 24 hours (the WeCom robot rate-limiting all day)
			const queued = ago(26 * H);
			await message(
				store,
				{
					key: 'new-ticket:BX-1',
					channel: 'staff',
					kind: 'new-ticket',
					payload: { kind: 'new-ticket', items: [{ ticket: 'BX-1', customer: '华东物业' }] },
				},
				queued,
				{ status: 'failed', error: 'wecom: 45009 api freq out of limit' },
				ago(2 * H),
			);
			// refused at once 30 hours ago (a wrong template): in the last 48 hours, not 24
			await message(
				store,
				{
					key: 'survey:BX-2',
					channel: 'sms',
					kind: 'survey',
					to: '13800000002',
					payload: { kind: 'survey', params: { name: '李', ticket: 'BX-2' } },
				},
				ago(30 * H),
				{ status: 'failed', error: 'isv.SMS_TEMPLATE_ILLEGAL' },
			);
			// sent, and still waiting: not given up
			await message(
				store,
				{ key: 'ready:a', channel: 'email', kind: 'ready', to: 'a@example.test', subject: '已修好', payload: { text: 'x' } },
				ago(5 * H),
				{
					status: 'sent',
				},
			);
			await message(
				store,
				{ key: 'ready:b', channel: 'email', kind: 'ready', to: 'b@example.test', subject: '待发', payload: { text: 'x' } },
				ago(3 * H),
			);

			const [day] = await run();
			expect(day.count).toBe(1);
			expect(day.line).toBe('昨日发送失败的消息 1 条 / 1 message not sent in the last 24 h — see GET outbox?status=failed');
			expect(day.messages).toEqual([
				expect.objectContaining({
					channel: 'staff',
					kind: 'new-ticket',
					to: null,
					subject: null,
					attempts: 1,
					status: 'failed',
					lastError: 'wecom: 45009 api freq out of limit',
				}),
			]);
			expect(day.text).toBe(
				[
					'昨日发送失败的消息 1 条 / 1 message not sent in the last 24 h — see GET outbox?status=failed',
					'',
					`- ${shanghai(queued)} · staff new-ticket · 员工群 staff groups · — · 1 次 attempts · wecom: 45009 api freq out of limit`,
				].join('\n'),
			);
			expect(Date.parse(String(day.until)) - Date.parse(String(day.since))).toBe(24 * 3600_000);

			const [two] = await run({ hours: 48 });
			expect(two.count).toBe(2);
			expect((two.messages as Array<{ to: string | null }>).map((m) => m.to)).toEqual([null, '13800000002']);
			expect(two.line).toBe('近 48 小时发送失败的消息 2 条 / 2 messages not sent in the last 48 h — see GET outbox?status=failed');
		});

		test('none given up: count 0, no line, no text (no email); a bad number of hours is refused on its field', async () => {
			await getStore(config);
			expect(await run()).toEqual([expect.objectContaining({ count: 0, line: '', text: '', messages: [] })]);
			const [bad] = await run({ hours: 0 });
			expect(bad.error).toMatch(/Given up in the last \(hours\)/);
		});
	});
}

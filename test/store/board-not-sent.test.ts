/**
 * The messages not sent, shown to the manager (issue 19), on every backend: the outbox driven
 * through its own functions (queued, claimed, each attempt recorded at a time the test sets) —
 * the board lists the messages given up in the last 7 days and those still waiting an hour after
 * they were queued, newest first, with the total beyond its cap; the daily line counts those given
 * up in the last 24 hours. User text (an error a platform answered) is escaped on the page.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { claimDueMessages, enqueueMessage, messagesNotSent, recordAttempt, type AttemptRecord } from '../../nodes/shared/store/registers/outbox';
import { notSentLine, notSentWindow, type OutboxMessage } from '../../nodes/shared/rules/outbox';
import { serviceBoard } from '../../nodes/shared/services/board';
import { renderServiceBoard } from '../../nodes/shared/documents/service-board';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 on 27 November in Shanghai
const before = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString();
const H = 60;
const D = 24 * H;

const staff = (key: string, ticketId: number | null = null): OutboxMessage => ({
	key,
	channel: 'staff',
	kind: 'new-ticket',
	payload: { kind: 'new-ticket', items: [{ ticket: key, customer: '华东物业', text: '空调不制冷' }] },
	ticketId,
});
const email = (key: string, to: string, subject: string): OutboxMessage => ({
	key,
	channel: 'email',
	kind: 'ready',
	to,
	subject,
	payload: { text: '已修好' },
});
const sms = (key: string): OutboxMessage => ({
	key,
	channel: 'sms',
	kind: 'survey',
	to: '13800000001',
	payload: { kind: 'survey', params: { name: '陈', ticket: key } },
});

/**
 * Queues `m` at `queuedAt`; then, when `attempt` is given, a sender claims it then and records the
 * attempt at `recordedAt`. Messages are made oldest first, so a claim finds no other message due.
 */
async function message(store: Store, m: OutboxMessage, queuedAt: string, attempt?: AttemptRecord, recordedAt = queuedAt): Promise<void> {
	await store.transaction(async (trx) => {
		expect(await enqueueMessage(trx, m, queuedAt)).toBe(true);
		if (!attempt) return;
		const token = `run-${m.key}`;
		const claimed = await claimDueMessages(trx, { now: queuedAt, token, claimedUntil: recordedAt, limit: 50 });
		expect(claimed.map((r) => r.messageKey)).toEqual([m.key]);
		expect(await recordAttempt(trx, claimed[0].id, token, attempt, recordedAt)).toBe(true);
	});
}

const failed = (error: string): AttemptRecord => ({ status: 'failed', error });

for (const backend of backends()) {
	describe(`messages not sent on ${backend.name}`, () => {
		afterAll(async () => {
			await backend.cleanup();
		});

		test('the board: given up in 7 days and waiting over an hour, newest first; the rest left out; the daily count is the last 24 h', async () => {
			const store = await Store.open(backend.fresh());
			try {
				const ticketId = await store.transaction(async (trx) => {
					const c = await createCustomer(trx, { name: '华东物业', phone: '13800000001' }, NOW);
					return (await insertTestTicket(trx, { customerId: c.id, n: 1, reportDate: '2026-11-25', dueAt: NOW }, NOW)).id;
				});
				// given up 8 days ago: only in GET outbox?status=failed
				await message(
					store,
					email('old', 'old@example.com', '旧邮件'),
					before(9 * D),
					failed('邮件发送失败 (email not sent): ECONNREFUSED'),
					before(8 * D),
				);
				// an SMS refused 3 days ago (a wrong template): on the board, not in the daily count
				await message(store, sms('sms-3d'), before(3 * D), failed('isv.SMS_TEMPLATE_ILLEGAL'));
				// queued 30 hours ago, given up 6 hours ago at its 24 hours: on the board and in the daily count
				await message(store, staff('BX-20261125-0001', ticketId), before(30 * H), failed('wecom: 45009 <script>alert(1)</script>'), before(6 * H));
				// sent, and skipped: never listed
				await message(store, email('sent', 'ok@example.com', '已发送'), before(5 * H), { status: 'sent' });
				await message(store, sms('skipped'), before(4 * H), { status: 'skipped', error: '未设置短信服务' });
				// waiting: tried 2 hours ago, the platform down (listed); queued 30 minutes ago (not yet)
				await message(
					store,
					staff('waiting'),
					before(2 * H),
					{ status: 'pending', error: 'wecom: HTTP 500', nextAttemptAt: before(2 * H - 1) },
					before(2 * H),
				);
				await message(store, email('recent', 'new@example.com', '新邮件'), before(30));

				const board = await serviceBoard(store, { now: NOW, zone: ZONE });
				expect(board.notSent!.total).toBe(3);
				expect(board.summary.messagesNotSent).toBe(3);
				expect(board.notSent!.messages.map((m) => [m.status, m.channel, m.kind, m.recipient, m.attempts, m.ticketNumber])).toEqual([
					['pending', 'staff', 'new-ticket', null, 1, null],
					['failed', 'staff', 'new-ticket', null, 1, 'BX-20261125-0001'],
					['failed', 'sms', 'survey', '13800000001', 1, null],
				]);
				expect(board.notSent!.messages[1]).toMatchObject({
					lastError: 'wecom: 45009 <script>alert(1)</script>',
					createdAt: before(30 * H),
					subject: null,
				});

				const page = renderServiceBoard(board, 'zh-CN');
				const section = page.slice(page.indexOf('<section id="not-sent"'));
				expect(section).toContain('发送失败的消息 Messages not sent (3)');
				expect(section).toContain('data-role="manager"');
				expect(section).toContain('wecom: 45009 &lt;script&gt;alert(1)&lt;/script&gt;');
				expect(section).not.toContain('<script>');
				expect(section).toContain('11-26 04:00'); // queued 30 hours before 10:00 on the 27th, Shanghai time
				expect(section.match(/<tr [^>]*data-outbox=/g)).toHaveLength(3);
				expect(page).not.toContain('旧邮件');

				// the daily line: given up in the last 24 hours only
				const day = await store.transaction((trx) => messagesNotSent(trx, { ...notSentWindow(NOW, { failedHours: 24 }), limit: 50 }));
				expect(day.total).toBe(1);
				expect(day.rows.map((r) => r.ticketNumber)).toEqual(['BX-20261125-0001']);
				expect(notSentLine(day.total)).toBe('昨日发送失败的消息 1 条 / 1 message not sent in the last 24 h — see GET outbox?status=failed');
			} finally {
				await store.close();
			}
		});

		test('capped: the first rows and "还有 N 条" from the total; none: the empty line, no summary tile', async () => {
			const store = await Store.open(backend.fresh());
			try {
				const empty = await serviceBoard(store, { now: NOW, zone: ZONE });
				expect(empty.notSent).toEqual({ messages: [], total: 0 });
				const emptyPage = renderServiceBoard(empty, 'en');
				expect(emptyPage).toContain('No messages left unsent.');
				expect(emptyPage).not.toContain('<div class="tile alert">Messages not sent');

				for (let i = 0; i < 23; i++) await message(store, staff(`cap-${i}`), before(3 * H - i), failed('wecom: 93000 invalid webhook url'));
				const board = await serviceBoard(store, { now: NOW, zone: ZONE });
				expect(board.notSent!.total).toBe(23);
				// newest first: the last queued
				expect(board.notSent!.messages[0].createdAt).toBe(before(3 * H - 22));
				const page = renderServiceBoard(board, 'zh-CN', undefined, { rows: 20 });
				const section = page.slice(page.indexOf('<section id="not-sent"'));
				expect(section.match(/<tr [^>]*data-outbox=/g)).toHaveLength(20);
				expect(section).toContain('还有 3 条');
				expect(page).toContain('<div class="tile alert">发送失败的消息 <b>23</b></div>');

				// the store's own cap: a page of 5, the total still all of them
				const five = await store.transaction((trx) => messagesNotSent(trx, { ...notSentWindow(NOW, { failedHours: 24 }), limit: 5 }));
				expect([five.rows.length, five.total]).toEqual([5, 23]);
				expect(notSentLine(0)).toBe('');
			} finally {
				await store.close();
			}
		});
	});
}

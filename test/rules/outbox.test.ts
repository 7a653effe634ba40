/**
 * The outbox's backoff and give-up (issue 19 item 3), with fixed times: the waits 1, 2, 5, 10, 20,
 * 30 then 60 minutes; a failure at or after the give-up moment fails the message; a non-retryable
 * error fails it at once; the staff attempt keeps what was delivered before.
 */
import {
	afterFailedAttempt,
	backoffMinutes,
	deliveryKey,
	notSentLine,
	notSentText,
	notSentWindow,
	outboxGiveUpAt,
	parseOutboxStatus,
	staffAttempt,
} from '../../nodes/shared/rules/outbox';
import { ValidationError } from '../../nodes/shared/rules/errors';

const QUEUED = '2026-12-05T02:00:00.000Z';
const GIVE_UP = '2026-12-06T02:00:00.000Z';

test('the waits after the 1st … 9th failure', () => {
	expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(backoffMinutes)).toEqual([1, 2, 5, 10, 20, 30, 60, 60, 60]);
});

test('a retryable failure waits its backoff from the moment it failed', () => {
	expect(afterFailedAttempt(1, '2026-12-05T02:00:03.000Z', GIVE_UP, true)).toEqual({ status: 'pending', nextAttemptAt: '2026-12-05T02:01:03.000Z' });
	expect(afterFailedAttempt(3, '2026-12-05T02:10:00.000Z', GIVE_UP, true)).toEqual({ status: 'pending', nextAttemptAt: '2026-12-05T02:15:00.000Z' });
	expect(afterFailedAttempt(12, '2026-12-05T12:00:00.000Z', GIVE_UP, true)).toEqual({ status: 'pending', nextAttemptAt: '2026-12-05T13:00:00.000Z' });
	// A time in another zone is the same instant.
	expect(afterFailedAttempt(2, '2026-12-05T10:00:00.000+08:00', GIVE_UP, true)).toEqual({
		status: 'pending',
		nextAttemptAt: '2026-12-05T02:02:00.000Z',
	});
});

test('the last try is at the give-up moment; a failure then gives the message up', () => {
	expect(outboxGiveUpAt(QUEUED)).toBe(GIVE_UP);
	expect(afterFailedAttempt(30, '2026-12-06T01:30:00.000Z', GIVE_UP, true)).toEqual({ status: 'pending', nextAttemptAt: GIVE_UP });
	expect(afterFailedAttempt(31, GIVE_UP, GIVE_UP, true)).toEqual({ status: 'failed' });
	expect(afterFailedAttempt(1, '2026-12-07T09:00:00.000Z', GIVE_UP, true)).toEqual({ status: 'failed' });
});

test('a failure that cannot get better is failed at once', () => {
	expect(afterFailedAttempt(1, '2026-12-05T02:00:00.000Z', GIVE_UP, false)).toEqual({ status: 'failed' });
});

test('a staff attempt keeps the robots reached before and names each failure', () => {
	expect(deliveryKey('wecom', 1)).toBe('wecom');
	expect(deliveryKey('wecom', 2)).toBe('wecom#2');
	expect(staffAttempt(['wecom'], [{ key: 'dingtalk', ok: true }])).toEqual({ delivered: ['wecom', 'dingtalk'], ok: true, retryable: false });
	expect(
		staffAttempt(
			[],
			[
				{ key: 'wecom', ok: true },
				{ key: 'dingtalk', ok: false, retryable: false, error: 'sign not match' },
				{ key: 'feishu', ok: false, retryable: true, error: 'HTTP 500' },
			],
		),
	).toEqual({ delivered: ['wecom'], ok: false, retryable: true, error: 'dingtalk: sign not match; feishu: HTTP 500' });
	expect(staffAttempt([], [{ key: 'dingtalk', ok: false, retryable: false, error: 'bad token' }]).retryable).toBe(false);
});

test('the status filter of GET outbox', () => {
	expect(parseOutboxStatus('')).toBeUndefined();
	expect(parseOutboxStatus(undefined)).toBeUndefined();
	expect(parseOutboxStatus(' failed ')).toBe('failed');
	expect(() => parseOutboxStatus('lost')).toThrow(ValidationError);
	expect(() => parseOutboxStatus(['failed'])).toThrow(/status/);
});

test("the manager's daily line: none for 0, the count and where to look otherwise; the window's bounds", () => {
	expect(notSentLine(0)).toBe('');
	expect(notSentLine(1)).toBe('昨日发送失败的消息 1 条 / 1 message not sent in the last 24 h — see GET outbox?status=failed');
	expect(notSentLine(7)).toBe('昨日发送失败的消息 7 条 / 7 messages not sent in the last 24 h — see GET outbox?status=failed');
	expect(notSentLine(2, 48)).toBe('近 48 小时发送失败的消息 2 条 / 2 messages not sent in the last 48 h — see GET outbox?status=failed');
	expect(notSentWindow(QUEUED, { failedHours: 24 })).toEqual({ failedSince: '2026-12-04T02:00:00.000Z' });
	expect(notSentWindow('2026-12-05T10:00:00.000+08:00', { failedHours: 168, pendingMinutes: 60 })).toEqual({
		failedSince: '2026-11-28T02:00:00.000Z',
		pendingBefore: '2026-12-05T01:00:00.000Z',
	});
	expect(notSentText([], 0, 'Asia/Shanghai')).toBe('');
	const item = {
		channel: 'email',
		kind: 'ready',
		recipient: 'chen@example.test',
		subject: '产品已修好',
		ticketNumber: 'BX-20261205-0001',
		attempts: 9,
		lastError: '邮件发送失败 (email not sent): 451',
		createdAt: QUEUED,
	};
	expect(notSentText([item], 3, 'Asia/Shanghai')).toBe(
		[
			'昨日发送失败的消息 3 条 / 3 messages not sent in the last 24 h — see GET outbox?status=failed',
			'',
			'- 2026-12-05 10:00 · email ready · chen@example.test · 产品已修好 · 9 次 attempts · 邮件发送失败 (email not sent): 451',
			'还有 2 条 / 2 more',
		].join('\n'),
	);
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import {
	cleanReply,
	complaintNoticeDue,
	nextComplaintStatus,
	parseSeverity,
	replyDue,
	type ComplaintStatus,
} from '../../nodes/shared/rules/complaints';

const ZONE = 'Asia/Shanghai';

describe('reply deadlines (P17): serious 3 days, general 7, by the day it came in', () => {
	test('a complaint in the evening (Shanghai) counts from that day, not the UTC day', () => {
		// 2026-11-27 23:30 in Shanghai is 15:30 UTC the same day; 00:30 on the 28th is 16:30 UTC on the 27th.
		expect(replyDue('2026-11-27T15:30:00.000Z', 'serious', ZONE)).toEqual({ replyDueOn: '2026-11-30', replyDueAt: '2026-11-30T16:00:00.000Z' });
		expect(replyDue('2026-11-27T16:30:00.000Z', 'serious', ZONE)).toEqual({ replyDueOn: '2026-12-01', replyDueAt: '2026-12-01T16:00:00.000Z' });
		expect(replyDue('2026-11-27T02:00:00.000Z', 'general', ZONE).replyDueOn).toBe('2026-12-04');
	});

	test('the due day is always the received day plus the days, and the reply is late from the end of it (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2080, 0, 1) }),
				fc.constantFrom('serious' as const, 'general' as const),
				(ms, severity) => {
					const received = new Date(ms).toISOString();
					const { replyDueOn, replyDueAt } = replyDue(received, severity, ZONE);
					const day = DateTime.fromMillis(ms, { zone: ZONE }).startOf('day');
					expect(replyDueOn).toBe(day.plus({ days: severity === 'serious' ? 3 : 7 }).toISODate());
					const end = DateTime.fromISO(replyDueAt, { zone: ZONE });
					expect(end.toISODate()).toBe(DateTime.fromISO(replyDueOn, { zone: ZONE }).plus({ days: 1 }).toISODate());
					expect(end.hour + end.minute + end.second).toBe(0);
				},
			),
		);
	});
});

describe('complaint register: open → replied → closed', () => {
	test.each([
		['open', 'reply', 'replied'],
		['replied', 'close', 'closed'],
	] as Array<[ComplaintStatus, 'reply' | 'close', ComplaintStatus]>)('%s --%s--> %s', (from, action, to) => {
		expect(nextComplaintStatus({ complaintNumber: 'TS-20261127-0001', status: from }, action)).toBe(to);
	});

	test.each([
		['replied', 'reply', /its reply was already recorded/],
		['closed', 'reply', /it is closed/],
		['open', 'close', /no reply to the customer has been recorded yet/],
		['closed', 'close', /already closed/],
	] as Array<[ComplaintStatus, 'reply' | 'close', RegExp]>)('%s cannot %s', (from, action, why) => {
		expect(() => nextComplaintStatus({ complaintNumber: 'TS-20261127-0001', status: from }, action)).toThrow(RuleViolation);
		expect(() => nextComplaintStatus({ complaintNumber: 'TS-20261127-0001', status: from }, action)).toThrow(why);
	});
});

describe('cleanReply', () => {
	const now = '2026-11-28T02:00:00.000Z';
	test('a general complaint may be answered by phone; the time defaults to now', () => {
		expect(cleanReply({ method: 'phone', text: '已致电道歉并安排复查' }, 'general', ZONE, now)).toEqual({
			method: 'phone',
			repliedAt: now,
			text: '已致电道歉并安排复查',
		});
	});

	test('a serious complaint is answered in writing (函告)', () => {
		expect(() => cleanReply({ method: 'phone', text: '电话说明' }, 'serious', ZONE, now)).toThrow(/serious complaint is answered in writing/);
		expect(cleanReply({ method: '函告', text: '书面答复', repliedAt: '2026-11-28 09:00' }, 'serious', ZONE, now)).toEqual({
			method: 'letter',
			repliedAt: '2026-11-28T01:00:00.000Z',
			text: '书面答复',
		});
	});

	test('method, text and a future time are each refused with the field', () => {
		try {
			cleanReply({ method: 'fax', text: '', repliedAt: '2030-01-01 09:00' }, 'general', ZONE, now);
			throw new Error('accepted');
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).problems.map((p) => p.field)).toEqual(['method', 'text', 'repliedAt']);
		}
	});
});

describe('complaint notices: the manager told at once, overdue replies escalated once per period', () => {
	const c = {
		status: 'open' as const,
		severity: 'general' as const,
		notifiedAt: null as string | null,
		replyDueAt: '2026-11-30T16:00:00.000Z',
		escalatedPeriod: 0,
	};
	test('a complaint the manager was not told of is due a new notice, whatever else', () => {
		expect(complaintNoticeDue(c, '2026-11-27T03:00:00Z', 24)).toEqual({ kind: 'new', period: 0, severity: 'general' });
		expect(complaintNoticeDue({ ...c, severity: 'serious' }, '2026-11-27T03:00:00Z', 24)).toEqual({ kind: 'new', period: 0, severity: 'serious' });
	});
	test('once told, nothing until the reply is late; then once per period', () => {
		const told = { ...c, notifiedAt: '2026-11-27T03:00:01Z' };
		expect(complaintNoticeDue(told, '2026-11-30T15:59:59Z', 24)).toBeNull();
		expect(complaintNoticeDue(told, '2026-11-30T16:00:01Z', 24)).toEqual({ kind: 'overdue', period: 1 });
		expect(complaintNoticeDue({ ...told, escalatedPeriod: 1 }, '2026-12-01T15:00:00Z', 24)).toBeNull();
		expect(complaintNoticeDue({ ...told, escalatedPeriod: 1 }, '2026-12-01T16:00:01Z', 24)).toEqual({ kind: 'overdue', period: 2 });
	});
	test('a replied or closed complaint is never escalated', () => {
		for (const status of ['replied', 'closed'] as const)
			expect(complaintNoticeDue({ ...c, status, notifiedAt: 'x' }, '2027-01-01T00:00:00Z', 24)).toBeNull();
	});
});

test('parseSeverity: general or serious (一般/严重), nothing else', () => {
	expect(parseSeverity('Serious')).toBe('serious');
	expect(parseSeverity('严重')).toBe('serious');
	expect(parseSeverity('一般')).toBe('general');
	expect(() => parseSeverity('urgent')).toThrow(/expected general \(一般\) or serious \(严重\)/);
});

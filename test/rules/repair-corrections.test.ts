/** P9 promised dates, the replacement warranty and P12's voucher reconciliation: dates worked out by hand. */
import { RuleViolation } from '../../nodes/shared/rules/errors';
import { addWorkingDays, replacementWarranty, startOfDay, takeBackPromise, voucherStillOut } from '../../nodes/shared/rules/repair-corrections';
import { mondayToFriday } from '../../nodes/shared/rules/working-days';

const ZONE = 'Asia/Shanghai';

describe('addWorkingDays: weeks without a public holiday count Monday to Friday', () => {
	test.each([
		// Friday: the weekend is skipped — Mon 30, Tue 1, Wed 2.
		['2026-11-27', 3, '2026-12-02'],
		// Saturday: counting starts on Monday.
		['2026-11-28', 3, '2026-12-02'],
		// Monday at the month's end: Tue 1, Wed 2, Thu 3 December.
		['2026-11-30', 3, '2026-12-03'],
		// Zero days: the day itself.
		['2026-11-28', 0, '2026-11-28'],
	])('%s + %i working days = %s', (from, n, expected) => {
		expect(addWorkingDays(from, n)).toBe(expected);
	});

	test.each([
		// Thursday 31 December: Fri 1 January, Mon 4, Tue 5 — with a calendar of Monday to Friday only.
		['2026-12-31', 3, '2027-01-05'],
		// A leap February: Friday 25 → Mon 28, Tue 29, Wed 1 March.
		['2028-02-25', 3, '2028-03-01'],
	])('with the Monday-to-Friday calendar: %s + %i = %s', (from, n, expected) => {
		expect(addWorkingDays(from, n, mondayToFriday)).toBe(expected);
	});

	test('a negative count is refused', () => {
		expect(() => addWorkingDays('2026-11-27', -1)).toThrow(RuleViolation);
	});
});

describe('takeBackPromise (P9)', () => {
	test('no agreed date: 3 working days after the take-back, due at the end of that day in the service timezone', () => {
		// Taken back Friday 27 November → Wednesday 2 December; midnight after it in Shanghai is 16:00 UTC.
		expect(takeBackPromise('2026-11-27', null, ZONE)).toEqual({ promisedBy: '2026-12-02', dueAt: '2026-12-02T16:00:00.000Z' });
	});

	test('the agreed date wins, also across the year end', () => {
		expect(takeBackPromise('2026-12-30', '2027-01-08', ZONE)).toEqual({ promisedBy: '2027-01-08', dueAt: '2027-01-08T16:00:00.000Z' });
	});

	test('the take-back day itself may be agreed', () => {
		expect(takeBackPromise('2026-11-30', '2026-11-30', ZONE)).toEqual({ promisedBy: '2026-11-30', dueAt: '2026-11-30T16:00:00.000Z' });
	});

	test('the end of the day is taken in the given timezone', () => {
		expect(takeBackPromise('2026-11-30', '2026-12-01', 'Europe/Berlin').dueAt).toBe('2026-12-01T23:00:00.000Z');
	});

	test('a date before the take-back is refused on promisedBy', () => {
		let error: unknown;
		try {
			takeBackPromise('2026-11-30', '2026-11-29', ZONE);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(RuleViolation);
		expect((error as RuleViolation).field).toBe('promisedBy');
		expect((error as Error).message).toBe(
			'Promised completion date (约定完成日期): 2026-11-29 is before the take-back on 2026-11-30; expected the date agreed with the customer, 2026-11-30 or later',
		);
	});
});

describe('replacementWarranty', () => {
	test.each([
		['2026-11-30', 12, '2027-11-30'],
		// From 29 February of a leap year: 28 February of the next.
		['2028-02-29', 12, '2029-02-28'],
		// One month from 31 January ends on the last day of February.
		['2026-01-31', 1, '2026-02-28'],
	])('from %s for %i months: until %s', (from, months, until) => {
		expect(replacementWarranty(from, months)).toEqual({ completedOn: from, warrantyUntil: until });
	});

	test('12 months by default', () => {
		expect(replacementWarranty('2026-12-31')).toEqual({ completedOn: '2026-12-31', warrantyUntil: '2027-12-31' });
	});
});

describe('voucherStillOut (P12)', () => {
	// Today is 30 November in Shanghai: it began at 16:00 UTC on the 29th.
	const since = startOfDay('2026-11-30', ZONE);
	test('the start of the day', () => {
		expect(since).toBe('2026-11-29T16:00:00.000Z');
	});
	test.each([
		['solved yesterday, not closed', { status: 'solved-on-site', signedAt: '2026-11-29T15:59:59.000Z', voucherArchivedAt: null }, 'not-closed'],
		['returned yesterday, not closed', { status: 'returned', signedAt: '2026-11-29T08:00:00.000Z', voucherArchivedAt: null }, 'not-closed'],
		['solved today: it may still come back today', { status: 'solved-on-site', signedAt: '2026-11-29T16:00:00.000Z', voucherArchivedAt: null }, null],
		['closed and archived', { status: 'closed', signedAt: '2026-11-20T08:00:00.000Z', voucherArchivedAt: '2026-11-20T10:00:00.000Z' }, null],
		[
			'closed without the voucher archived',
			{ status: 'closed', signedAt: '2026-11-20T08:00:00.000Z', voucherArchivedAt: null },
			'closed-not-archived',
		],
		['still with the technician, not finished', { status: 'dispatched', signedAt: null, voucherArchivedAt: null }, null],
		['product in the workshop', { status: 'taken-back', signedAt: '2026-11-01T08:00:00.000Z', voucherArchivedAt: null }, null],
		['cancelled', { status: 'cancelled', signedAt: null, voucherArchivedAt: null }, null],
	])('%s', (_, ticket, expected) => {
		expect(voucherStillOut(ticket, since)).toBe(expected);
	});
});

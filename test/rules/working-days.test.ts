/**
 * Working days with China's calendar (RULES turn 3, "Working days"): public holidays skipped, the
 * make-up working days (调休) counted, from the package chinese-days. The expected days are read
 * from the State Council's 2026 arrangement as the package lists it (National Day 1–7 October
 * with Sunday 20 September and Saturday 10 October worked; Mid-autumn 25–27 September; Spring
 * Festival 15–23 February with Saturday 14 and Saturday 28 February worked), counted by hand.
 */
import { RuleViolation } from '../../nodes/shared/rules/errors';
import { takeBackPromise, DEFAULT_PROMISE_WORKING_DAYS } from '../../nodes/shared/rules/repair-corrections';
import { addWorkingDays, chinaWorkingDay, mondayToFriday } from '../../nodes/shared/rules/working-days';

const ZONE = 'Asia/Shanghai';

describe("China's calendar: which days are working days", () => {
	test('the National Day week 2026-10-01..07 is a holiday, weekdays included', () => {
		for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) expect(chinaWorkingDay(d)).toBe(false);
	});

	test('the make-up days (调休) are working days although they fall on a weekend', () => {
		expect(chinaWorkingDay('2026-09-20')).toBe(true); // Sunday
		expect(chinaWorkingDay('2026-10-10')).toBe(true); // Saturday
		expect(chinaWorkingDay('2026-02-14')).toBe(true); // Saturday before Spring Festival
		expect(chinaWorkingDay('2026-02-28')).toBe(true); // Saturday after it
	});

	test('an ordinary weekend is not worked, an ordinary weekday is', () => {
		expect(chinaWorkingDay('2026-11-28')).toBe(false);
		expect(chinaWorkingDay('2026-11-29')).toBe(false);
		expect(chinaWorkingDay('2026-11-30')).toBe(true);
	});
});

describe('addWorkingDays in China’s calendar', () => {
	test.each([
		// Across the National Day week: Thu 8, Fri 9, Sat 10 (make-up).
		['2026-09-30', 3, '2026-10-10'],
		// Taken back on the first holiday: the same three days.
		['2026-10-01', 3, '2026-10-10'],
		// Sat 10 is worked, Sun 11 is not: Fri 9 + 2 → Sat 10, Mon 12.
		['2026-10-09', 2, '2026-10-12'],
		// Mid-autumn: Thursday 24 September + 1 → Monday 28 (25–27 off).
		['2026-09-24', 1, '2026-09-28'],
		// The make-up Sunday 20 September counts: Friday 18 + 1 → Sunday 20.
		['2026-09-18', 1, '2026-09-20'],
		// Across Spring Festival: Fri 13 February → Sat 14 (make-up), then 15–23 off: Tue 24, Wed 25.
		['2026-02-13', 3, '2026-02-25'],
		// From the make-up Saturday 14 February: Tue 24, Wed 25, Thu 26.
		['2026-02-14', 3, '2026-02-26'],
		// Friday 27 February + 1 → the make-up Saturday 28.
		['2026-02-27', 1, '2026-02-28'],
		// A week with no holiday is Monday to Friday: Friday 27 November → Mon 30, Tue 1, Wed 2.
		['2026-11-27', 3, '2026-12-02'],
	])('%s + %i working days = %s', (from, n, expected) => {
		expect(addWorkingDays(from, n)).toBe(expected);
	});

	test('the calendar is a function the rule takes: Monday to Friday alone counts the holiday week', () => {
		expect(addWorkingDays('2026-09-30', 3, mondayToFriday)).toBe('2026-10-05');
		expect(addWorkingDays('2026-09-30', 1, (d) => d === '2026-12-24')).toBe('2026-12-24');
	});

	test('zero days is the day itself; a negative count or a calendar with no working day is refused', () => {
		expect(addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
		expect(() => addWorkingDays('2026-10-03', -1)).toThrow(RuleViolation);
		expect(() => addWorkingDays('2026-10-03', 1, () => false)).toThrow(RuleViolation);
		expect(() => addWorkingDays('2026-13-03', 1)).toThrow(RuleViolation);
	});
});

describe('promisedBy (P9) skips the holidays', () => {
	test('a product taken back before National Day is promised for the make-up Saturday 10 October, due at its end in Shanghai', () => {
		expect(DEFAULT_PROMISE_WORKING_DAYS).toBe(3);
		expect(takeBackPromise('2026-09-30', null, ZONE)).toEqual({ promisedBy: '2026-10-10', dueAt: '2026-10-10T16:00:00.000Z' });
	});

	test('a product taken back before Spring Festival is promised after it', () => {
		expect(takeBackPromise('2026-02-13', null, ZONE).promisedBy).toBe('2026-02-25');
	});

	test('an agreed date still wins, even on a holiday', () => {
		expect(takeBackPromise('2026-09-30', '2026-10-03', ZONE).promisedBy).toBe('2026-10-03');
	});
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { parseDate, parseDateTime, parsePastMoment } from '../../nodes/shared/rules/dates';
import { validationErrorOf } from '../harness/errors';

const SH = 'Asia/Shanghai';

/** The calendar date of an instant in a zone, by Intl (independent of luxon). */
function dateIn(instant: Date, zone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

describe('parseDate', () => {
	test.each<[unknown, string]>([
		['2026-11-27', '2026-11-27'],
		['  2026-11-27  ', '2026-11-27'],
		['2026/11/27', '2026-11-27'],
		['2026/1/5', '2026-01-05'],
		['2026-1-5', '2026-01-05'],
		['2024-02-29', '2024-02-29'],
		['2026-12-31', '2026-12-31'],
		['2026-11-27T09:30', '2026-11-27'],
		['2026-11-27T09:30:00+08:00', '2026-11-27'],
		// As Chinese spreadsheets and input methods give them.
		['2026年1月5日', '2026-01-05'],
		['２０２６－０１－０５', '2026-01-05'],
		['2026/1/5 0:00', '2026-01-05'],
		['2026/1/5 00:00:00', '2026-01-05'],
	])('reads %p as %p', (value, expected) => {
		expect(parseDate(value, 'startsOn', SH)).toBe(expected);
	});

	test('takes an ISO date-time in the workflow zone', () => {
		expect(parseDate('2026-11-26T20:00:00Z', 'startsOn', SH)).toBe('2026-11-27');
		expect(parseDate('2026-11-26T20:00:00Z', 'startsOn', 'UTC')).toBe('2026-11-26');
		expect(parseDate('2026-11-26T20:00:00Z', 'startsOn', 'America/New_York')).toBe('2026-11-26');
		expect(parseDate('2026-11-27T01:00:00+08:00', 'startsOn', 'UTC')).toBe('2026-11-26');
		expect(parseDate('2026-11-26T15:59:59Z', 'startsOn', SH)).toBe('2026-11-26');
		expect(parseDate('2026-11-26T16:00:00Z', 'startsOn', SH)).toBe('2026-11-27');
	});

	test('takes a JS Date or a luxon DateTime in the workflow zone', () => {
		expect(parseDate(new Date('2026-11-26T20:00:00Z'), 'startsOn', SH)).toBe('2026-11-27');
		expect(parseDate(new Date('2026-11-26T20:00:00Z'), 'startsOn', 'UTC')).toBe('2026-11-26');
		expect(parseDate(DateTime.fromISO('2026-11-26T20:00:00Z'), 'startsOn', SH)).toBe('2026-11-27');
	});

	test('reads spreadsheet date serials (days since 1899-12-30)', () => {
		expect(parseDate(45000, 'startsOn', SH)).toBe('2023-03-15');
		expect(parseDate(45658, 'startsOn', SH)).toBe('2025-01-01');
		expect(parseDate(25569, 'startsOn', SH)).toBe('1970-01-01');
		expect(parseDate(2958465, 'startsOn', SH)).toBe('9999-12-31');
		// A serial is a calendar day: it does not move with the zone.
		expect(parseDate(45000, 'startsOn', 'America/Los_Angeles')).toBe('2023-03-15');
		expect(parseDate(45000, 'startsOn', 'Pacific/Kiritimati')).toBe('2023-03-15');
	});

	test('a plain date is the same day whatever the zone', () => {
		for (const zone of ['UTC', SH, 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
			expect(parseDate('2026-11-27', 'startsOn', zone)).toBe('2026-11-27');
		}
	});

	test.each(['2026-13-45', '2026-02-30', '2025-02-29', '2026-04-31', '2026-00-10', '2026-01-00', '2026/13/1', '2026年2月30日'])(
		'refuses %p as not a real calendar date',
		(value) => {
			const error = validationErrorOf(() => parseDate(value, 'startsOn', SH));
			expect(error.problems).toHaveLength(1);
			expect(error.problems[0].field).toBe('startsOn');
			expect(error.problems[0].message).toContain('Start date (开始日期)');
			expect(error.problems[0].message).toContain('is not a real calendar date');
			expect(error.problems[0].message).toContain(value);
		},
	);

	test.each<unknown>([
		'abc',
		'',
		'tomorrow',
		'27/11/2026',
		'2026-11',
		'20261127',
		'2026/1/5 9:30',
		null,
		undefined,
		new Date('nope'),
		0,
		-1,
		1.5,
		{},
	])('refuses %p as not a date', (value) => {
		const error = validationErrorOf(() => parseDate(value, 'completedOn', SH));
		expect(error.problems).toHaveLength(1);
		expect(error.problems[0].field).toBe('completedOn');
		expect(error.problems[0].message).toContain('Completion date (竣工日期)');
	});

	test('property: any valid date formatted YYYY-MM-DD round-trips, in any zone', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }),
				fc.constantFrom('UTC', SH, 'America/Los_Angeles', 'Pacific/Kiritimati'),
				(d, zone) => {
					const iso = d.toISOString().slice(0, 10);
					expect(parseDate(iso, 'startsOn', zone)).toBe(iso);
					const [y, m, day] = iso.split('-').map(Number);
					expect(parseDate(`${y}/${m}/${day}`, 'startsOn', zone)).toBe(iso);
				},
			),
			{ numRuns: 500 },
		);
	});

	test('property: a date-time is the calendar day it is in the workflow zone', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
				fc.constantFrom('UTC', SH, 'America/New_York', 'Europe/Berlin', 'Australia/Sydney'),
				(instant, zone) => {
					const expected = dateIn(instant, zone);
					expect(parseDate(instant, 'startsOn', zone)).toBe(expected);
					expect(parseDate(instant.toISOString(), 'startsOn', zone)).toBe(expected);
				},
			),
			{ numRuns: 300 },
		);
	});

	test('property: spreadsheet serials count whole days', () => {
		fc.assert(
			fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
				const expected = new Date((serial - 25569) * 86400000).toISOString().slice(0, 10);
				expect(parseDate(serial, 'startsOn', SH)).toBe(expected);
			}),
			{ numRuns: 300 },
		);
	});
});

describe('parseDateTime', () => {
	test.each<[unknown, string]>([
		['2026-11-27T09:30:00+08:00', '2026-11-27T09:30:00.000+08:00'],
		['2026-11-27T01:30:00Z', '2026-11-27T09:30:00.000+08:00'],
		['2026-11-27T09:30:00-05:00', '2026-11-27T22:30:00.000+08:00'],
		['2026-11-27T09:30', '2026-11-27T09:30:00.000+08:00'],
		['2026-11-27 09:30', '2026-11-27T09:30:00.000+08:00'],
		['2026-11-27 9:30', '2026-11-27T09:30:00.000+08:00'],
		['2026/11/27 9:30', '2026-11-27T09:30:00.000+08:00'],
		['  2026-11-27T09:30  ', '2026-11-27T09:30:00.000+08:00'],
		['2026-11-27', '2026-11-27T00:00:00.000+08:00'],
		[new Date('2026-11-27T01:30:00Z'), '2026-11-27T09:30:00.000+08:00'],
		[DateTime.fromISO('2026-11-27T01:30:00Z'), '2026-11-27T09:30:00.000+08:00'],
	])('reads %p as %p in Asia/Shanghai', (value, expected) => {
		expect(parseDateTime(value, 'startsOn', SH)).toBe(expected);
	});

	test('a plain date means midnight in the workflow zone', () => {
		expect(parseDateTime('2026-11-27', 'startsOn', 'America/New_York')).toBe('2026-11-27T00:00:00.000-05:00');
		expect(parseDateTime('2026-07-01', 'startsOn', 'America/New_York')).toBe('2026-07-01T00:00:00.000-04:00');
		expect(parseDateTime('2026-11-27', 'startsOn', 'UTC')).toBe('2026-11-27T00:00:00.000Z');
	});

	test.each<unknown>(['', '   ', 'tomorrow', '2026-13-01 09:30', '2026-11-27 25:00', '27/11/2026 09:30', null, undefined, 12345, new Date('nope')])(
		'refuses %p',
		(value) => {
			const error = validationErrorOf(() => parseDateTime(value, 'startsOn', SH));
			expect(error.problems).toHaveLength(1);
			expect(error.problems[0].field).toBe('startsOn');
			expect(error.problems[0].message).toContain('Start date (开始日期)');
			expect(error.problems[0].message).toContain('is not a date and time');
		},
	);

	test('property: the instant is kept and told with the offset of the zone', () => {
		fc.assert(
			fc.property(
				fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
				fc.constantFrom(SH, 'UTC', 'America/New_York', 'Asia/Kolkata'),
				(instant, zone) => {
					for (const value of [instant, instant.toISOString()]) {
						const result = parseDateTime(value, 'startsOn', zone);
						expect(new Date(result).getTime()).toBe(instant.getTime());
						const offset = DateTime.fromJSDate(instant).setZone(zone).toFormat('ZZ');
						expect(result.endsWith(offset === '+00:00' ? 'Z' : offset)).toBe(true);
						expect(result.slice(0, 10)).toBe(dateIn(instant, zone));
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('parsePastMoment: when something happened (a report, a signature)', () => {
	const zone = 'Asia/Shanghai';
	const now = '2026-11-27T02:00:00.000Z'; // 10:00 in Shanghai

	test('is kept as UTC, whatever offset it was typed with', () => {
		expect(parsePastMoment('2026-11-27 09:30', 'reportedAt', zone, now)).toBe('2026-11-27T01:30:00.000Z');
		expect(parsePastMoment('2026-11-27T10:00:00+08:00', 'signedAt', zone, now)).toBe('2026-11-27T02:00:00.000Z');
		expect(parsePastMoment('2026-11-26T23:00:00Z', 'signedAt', zone, now)).toBe('2026-11-26T23:00:00.000Z');
	});

	test('a few minutes ahead of this clock is another clock, not a mistake', () => {
		expect(parsePastMoment('2026-11-27 10:10', 'reportedAt', zone, now)).toBe('2026-11-27T02:10:00.000Z');
	});

	test.each([
		['reportedAt', '2099-01-01 09:00', 'Report time (报修时间)'],
		['reportedAt', '2062-11-27 09:00', 'Report time (报修时间)'],
		['signedAt', '2026-11-27 11:00', 'Signed at (签字时间)'],
	])('%s "%s" in the future is refused, naming the field and the time it is now', (field, typed, fieldLabel) => {
		const error = validationErrorOf(() => parsePastMoment(typed, field, zone, now));
		expect(error.problems).toEqual([
			{ field, message: `${fieldLabel}: "${typed}" is in the future (it is now 2026-11-27 10:00); expected when it happened` },
		]);
	});

	test('what is not a moment at all is refused as before', () => {
		const error = validationErrorOf(() => parsePastMoment('2026-13-45', 'reportedAt', zone, now));
		expect(error.problems[0].message).toMatch(/is not a date and time/);
	});
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import { DEFAULT_RESPONSE_HOURS, dueAt, receiptNumber, repairCardNumber, ticketNumber, voucherNumber } from '../../nodes/shared/rules/numbering';

describe('document numbers', () => {
	test('each document has its prefix, the day, and a four-digit sequence', () => {
		expect(ticketNumber('2026-11-27', 7)).toBe('BX-20261127-0007');
		expect(voucherNumber('2026-11-27', 7)).toBe('PZ-20261127-0007');
		expect(receiptNumber('2026-11-27', 7)).toBe('SJ-20261127-0007');
		expect(repairCardNumber('2026-11-27', 7)).toBe('XK-20261127-0007');
	});

	test('the first and last sequence numbers of a day', () => {
		expect(ticketNumber('2026-01-05', 1)).toBe('BX-20260105-0001');
		expect(ticketNumber('2026-01-05', 9999)).toBe('BX-20260105-9999');
	});

	test.each([0, -1, 10000, 1.5, NaN, Infinity])('refuses the sequence number %p', (seq) => {
		expect(() => ticketNumber('2026-11-27', seq)).toThrow(RuleViolation);
		try {
			voucherNumber('2026-11-27', seq);
		} catch (error) {
			expect((error as RuleViolation).field).toBe('seq');
			expect((error as RuleViolation).message).toContain('1 to 9999');
		}
	});

	test('says so when a day runs out of numbers', () => {
		expect(() => ticketNumber('2026-11-27', 10000)).toThrow(/more than 9999 on 2026-11-27/);
	});

	test.each(['2026-13-01', '2026-02-30', '20261127', '2026/11/27', ''])('refuses the day %p', (date) => {
		expect(() => ticketNumber(date, 1)).toThrow(RuleViolation);
	});

	test('property: numbers of different days or sequences differ, sort by day then sequence, and read back', () => {
		const day = fc.integer({ min: 0, max: 3650 }).map((n) => DateTime.fromISO('2024-01-01', { zone: 'utc' }).plus({ days: n }).toISODate()!);
		const seq = fc.integer({ min: 1, max: 9999 });
		fc.assert(
			fc.property(day, seq, day, seq, (d1, s1, d2, s2) => {
				const n1 = ticketNumber(d1, s1);
				const n2 = ticketNumber(d2, s2);
				expect(n1 === n2).toBe(d1 === d2 && s1 === s2);
				const byKey = d1 === d2 ? Math.sign(s1 - s2) : d1 < d2 ? -1 : 1;
				expect(n1 === n2 ? 0 : n1 < n2 ? -1 : 1).toBe(byKey);
				const m = /^BX-(\d{4})(\d{2})(\d{2})-(\d{4})$/.exec(n1)!;
				expect(`${m[1]}-${m[2]}-${m[3]}`).toBe(d1);
				expect(Number(m[4])).toBe(s1);
			}),
		);
	});
});

describe('dueAt', () => {
	test("adds the category's response hours and keeps the offset of the report time", () => {
		expect(dueAt('2026-11-27T09:30:00+08:00', 'A', DEFAULT_RESPONSE_HOURS)).toBe('2026-11-29T09:30:00.000+08:00');
		expect(dueAt('2026-11-27T09:30:00+08:00', 'B', DEFAULT_RESPONSE_HOURS)).toBe('2026-11-28T09:30:00.000+08:00');
		expect(dueAt('2026-11-27T09:30:00+08:00', 'C', DEFAULT_RESPONSE_HOURS)).toBe('2026-11-28T09:30:00.000+08:00');
		expect(dueAt('2026-11-27T09:30:00+08:00', 'D', DEFAULT_RESPONSE_HOURS)).toBe('2026-11-30T09:30:00.000+08:00');
		expect(dueAt('2026-11-27T01:30:00Z', 'B', DEFAULT_RESPONSE_HOURS)).toBe('2026-11-28T01:30:00.000Z');
	});

	test('the default targets: contract and warranty work within a day, paid two days, internal three', () => {
		expect(DEFAULT_RESPONSE_HOURS).toEqual({ A: 48, B: 24, C: 24, D: 72 });
	});

	test('uses the targets it is given, fractions of an hour included', () => {
		const targets = { A: 1.5, B: 4, C: 8, D: 0 };
		expect(dueAt('2026-11-27T23:00:00+08:00', 'A', targets)).toBe('2026-11-28T00:30:00.000+08:00');
		expect(dueAt('2026-11-27T23:00:00+08:00', 'D', targets)).toBe('2026-11-27T23:00:00.000+08:00');
	});

	test('24 hours are 24 hours even across a daylight-saving change', () => {
		expect(dueAt('2026-03-07T12:00:00-05:00', 'B', DEFAULT_RESPONSE_HOURS)).toBe('2026-03-08T12:00:00.000-05:00');
	});

	test('an unreadable report time is a field error; a missing or negative target is refused', () => {
		expect(() => dueAt('yesterday', 'A', DEFAULT_RESPONSE_HOURS)).toThrow(ValidationError);
		expect(() => dueAt('2026-11-27T09:30:00+08:00', 'A', { ...DEFAULT_RESPONSE_HOURS, A: -1 })).toThrow(RuleViolation);
		expect(() => dueAt('2026-11-27T09:30:00+08:00', 'A', { B: 1 } as never)).toThrow(RuleViolation);
	});

	test('property: the due time is exactly the target hours after the report, at the same offset', () => {
		const offsets = ['+08:00', 'Z', '-05:00', '+05:30'];
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => Math.floor(ms / 1000) * 1000),
				fc.constantFrom(...offsets),
				fc.constantFrom('A' as const, 'B' as const, 'C' as const, 'D' as const),
				fc.integer({ min: 0, max: 24 * 30 }),
				(ms, offset, category, hours) => {
					const zone = offset === 'Z' ? 'utc' : `UTC${offset}`;
					const reportedAt = DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;
					const due = dueAt(reportedAt, category, { ...DEFAULT_RESPONSE_HOURS, [category]: hours });
					expect(Date.parse(due) - ms).toBe(hours * 3_600_000);
					expect(due.endsWith(offset)).toBe(true);
				},
			),
		);
	});
});

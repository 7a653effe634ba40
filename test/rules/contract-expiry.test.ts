import fc from 'fast-check';
import { DateTime } from 'luxon';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import {
	checkNoticeWindow,
	cleanRenewalBody,
	expiryDecision,
	expiryNoticeNumber,
	noticeFrom,
	noticeRange,
	renewalContractNo,
	renewalDates,
	renewalTaskOutcome,
} from '../../nodes/shared/rules/contract-expiry';

describe('the notice day: the same day of the previous calendar month', () => {
	test.each([
		['2027-03-15', '2027-02-15'],
		['2027-03-31', '2027-02-28'], // no 31 February: the month's last day
		['2028-03-31', '2028-02-29'], // leap year
		['2028-03-30', '2028-02-29'],
		['2027-03-29', '2027-02-28'],
		['2027-02-28', '2027-01-28'],
		['2028-02-29', '2028-01-29'],
		['2027-01-31', '2026-12-31'], // across the year's end
		['2027-01-01', '2026-12-01'],
		['2027-05-31', '2027-04-30'],
		['2027-12-31', '2027-11-30'],
	])('a contract ending %s is due its notice from %s', (endsOn, from) => {
		expect(noticeFrom(endsOn)).toBe(from);
	});

	test('a longer window: two and twelve months', () => {
		expect(noticeFrom('2027-04-30', 2)).toBe('2027-02-28');
		expect(noticeFrom('2028-02-29', 12)).toBe('2027-02-28');
	});

	test('a window of 0, 13, 1.5 or text months is refused with the field named', () => {
		for (const bad of [0, 13, 1.5, 'one', -1, null]) {
			expect(() => checkNoticeWindow(bad)).toThrow(ValidationError);
		}
		expect(() => checkNoticeWindow(0)).toThrow(/Notice window.*from 1 to 12/);
		expect(checkNoticeWindow('2')).toBe(2);
		expect(checkNoticeWindow(1)).toBe(1);
	});
});

describe('the end dates a scan on a day notices', () => {
	test.each([
		['2027-01-15', '2027-01-15', '2027-02-15'],
		// 31 January: contracts ending through 28 February (28 Feb − 1 month = 28 Jan ≤ 31 Jan; 1 March − 1 month = 1 Feb)
		['2027-01-31', '2027-01-31', '2027-02-28'],
		['2028-01-31', '2028-01-31', '2028-02-29'],
		// 28 February (not a leap year): 29, 30 and 31 March all step back to 28 February
		['2027-02-28', '2027-02-28', '2027-03-31'],
		// 28 February of a leap year is not the month's end: 29 March − 1 month = 29 Feb > 28 Feb
		['2028-02-28', '2028-02-28', '2028-03-28'],
		['2028-02-29', '2028-02-29', '2028-03-31'],
		['2027-04-30', '2027-04-30', '2027-05-31'],
		['2027-12-31', '2027-12-31', '2028-01-31'],
		['2027-11-30', '2027-11-30', '2027-12-31'],
	])('on %s: %s … %s', (today, from, to) => {
		expect(noticeRange(today)).toEqual({ from, to });
	});

	test('the range is exactly the end dates whose notice day has come and whose end has not passed', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 3 }), (offset, window) => {
				const today = DateTime.fromISO('2026-01-01', { zone: 'utc' }).plus({ days: offset });
				const t = today.toISODate()!;
				const { from, to } = noticeRange(t, window);
				// every end date from 10 days before today to 4 months after, checked one by one
				for (let d = today.minus({ days: 10 }); d <= today.plus({ months: window + 1 }); d = d.plus({ days: 1 })) {
					const e = d.toISODate()!;
					const inRange = e >= from && e <= to;
					const due = e >= t && d.minus({ months: window }).toISODate()! <= t;
					if (inRange !== due) return false;
				}
				return true;
			}),
			{ numRuns: 300 },
		);
	});
});

describe('which contracts a scan notices', () => {
	const today = '2027-01-31';
	test.each([
		[{ status: 'active', endsOn: '2027-02-28' }, 'notice'],
		[{ status: 'active', endsOn: '2027-03-01' }, 'none'],
		[{ status: 'active', endsOn: '2027-01-31' }, 'notice'], // ends today: still due
		[{ status: 'active', endsOn: '2027-01-30' }, 'lapsed'], // ended yesterday, not renewed
		[{ status: 'cancelled', endsOn: '2027-02-10' }, 'none'],
		[{ status: 'renewed', endsOn: '2027-02-10' }, 'none'],
		[{ status: 'cancelled', endsOn: '2027-01-01' }, 'none'],
		[{ status: 'renewed', endsOn: '2027-01-01' }, 'none'],
	] as const)('%o → %s', (c, decision) => {
		expect(expiryDecision(c, today)).toBe(decision);
	});

	test('the renewal task closes on renewal or cancellation, lapses once the end has passed', () => {
		expect(renewalTaskOutcome({ status: 'renewed', endsOn: '2027-02-28' }, '2027-02-28', '2027-02-01')).toBe('closed-renewed');
		expect(renewalTaskOutcome({ status: 'cancelled', endsOn: '2027-02-28' }, '2027-02-28', '2027-02-01')).toBe('closed-cancelled');
		expect(renewalTaskOutcome({ status: 'active', endsOn: '2027-02-28' }, '2027-02-28', '2027-02-28')).toBe('open');
		expect(renewalTaskOutcome({ status: 'active', endsOn: '2027-02-28' }, '2027-02-28', '2027-03-01')).toBe('lapsed');
	});
});

describe('renewal', () => {
	test('notice numbers TZ-YYYYMMDD-NNNN', () => {
		expect(expiryNoticeNumber('2027-01-31', 3)).toBe('TZ-20270131-0003');
	});

	test('the new contract number: -R1, then the next', () => {
		expect(renewalContractNo('HT-2026-001')).toBe('HT-2026-001-R1');
		expect(renewalContractNo('HT-2026-001-R1')).toBe('HT-2026-001-R2');
		expect(renewalContractNo('HT-2026-001-R9')).toBe('HT-2026-001-R10');
	});

	test('starts the day after the old end unless given; must end after it starts', () => {
		const old = { contractNo: 'HT-1', status: 'active' as const, endsOn: '2027-02-28' };
		expect(renewalDates(old, undefined, '2028-02-29')).toEqual({ startsOn: '2027-03-01', endsOn: '2028-02-29' });
		expect(renewalDates(old, '2027-03-15', '2028-03-14')).toEqual({ startsOn: '2027-03-15', endsOn: '2028-03-14' });
		expect(() => renewalDates(old, undefined, '2027-03-01')).toThrow(/End date.*not after the start 2027-03-01/);
		expect(() => renewalDates({ ...old, status: 'renewed' }, undefined, '2028-02-29')).toThrow(RuleViolation);
		expect(() => renewalDates({ ...old, status: 'cancelled' }, undefined, '2028-02-29')).toThrow(/cancelled/);
	});

	test('the body: every problem at once, each with its field', () => {
		expect(cleanRenewalBody({ endsOn: '2028/2/29', feeYuan: '1,200.50', visitFeeYuan: 80 }, 'Asia/Shanghai')).toEqual({
			endsOn: '2028-02-29',
			feeFen: 120050,
			visitFeeFen: 8000,
		});
		expect(cleanRenewalBody({ endsOn: '2028-02-29', startsOn: '2027-03-01' }, 'Asia/Shanghai')).toEqual({
			endsOn: '2028-02-29',
			startsOn: '2027-03-01',
		});
		try {
			cleanRenewalBody({ startsOn: '2027-02-30', feeYuan: '-5', visitFeeYuan: 'abc' }, 'Asia/Shanghai');
			throw new Error('not refused');
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).problems.map((p) => p.field)).toEqual(['endsOn', 'startsOn', 'feeYuan', 'visitFeeYuan']);
		}
		expect(() => cleanRenewalBody([], 'Asia/Shanghai')).toThrow(/not a JSON object/);
	});
});

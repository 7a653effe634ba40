import fc from 'fast-check';
import { DateTime } from 'luxon';
import { monthBounds, parseMonth, roundedMean, sortKpiRows, technicianKpi } from '../../nodes/shared/rules/kpi';
import type { Level } from '../../nodes/shared/rules/survey-levels';

const ZONE = 'Asia/Shanghai';

describe('months', () => {
	test.each([
		['2026-11', '2026-11'],
		['2026-1', '2026-01'],
		['2026/3', '2026-03'],
		['2026年11月', '2026-11'],
		['２０２６－１１', '2026-11'],
	])('%p → %p', (input, month) => expect(parseMonth(input)).toBe(month));

	test.each([['2026-13'], ['2026-00'], ['11-2026'], [''], ['2026-11-01']])('%p is refused naming the month field', (input) => {
		expect(() => parseMonth(input)).toThrow(/^Month \(月份\): .*expected a month as YYYY-MM/);
	});

	test('a month in Shanghai starts at 16:00 UTC the day before', () => {
		expect(monthBounds('2026-11', ZONE)).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
		expect(monthBounds('2026-12', ZONE).to).toBe('2026-12-31T16:00:00.000Z');
	});

	test('an instant falls in the month whose bounds hold it (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2080, 0, 1) }),
				fc.constantFrom(ZONE, 'UTC', 'America/New_York'),
				(ms, zone) => {
					const at = new Date(ms).toISOString();
					const { from, to } = monthBounds(DateTime.fromISO(at).setZone(zone).toFormat('yyyy-MM'), zone);
					expect(from <= at && at < to).toBe(true);
				},
			),
		);
	});
});

/** Means computed with exact fractions (BigInt), to check the rounding. */
function exactHalfUp(numerator: number, denominator: number): number {
	const n = BigInt(numerator) * 100n;
	const d = BigInt(denominator);
	const q = n / d;
	const r = n % d;
	return Number(2n * r >= d ? q + 1n : q) / 100;
}

const level = fc.constantFrom<Level>(1, 2, 3, 4);
const answers = fc.array(fc.record({ attitude: level, skill: level, arrival: level, promises: level }), { minLength: 0, maxLength: 60 });

describe('the KPI row (P15): means per criterion, overall = mean of the four means', () => {
	test('each mean and the overall are the exact fractions rounded half up to two decimals (property)', () => {
		fc.assert(
			fc.property(answers, fc.nat(100), fc.nat(5), (list, jobs, complaints) => {
				const sums = { attitude: 0, skill: 0, arrival: 0, promises: 0 };
				for (const a of list) for (const c of Object.keys(sums) as Array<keyof typeof sums>) sums[c] += a[c];
				const row = technicianKpi({ name: '王', phone: '13700000001', jobs, rated: list.length, sums, complaints, seriousComplaints: 0 });
				expect(row.rated).toBe(list.length);
				if (list.length === 0) {
					expect([row.attitude, row.skill, row.arrival, row.promises, row.overall]).toEqual([null, null, null, null, null]);
					return;
				}
				for (const c of Object.keys(sums) as Array<keyof typeof sums>) expect(row[c]).toBe(exactHalfUp(sums[c], list.length));
				// overall = (Σ means) / 4 = (Σ all levels) / (4 · rated), exactly, then rounded once
				const total = sums.attitude + sums.skill + sums.arrival + sums.promises;
				expect(row.overall).toBe(exactHalfUp(total, 4 * list.length));
				expect(row.overall!).toBeGreaterThanOrEqual(1);
				expect(row.overall!).toBeLessThanOrEqual(4);
			}),
		);
	});

	test('a worked example: 3 answers', () => {
		// attitude 4,4,3 → 3.67; skill 3,3,3 → 3; arrival 2,3,4 → 3; promises 4,4,4 → 4; overall 41/12 = 3.4166… → 3.42
		const row = technicianKpi({
			name: '王',
			phone: '1',
			jobs: 5,
			rated: 3,
			sums: { attitude: 11, skill: 9, arrival: 9, promises: 12 },
			complaints: 1,
			seriousComplaints: 1,
		});
		expect(row).toEqual({
			name: '王',
			phone: '1',
			jobs: 5,
			rated: 3,
			attitude: 3.67,
			skill: 3,
			arrival: 3,
			promises: 4,
			overall: 3.42,
			complaints: 1,
			seriousComplaints: 1,
		});
	});

	test('half up at the second decimal: 25/8 = 3.125 → 3.13, 1/8 → 0.13', () => {
		expect(roundedMean(25, 8)).toBe(3.13);
		expect(roundedMean(1, 8)).toBe(0.13);
		expect(roundedMean(2, 3)).toBe(0.67);
	});

	test('rows sort by name as Chinese readers expect (pinyin), then phone', () => {
		const rows = sortKpiRows([
			{ name: '王师傅', phone: '2' },
			{ name: '陈师傅', phone: '1' },
			{ name: '王师傅', phone: '1' },
			{ name: '李师傅', phone: '1' },
		]);
		expect(rows.map((r) => `${r.name}${r.phone}`)).toEqual(['陈师傅1', '李师傅1', '王师傅1', '王师傅2']);
	});
});

/**
 * The technicians' monthly performance (P15, P16). Decision: per technician per month, the mean
 * score of each criterion over the month's rated jobs (levels 4/3/2/1), and the overall score =
 * the mean of the four criteria's means; a month is counted by the day the answer came in, in the
 * workflow's timezone. Means are exact fractions until the end, then rounded half up to two
 * decimals (3.125 → 3.13), so the report never disagrees with a hand calculation.
 */
import { DateTime } from 'luxon';
import { fieldError } from './errors';
import { CRITERIA, type Criterion } from './survey-levels';

const EXPECTED = 'expected a month as YYYY-MM, for example 2026-11';

/** A month as `YYYY-MM`: "2026-11", "2026-1", "2026/11", "2026年11月", full-width digits alike. */
export function parseMonth(value: unknown, field = 'month'): string {
	const text = typeof value === 'string' ? value.normalize('NFKC').trim() : typeof value === 'number' ? String(value) : '';
	const m = /^(\d{4})[-/.](\d{1,2})$/.exec(text) ?? /^(\d{4})年(\d{1,2})月$/.exec(text);
	if (!m) throw fieldError(field, `Month (月份): "${text}" is not a month; ${EXPECTED}`);
	const month = Number(m[2]);
	if (month < 1 || month > 12) throw fieldError(field, `Month (月份): "${text}" has no month ${month}; ${EXPECTED}`);
	return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** The instants a month spans in `zone`, as ISO UTC (the store's moments): from ≤ t < to. */
export function monthBounds(month: string, zone: string): { from: string; to: string } {
	const start = DateTime.fromFormat(parseMonth(month), 'yyyy-MM', { zone });
	if (!start.isValid) throw fieldError('month', `Month (月份): "${month}" cannot be read in the timezone ${zone}`);
	return { from: start.toUTC().toISO()!, to: start.plus({ months: 1 }).toUTC().toISO()! };
}

/** `numerator / denominator` rounded half up to `decimals` places, in integers (exact for whole inputs). */
export function roundedMean(numerator: number, denominator: number, decimals = 2): number {
	if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0 || numerator < 0) {
		throw new RangeError(`roundedMean needs whole numbers, a positive denominator; got ${numerator}/${denominator}`);
	}
	const scale = 10 ** decimals;
	// round half up of numerator·scale / denominator = floor((2·numerator·scale + denominator) / (2·denominator))
	return Math.floor((2 * numerator * scale + denominator) / (2 * denominator)) / scale;
}

/** What the store counts for one technician in one month. */
export interface TechnicianMonth {
	name: string;
	phone: string;
	/** jobs finished in the month (solved on site or returned to the customer) */
	jobs: number;
	/** answers that came in during the month for the technician's jobs */
	rated: number;
	/** sum of the levels of those answers, per criterion */
	sums: Record<Criterion, number>;
	complaints: number;
	seriousComplaints: number;
}

export interface TechnicianKpi {
	name: string;
	phone: string;
	jobs: number;
	rated: number;
	attitude: number | null;
	skill: number | null;
	arrival: number | null;
	promises: number | null;
	/** mean of the four criteria's means (null without a rated job) */
	overall: number | null;
	complaints: number;
	seriousComplaints: number;
}

/** One row of the report: the means (null without a rated job) and the counts. */
export function technicianKpi(t: TechnicianMonth): TechnicianKpi {
	const mean = (c: Criterion) => (t.rated > 0 ? roundedMean(t.sums[c], t.rated) : null);
	// Every answer rates all four criteria, so the mean of the four means is the sum of all
	// levels over 4 × rated: one exact fraction, rounded once.
	const total = CRITERIA.reduce((s, c) => s + t.sums[c], 0);
	return {
		name: t.name,
		phone: t.phone,
		jobs: t.jobs,
		rated: t.rated,
		attitude: mean('attitude'),
		skill: mean('skill'),
		arrival: mean('arrival'),
		promises: mean('promises'),
		overall: t.rated > 0 ? roundedMean(total, 4 * t.rated) : null,
		complaints: t.complaints,
		seriousComplaints: t.seriousComplaints,
	};
}

/** The report's rows in reading order: by name as a Chinese reader sorts it (pinyin), then phone. */
export function sortKpiRows<T extends { name: string; phone: string }>(rows: T[]): T[] {
	return [...rows].sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN') || a.phone.localeCompare(b.phone));
}

import { DateTime } from 'luxon';
import { fieldError, shown } from './errors';
import { label } from './fields';

const EXPECTED = 'expected a date as YYYY-MM-DD (or YYYY/M/D), for example 2026-11-27';

/** Days between 1899-12-30 and 1970-01-01: spreadsheet date serials count from the former. */
const SPREADSHEET_EPOCH_OFFSET = 25569;

/**
 * A calendar date, returned as `YYYY-MM-DD`. Accepts `YYYY-MM-DD`, `YYYY/M/D`, `YYYY年M月D日`,
 * full-width digits, a spreadsheet's `YYYY/M/D 0:00`, an ISO date-time
 * (the date is taken in `zone`, the workflow's timezone), a JS Date or luxon DateTime, and a
 * spreadsheet date serial (45000 = 2023-03-15). "2026-13-45" is refused.
 */
export function parseDate(value: unknown, field: string, zone: string): string {
	if (value instanceof Date || DateTime.isDateTime(value)) {
		const dt = value instanceof Date ? DateTime.fromJSDate(value) : value;
		if (!dt.isValid) throw fieldError(field, `${label(field)}: not a valid date; ${EXPECTED}`);
		return dt.setZone(zone).toISODate()!;
	}
	if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2958466) {
		return DateTime.fromMillis((value - SPREADSHEET_EPOCH_OFFSET) * 86400000, { zone: 'utc' }).toISODate()!;
	}
	if (typeof value === 'object' && value !== null) throw fieldError(field, `${label(field)}: ${shown(value)} is not a date; ${EXPECTED}`);
	// NFKC: full-width ２０２６－０１－０５ as typed with a Chinese input method becomes 2026-01-05.
	const text = (typeof value === 'string' ? value : String(value ?? '')).normalize('NFKC').trim();
	// 2026-1-5, 2026/1/5, 2026.1.5, 2026年1月5日; a spreadsheet's "2026/1/5 0:00" is that date.
	const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+0{1,2}:00(?::00)?)?$/.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
	if (m) {
		const dt = DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }, { zone });
		if (dt.isValid) return dt.toISODate()!;
		throw fieldError(field, `${label(field)}: "${text}" is not a real calendar date; ${EXPECTED}`);
	}
	if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
		const dt = DateTime.fromISO(text, { zone });
		if (dt.isValid) return dt.toISODate()!;
	}
	throw fieldError(field, `${label(field)}: "${text}" is not a date; ${EXPECTED}`);
}

/** A moment in time, as an ISO string with the offset of `zone`. Plain dates mean midnight there. */
export function parseDateTime(value: unknown, field: string, zone: string): string {
	if (value instanceof Date || DateTime.isDateTime(value)) {
		const dt = value instanceof Date ? DateTime.fromJSDate(value) : value;
		if (dt.isValid) return dt.setZone(zone).toISO()!;
	}
	if (typeof value === 'object' && value !== null && !(value instanceof Date) && !DateTime.isDateTime(value)) {
		throw fieldError(
			field,
			`${label(field)}: ${shown(value)} is not a date and time; expected ISO 8601 such as 2026-11-27T09:30:00+08:00 or 2026-11-27 09:30`,
		);
	}
	const text = typeof value === 'string' ? value.trim() : '';
	for (const dt of [
		DateTime.fromISO(text, { zone, setZone: /[zZ]|[+-]\d\d:?\d\d$/.test(text) }),
		DateTime.fromFormat(text, 'yyyy-M-d H:mm', { zone }),
		DateTime.fromFormat(text, 'yyyy/M/d H:mm', { zone }),
	]) {
		if (text && dt.isValid) return dt.setZone(zone).toISO()!;
	}
	throw fieldError(
		field,
		`${label(field)}: "${text}" is not a date and time; expected ISO 8601 such as 2026-11-27T09:30:00+08:00 or 2026-11-27 09:30`,
	);
}

/**
 * A moment that has already happened — a report, a signature — as ISO-8601 UTC. A moment later
 * than `now` (beyond a few minutes for clocks that differ) is a typing mistake such as 2062 for
 * 2026, and it would put warranty checks and due times in the future: refused.
 */
export function parsePastMoment(value: unknown, field: string, zone: string, now: string, graceMinutes = 15): string {
	const at = DateTime.fromISO(parseDateTime(value, field, zone), { setZone: true });
	const limit = DateTime.fromISO(now).plus({ minutes: graceMinutes });
	if (at > limit) {
		const nowShown = DateTime.fromISO(now).setZone(zone).toFormat('yyyy-MM-dd HH:mm');
		throw fieldError(field, `${label(field)}: ${shown(value, true)} is in the future (it is now ${nowShown}); expected when it happened`);
	}
	return at.toUTC().toISO()!;
}

/** The day of the moment `now` in `zone`, as `YYYY-MM-DD`: the day whose numbers a new survey, complaint or notice takes. */
export function dayOf(now: string, zone: string): string {
	return DateTime.fromISO(now).setZone(zone).toISODate()!;
}

/**
 * Document numbers, unique and gap-free per day (decision for part P): prefix, the day, and the
 * day's sequence number, e.g. BX-20261127-0007. The store hands out the sequence; this file only
 * spells the number. Also the response deadline of a new ticket by its category.
 */
import { DateTime } from 'luxon';
import { RuleViolation, fieldError, shown } from './errors';
import type { Category } from './service-category';

export const MAX_DAILY_SEQUENCE = 9999;

/** Hours to respond to a report, by category: contract and warranty work within a day, paid work two, internal three. */
export const DEFAULT_RESPONSE_HOURS: Record<Category, number> = { A: 48, B: 24, C: 24, D: 72 };

/** PREFIX-YYYYMMDD-NNNN, the day's sequence number 1 … 9999. */
export function documentNumber(prefix: string, what: string, date: string, seq: number): string {
	const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
	if (!m || !DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }).isValid) {
		throw new RuleViolation(`A ${what} number needs the day as YYYY-MM-DD, for example 2026-11-27; got ${shown(date)}`, 'date');
	}
	if (!Number.isInteger(seq) || seq < 1 || seq > MAX_DAILY_SEQUENCE) {
		throw new RuleViolation(
			`A ${what} number needs a sequence number from 1 to ${MAX_DAILY_SEQUENCE} for the day; got ${String(seq)}` +
				(Number.isInteger(seq) && seq > MAX_DAILY_SEQUENCE ? ` (more than ${MAX_DAILY_SEQUENCE} on ${date})` : ''),
			'seq',
		);
	}
	return `${prefix}-${m[1]}${m[2]}${m[3]}-${String(seq).padStart(4, '0')}`;
}

/** Repair ticket (报修单): BX-20261127-0007. */
export function ticketNumber(date: string, seq: number): string {
	return documentNumber('BX', 'ticket', date, seq);
}

/** Service voucher (服务凭证): PZ-20261127-0007. */
export function voucherNumber(date: string, seq: number): string {
	return documentNumber('PZ', 'voucher', date, seq);
}

/** Product receipt (客户商品领取收据): SJ-20261127-0007. */
export function receiptNumber(date: string, seq: number): string {
	return documentNumber('SJ', 'receipt', date, seq);
}

/** Repair card (修护卡): XK-20261127-0007. */
export function repairCardNumber(date: string, seq: number): string {
	return documentNumber('XK', 'repair card', date, seq);
}

/** After-sales liaison letter (售后服务联络函): LH-20261127-0007. */
export function liaisonLetterNumber(date: string, seq: number): string {
	return documentNumber('LH', 'liaison letter', date, seq);
}

/**
 * When a response is due: `reportedAt` plus the category's target hours, as an ISO instant with
 * the same offset as `reportedAt` (a fixed offset, so 24 hours is always 24 hours).
 */
export function dueAt(reportedAt: string, category: Category, targetsHours: Record<Category, number>): string {
	const start = typeof reportedAt === 'string' ? DateTime.fromISO(reportedAt, { setZone: true }) : DateTime.invalid('not a string');
	if (!start.isValid) {
		throw fieldError(
			'reportedAt',
			`Report time (报修时间): ${shown(reportedAt)} is not a date and time; expected ISO 8601 such as 2026-11-27T09:30:00+08:00`,
		);
	}
	const hours = targetsHours?.[category];
	if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
		throw new RuleViolation(
			`Response time for category ${String(category)}: ${String(hours)} hours is not allowed; expected a number of hours of 0 or more`,
			'targetsHours',
		);
	}
	return start.plus({ hours }).toISO()!;
}

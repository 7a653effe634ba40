/**
 * Corrections of the repair register that reports and the service board rely on (P9, P12 and
 * visit outcome "replaced"). Pure: no clock, no store — the caller gives the day and the zone.
 */
import { DateTime } from 'luxon';
import { RuleViolation, shown } from './errors';
import { label } from './fields';
import { addWorkingDays, chinaWorkingDay, type WorkingDayCalendar } from './working-days';

export { addWorkingDays } from './working-days';

/** P9 decision: a product taken back is due 3 working days after the take-back unless agreed otherwise. */
export const DEFAULT_PROMISE_WORKING_DAYS = 3;
/** Decision for "replaced": the new unit's warranty runs 12 months from the day it was put in. */
export const DEFAULT_REPLACEMENT_WARRANTY_MONTHS = 12;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string, field: string): DateTime {
	const dt = ISO_DATE.test(value) ? DateTime.fromISO(value, { zone: 'utc' }) : DateTime.invalid('not YYYY-MM-DD');
	if (!dt.isValid) throw new RuleViolation(`${label(field)}: ${shown(value)} is not a date; expected YYYY-MM-DD`, field);
	return dt;
}

/**
 * P9: the completion date agreed at take-back and the moment the ticket is due from then on — the
 * end of that day in the service's timezone. Without an agreed date, `workingDays` (3) working
 * days after the take-back in China's calendar (public holidays skipped, 调休 days worked). A date before the take-back day is refused (field `promisedBy`).
 */
export function takeBackPromise(
	takenOn: string,
	promisedBy: string | null | undefined,
	zone: string,
	workingDays = DEFAULT_PROMISE_WORKING_DAYS,
	calendar: WorkingDayCalendar = chinaWorkingDay,
): { promisedBy: string; dueAt: string } {
	const agreed = promisedBy ?? addWorkingDays(takenOn, workingDays, calendar);
	if (day(agreed, 'promisedBy') < day(takenOn, 'takenOn')) {
		throw new RuleViolation(
			`${label('promisedBy')}: ${agreed} is before the take-back on ${takenOn}; expected the date agreed with the customer, ${takenOn} or later`,
			'promisedBy',
		);
	}
	const end = DateTime.fromISO(agreed, { zone }).plus({ days: 1 }).startOf('day');
	return { promisedBy: agreed, dueAt: end.toUTC().toISO()! };
}

/**
 * The new unit's warranty after a replacement: from the replacement day, `months` calendar months
 * (12), ending on the same day of the month (the last day when that month is shorter), the end day
 * included — the way the installation register counts (completedOn ≤ day ≤ warrantyUntil).
 */
export function replacementWarranty(
	replacedOn: string,
	months = DEFAULT_REPLACEMENT_WARRANTY_MONTHS,
): { completedOn: string; warrantyUntil: string } {
	if (!Number.isInteger(months) || months < 1)
		throw new RuleViolation(`Warranty months: ${String(months)} is not allowed; expected a whole number of 1 or more`, 'warrantyMonths');
	const start = day(replacedOn, 'replacedOn');
	return { completedOn: start.toISODate()!, warrantyUntil: start.plus({ months }).toISODate()! };
}

/** Why a ticket's voucher (服务凭证) is still out (P12 reconciliation), or null when it is not. */
export type VoucherOut = 'not-closed' | 'closed-not-archived';

/**
 * P12 reconciliation of the register with the vouchers. The voucher goes out with the technician
 * and comes back signed by the customer; the office then closes the entry and archives it (P4,
 * P7). It is still out when
 * - the work ended with the customer's signature (solved on site or replaced, or the product
 *   returned) before `since` — the start of today — and the entry is still not closed
 *   (`not-closed`), or
 * - the entry is closed but no archiving of its voucher is recorded (`closed-not-archived`).
 */
export function voucherStillOut(
	ticket: { status: string; signedAt: string | null; voucherArchivedAt: string | null },
	since: string,
): VoucherOut | null {
	if (ticket.status === 'closed') return ticket.voucherArchivedAt ? null : 'closed-not-archived';
	if (ticket.status !== 'solved-on-site' && ticket.status !== 'returned') return null;
	if (!ticket.signedAt) return null;
	return DateTime.fromISO(ticket.signedAt).toMillis() < DateTime.fromISO(since).toMillis() ? 'not-closed' : null;
}

/** The start of `today` in `zone`, as the UTC ISO moment tickets' times are stored in. */
export function startOfDay(today: string, zone: string): string {
	return DateTime.fromISO(today, { zone }).startOf('day').toUTC().toISO()!;
}

export const VOUCHER_OUT_REASONS: Record<VoucherOut, { en: string; zh: string }> = {
	'not-closed': {
		en: 'work finished and signed on an earlier day, but the voucher has not come back and the entry is not closed',
		zh: '已完工签字但凭证未交回、工单未注销',
	},
	'closed-not-archived': { en: 'closed without the voucher archived', zh: '已注销但凭证未归档' },
};

/** Where a product taken back is now (客户商品进出登记簿), from its ticket's status. */
export type ProductWhereabouts = 'in-repair' | 'repaired' | 'ready-to-return' | 'returned';

export const PRODUCT_WHEREABOUTS_LABELS: Record<ProductWhereabouts, { en: string; zh: string }> = {
	'in-repair': { en: 'In the workshop, being repaired', zh: '修护中' },
	repaired: { en: 'Repaired, awaiting the manager’s inspection', zh: '已修护，待经理验讫' },
	'ready-to-return': { en: 'Inspected, ready to return', zh: '已验讫，待归还' },
	returned: { en: 'Returned to the customer', zh: '已归还客户' },
};

export function productWhereabouts(status: string): ProductWhereabouts {
	if (status === 'taken-back') return 'in-repair';
	if (status === 'repaired') return 'repaired';
	if (status === 'inspected') return 'ready-to-return';
	return 'returned';
}

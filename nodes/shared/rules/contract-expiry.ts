/**
 * Maintenance contract expiry (P13): "one month before a maintenance contract expires, send the
 * customer an expiry notice (保养到期通知书) and send someone to negotiate renewal (洽谈续约)".
 *
 * Decision (RULES.md): "one month before" is the same day of the previous calendar month, luxon's
 * `minus({ months: 1 })` — which clamps to the month's last day: a contract ending on 31 March is
 * noticed from 28 February (29 in a leap year). The window is a parameter (default 1 month).
 * A contract gets one notice per end date; cancelled and renewed contracts get none; an active
 * contract whose end passed without renewal has lapsed (reported once, by its renewal task).
 */
import { DateTime } from 'luxon';
import { fieldError, ProblemList, RuleViolation, shown } from './errors';
import { parseDate } from './dates';
import { label } from './fields';
import { yuanToFen } from './money';
import { documentNumber } from './numbering';
import { isBlank, refuseUnprintable } from './records';

export const DEFAULT_NOTICE_WINDOW_MONTHS = 1;
export const MAX_NOTICE_WINDOW_MONTHS = 12;

export type ContractStatus = 'active' | 'cancelled' | 'renewed';
/** The renewal negotiation task (续约洽谈) opened with a notice. */
export type RenewalTaskStatus = 'open' | 'closed-renewed' | 'closed-cancelled' | 'lapsed';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string, field: string): DateTime {
	const dt = typeof value === 'string' && ISO_DAY.test(value) ? DateTime.fromISO(value, { zone: 'utc' }) : DateTime.invalid('not a day');
	if (!dt.isValid) throw new RuleViolation(`${field}: ${shown(value)} is not a date as YYYY-MM-DD`, field);
	return dt;
}

/** The notice window in whole months, 1 … 12; anything else is refused with the clerk's message. */
export function checkNoticeWindow(months: unknown): number {
	const n = typeof months === 'string' && months.trim() !== '' ? Number(months) : months;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_NOTICE_WINDOW_MONTHS) {
		throw fieldError(
			'noticeWindowMonths',
			`Notice window (提前通知月数): ${shown(months)} is not allowed; expected a whole number of months from 1 to ${MAX_NOTICE_WINDOW_MONTHS}, for example 1`,
		);
	}
	return n;
}

/** The first day the contract ending `endsOn` is due its notice: the same day `windowMonths` earlier (clamped to the month's end). */
export function noticeFrom(endsOn: string, windowMonths = DEFAULT_NOTICE_WINDOW_MONTHS): string {
	return day(endsOn, 'endsOn').minus({ months: windowMonths }).toISODate()!;
}

/**
 * The end dates a scan on `today` must notice: from `today` through the last end date whose
 * notice day is on or before today. That is today plus the window — or, when today is the last
 * day of its month, to the end of that later month (a contract ending on 31 March is due on
 * 28 February, because 31 March minus a month clamps to 28 February).
 */
export function noticeRange(today: string, windowMonths = DEFAULT_NOTICE_WINDOW_MONTHS): { from: string; to: string } {
	const t = day(today, 'today');
	const ahead = t.plus({ months: windowMonths });
	const to = t.day === t.daysInMonth ? ahead.endOf('month') : ahead;
	return { from: t.toISODate()!, to: to.toISODate()! };
}

export interface ContractForExpiry {
	status: ContractStatus;
	endsOn: string;
}

/** What a scan on `today` does with a contract that has no notice for its end date yet. */
export type ExpiryDecision = 'notice' | 'lapsed' | 'none';

export function expiryDecision(c: ContractForExpiry, today: string, windowMonths = DEFAULT_NOTICE_WINDOW_MONTHS): ExpiryDecision {
	if (c.status !== 'active') return 'none';
	if (c.endsOn < day(today, 'today').toISODate()!) return 'lapsed';
	return noticeFrom(c.endsOn, windowMonths) <= today ? 'notice' : 'none';
}

/**
 * What happens to an open renewal task on `today`: closed when the contract was renewed or
 * cancelled, lapsed once its end date has passed with the contract still active, else open.
 */
export function renewalTaskOutcome(c: ContractForExpiry, taskEndsOn: string, today: string): RenewalTaskStatus {
	if (c.status === 'renewed') return 'closed-renewed';
	if (c.status === 'cancelled') return 'closed-cancelled';
	return taskEndsOn < today ? 'lapsed' : 'open';
}

/** Expiry notice (保养到期通知书) number prefix, e.g. TZ-20261127-0001. */
export const EXPIRY_NOTICE_PREFIX = 'TZ';

export function expiryNoticeNumber(date: string, seq: number): string {
	return documentNumber(EXPIRY_NOTICE_PREFIX, 'expiry notice', date, seq);
}

export interface RenewalRequest {
	startsOn?: unknown;
	endsOn?: unknown;
	feeYuan?: unknown;
	visitFeeYuan?: unknown;
}

export interface RenewalTerms {
	startsOn: string;
	endsOn: string;
}

/**
 * A renewal's dates: the new contract starts the day after the old one ends unless `startsOn`
 * says otherwise, and ends after it starts. Only an active contract (or one whose end has
 * passed, still active) is renewed; a cancelled or already renewed one is refused.
 */
export function renewalDates(old: ContractForExpiry & { contractNo: string }, startsOn: string | undefined, endsOn: string): RenewalTerms {
	if (old.status === 'renewed')
		throw new RuleViolation(`Contract ${old.contractNo} was already renewed; renew the new contract instead`, 'contractNo');
	if (old.status === 'cancelled')
		throw new RuleViolation(`Contract ${old.contractNo} is cancelled; a cancelled contract is not renewed — make a new contract`, 'contractNo');
	const start = startsOn ?? day(old.endsOn, 'endsOn').plus({ days: 1 }).toISODate()!;
	const problems = new ProblemList();
	if (endsOn <= start)
		problems.add(
			'endsOn',
			`End date (到期日期): ${endsOn} is not after the start ${start}; expected a later date, for example ${day(start, 'startsOn').plus({ years: 1 }).minus({ days: 1 }).toISODate()}`,
		);
	problems.throwIfAny();
	return { startsOn: start, endsOn };
}

/**
 * The new contract's number: the old number with "-R1", or the next "-Rn" when the old one is
 * already a renewal (HT-2025-001 → HT-2025-001-R1 → HT-2025-001-R2). The body of
 * `POST contracts/<n>/renew` carries no number (RECORDS.md), so it is derived.
 */
export function renewalContractNo(oldContractNo: string): string {
	const m = /^(.*)-R(\d+)$/.exec(oldContractNo);
	return m ? `${m[1]}-R${Number(m[2]) + 1}` : `${oldContractNo}-R1`;
}

export interface RenewalBody {
	startsOn?: string;
	endsOn: string;
	feeFen?: number;
	visitFeeFen?: number;
}

/**
 * The body of a renewal, `{ startsOn?, endsOn, feeYuan?, visitFeeYuan? }`: every problem at once,
 * each naming its field. Dates in `zone` (the workflow's timezone); money in yuan → fen.
 * Fees left out are taken from the old contract.
 */
export function cleanRenewalBody(body: unknown, zone: string): RenewalBody {
	const problems = new ProblemList();
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		problems.add('body', 'The renewal is not a JSON object; expected { "endsOn": "YYYY-MM-DD", "startsOn"?, "feeYuan"?, "visitFeeYuan"? }');
		problems.throwIfAny();
	}
	refuseUnprintable(body as Record<string, unknown>);
	const b = body as RenewalRequest;
	const out: Partial<RenewalBody> = {};
	if (isBlank(b.endsOn))
		problems.add('endsOn', `${label('endsOn')}: is empty; expected the new contract's end date as YYYY-MM-DD, for example 2027-12-31`);
	else out.endsOn = problems.check(() => parseDate(b.endsOn, 'endsOn', zone));
	if (!isBlank(b.startsOn)) out.startsOn = problems.check(() => parseDate(b.startsOn, 'startsOn', zone));
	if (!isBlank(b.feeYuan)) out.feeFen = problems.check(() => yuanToFen(b.feeYuan, 'feeYuan'));
	if (!isBlank(b.visitFeeYuan)) out.visitFeeFen = problems.check(() => yuanToFen(b.visitFeeYuan, 'visitFeeYuan'));
	problems.throwIfAny();
	return out as RenewalBody;
}

/**
 * Planned maintenance (保养) of contracts (RULES.md, Decisions turn 3): a contract with
 * `maintenanceEveryMonths` gets a maintenance visit every that many months from its start — a
 * category B ticket created 7 days before the due day, dispatched like any other; once per due day.
 *
 * Decisions where the rule is silent:
 * - The first visit is one period after the start (a contract starting 2026-01-15 every 3 months:
 *   2026-04-15, 2026-07-15 …); the start day itself is the signing, not a visit.
 * - Due day k is the start plus k × the period in calendar months, each counted from the start
 *   (luxon clamps to the month's end, and the next one goes back to the start's day: a contract
 *   from 31 January every month is due on 28/29 February, then 31 March, 30 April …).
 * - Only an active contract gets visits, and only due days within startsOn..endsOn (the end day
 *   itself counts). A cancelled or renewed contract gets none; the renewal has its own start.
 * - The ticket is made from 7 days before the due day through the due day itself: a run that was
 *   missed for a few days still makes the visit; a due day already past is not made any more.
 */
import { DateTime } from 'luxon';
import { RuleViolation, shown } from './errors';
import { fenToYuan } from './money';
import type { Classification, ContractFact } from './service-category';

/** The maintenance ticket is created this many days before the due day. */
export const MAINTENANCE_LEAD_DAYS = 7;
export const MAX_MAINTENANCE_EVERY_MONTHS = 120;

export interface ContractForMaintenance {
	contractNo: string;
	kind: ContractFact['kind'];
	status: ContractFact['status'];
	startsOn: string;
	endsOn: string;
	visitFeeFen: number;
	maintenanceEveryMonths: number | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string, field: string): DateTime {
	const dt = typeof value === 'string' && ISO_DAY.test(value) ? DateTime.fromISO(value, { zone: 'utc' }) : DateTime.invalid('not a day');
	if (!dt.isValid) throw new RuleViolation(`${field}: ${shown(value)} is not a date as YYYY-MM-DD`, field);
	return dt;
}

/** The maintenance due days of a contract from `from` through `to` (both YYYY-MM-DD, inclusive), in order. */
export function maintenanceDueDays(
	c: Pick<ContractForMaintenance, 'startsOn' | 'endsOn' | 'maintenanceEveryMonths'>,
	from: string,
	to: string,
): string[] {
	const every = c.maintenanceEveryMonths;
	if (every === null || every === undefined || !Number.isInteger(every) || every < 1) return [];
	const start = day(c.startsOn, 'startsOn');
	const last = to < c.endsOn ? to : c.endsOn;
	const out: string[] = [];
	for (let k = 1; ; k++) {
		const due = start.plus({ months: k * every }).toISODate()!;
		if (due > last) break;
		if (due >= from) out.push(due);
	}
	return out;
}

/** The day the maintenance ticket for `dueOn` is created: 7 days before. */
export function maintenanceCreateOn(dueOn: string): string {
	return day(dueOn, 'dueOn').minus({ days: MAINTENANCE_LEAD_DAYS }).toISODate()!;
}

/** The last due day a run on `today` makes a ticket for: 7 days ahead. */
export function maintenanceHorizon(today: string): string {
	return day(today, 'today').plus({ days: MAINTENANCE_LEAD_DAYS }).toISODate()!;
}

/**
 * The due days a run on `today` must make a maintenance visit for (before looking at what is
 * already made): an active contract's due days from today through 7 days ahead.
 */
export function maintenanceDueNow(c: ContractForMaintenance, today: string): string[] {
	if (c.status !== 'active') return [];
	return maintenanceDueDays(c, today, maintenanceHorizon(today));
}

/** How a maintenance visit is judged: category B under its contract, whatever the warranty. */
export function maintenanceClassification(c: ContractForMaintenance, dueOn: string): Classification {
	const perVisit = c.kind === 'per-visit';
	return {
		customerType: perVisit ? 'per-visit-contract' : 'annual-contract',
		category: 'B',
		contractNo: c.contractNo,
		...(perVisit ? { visitFeeFen: c.visitFeeFen } : {}),
		basis:
			`Planned maintenance (保养) due on ${dueOn} under ${perVisit ? 'per-visit' : 'annual'} contract ${c.contractNo} ` +
			`(every ${c.maintenanceEveryMonths} months from ${c.startsOn}, to ${c.endsOn})` +
			(perVisit ? `; each visit costs ${fenToYuan(c.visitFeeFen)} yuan` : ''),
	};
}

/** What the maintenance ticket says of the site (现场情况). */
export function maintenanceSiteSituation(c: Pick<ContractForMaintenance, 'contractNo'>, dueOn: string): string {
	return `定期保养 Planned maintenance (contract ${c.contractNo}), due on ${dueOn}`;
}

/** The ticket is due by the end of its due day, in the workflow's timezone (UTC ISO instant). */
export function maintenanceDueAt(dueOn: string, zone: string): string {
	const d = DateTime.fromISO(dueOn, { zone });
	if (!d.isValid) throw new RuleViolation(`dueOn: ${shown(dueOn)} is not a date in zone ${zone}`, 'dueOn');
	return d.endOf('day').toUTC().toISO()!;
}

/**
 * Working days (RULES turn 3): China's calendar — public holidays do not count, the official
 * make-up working days (调休, a Saturday or Sunday worked) do — from the maintained package
 * `chinese-days` rather than a table typed here. Pure: a date in, no clock; the calendar is a
 * function the rules take, China's by default, so a rule can be tested with any calendar.
 * Days beyond the years the package knows (it gains each year's calendar when the State Council
 * publishes it, usually in November) count Monday to Friday.
 */
import { DateTime } from 'luxon';
import { isWorkday } from 'chinese-days';
import { RuleViolation, shown } from './errors';
import { label } from './fields';

/** Is the day (YYYY-MM-DD) a working day? */
export type WorkingDayCalendar = (isoDate: string) => boolean;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** China's working days: Monday to Friday except public holidays, plus the make-up working days (调休). */
export const chinaWorkingDay: WorkingDayCalendar = (isoDate) => isWorkday(isoDate);

/** Monday to Friday, every one: the calendar without holidays. */
export const mondayToFriday: WorkingDayCalendar = (isoDate) => DateTime.fromISO(isoDate, { zone: 'utc' }).weekday <= 5;

function day(value: string, field: string): DateTime {
	const dt = ISO_DATE.test(value) ? DateTime.fromISO(value, { zone: 'utc' }) : DateTime.invalid('not YYYY-MM-DD');
	if (!dt.isValid) throw new RuleViolation(`${label(field)}: ${shown(value)} is not a date; expected YYYY-MM-DD`, field);
	return dt;
}

/**
 * `days` working days after `date` (YYYY-MM-DD): the day itself does not count, each following
 * working day of `calendar` does. Wednesday 2026-09-30 + 3 in China's calendar → Saturday
 * 2026-10-10 (1–7 October are the National Day holiday; Thursday 8, Friday 9 and the make-up
 * Saturday 10 October are worked).
 */
export function addWorkingDays(date: string, days: number, calendar: WorkingDayCalendar = chinaWorkingDay): string {
	if (!Number.isInteger(days) || days < 0)
		throw new RuleViolation(`Working days: ${String(days)} is not allowed; expected a whole number of 0 or more`, 'workingDays');
	let d = day(date, 'date');
	let left = days;
	// A calendar with no working day in ten years is broken, not a long holiday.
	for (let guard = 0; left > 0 && guard < 3660; guard++) {
		d = d.plus({ days: 1 });
		if (calendar(d.toISODate()!)) left -= 1;
	}
	if (left > 0) throw new RuleViolation(`Working days: no working day found after ${date}`, 'workingDays');
	return d.toISODate()!;
}

/**
 * The work reports (P10, P11) from the store: the daily work report of a day and the weekly
 * repair record table of an ISO week, each from the work log by the day the work was done
 * (ticket work in its ticket's category, D work as logged).
 */
import type { Store } from '../store/store';
import { reportTechnicians, workEntries } from '../store/registers/work-log';
import { dailyReport, daysOfWeek, parseIsoWeek, weeklyTable, type DailyRow, type WeeklyRow, type WorkTotals } from '../rules/work-report';

export interface DailyWorkReport {
	date: string;
	week: string;
	technicians: DailyRow[];
	totals: WorkTotals;
}

export interface WeeklyWorkTable {
	week: string;
	from: string;
	to: string;
	technicians: WeeklyRow[];
	totals: WorkTotals;
	/** With `includeDays`: the seven daily reports, Monday first. */
	days?: DailyWorkReport[];
}

export async function dailyWorkReport(store: Store, date: string, week: string): Promise<DailyWorkReport> {
	return await store.transaction(async (trx) => {
		const entries = await workEntries(trx, date, date);
		const technicians = await reportTechnicians(
			trx,
			entries.map((e) => e.technicianPhone),
		);
		return { date, week, ...dailyReport(technicians, entries) };
	});
}

export async function weeklyWorkTable(store: Store, weekText: string, includeDays = false): Promise<WeeklyWorkTable> {
	const week = parseIsoWeek(weekText);
	return await store.transaction(async (trx) => {
		const entries = await workEntries(trx, week.from, week.to);
		const technicians = await reportTechnicians(
			trx,
			entries.map((e) => e.technicianPhone),
		);
		const table = weeklyTable(technicians, entries);
		const days = includeDays
			? daysOfWeek(week).map((date) => ({
					date,
					week: week.week,
					...dailyReport(
						technicians,
						entries.filter((e) => e.workedOn === date),
					),
				}))
			: undefined;
		return { ...week, ...table, ...(days ? { days } : {}) };
	});
}

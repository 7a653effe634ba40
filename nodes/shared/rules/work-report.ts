/**
 * Work reports (P10, P11): the technician's daily work report (技术员工作日报表) and the weekly
 * after-sales repair record table (售后服务报修记录表). Work counts on the day it was done (the
 * visit's or repair's own time), not the day it was entered; internal D work (inspection, parts
 * management, tool upkeep, training) is logged without a ticket. Weeks are ISO weeks (Monday to
 * Sunday, `YYYY-Www`; the week with the year's first Thursday is W01, so 29 December can be in
 * next year's W01 and a year can have a W53). Pure: no clock, no store.
 */
import { DateTime } from 'luxon';
import { ProblemList, fieldError, shown } from './errors';
import { isBlank, isText, notTextMessage, refuseUnprintable } from './records';
import { parseDate } from './dates';
import { lookUp } from './enums';
import type { Category } from './service-category';

export const WORK_CATEGORIES: readonly Category[] = ['A', 'B', 'C', 'D'];

/** The kinds of internal D work (一般行政工作, P1). */
export type InternalWorkKind = 'inspection' | 'parts' | 'tools' | 'training';
export const INTERNAL_WORK_KINDS: readonly InternalWorkKind[] = ['inspection', 'parts', 'tools', 'training'];
export const INTERNAL_WORK_LABELS: Record<InternalWorkKind, { en: string; zh: string }> = {
	inspection: { en: 'Inspection', zh: '巡检' },
	parts: { en: 'Parts management', zh: '零件管理' },
	tools: { en: 'Tool upkeep', zh: '工具保养' },
	training: { en: 'Training', zh: '培训' },
};

/**
 * The words of the work-log form's 类别 list (RECORDS.md *Staff screens*: 工作检查 / 零件管理 /
 * 设备工具维护 / 技能培训), read as the kinds they name, besides each kind's own code and label.
 */
export const INTERNAL_WORK_FORM_WORDS: Readonly<Record<string, InternalWorkKind>> = {
	工作检查: 'inspection',
	零件管理: 'parts',
	设备工具维护: 'tools',
	技能培训: 'training',
};

/** The kinds a work-log line has: ticket work (visit, repair) or one of the D kinds. */
export const TICKET_WORK_LABELS: Record<'visit' | 'repair', { en: string; zh: string }> = {
	visit: { en: 'Visit', zh: '上门服务' },
	repair: { en: 'Repair (repair card)', zh: '带回修护' },
};

const WEEK_EXPECTED = 'expected an ISO week as YYYY-Www, for example 2026-W48';

/** An ISO week: its name `YYYY-Www` and its days, Monday `from` to Sunday `to` (YYYY-MM-DD). */
export interface IsoWeek {
	week: string;
	from: string;
	to: string;
}

function weekOf(dt: DateTime): IsoWeek {
	const monday = dt.startOf('week');
	return { week: `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, '0')}`, from: monday.toISODate()!, to: monday.plus({ days: 6 }).toISODate()! };
}

/**
 * `2026-W48` (also `2026W48`, `2026-w48`, full-width digits) → the week with its Monday and Sunday.
 * A week the year does not have (2027-W53: 2027 has 52 weeks) is refused.
 */
export function parseIsoWeek(value: unknown, field = 'week'): IsoWeek {
	if (typeof value === 'object' && value !== null) throw fieldError(field, `Week (周): ${shown(value)} is not a week; ${WEEK_EXPECTED}`);
	const text = (typeof value === 'string' ? value : String(value ?? '')).normalize('NFKC').trim();
	const m = /^(\d{4})-?[Ww](\d{1,2})$/.exec(text);
	if (!m) throw fieldError(field, `Week (周): "${text}" is not a week; ${WEEK_EXPECTED}`);
	const weekYear = Number(m[1]);
	const weekNumber = Number(m[2]);
	const weeks = DateTime.fromObject({ weekYear, weekNumber: 1, weekday: 1 }, { zone: 'utc' }).weeksInWeekYear;
	if (weekNumber < 1 || weekNumber > weeks) throw fieldError(field, `Week (周): "${text}" does not exist; ${weekYear} has weeks W01 to W${weeks}`);
	return weekOf(DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: 'utc' }));
}

/** The ISO week a calendar day (YYYY-MM-DD) falls in. */
export function isoWeekOfDate(date: string): IsoWeek {
	const dt = DateTime.fromISO(date, { zone: 'utc' });
	if (!dt.isValid) throw fieldError('date', `Date (日期): "${date}" is not a date`);
	return weekOf(dt);
}

/** The seven days of a week, Monday first. */
export function daysOfWeek(week: IsoWeek): string[] {
	const monday = DateTime.fromISO(week.from, { zone: 'utc' });
	return Array.from({ length: 7 }, (_, k) => monday.plus({ days: k }).toISODate()!);
}

/** A report date (YYYY-MM-DD or as `parseDate` reads it). */
export function parseReportDate(value: unknown, zone: string, field = 'date'): string {
	if (isBlank(value)) throw fieldError(field, 'Date (日期): is empty; expected a date as YYYY-MM-DD, for example 2026-11-27');
	return parseDate(value, field, zone);
}

/** What `POST work-log` records: internal D work of a technician on a day. */
export interface CleanInternalWork {
	technicianPhone: string;
	category: 'D';
	kind: InternalWorkKind;
	minutes: number;
	workedOn: string;
	notes: string | null;
}

/**
 * Checks a D work entry field by field: `category` must be D (or empty), `kind` one of the four,
 * `minutes` a whole number 1–1440, `workedOn` a date not after `today` (empty: today), `notes` at
 * most 2000 characters. Every problem is reported at once.
 */
export function cleanInternalWork(input: Record<string, unknown>, zone: string, today: string): CleanInternalWork {
	refuseUnprintable(input);
	const problems = new ProblemList();
	let technicianPhone = '';
	if (isBlank(input.technicianPhone))
		problems.add('technicianPhone', 'Technician phone (技术员电话): is empty; expected the phone of the technician who did the work');
	else if (!isText(input.technicianPhone))
		problems.add('technicianPhone', notTextMessage('Technician phone (技术员电话)', input.technicianPhone, "the technician's phone"));
	else technicianPhone = String(input.technicianPhone).trim();
	if (!isBlank(input.category) && (!isText(input.category) || String(input.category).trim().toUpperCase() !== 'D')) {
		problems.add(
			'category',
			`Category (类别): ${shown(input.category, true)} is not allowed here; only D (internal work: inspection, parts, tools, training) is logged without a ticket — A, B and C work is recorded with its ticket's visit or repair`,
		);
	}
	const rawKind = isText(input.kind) ? String(input.kind).trim() : '';
	const kind =
		INTERNAL_WORK_KINDS.find((k) => k === rawKind.toLowerCase() || INTERNAL_WORK_LABELS[k].zh === rawKind) ??
		lookUp(INTERNAL_WORK_FORM_WORDS, rawKind);
	if (!kind) {
		problems.add(
			'kind',
			`Kind (工作类型): ${!isBlank(input.kind) && !isText(input.kind) ? `${shown(input.kind)} is not allowed` : rawKind ? `"${rawKind}" is not allowed` : 'is empty'}; expected one of ${INTERNAL_WORK_KINDS.map((k) => `${k} (${INTERNAL_WORK_LABELS[k].zh})`).join(', ')}`,
		);
	}
	let minutes = 0;
	if (isBlank(input.minutes)) problems.add('minutes', 'Minutes (工时): is empty; expected the minutes spent, such as 45');
	else if (!isText(input.minutes)) problems.add('minutes', notTextMessage('Minutes (工时)', input.minutes, 'a whole number from 1 to 1440'));
	else {
		minutes = Number(input.minutes);
		if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
			problems.add('minutes', `Minutes (工时): ${shown(input.minutes)} is not a number of minutes; expected a whole number from 1 to 1440`);
		}
	}
	let workedOn = today;
	if (!isBlank(input.workedOn)) {
		const d = problems.check(() => parseDate(input.workedOn, 'workedOn', zone));
		if (d !== undefined) {
			if (d > today) problems.add('workedOn', `Worked on (工作日期): ${d} is in the future (today is ${today}); expected the day the work was done`);
			workedOn = d;
		}
	}
	let notes: string | null = null;
	if (!isBlank(input.notes) && !isText(input.notes)) problems.add('notes', notTextMessage('Notes (备注)', input.notes));
	else if (!isBlank(input.notes)) {
		notes = String(input.notes).trim();
		if (notes.length > 2000) problems.add('notes', `Notes (备注): ${notes.length} characters is too long; expected at most 2000`);
	}
	problems.throwIfAny();
	return { technicianPhone, category: 'D', kind: kind!, minutes, workedOn, notes };
}

/** One line of the work log as the reports read it. */
export interface WorkEntry {
	technicianPhone: string;
	workedOn: string;
	category: string;
	minutes: number;
	/** visit / repair for ticket work; inspection / parts / tools / training for D work */
	kind: string;
	ticketNumber: string | null;
	customerName?: string | null;
	notes?: string | null;
}

export interface TechnicianRef {
	name: string;
	phone: string;
}

export type CategoryFigures = { jobs: number; minutes: number };
export type ByCategory = Record<Category, CategoryFigures>;

export interface WeeklyRow extends TechnicianRef {
	byCategory: ByCategory;
	totalJobs: number;
	totalMinutes: number;
}

export interface WorkTotals {
	byCategory: ByCategory;
	totalJobs: number;
	totalMinutes: number;
}

const emptyByCategory = (): ByCategory => ({
	A: { jobs: 0, minutes: 0 },
	B: { jobs: 0, minutes: 0 },
	C: { jobs: 0, minutes: 0 },
	D: { jobs: 0, minutes: 0 },
});

function asCategory(c: string): Category {
	const up = String(c).trim().toUpperCase();
	if (up === 'A' || up === 'B' || up === 'C' || up === 'D') return up;
	throw new RangeError(`work log category "${c}" is not A, B, C or D`);
}

/**
 * The figures of a set of entries per category. A job of A/B/C is a visit of a ticket: a ticket's
 * visit and its repair work (even on several days) are one job, its minutes summed; a ticket
 * visited again after a visit "other" (RULES turn 3: the work report counts each visit) is one job
 * per visit; a ticket with only repair work in the set is one job. A D job is one logged entry of
 * internal work.
 */
export function figuresOf(entries: readonly WorkEntry[]): { byCategory: ByCategory; totalJobs: number; totalMinutes: number } {
	const byCategory = emptyByCategory();
	/** Per category and ticket: its visits in the set (a ticket with none still counts once). */
	const tickets = new Map<string, { category: Category; visits: number }>();
	for (const e of entries) {
		const c = asCategory(e.category);
		byCategory[c].minutes += e.minutes;
		if (e.ticketNumber) {
			const key = `${c}|${e.ticketNumber}`;
			const seen = tickets.get(key) ?? { category: c, visits: 0 };
			if (e.kind === 'visit') seen.visits += 1;
			tickets.set(key, seen);
		} else byCategory[c].jobs += 1;
	}
	for (const t of tickets.values()) byCategory[t.category].jobs += Math.max(1, t.visits);
	const totalJobs = WORK_CATEGORIES.reduce((s, c) => s + byCategory[c].jobs, 0);
	const totalMinutes = WORK_CATEGORIES.reduce((s, c) => s + byCategory[c].minutes, 0);
	return { byCategory, totalJobs, totalMinutes };
}

/** Technicians in the report's order: by name (Chinese collation), then phone. */
export function sortTechnicians<T extends TechnicianRef>(rows: T[]): T[] {
	return [...rows].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.phone.localeCompare(b.phone));
}

/**
 * The P11 table: per technician × category A/B/C/D, jobs and minutes, with each technician's
 * totals and the column totals. `technicians` are the ones listed even without work (the active
 * ones); a technician with entries but not in the list is added.
 */
export function weeklyTable(technicians: readonly TechnicianRef[], entries: readonly WorkEntry[]): { technicians: WeeklyRow[]; totals: WorkTotals } {
	const people = new Map<string, TechnicianRef>(technicians.map((t) => [t.phone, t]));
	const byPhone = new Map<string, WorkEntry[]>();
	for (const e of entries) {
		if (!people.has(e.technicianPhone)) people.set(e.technicianPhone, { name: e.technicianPhone, phone: e.technicianPhone });
		const list = byPhone.get(e.technicianPhone) ?? [];
		list.push(e);
		byPhone.set(e.technicianPhone, list);
	}
	const rows = sortTechnicians([...people.values()]).map((t) => ({ name: t.name, phone: t.phone, ...figuresOf(byPhone.get(t.phone) ?? []) }));
	const totals: WorkTotals = { byCategory: emptyByCategory(), totalJobs: 0, totalMinutes: 0 };
	for (const r of rows) {
		for (const c of WORK_CATEGORIES) {
			totals.byCategory[c].jobs += r.byCategory[c].jobs;
			totals.byCategory[c].minutes += r.byCategory[c].minutes;
		}
		totals.totalJobs += r.totalJobs;
		totals.totalMinutes += r.totalMinutes;
	}
	return { technicians: rows, totals };
}

/** A line of a technician's day: a ticket's work that day (visit and repair summed), or a D entry. */
export interface DailyLine {
	ticketNumber: string | null;
	customerName: string | null;
	category: Category;
	/** visit, repair, `visit+repair`, or the D kind */
	kind: string;
	minutes: number;
	notes: string | null;
}

export interface DailyRow extends TechnicianRef {
	entries: DailyLine[];
	/** The D work of the day alone (also among `entries`). */
	internalWork: DailyLine[];
	byCategory: ByCategory;
	totalJobs: number;
	totalMinutes: number;
}

/**
 * The daily work report (P10): per technician, the day's lines — each ticket once with its
 * category and minutes, each D entry — and the figures per category. Lines in the order given
 * (the store gives them in the order recorded).
 */
export function dailyReport(technicians: readonly TechnicianRef[], entries: readonly WorkEntry[]): { technicians: DailyRow[]; totals: WorkTotals } {
	const table = weeklyTable(technicians, entries);
	const rows = table.technicians.map((t) => {
		const lines: DailyLine[] = [];
		const byTicket = new Map<string, DailyLine>();
		for (const e of entries.filter((x) => x.technicianPhone === t.phone)) {
			const category = asCategory(e.category);
			if (e.ticketNumber) {
				const seen = byTicket.get(e.ticketNumber);
				if (seen) {
					seen.minutes += e.minutes;
					if (!seen.kind.split('+').includes(e.kind)) seen.kind = `${seen.kind}+${e.kind}`;
					continue;
				}
				const line: DailyLine = {
					ticketNumber: e.ticketNumber,
					customerName: e.customerName ?? null,
					category,
					kind: e.kind,
					minutes: e.minutes,
					notes: e.notes ?? null,
				};
				byTicket.set(e.ticketNumber, line);
				lines.push(line);
			} else lines.push({ ticketNumber: null, customerName: null, category, kind: e.kind, minutes: e.minutes, notes: e.notes ?? null });
		}
		return { ...t, entries: lines, internalWork: lines.filter((l) => l.ticketNumber === null) };
	});
	return { technicians: rows, totals: table.totals };
}

/** Minutes as staff read them: 95 → "1小时35分" / "1 h 35 min". */
export function formatMinutes(minutes: number, lang: 'zh-CN' | 'en'): string {
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	if (lang === 'en') return h ? (m ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
	return h ? (m ? `${h}小时${m}分` : `${h}小时`) : `${m}分`;
}

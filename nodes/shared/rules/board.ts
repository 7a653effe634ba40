/**
 * The service board (服务看板): how the day is laid out for the clerk. Pure rules — no n8n, no
 * SQL, no clock inside: `now` (an instant) and `today` (a day in the workflow's timezone) come in.
 *
 * - Open tickets: every overdue ticket first (past its due time at `now`), the most overdue on
 *   top; then the others grouped by status in the order of the ticket's life, each group by due
 *   time, the soonest first. Ties go by ticket number.
 * - Today's dispatch: per technician, the jobs dispatched today against the daily capacity.
 * - Products taken back: where each one is (in repair, awaiting the manager's inspection,
 *   awaiting return), the promised date first, the earliest on top.
 * - Unpaid invoices: the oldest first, with what is still owed and for how many days.
 */
import { DateTime } from 'luxon';
import type { TicketStatus } from './ticket-lifecycle';
import { fieldError, shown } from './errors';

/** The statuses of a ticket still on the board (not finished), in the order of the ticket's life. */
export const BOARD_STATUSES = ['open', 'dispatched', 'taken-back', 'repaired', 'inspected'] as const satisfies readonly TicketStatus[];
export type BoardStatus = (typeof BOARD_STATUSES)[number];

function instant(iso: string): number {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new Error(`Not an instant: ${iso}`);
	return ms;
}

/** A ticket is overdue when its due time is before `now` (the same comparison the escalation uses). */
export function isOverdue(dueAt: string, now: string): boolean {
	return instant(dueAt) < instant(now);
}

/** Whole minutes a ticket is past its due time at `now` (0 when not overdue). */
export function minutesOverdue(dueAt: string, now: string): number {
	return Math.max(0, Math.floor((instant(now) - instant(dueAt)) / 60000));
}

export interface BoardTicketFacts {
	ticketNumber: string;
	status: string;
	dueAt: string;
}

/** Overdue first, then by due time (the soonest first), then by ticket number. */
export function compareForBoard(now: string) {
	const at = instant(now);
	return (a: BoardTicketFacts, b: BoardTicketFacts): number => {
		const da = instant(a.dueAt);
		const db = instant(b.dueAt);
		const oa = da < at ? 0 : 1;
		const ob = db < at ? 0 : 1;
		if (oa !== ob) return oa - ob;
		if (da !== db) return da - db;
		return a.ticketNumber < b.ticketNumber ? -1 : a.ticketNumber > b.ticketNumber ? 1 : 0;
	};
}

export interface TicketBoard<T> {
	/** Every overdue ticket, whatever its status: the most overdue (earliest due) first. */
	overdue: T[];
	/** The tickets not overdue, one group per status in BOARD_STATUSES order (empty groups kept). */
	byStatus: Array<{ status: BoardStatus; tickets: T[] }>;
	/** How many tickets of each status are on the board, overdue ones included. */
	counts: Record<BoardStatus, number>;
}

/** Lays out the open tickets: overdue on top, then by status, each part by due time. Finished tickets are left out. */
export function ticketBoard<T extends BoardTicketFacts>(tickets: readonly T[], now: string): TicketBoard<T> {
	const onBoard = tickets.filter((t) => (BOARD_STATUSES as readonly string[]).includes(t.status));
	const sorted = [...onBoard].sort(compareForBoard(now));
	const counts = Object.fromEntries(BOARD_STATUSES.map((s) => [s, 0])) as Record<BoardStatus, number>;
	for (const t of onBoard) counts[t.status as BoardStatus]++;
	const overdue = sorted.filter((t) => isOverdue(t.dueAt, now));
	const rest = sorted.filter((t) => !isOverdue(t.dueAt, now));
	return { overdue, byStatus: BOARD_STATUSES.map((status) => ({ status, tickets: rest.filter((t) => t.status === status) })), counts };
}

export interface TechnicianDay {
	name: string;
	phone: string;
	dailyCapacity: number;
	/** Jobs dispatched to the technician today (not cancelled since). */
	jobs: number;
	active: boolean;
}

export interface CapacityUse extends TechnicianDay {
	/** Jobs the technician can still take today. */
	free: number;
	/** Jobs beyond the capacity (a manual dispatch may go over it). */
	over: number;
	/** Jobs as a share of the capacity, in whole per cent rounded half up; null for a capacity of 0. */
	percent: number | null;
	/** No job can be added today. */
	full: boolean;
}

export function capacityUse(t: TechnicianDay): CapacityUse {
	const capacity = Math.max(0, Math.floor(t.dailyCapacity));
	const jobs = Math.max(0, Math.floor(t.jobs));
	return {
		...t,
		dailyCapacity: capacity,
		jobs,
		free: Math.max(0, capacity - jobs),
		over: Math.max(0, jobs - capacity),
		percent: capacity > 0 ? Math.floor((jobs * 100) / capacity + 0.5) : null,
		full: jobs >= capacity,
	};
}

export interface DispatchBoard {
	technicians: CapacityUse[];
	totals: { jobs: number; capacity: number; free: number };
}

/**
 * Today's dispatch: every active technician, and an inactive one only when it has jobs today,
 * by name (a wall board keeps each one in its place); totals over the active ones' capacity.
 */
export function dispatchBoard(technicians: readonly TechnicianDay[]): DispatchBoard {
	const rows = technicians
		.filter((t) => t.active || t.jobs > 0)
		.map(capacityUse)
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.phone.localeCompare(b.phone));
	const totals = rows.reduce(
		(s, r) => ({ jobs: s.jobs + r.jobs, capacity: s.capacity + (r.active ? r.dailyCapacity : 0), free: s.free + (r.active ? r.free : 0) }),
		{ jobs: 0, capacity: 0, free: 0 },
	);
	return { technicians: rows, totals };
}

/** Where a product taken back is (the in/out register's line still open), from its ticket's status. */
export type ProductWhereabouts = 'in-repair' | 'awaiting-inspection' | 'awaiting-return';

export function whereaboutsOf(status: string): ProductWhereabouts | null {
	if (status === 'taken-back') return 'in-repair';
	if (status === 'repaired') return 'awaiting-inspection';
	if (status === 'inspected') return 'awaiting-return';
	return null;
}

export interface TakenBackFacts {
	ticketNumber: string;
	takenOn: string;
	/** The completion date agreed at take-back (P9), when the register has one. */
	promisedBy?: string | null;
}

/** Past the agreed completion date on `today` (a day, workflow timezone). */
export function isPastPromise(promisedBy: string | null | undefined, today: string): boolean {
	return !!promisedBy && promisedBy < today;
}

/** Products with a promised date first (the earliest on top), then by the day taken in, then by ticket number. */
export function orderTakenBack<T extends TakenBackFacts>(products: readonly T[]): T[] {
	return [...products].sort((a, b) => {
		const pa = a.promisedBy ?? null;
		const pb = b.promisedBy ?? null;
		if (pa !== pb) {
			if (pa === null) return 1;
			if (pb === null) return -1;
			return pa < pb ? -1 : 1;
		}
		if (a.takenOn !== b.takenOn) return a.takenOn < b.takenOn ? -1 : 1;
		return a.ticketNumber < b.ticketNumber ? -1 : a.ticketNumber > b.ticketNumber ? 1 : 0;
	});
}

const PLAIN_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Midnight UTC of plain days already read (a board reads thousands of invoices over a few hundred days). */
const dayMs = new Map<string, number>();

/** Midnight UTC of a plain day that exists (YYYY-MM-DD), else undefined. */
function plainDayMs(day: string): number | undefined {
	const known = dayMs.get(day);
	if (known !== undefined) return known;
	if (!PLAIN_DAY.test(day)) return undefined;
	const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
	const ms = Date.UTC(y, m - 1, d);
	const back = new Date(ms);
	// 2026-02-30 is no day: Date.UTC would roll it over to 2 March.
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
	if (dayMs.size >= 10_000) dayMs.clear();
	dayMs.set(day, ms);
	return ms;
}

/** Calendar days from the day an invoice was issued to `today` (0 on the day itself). */
export function daysSince(day: string, today: string): number {
	// Two plain days (the register's form): whole days between them without luxon, which the board's
	// unpaid invoices would otherwise pay thousands of times a read (issue 21, a year of data).
	const [a, b] = [plainDayMs(day), plainDayMs(today)];
	if (a !== undefined && b !== undefined) return Math.max(0, Math.round((b - a) / 86_400_000));
	// Anything else, or a day that does not exist, goes to luxon, which reads or refuses it.
	const from = DateTime.fromISO(day, { zone: 'UTC' });
	const to = DateTime.fromISO(today, { zone: 'UTC' });
	if (!from.isValid || !to.isValid) throw new Error(`Not a day: ${day} or ${today}`);
	return Math.max(0, Math.round(to.diff(from, 'days').days));
}

export interface UnpaidFacts {
	invoiceNumber: string;
	issuedOn: string;
	totalFen: number;
	paidFen: number;
}

/** An unpaid invoice as the board shows it: what is still owed and for how many days; the oldest first. */
export function unpaidInvoices<T extends UnpaidFacts>(invoices: readonly T[], today: string): Array<T & { owedFen: number; days: number }> {
	return invoices
		.map((i) => ({ ...i, owedFen: i.totalFen - i.paidFen, days: daysSince(i.issuedOn, today) }))
		.filter((i) => i.owedFen > 0)
		.sort((a, b) => (a.issuedOn !== b.issuedOn ? (a.issuedOn < b.issuedOn ? -1 : 1) : a.invoiceNumber < b.invoiceNumber ? -1 : 1));
}

/** The contracts section's order: the earliest end first, then by contract number. */
export function orderContracts<T extends { contractNo: string; endsOn: string }>(rows: readonly T[]): T[] {
	return [...rows].sort((a, b) =>
		a.endsOn !== b.endsOn ? (a.endsOn < b.endsOn ? -1 : 1) : a.contractNo < b.contractNo ? -1 : a.contractNo > b.contractNo ? 1 : 0,
	);
}

/** Rows a board section shows unless `?rows=` says otherwise; a busy day stays readable. */
export const BOARD_ROWS_DEFAULT = 20;
export const BOARD_ROWS_MAX = 500;

/**
 * The row cap of each board section: blank → `fallback`; else a whole number from 1 to
 * BOARD_ROWS_MAX (a refusal names the field `rows`).
 */
export function parseRowCap(value: unknown, fallback: number = BOARD_ROWS_DEFAULT): number {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return fallback;
	const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
	if (!Number.isInteger(n) || n < 1 || n > BOARD_ROWS_MAX) {
		throw fieldError('rows', `Rows per section (每栏行数): ${shown(value)} is not allowed; expected a whole number from 1 to ${BOARD_ROWS_MAX}`);
	}
	return n;
}

/** The first `cap` rows of a section, and how many more there are ("还有 N 条 / N more"). */
export function capRows<T>(rows: readonly T[], cap: number): { shown: T[]; more: number } {
	const n = Math.max(0, Math.floor(cap));
	return { shown: rows.slice(0, n), more: Math.max(0, rows.length - n) };
}

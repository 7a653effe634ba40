/**
 * The service board (服务看板, `GET board`): the clerk's day on one page, gathered in one read
 * transaction so every section shows the same moment — the open tickets, today's dispatch per
 * technician against capacity, the products taken back and where they are (客户商品进出登记簿),
 * the contracts with an expiry notice out and their renewal tasks, the unpaid invoices and the
 * complaints awaiting a reply. The layout rules are in `rules/board.ts`.
 */
import { DateTime } from 'luxon';
import type { Store, Trx } from '../store/store';
import { issuedInvoiceRows, openTicketRows, productsStillIn, readOnlySnapshot, technicianCapacities } from '../store/registers/board-reads';
import { jobsOn } from '../store/registers/tickets';
import { openComplaints, type OpenComplaint } from '../store/registers/complaints';
import { listPeriodicCalls } from '../store/registers/periodic-follow-ups';
import { periodicCallView, type PeriodicCallView } from './periodic-follow-up';
import { loadContractsWithNoticeOut, type BoardContractNotice, type ContractNoticeLoader } from './board-contracts';
import { messagesNotSent, type NotSentRow } from '../store/registers/outbox';
import { BOARD_NOT_SENT_DAYS, NOT_SENT_PENDING_MINUTES, notSentWindow } from '../rules/outbox';

export type { BoardContractNotice, ContractNoticeLoader } from './board-contracts';
import {
	BOARD_ROWS_MAX,
	BOARD_STATUSES,
	dispatchBoard,
	isOverdue,
	isPastPromise,
	minutesOverdue,
	orderContracts,
	orderTakenBack,
	ticketBoard,
	unpaidInvoices,
	whereaboutsOf,
	type DispatchBoard,
	type ProductWhereabouts,
	type TicketBoard,
} from '../rules/board';

/** An open ticket on the board. */
export interface BoardTicket {
	ticketNumber: string;
	status: string;
	category: string;
	customerName: string;
	phone: string;
	address: string;
	siteSituation: string;
	technicianName: string | null;
	reportedAt: string;
	dueAt: string;
	overdue: boolean;
	/** Whole minutes past the due time (0 when not overdue). */
	minutesOverdue: number;
}

/** A product taken back and not yet returned (its in/out register line still open). */
export interface BoardTakenBack {
	ticketNumber: string;
	receiptNumber: string;
	product: string;
	serialNo: string | null;
	customerName: string;
	technicianName: string | null;
	takenOn: string;
	/** The completion date agreed at take-back (P9); null where the register has none. */
	promisedBy: string | null;
	/** Past the agreed date today. */
	late: boolean;
	where: ProductWhereabouts;
}

/** An invoice issued and not (fully) paid. */
export interface BoardUnpaidInvoice {
	invoiceNumber: string;
	customerName: string;
	/** The ticket or tile order it bills. */
	source: string;
	issuedOn: string;
	totalFen: number;
	paidFen: number;
	owedFen: number;
	/** Days since it was issued. */
	days: number;
}

export interface ServiceBoard {
	generatedAt: string;
	today: string;
	timezone: string;
	tickets: TicketBoard<BoardTicket>;
	dispatch: DispatchBoard;
	takenBack: BoardTakenBack[];
	contracts: BoardContractNotice[];
	invoices: BoardUnpaidInvoice[];
	complaints: OpenComplaint[];
	/** The periodic follow-up calls (定期回访) the desk has still to make, oldest first. */
	periodicCalls?: PeriodicCallView[];
	/**
	 * The manager's messages not sent (发送失败的消息, issue 19): given up in the last 7 days and still
	 * waiting an hour after they were queued, newest first (at most the board's largest row cap), and
	 * how many in all.
	 */
	notSent?: { messages: NotSentRow[]; total: number };
	summary: {
		openTickets: number;
		overdueTickets: number;
		dispatchedToday: number;
		freeCapacityToday: number;
		productsTakenBack: number;
		contractsWithNotice: number;
		unpaidInvoices: number;
		owedFen: number;
		openComplaints: number;
		seriousComplaints: number;
		periodicCalls?: number;
		messagesNotSent?: number;
	};
}

export interface BoardOptions {
	/** The instant the board shows (ISO-8601). */
	now: string;
	/** The workflow's timezone: "today" is counted in it. */
	zone: string;
	/** Where the contracts section comes from; by default `loadContractsWithNoticeOut`. */
	loadContracts?: ContractNoticeLoader;
}

export async function serviceBoard(store: Store, o: BoardOptions): Promise<ServiceBoard> {
	const today = DateTime.fromISO(o.now).setZone(o.zone).toISODate();
	if (!today) throw new Error(`Not an instant or not a timezone: ${o.now} in ${o.zone}`);
	const loadContracts: ContractNoticeLoader = o.loadContracts ?? loadContractsWithNoticeOut;
	return await store.transaction(async (trx) => {
		// One snapshot for every section (SQLite's transaction already is one).
		await readOnlySnapshot(trx);
		const tickets = await openTickets(trx, o.now);
		const dispatch = await todaysDispatch(trx, today);
		const takenBack = await productsTakenBack(trx, today);
		const contracts = orderContracts(await loadContracts(trx, o.now));
		const invoices = await unpaid(trx, today);
		const complaints = await openComplaints(trx, o.now);
		const periodicCalls = (await listPeriodicCalls(trx, { open: true })).map(periodicCallView);
		const notSent = await messagesNotSent(trx, {
			...notSentWindow(o.now, { failedHours: BOARD_NOT_SENT_DAYS * 24, pendingMinutes: NOT_SENT_PENDING_MINUTES }),
			limit: BOARD_ROWS_MAX,
		});
		const board = ticketBoard(tickets, o.now);
		return {
			generatedAt: o.now,
			today,
			timezone: o.zone,
			tickets: board,
			dispatch,
			takenBack,
			contracts,
			invoices,
			complaints,
			periodicCalls,
			notSent: { messages: notSent.rows, total: notSent.total },
			summary: {
				openTickets: tickets.length,
				overdueTickets: board.overdue.length,
				dispatchedToday: dispatch.totals.jobs,
				freeCapacityToday: dispatch.totals.free,
				productsTakenBack: takenBack.length,
				contractsWithNotice: contracts.length,
				unpaidInvoices: invoices.length,
				owedFen: invoices.reduce((s, i) => s + i.owedFen, 0),
				openComplaints: complaints.length,
				seriousComplaints: complaints.filter((c) => c.severity === 'serious').length,
				periodicCalls: periodicCalls.length,
				messagesNotSent: notSent.total,
			},
		};
	});
}

async function openTickets(trx: Trx, now: string): Promise<BoardTicket[]> {
	const rows = await openTicketRows(trx, BOARD_STATUSES);
	return rows.map((r) => ({
		...r,
		technicianName: r.technicianName ?? null,
		overdue: isOverdue(r.dueAt, now),
		minutesOverdue: minutesOverdue(r.dueAt, now),
	}));
}

async function todaysDispatch(trx: Trx, today: string): Promise<DispatchBoard> {
	const jobs = await jobsOn(trx, today);
	const technicians = await technicianCapacities(trx);
	return dispatchBoard(
		technicians.map((k) => ({
			name: k.name,
			phone: k.phone,
			dailyCapacity: Number(k.dailyCapacity),
			jobs: jobs.get(k.id) ?? 0,
			active: Number(k.active) === 1,
		})),
	);
}

async function productsTakenBack(trx: Trx, today: string): Promise<BoardTakenBack[]> {
	const rows = await productsStillIn(trx);
	return orderTakenBack(
		rows.map((r) => {
			const promisedBy = r.promisedBy ?? null;
			return {
				ticketNumber: r.ticketNumber,
				receiptNumber: r.receiptNumber,
				product: r.product,
				serialNo: r.serialNo,
				customerName: r.customerName,
				technicianName: r.technicianName ?? null,
				takenOn: r.takenOn,
				promisedBy,
				late: isPastPromise(promisedBy, today),
				where: whereaboutsOf(r.status)!,
			};
		}),
	);
}

async function unpaid(trx: Trx, today: string): Promise<BoardUnpaidInvoice[]> {
	const rows = await issuedInvoiceRows(trx);
	return unpaidInvoices(
		rows.map((r) => ({
			invoiceNumber: r.invoiceNumber,
			customerName: r.customerName,
			source: r.ticketNumber ?? r.orderNumber ?? '',
			issuedOn: r.issuedOn,
			totalFen: Number(r.totalFen),
			paidFen: Number(r.paidFen),
		})),
		today,
	);
}

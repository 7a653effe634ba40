/**
 * Periodic follow-up (定期回访) as use cases: the monthly run that lists the installations due —
 * once a period, numbered DH-…, in one transaction under the run's lock (two runs at once list a
 * unit once; the unique key (installation, period) holds it in the store as well) — and the
 * desk's record of a call: normal (the opinion kept), fault (a repair ticket opened for the unit
 * through the same intake as POST repairs), unreachable (listed again next month).
 */
import { dayOf } from '../rules/dates';
import { RuleViolation } from '../rules/errors';
import { sameKey } from '../rules/natural-keys';
import { DEFAULT_RESPONSE_HOURS } from '../rules/numbering';
import { cleanRepairReport } from '../rules/repair-report';
import type { Category } from '../rules/service-category';
import { FINISHED_STATUSES, type TicketStatus } from '../rules/ticket-lifecycle';
import {
	cleanCallOutcome,
	periodicDue,
	periodicFollowUpNumber,
	periodOf,
	reachedCustomer,
	type CallResult,
	type Contact,
	type ContactKind,
} from '../rules/periodic-follow-up';
import type { Store } from '../store/store';
import { nextInSequence } from '../store/counters';
import { holdLock } from '../store/locks';
import {
	callContacts,
	customersWithAnnualContract,
	insertPeriodicCall,
	listPeriodicCalls,
	requirePeriodicCall,
	surveyContacts,
	ticketContacts,
	unitsInUse,
	writeCallResult,
	type PeriodicCall,
} from '../store/registers/periodic-follow-ups';
import { registerTicket } from './repair-intake';

/** A call as nodes and webhooks give it out. */
export interface PeriodicCallView {
	followUpNumber: string;
	period: string;
	listedOn: string;
	customerCode: string;
	customerName: string;
	contactPerson: string | null;
	phone: string | null;
	address: string | null;
	serialNo: string;
	description: string;
	lastContactOn: string;
	lastContactKind: ContactKind;
	dueOn: string;
	intervalMonths: number;
	/** open until the desk records the call. */
	status: 'open' | CallResult;
	result: CallResult | null;
	opinion: string | null;
	siteSituation: string | null;
	ticketNumber: string | null;
	calledAt: string | null;
	calledBy: string | null;
}

export function periodicCallView(c: PeriodicCall): PeriodicCallView {
	return {
		followUpNumber: c.followUpNumber,
		period: c.period,
		listedOn: c.listedOn,
		customerCode: c.customerCode,
		customerName: c.customerName,
		contactPerson: c.contactPerson,
		phone: c.phone,
		address: c.address,
		serialNo: c.serialNo,
		description: c.description,
		lastContactOn: c.lastContactOn,
		lastContactKind: c.lastContactKind as ContactKind,
		dueOn: c.dueOn,
		intervalMonths: Number(c.intervalMonths),
		status: c.result ?? 'open',
		result: c.result,
		opinion: c.opinion,
		siteSituation: c.siteSituation,
		ticketNumber: c.ticketNumber ?? null,
		calledAt: c.calledAt,
		calledBy: c.calledBy,
	};
}

export interface PeriodicRunOptions {
	/** The run's day (YYYY-MM-DD, workflow timezone): its month is the period. */
	date: string;
	now: string;
	zone: string;
	actor: string;
}

export interface PeriodicRun {
	date: string;
	period: string;
	/** The calls this run listed (a second run in the same period lists none of them again). */
	due: PeriodicCallView[];
}

/** A ticket or survey about the unit: one naming its serial no, or one of the customer naming none. */
const aboutUnit = (u: { customerId: number; serialNo: string }, x: { customerId: number; serialNo: string | null }) =>
	Number(x.customerId) === u.customerId && (x.serialNo === null || x.serialNo.trim() === '' || sameKey(x.serialNo, u.serialNo));

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
	const m = new Map<number, T[]>();
	for (const r of rows) {
		const list = m.get(key(r));
		if (list) list.push(r);
		else m.set(key(r), [r]);
	}
	return m;
}

/** The monthly run (定期回访): lists every installation due on `date` and not yet listed this period. */
export async function runPeriodicFollowUp(store: Store, o: PeriodicRunOptions): Promise<PeriodicRun> {
	const period = periodOf(o.date);
	const finished = new Set<string>(FINISHED_STATUSES);
	return await store.transaction(async (trx) => {
		await holdLock(trx, 'periodicFollowUp');
		const [units, tickets, surveys, calls, annual] = await Promise.all([
			unitsInUse(trx),
			ticketContacts(trx),
			surveyContacts(trx),
			callContacts(trx),
			customersWithAnnualContract(trx, o.date),
		]);
		const ticketsOf = groupBy(tickets, (t) => Number(t.customerId));
		const surveysOf = groupBy(surveys, (s) => Number(s.customerId));
		const callsOf = groupBy(calls, (c) => Number(c.installationId));
		const numbers: string[] = [];
		for (const u of units) {
			const unitCalls = callsOf.get(u.installationId) ?? [];
			if (unitCalls.some((c) => c.period === period)) continue;
			const mine = (ticketsOf.get(u.customerId) ?? []).filter((t) => aboutUnit(u, t));
			const contacts: Contact[] = [
				...mine.map((t): Contact => ({ kind: 'ticket', on: t.reportDate })),
				...(surveysOf.get(u.customerId) ?? [])
					.filter((s) => aboutUnit(u, s))
					.map((s): Contact => ({ kind: 'survey', on: dayOf(s.answeredAt!, o.zone) })),
				...unitCalls
					.filter((c) => c.result !== null && reachedCustomer(c.result as CallResult) && c.calledAt)
					.map((c): Contact => ({ kind: 'call', on: dayOf(c.calledAt!, o.zone) })),
			].filter((c) => c.on <= o.date);
			const judged = periodicDue(
				{
					completedOn: u.completedOn,
					contacts,
					openTicket: mine.some((t) => !finished.has(t.status as TicketStatus)),
					pendingCall: unitCalls.some((c) => c.result === null),
					annualContract: annual.has(u.customerId),
				},
				o.date,
			);
			if (!judged.due) continue;
			const followUpNumber = periodicFollowUpNumber(o.date, await nextInSequence(trx, 'periodic-follow-up', o.date));
			const inserted = await insertPeriodicCall(
				trx,
				{
					followUpNumber,
					installationId: u.installationId,
					period,
					listedOn: o.date,
					lastContactOn: judged.lastContact.on,
					lastContactKind: judged.lastContact.kind,
					dueOn: judged.dueOn,
					intervalMonths: judged.intervalMonths,
					createdBy: o.actor,
				},
				o.now,
			);
			if (inserted) numbers.push(followUpNumber);
		}
		return { date: o.date, period, due: (await listPeriodicCalls(trx, { numbers })).map(periodicCallView) };
	});
}

/** The calls the desk still has to make (listed, no result yet), oldest first. */
export async function openPeriodicCalls(store: Store): Promise<PeriodicCallView[]> {
	return await store.transaction(async (trx) => (await listPeriodicCalls(trx, { open: true })).map(periodicCallView));
}

export async function getPeriodicCall(store: Store, number: string): Promise<PeriodicCallView> {
	return await store.transaction(async (trx) => periodicCallView(await requirePeriodicCall(trx, number)));
}

export interface RecordCallOptions {
	now: string;
	zone: string;
	actor: string;
	/** The response targets of the new ticket (a fault), as the intake's. */
	responseHours?: Record<Category, number>;
	/** Where the document webhooks answer, for the new ticket's signed voucher link in the staff message. */
	documentLinkBase?: string | null;
}

export interface RecordedCall {
	call: PeriodicCallView;
	/** A fault: the repair ticket opened for the unit. */
	ticketNumber: string | null;
}

const recordedAlready = (c: PeriodicCall) =>
	new RuleViolation(
		`回访结果 Result: call ${c.followUpNumber} was already recorded (${c.result}${c.ticketNumber ? `, ticket ${c.ticketNumber}` : ''}) at ${c.calledAt}; a call is recorded once`,
		'result',
	);

/**
 * The desk's record of a call, once. A fault opens a repair ticket for the unit through the
 * intake (the customer's file, the unit's serial no: warranty and contract judged as for any
 * report); its idempotency key is the call's number, so the same fault sent twice — also at the
 * same moment — is one ticket.
 */
export async function recordPeriodicCall(store: Store, number: string, input: Record<string, unknown>, o: RecordCallOptions): Promise<RecordedCall> {
	const call = await store.transaction(async (trx) => await requirePeriodicCall(trx, number));
	const outcome = cleanCallOutcome(input);
	// A fault already recorded and sent again (also at the same moment, read after the first was kept) goes on:
	// the intake finds its ticket by the key, and the answer below is that ticket.
	if (call.result && !(call.result === 'fault' && outcome.result === 'fault')) throw recordedAlready(call);
	let ticket: { id: number; ticketNumber: string } | null = null;
	if (outcome.result === 'fault') {
		const report = cleanRepairReport(
			{
				customerCode: call.customerCode,
				contactPerson: call.contactPerson,
				phone: call.phone,
				address: call.address,
				siteSituation: outcome.siteSituation,
				serialNo: call.serialNo,
				idempotencyKey: `periodic-follow-up:${call.followUpNumber}`,
			},
			o.zone,
			o.now,
		);
		const { ticket: t } = await registerTicket(store, report, {
			responseHours: o.responseHours ?? DEFAULT_RESPONSE_HOURS,
			today: dayOf(o.now, o.zone),
			actor: o.actor,
			now: o.now,
			notice: { zone: o.zone, documentLinkBase: o.documentLinkBase },
		});
		ticket = { id: t.id, ticketNumber: t.ticketNumber };
	}
	return await store.transaction(async (trx) => {
		const written = await writeCallResult(trx, call.id, { ...outcome, ticketId: ticket?.id ?? null }, o.actor, o.now);
		const now = await requirePeriodicCall(trx, call.followUpNumber);
		// The same fault sent twice at once: both opened the one ticket (its key); the second is answered with it.
		if (!written && !(now.result === 'fault' && ticket && Number(now.ticketId) === ticket.id)) throw recordedAlready(now);
		return { call: periodicCallView(now), ticketNumber: ticket?.ticketNumber ?? null };
	});
}

/**
 * Periodic follow-up (定期回访, the flowchart's "normal use" loop; RULES turn 3): each installation
 * in normal use — no open ticket — is called every 6 months, every 3 when its customer has an
 * active annual contract, counted from the last contact (installation completion, a ticket, a
 * survey answer or a call that reached the customer). The monthly run lists the ones due, once a
 * period (the run's month); the call's result is normal (the opinion recorded), fault (a repair
 * ticket opened for the unit) or unreachable (not a contact: listed again next month).
 * Pure: no n8n, no SQL, no clock.
 */
import { DateTime } from 'luxon';
import { ProblemList, fieldError, shown } from './errors';
import { documentNumber } from './numbering';

/** Months between calls: 6 for every installation, 3 when the customer has an active annual contract. */
export const PERIODIC_MONTHS = { standard: 6, annualContract: 3 } as const;

export type ContactKind = 'installation' | 'ticket' | 'survey' | 'call';

/** A contact with the customer about the unit, on a day (YYYY-MM-DD, workflow timezone). */
export interface Contact {
	kind: ContactKind;
	on: string;
}

export interface UnitFacts {
	completedOn: string;
	/** Tickets, survey answers and calls that reached the customer (not the installation itself). */
	contacts: readonly Contact[];
	/** A ticket for the unit that is not finished: the unit is not "in normal use". */
	openTicket: boolean;
	/** A call listed before and not yet recorded: it is still on the desk's list. */
	pendingCall: boolean;
	/** The customer has an annual contract active on the run's day. */
	annualContract: boolean;
}

export interface DueJudgement {
	due: boolean;
	lastContact: Contact;
	/** The day the next call falls due: the last contact plus the interval. */
	dueOn: string;
	intervalMonths: number;
	/** Why the unit is not listed, when it is not. */
	reason: 'due' | 'not-yet' | 'open-ticket' | 'pending-call';
}

/** Months between calls for a customer with or without an active annual contract. */
export function followUpIntervalMonths(annualContract: boolean): number {
	return annualContract ? PERIODIC_MONTHS.annualContract : PERIODIC_MONTHS.standard;
}

/** The latest contact (the installation's completion counts as the first); on a tie the first given kind wins. */
export function lastContact(completedOn: string, contacts: readonly Contact[]): Contact {
	let last: Contact = { kind: 'installation', on: completedOn };
	for (const c of contacts) if (c.on > last.on) last = c;
	return last;
}

/** The day the call is due: `months` after the last contact (month ends clamp: 31 Aug + 6 → 28/29 Feb). */
export function nextCallDue(lastContactOn: string, months: number): string {
	return DateTime.fromISO(lastContactOn).plus({ months }).toISODate()!;
}

/** Whether the unit is listed by the run on `runDate`, and why not. */
export function periodicDue(unit: UnitFacts, runDate: string): DueJudgement {
	const last = lastContact(unit.completedOn, unit.contacts);
	const intervalMonths = followUpIntervalMonths(unit.annualContract);
	const dueOn = nextCallDue(last.on, intervalMonths);
	const base = { lastContact: last, dueOn, intervalMonths };
	if (unit.openTicket) return { ...base, due: false, reason: 'open-ticket' };
	if (unit.pendingCall) return { ...base, due: false, reason: 'pending-call' };
	if (dueOn > runDate) return { ...base, due: false, reason: 'not-yet' };
	return { ...base, due: true, reason: 'due' };
}

/** The period a run lists for: its month (YYYY-MM). A unit is listed at most once a period. */
export function periodOf(runDate: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(runDate))
		throw fieldError('date', `日期 Date: ${shown(runDate)} is not a day; expected YYYY-MM-DD, for example 2026-12-01`);
	return runDate.slice(0, 7);
}

/** Periodic follow-up call (定期回访): DH-20261201-0001. */
export function periodicFollowUpNumber(date: string, seq: number): string {
	return documentNumber('DH', 'periodic follow-up', date, seq);
}

export type CallResult = 'normal' | 'fault' | 'unreachable';
export const CALL_RESULTS: readonly CallResult[] = ['normal', 'fault', 'unreachable'];

/** The results as the desk form and the pages print them. */
export const CALL_RESULT_LABELS: Record<CallResult, { zh: string; en: string }> = {
	normal: { zh: '正常', en: 'normal' },
	fault: { zh: '故障', en: 'fault' },
	unreachable: { zh: '联系不上', en: 'unreachable' },
};

/** A result that counts as a contact (the customer was reached); unreachable does not. */
export function reachedCustomer(result: CallResult): boolean {
	return result !== 'unreachable';
}

export interface CallOutcome {
	result: CallResult;
	opinion: string | null;
	/** Fault only: what the customer says is wrong, for the repair ticket. */
	siteSituation: string | null;
}

const OPINION_MAX = 2000;
const SITE_MAX = 4000;

function resultOf(value: unknown): CallResult | undefined {
	if (typeof value !== 'string') return undefined;
	const v = value.normalize('NFKC').trim().toLowerCase();
	for (const r of CALL_RESULTS) if (v === r || v === CALL_RESULT_LABELS[r].zh) return r;
	return undefined;
}

function optionalText(problems: ProblemList, input: Record<string, unknown>, field: string, label: string, max: number): string | null {
	const v = input[field];
	if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
	if (typeof v !== 'string' && typeof v !== 'number') {
		problems.add(field, `${label}: ${shown(v)} is not text; expected a sentence`);
		return null;
	}
	const s = String(v).trim();
	if (s.length > max) problems.add(field, `${label}: ${s.length} characters is too long; expected at most ${max}`);
	return s;
}

/**
 * The call's result from the desk: `result` normal / fault / unreachable (or the form's 正常 / 故障 /
 * 联系不上), `opinion` optional, `siteSituation` required for a fault (the ticket needs it). Every
 * problem at once, each naming its field, Chinese first.
 */
export function cleanCallOutcome(input: Record<string, unknown>): CallOutcome {
	const problems = new ProblemList();
	const result = resultOf(input.result);
	if (!result) {
		problems.add(
			'result',
			input.result === undefined || input.result === null || input.result === ''
				? '回访结果 Result: is empty; expected normal (正常), fault (故障) or unreachable (联系不上)'
				: `回访结果 Result: ${shown(input.result)} is not a result; expected normal (正常), fault (故障) or unreachable (联系不上)`,
		);
	}
	const opinion = optionalText(problems, input, 'opinion', '客户意见 Opinion', OPINION_MAX);
	const siteSituation = optionalText(problems, input, 'siteSituation', '现场情况 Site situation', SITE_MAX);
	if (result === 'fault' && siteSituation === null && !problems.problems.some((p) => p.field === 'siteSituation'))
		problems.add('siteSituation', '现场情况 Site situation: is empty; a fault opens a repair ticket, so say what is wrong, for example 不制冷');
	problems.throwIfAny();
	return { result: result!, opinion, siteSituation: result === 'fault' ? siteSituation : null };
}

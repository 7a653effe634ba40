/**
 * A repair ticket's life (P4–P9): dispatched, then either solved on site and closed, or the
 * product taken back, repaired, inspected by the manager, returned and closed. Open or
 * dispatched tickets can be cancelled. Overdue tickets are escalated once per overdue period (P9).
 */
import { DateTime } from 'luxon';
import { RuleViolation, fieldError, shown } from './errors';

export type TicketStatus = 'open' | 'dispatched' | 'solved-on-site' | 'taken-back' | 'repaired' | 'inspected' | 'returned' | 'closed' | 'cancelled';

export type TicketAction =
	| 'dispatch'
	| 'recordVisitSolved'
	| 'recordVisitTakenBack'
	| 'recordVisitReplaced'
	| 'recordVisitOther'
	| 'recordRepairWork'
	| 'inspect'
	| 'returnProduct'
	| 'close'
	| 'cancel';

export const TICKET_STATUSES: readonly TicketStatus[] = [
	'open',
	'dispatched',
	'solved-on-site',
	'taken-back',
	'repaired',
	'inspected',
	'returned',
	'closed',
	'cancelled',
];

export const TICKET_ACTIONS: readonly TicketAction[] = [
	'dispatch',
	'recordVisitSolved',
	'recordVisitTakenBack',
	'recordVisitReplaced',
	'recordVisitOther',
	'recordRepairWork',
	'inspect',
	'returnProduct',
	'close',
	'cancel',
];

export const TICKET_STATUS_LABELS: Record<TicketStatus, { en: string; zh: string }> = {
	open: { en: 'Open', zh: '待派工' },
	dispatched: { en: 'Dispatched', zh: '已派工' },
	'solved-on-site': { en: 'Solved on site', zh: '当场修妥' },
	'taken-back': { en: 'Taken back for repair', zh: '带回修护' },
	repaired: { en: 'Repaired', zh: '已修护' },
	inspected: { en: 'Inspected', zh: '经理已验讫' },
	returned: { en: 'Returned to the customer', zh: '已归还' },
	closed: { en: 'Closed', zh: '已注销' },
	cancelled: { en: 'Cancelled', zh: '已取消' },
};

/** The legal transitions: action → (status before → status after). */
const TRANSITIONS: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
	dispatch: { open: 'dispatched' },
	recordVisitSolved: { dispatched: 'solved-on-site' },
	recordVisitTakenBack: { dispatched: 'taken-back' },
	// Visit outcome "replaced" (更换设备): the replacement solves the problem on site.
	recordVisitReplaced: { dispatched: 'solved-on-site' },
	// Visit outcome "other" (未完成服务·其它, RULES turn 3): not finished, back to open to be dispatched again.
	recordVisitOther: { dispatched: 'open' },
	recordRepairWork: { 'taken-back': 'repaired', repaired: 'repaired' },
	inspect: { repaired: 'inspected' },
	returnProduct: { inspected: 'returned' },
	close: { 'solved-on-site': 'closed', returned: 'closed' },
	cancel: { open: 'cancelled', dispatched: 'cancelled' },
};

/** "Ticket BX-… cannot be <phrase>: …" */
const PHRASE: Record<TicketAction, string> = {
	dispatch: 'be dispatched',
	recordVisitSolved: 'be recorded as solved on site',
	recordVisitTakenBack: 'be recorded as taken back for repair',
	recordVisitReplaced: 'be recorded as solved by replacing the equipment',
	recordVisitOther: 'have a visit recorded as not finished (other)',
	recordRepairWork: 'have repair work recorded',
	inspect: 'be inspected',
	returnProduct: 'be returned',
	close: 'be closed',
	cancel: 'be cancelled',
};

const NEVER_TAKEN_BACK = 'its product was never taken back';

/** Why `action` is not possible in `status`, in a clerk's words (the part after the colon). */
function whyNot(status: TicketStatus, action: TicketAction): string {
	if (status === 'closed') return 'it is already closed';
	if (status === 'cancelled') return 'it was cancelled';
	switch (action) {
		case 'dispatch':
			return status === 'dispatched'
				? 'it is already dispatched'
				: `it was already dispatched and is now ${TICKET_STATUS_LABELS[status].en.toLowerCase()}`;
		case 'recordVisitSolved':
		case 'recordVisitTakenBack':
		case 'recordVisitReplaced':
		case 'recordVisitOther':
			if (status === 'open') return 'it was never dispatched';
			return status === 'solved-on-site'
				? 'its visit was already recorded as solved on site'
				: 'its visit was already recorded and the product taken back';
		case 'recordRepairWork':
			if (status === 'open' || status === 'dispatched' || status === 'solved-on-site') return NEVER_TAKEN_BACK;
			return status === 'inspected' ? 'its repair was already inspected by the manager' : 'its product was already returned to the customer';
		case 'inspect':
			if (status === 'open' || status === 'dispatched' || status === 'solved-on-site') return NEVER_TAKEN_BACK;
			if (status === 'taken-back') return 'no repair work has been recorded on its repair card yet';
			return status === 'inspected' ? 'it was already inspected' : 'its product was already returned to the customer';
		case 'returnProduct':
			if (status === 'open' || status === 'dispatched' || status === 'solved-on-site') return NEVER_TAKEN_BACK;
			if (status === 'returned') return 'its product was already returned';
			return status === 'taken-back' ? 'its product has not been repaired and inspected yet' : 'its repair has not been inspected by the manager yet';
		case 'close':
			if (status === 'open') return 'it was never dispatched';
			if (status === 'dispatched') return 'no visit has been recorded yet';
			return 'its product has not been returned to the customer yet';
		case 'cancel':
			return status === 'solved-on-site' || status === 'returned'
				? 'its work is done; close it instead'
				: `work has already been recorded on it (${TICKET_STATUS_LABELS[status].en.toLowerCase()})`;
	}
	return 'that is not possible';
}

/**
 * The status after `action`, or a RuleViolation (field `status`) saying in a clerk's words why the
 * action is not possible now, e.g. "Ticket BX-20261127-0007 cannot be returned: its product was never taken back".
 */
export function nextStatus(ticket: { ticketNumber: string; status: TicketStatus }, action: TicketAction): TicketStatus {
	const transitions = TRANSITIONS[action];
	if (!transitions) {
		throw new RuleViolation(
			`Ticket ${ticket.ticketNumber}: ${shown(action)} is not an action on tickets; expected one of ${TICKET_ACTIONS.join(', ')}`,
			'action',
		);
	}
	if (!TICKET_STATUS_LABELS[ticket.status]) {
		throw new RuleViolation(`Ticket ${ticket.ticketNumber} has the unknown status ${shown(ticket.status)}`, 'status');
	}
	const next = transitions[ticket.status];
	if (next) return next;
	throw new RuleViolation(`Ticket ${ticket.ticketNumber} cannot ${PHRASE[action]}: ${whyNot(ticket.status, action)}`, 'status');
}

/**
 * Cancel is refused once a visit is recorded (RECORDS: `POST repairs/<n>/cancel` 400 once a visit
 * is recorded), also when a visit "other" sent the ticket back to open: that visit's work and parts
 * are kept and counted, so the ticket goes on to its next visit.
 */
export function refuseCancelAfterVisit(ticketNumber: string, visitsRecorded: number): void {
	if (visitsRecorded > 0) {
		throw new RuleViolation(
			`Ticket ${ticketNumber} cannot be cancelled: a visit was already recorded on it (其它, not finished); dispatch it again for the next visit`,
			'status',
		);
	}
}

/** Statuses where nothing is awaited from the service department any more, so no deadline runs (P9). */
export const FINISHED_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled', 'solved-on-site', 'returned'];
const DONE: ReadonlySet<TicketStatus> = new Set(FINISHED_STATUSES);

function toMillis(iso: string, field: string): number {
	const dt = typeof iso === 'string' ? DateTime.fromISO(iso, { setZone: true }) : DateTime.invalid('not a string');
	if (!dt.isValid) throw fieldError(field, `${field}: ${shown(iso)} is not a date and time; expected ISO 8601 such as 2026-11-27T09:30:00+08:00`);
	return dt.toMillis();
}

/** Past its due time and still awaiting work (not closed, cancelled, solved on site or returned). */
export function isOverdue(ticket: { status: TicketStatus; dueAt: string }, now: string): boolean {
	if (DONE.has(ticket.status)) return false;
	return toMillis(now, 'now') > toMillis(ticket.dueAt, 'dueAt');
}

/**
 * Which overdue period `now` falls in: 0 when not past `dueAt`; 1 from the first moment past it
 * (P9: escalate at once), 2 once a whole period has passed since, and so on. A ticket is escalated
 * when this exceeds the period it was last escalated for, so once per period.
 */
export function overduePeriod(dueAt: string, now: string, periodHours: number): number {
	if (typeof periodHours !== 'number' || !Number.isFinite(periodHours) || periodHours <= 0) {
		throw new RuleViolation(
			`Escalation period: ${String(periodHours)} hours is not allowed; expected a number of hours greater than 0, for example 24`,
			'periodHours',
		);
	}
	const late = toMillis(now, 'now') - toMillis(dueAt, 'dueAt');
	if (late <= 0) return 0;
	return 1 + Math.floor(late / (periodHours * 3_600_000));
}

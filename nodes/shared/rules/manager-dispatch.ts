/**
 * The manager's dispatch (经理派工, P3, RULES turn 3): automatic dispatch proposes, the manager
 * decides — assign an undispatched ticket, reassign it before the visit, or cancel it with a
 * reason. Capacity holds unless the manager forces it, and then a reason is required.
 * Every message names its field, English label first with the Chinese in brackets
 * ("Reason (原因): …"), so a form can show the Chinese first.
 */
import { RuleViolation, fieldError, shown } from './errors';
import { refusal, type DispatchTechnician, type DispatchTicket } from './dispatch';
import type { TicketStatus } from './ticket-lifecycle';

/** What the manager asks for; `assignOrReassign` is the webhook's: assign when undispatched, else reassign. */
export type ManagerDecision = 'assign' | 'reassign' | 'assignOrReassign' | 'cancel';
export type ResolvedDecision = 'assign' | 'reassign' | 'cancel';

export const MANAGER_DECISIONS: readonly ManagerDecision[] = ['assign', 'reassign', 'assignOrReassign', 'cancel'];

/** The form's words for the decisions (操作). */
export const DECISION_LABELS: Record<ResolvedDecision, { en: string; zh: string }> = {
	assign: { en: 'Assign', zh: '派工' },
	reassign: { en: 'Reassign', zh: '改派' },
	cancel: { en: 'Cancel', zh: '取消' },
};

const TICKET = 'Ticket number (工单号)';
const REASON = 'Reason (原因)';
const TECHNICIAN = 'Technician (技术员)';

/** Reads the decision as given (a value or the form's Chinese word); anything else is a field error. */
export function readDecision(value: unknown): ManagerDecision {
	const text = typeof value === 'string' ? value.trim() : value;
	if (MANAGER_DECISIONS.includes(text as ManagerDecision)) return text as ManagerDecision;
	const byWord = (Object.keys(DECISION_LABELS) as ResolvedDecision[]).find((k) => DECISION_LABELS[k].zh === text);
	if (byWord) return byWord;
	throw fieldError('action', `Action (操作): ${shown(value)} is not a decision; expected 派工 (assign), 改派 (reassign) or 取消 (cancel)`);
}

/**
 * The decision for the ticket as it stands, or a refusal (field `ticketNumber`) saying why not:
 * assign only an open (undispatched) ticket, reassign or cancel only before the visit.
 */
export function resolveDecision(decision: ManagerDecision, ticket: { ticketNumber: string; status: TicketStatus }): ResolvedDecision {
	const { ticketNumber, status } = ticket;
	const resolved: ResolvedDecision = decision === 'assignOrReassign' ? (status === 'dispatched' ? 'reassign' : 'assign') : decision;
	if (resolved === 'assign' && status === 'open') return resolved;
	if (resolved !== 'assign' && (status === 'open' || status === 'dispatched')) {
		if (resolved === 'reassign' && status === 'open') {
			throw new RuleViolation(
				`${TICKET}: ${ticketNumber} is not dispatched yet, so it cannot be reassigned; assign it (派工) instead`,
				'ticketNumber',
			);
		}
		return resolved;
	}
	const why =
		status === 'dispatched'
			? 'it is already dispatched; reassign it (改派) instead'
			: status === 'cancelled'
				? 'it was cancelled'
				: status === 'closed'
					? 'it is already closed'
					: 'its visit is already recorded';
	const what = resolved === 'assign' ? 'be assigned' : resolved === 'reassign' ? 'be reassigned' : 'be cancelled';
	throw new RuleViolation(`${TICKET}: ${ticketNumber} cannot ${what}: ${why} (status ${status})`, 'ticketNumber');
}

/** The reason, trimmed: required to cancel and to force a technician over capacity. */
export function checkReason(decision: ResolvedDecision, force: boolean, reason: unknown): string | null {
	if (reason !== undefined && reason !== null && typeof reason !== 'string') {
		throw fieldError('reason', `${REASON}: ${shown(reason)} is not text; write why in words`);
	}
	const text = (reason ?? '').trim();
	if (text.length > 500) throw fieldError('reason', `${REASON}: ${text.length} characters is too long; at most 500`);
	if (text) return text;
	if (decision === 'cancel') throw fieldError('reason', `${REASON}: required to cancel a ticket; say why it is cancelled`);
	if (force) throw fieldError('reason', `${REASON}: required when the technician is forced over today's capacity (超出当日容量); say why`);
	return null;
}

/**
 * Whether the technician may take the ticket on the manager's word, or why not (field
 * `technicianPhone`): the hard rules of automatic dispatch, capacity waived only when forced; not
 * the technician who already has it.
 */
export function technicianRefusal(
	ticket: DispatchTicket,
	tech: DispatchTechnician,
	options: { force: boolean; currentTechnicianId: number | null },
): RuleViolation | null {
	if (options.currentTechnicianId === tech.id) {
		return new RuleViolation(`${TECHNICIAN}: ${ticket.ticketNumber} is already with ${tech.name}; choose another technician`, 'technicianPhone');
	}
	const refused = refusal(ticket, tech, { ignoreCapacity: options.force });
	if (!refused) return null;
	const full = tech.active && tech.jobsToday >= tech.dailyCapacity && refusal(ticket, tech, { ignoreCapacity: true }) === null;
	const hint = full ? '; to assign anyway tick 超出当日容量 (force) and give a reason' : '';
	return new RuleViolation(`${TECHNICIAN}: ${ticket.ticketNumber} cannot go to ${tech.name}: ${refused}${hint}`, 'technicianPhone');
}

/** Over capacity once this job is added (kept in the history of a forced dispatch). */
export function overCapacity(tech: DispatchTechnician): boolean {
	return tech.jobsToday + 1 > tech.dailyCapacity;
}

/**
 * The manager's dispatch decision (经理派工, P3): assign an undispatched ticket, reassign it before
 * the visit, or cancel it with a reason, in one transaction holding the dispatch lock — the same
 * lock the automatic runs take — so two managers at once are served one after the other: the
 * second sees what the first did (a reassignment from the first one's technician, or a refusal),
 * no technician goes over capacity unless forced, and each decision is one history entry
 * (ticket_events) naming who decided and why.
 */
import type { Store } from '../store/store';
import { NotFoundError, RuleViolation } from '../rules/errors';
import { score, type DispatchWeights } from '../rules/dispatch';
import {
	checkReason,
	overCapacity,
	resolveDecision,
	technicianRefusal,
	type ManagerDecision,
	type ResolvedDecision,
} from '../rules/manager-dispatch';
import type { TicketStatus } from '../rules/ticket-lifecycle';
import { findTechnician } from '../store/registers/technicians';
import { assignTechnician, lockDispatch, reassignTechnician, requireTicket, type Ticket, type TicketTechnician } from '../store/registers/tickets';
import { addTechnicianToNewTicket } from './outbox-producers';
import { technicianPool, toDispatchTechnician, toDispatchTicket, type DispatchContext } from './dispatch-run';
import { cancelTicket } from './ticket-steps';

export interface ManagerDispatchInput {
	ticketNumber: string;
	decision: ManagerDecision;
	/** The technician chosen (by id or phone); not needed to cancel. */
	technician?: { id?: number; phone?: string };
	force?: boolean;
	reason?: unknown;
}

/** The ticket after the decision, with what was decided. */
export type ManagerDispatchOut = Ticket & {
	decision: ResolvedDecision;
	forced: boolean;
	overCapacity: boolean;
	reason: string | null;
	previousTechnician: TicketTechnician | null;
	/** The score of the technician chosen (as automatic dispatch would rank him); null when cancelled. */
	score: Record<string, number> | null;
	/** Reported on an earlier day and still waiting (P12). */
	leftOver: boolean;
};

export async function decideDispatch(
	store: Store,
	input: ManagerDispatchInput,
	weights: DispatchWeights,
	ctx: DispatchContext & { zone?: string },
): Promise<ManagerDispatchOut> {
	return await store.transaction(async (trx) => {
		await lockDispatch(trx);
		const t = await requireTicket(trx, { ticketNumber: input.ticketNumber }, true).catch((error: unknown) => {
			if (error instanceof NotFoundError) {
				throw new NotFoundError(`Ticket number (工单号): no ticket ${input.ticketNumber} is in the repair register (报修登记簿)`, 'ticketNumber');
			}
			throw error;
		});
		const decision = resolveDecision(input.decision, { ticketNumber: t.ticketNumber, status: t.status as TicketStatus });
		const force = input.force === true;
		const reason = checkReason(decision, force, input.reason);
		const leftOver = t.status === 'open' && t.reportDate < ctx.today;
		const base = { decision, reason, previousTechnician: t.technician, leftOver };
		if (decision === 'cancel') {
			const cancelled = await cancelTicket(trx, t.ticketNumber, reason!, ctx);
			return { ...cancelled, ...base, forced: false, overCapacity: false, score: null };
		}

		const key = input.technician;
		if (!key || (key.id === undefined && !key.phone)) {
			throw new RuleViolation('Technician (技术员): none chosen; pick the technician who goes', 'technicianPhone');
		}
		const k = await findTechnician(trx, key);
		if (!k) {
			const named = key.id !== undefined ? `id ${key.id}` : `phone "${key.phone}"`;
			throw new RuleViolation(`Technician (技术员): no technician with ${named} is in the register`, 'technicianPhone');
		}
		const { load } = await technicianPool(trx, ctx.today);
		const candidate = toDispatchTechnician(k, load);
		const ticket = toDispatchTicket(t);
		const refused = technicianRefusal(ticket, candidate, { force, currentTechnicianId: t.technicianId });
		if (refused) throw refused;
		const s = score(ticket, candidate, weights) as unknown as Record<string, number>;
		const over = overCapacity(candidate);
		const details = { reason, force, overCapacity: over };
		const done =
			decision === 'assign'
				? await assignTechnician(trx, t.id, k.id, s, ctx.today, ctx.actor, ctx.now, details)
				: await reassignTechnician(trx, {
						ticketId: t.id,
						from: t.technicianId,
						to: k.id,
						score: s,
						day: ctx.today,
						actor: ctx.actor,
						now: ctx.now,
						details,
					});
		if (!done) throw new Error(`${t.ticketNumber} changed while the dispatch was being decided; nothing was changed, try again`);
		// A new ticket whose staff message has not gone yet names the technician the manager chose (issue 19).
		await addTechnicianToNewTicket(trx, t.ticketNumber, k, ctx.now);
		const after = await requireTicket(trx, { id: t.id });
		return { ...after, ...base, forced: force, overCapacity: over, score: s };
	});
}

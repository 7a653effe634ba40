/**
 * One dispatch run (派工) in one transaction that holds the dispatch lock: the open tickets and
 * the technicians with today's load are read, the plan is made by the pure rules, and each
 * assignment is written with a status guard. Two runs at once queue on the lock, so no
 * technician goes over capacity and no ticket gets two technicians.
 */
import type { Store, Trx } from '../store/store';
import { planDispatch, type DispatchTechnician, type DispatchTicket, type DispatchWeights } from '../rules/dispatch';
import type { Category } from '../rules/service-category';
import { listTechnicians, type Technician } from '../store/registers/technicians';
import { assignTechnician, jobsOn, listTickets, lockDispatch, type Ticket } from '../store/registers/tickets';
import { startOfDay } from '../rules/repair-corrections';
import { vouchersStillOut, type VoucherStillOut } from '../store/registers/voucher-reconciliation';
import { addTechnicianToNewTicket, queueUnassigned } from './outbox-producers';

export interface DispatchContext {
	today: string;
	actor: string;
	now: string;
	/** The workflow's timezone: the due time in the staff groups' "nobody can take it" message. */
	zone?: string;
}

export interface AssignmentOut {
	ticketNumber: string;
	voucherNumber: string;
	category: string;
	leftOver: boolean;
	technician: { id: number; name: string; phone: string; email: string | null };
	score: { load: number; area: number; skill: number; total: number };
	customerName: string;
	address: string;
	siteSituation: string;
	dueAt: string;
}

export interface DispatchResult {
	assignments: AssignmentOut[];
	undispatched: Array<{ ticketNumber: string; reason: string }>;
}

export function toDispatchTicket(t: Ticket): DispatchTicket {
	return {
		id: t.id,
		ticketNumber: t.ticketNumber,
		category: t.category as Category,
		address: t.address,
		skill: t.skill,
		reportedAt: t.reportedAt,
		reportDate: t.reportDate,
	};
}

export function toDispatchTechnician(t: Technician, load: Map<number, number>): DispatchTechnician {
	return {
		id: t.id,
		name: t.name,
		active: t.active,
		skills: t.skills,
		areas: t.areas,
		dailyCapacity: t.dailyCapacity,
		jobsToday: load.get(t.id) ?? 0,
	};
}

export async function technicianPool(trx: Trx, today: string) {
	const load = await jobsOn(trx, today);
	const technicians = await listTechnicians(trx, { active: 'all' });
	return { load, technicians, pool: technicians.map((t) => toDispatchTechnician(t, load)) };
}

function assignmentOut(
	t: Ticket,
	k: Pick<Technician, 'id' | 'name' | 'phone' | 'email'>,
	s: AssignmentOut['score'],
	leftOver: boolean,
): AssignmentOut {
	return {
		ticketNumber: t.ticketNumber,
		voucherNumber: t.voucherNumber,
		category: t.category,
		leftOver,
		technician: { id: k.id, name: k.name, phone: k.phone, email: k.email },
		score: s,
		customerName: t.customerName,
		address: t.address,
		siteSituation: t.siteSituation,
		dueAt: t.dueAt,
	};
}

/** The guarded write of one assignment; the dispatch lock makes a refusal here a broken invariant. */
async function assign(trx: Trx, t: Ticket, technicianId: number, s: Record<string, number>, ctx: DispatchContext) {
	if (!(await assignTechnician(trx, t.id, technicianId, s, ctx.today, ctx.actor, ctx.now))) {
		throw new Error(`${t.ticketNumber} changed while it was being dispatched; nothing was dispatched by this run, run it again`);
	}
}

/**
 * Auto: the open tickets — all of them, or the `ticketNumbers` given — leftovers from earlier
 * days first (P12). With `ticketNumbers` the leftovers still waiting take part too, ahead of the
 * given tickets, so that a new report never takes the place a leftover is owed; the leftovers
 * assigned are in the result, those still waiting are not (the daily run reports them).
 */
export async function dispatchAuto(store: Store, weights: DispatchWeights, ctx: DispatchContext, ticketNumbers?: string[]): Promise<DispatchResult> {
	// Safe to run again after a commit whose outcome is unknown: under the lock it reads what is kept, and a
	// named ticket the first run dispatched today is given back as that run's assignment (below).
	return await store.transaction(
		async (trx, run) => {
			await lockDispatch(trx);
			const named = ticketNumbers ? await listTickets(trx, { ticketNumbers }) : undefined;
			const waiting = named ? (await listTickets(trx, { leftOverBefore: ctx.today })).filter((t) => !named.some((n) => n.id === t.id)) : [];
			const waitingIds = new Set(waiting.map((t) => t.id));
			const tickets = named ? [...waiting, ...named.filter((t) => t.status === 'open')] : await listTickets(trx, { status: ['open'] });
			// After a lost commit: the named tickets this call's first run dispatched (kept after all) are its result.
			const keptBefore = run.afterUnknownCommit
				? (named ?? []).filter((t) => t.status === 'dispatched' && t.dispatchedOn === ctx.today && t.technician && t.dispatchScore)
				: [];
			// Named tickets that are not open (a repeated request, a ticket already dispatched): say so.
			const notOpen = (named ?? [])
				.filter((t) => t.status !== 'open' && !keptBefore.includes(t))
				.map((t) => ({ ticketNumber: t.ticketNumber, reason: `${t.ticketNumber} is not waiting for dispatch (status ${t.status})` }));
			const unknown = (ticketNumbers ?? [])
				.filter((n) => !(named ?? []).some((t) => t.ticketNumber === n))
				.map((n) => ({ ticketNumber: n, reason: `No ticket ${n} is in the repair register (报修登记簿)` }));
			const { technicians, pool } = await technicianPool(trx, ctx.today);
			const plan = planDispatch(tickets.map(toDispatchTicket), pool, weights, ctx.today);
			const byTicket = new Map(tickets.map((t) => [t.id, t]));
			const byTech = new Map(technicians.map((t) => [t.id, t]));
			const assignments: AssignmentOut[] = keptBefore.map((t) => assignmentOut(t, t.technician!, t.dispatchScore as AssignmentOut['score'], false));
			for (const a of plan.assignments) {
				const t = byTicket.get(a.ticketId)!;
				const k = byTech.get(a.technicianId)!;
				await assign(trx, t, k.id, a.score as unknown as Record<string, number>, ctx);
				// The new ticket's message, still waiting in the outbox, names the technician (issue 19).
				await addTechnicianToNewTicket(trx, t.ticketNumber, k, ctx.now);
				assignments.push(assignmentOut(t, k, a.score, a.leftOver));
			}
			const stillWaiting = plan.undispatched.filter((u) => !waitingIds.has(u.ticketId));
			// A ticket given to this run (a new report) that nobody can take: the staff groups are told, once a ticket.
			if (named && ctx.zone) {
				for (const u of stillWaiting) {
					const t = byTicket.get(u.ticketId);
					if (t) await queueUnassigned(trx, t, u.reason, ctx.now, ctx.zone);
				}
			}
			return {
				assignments,
				undispatched: [...stillWaiting.map((u) => ({ ticketNumber: u.ticketNumber, reason: u.reason })), ...notOpen, ...unknown],
			};
		},
		{ idempotent: true },
	);
}

/**
 * P12 reconciliation, read with the daily dispatch: the tickets whose voucher (服务凭证) is still
 * out — finished and signed before today but not closed, or closed with no archiving recorded.
 */
export async function reconcileVouchers(store: Store, today: string, zone: string): Promise<VoucherStillOut[]> {
	return await store.transaction(async (trx) => await vouchersStillOut(trx, startOfDay(today, zone)));
}

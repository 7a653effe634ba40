/**
 * The steps of a ticket after dispatch (P4-P9), each in the caller's transaction with its record:
 * the rule `nextStatus` decides whether the step is allowed (an illegal step changes nothing),
 * the status is written with a guard on the status read, and the step is kept in the audit trail.
 */
import type { Trx } from '../schema';
import { nextStatus, type TicketAction, type TicketStatus } from '../../rules/ticket-lifecycle';
import { receiptNumber, repairCardNumber } from '../../rules/numbering';
import { RuleViolation } from '../../rules/errors';
import { nextInSequence } from '../counters';
import { lockDispatch, recordEvent, requireTicket, type Ticket } from './tickets';
import { recordStepMoney, type PartInput, type StepMoney } from './ticket-money';
import { DateTime } from 'luxon';
import { takeBackPromise } from '../../rules/repair-corrections';
import { replaceInstallation } from './installations';

export type StepContext = {
	actor: string;
	now: string;
	today: string;
	/** The workflow's timezone (dates agreed with customers); UTC when not given. */ zone?: string;
};

async function step(
	trx: Trx,
	ticketNumber: string,
	action: TicketAction,
	ctx: StepContext,
	write: (t: Ticket, to: TicketStatus) => Promise<Record<string, unknown>>,
): Promise<Ticket> {
	const t = await requireTicket(trx, { ticketNumber }, true);
	const to = nextStatus({ ticketNumber: t.ticketNumber, status: t.status as TicketStatus }, action);
	const details = await write(t, to);
	const r = await trx
		.updateTable('tickets')
		.set({ status: to, updatedAt: ctx.now })
		.where('id', '=', t.id)
		.where('status', '=', t.status)
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1)
		throw new RuleViolation(`Ticket ${t.ticketNumber} was changed by someone else at the same time; look at it again`);
	await recordEvent(trx, t.id, action, t.status, to, ctx.actor, ctx.now, details);
	return await requireTicket(trx, { id: t.id });
}

/** A line of the technician's daily work report (P10), on the day the work was done (`workedOn`; default the step's day). */
async function logWork(
	trx: Trx,
	t: Ticket,
	minutes: number | undefined,
	kind: 'visit' | 'repair',
	ctx: StepContext,
	technicianId?: number | null,
	workedOn?: string,
) {
	const who = technicianId ?? t.technician?.id;
	if (!minutes || !who) return;
	await trx
		.insertInto('workLog')
		.values({ technicianId: who, ticketId: t.id, workedOn: workedOn ?? ctx.today, category: t.category, minutes, kind, createdAt: ctx.now })
		.execute();
}

export type VisitInput =
	| { outcome: 'solved'; solution: string; customerSignature: string; signedAt: string; minutes?: number; workedOn?: string }
	| {
			outcome: 'taken-back';
			product: string;
			serialNo?: string | null;
			accessories?: string | null;
			customerSignature: string;
			signedAt: string;
			minutes?: number;
			solution?: string | null;
			/** P9: the completion date agreed at take-back (YYYY-MM-DD); default 3 working days. */
			promisedBy?: string | null;
			workedOn?: string;
	  }
	| {
			outcome: 'replaced';
			/** The new unit put in (更换设备); the old one is `serialNo`, else the ticket's. */
			newSerialNo: string;
			serialNo?: string | null;
			customerSignature: string;
			signedAt: string;
			minutes?: number;
			solution?: string | null;
			/** The new unit's warranty in months from the replacement day (12). */
			warrantyMonths?: number;
			workedOn?: string;
	  };

/**
 * Record Visit: solved on site (P4); the product taken back with receipt, in-entry, repair card and
 * the completion date agreed (P6, P9); or the unit replaced by a new one (更换设备), which solves
 * the ticket and updates the installation register.
 */
export async function recordVisit(trx: Trx, ticketNumber: string, v: VisitInput & StepMoney, ctx: StepContext): Promise<Ticket> {
	const action = v.outcome === 'solved' ? 'recordVisitSolved' : v.outcome === 'replaced' ? 'recordVisitReplaced' : 'recordVisitTakenBack';
	const zone = ctx.zone ?? 'UTC';
	return await step(trx, ticketNumber, action, ctx, async (t) => {
		if (v.outcome === 'replaced') {
			const replacedOn = DateTime.fromISO(v.signedAt).setZone(zone).toISODate()!;
			const r = await replaceInstallation(
				trx,
				t,
				{ oldSerialNo: v.serialNo ?? null, newSerialNo: v.newSerialNo, replacedOn, warrantyMonths: v.warrantyMonths },
				ctx.now,
			);
			const solution = v.solution ?? `更换设备 Equipment replaced: ${r.old.serialNo} → ${r.replacement.serialNo}`;
			await trx
				.updateTable('tickets')
				.set({ solution, customerSignature: v.customerSignature, signedAt: v.signedAt, replacementInstallationId: r.replacement.id })
				.where('id', '=', t.id)
				.execute();
			await logWork(trx, t, v.minutes, 'visit', ctx, undefined, v.workedOn);
			const money = await recordStepMoney(trx, t, v, ctx.now);
			return {
				solution,
				customerSignature: v.customerSignature,
				oldSerialNo: r.old.serialNo,
				newSerialNo: r.replacement.serialNo,
				replacedOn,
				warrantyUntil: r.replacement.warrantyUntil,
				minutes: v.minutes ?? null,
				...money,
			};
		}
		// P9: from the take-back on, the ticket is due by the date agreed with the customer.
		const promise = v.outcome === 'taken-back' ? takeBackPromise(ctx.today, v.promisedBy ?? null, zone) : null;
		await trx
			.updateTable('tickets')
			.set({ solution: v.solution ?? null, customerSignature: v.customerSignature, signedAt: v.signedAt })
			.where('id', '=', t.id)
			.execute();
		await logWork(trx, t, v.minutes, 'visit', ctx, undefined, v.workedOn);
		const money = await recordStepMoney(trx, t, v, ctx.now);
		if (v.outcome === 'solved') return { solution: v.solution, customerSignature: v.customerSignature, minutes: v.minutes ?? null, ...money };
		const receipt = await trx
			.insertInto('productReceipts')
			.values({
				receiptNumber: receiptNumber(ctx.today, await nextInSequence(trx, 'receipt', ctx.today)),
				ticketId: t.id,
				product: v.product,
				serialNo: v.serialNo ?? t.serialNo,
				accessories: v.accessories ?? null,
				takenOn: ctx.today,
				customerSignature: v.customerSignature,
				voidedAt: null,
				createdAt: ctx.now,
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('productMovements')
			.values({ ticketId: t.id, receiptId: receipt.id, direction: 'in', movedOn: ctx.today, note: v.product, createdAt: ctx.now })
			.execute();
		// A new deadline: escalation counts its overdue periods from it (P9).
		await trx
			.updateTable('tickets')
			.set({ promisedBy: promise!.promisedBy, dueAt: promise!.dueAt, escalatedPeriod: 0 })
			.where('id', '=', t.id)
			.execute();
		const card = await trx
			.insertInto('repairCards')
			.values({
				cardNumber: repairCardNumber(ctx.today, await nextInSequence(trx, 'repair-card', ctx.today)),
				ticketId: t.id,
				inspectedBy: null,
				inspectedAt: null,
				createdAt: ctx.now,
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		return {
			receiptNumber: receipt.receiptNumber,
			repairCardNumber: card.cardNumber,
			product: v.product,
			promisedBy: promise!.promisedBy,
			dueAt: promise!.dueAt,
			previousDueAt: t.dueAt,
			minutes: v.minutes ?? null,
			...money,
		};
	});
}

export type RepairWorkInput = { minutes: number; description?: string | null; parts: PartInput[]; technicianId?: number | null; workedOn?: string };

/** Record Repair Work on the repair card: time and parts replaced (P7). */
export async function recordRepairWork(trx: Trx, ticketNumber: string, w: RepairWorkInput, ctx: StepContext): Promise<Ticket> {
	return await step(trx, ticketNumber, 'recordRepairWork', ctx, async (t) => {
		const card = await trx.selectFrom('repairCards').selectAll().where('ticketId', '=', t.id).executeTakeFirstOrThrow();
		const technicianId = w.technicianId ?? t.technician?.id ?? null;
		await trx
			.insertInto('repairWork')
			.values({
				cardId: card.id,
				technicianId,
				workedOn: w.workedOn ?? ctx.today,
				minutes: w.minutes,
				description: w.description ?? null,
				createdAt: ctx.now,
			})
			.execute();
		for (const p of w.parts)
			await trx
				.insertInto('repairParts')
				.values({ cardId: card.id, part: p.part, quantity: p.quantity, unitPriceFen: p.unitPriceFen ?? null, createdAt: ctx.now })
				.execute();
		await logWork(trx, t, w.minutes, 'repair', ctx, technicianId, w.workedOn);
		return { repairCardNumber: card.cardNumber, minutes: w.minutes, parts: w.parts };
	});
}

/** Inspect: the manager's approval of the repair (验讫, P7). */
export async function inspectRepair(trx: Trx, ticketNumber: string, inspectedBy: string, ctx: StepContext): Promise<Ticket> {
	return await step(trx, ticketNumber, 'inspect', ctx, async (t) => {
		await trx.updateTable('repairCards').set({ inspectedBy, inspectedAt: ctx.now }).where('ticketId', '=', t.id).execute();
		return { inspectedBy };
	});
}

/** Return Product: out-entry with the return date, receipt voided, customer signature (P7). */
export async function returnProduct(
	trx: Trx,
	ticketNumber: string,
	r: { returnedOn: string; customerSignature: string } & StepMoney,
	ctx: StepContext,
): Promise<Ticket> {
	return await step(trx, ticketNumber, 'returnProduct', ctx, async (t) => {
		const receipt = await trx.selectFrom('productReceipts').selectAll().where('ticketId', '=', t.id).executeTakeFirstOrThrow();
		await trx
			.insertInto('productMovements')
			.values({ ticketId: t.id, receiptId: receipt.id, direction: 'out', movedOn: r.returnedOn, note: null, createdAt: ctx.now })
			.execute();
		await trx.updateTable('productReceipts').set({ voidedAt: ctx.now }).where('id', '=', receipt.id).execute();
		await trx
			.updateTable('tickets')
			.set({ returnedOn: r.returnedOn, customerSignature: r.customerSignature, signedAt: ctx.now })
			.where('id', '=', t.id)
			.execute();
		const money = await recordStepMoney(trx, t, r, ctx.now);
		return { receiptNumber: receipt.receiptNumber, returnedOn: r.returnedOn, customerSignature: r.customerSignature, ...money };
	});
}

/** Close: the register entry cancelled (注销) and the voucher archived (P4/P7). */
export async function closeTicket(trx: Trx, ticketNumber: string, ctx: StepContext): Promise<Ticket> {
	return await step(trx, ticketNumber, 'close', ctx, async (t) => {
		await trx.updateTable('tickets').set({ closedAt: ctx.now, voucherArchivedAt: ctx.now }).where('id', '=', t.id).execute();
		return {};
	});
}

export async function cancelTicket(trx: Trx, ticketNumber: string, reason: string, ctx: StepContext): Promise<Ticket> {
	// An open ticket may be in a dispatch run's plan right now: cancel waits for the run to end.
	await lockDispatch(trx);
	return await step(trx, ticketNumber, 'cancel', ctx, async (t) => {
		await trx.updateTable('tickets').set({ cancelReason: reason }).where('id', '=', t.id).execute();
		return { reason };
	});
}

/** The take-back records of a ticket, for its documents and for Get. */
export type TakeBackRecords = Awaited<ReturnType<typeof takeBackRecords>>;

export async function takeBackRecords(trx: Trx, ticketId: number) {
	const receipt = await trx.selectFrom('productReceipts').selectAll().where('ticketId', '=', ticketId).executeTakeFirst();
	const card = await trx.selectFrom('repairCards').selectAll().where('ticketId', '=', ticketId).executeTakeFirst();
	const work = card
		? await trx
				.selectFrom('repairWork as w')
				.leftJoin('technicians as k', 'k.id', 'w.technicianId')
				.select(['w.workedOn', 'w.minutes', 'w.description', 'k.name as technicianName'])
				.where('w.cardId', '=', card.id)
				.orderBy('w.id')
				.execute()
		: [];
	const parts = card
		? await trx.selectFrom('repairParts').select(['part', 'quantity', 'unitPriceFen']).where('cardId', '=', card.id).orderBy('id').execute()
		: [];
	const movements = await trx
		.selectFrom('productMovements')
		.select(['direction', 'movedOn', 'note'])
		.where('ticketId', '=', ticketId)
		.orderBy('id')
		.execute();
	return { receipt: receipt ?? null, card: card ? { ...card, work, parts } : null, movements };
}

/**
 * The steps of a ticket after dispatch (P4-P9), each in the caller's transaction with its record:
 * the rule `nextStatus` decides whether the step is allowed (an illegal step changes nothing),
 * the status is written with a guard on the status read, and the step is kept in the audit trail.
 */
import type { Trx } from '../store/schema';
import { nextStatus, refuseCancelAfterVisit, type TicketAction, type TicketStatus } from '../rules/ticket-lifecycle';
import { ticketVisits } from '../store/registers/ticket-visits';
import { receiptNumber, repairCardNumber } from '../rules/numbering';
import { nextInSequence } from '../store/counters';
import { lockDispatch, moveTicketStatus, recordEvent, requireTicket, updateTicket, type Ticket } from '../store/registers/tickets';
import { recordStepMoney, type PartInput, type StepMoney } from '../store/registers/ticket-money';
import { DateTime } from 'luxon';
import { takeBackPromise } from '../rules/repair-corrections';
import { replaceInstallation } from '../store/registers/installations';
import { logTicketWork } from '../store/registers/work-log';
import { insertTicketPhotos } from '../store/registers/ticket-photos';
import type { CleanPhoto } from '../rules/photos';
import { judgeAgainOnVisit } from './visit-warranty';
import { feedbackContact, productReadyMessage, productReturnDay, type FeedbackChannel } from '../rules/customer-feedback';
import { queueReadySms } from './outbox-producers';
import { findCustomer } from '../store/registers/customers';
import {
	insertMovement,
	insertReceipt,
	insertRepairCard,
	insertRepairWork,
	inspectRepairCard,
	requireReceipt,
	requireRepairCard,
	voidReceipt,
} from '../store/registers/take-back';

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
	await moveTicketStatus(trx, t, to, ctx.now);
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
	await logTicketWork(trx, {
		technicianId: who,
		ticketId: t.id,
		workedOn: workedOn ?? ctx.today,
		category: t.category,
		minutes,
		kind,
		createdAt: ctx.now,
	});
}

export type VisitInput =
	| {
			outcome: 'solved';
			solution: string;
			serialNo?: string | null;
			customerSignature: string;
			signedAt: string;
			minutes?: number;
			workedOn?: string;
	  }
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
	  }
	| {
			/** 未完成服务·其它 (RULES turn 3): the ticket goes back to open and is dispatched again. */
			outcome: 'other';
			remarks: string;
			customerSignature?: string | null;
			signedAt?: string | null;
			minutes?: number;
			solution?: string | null;
			workedOn?: string;
	  };

const VISIT_ACTIONS: Record<VisitInput['outcome'], TicketAction> = {
	solved: 'recordVisitSolved',
	'taken-back': 'recordVisitTakenBack',
	replaced: 'recordVisitReplaced',
	other: 'recordVisitOther',
};

/**
 * Record Visit: solved on site (P4); the product taken back with receipt, in-entry, repair card and
 * the completion date agreed (P6, P9); or the unit replaced by a new one (更换设备), which solves
 * the ticket and updates the installation register.
 */
export async function recordVisit(trx: Trx, ticketNumber: string, v: VisitInput & StepMoney & VisitExtras, ctx: StepContext): Promise<Ticket> {
	return await step(trx, ticketNumber, VISIT_ACTIONS[v.outcome], ctx, async (read) => {
		// A visit naming the unit judges the category again before any money is counted (turn 3).
		const t = await judgeAgainOnVisit(trx, read, 'serialNo' in v ? v.serialNo : null, ctx);
		// The photos and remarks go with the visit, in its transaction: a refused visit keeps neither.
		const details = await visitOutcome(trx, t, v, ctx);
		const photos = await insertTicketPhotos(trx, t.id, v.photos ?? [], ctx.actor, ctx.now);
		// Every visit is kept with its time and technician in the ticket's history (the visits, RULES turn 3).
		return {
			outcome: v.outcome,
			...details,
			...(v.remarks ? { remarks: v.remarks } : {}),
			...(photos.length ? { photos } : {}),
			technicianId: t.technician?.id ?? null,
			technicianName: t.technician?.name ?? null,
			visitedOn: v.workedOn ?? ctx.today,
			signedAt: v.signedAt ?? null,
		};
	});
}

/** What a visit adds besides its outcome: the technician's remarks (备注) and photos (照片), checked by the rules. */
export type VisitExtras = { remarks?: string | null; photos?: readonly CleanPhoto[] };

async function visitOutcome(trx: Trx, t: Ticket, v: VisitInput & StepMoney, ctx: StepContext): Promise<Record<string, unknown>> {
	const zone = ctx.zone ?? 'UTC';
	if (v.outcome === 'other') {
		// Not finished (parts on order, the customer absent …): back to open with no technician, so
		// that the next dispatch run (leftovers first, P12) or the manager dispatches it again. The
		// ticket's own solution and signature wait for the visit that finishes the work.
		await updateTicket(trx, t.id, { technicianId: null, dispatchedAt: null, dispatchedOn: null, dispatchScore: null });
		await logWork(trx, t, v.minutes, 'visit', ctx, undefined, v.workedOn);
		const money = await recordStepMoney(trx, t, v, ctx.now);
		return {
			solution: v.solution ?? null,
			customerSignature: v.customerSignature ?? null,
			minutes: v.minutes ?? null,
			...money,
		};
	}
	if (v.outcome === 'replaced') {
		const replacedOn = DateTime.fromISO(v.signedAt).setZone(zone).toISODate()!;
		const r = await replaceInstallation(
			trx,
			t,
			{ oldSerialNo: v.serialNo ?? null, newSerialNo: v.newSerialNo, replacedOn, warrantyMonths: v.warrantyMonths },
			ctx.now,
		);
		const solution = v.solution ?? `更换设备 Equipment replaced: ${r.old.serialNo} → ${r.replacement.serialNo}`;
		await updateTicket(trx, t.id, {
			solution,
			customerSignature: v.customerSignature,
			signedAt: v.signedAt,
			replacementInstallationId: r.replacement.id,
		});
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
	await updateTicket(trx, t.id, { solution: v.solution ?? null, customerSignature: v.customerSignature, signedAt: v.signedAt });
	await logWork(trx, t, v.minutes, 'visit', ctx, undefined, v.workedOn);
	const money = await recordStepMoney(trx, t, v, ctx.now);
	if (v.outcome === 'solved') return { solution: v.solution, customerSignature: v.customerSignature, minutes: v.minutes ?? null, ...money };
	const receipt = await insertReceipt(trx, {
		receiptNumber: receiptNumber(ctx.today, await nextInSequence(trx, 'receipt', ctx.today)),
		ticketId: t.id,
		product: v.product,
		serialNo: v.serialNo ?? t.serialNo,
		accessories: v.accessories ?? null,
		takenOn: ctx.today,
		customerSignature: v.customerSignature,
		voidedAt: null,
		createdAt: ctx.now,
	});
	await insertMovement(trx, { ticketId: t.id, receiptId: receipt.id, direction: 'in', movedOn: ctx.today, note: v.product, createdAt: ctx.now });
	// A new deadline: escalation counts its overdue periods from it (P9).
	await updateTicket(trx, t.id, { promisedBy: promise!.promisedBy, dueAt: promise!.dueAt, escalatedPeriod: 0 });
	const card = await insertRepairCard(trx, {
		cardNumber: repairCardNumber(ctx.today, await nextInSequence(trx, 'repair-card', ctx.today)),
		ticketId: t.id,
		inspectedBy: null,
		inspectedAt: null,
		createdAt: ctx.now,
	});
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
}

export type RepairWorkInput = { minutes: number; description?: string | null; parts: PartInput[]; technicianId?: number | null; workedOn?: string };

/** Record Repair Work on the repair card: time and parts replaced (P7). */
export async function recordRepairWork(trx: Trx, ticketNumber: string, w: RepairWorkInput, ctx: StepContext): Promise<Ticket> {
	return await step(trx, ticketNumber, 'recordRepairWork', ctx, async (t) => {
		const card = await requireRepairCard(trx, t.id);
		const technicianId = w.technicianId ?? t.technician?.id ?? null;
		await insertRepairWork(
			trx,
			{
				cardId: card.id,
				technicianId,
				workedOn: w.workedOn ?? ctx.today,
				minutes: w.minutes,
				description: w.description ?? null,
				createdAt: ctx.now,
			},
			w.parts.map((p) => ({ part: p.part, quantity: p.quantity, unitPriceFen: p.unitPriceFen ?? null, createdAt: ctx.now })),
		);
		await logWork(trx, t, w.minutes, 'repair', ctx, technicianId, w.workedOn);
		return { repairCardNumber: card.cardNumber, minutes: w.minutes, parts: w.parts };
	});
}

/** Inspect: the manager's approval of the repair (验讫, P7). */
export async function inspectRepair(trx: Trx, ticketNumber: string, inspectedBy: string, ctx: StepContext): Promise<Ticket> {
	return (await inspectAndTellCustomer(trx, ticketNumber, inspectedBy, ctx)).ticket;
}

/** The message that tells the customer their product is ready (向客户回馈), as kept in the ticket's history. */
export interface ProductReadyFeedback {
	kind: 'product-ready';
	channel: FeedbackChannel;
	/** The customer file's address when the channel is email. */
	email: string | null;
	/** The day the product comes back. */
	returnOn: string;
	subject: string;
	text: string;
}

/**
 * Inspect (验讫) and feedback to the customer (向客户回馈, RULES turn 3): the product passed, so the
 * customer is told it is ready and the day it comes back (the agreed date when still ahead, else
 * today) — by email when the customer file has an address, else by SMS to a mainland mobile (the
 * ticket's number, else the file's; queued in the outbox), else the desk calls. The message is an
 * entry (`customerMessage`) in the ticket's history, written with the inspection.
 */
export async function inspectAndTellCustomer(
	trx: Trx,
	ticketNumber: string,
	inspectedBy: string,
	ctx: StepContext,
): Promise<{ ticket: Ticket; feedback: ProductReadyFeedback }> {
	const inspected = await step(trx, ticketNumber, 'inspect', ctx, async (t) => {
		await inspectRepairCard(trx, t.id, inspectedBy, ctx.now);
		return { inspectedBy };
	});
	const customer = await findCustomer(trx, { id: inspected.customerId });
	const receipt = await requireReceipt(trx, inspected.id);
	const { channel, email, mobile } = feedbackContact('product-ready', { email: customer?.email, phones: [inspected.phone, customer?.phone] });
	const returnOn = productReturnDay(inspected.promisedBy, ctx.now, ctx.zone ?? 'UTC');
	const message = productReadyMessage({
		ticketNumber: inspected.ticketNumber,
		customerName: inspected.customerName,
		product: receipt.product,
		returnOn,
	});
	// No email, a mainland mobile: the SMS is queued with the inspection (issue 19), sent after the commit.
	if (mobile) {
		const t = { ticketId: inspected.id, ticketNumber: inspected.ticketNumber, customerName: inspected.customerName };
		await queueReadySms(trx, { ...t, contactPerson: inspected.contactPerson, returnOn, mobile }, ctx.now);
	}
	await recordEvent(trx, inspected.id, 'customerMessage', inspected.status, inspected.status, ctx.actor, ctx.now, {
		kind: 'product-ready',
		channel,
		...(email || mobile ? { to: email ?? mobile } : {}),
		returnOn,
		subject: message.subject,
	});
	return { ticket: await requireTicket(trx, { id: inspected.id }), feedback: { kind: 'product-ready', channel, email, returnOn, ...message } };
}

/** Return Product: out-entry with the return date, receipt voided, customer signature (P7). */
export async function returnProduct(
	trx: Trx,
	ticketNumber: string,
	r: { returnedOn: string; customerSignature: string } & StepMoney,
	ctx: StepContext,
): Promise<Ticket> {
	return await step(trx, ticketNumber, 'returnProduct', ctx, async (t) => {
		const receipt = await requireReceipt(trx, t.id);
		await insertMovement(trx, { ticketId: t.id, receiptId: receipt.id, direction: 'out', movedOn: r.returnedOn, note: null, createdAt: ctx.now });
		await voidReceipt(trx, receipt.id, ctx.now);
		await updateTicket(trx, t.id, { returnedOn: r.returnedOn, customerSignature: r.customerSignature, signedAt: ctx.now });
		const money = await recordStepMoney(trx, t, r, ctx.now);
		return { receiptNumber: receipt.receiptNumber, returnedOn: r.returnedOn, customerSignature: r.customerSignature, ...money };
	});
}

/** Close: the register entry cancelled (注销) and the voucher archived (P4/P7). */
export async function closeTicket(trx: Trx, ticketNumber: string, ctx: StepContext): Promise<Ticket> {
	return await step(trx, ticketNumber, 'close', ctx, async (t) => {
		await updateTicket(trx, t.id, { closedAt: ctx.now, voucherArchivedAt: ctx.now });
		return {};
	});
}

export async function cancelTicket(trx: Trx, ticketNumber: string, reason: string, ctx: StepContext): Promise<Ticket> {
	// An open ticket may be in a dispatch run's plan right now: cancel waits for the run to end.
	await lockDispatch(trx);
	return await step(trx, ticketNumber, 'cancel', ctx, async (t) => {
		// An open or dispatched ticket may already have had a visit (outcome "other"): its work is kept, not cancelled.
		refuseCancelAfterVisit(t.ticketNumber, (await ticketVisits(trx, t.id)).length);
		await updateTicket(trx, t.id, { cancelReason: reason });
		return { reason };
	});
}

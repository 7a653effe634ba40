/**
 * Issuing an invoice (开具发票) in one transaction: the source's charges by the fee rule, the year's
 * next FP number, the lines, and what was already paid — the technician's on-site collection
 * (P5), or the payments of the void invoice this one replaces. One live invoice per source: a
 * second request gives the first back (`created: false`), also when two arrive at once.
 *
 * Sources: a repair ticket (after a chargeable solved visit, or on the day of a take-back's
 * return, P8), or a tile order's payment notice or settlement (T8, T11): see `orderStageCharges`.
 */
import type { Store, Trx } from '../store/store';
import { RuleViolation } from '../rules/errors';
import { retryOnceIfDuplicate } from './retry';
import { feeLines, totalFen, type FeeRates, type InvoiceLine } from '../rules/fees';
import { checkPayment as checkInvoicePayment, invoiceNumber, sourceKey, type InvoiceSource, type PaymentMethod } from '../rules/invoice';
import { ORDER_STAGE_LABELS, orderStage } from '../rules/order-invoice';
import { fenToYuan } from '../rules/money';
import { CATEGORY_LABELS, type Category } from '../rules/service-category';
import { nextInSequence } from '../store/counters';
import { requireTicket, type Ticket } from '../store/registers/tickets';
import {
	addPayment,
	insertInvoice,
	lastVoidInvoiceOf,
	liveInvoiceOf,
	movePayments,
	requireInvoice,
	type Invoice,
	type NewInvoice,
	type NewPayment,
} from '../store/registers/invoices';
import { syncOrderInvoicesPaid } from '../store/registers/order-invoices';
import { requireOrderRow } from '../store/registers/tile-orders';
import { orderStageCharges as tileOrderStageCharges, recordPayment as recordOrderPayment } from './tile-orders';
import { chargeBasisOf } from '../store/registers/ticket-money';

/** Nothing to invoice for this source now: nothing to charge, or not yet due (P8). The visit workflow passes on quietly. */
export class NothingToInvoice extends RuleViolation {
	constructor(
		message: string,
		readonly reason: 'nothing-to-charge' | 'not-due',
		field = 'ticketNumber',
	) {
		super(message, field);
		this.name = 'NothingToInvoice';
	}
}

export interface InvoiceContext {
	/** Today in the workflow's timezone: the issue date, and its year the number's. */
	today: string;
	now: string;
	actor: string;
}

/** Statuses in which a ticket's work is done and can be billed: solved on site, or returned after repair (P8). */
const BILLABLE: ReadonlySet<string> = new Set(['solved-on-site', 'returned', 'closed']);

/** What a source is billed: its lines, its customer, and what was already collected for it. */
type Charges = Pick<NewInvoice, 'lines' | 'ticketId' | 'orderNumber' | 'orderStage' | 'customerId' | 'customerName' | 'category'> & {
	collected: { amountFen: number; method: PaymentMethod; paidAt: string; technicianId: number | null } | null;
};

/** A ticket's charges by its category's fee rule, refused when not yet due or when nothing is charged. */
export async function ticketCharges(trx: Trx, t: Ticket, rates: FeeRates): Promise<Charges> {
	if (!BILLABLE.has(t.status)) {
		const why =
			t.status === 'taken-back' || t.status === 'repaired' || t.status === 'inspected'
				? 'its product was taken back for repair: it is invoiced on the day it is returned (P8)'
				: t.status === 'cancelled'
					? 'it was cancelled'
					: 'no visit has been recorded yet';
		throw new NothingToInvoice(`Ticket ${t.ticketNumber} cannot be invoiced now: ${why}`, 'not-due');
	}
	const lines = feeLines(await chargeBasisOf(trx, t), rates);
	if (totalFen(lines) === 0) {
		const category = t.category as Category;
		throw new NothingToInvoice(
			`Ticket ${t.ticketNumber} has nothing to charge: ${category === 'C' || category === 'D' ? `${CATEGORY_LABELS[category].en} (${CATEGORY_LABELS[category].zh}) is free of charge` : 'its contract covers this work and no parts are charged'}`,
			'nothing-to-charge',
		);
	}
	const collected =
		t.collectedFen && t.collectedFen > 0
			? {
					amountFen: Number(t.collectedFen),
					method: (t.paymentMethod ?? 'cash') as PaymentMethod,
					paidAt: t.collectedAt ?? t.updatedAt,
					technicianId: t.technician?.id ?? null,
				}
			: null;
	return {
		lines,
		ticketId: t.id,
		orderNumber: null,
		orderStage: null,
		customerId: t.customerId,
		customerName: t.customerName,
		category: t.category,
		collected,
	};
}

/**
 * A tile order's stage (T8 payment notice, T11 settlement; issue 9): the order row locked, the
 * stage reached, and its lines from the tile-order service — goods per model and the processing
 * fee at the payment notice; extra tiles, secondary processing and returned tiles (a credit,
 * negative) at the settlement — with the order's customer. The deposit and the payments on the
 * order are not lines: they count as paid on the stage invoices (`syncOrderInvoicesPaid`,
 * `shareOrderPaid`). A settlement that charges nothing or credits the customer has no invoice.
 */
export async function orderStageCharges(trx: Trx, source: Extract<InvoiceSource, { kind: 'order-stage' }>): Promise<Charges> {
	const stage = orderStage(source.stage);
	const o = await requireOrderRow(trx, source.orderNumber, true);
	const label = ORDER_STAGE_LABELS[stage];
	if (o.status === 'cancelled') {
		throw new NothingToInvoice(
			`Order ${o.orderNumber} was cancelled: it gets no ${label.en.toLowerCase()} invoice (${label.zh}); what was paid is refunded on the order`,
			'not-due',
			'orderNumber',
		);
	}
	if (stage === 'payment-notice' && !o.paymentNoticeAt) {
		throw new NothingToInvoice(
			`Order ${o.orderNumber} has no payment notice (付款通知单) yet: its invoice comes once the notice is issued (POST orders/${o.orderNumber}/payment-notice, after the stock is prepared${o.processing === 1 ? ' and the factory confirmed the processing fee' : ''}); it is ${o.status} now`,
			'not-due',
			'stage',
		);
	}
	if (stage === 'payment-notice' && (o.status === 'signed' || o.status === 'measured' || o.status === 'processing-sent')) {
		// Measured again (or sent for processing again) after the notice: its goods and fees are being worked out anew.
		throw new NothingToInvoice(
			`Order ${o.orderNumber}'s goods and processing are being worked out again (it is ${o.status} now, after its payment notice): prepare the stock${o.processing === 1 ? ', confirm the processing' : ''} and issue the payment notice again (付款通知单), then invoice it`,
			'not-due',
			'stage',
		);
	}
	if (stage === 'settlement' && o.status !== 'settled' && o.status !== 'completed') {
		throw new NothingToInvoice(
			`Order ${o.orderNumber} is not settled yet (结算单): its settlement invoice comes once the order is settled after installation (POST orders/${o.orderNumber}/settle); it is ${o.status} now`,
			'not-due',
			'stage',
		);
	}
	const c = await tileOrderStageCharges(trx, o.orderNumber, stage);
	const lines: InvoiceLine[] = c.lines.map((l) => ({
		kind: l.kind,
		description: l.description,
		quantity: l.quantity,
		unitFen: l.unitFen,
		amountFen: l.amountFen,
	}));
	const total = totalFen(lines);
	if (total < 0) {
		throw new NothingToInvoice(
			`Order ${o.orderNumber}'s settlement (结算单) has nothing to charge: it credits the customer ${fenToYuan(-total)} yuan (the returned tiles are worth more than the extra tiles and secondary processing). No invoice is issued: the credit counts as paid on the payment notice's invoice, and a refund is recorded on the order as a negative payment with a reason (POST orders/${o.orderNumber}/payments)`,
			'nothing-to-charge',
			'stage',
		);
	}
	if (total === 0) {
		throw new NothingToInvoice(
			stage === 'settlement'
				? `Order ${o.orderNumber}'s settlement (结算单) has nothing to charge: no extra tiles or secondary processing beyond what returned tiles credit; the goods and processing are on the payment notice's invoice`
				: `Order ${o.orderNumber}'s payment notice (付款通知单) has nothing to charge: its goods and processing come to 0 yuan`,
			'nothing-to-charge',
			'stage',
		);
	}
	return {
		lines,
		ticketId: null,
		orderNumber: o.orderNumber,
		orderStage: stage,
		customerId: o.customerId,
		customerName: o.customerName,
		category: null,
		collected: null,
	};
}

/**
 * A payment recorded on an invoice (收款). On a tile order's stage invoice it is a payment on the
 * order (the order's ledger is the one truth of its money: delivery and completion read it), at
 * most what the invoice still owes; the invoice follows. The order row is locked before the
 * invoice, in the order every order step takes them.
 */
export async function recordInvoicePayment(trx: Trx, invoiceNumber: string, p: NewPayment, ctx: InvoiceContext): Promise<Invoice> {
	const first = await requireInvoice(trx, { invoiceNumber });
	if (first.source.kind !== 'order-stage') return await addPayment(trx, invoiceNumber, p, ctx.now);
	const orderNumber = first.source.orderNumber;
	await requireOrderRow(trx, orderNumber, true);
	const inv = await requireInvoice(trx, { id: first.id }, true);
	checkInvoicePayment(inv, p.amountFen);
	await recordOrderPayment(
		trx,
		orderNumber,
		{ amountFen: p.amountFen, method: p.method, reason: p.note ?? `invoice ${inv.invoiceNumber}` },
		{ actor: ctx.actor, now: ctx.now, today: ctx.today },
	);
	return await requireInvoice(trx, { id: inv.id });
}

function yearOf(day: string): number {
	const year = Number(/^(\d{4})-\d{2}-\d{2}$/.exec(day)?.[1]);
	if (!year) throw new RuleViolation(`The issue date must be YYYY-MM-DD; got "${day}"`, 'today');
	return year;
}

export interface Issued {
	invoice: Invoice;
	/** False: the source already had this invoice; it is given back unchanged. */
	created: boolean;
}

async function issueOnce(store: Store, requested: InvoiceSource, rates: FeeRates, ctx: InvoiceContext): Promise<Issued> {
	return await store.transaction(async (trx) => {
		// The ticket (or order) row is locked first, so a second request for it waits and then finds the first invoice.
		const ticket = requested.kind === 'ticket' ? await requireTicket(trx, { ticketNumber: requested.ticketNumber }, true) : null;
		// The order's own spelling of its number and stage make the key (dd-… and 结算 find DD-… settlement).
		const source: InvoiceSource =
			requested.kind === 'order-stage'
				? {
						kind: 'order-stage',
						orderNumber: (await requireOrderRow(trx, requested.orderNumber, true)).orderNumber,
						stage: orderStage(requested.stage),
					}
				: requested;
		const key = sourceKey(source);
		const existing = await liveInvoiceOf(trx, key);
		if (existing) return { invoice: existing, created: false };
		const charges = ticket
			? await ticketCharges(trx, ticket, rates)
			: await orderStageCharges(trx, source as Extract<InvoiceSource, { kind: 'order-stage' }>);
		const total = totalFen(charges.lines);
		const replaced = await lastVoidInvoiceOf(trx, key);
		const number = invoiceNumber(yearOf(ctx.today), await nextInSequence(trx, 'invoice', String(yearOf(ctx.today))));
		const id = await insertInvoice(
			trx,
			{
				invoiceNumber: number,
				sourceKind: source.kind,
				sourceKey: key,
				ticketId: charges.ticketId,
				orderNumber: charges.orderNumber,
				orderStage: charges.orderStage,
				customerId: charges.customerId,
				customerName: charges.customerName,
				category: charges.category,
				issuedOn: ctx.today,
				issuedBy: ctx.actor,
				replacesInvoiceId: replaced?.id ?? null,
				lines: charges.lines,
				totalFen: total,
			},
			ctx.now,
		);
		if (replaced) {
			// The customer's payments on the void invoice count on its replacement (cash still held stays held).
			await movePayments(trx, replaced.id, replaced.invoiceNumber, id, ctx.now);
		} else if (charges.collected) {
			if (charges.collected.amountFen > total) {
				throw new RuleViolation(
					`Collected on site (现场收费): ${fenToYuan(charges.collected.amountFen)} yuan is more than the invoice total ${fenToYuan(total)} yuan`,
					'collectedYuan',
				);
			}
			await addPayment(
				trx,
				number,
				{
					amountFen: charges.collected.amountFen,
					method: charges.collected.method,
					paidAt: charges.collected.paidAt,
					paidOn: ctx.today,
					recordedBy: ctx.actor,
					note: 'collected on site (现场收费)',
					onSite: true,
					technicianId: charges.collected.technicianId,
				},
				ctx.now,
			);
		}
		// A tile order's deposit and payments count as paid on its stage invoices.
		if (source.kind === 'order-stage') await syncOrderInvoicesPaid(trx, source.orderNumber, ctx.now);
		return { invoice: await requireInvoice(trx, { id }), created: true };
	});
}

/** Issues the invoice of `source`, or gives back the one it has. */
export async function issueInvoice(store: Store, source: InvoiceSource, rates: FeeRates, ctx: InvoiceContext): Promise<Issued> {
	// A wrong stage is a field error before anything is looked up.
	if (source.kind === 'order-stage') orderStage(source.stage);
	// Two requests at once for one source: the loser's number went back with its rollback; it runs
	// again and finds the winner's invoice.
	return await retryOnceIfDuplicate(() => issueOnce(store, source, rates, ctx));
}

/** Issues the invoice where one is due; otherwise says why not (nothing to charge, not yet due) instead of failing. */
export async function issueInvoiceWhereDue(
	store: Store,
	source: InvoiceSource,
	rates: FeeRates,
	ctx: InvoiceContext,
): Promise<Issued | { nothingDue: { reason: NothingToInvoice['reason']; message: string } }> {
	try {
		return await issueInvoice(store, source, rates, ctx);
	} catch (error) {
		if (error instanceof NothingToInvoice) return { nothingDue: { reason: error.reason, message: error.message } };
		throw error;
	}
}

/**
 * Checks, in a step's transaction, what the step recorded about money: parts the customer pays
 * for have a price, and a collection on site (P5) is for a chargeable job whose fee is at or
 * under the threshold and is not more than that fee. A refusal rolls the step back.
 */
export async function checkStepMoney(trx: Trx, ticketNumber: string, rates: FeeRates): Promise<void> {
	const t = await requireTicket(trx, { ticketNumber });
	const basis = await chargeBasisOf(trx, t);
	const lines = feeLines(basis, rates);
	const collected = Number(t.collectedFen ?? 0);
	if (collected <= 0) return;
	const total = totalFen(lines);
	if (total === 0)
		throw new RuleViolation(
			`Collected on site (现场收费): ticket ${t.ticketNumber} has nothing to charge (category ${t.category}); nothing may be collected`,
			'collectedYuan',
		);
	if (total > rates.onSiteThresholdFen) {
		throw new RuleViolation(
			`Collected on site (现场收费): the fee of ticket ${t.ticketNumber} is ${fenToYuan(total)} yuan, above the on-site threshold of ${fenToYuan(rates.onSiteThresholdFen)} yuan: the accountant issues the invoice for later collection (P5)`,
			'collectedYuan',
		);
	}
	if (collected > total) {
		throw new RuleViolation(
			`Collected on site (现场收费): ${fenToYuan(collected)} yuan is more than the fee of ${fenToYuan(total)} yuan for ticket ${t.ticketNumber}`,
			'collectedYuan',
		);
	}
}

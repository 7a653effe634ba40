/**
 * Invoices (收费单/发票) and their payments, as the store keeps them. Never deleted: a void keeps
 * its number; cash taken on site stays "held" by its technician until finance records the
 * hand-over. Every change runs in the caller's transaction with the invoice row locked.
 */
import type { Selectable } from 'kysely';
import type { InvoiceTable, Trx } from '../schema';
import { NotFoundError, RuleViolation } from '../../rules/errors';
import { checkPayment, statusAfterPayments, type InvoiceStatus, type PaymentMethod } from '../../rules/invoice';
import type { InvoiceLine } from '../../rules/fees';
import { fenToYuan } from '../../rules/money';
import { isPostgres, type Page } from './common';
import { select, toInvoice, toInvoices, type Invoice, type Row } from './invoice-rows';

export type { Invoice, InvoicePayment } from './invoice-rows';

export type InvoiceKey = { id?: number; invoiceNumber?: string };

export async function findInvoice(trx: Trx, key: InvoiceKey, lock = false): Promise<Invoice | undefined> {
	let q = select(trx);
	if (key.id !== undefined) q = q.where('i.id', '=', key.id);
	else if (key.invoiceNumber) q = q.where('i.invoiceNumber', '=', key.invoiceNumber.trim().toUpperCase());
	else return undefined;
	if (lock && isPostgres(trx)) q = q.forUpdate('i');
	const row = await q.executeTakeFirst();
	return row && (await toInvoice(trx, row as Row));
}

export async function requireInvoice(trx: Trx, key: InvoiceKey, lock = false): Promise<Invoice> {
	const found = await findInvoice(trx, key, lock);
	if (!found)
		throw new NotFoundError(
			`No invoice ${key.invoiceNumber ?? `with id ${key.id}`} is in the store`,
			key.invoiceNumber !== undefined ? 'invoiceNumber' : undefined,
		);
	return found;
}

/** The live (not void) invoice of a source, if any. */
export async function liveInvoiceOf(trx: Trx, sourceKey: string): Promise<Invoice | undefined> {
	const row = await select(trx).where('i.sourceKey', '=', sourceKey).where('i.status', '!=', 'void').executeTakeFirst();
	return row && (await toInvoice(trx, row as Row));
}

/** The latest void invoice of a source (the one a new invoice replaces), if any. */
export async function lastVoidInvoiceOf(trx: Trx, sourceKey: string): Promise<{ id: number; invoiceNumber: string } | undefined> {
	return await trx
		.selectFrom('invoices')
		.select(['id', 'invoiceNumber'])
		.where('sourceKey', '=', sourceKey)
		.where('status', '=', 'void')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/** A new invoice: its row's own columns as schema.ts types them, with its lines. */
export type NewInvoice = Pick<
	Selectable<InvoiceTable>,
	| 'invoiceNumber'
	| 'sourceKind'
	| 'sourceKey'
	| 'ticketId'
	| 'orderNumber'
	| 'orderStage'
	| 'customerId'
	| 'customerName'
	| 'category'
	| 'issuedOn'
	| 'issuedBy'
	| 'replacesInvoiceId'
	| 'totalFen'
> & { lines: InvoiceLine[] };

export async function insertInvoice(trx: Trx, v: NewInvoice, now: string): Promise<number> {
	const { lines, ...row } = v;
	const { id } = await trx
		.insertInto('invoices')
		.values({
			...row,
			issuedAt: now,
			status: statusAfterPayments(v.totalFen, 0, false),
			voidReason: null,
			voidedAt: null,
			voidedBy: null,
			fapiaoNumber: null,
			fapiaoRecordedAt: null,
			createdAt: now,
			updatedAt: now,
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	let lineNo = 0;
	for (const l of lines) {
		await trx
			.insertInto('invoiceLines')
			.values({
				invoiceId: id,
				lineNo: ++lineNo,
				kind: l.kind,
				description: l.description,
				quantity: l.quantity,
				unitFen: l.unitFen,
				amountFen: l.amountFen,
			})
			.execute();
	}
	return id;
}

export interface NewPayment {
	amountFen: number;
	method: PaymentMethod;
	paidAt: string;
	paidOn: string;
	recordedBy: string;
	note: string | null;
	onSite?: boolean;
	technicianId?: number | null;
}

/** Records a payment: refused on a void invoice or above what is owed; the status follows. */
export async function addPayment(trx: Trx, invoiceNumber: string, p: NewPayment, now: string): Promise<Invoice> {
	const inv = await requireInvoice(trx, { invoiceNumber }, true);
	if (inv.source.kind === 'order-stage') {
		// Its paid amount mirrors the order's ledger (syncOrderInvoicesPaid); recordInvoicePayment pays the order.
		throw new RuleViolation(
			`Invoice ${inv.invoiceNumber} is for tile order ${inv.source.orderNumber}: its payments are recorded on the order`,
			'invoiceNumber',
		);
	}
	checkPayment(inv, p.amountFen);
	await trx
		.insertInto('payments')
		.values({
			invoiceId: inv.id,
			amountFen: p.amountFen,
			method: p.method,
			paidAt: p.paidAt,
			paidOn: p.paidOn,
			recordedBy: p.recordedBy,
			note: p.note,
			onSite: p.onSite ? 1 : 0,
			technicianId: p.technicianId ?? null,
			handedOverAt: null,
			handedOverBy: null,
			movedFromInvoiceId: null,
			createdAt: now,
		})
		.execute();
	await settle(trx, inv.id, now, p.onSite ? { collectedOnSite: 1 } : {});
	return await requireInvoice(trx, { id: inv.id });
}

/** Recomputes paid and status from the payments (the CHECK refuses paid above total). */
async function settle(trx: Trx, invoiceId: number, now: string, extra: { collectedOnSite?: number } = {}): Promise<void> {
	const inv = await trx.selectFrom('invoices').select(['totalFen', 'status']).where('id', '=', invoiceId).executeTakeFirstOrThrow();
	const sum = await trx
		.selectFrom('payments')
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('paid'))
		.where('invoiceId', '=', invoiceId)
		.executeTakeFirstOrThrow();
	const paidFen = Number(sum.paid);
	await trx
		.updateTable('invoices')
		.set({ paidFen, status: statusAfterPayments(Number(inv.totalFen), paidFen, inv.status === 'void'), updatedAt: now, ...extra })
		.where('id', '=', invoiceId)
		.execute();
}

/**
 * Moves the payments of a void invoice onto its replacement (cash still held stays held), so
 * that what the customer paid counts once. Refused when they exceed the replacement's total.
 */
export async function movePayments(trx: Trx, fromInvoiceId: number, fromNumber: string, toInvoiceId: number, now: string): Promise<void> {
	const moved = await trx
		.updateTable('payments')
		.set({ invoiceId: toInvoiceId, movedFromInvoiceId: fromInvoiceId })
		.where('invoiceId', '=', fromInvoiceId)
		.executeTakeFirst();
	if (Number(moved.numUpdatedRows) === 0) return;
	const onSite = await trx.selectFrom('payments').select('id').where('invoiceId', '=', toInvoiceId).where('onSite', '=', 1).executeTakeFirst();
	const to = await trx.selectFrom('invoices').select(['totalFen', 'invoiceNumber']).where('id', '=', toInvoiceId).executeTakeFirstOrThrow();
	const sum = await trx
		.selectFrom('payments')
		.select((eb) => eb.fn.sum<number>('amountFen').as('paid'))
		.where('invoiceId', '=', toInvoiceId)
		.executeTakeFirstOrThrow();
	if (Number(sum.paid) > Number(to.totalFen)) {
		throw new RuleViolation(
			`The void invoice ${fromNumber} had ${fenToYuan(Number(sum.paid))} yuan paid, more than the new total ${fenToYuan(Number(to.totalFen))} yuan; the difference must be refunded before a replacement is issued`,
			'totalFen',
		);
	}
	await settle(trx, fromInvoiceId, now);
	await settle(trx, toInvoiceId, now, onSite ? { collectedOnSite: 1 } : {});
}

/** Void (作废) with a reason: the number stays used; payments stay on it until a replacement takes them. */
export async function voidInvoice(trx: Trx, invoiceNumber: string, reason: string, by: string, now: string): Promise<Invoice> {
	const inv = await requireInvoice(trx, { invoiceNumber }, true);
	if (inv.status === 'void') throw new RuleViolation(`Invoice ${inv.invoiceNumber} is already void (${inv.voidReason ?? ''})`, 'invoiceNumber');
	const r = await trx
		.updateTable('invoices')
		.set({ status: 'void', voidReason: reason, voidedAt: now, voidedBy: by, updatedAt: now })
		.where('id', '=', inv.id)
		.where('status', '!=', 'void')
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1)
		throw new RuleViolation(`Invoice ${inv.invoiceNumber} was changed by someone else at the same time; look at it again`);
	return await requireInvoice(trx, { id: inv.id });
}

/** The official tax fapiao number (发票号码), when finance has it. */
export async function recordFapiaoNumber(trx: Trx, invoiceNumber: string, fapiao: string, now: string): Promise<Invoice> {
	const inv = await requireInvoice(trx, { invoiceNumber }, true);
	if (inv.status === 'void') throw new RuleViolation(`Invoice ${inv.invoiceNumber} is void: it gets no fapiao number`, 'invoiceNumber');
	await trx.updateTable('invoices').set({ fapiaoNumber: fapiao, fapiaoRecordedAt: now, updatedAt: now }).where('id', '=', inv.id).execute();
	return await requireInvoice(trx, { id: inv.id });
}

export interface InvoiceFilter extends Page {
	status?: InvoiceStatus[];
	ticketNumber?: string;
	customerId?: number;
	issuedFrom?: string;
	issuedTo?: string;
	/** Unpaid invoices issued on or before this day (the receivables overdue by N days). */
	issuedOnOrBefore?: string;
}

export async function listInvoices(trx: Trx, f: InvoiceFilter): Promise<Invoice[]> {
	let q = select(trx).orderBy('i.issuedOn').orderBy('i.id');
	if (f.status?.length) q = q.where('i.status', 'in', f.status);
	if (f.ticketNumber) q = q.where('t.ticketNumber', '=', f.ticketNumber);
	if (f.customerId !== undefined) q = q.where('i.customerId', '=', f.customerId);
	if (f.issuedFrom) q = q.where('i.issuedOn', '>=', f.issuedFrom);
	if (f.issuedTo) q = q.where('i.issuedOn', '<=', f.issuedTo);
	if (f.issuedOnOrBefore) q = q.where('i.status', '=', 'issued').where('i.issuedOn', '<=', f.issuedOnOrBefore);
	if (f.limit !== undefined) q = q.limit(f.limit);
	return await toInvoices(trx, (await q.execute()) as Row[]);
}

export { cashHeld, handOverCash, type CashHeld } from './cash-handover';

/**
 * Invoices (收费单/发票) and their payments, as the store keeps them. Never deleted: a void keeps
 * its number; cash taken on site stays "held" by its technician until finance records the
 * hand-over. Every change runs in the caller's transaction with the invoice row locked.
 */
import type { Selectable } from 'kysely';
import type { Trx } from '../schema';
import type { InvoiceTable, PaymentTable } from '../schema';
import { NotFoundError, RuleViolation } from '../../rules/errors';
import { amountInWords, checkPayment, statusAfterPayments, type InvoiceStatus, type PaymentMethod } from '../../rules/invoice';
import type { InvoiceLine } from '../../rules/fees';
import { fenToYuan } from '../../rules/money';
import { flag, isPostgres, type Page } from './common';

/** A payment as given out: its row's columns as schema.ts types them, the on-site flag a boolean, its technician by name. */
export interface InvoicePayment extends Pick<
	Selectable<PaymentTable>,
	'amountFen' | 'method' | 'paidAt' | 'paidOn' | 'recordedBy' | 'note' | 'handedOverAt' | 'handedOverBy'
> {
	onSite: boolean;
	technician: { name: string; phone: string } | null;
}

/** An invoice as nodes and webhooks give it out (RECORDS.md *Invoices and payments*, and more). */
export interface Invoice {
	id: number;
	invoiceNumber: string;
	source: { kind: 'ticket'; ticketNumber: string } | { kind: 'order-stage'; orderNumber: string; stage: string };
	ticketNumber: string | null;
	orderNumber: string | null;
	stage: string | null;
	category: string | null;
	customerName: string;
	customerCode: string | null;
	issuedOn: string;
	issuedAt: string;
	issuedBy: string;
	lines: InvoiceLine[];
	totalFen: number;
	paidFen: number;
	balanceFen: number;
	totalYuan: string;
	paidYuan: string;
	balanceYuan: string;
	status: InvoiceStatus;
	collectedOnSite: boolean;
	amountInWords: string;
	payments: InvoicePayment[];
	fapiaoNumber: string | null;
	voidReason: string | null;
	voidedAt: string | null;
	replacesInvoiceNumber: string | null;
}

type Row = Selectable<InvoiceTable> & { ticketNumber: string | null; customerCode: string | null; replacesInvoiceNumber: string | null };

function select(trx: Trx) {
	return trx
		.selectFrom('invoices as i')
		.leftJoin('tickets as t', 't.id', 'i.ticketId')
		.leftJoin('customers as c', 'c.id', 'i.customerId')
		.leftJoin('invoices as r', 'r.id', 'i.replacesInvoiceId')
		.selectAll('i')
		.select(['t.ticketNumber as ticketNumber', 'c.code as customerCode', 'r.invoiceNumber as replacesInvoiceNumber']);
}

async function toInvoice(trx: Trx, row: Row): Promise<Invoice> {
	return (await toInvoices(trx, [row]))[0];
}

/** How many invoices' lines and payments one statement reads (well under SQLite's and PostgreSQL's parameter limits). */
const BATCH = 1000;

/** The invoices of `rows` with their lines and payments: two statements per BATCH invoices, not two per invoice. */
async function toInvoices(trx: Trx, rows: readonly Row[]): Promise<Invoice[]> {
	const linesOf = new Map<number, LineRow[]>();
	const paymentsOf = new Map<number, PaymentRow[]>();
	for (let k = 0; k < rows.length; k += BATCH) {
		const ids = rows.slice(k, k + BATCH).map((r) => r.id);
		const lines = await trx
			.selectFrom('invoiceLines')
			.select(['invoiceId', 'kind', 'description', 'quantity', 'unitFen', 'amountFen'])
			.where('invoiceId', 'in', ids)
			.orderBy('invoiceId')
			.orderBy('lineNo')
			.execute();
		for (const l of lines) push(linesOf, Number(l.invoiceId), l);
		const payments = await trx
			.selectFrom('payments as p')
			.leftJoin('technicians as k', 'k.id', 'p.technicianId')
			.select([
				'p.invoiceId',
				'p.amountFen',
				'p.method',
				'p.paidAt',
				'p.paidOn',
				'p.recordedBy',
				'p.note',
				'p.onSite',
				'p.handedOverAt',
				'p.handedOverBy',
				'k.name as technicianName',
				'k.phone as technicianPhone',
			])
			.where('p.invoiceId', 'in', ids)
			.orderBy('p.invoiceId')
			.orderBy('p.id')
			.execute();
		for (const p of payments) push(paymentsOf, Number(p.invoiceId), p);
	}
	return rows.map((row) => invoiceOf(row, linesOf.get(row.id) ?? [], paymentsOf.get(row.id) ?? []));
}

function push<T>(m: Map<number, T[]>, k: number, v: T): void {
	const list = m.get(k);
	if (list) list.push(v);
	else m.set(k, [v]);
}

type LineRow = { kind: string; description: string; quantity: number; unitFen: number; amountFen: number };
type PaymentRow = Pick<
	Selectable<PaymentTable>,
	'amountFen' | 'method' | 'paidAt' | 'paidOn' | 'recordedBy' | 'note' | 'onSite' | 'handedOverAt' | 'handedOverBy'
> & {
	technicianName: string | null;
	technicianPhone: string | null;
};

function invoiceOf(row: Row, lines: readonly LineRow[], payments: readonly PaymentRow[]): Invoice {
	const totalFen = Number(row.totalFen);
	const paidFen = Number(row.paidFen);
	const balanceFen = row.status === 'void' ? 0 : totalFen - paidFen;
	return {
		id: row.id,
		invoiceNumber: row.invoiceNumber,
		source:
			row.sourceKind === 'ticket'
				? { kind: 'ticket', ticketNumber: row.ticketNumber ?? row.sourceKey.replace(/^ticket:/, '') }
				: { kind: 'order-stage', orderNumber: row.orderNumber ?? '', stage: row.orderStage ?? '' },
		ticketNumber: row.ticketNumber,
		orderNumber: row.orderNumber,
		stage: row.orderStage,
		category: row.category,
		customerName: row.customerName,
		customerCode: row.customerCode,
		issuedOn: row.issuedOn,
		issuedAt: row.issuedAt,
		issuedBy: row.issuedBy,
		lines: lines.map((l) => ({
			kind: l.kind as InvoiceLine['kind'],
			description: l.description,
			quantity: Number(l.quantity),
			unitFen: Number(l.unitFen),
			amountFen: Number(l.amountFen),
		})),
		totalFen,
		paidFen,
		balanceFen,
		totalYuan: fenToYuan(totalFen),
		paidYuan: fenToYuan(paidFen),
		balanceYuan: fenToYuan(balanceFen),
		status: row.status,
		collectedOnSite: flag(row.collectedOnSite),
		amountInWords: amountInWords(totalFen),
		payments: payments.map((p) => ({
			amountFen: Number(p.amountFen),
			method: p.method,
			paidAt: p.paidAt,
			paidOn: p.paidOn,
			recordedBy: p.recordedBy,
			note: p.note,
			onSite: flag(p.onSite),
			technician: p.technicianName ? { name: p.technicianName, phone: p.technicianPhone! } : null,
			handedOverAt: p.handedOverAt,
			handedOverBy: p.handedOverBy,
		})),
		fapiaoNumber: row.fapiaoNumber,
		voidReason: row.voidReason,
		voidedAt: row.voidedAt,
		replacesInvoiceNumber: row.replacesInvoiceNumber,
	};
}

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

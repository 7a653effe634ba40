/**
 * How an invoice is read (registers/invoices.ts): its row with ticket, customer code and the
 * invoice it replaces, and its lines and payments — for a list, two statements per 1,000 invoices
 * rather than two per invoice (a year's 5,000 receivables: 10,001 statements before, 3 now).
 */
import type { Selectable } from 'kysely';
import type { Trx } from '../schema';
import type { InvoiceTable, PaymentTable } from '../schema';
import { amountInWords, type InvoiceStatus } from '../../rules/invoice';
import type { InvoiceLine } from '../../rules/fees';
import { fenToYuan } from '../../rules/money';
import { flag } from './common';

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

export type Row = Selectable<InvoiceTable> & { ticketNumber: string | null; customerCode: string | null; replacesInvoiceNumber: string | null };

export function select(trx: Trx) {
	return trx
		.selectFrom('invoices as i')
		.leftJoin('tickets as t', 't.id', 'i.ticketId')
		.leftJoin('customers as c', 'c.id', 'i.customerId')
		.leftJoin('invoices as r', 'r.id', 'i.replacesInvoiceId')
		.selectAll('i')
		.select(['t.ticketNumber as ticketNumber', 'c.code as customerCode', 'r.invoiceNumber as replacesInvoiceNumber']);
}

export async function toInvoice(trx: Trx, row: Row): Promise<Invoice> {
	return (await toInvoices(trx, [row]))[0];
}

/** How many invoices' lines and payments one statement reads (well under SQLite's and PostgreSQL's parameter limits). */
const BATCH = 1000;

/** The invoices of `rows` with their lines and payments: two statements per BATCH invoices, not two per invoice. */
export async function toInvoices(trx: Trx, rows: readonly Row[]): Promise<Invoice[]> {
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

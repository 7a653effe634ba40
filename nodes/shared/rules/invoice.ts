/**
 * Invoices and payments (P5, P8, T8, T11; decisions for part P): the company's billing records.
 * Numbers FP-YYYY-NNNNNN, gap-free per calendar year (the store hands out the sequence); one
 * invoice per source — a repair ticket, or a tile order's payment notice or settlement; never
 * deleted: a void keeps its number and a reason, a replacement takes a new number. Payments by
 * cash, WeChat Pay, Alipay, bank transfer or card, in parts, never more than is owed.
 */
import nzh from 'nzh/cn';
import { ProblemList, RuleViolation, fieldError, shown } from './errors';
import { fenToYuan, yuanToFen } from './money';
import { isBlank, isText, notTextMessage, refuseUnprintable } from './records';
import { parsePastMoment } from './dates';
import { lookUp } from './enums';
import type { OrderStage } from './order-invoice';

export const MAX_YEARLY_INVOICE_SEQUENCE = 999_999;

/** Invoice (收费单/发票): FP-2026-000042, gap-free per calendar year. */
export function invoiceNumber(year: number, seq: number): string {
	if (!Number.isInteger(year) || year < 1000 || year > 9999)
		throw new RuleViolation(`An invoice number needs the year as four digits; got ${String(year)}`, 'year');
	if (!Number.isInteger(seq) || seq < 1 || seq > MAX_YEARLY_INVOICE_SEQUENCE) {
		throw new RuleViolation(
			`An invoice number needs a sequence number from 1 to ${MAX_YEARLY_INVOICE_SEQUENCE} for the year; got ${String(seq)}`,
			'seq',
		);
	}
	return `FP-${year}-${String(seq).padStart(6, '0')}`;
}

export const INVOICE_NUMBER_PATTERN = /^FP-\d{4}-\d{6}$/;

/** What an invoice is issued from: a repair ticket now, a tile order's stage once orders exist. */
export type InvoiceSource = { kind: 'ticket'; ticketNumber: string } | { kind: 'order-stage'; orderNumber: string; stage: OrderStage };

/** The store's unique key of a source: one live invoice per ticket or order stage. */
export function sourceKey(source: InvoiceSource): string {
	return source.kind === 'ticket' ? `ticket:${source.ticketNumber}` : `order:${source.orderNumber}:${source.stage}`;
}

export type InvoiceStatus = 'issued' | 'paid' | 'void';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['issued', 'paid', 'void'];
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, { en: string; zh: string }> = {
	issued: { en: 'Issued, not fully paid', zh: '已开具未收清' },
	paid: { en: 'Paid', zh: '已收清' },
	void: { en: 'Void', zh: '已作废' },
};

export type PaymentMethod = 'cash' | 'wechat' | 'alipay' | 'bank-transfer' | 'card';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'wechat', 'alipay', 'bank-transfer', 'card'];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, { en: string; zh: string }> = {
	cash: { en: 'Cash', zh: '现金' },
	wechat: { en: 'WeChat Pay', zh: '微信支付' },
	alipay: { en: 'Alipay', zh: '支付宝' },
	'bank-transfer': { en: 'Bank transfer', zh: '银行转账' },
	card: { en: 'Card', zh: '刷卡' },
};

/** What staff type for a method: the code, its Chinese or English name ("微信", "WeChat Pay", "转账"). */
const METHOD_WORDS: Record<string, PaymentMethod> = {
	cash: 'cash',
	现金: 'cash',
	wechat: 'wechat',
	'wechat pay': 'wechat',
	weixin: 'wechat',
	微信: 'wechat',
	微信支付: 'wechat',
	alipay: 'alipay',
	支付宝: 'alipay',
	'bank-transfer': 'bank-transfer',
	'bank transfer': 'bank-transfer',
	transfer: 'bank-transfer',
	银行转账: 'bank-transfer',
	转账: 'bank-transfer',
	card: 'card',
	刷卡: 'card',
	银行卡: 'card',
	pos: 'card',
};

export function paymentMethod(value: unknown, field = 'method'): PaymentMethod {
	const text = String(value ?? '')
		.normalize('NFKC')
		.trim()
		.toLowerCase();
	const m = lookUp(METHOD_WORDS, text);
	if (!m) {
		throw fieldError(
			field,
			`Payment method (付款方式): ${shown(value ?? '')} is not allowed; expected one of ${PAYMENT_METHODS.join(', ')} (现金, 微信, 支付宝, 银行转账, 刷卡)`,
		);
	}
	return m;
}

/** The status an invoice has with `paidFen` of `totalFen` paid (void stays void). */
export function statusAfterPayments(totalFen: number, paidFen: number, voided: boolean): InvoiceStatus {
	if (voided) return 'void';
	return paidFen >= totalFen ? 'paid' : 'issued';
}

/** Refuses a payment on a void invoice, or one more than is still owed. */
export function checkPayment(invoice: { invoiceNumber: string; status: InvoiceStatus; totalFen: number; paidFen: number }, amountFen: number): void {
	if (invoice.status === 'void')
		throw new RuleViolation(`Invoice ${invoice.invoiceNumber} is void: no payment can be recorded on it`, 'invoiceNumber');
	const owed = invoice.totalFen - invoice.paidFen;
	if (owed <= 0)
		throw new RuleViolation(`Invoice ${invoice.invoiceNumber} is already paid in full (${fenToYuan(invoice.totalFen)} yuan)`, 'amountYuan');
	if (amountFen > owed) {
		throw new RuleViolation(
			`Amount (金额): ${fenToYuan(amountFen)} yuan is more than invoice ${invoice.invoiceNumber} still owes (${fenToYuan(owed)} of ${fenToYuan(invoice.totalFen)} yuan); record at most ${fenToYuan(owed)}`,
			'amountYuan',
		);
	}
}

export interface CleanPayment {
	amountFen: number;
	method: PaymentMethod;
	/** ISO UTC; `now` when not given. */
	paidAt: string;
	note: string | null;
}

/** A payment as a clerk records it: `{ amountYuan, method, paidAt?, note? }`; every problem at once. */
export function cleanPayment(input: Record<string, unknown>, zone: string, now: string): CleanPayment {
	refuseUnprintable(input);
	const problems = new ProblemList();
	let amountFen: number | undefined;
	if (isBlank(input.amountYuan)) problems.add('amountYuan', 'Amount (金额): is empty; expected the yuan paid, for example 165 or 165.50');
	else {
		amountFen = problems.check(() => yuanToFen(input.amountYuan, 'amountYuan'));
		if (amountFen === 0) problems.add('amountYuan', 'Amount (金额): 0 is not a payment; expected more than 0 yuan');
	}
	const method = isBlank(input.method)
		? (problems.add('method', `Payment method (付款方式): is empty; expected one of ${PAYMENT_METHODS.join(', ')}`), undefined)
		: problems.check(() => paymentMethod(input.method));
	const paidAt = isBlank(input.paidAt) ? now : problems.check(() => parsePastMoment(input.paidAt, 'paidAt', zone, now));
	if (!isBlank(input.note) && !isText(input.note)) problems.add('note', notTextMessage('Note (备注)', input.note));
	const note = isBlank(input.note) || !isText(input.note) ? null : String(input.note).trim().slice(0, 500);
	problems.throwIfAny();
	return { amountFen: amountFen!, method: method!, paidAt: paidAt!, note };
}

/** The official tax fapiao number (发票号码) as finance gets it: 8 to 20 digits. */
export function fapiaoNumber(value: unknown): string {
	if (typeof value === 'object' && value !== null)
		throw fieldError('fapiaoNumber', notTextMessage('Fapiao number (发票号码)', value, 'its 8 to 20 digits, for example 26312000000123456789'));
	const text = String(value ?? '')
		.normalize('NFKC')
		.replace(/\s/g, '');
	if (!/^\d{8,20}$/.test(text)) {
		throw fieldError(
			'fapiaoNumber',
			`Fapiao number (发票号码): ${shown(value ?? '')} is not a fapiao number; expected its 8 to 20 digits, for example 26312000000123456789`,
		);
	}
	return text;
}

/**
 * The amount in Chinese capitals (大写) as printed on an invoice: 16500 fen → 壹佰陆拾伍元整,
 * 10001 → 壹佰元零壹分. By the `nzh` library, from the exact yuan text (never a float).
 */
export function amountInWords(fen: number): string {
	if (!Number.isSafeInteger(fen) || fen < 0)
		throw new RuleViolation(`An amount in capitals needs a whole number of fen of 0 or more; got ${String(fen)}`, 'amountFen');
	// Whole yuan without decimals (nzh then writes 整), and no trailing zero in the decimals.
	const text = fen % 100 === 0 ? String(Math.floor(fen / 100)) : fenToYuan(fen).replace(/0$/, '');
	return nzh.toMoney(text, { outSymbol: false });
}

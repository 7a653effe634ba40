/**
 * Invoices of a tile order's stages (T8 payment notice, T11 settlement; issue 9). The payment
 * notice invoices the goods and the processing; the settlement invoices what installation added
 * (extra tiles, secondary processing) less returned tiles. Together they are everything the order
 * charges. What the customer paid on the order — the deposit and the payments, net of refunds —
 * counts as paid on them, first on the payment notice, the rest on the settlement; a settlement
 * that credits more than it charges has no invoice (nothing to charge) and its credit counts as
 * paid on the payment notice, since it is money the customer no longer owes for the goods.
 */
import { fieldError, shown } from './errors';
import { isBlank } from './records';
import { lookUp } from './enums';

export type OrderStage = 'payment-notice' | 'settlement';
export const ORDER_STAGE_LABELS: Record<OrderStage, { en: string; zh: string }> = {
	'payment-notice': { en: 'Payment notice', zh: '付款通知单' },
	settlement: { en: 'Settlement', zh: '结算单' },
};

const STAGE_WORDS: Record<string, OrderStage> = {
	'payment-notice': 'payment-notice',
	'payment notice': 'payment-notice',
	paymentnotice: 'payment-notice',
	付款通知单: 'payment-notice',
	付款通知: 'payment-notice',
	settlement: 'settlement',
	settle: 'settlement',
	结算单: 'settlement',
	结算: 'settlement',
};

/** The stage a clerk names: its code or its Chinese name; anything else is refused (field `stage`). */
export function orderStage(value: unknown, field = 'stage'): OrderStage {
	if (isBlank(value)) throw fieldError(field, 'Stage (阶段): is empty; expected payment-notice (付款通知单) or settlement (结算单)');
	const text = typeof value === 'object' ? '' : String(value).normalize('NFKC').trim().toLowerCase();
	const stage = lookUp(STAGE_WORDS, text);
	if (!stage)
		throw fieldError(
			field,
			`Stage (阶段): ${shown(value)} is not a stage of a tile order; expected payment-notice (付款通知单) or settlement (结算单)`,
		);
	return stage;
}

/** What the order's ledger says, in fen, for sharing it out over the stage invoices. */
export interface OrderPaidBasis {
	/** The deposit taken when the order was signed (T1). */
	depositFen: number;
	/** Payments on the order, refunds (negative) included. */
	paidFen: number;
	/** What the payment notice charges: its live invoice's total, else goods + processing. */
	paymentNoticeFen: number;
	/** What the settlement charges: extra + secondary processing − returns (negative: a credit). */
	settlementFen: number;
}

/**
 * How much of what the customer paid counts on each stage's invoice: the deposit, the payments
 * and a settlement credit fill the payment notice first, then the settlement; never below 0,
 * never above what the stage charges.
 */
export function shareOrderPaid(b: OrderPaidBasis): Record<OrderStage, number> {
	const pool = b.depositFen + b.paidFen + Math.max(0, -b.settlementFen);
	const notice = Math.min(Math.max(0, pool), Math.max(0, b.paymentNoticeFen));
	const settlement = Math.min(Math.max(0, pool - Math.max(0, b.paymentNoticeFen)), Math.max(0, b.settlementFen));
	return { 'payment-notice': notice, settlement };
}

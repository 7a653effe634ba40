/**
 * A tile order's money (RULES.md): the settlement, what is due before delivery, and the checks on
 * a payment or refund, a return and the completion. Amounts in fen.
 */
import { RuleViolation } from './errors';
import { yuan } from './money';
import type { TileOrderStatus } from './tile-order-lifecycle';

/** What the order charges and what came in, all in fen. */
export interface OrderMoney {
	goodsFen: number;
	processingFen: number;
	extraFen: number;
	returnsFen: number;
	reprocessingFen: number;
	depositFen: number;
	paidFen: number;
}

export interface Settlement extends OrderMoney {
	/** > 0: the customer owes; < 0: the store owes the customer (a refund). */
	balanceFen: number;
}

/** Settlement = goods + processing + secondary charges − returns − deposit − payments made (RULES.md). */
export function settlementOf(m: OrderMoney): Settlement {
	return { ...m, balanceFen: m.goodsFen + m.processingFen + m.extraFen + m.reprocessingFen - m.returnsFen - m.depositFen - m.paidFen };
}

/** What the customer still owes for the goods and processing before delivery (deposit and payments counted). */
export function dueBeforeDelivery(m: OrderMoney): number {
	return m.goodsFen + m.processingFen - m.depositFen - m.paidFen;
}

/**
 * Checks a payment against what is owed: a payment (> 0) at most the balance; a refund (< 0,
 * with a reason) at most what the store owes — on a cancelled order, at most what the customer
 * paid (deposit included). The balance of a cancelled order counts no charges.
 */
export function checkPayment(orderNumber: string, status: TileOrderStatus, amountFen: number, s: Settlement): void {
	const balance = status === 'cancelled' ? -(s.depositFen + s.paidFen) : s.balanceFen;
	if (amountFen > 0) {
		if (status === 'cancelled')
			throw new RuleViolation(`Order ${orderNumber} was cancelled: it takes refunds only (a negative amount with a reason)`, 'amountYuan');
		if (amountFen > balance) {
			throw new RuleViolation(
				`Amount (金额): ${yuan(amountFen)} is more than is owed; order ${orderNumber} owes ${yuan(Math.max(0, balance))}${balance < 0 ? ` (the store owes the customer ${yuan(-balance)}: record a refund as a negative amount)` : ''}`,
				'amountYuan',
			);
		}
	} else if (-amountFen > -balance) {
		throw new RuleViolation(
			`Amount (金额): a refund of ${yuan(-amountFen)} is more than the store owes; ${balance < 0 ? `at most ${yuan(-balance)} can be refunded` : `the customer owes ${yuan(balance)} and nothing is to be refunded`}`,
			'amountYuan',
		);
	}
}

/** A return of more boxes than were delivered (net of earlier returns) is refused. */
export function checkReturn(modelCode: string, boxes: number, deliveredBoxes: number, returnedBoxes: number): void {
	const left = deliveredBoxes - returnedBoxes;
	if (boxes > left) {
		throw new RuleViolation(
			deliveredBoxes === 0
				? `Boxes (箱数): no box of ${modelCode} was delivered on this order; a return takes back delivered boxes`
				: `Boxes (箱数): ${boxes} boxes of ${modelCode} is more than was delivered; ${deliveredBoxes} delivered${returnedBoxes ? `, ${returnedBoxes} already returned` : ''}, so at most ${left} can be returned`,
			'boxes',
		);
	}
}

/** Completion (T12) needs a settled balance of zero. */
export function checkCompletion(orderNumber: string, balanceFen: number): void {
	if (balanceFen > 0)
		throw new RuleViolation(
			`Order ${orderNumber} cannot be completed: the customer still owes ${yuan(balanceFen)}; record the payment first`,
			'balanceFen',
		);
	if (balanceFen < 0)
		throw new RuleViolation(
			`Order ${orderNumber} cannot be completed: the store owes the customer ${yuan(-balanceFen)}; record the refund (a negative payment with a reason) first`,
			'balanceFen',
		);
}

import { RuleViolation } from './errors';

export interface StockLevel {
	modelCode: string;
	onHand: number;
	reserved: number;
}

/**
 * The boxes on hand after a signed adjustment. Stock never goes below zero, nor below the boxes
 * reserved for prepared orders (T12: those boxes are promised; releasing them is the order's job).
 */
export function adjustedStock(stock: StockLevel, delta: number): number {
	if (!Number.isInteger(delta) || delta === 0) {
		throw new RuleViolation(
			`Change in boxes (增减箱数): ${delta} is not allowed; expected a whole number of boxes other than 0, negative to take stock out`,
			'delta',
		);
	}
	const after = stock.onHand + delta;
	if (after < 0) {
		throw new RuleViolation(
			`Change in boxes (增减箱数): taking ${-delta} boxes of ${stock.modelCode} would leave ${after}; only ${stock.onHand} are on hand and stock cannot go below zero`,
			'delta',
		);
	}
	if (after < stock.reserved) {
		throw new RuleViolation(
			`Change in boxes (增减箱数): taking ${-delta} boxes of ${stock.modelCode} would leave ${after}, fewer than the ${stock.reserved} reserved for orders; at most ${stock.onHand - stock.reserved} can be taken`,
			'delta',
		);
	}
	return after;
}

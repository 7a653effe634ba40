/**
 * What a repair costs the customer (P5, decisions for part P): the category's fee rule turned
 * into invoice lines, in integer fen.
 * - A paid service: the call-out fee, labour per started half hour, parts at their unit price;
 * - B per-visit contract: the contract's visit fee, plus parts unless the contract includes them;
 * - B annual contract: parts only, unless the contract includes them;
 * - C (warranty) and D (internal): nothing to charge.
 * The rates are the node's parameters (defaults below); nothing here reads a clock or a store.
 */
import { RuleViolation, fieldError } from './errors';
import { fenToYuan, yuanToFen } from './money';
import type { Category, CustomerType } from './service-category';

/** The ticket kinds, then a tile order's stages (T8, T11): goods and processing at the payment notice; extra tiles, secondary processing and returned tiles (a credit: negative amount) at the settlement. */
export type InvoiceLineKind = 'call-out' | 'labour' | 'parts' | 'visit-fee' | 'goods' | 'processing' | 'extra' | 'reprocessing' | 'return';

export interface InvoiceLine {
	kind: InvoiceLineKind;
	description: string;
	quantity: number;
	unitFen: number;
	amountFen: number;
}

export interface FeeRates {
	/** Category A call-out fee (上门费). */
	callOutFen: number;
	/** Category A labour per hour (人工费), billed per started half hour: half of it per half hour. */
	labourPerHourFen: number;
	/** A fee at or under this may be collected on site by the technician (P5). */
	onSiteThresholdFen: number;
}

export const DEFAULT_FEE_RATES: FeeRates = { callOutFen: 5000, labourPerHourFen: 8000, onSiteThresholdFen: 30000 };

/** A part used on the job, with its price per unit (null: no price was given). */
export interface PricedPart {
	part: string;
	quantity: number;
	unitFen: number | null;
}

/** The contract a B ticket is charged by. */
export interface ChargingContract {
	contractNo: string;
	kind: 'annual' | 'per-visit';
	visitFeeFen: number;
	partsIncluded: boolean;
}

/** Everything the fee rule looks at: the ticket's category, its contract, the time worked and the parts. */
export interface ChargeBasis {
	category: Category;
	customerType: CustomerType | string;
	contract: ChargingContract | null;
	/** Minutes worked on the job (visit and repair card), for category A labour. */
	minutes: number;
	parts: PricedPart[];
}

/** The rates from the yuan a clerk types in the node's Fees parameters: 50, "80", "300.00". */
export function feeRatesFromYuan(input: { callOutYuan?: unknown; labourPerHourYuan?: unknown; onSiteThresholdYuan?: unknown }): FeeRates {
	const pick = (v: unknown, field: string, fallback: number) => (v === undefined || v === null || v === '' ? fallback : yuanToFen(v, field));
	const rates = {
		callOutFen: pick(input.callOutYuan, 'callOutYuan', DEFAULT_FEE_RATES.callOutFen),
		labourPerHourFen: pick(input.labourPerHourYuan, 'labourPerHourYuan', DEFAULT_FEE_RATES.labourPerHourFen),
		onSiteThresholdFen: pick(input.onSiteThresholdYuan, 'onSiteThresholdYuan', DEFAULT_FEE_RATES.onSiteThresholdFen),
	};
	if (rates.labourPerHourFen % 2 !== 0) {
		throw fieldError(
			'labourPerHourYuan',
			`Labour per hour (人工费/小时): ${fenToYuan(rates.labourPerHourFen)} yuan does not split into two equal half hours in fen; expected an amount in steps of 0.02 yuan, for example 80`,
		);
	}
	return rates;
}

/** Started half hours in `minutes`: 1–30 → 1, 31–60 → 2, 61 → 3. */
export function startedHalfHours(minutes: number): number {
	if (!Number.isInteger(minutes) || minutes < 0)
		throw new RuleViolation(`Minutes worked: ${String(minutes)} is not a whole number of 0 or more`, 'minutes');
	return Math.ceil(minutes / 30);
}

/** Whether the parts of this job are charged to the customer (A always; B unless the contract includes them). */
export function partsCharged(category: Category, contract: ChargingContract | null): boolean {
	if (category === 'A') return true;
	if (category === 'B') return !(contract?.partsIncluded ?? false);
	return false;
}

function partLines(parts: PricedPart[]): InvoiceLine[] {
	return parts.map((p) => {
		if (p.unitFen === null) {
			throw new RuleViolation(
				`Part "${p.part}" has no unit price (单价); the customer pays for parts on this ticket: give its unitPriceYuan`,
				'parts',
			);
		}
		return { kind: 'parts', description: `零件 Part: ${p.part}`, quantity: p.quantity, unitFen: p.unitFen, amountFen: p.quantity * p.unitFen };
	});
}

/**
 * The invoice lines of a job by its category's fee rule. Empty: nothing to charge (C, D, an
 * annual contract without parts to pay, a rate of 0). A part without a price that the customer
 * pays for is refused (RuleViolation, field `parts`) rather than billed at nothing.
 */
export function feeLines(basis: ChargeBasis, rates: FeeRates): InvoiceLine[] {
	const lines: InvoiceLine[] = [];
	if (basis.category === 'A') {
		if (rates.callOutFen > 0)
			lines.push({ kind: 'call-out', description: '上门费 Call-out fee', quantity: 1, unitFen: rates.callOutFen, amountFen: rates.callOutFen });
		const halves = startedHalfHours(basis.minutes);
		const perHalf = rates.labourPerHourFen / 2;
		if (halves > 0 && perHalf > 0) {
			lines.push({
				kind: 'labour',
				description: `人工费 Labour: ${basis.minutes} min, ${halves} × 半小时 half hour`,
				quantity: halves,
				unitFen: perHalf,
				amountFen: halves * perHalf,
			});
		}
	} else if (basis.category === 'B') {
		if (!basis.contract)
			throw new RuleViolation(
				'A contract-service (B) ticket without its contract cannot be charged; the contract is no longer in the register',
				'contractNo',
			);
		if (basis.contract.kind === 'per-visit' && basis.contract.visitFeeFen > 0) {
			lines.push({
				kind: 'visit-fee',
				description: `按次服务费 Visit fee, contract ${basis.contract.contractNo}`,
				quantity: 1,
				unitFen: basis.contract.visitFeeFen,
				amountFen: basis.contract.visitFeeFen,
			});
		}
	}
	if (partsCharged(basis.category, basis.contract)) lines.push(...partLines(basis.parts));
	return lines.filter((l) => l.amountFen > 0 || l.kind === 'parts');
}

/** The exact total of the lines in fen. */
export function totalFen(lines: readonly InvoiceLine[]): number {
	let total = 0;
	for (const l of lines) total += l.amountFen;
	if (!Number.isSafeInteger(total)) throw new RuleViolation('The invoice total is too large to keep exactly', 'totalFen');
	return total;
}

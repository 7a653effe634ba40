/** For invoices (issue 9): what a stage of a tile order charges. */
import type { Trx } from '../store/schema';
import { NotFoundError, RuleViolation, shown } from '../rules/errors';
import { findCustomer } from '../store/registers/customers';
import { orderItems, orderLines, orderMoney, requireOrderRow } from '../store/registers/tile-order-rows';
import type { Settlement } from '../rules/tile-order-money';
import type { OrderStage } from '../rules/order-invoice';
import type { InvoiceLine, InvoiceLineKind } from '../rules/fees';

export type { OrderStage };

/** An invoice line of an order's stage: quantity in boxes (goods, extra, return) or 1; a return's amount is negative (a credit). */
export type StageChargeLine = InvoiceLine & { kind: Extract<InvoiceLineKind, 'goods' | 'processing' | 'extra' | 'reprocessing' | 'return'> };

export interface StageCharges {
	orderNumber: string;
	stage: OrderStage;
	customer: { code: string; name: string; phone: string; email: string | null; address: string };
	lines: StageChargeLine[];
	totalFen: number;
	/** The order's whole money as it stands, for reference. */
	settlement: Settlement;
}

/**
 * What a stage of the order charges, in fen, for an invoice: the payment notice charges the goods
 * and processing (T8); the settlement charges what installation added — extra tiles, secondary
 * processing — less returns (T10/T11). The two stages together are everything the order
 * charges, so invoicing both bills nothing twice. Refused when the stage is not reached.
 */
export async function orderStageCharges(trx: Trx, orderNumber: string, stage: OrderStage): Promise<StageCharges> {
	const o = await requireOrderRow(trx, orderNumber);
	if (stage === 'payment-notice' && !o.paymentNoticeAt) throw new RuleViolation(`Order ${o.orderNumber} has no payment notice yet`, 'stage');
	if (stage === 'settlement' && !['settled', 'completed'].includes(o.status))
		throw new RuleViolation(`Order ${o.orderNumber} is not settled yet`, 'stage');
	if (stage !== 'payment-notice' && stage !== 'settlement')
		throw new NotFoundError(`${shown(stage)} is not a stage of a tile order; expected payment-notice or settlement`, 'stage');
	const customer = (await findCustomer(trx, { id: o.customerId }))!;
	const lines: StageChargeLine[] = [];
	if (stage === 'payment-notice') {
		for (const l of await orderLines(trx, o.id)) {
			lines.push({
				kind: 'goods',
				description: `${l.modelCode} ${l.modelName} ${l.widthMm}×${l.heightMm}`,
				quantity: l.boxes,
				unitFen: Number(l.pricePerBoxFen),
				amountFen: Number(l.amountFen),
			});
		}
		if (o.processingFeeFen)
			lines.push({
				kind: 'processing',
				description: `加工费 Processing${o.factory ? ` (${o.factory})` : ''}`,
				quantity: 1,
				unitFen: Number(o.processingFeeFen),
				amountFen: Number(o.processingFeeFen),
			});
	} else {
		const items = await orderItems(trx, o.id);
		for (const i of items) {
			if (i.kind === 'reprocessing')
				lines.push({
					kind: 'reprocessing',
					description: `二次加工 Secondary processing${i.notes ? `: ${i.notes}` : ''}`,
					quantity: 1,
					unitFen: Number(i.amountFen),
					amountFen: Number(i.amountFen),
				});
			else {
				const sign = i.kind === 'return' ? -1 : 1;
				lines.push({
					kind: i.kind,
					description: `${i.kind === 'extra' ? '补砖 Extra tiles' : '退砖 Returned tiles'} ${i.modelCode ?? ''}`.trim(),
					quantity: i.boxes ?? 0,
					unitFen: Number(i.unitFen ?? 0),
					amountFen: sign * Number(i.amountFen),
				});
			}
		}
	}
	return {
		orderNumber: o.orderNumber,
		stage,
		customer: { code: customer.code, name: o.customerName, phone: o.phone, email: o.email, address: o.address },
		lines,
		totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
		settlement: await orderMoney(trx, o),
	};
}

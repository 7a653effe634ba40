/**
 * A tile order's stage invoices (issue 9) kept in step with the order: what is paid on the order
 * shared over them, and voided with a cancelled order.
 */
import type { Trx } from '../schema';
import { statusAfterPayments } from '../../rules/invoice';
import { shareOrderPaid, type OrderStage } from '../../rules/order-invoice';
import { orderMoney, requireOrderRow } from './tile-order-rows';
import { voidInvoice } from './invoices';

/**
 * A tile order's stage invoices count what the customer paid on the order (the deposit and the
 * payments, net of refunds; issue 9): brings the paid amount and status of the order's live
 * stage invoices up to date with the order's ledger. Run in the transaction that holds the order
 * row: after issuing a stage invoice and after every payment or refund on the order.
 */
export async function syncOrderInvoicesPaid(trx: Trx, orderNumber: string, now: string): Promise<void> {
	const live = await trx
		.selectFrom('invoices')
		.select(['id', 'orderStage', 'totalFen', 'paidFen', 'status'])
		.where('sourceKind', '=', 'order-stage')
		.where('orderNumber', '=', orderNumber)
		.where('status', '!=', 'void')
		.execute();
	if (live.length === 0) return;
	const order = await requireOrderRow(trx, orderNumber);
	const money = await orderMoney(trx, order);
	const notice = live.find((i) => i.orderStage === 'payment-notice');
	const share = shareOrderPaid({
		depositFen: money.depositFen,
		paidFen: money.paidFen,
		paymentNoticeFen: notice ? Number(notice.totalFen) : money.goodsFen + money.processingFen,
		settlementFen: money.extraFen + money.reprocessingFen - money.returnsFen,
	});
	for (const inv of live) {
		const paidFen = share[inv.orderStage as OrderStage] ?? 0;
		const status = statusAfterPayments(Number(inv.totalFen), paidFen, false);
		if (paidFen === Number(inv.paidFen) && status === inv.status) continue;
		await trx.updateTable('invoices').set({ paidFen, status, updatedAt: now }).where('id', '=', inv.id).execute();
	}
}

/** A cancelled tile order's live stage invoices are void (订单取消), their numbers kept; what was paid is refunded on the order. */
export async function voidOrderInvoices(trx: Trx, orderNumber: string, reason: string, by: string, now: string): Promise<string[]> {
	const live = await trx
		.selectFrom('invoices')
		.select('invoiceNumber')
		.where('sourceKind', '=', 'order-stage')
		.where('orderNumber', '=', orderNumber)
		.where('status', '!=', 'void')
		.orderBy('id')
		.execute();
	for (const inv of live) await voidInvoice(trx, inv.invoiceNumber, `订单取消 Order cancelled: ${reason}`, by, now);
	return live.map((i) => i.invoiceNumber);
}

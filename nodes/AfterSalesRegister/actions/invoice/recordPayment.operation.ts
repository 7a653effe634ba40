/** Record Payment (收款): cash, WeChat Pay, Alipay, bank transfer or card; in parts, never more than is owed (on a tile order's invoice: a payment on the order). */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { cleanPayment } from '../../../shared/rules/invoice';
import { recordInvoicePayment } from '../../../shared/services/invoicing';
import { fromItem, readInputs } from '../ticket/common';
import { invoiceActorProperty, invoiceDocumentLanguage, invoiceNumberProperty, invoiceOutput, readInvoiceNumber } from './common';
import { actionContext } from '../../../shared/n8n/context';
import { DateTime } from 'luxon';

export const { description, execute }: Operation = {
	description: forOperation('invoice', 'recordPayment', [
		invoiceNumberProperty,
		fromItem('amountYuan', 'Amount (金额, Yuan)', 'Yuan with at most two decimals; at most what the invoice still owes'),
		fromItem('method', 'Payment Method (付款方式)', 'cash, wechat, alipay, bank-transfer or card (现金, 微信, 支付宝, 银行转账, 刷卡)'),
		fromItem('paidAt', 'Paid At (付款时间)', 'Empty: now'),
		fromItem('note', 'Note (备注)'),
		invoiceActorProperty,
		invoiceDocumentLanguage,
	]),
	async execute(i, store) {
		const invoiceNumber = readInvoiceNumber(this, i);
		const ctx = actionContext(this, i);
		const zone = this.getTimezone();
		const p = cleanPayment(readInputs(this, i, ['amountYuan', 'method', 'paidAt', 'note']), zone, ctx.now);
		const paidOn = DateTime.fromISO(p.paidAt).setZone(zone).toISODate()!;
		const invoice = await store.transaction(
			async (trx) =>
				await recordInvoicePayment(
					trx,
					invoiceNumber,
					{ amountFen: p.amountFen, method: p.method, paidAt: p.paidAt, paidOn, recordedBy: ctx.actor, note: p.note },
					ctx,
				),
		);
		return await invoiceOutput(this, invoice, i);
	},
};

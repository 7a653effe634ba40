/** Return Product (归还商品): out-entry with the return date, receipt voided, customer signature (P7). */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { cleanReturn } from '../../../shared/rules/ticket-steps';
import { returnProduct } from '../../../shared/services/ticket-steps';
import { checkStepMoney } from '../../../shared/services/invoicing';
import { feesProperty, readFeeRates } from '../../../shared/n8n/fee-parameters';
import { ticketActorProperty, fromItem, readInputs, readTicketNumber, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'returnProduct', [
		ticketNumberProperty,
		fromItem('returnedOn', 'Returned On (归还日期)', 'Empty: today'),
		fromItem('customerSignature', 'Customer Signature (客户签字)'),
		fromItem(
			'collectedYuan',
			'Collected on Return (现场收费, Yuan)',
			'Paid to the technician when the product went back (P5, P8): only a fee at or under the on-site threshold',
		),
		fromItem('paymentMethod', 'Payment Method (付款方式)', 'cash, wechat, alipay, bank-transfer or card; required with a collection'),
		feesProperty('The rates the collection on return is checked against (P5, P8)'),
		ticketActorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = actionContext(this, i);
		const r = cleanReturn(readInputs(this, i, ['returnedOn', 'customerSignature', 'collectedYuan', 'paymentMethod']), this.getTimezone(), ctx.today);
		const rates = readFeeRates(this, i);
		return await store.transaction(async (trx) => {
			const t = await returnProduct(trx, ticketNumber, r, ctx);
			await checkStepMoney(trx, ticketNumber, rates);
			return await ticketOutput(this, trx, t, i);
		});
	},
};

/** Return Product (归还商品): out-entry with the return date, receipt voided, customer signature (P7). */
import { forOperation, type Operation } from '../common/operation';
import { cleanReturn } from '../../../shared/rules/ticket-steps';
import { returnProduct } from '../../../shared/store/registers/ticket-lifecycle';
import { actorProperty, fromItem, readInputs, readTicketNumber, stepContext, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'returnProduct', [
		ticketNumberProperty,
		fromItem('returnedOn', 'Returned On (归还日期)', 'Empty: today'),
		fromItem('customerSignature', 'Customer Signature (客户签字)'),
		actorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = stepContext(this, i);
		const r = cleanReturn(readInputs(this, i, ['returnedOn', 'customerSignature']), this.getTimezone(), ctx.today);
		return await store.transaction(async (trx) => await ticketOutput(this, trx, await returnProduct(trx, ticketNumber, r, ctx), i));
	},
};

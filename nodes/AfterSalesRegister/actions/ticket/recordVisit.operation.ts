/** Record Visit (上门结果): solved on site (P4), or the product taken back for repair (P6). */
import { forOperation, type Operation } from '../common/operation';
import { cleanVisit } from '../../../shared/rules/ticket-steps';
import { recordVisit } from '../../../shared/store/registers/ticket-lifecycle';
import { actorProperty, fromItem, readInputs, readTicketNumber, stepContext, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';

const FIELDS = ['outcome', 'solution', 'customerSignature', 'signedAt', 'minutes', 'product', 'serialNo', 'accessories'];

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'recordVisit', [
		ticketNumberProperty,
		fromItem('outcome', 'Outcome (处理结果)', '"solved" (当场处理完妥) or "taken-back" (带回修理)'),
		fromItem('solution', 'Solution (处理方法)', 'What was done; required when solved on site'),
		fromItem('customerSignature', 'Customer Signature (客户签字)', 'Name of the customer who signed the service voucher'),
		fromItem('signedAt', 'Signed At (签字时间)', 'Empty: now'),
		fromItem('minutes', 'Minutes on Site (工时)', 'For the technician’s daily work report (P10)', 'number'),
		fromItem('product', 'Product Taken Back (带回商品)', 'Required when taken back'),
		fromItem('serialNo', 'Serial No (序列号)'),
		fromItem('accessories', 'Accessories (附件)'),
		actorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = stepContext(this, i);
		const visit = cleanVisit(readInputs(this, i, FIELDS), this.getTimezone(), ctx.now);
		return await store.transaction(async (trx) => await ticketOutput(this, trx, await recordVisit(trx, ticketNumber, visit, ctx), i));
	},
};

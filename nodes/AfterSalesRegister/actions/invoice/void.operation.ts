/** Void (作废) with a reason: the number stays used; a replacement invoice takes a new number. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { requireText } from '../../../shared/rules/ticket-steps';
import { voidInvoice } from '../../../shared/store/registers/invoices';
import { fromItem, readInputs } from '../ticket/common';
import { invoiceActorProperty, invoiceDocumentLanguage, invoiceNumberProperty, invoiceOutput, readInvoiceNumber } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('invoice', 'void', [
		invoiceNumberProperty,
		fromItem('reason', 'Reason (作废原因)'),
		invoiceActorProperty,
		invoiceDocumentLanguage,
	]),
	async execute(i, store) {
		const invoiceNumber = readInvoiceNumber(this, i);
		const ctx = actionContext(this, i);
		const reason = requireText(readInputs(this, i, ['reason']), 'reason', 'Reason (作废原因)');
		const invoice = await store.transaction(async (trx) => await voidInvoice(trx, invoiceNumber, reason, ctx.actor, ctx.now));
		return await invoiceOutput(this, invoice, i);
	},
};

/** Record Fapiao Number (发票号码): the official tax fapiao's number, when finance has it. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { fapiaoNumber } from '../../../shared/rules/invoice';
import { recordFapiaoNumber } from '../../../shared/store/registers/invoices';
import { fromItem, readInputs } from '../ticket/common';
import { invoiceActorProperty, invoiceDocumentLanguage, invoiceNumberProperty, invoiceOutput, readInvoiceNumber } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('invoice', 'recordFapiaoNumber', [
		invoiceNumberProperty,
		fromItem('fapiaoNumber', 'Fapiao Number (发票号码)', 'The 8 to 20 digits of the official tax fapiao'),
		invoiceActorProperty,
		invoiceDocumentLanguage,
	]),
	async execute(i, store) {
		const invoiceNumber = readInvoiceNumber(this, i);
		const ctx = actionContext(this, i);
		const fapiao = fapiaoNumber(readInputs(this, i, ['fapiaoNumber']).fapiaoNumber);
		const invoice = await store.transaction(async (trx) => await recordFapiaoNumber(trx, invoiceNumber, fapiao, ctx.now));
		return await invoiceOutput(this, invoice, i);
	},
};

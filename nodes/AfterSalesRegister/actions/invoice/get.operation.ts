/** Get an invoice (收费单) with its lines, payments and printable page. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { requireInvoice } from '../../../shared/store/registers/invoices';
import { invoiceDocumentLanguage, invoiceNumberProperty, invoiceOutput, readInvoiceNumber } from './common';

export const { description, execute }: Operation = {
	description: forOperation('invoice', 'get', [invoiceNumberProperty, invoiceDocumentLanguage]),
	async execute(i, store) {
		const invoiceNumber = readInvoiceNumber(this, i);
		const invoice = await store.transaction(async (trx) => await requireInvoice(trx, { invoiceNumber }));
		return await invoiceOutput(this, invoice, i);
	},
};

/** Parameters and helpers shared by the invoice operations (收费单/发票). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fieldError } from '../../../shared/rules/errors';
import { INVOICE_NUMBER_PATTERN } from '../../../shared/rules/invoice';
import { textParameter } from '../../../shared/n8n/per-item';
import { actorProperty } from '../../../shared/n8n/context';
import { documentLanguageProperty } from '../../../shared/n8n/document-language';
import { stringProperty } from '../../../shared/n8n/properties';

export { invoiceJson, invoiceOutput } from '../../../shared/n8n/invoice-output';

export const invoiceNumberProperty: INodeProperties = stringProperty('invoiceNumber', 'Invoice Number (发票编号)', '={{ $json.invoiceNumber }}', {
	required: true,
	placeholder: 'FP-2026-000001',
	hint: "Taken from the input item's invoiceNumber; type a number to work on one invoice",
});

export const invoiceActorProperty = actorProperty({ description: 'Who records this; kept with the invoice' });

export const invoiceDocumentLanguage = documentLanguageProperty('Language of the invoice page (收费单) in the output');

export function readInvoiceNumber(ctx: IExecuteFunctions, i: number): string {
	const n = textParameter(ctx, 'invoiceNumber', i).toUpperCase();
	if (!n) throw fieldError('invoiceNumber', 'Invoice number (发票编号): is empty; expected a number such as FP-2026-000001');
	if (!INVOICE_NUMBER_PATTERN.test(n))
		throw fieldError('invoiceNumber', `Invoice number (发票编号): "${n}" is not an invoice number; expected FP-YYYY-NNNNNN such as FP-2026-000001`);
	return n;
}

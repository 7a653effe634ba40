/** An invoice as the nodes output it: the record (RECORDS.md fields and more) and its printable page as an HTML file. */
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Invoice } from '../store/registers/invoices';
import { renderInvoice } from '../documents/invoice';
import { readDocumentLanguage } from './document-language';
import { letterheadFor } from './store-access';
import { htmlBinary } from './html-binary';

/** The invoice without its store id, as webhooks answer it. */
export function invoiceJson(inv: Invoice): IDataObject {
	const { id: _id, ...rest } = inv;
	return rest as unknown as IDataObject;
}

export async function invoiceOutput(ctx: IExecuteFunctions, inv: Invoice, i: number, extra: IDataObject = {}): Promise<INodeExecutionData> {
	const zone = ctx.getTimezone();
	const shown = (iso: string) => DateTime.fromISO(iso).setZone(zone).toFormat('yyyy-MM-dd HH:mm');
	const html = renderInvoice(inv, shown, readDocumentLanguage(ctx, i), await letterheadFor(ctx));
	return {
		json: { ...invoiceJson(inv), ...extra },
		binary: { invoice: await htmlBinary(ctx, html, `${inv.invoiceNumber}-invoice.html`) },
	};
}

/** A tile order as the nodes output it: the order with its figures and steps, its documents as HTML files, the processing sheet's rows. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { TileOrderView } from '../store/registers/tile-orders';
import { processingSheetRows, tileOrderDocuments } from '../documents/tile-order-documents';
import type { DocumentLang } from '../documents/html';
import { letterheadFor } from './store-access';
import { htmlBinaries } from './html-binary';

export async function tileOrderOutput(ctx: IExecuteFunctions, order: TileOrderView, lang: DocumentLang): Promise<INodeExecutionData> {
	const binary = await htmlBinaries(ctx, tileOrderDocuments(order, ctx.getTimezone(), lang, await letterheadFor(ctx)));
	const json: IDataObject = { ...(order as unknown as IDataObject) };
	// The sheet's rows with the factory's column headers, for n8n's Convert to File (XLSX).
	if (order.processingSheet) json.processingSheetRows = processingSheetRows(order, lang) as unknown as IDataObject[];
	return Object.keys(binary).length ? { json, binary } : { json };
}

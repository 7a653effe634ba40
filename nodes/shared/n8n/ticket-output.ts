/** A ticket as the nodes output it: the record with its take-back records and history, its printable documents as HTML files. */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Trx } from '../store/store';
import { takeBackRecords } from '../store/registers/take-back';
import { ticketEvents, type Ticket } from '../store/registers/tickets';
import { followUpOnForm, ticketDocuments, type TicketDocument } from '../documents/ticket-documents';
import { findSurvey } from '../store/registers/surveys';
import { nowIso } from './per-item';
import { htmlBinaries } from './html-binary';
import { readDocumentLanguage } from './document-language';
import { letterheadFor } from './store-access';
import { ticketParts } from '../store/registers/ticket-money';
import { liaisonLetterOf, type LiaisonLetter } from '../store/registers/liaison-letters';
import { fenToYuan } from '../rules/money';
import { ticketPhotos } from '../store/registers/ticket-photos';
import { visitsFromEvents } from '../store/registers/ticket-visits';

/** The money side of a ticket in its output (P5): the parts with prices, the collection on site, the liaison letter. */
export async function ticketMoneyOutput(
	trx: Trx,
	t: Ticket,
): Promise<{ parts: IDataObject[]; collectedYuan: string | null; liaisonLetter: LiaisonLetter | null }> {
	const parts = (await ticketParts(trx, t.id)).map((p) => ({
		part: p.part,
		quantity: p.quantity,
		unitPriceYuan: p.unitFen === null ? null : fenToYuan(p.unitFen),
		unitPriceFen: p.unitFen,
		source: p.source,
	}));
	return { parts, collectedYuan: t.collectedFen ? fenToYuan(Number(t.collectedFen)) : null, liaisonLetter: await liaisonLetterOf(trx, t.id) };
}

/** The documents as the item's binary properties (repairServiceForm, serviceVoucher …), HTML files. */
export async function documentBinaries(ctx: IExecuteFunctions, docs: TicketDocument[]): Promise<IBinaryKeyData> {
	return await htmlBinaries(ctx, docs);
}

/** The ticket with its take-back records and audit trail; its documents as they stand now. */
export async function ticketOutput(ctx: IExecuteFunctions, trx: Trx, t: Ticket, i: number): Promise<INodeExecutionData> {
	const records = await takeBackRecords(trx, t.id);
	const history = await ticketEvents(trx, t.id);
	const money = await ticketMoneyOutput(trx, t);
	const photos = await ticketPhotos(trx, t.id);
	// The visits are in the history just read: no second query.
	const visits = visitsFromEvents(history);
	const json = {
		...(t as unknown as IDataObject),
		...money,
		// Every visit with its time (RULES turn 3): a visit "other" sends the ticket back to open and is kept here.
		visits: visits as unknown as IDataObject[],
		takeBack: records as unknown as IDataObject,
		history: history as unknown as IDataObject[],
		// The photos' numbers and digests; their bytes are on the documents (Form 1.1, the repair card).
		photos: photos.map((p) => ({
			seq: p.seq,
			contentType: p.contentType,
			fileName: p.fileName,
			size: p.size,
			sha256: p.sha256,
			createdAt: p.createdAt,
		})),
	};
	const followUp = followUpOnForm(await findSurvey(trx, { ticketId: t.id }), nowIso(), ctx.getTimezone());
	// Form 1.1's result box and 备注 from every visit (a visit "other" and the one after it).
	const docs = ticketDocuments(t, records, ctx.getTimezone(), readDocumentLanguage(ctx, i), await letterheadFor(ctx), money.liaisonLetter, followUp, {
		photos,
		visits,
	});
	return { json, binary: await documentBinaries(ctx, docs) };
}

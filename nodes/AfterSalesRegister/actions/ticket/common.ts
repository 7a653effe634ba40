/** Shared by the ticket operations: the ticket number, who acts, the step's clock, the output. */
import { DateTime } from 'luxon';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { nowIso, textParameter } from '../../../shared/n8n/per-item';
import { fieldError } from '../../../shared/rules/errors';
import type { Trx } from '../../../shared/store/store';
import type { StepContext } from '../../../shared/store/registers/ticket-lifecycle';
import { takeBackRecords } from '../../../shared/store/registers/ticket-lifecycle';
import { ticketEvents, type Ticket } from '../../../shared/store/registers/tickets';
import { displayTime, ticketDocuments } from '../../../CreateRepairTicket/documents';
import { renderProductReceipt } from '../../../shared/documents/product-receipt';
import { renderRepairCard } from '../../../shared/documents/repair-card';
import { documentLanguageProperty, readDocumentLanguage } from '../../../shared/n8n/document-language';

/** Language of the ticket's printable documents in the output (voucher, form, receipt, repair card). */
export const ticketDocumentLanguage = documentLanguageProperty("Language of the ticket's printable documents: service voucher, repair service form, product receipt, repair card");

export const ticketNumberProperty: INodeProperties = {
	displayName: 'Ticket Number (工单号)',
	name: 'ticketNumber',
	type: 'string',
	default: '={{ $json.ticketNumber }}',
	required: true,
	placeholder: 'BX-20261127-0001',
};

export const actorProperty: INodeProperties = {
	displayName: 'Done By (经办人)',
	name: 'actor',
	type: 'string',
	default: 'n8n',
	description: 'Who records this step; kept in the audit trail',
};

/** A text parameter read from the input item by default (`={{ $json.<name> }}`). */
export function fromItem(name: string, displayName: string, description?: string, type: 'string' | 'number' = 'string'): INodeProperties {
	return { displayName, name, type: 'string', default: `={{ $json.${name} }}`, ...(description ? { description } : {}), ...(type === 'number' ? { hint: 'A whole number' } : {}) };
}

export function readTicketNumber(ctx: IExecuteFunctions, i: number): string {
	const n = textParameter(ctx, 'ticketNumber', i);
	if (!n) throw fieldError('ticketNumber', 'Ticket number (工单号): is empty; expected a number such as BX-20261127-0001');
	return n;
}

export function stepContext(ctx: IExecuteFunctions, i: number): StepContext {
	const now = nowIso();
	return { now, today: DateTime.fromISO(now).setZone(ctx.getTimezone()).toISODate()!, actor: textParameter(ctx, 'actor', i, 'n8n') };
}

/** Parameters as an input object for the step's rule; blank values stay blank. */
export function readInputs(ctx: IExecuteFunctions, i: number, names: string[]): Record<string, unknown> {
	return Object.fromEntries(names.map((n) => [n, ctx.getNodeParameter(n, i, '')]));
}

/** The ticket with its take-back records and audit trail; its printable documents as HTML files. */
export async function ticketOutput(ctx: IExecuteFunctions, trx: Trx, t: Ticket, i: number): Promise<INodeExecutionData> {
	const zone = ctx.getTimezone();
	const lang = readDocumentLanguage(ctx, i);
	const records = await takeBackRecords(trx, t.id);
	const history = await ticketEvents(trx, t.id);
	const json = { ...(t as unknown as IDataObject), takeBack: records as unknown as IDataObject, history: history as unknown as IDataObject[] };
	const binary: IBinaryKeyData = {};
	// The repair service form (表1.1) and the voucher as they stand now: technician, solution, result.
	const docs = ticketDocuments(t, zone, lang);
	binary.repairServiceForm = await ctx.helpers.prepareBinaryData(Buffer.from(docs.repairServiceForm, 'utf8'), `${t.ticketNumber}-repair-service-form.html`, 'text/html');
	binary.serviceVoucher = await ctx.helpers.prepareBinaryData(Buffer.from(docs.serviceVoucher, 'utf8'), `${t.voucherNumber}-service-voucher.html`, 'text/html');
	if (records.receipt) {
		const html = renderProductReceipt(
			{
				receiptNumber: records.receipt.receiptNumber,
				ticketNumber: t.ticketNumber,
				voucherNumber: t.voucherNumber,
				customerName: t.customerName,
				contactPerson: t.contactPerson,
				phone: t.phone,
				address: t.address,
				productDescription: records.receipt.product,
				serialNumber: records.receipt.serialNo,
				accessories: records.receipt.accessories,
				takenBackAt: records.receipt.takenOn,
				technicianName: t.technician?.name ?? '',
				technicianPhone: t.technician?.phone ?? null,
				voidedAt: displayTime(records.receipt.voidedAt, zone),
			},
			lang,
		);
		binary.productReceipt = await ctx.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), `${records.receipt.receiptNumber}-product-receipt.html`, 'text/html');
	}
	if (records.card) {
		const html = renderRepairCard(
			{
				cardNumber: records.card.cardNumber,
				ticketNumber: t.ticketNumber,
				voucherNumber: t.voucherNumber,
				customerName: t.customerName,
				productDescription: records.receipt?.product ?? '',
				serialNumber: records.receipt?.serialNo ?? t.serialNo,
				fault: t.siteSituation,
				takenBackAt: records.receipt?.takenOn ?? null,
				workEntries: records.card.work.map((w) => ({
					date: w.workedOn,
					technician: w.technicianName ?? '',
					hours: Math.round((w.minutes / 60) * 100) / 100,
					description: w.description ?? '',
				})),
				partsReplaced: records.card.parts.map((p) => ({ name: p.part, quantity: p.quantity })),
				inspection: records.card.inspectedBy ? { inspectedBy: records.card.inspectedBy, inspectedAt: displayTime(records.card.inspectedAt, zone) } : null,
				returnedAt: t.returnedOn ?? null,
			},
			lang,
		);
		binary.repairCard = await ctx.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), `${records.card.cardNumber}-repair-card.html`, 'text/html');
	}
	return { json, binary };
}

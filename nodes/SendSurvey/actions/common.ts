/** Shared by Send Survey's operations: who acts, the clock, the link's address, what an item looks like. */
import { DateTime } from 'luxon';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { escapeHtml } from '../../shared/documents/html';
import { renderComplaintReplyLetter } from '../../shared/documents/complaint-reply-letter';
import { documentLanguageProperty, readDocumentLanguage } from '../../shared/n8n/document-language';
import { letterheadFor } from '../../shared/n8n/store-access';
import { htmlBinary } from '../../shared/n8n/html-binary';
import { textParameter } from '../../shared/n8n/per-item';
import { actorProperty } from '../../shared/n8n/context';
import { fieldError, shown } from '../../shared/rules/errors';
import { REPLY_DAYS, type ComplaintSeverity } from '../../shared/rules/complaints';
import type { SurveyView } from '../../shared/services/follow-up';
import type { ComplaintView } from '../../shared/services/complaints';
import { numberProperty, stringProperty } from '../../shared/n8n/properties';

/** The path the survey answer workflow serves, under n8n's webhook address (RECORDS.md). */
export const SURVEY_PATH = 'webhook/after-sales/surveys/';

/** The actor parameter of Send Survey's operations: "Done By (经办人)", kept in the ticket's history. */
export function surveyActorProperty(defaultActor = 'n8n', description = 'Who records this; kept in the ticket’s history'): INodeProperties {
	return actorProperty({ default: defaultActor, description });
}

export const linkBaseProperty: INodeProperties = stringProperty('linkBase', 'Survey Page Address', '', {
	placeholder: 'https://service.example.com/webhook/after-sales/surveys/',
	description: 'Where customers open the survey form; the token is added at the end. Empty: this n8n’s own address.',
	hint: 'Empty uses this n8n’s address + webhook/after-sales/surveys/ — set it when customers reach n8n at another address',
});

export const validDaysProperty: INodeProperties = numberProperty('validDays', 'Link Valid for (Days)', 30, {
	typeOptions: { minValue: 1, maxValue: 366 },
	description: 'A survey link works this many days, then the customer is asked to call',
});

export const replyDaysProperty: INodeProperties = {
	displayName: 'Days to Reply',
	name: 'replyDays',
	type: 'collection',
	placeholder: 'Change a Deadline',
	default: {},
	description: 'Days from the complaint to the reply, by severity (P17)',
	options: [
		numberProperty('serious', 'Serious (情节重大)', 3, { typeOptions: { minValue: 0 } }),
		numberProperty('general', 'General (一般)', 7, { typeOptions: { minValue: 0 } }),
	],
};

export const letterLanguageProperty = documentLanguageProperty('Language of the complaint reply letter (函告) in the output');

export function readReplyDays(ctx: IExecuteFunctions, i: number): Record<ComplaintSeverity, number> {
	return { ...REPLY_DAYS, ...(ctx.getNodeParameter('replyDays', i, {}) as Partial<Record<ComplaintSeverity, number>>) };
}

export function readValidDays(ctx: IExecuteFunctions, i: number): number {
	const v = ctx.getNodeParameter('validDays', i, 30) as unknown;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 1 || n > 366)
		throw fieldError('validDays', `Link valid for (days): ${shown(v)} is not allowed; expected a whole number of days from 1 to 366, for example 30`);
	return n;
}

/** A text parameter that must not be empty, e.g. a number to look up. */
export function requiredText(ctx: IExecuteFunctions, name: string, i: number, label: string, example: string): string {
	const v = textParameter(ctx, name, i);
	if (!v) throw fieldError(name, `${label}: is empty; expected a number such as ${example}`);
	return v;
}

/** The address of the survey page for this item: the parameter, else n8n's own webhook address. */
export function readLinkBase(ctx: IExecuteFunctions, i: number): string {
	const given = textParameter(ctx, 'linkBase', i);
	if (given) {
		if (!/^https?:\/\/\S+$/i.test(given))
			throw fieldError(
				'linkBase',
				`Survey page address: "${given}" is not a web address; expected for example https://service.example.com/webhook/after-sales/surveys/`,
			);
		return given.endsWith('/') ? given : `${given}/`;
	}
	const base = ctx.getInstanceBaseUrl();
	return `${base.endsWith('/') ? base : `${base}/`}${SURVEY_PATH}`;
}

/** A survey as the node outputs it: with its link, the day it expires (workflow timezone) and page-safe copies of the texts. */
export function surveyItem(s: SurveyView, linkBase: string, zone: string): IDataObject {
	const expiresOn = DateTime.fromISO(s.expiresAt).setZone(zone).toISODate()!;
	return {
		...(s as unknown as IDataObject),
		url: `${linkBase}${s.token}`,
		expiresOn,
		// For page templates (n8n's HTML node inserts values as they are): the same texts, HTML-escaped.
		escaped: {
			surveyNumber: escapeHtml(s.surveyNumber),
			ticketNumber: escapeHtml(s.ticketNumber),
			customerName: escapeHtml(s.customerName),
			contactPerson: escapeHtml(s.contactPerson ?? ''),
			technicianName: escapeHtml(s.technician?.name ?? ''),
			expiresOn: escapeHtml(expiresOn),
		},
	};
}

/** A complaint with its reply letter (函告) as the binary `replyLetter`. */
export async function complaintItem(ctx: IExecuteFunctions, c: ComplaintView, i: number, extra: IDataObject = {}): Promise<INodeExecutionData> {
	const zone = ctx.getTimezone();
	const day = (iso: string) => DateTime.fromISO(iso).setZone(zone).toISODate()!;
	const html = renderComplaintReplyLetter(
		{
			complaintNumber: c.complaintNumber,
			ticketNumber: c.ticketNumber,
			orderNumber: c.orderNumber,
			customerName: c.customerName,
			contactPerson: c.contactPerson,
			address: c.address,
			phone: c.phone,
			receivedOn: day(c.receivedAt),
			severity: c.severity,
			text: c.text,
			replyDueOn: c.replyDueOn,
			technicianName: c.technician?.name ?? null,
			reply: c.reply ? { method: c.reply.method, text: c.reply.text, repliedOn: day(c.reply.repliedAt) } : null,
		},
		readDocumentLanguage(ctx, i),
		await letterheadFor(ctx),
	);
	const binary: IBinaryKeyData = { replyLetter: await htmlBinary(ctx, html, `${c.complaintNumber}-reply-letter.html`) };
	return { json: { ...(c as unknown as IDataObject), ...extra }, binary };
}

/** A text parameter read from the input item by default (`={{ $json.<name> }}`). */
export function fromItem(name: string, displayName: string, description?: string, expression = `={{ $json.${name} }}`): INodeProperties {
	return { displayName, name, type: 'string', default: expression, ...(description ? { description } : {}) };
}

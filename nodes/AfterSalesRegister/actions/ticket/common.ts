/** Shared by the ticket operations: the ticket number, who acts, the step's clock; the output is `shared/n8n/ticket-output.ts`. */
import { DateTime } from 'luxon';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { nowIso, textParameter } from '../../../shared/n8n/per-item';
import { fieldError } from '../../../shared/rules/errors';
import type { StepContext } from '../../../shared/services/ticket-steps';
import { documentLanguageProperty } from '../../../shared/n8n/document-language';

export { ticketOutput } from '../../../shared/n8n/ticket-output';

/** Language of the ticket's printable documents in the output (voucher, form, receipt, repair card). */
export const ticketDocumentLanguage = documentLanguageProperty(
	"Language of the ticket's printable documents: service voucher, repair service form, product receipt, repair card",
);

export const ticketNumberProperty: INodeProperties = {
	displayName: 'Ticket Number (工单号)',
	name: 'ticketNumber',
	type: 'string',
	default: '={{ $json.ticketNumber }}',
	required: true,
	placeholder: 'BX-20261127-0001',
	hint: "Taken from the input item's ticketNumber; type a number to work on one ticket",
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
	return {
		displayName,
		name,
		type: 'string',
		default: `={{ $json.${name} }}`,
		...(description ? { description } : {}),
		...(type === 'number' ? { hint: 'A whole number' } : {}),
	};
}

export function readTicketNumber(ctx: IExecuteFunctions, i: number): string {
	const n = textParameter(ctx, 'ticketNumber', i);
	if (!n) throw fieldError('ticketNumber', 'Ticket number (工单号): is empty; expected a number such as BX-20261127-0001');
	return n;
}

export function stepContext(ctx: IExecuteFunctions, i: number): StepContext {
	const now = nowIso();
	return {
		now,
		today: DateTime.fromISO(now).setZone(ctx.getTimezone()).toISODate()!,
		actor: textParameter(ctx, 'actor', i, 'n8n'),
		zone: ctx.getTimezone(),
	};
}

/** Parameters as an input object for the step's rule; blank values stay blank. */
export function readInputs(ctx: IExecuteFunctions, i: number, names: string[]): Record<string, unknown> {
	return Object.fromEntries(names.map((n) => [n, ctx.getNodeParameter(n, i, '')]));
}

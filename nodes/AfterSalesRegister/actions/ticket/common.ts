/** Shared by the ticket operations: the ticket number, who acts, the step's clock; the output is `shared/n8n/ticket-output.ts`. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { actorProperty } from '../../../shared/n8n/context';
import { ticketNumberProperty as ticketNumber } from '../../../shared/n8n/record-numbers';
import { documentLanguageProperty } from '../../../shared/n8n/document-language';

export { readTicketNumber } from '../../../shared/n8n/record-numbers';

export { ticketOutput } from '../../../shared/n8n/ticket-output';

/** Language of the ticket's printable documents in the output (voucher, form, receipt, repair card). */
export const ticketDocumentLanguage = documentLanguageProperty(
	"Language of the ticket's printable documents: service voucher, repair service form, product receipt, repair card",
);

export const ticketNumberProperty = ticketNumber({ hint: "Taken from the input item's ticketNumber; type a number to work on one ticket" });

export const ticketActorProperty = actorProperty({ description: 'Who records this step; kept in the audit trail' });

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

/** Parameters as an input object for the step's rule; blank values stay blank. */
export function readInputs(ctx: IExecuteFunctions, i: number, names: string[]): Record<string, unknown> {
	return Object.fromEntries(names.map((n) => [n, ctx.getNodeParameter(n, i, '')]));
}

/** Get a ticket (工单) with its take-back records, audit trail and documents. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { requireTicket } from '../../../shared/store/registers/tickets';
import { readTicketNumber, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'get', [ticketNumberProperty, ticketDocumentLanguage]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		return await store.transaction(async (trx) => await ticketOutput(this, trx, await requireTicket(trx, { ticketNumber }), i));
	},
};

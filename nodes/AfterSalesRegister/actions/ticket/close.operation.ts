/** Close (注销): the register entry is cancelled and the voucher archived (P4, P7). */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { closeTicket } from '../../../shared/services/ticket-steps';
import { ticketActorProperty, readTicketNumber, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'close', [ticketNumberProperty, ticketActorProperty, ticketDocumentLanguage]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = actionContext(this, i);
		return await store.transaction(async (trx) => await ticketOutput(this, trx, await closeTicket(trx, ticketNumber, ctx), i));
	},
};

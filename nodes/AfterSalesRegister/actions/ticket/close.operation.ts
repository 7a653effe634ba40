/** Close (注销): the register entry is cancelled and the voucher archived (P4, P7). */
import { forOperation, type Operation } from '../common/operation';
import { closeTicket } from '../../../shared/services/ticket-steps';
import { actorProperty, readTicketNumber, stepContext, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'close', [ticketNumberProperty, actorProperty, ticketDocumentLanguage]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = stepContext(this, i);
		return await store.transaction(async (trx) => await ticketOutput(this, trx, await closeTicket(trx, ticketNumber, ctx), i));
	},
};

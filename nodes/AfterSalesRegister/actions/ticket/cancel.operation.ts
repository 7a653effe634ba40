/** Cancel (取消): a ticket not yet visited is withdrawn, with its reason. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { requireText } from '../../../shared/rules/ticket-steps';
import { cancelTicket } from '../../../shared/services/ticket-steps';
import { ticketActorProperty, fromItem, readInputs, readTicketNumber, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'cancel', [
		ticketNumberProperty,
		fromItem('reason', 'Reason (原因)'),
		ticketActorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = actionContext(this, i);
		const reason = requireText(readInputs(this, i, ['reason']), 'reason', 'Reason (原因)');
		return await store.transaction(async (trx) => await ticketOutput(this, trx, await cancelTicket(trx, ticketNumber, reason, ctx), i));
	},
};

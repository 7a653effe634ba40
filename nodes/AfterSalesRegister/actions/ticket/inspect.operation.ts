/**
 * Inspect (验讫): the department manager approves the repair before the product goes back (P7), and
 * the customer is told it is ready and when it comes back (向客户回馈): the output's `feedback`
 * carries the message and its channel (email: for the workflow's Send Email; phone: the desk calls).
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { requireText } from '../../../shared/rules/ticket-steps';
import { inspectAndTellCustomer } from '../../../shared/services/ticket-steps';
import { ticketActorProperty, fromItem, readInputs, readTicketNumber, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'inspect', [
		ticketNumberProperty,
		fromItem('inspectedBy', 'Inspected By (验收经理)'),
		ticketActorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = actionContext(this, i);
		const inspectedBy = requireText(readInputs(this, i, ['inspectedBy']), 'inspectedBy', 'Inspected by (验收经理)');
		return await store.transaction(async (trx) => {
			const { ticket, feedback } = await inspectAndTellCustomer(trx, ticketNumber, inspectedBy, ctx);
			const out = await ticketOutput(this, trx, ticket, i);
			return { ...out, json: { ...out.json, feedback: { ...feedback } } };
		});
	},
};

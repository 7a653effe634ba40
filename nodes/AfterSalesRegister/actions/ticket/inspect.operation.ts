/** Inspect (验讫): the department manager approves the repair before the product goes back (P7). */
import { forOperation, type Operation } from '../common/operation';
import { requireText } from '../../../shared/rules/ticket-steps';
import { inspectRepair } from '../../../shared/services/ticket-steps';
import {
	actorProperty,
	fromItem,
	readInputs,
	readTicketNumber,
	stepContext,
	ticketNumberProperty,
	ticketOutput,
	ticketDocumentLanguage,
} from './common';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'inspect', [
		ticketNumberProperty,
		fromItem('inspectedBy', 'Inspected By (验收经理)'),
		actorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = stepContext(this, i);
		const inspectedBy = requireText(readInputs(this, i, ['inspectedBy']), 'inspectedBy', 'Inspected by (验收经理)');
		return await store.transaction(async (trx) => await ticketOutput(this, trx, await inspectRepair(trx, ticketNumber, inspectedBy, ctx), i));
	},
};

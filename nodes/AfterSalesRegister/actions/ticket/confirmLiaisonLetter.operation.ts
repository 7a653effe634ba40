/** Confirm Liaison Letter (联络函确认): the customer's signature, time and feedback on the 售后服务联络函. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { ProblemList } from '../../../shared/rules/errors';
import { isBlank } from '../../../shared/rules/records';
import { parsePastMoment } from '../../../shared/rules/dates';
import { requireText } from '../../../shared/rules/ticket-steps';
import { confirmLiaisonLetter } from '../../../shared/store/registers/liaison-letters';
import { requireTicket } from '../../../shared/store/registers/tickets';
import { ticketActorProperty, fromItem, readInputs, readTicketNumber, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'confirmLiaisonLetter', [
		ticketNumberProperty,
		fromItem('confirmedBy', 'Confirmed By (确认签字)', "The customer's name as signed on the letter"),
		fromItem('confirmedAt', 'Confirmed At (确认时间)', 'Empty: now'),
		fromItem('feedback', 'Feedback (回馈意见)'),
		ticketActorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = actionContext(this, i);
		const input = readInputs(this, i, ['confirmedBy', 'confirmedAt', 'feedback']);
		const confirmedBy = requireText(input, 'confirmedBy', 'Confirmed by (确认签字)');
		const problems = new ProblemList();
		const confirmedAt = isBlank(input.confirmedAt)
			? ctx.now
			: problems.check(() => parsePastMoment(input.confirmedAt, 'confirmedAt', this.getTimezone(), ctx.now));
		problems.throwIfAny();
		const feedback = isBlank(input.feedback) ? null : String(input.feedback).trim().slice(0, 2000);
		return await store.transaction(async (trx) => {
			await confirmLiaisonLetter(trx, ticketNumber, { confirmedBy, confirmedAt: confirmedAt!, feedback }, ctx.actor, ctx.now);
			return await ticketOutput(this, trx, await requireTicket(trx, { ticketNumber }), i);
		});
	},
};

/** Create Survey (回访调查): the ticket's follow-up survey, made once its job is done; the same one again after. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { createSurvey } from '../../../shared/services/follow-up';
import { surveyActorProperty, linkBaseProperty, readLinkBase, readValidDays, requiredText, surveyItem, validDaysProperty } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { ticketNumberProperty } from '../../../shared/n8n/record-numbers';

export const { description, execute }: Operation = {
	description: forOperation('survey', 'create', [
		ticketNumberProperty({ hint: 'A ticket solved on site or returned to the customer; a ticket that has its survey gives that one back' }),
		linkBaseProperty,
		validDaysProperty,
		surveyActorProperty(),
	]),
	async execute(i, store) {
		const ticketNumber = requiredText(this, 'ticketNumber', i, 'Ticket number (工单号)', 'BX-20261127-0001');
		const linkBase = readLinkBase(this, i);
		const c = clock(this);
		const { survey, created } = await createSurvey(store, ticketNumber, {
			now: c.now,
			zone: c.zone,
			actor: readActor(this, i),
			validDays: readValidDays(this, i),
			linkBase,
		});
		return { ...surveyItem(survey, linkBase, c.zone), created };
	},
};

/** Get Survey: one survey by its number or its ticket's number, with its answer. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { getSurvey } from '../../../shared/services/follow-up';
import { fieldError } from '../../../shared/rules/errors';
import { textParameter } from '../../../shared/n8n/per-item';
import { linkBaseProperty, readLinkBase, surveyItem } from '../common';
import { clock } from '../../../shared/n8n/context';
import { optionsProperty, stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('survey', 'get', [
		optionsProperty(
			'findBy',
			'Find By',
			[
				['Survey Number (回访编号)', 'surveyNumber'],
				['Ticket Number (工单号)', 'ticketNumber'],
			],
			'surveyNumber',
		),
		stringProperty('surveyNumber', 'Survey Number (回访编号)', '={{ $json.surveyNumber }}', {
			placeholder: 'HF-20261127-0001',
			displayOptions: { show: { findBy: ['surveyNumber'] } },
		}),
		stringProperty('ticketNumber', 'Ticket Number (工单号)', '={{ $json.ticketNumber }}', {
			placeholder: 'BX-20261127-0001',
			displayOptions: { show: { findBy: ['ticketNumber'] } },
		}),
		linkBaseProperty,
	]),
	async execute(i, store) {
		const findBy = this.getNodeParameter('findBy', i, 'surveyNumber') as unknown;
		if (findBy !== 'surveyNumber' && findBy !== 'ticketNumber')
			throw fieldError('findBy', 'Find by: is not one of the choices; expected surveyNumber or ticketNumber');
		const value = textParameter(this, findBy, i);
		if (!value)
			throw fieldError(
				findBy,
				findBy === 'surveyNumber'
					? 'Survey number (回访编号): is empty; expected a number such as HF-20261127-0001'
					: 'Ticket number (工单号): is empty; expected a number such as BX-20261127-0001',
			);
		const linkBase = readLinkBase(this, i);
		const c = clock(this);
		return surveyItem(await getSurvey(store, { [findBy]: value }, c.now), linkBase, c.zone);
	},
};

/**
 * Get Many Surveys: with filters, or the follow-up call list (回访电话清单, P14) — surveys not
 * answered whose customer has no email address, or did not answer within 3 days of the email.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { pagingProperties } from '../../../shared/n8n/paging';
import { findSurveys } from '../../../shared/services/follow-up';
import { linkBaseProperty, readLinkBase, surveyItem } from '../common';
import { clock } from '../../../shared/n8n/context';
import { limitParameter, numberParameter } from '../../../shared/n8n/per-item';
import { numberProperty, optionsProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('survey', 'getMany', [
		optionsProperty(
			'which',
			'Which Surveys',
			[
				['All', 'all'],
				['Answered', 'answered'],
				['Expired Unanswered', 'expired'],
				['Follow-Up Call List (回访电话清单)', 'callList', 'Not answered: no email address, or no answer some days after the email'],
				['Waiting for an Answer', 'waiting'],
			],
			'callList',
		),
		numberProperty('callAfterDays', 'Call After (Days)', 3, {
			typeOptions: { minValue: 0 },
			description: 'Days after the email without an answer before the customer is called',
			displayOptions: { show: { which: ['callList'] } },
		}),
		...pagingProperties(),
		linkBaseProperty,
	]),
	async execute(i, store) {
		const which = this.getNodeParameter('which', i, 'callList') as string;
		const limit = limitParameter(this, i);
		const days = numberParameter(this, 'callAfterDays', i, 3, { label: 'Call after (days)', min: 0 });
		const linkBase = readLinkBase(this, i);
		const c = clock(this);
		const surveys = await findSurveys(
			store,
			{
				callList: which === 'callList',
				callAfterDays: days,
				status: which === 'waiting' || which === 'answered' || which === 'expired' ? which : undefined,
				limit,
			},
			c.now,
		);
		return surveys.map((s) => surveyItem(s, linkBase, c.zone)) as IDataObject[];
	},
};

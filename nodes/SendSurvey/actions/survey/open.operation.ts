/**
 * Open by Link (打开问卷): the survey a link's token opens, its signature and expiry checked first.
 * A token that is not a survey link, was changed, or has expired is refused with the field `token`
 * (a page answers 403); a survey no longer in the store is not found (404). `status` says whether
 * it is still waiting for its answer.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { openSurvey } from '../../../shared/services/follow-up';
import { linkBaseProperty, readLinkBase, surveyItem } from '../common';
import { clock } from '../../../shared/n8n/context';
import { stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('survey', 'open', [
		stringProperty('token', 'Token', '={{ $json.token }}', {
			required: true,
			description: 'The last part of the survey link, e.g. from the webhook path',
		}),
		linkBaseProperty,
	]),
	async execute(i, store) {
		const token = this.getNodeParameter('token', i, '') as unknown;
		const linkBase = readLinkBase(this, i);
		const c = clock(this);
		return surveyItem(await openSurvey(store, typeof token === 'string' ? token : '', c.now), linkBase, c.zone);
	},
};

/** Mark Emailed (已发送): the survey's email went out; the follow-up call then waits 3 days for an answer. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { markSurveyEmailed } from '../../../shared/services/follow-up';
import { linkBaseProperty, readLinkBase, requiredText, surveyItem } from '../common';
import { clock } from '../../../shared/n8n/context';
import { stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('survey', 'markEmailed', [
		stringProperty('surveyNumber', 'Survey Number (回访编号)', '={{ $json.surveyNumber }}', { required: true, placeholder: 'HF-20261127-0001' }),
		linkBaseProperty,
	]),
	async execute(i, store) {
		const number = requiredText(this, 'surveyNumber', i, 'Survey number (回访编号)', 'HF-20261127-0001');
		const linkBase = readLinkBase(this, i);
		const c = clock(this);
		const { survey, marked } = await markSurveyEmailed(store, number, c.now);
		return { ...surveyItem(survey, linkBase, c.zone), marked };
	},
};

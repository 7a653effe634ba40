/**
 * Take Surveys to Email (待发回访邮件): the surveys whose link is due to go to the customer, taken
 * for this run — another run at the same time does not get them; if the email fails, a run after
 * the lease sends them. Mark each one sent after the email (Mark Emailed).
 */
import { forOperation, type BatchOperation } from '../../../shared/n8n/operations';
import { surveysToEmail } from '../../../shared/services/follow-up';
import { numberParameter, pairedToAll } from '../../../shared/n8n/per-item';
import { linkBaseProperty, readLinkBase, surveyItem } from '../common';
import { clock } from '../../../shared/n8n/context';
import { numberProperty } from '../../../shared/n8n/properties';

export const { description, executeBatch }: BatchOperation = {
	description: forOperation('survey', 'toEmail', [
		linkBaseProperty,
		numberProperty('leaseMinutes', 'Retry After (Minutes)', 30, {
			typeOptions: { minValue: 1 },
			description: 'A survey taken by a run that did not mark it sent is taken again after this long',
		}),
	]),
	async executeBatch(store) {
		const lease = numberParameter(this, 'leaseMinutes', 0, 30, { label: 'Retry after (minutes)', min: 1 });
		const linkBase = readLinkBase(this, 0);
		const c = clock(this);
		const paired = pairedToAll(this);
		return (await surveysToEmail(store, c.now, lease)).map((s) => ({ json: surveyItem(s, linkBase, c.zone), pairedItem: paired }));
	},
};

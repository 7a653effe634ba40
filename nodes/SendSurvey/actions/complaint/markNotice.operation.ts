/** Mark Notice Sent (已通知): after the email, the complaint is marked told (new) or escalated for the period (overdue). */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { markNotice } from '../../../shared/services/complaints';
import { fieldError } from '../../../shared/rules/errors';
import { numberParameter, textParameter } from '../../../shared/n8n/per-item';
import type { ComplaintNotice } from '../../../shared/rules/complaints';
import { surveyActorProperty, requiredText } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { complaintNumberProperty } from './get.operation';

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'markNotice', [
		complaintNumberProperty,
		{
			displayName: 'Notice',
			name: 'notice',
			type: 'string',
			default: '={{ $json.notice?.kind }}',
			description: 'New (the manager told of a new complaint) or overdue (a late reply escalated), as Take Notices Due gave it',
		},
		{
			displayName: 'Overdue Period Number',
			name: 'period',
			type: 'string',
			default: '={{ $json.notice?.period }}',
			description: 'For an overdue notice: the period it was escalated for',
		},
		{
			displayName: 'Severity Told',
			name: 'severity',
			type: 'string',
			default: "={{ $json.notice?.severity ?? '' }}",
			description:
				'For a new notice: the severity it told of, as Take Notices Due gave it. If the complaint was judged to another severity meanwhile, it is not marked and the next run tells the right manager. Empty: marked whatever the severity.',
		},
		surveyActorProperty('complaint notices'),
	]),
	async execute(i, store) {
		const number = requiredText(this, 'complaintNumber', i, 'Complaint number (投诉编号)', 'TS-20261127-0001');
		const kind = textParameter(this, 'notice', i);
		let notice: ComplaintNotice;
		if (kind === 'new') {
			const told = textParameter(this, 'severity', i);
			if (told !== '' && told !== 'general' && told !== 'serious') {
				throw fieldError('severity', `Severity told: "${told}" is not allowed; expected general or serious, as Take Notices Due gave it`);
			}
			notice = told === '' ? { kind: 'new', period: 0 } : { kind: 'new', period: 0, severity: told };
		} else if (kind === 'overdue') {
			const period = numberParameter(this, 'period', i, '', {
				label: 'Overdue period number',
				min: 1,
				whole: true,
				hint: 'expected the period Take Notices Due gave',
			});
			notice = { kind: 'overdue', period };
		} else throw fieldError('notice', `Notice: "${kind}" is not allowed; expected new or overdue, as Take Notices Due gave it`);
		const { complaint, marked } = await markNotice(store, number, notice, { now: clock(this).now, actor: readActor(this, i, 'complaint notices') });
		return { ...(complaint as unknown as IDataObject), notice: notice as unknown as IDataObject, marked };
	},
};

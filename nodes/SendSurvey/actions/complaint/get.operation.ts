/** Get Complaint: one complaint with its reply letter (函告). */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { getComplaint } from '../../../shared/services/complaints';
import { complaintItem, letterLanguageProperty, requiredText } from '../common';
import { clock } from '../../../shared/n8n/context';

export const complaintNumberProperty = {
	displayName: 'Complaint Number (投诉编号)',
	name: 'complaintNumber',
	type: 'string' as const,
	default: '={{ $json.complaintNumber }}',
	required: true,
	placeholder: 'TS-20261127-0001',
};

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'get', [complaintNumberProperty, letterLanguageProperty]),
	async execute(i, store) {
		const number = requiredText(this, 'complaintNumber', i, 'Complaint number (投诉编号)', 'TS-20261127-0001');
		return await complaintItem(this, await getComplaint(store, number, clock(this).now), i);
	},
};

/**
 * Take Notices Due (待发投诉通知): the complaints whose manager must be told now — each new one at
 * once (the company manager for a serious one), and each reply late by another period — taken for
 * this run, so that two runs at once never send one notice twice. Send the email, then Mark
 * Notice Sent; a notice not marked is taken again after the lease.
 */
import { forOperation, type BatchOperation } from '../../../shared/n8n/operations';
import { claimNotices } from '../../../shared/services/complaints';
import { fieldError, shown, plainNumber } from '../../../shared/rules/errors';
import { numberParameter, pairedToAll } from '../../../shared/n8n/per-item';
import { complaintItem, letterLanguageProperty } from '../common';
import { clock } from '../../../shared/n8n/context';

export const { description, executeBatch }: BatchOperation = {
	description: forOperation('complaint', 'takeNotices', [
		{
			displayName: 'Overdue Period (Hours)',
			name: 'periodHours',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 24,
			description: 'A late reply is escalated when it becomes late, then again after each further period',
		},
		{
			displayName: 'Retry After (Minutes)',
			name: 'leaseMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 15,
			description: 'A notice taken by a run that did not mark it sent is taken again after this long',
		},
		letterLanguageProperty,
	]),
	async executeBatch(store) {
		const periodGiven = this.getNodeParameter('periodHours', 0, 24);
		const periodHours = plainNumber(periodGiven);
		if (!Number.isFinite(periodHours) || periodHours <= 0)
			throw fieldError('periodHours', `Overdue period (hours): ${shown(periodGiven)} is not a number greater than 0`);
		const lease = numberParameter(this, 'leaseMinutes', 0, 15, { label: 'Retry after (minutes)', min: 1 });
		const due = await claimNotices(store, clock(this).now, periodHours, lease);
		const paired = pairedToAll(this);
		const out = [];
		for (const n of due) out.push({ ...(await complaintItem(this, n, 0)), pairedItem: paired });
		return out;
	},
};

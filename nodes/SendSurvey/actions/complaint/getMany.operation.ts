/** Get Many Complaints: serious first, then by the reply's due day; by status, severity, late replies. */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { pagingProperties } from '../../../shared/n8n/paging';
import { findComplaints } from '../../../shared/services/complaints';
import { COMPLAINT_STATUSES, COMPLAINT_STATUS_LABELS, type ComplaintStatus } from '../../../shared/rules/complaints';
import { fieldError } from '../../../shared/rules/errors';
import { clock } from '../../../shared/n8n/context';
import { limitParameter, textParameter } from '../../../shared/n8n/per-item';
import { booleanProperty, optionsProperty, stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'getMany', [
		stringProperty('status', 'Status', '', {
			placeholder: 'open',
			description: 'Open (待答复), replied (已答复) or closed (已结案), several separated by commas; empty: all',
		}),
		optionsProperty(
			'severity',
			'Severity',
			[
				['Any', ''],
				['Serious (情节重大)', 'serious'],
				['General (一般)', 'general'],
			],
			'',
		),
		booleanProperty('lateOnly', 'Late Replies Only', false, { description: 'Whether to list only complaints whose reply is past its due day' }),
		optionsProperty(
			'output',
			'Output',
			[
				['One Item per Complaint', 'items'],
				['One Item With the List', 'list', 'A single item { complaints: [...] }, also when there are none (e.g. to answer a webhook)'],
			],
			'items',
		),
		...pagingProperties(true),
	]),
	async execute(i, store) {
		const raw = textParameter(this, 'status', i);
		const status = raw
			? raw
					.split(/[,，\s]+/)
					.filter(Boolean)
					.map((s) => s.toLowerCase())
			: [];
		const wrong = status.filter((s) => !(COMPLAINT_STATUSES as readonly string[]).includes(s));
		if (wrong.length) {
			throw fieldError(
				'status',
				`Status: "${wrong.join(', ')}" is not a complaint status; expected ${COMPLAINT_STATUSES.map((s) => `${s} (${COMPLAINT_STATUS_LABELS[s].zh})`).join(', ')}`,
			);
		}
		const severity = this.getNodeParameter('severity', i, '') as unknown;
		if (severity !== '' && severity !== 'serious' && severity !== 'general')
			throw fieldError('severity', 'Severity (投诉性质): is not one of the choices; expected serious, general or empty for both');
		const limit = limitParameter(this, i, true);
		const c = clock(this);
		const list = await findComplaints(
			store,
			{
				status: status as ComplaintStatus[],
				severity: (severity || undefined) as 'serious' | 'general' | undefined,
				lateAt: this.getNodeParameter('lateOnly', i, false) ? c.now : undefined,
				limit,
			},
			c.now,
		);
		if (this.getNodeParameter('output', i, 'items') === 'list') return { complaints: list as unknown as IDataObject[] };
		return list as unknown as IDataObject[];
	},
};

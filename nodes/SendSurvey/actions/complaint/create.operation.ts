/** Create Complaint (登记投诉): a complaint a clerk takes down about a ticket — by phone, letter or in person. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { createComplaint } from '../../../shared/services/complaints';
import { parseSeverity, COMPLAINT_CHANNELS, type ComplaintChannel } from '../../../shared/rules/complaints';
import { ProblemList, fieldError } from '../../../shared/rules/errors';
import { textParameter } from '../../../shared/n8n/per-item';
import { surveyActorProperty, complaintItem, letterLanguageProperty, readReplyDays, replyDaysProperty, requiredText } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { ticketNumberProperty } from '../../../shared/n8n/record-numbers';

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'create', [
		ticketNumberProperty(),
		{
			displayName: 'Severity (投诉性质)',
			name: 'severity',
			type: 'string',
			default: '={{ $json.severity }}',
			description:
				'General (一般): the service department replies within 7 days; serious (情节重大): the company manager is told at once and replies in writing within 3 days',
		},
		{ displayName: 'Complaint (投诉内容)', name: 'text', type: 'string', typeOptions: { rows: 3 }, default: '={{ $json.text }}', required: true },
		{
			displayName: 'Received By (投诉渠道)',
			name: 'channel',
			type: 'string',
			default: '={{ $json.channel || "phone" }}',
			description: 'Phone, letter, visit (in person) or link',
		},
		surveyActorProperty(),
		replyDaysProperty,
		letterLanguageProperty,
	]),
	async execute(i, store) {
		const ticketNumber = requiredText(this, 'ticketNumber', i, 'Ticket number (工单号)', 'BX-20261127-0001');
		const problems = new ProblemList();
		const severity = problems.check(() => parseSeverity(this.getNodeParameter('severity', i, '')));
		const text = textParameter(this, 'text', i);
		if (!text) problems.add('text', 'Complaint (投诉内容): is empty; say what the complaint is about');
		else if (text.length > 2000) problems.add('text', `Complaint (投诉内容): ${text.length} characters is too long; expected at most 2000`);
		const channel = textParameter(this, 'channel', i, 'phone').toLowerCase();
		if (!(COMPLAINT_CHANNELS as readonly string[]).includes(channel))
			problems.add('channel', `Received by (投诉渠道): "${channel}" is not allowed; expected phone, letter, visit or link`);
		problems.throwIfAny();
		if (!severity) throw fieldError('severity', 'Complaint severity (投诉性质): expected general or serious');
		const c = clock(this);
		const complaint = await createComplaint(
			store,
			{ ticketNumber, severity, text, channel: channel as ComplaintChannel },
			{ now: c.now, zone: c.zone, actor: readActor(this, i), replyDays: readReplyDays(this, i) },
		);
		return await complaintItem(this, complaint, i);
	},
};

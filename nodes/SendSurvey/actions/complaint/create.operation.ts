/**
 * Create Complaint (登记投诉): a complaint a clerk takes down — by phone, letter or in person (the
 * `POST complaints` webhook and the desk's complaint form) — about a repair ticket, a tile order,
 * both, or neither. Who called (customer name, phone) is checked and kept with the complaint; with
 * neither a ticket nor an order they are required (whom to answer).
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { createComplaint } from '../../../shared/services/complaints';
import { parseSeverity, COMPLAINT_CHANNELS, type ComplaintChannel } from '../../../shared/rules/complaints';
import { ProblemList, fieldError } from '../../../shared/rules/errors';
import { textParameter } from '../../../shared/n8n/per-item';
import { surveyActorProperty, complaintItem, letterLanguageProperty, readReplyDays, replyDaysProperty } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { orderNumberProperty, ticketNumberProperty } from '../../../shared/n8n/record-numbers';
import { normalizeMainlandPhone } from '../../../shared/rules/phone';
import { stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'create', [
		ticketNumberProperty({
			description: 'The repair ticket the complaint is about (optional: a complaint may be about a tile order or neither)',
		}),
		stringProperty('severity', 'Severity (投诉性质)', '={{ $json.severity }}', {
			description:
				'General (一般): the service department replies within 7 days; serious (情节重大): the company manager is told at once and replies in writing within 3 days',
		}),
		stringProperty('text', 'Complaint (投诉内容)', '={{ $json.text }}', { typeOptions: { rows: 3 }, required: true }),
		stringProperty('channel', 'Received By (投诉渠道)', '={{ $json.channel || "phone" }}', {
			description: 'Phone, letter, visit (in person) or link',
		}),
		stringProperty('customerName', 'Customer Name (客户名称)', '={{ $json.customerName }}', {
			description: 'Who complained, as they gave their name; required when no ticket or order is named',
		}),
		stringProperty('phone', 'Phone (电话)', '={{ $json.phone }}', {
			description: 'The number to call back, a mainland China number; required when no ticket or order is named',
		}),
		orderNumberProperty({
			required: false,
			description: 'The tile order the complaint is about (optional)',
		}),
		surveyActorProperty(),
		replyDaysProperty,
		letterLanguageProperty,
	]),
	async execute(i, store) {
		const problems = new ProblemList();
		const orderNumber = textParameter(this, 'orderNumber', i);
		const ticketNumber = textParameter(this, 'ticketNumber', i);
		const customerName = textParameter(this, 'customerName', i);
		if (customerName.length > 200)
			problems.add('customerName', `Customer name (客户名称): ${customerName.length} characters is too long; expected at most 200`);
		const phoneGiven = textParameter(this, 'phone', i);
		if (!ticketNumber && !orderNumber) {
			// A complaint about neither a ticket nor an order: the caller is whom the department answers.
			if (!customerName) problems.add('customerName', 'Customer name (客户名称): is empty; without a ticket or order number, say who complained');
			if (!phoneGiven) problems.add('phone', 'Phone (电话): is empty; without a ticket or order number, give the number to call back');
		}
		const phone = phoneGiven ? problems.check(() => normalizeMainlandPhone(phoneGiven, 'phone')) : undefined;
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
			{
				...(ticketNumber ? { ticketNumber } : {}),
				...(orderNumber ? { orderNumber } : {}),
				severity,
				text,
				channel: channel as ComplaintChannel,
				caller: { ...(customerName ? { customerName } : {}), ...(phone ? { phone } : {}), ...(orderNumber ? { orderNumber } : {}) },
			},
			{ now: c.now, zone: c.zone, actor: readActor(this, i), replyDays: readReplyDays(this, i) },
		);
		return await complaintItem(this, complaint, i);
	},
};

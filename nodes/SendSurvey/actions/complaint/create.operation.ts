/**
 * Create Complaint (登记投诉): a complaint a clerk takes down about a ticket — by phone, letter or in
 * person (the `POST complaints` webhook and the desk's complaint form). Who called (customer name,
 * phone) is checked and kept in the ticket's history with the complaint.
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
		ticketNumberProperty(),
		stringProperty('severity', 'Severity (投诉性质)', '={{ $json.severity }}', {
			description:
				'General (一般): the service department replies within 7 days; serious (情节重大): the company manager is told at once and replies in writing within 3 days',
		}),
		stringProperty('text', 'Complaint (投诉内容)', '={{ $json.text }}', { typeOptions: { rows: 3 }, required: true }),
		stringProperty('channel', 'Received By (投诉渠道)', '={{ $json.channel || "phone" }}', {
			description: 'Phone, letter, visit (in person) or link',
		}),
		stringProperty('customerName', 'Customer Name (客户名称)', '={{ $json.customerName }}', {
			description: 'Who complained, as they gave their name (kept in the ticket’s history); optional',
		}),
		stringProperty('phone', 'Phone (电话)', '={{ $json.phone }}', {
			description: 'The number to call back (kept in the ticket’s history); optional, a mainland China number when given',
		}),
		orderNumberProperty({
			required: false,
			description: 'A tile order the complaint is about (optional); the complaint itself is registered against the ticket',
		}),
		surveyActorProperty(),
		replyDaysProperty,
		letterLanguageProperty,
	]),
	async execute(i, store) {
		const problems = new ProblemList();
		const orderNumber = textParameter(this, 'orderNumber', i);
		const ticketNumber = textParameter(this, 'ticketNumber', i);
		if (!ticketNumber)
			problems.add(
				'ticketNumber',
				orderNumber
					? `Ticket number (工单号): is empty; a complaint is registered against a repair ticket, and one about tile order ${orderNumber} alone cannot be registered yet — give the ticket number`
					: 'Ticket number (工单号): is empty; expected a number such as BX-20261127-0001',
			);
		const customerName = textParameter(this, 'customerName', i);
		if (customerName.length > 200)
			problems.add('customerName', `Customer name (客户名称): ${customerName.length} characters is too long; expected at most 200`);
		const phoneGiven = textParameter(this, 'phone', i);
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
				ticketNumber,
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

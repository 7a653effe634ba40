/**
 * Record Reply (记录答复): how the customer was answered (letter or phone), when, and what was said
 * (P17). Feedback to the customer (向客户回馈): the output says how the reply letter reaches them —
 * `replyDelivery.channel` email (with `message` to send and the letter as the binary `replyLetter`)
 * or post (printed) — and that message is already an entry in the complaint's history.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { replyToComplaint } from '../../../shared/services/complaints';
import { surveyActorProperty, complaintItem, fromItem, letterLanguageProperty, requiredText } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { complaintNumberProperty } from './get.operation';
import { complaintReplyMessage } from '../../../shared/rules/customer-feedback';

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'recordReply', [
		complaintNumberProperty,
		fromItem('method', 'Reply Method (答复方式)', 'letter (书面函告) or phone (电话); a serious complaint is answered by letter'),
		{ ...fromItem('text', 'Reply (答复内容)', 'What the customer was told or written'), typeOptions: { rows: 3 } },
		fromItem('repliedAt', 'Replied At (答复时间)', 'Empty: now'),
		surveyActorProperty('n8n', 'Who replied; kept with the reply'),
		letterLanguageProperty,
	]),
	async execute(i, store) {
		const number = requiredText(this, 'complaintNumber', i, 'Complaint number (投诉编号)', 'TS-20261127-0001');
		const input = {
			method: this.getNodeParameter('method', i, ''),
			text: this.getNodeParameter('text', i, ''),
			repliedAt: this.getNodeParameter('repliedAt', i, ''),
		};
		const c = clock(this);
		const replied = await replyToComplaint(store, number, input, { now: c.now, zone: c.zone, actor: readActor(this, i) });
		const message = complaintReplyMessage({ complaintNumber: replied.complaintNumber, customerName: replied.customerName });
		return await complaintItem(this, replied, i, { message });
	},
};

/**
 * Record Call Result (记录回访结果): the desk's periodic call, once — normal (the customer's opinion
 * kept), fault (a repair ticket opened for the unit through the same intake as POST repairs, the
 * call's number its idempotency key: sent twice, one ticket) or unreachable (listed again next
 * month). Out: the call with `ticketNumber` for a fault.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { recordPeriodicCall } from '../../../shared/services/periodic-follow-up';
import { fromItem, requiredText, surveyActorProperty } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { documentLinkBaseProperty, readDocumentLinkBase } from '../../../shared/n8n/document-link-base';

export const { description, execute }: Operation = {
	description: forOperation('periodic', 'recordResult', [
		{ ...fromItem('followUpNumber', 'Follow-Up Number (回访编号)'), placeholder: 'DH-20261201-0001' },
		fromItem('result', 'Result (回访结果)', 'normal (正常), fault (故障) or unreachable (联系不上)'),
		fromItem('opinion', 'Opinion (客户意见)', 'What the customer said; empty: nothing'),
		fromItem('siteSituation', 'Site Situation (现场情况)', 'A fault: what is wrong, for the repair ticket'),
		surveyActorProperty('n8n', 'Who made the call; kept with the result and on the new ticket'),
		documentLinkBaseProperty,
	]),
	async execute(i, store) {
		const number = requiredText(this, 'followUpNumber', i, '回访编号 Follow-up number', 'DH-20261201-0001');
		const input = {
			result: this.getNodeParameter('result', i, ''),
			opinion: this.getNodeParameter('opinion', i, ''),
			siteSituation: this.getNodeParameter('siteSituation', i, ''),
		};
		const c = clock(this);
		const documentLinkBase = readDocumentLinkBase(this, i);
		const { call, ticketNumber } = await recordPeriodicCall(store, number, input, {
			now: c.now,
			zone: c.zone,
			actor: readActor(this, i),
			documentLinkBase,
		});
		return { ...(call as unknown as IDataObject), ticketNumber };
	},
};

/**
 * Judge Severity (判定投诉性质): the service department's judgment of a complaint (P17, RULES turn 3),
 * `{ severity, reason }` with the reason required and kept in the complaint's history. A customer's
 * choice on the survey page is only a proposal; this sets the severity, and the reply due day
 * follows (serious 3 days, general 7). A complaint raised to serious comes out with `noticeDue`:
 * the company manager is told at once (the workflow calls *Complaint notices*).
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { judgeComplaintSeverity } from '../../../shared/services/complaints';
import { surveyActorProperty, complaintItem, fromItem, letterLanguageProperty, readReplyDays, replyDaysProperty, requiredText } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { complaintNumberProperty } from './get.operation';

export const { description, execute }: Operation = {
	description: forOperation('complaint', 'judgeSeverity', [
		complaintNumberProperty,
		fromItem('severity', 'Severity (投诉性质)', 'general (一般) or serious (情节重大): the department’s judgment'),
		{ ...fromItem('reason', 'Reason (理由)', 'Why the complaint is judged so; required, kept in the complaint’s history'), typeOptions: { rows: 2 } },
		surveyActorProperty('n8n', 'Who judged; kept in the complaint’s history'),
		replyDaysProperty,
		letterLanguageProperty,
	]),
	async execute(i, store) {
		const number = requiredText(this, 'complaintNumber', i, 'Complaint number (投诉编号)', 'TS-20261127-0001');
		const input = { severity: this.getNodeParameter('severity', i, ''), reason: this.getNodeParameter('reason', i, '') };
		const c = clock(this);
		const judged = await judgeComplaintSeverity(store, number, input, {
			now: c.now,
			zone: c.zone,
			actor: readActor(this, i),
			replyDays: readReplyDays(this, i),
		});
		return await complaintItem(this, judged, i);
	},
};

/**
 * Record Answer (记录回访): the customer's answer from the survey page (found by the link's token),
 * or a clerk's follow-up call (found by the survey number, channel phone): the four P16 levels,
 * acceptance, comments and a complaint. Once: a second answer — also one sent at the same moment —
 * is refused (field `answeredAt`). A complaint is registered with it (TS-…), due in 3 days when
 * serious, 7 when general.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { answerSurvey } from '../../../shared/services/follow-up';
import { textParameter } from '../../../shared/n8n/per-item';
import { fromItem, linkBaseProperty, readLinkBase, readReplyDays, replyDaysProperty, requiredText, surveyItem } from '../common';
import { actorProperty, clock, readActor } from '../../../shared/n8n/context';
import { optionsProperty } from '../../../shared/n8n/properties';

const onlyBy = (by: string) => ({ show: { findBy: [by] } });

const LEVEL_HINT = '4/3/2/1, or very-satisfied / satisfied / average / unsatisfied';
const FIELDS = ['attitude', 'skill', 'arrival', 'promises', 'accepted', 'delivered', 'comments', 'complaintSeverity', 'complaintText', 'channel'];

export const { description, execute }: Operation = {
	description: forOperation('survey', 'recordAnswer', [
		optionsProperty(
			'findBy',
			'Find Survey By',
			[
				['Link Token (Customer)', 'token', 'The token of the survey link: its signature and expiry are checked'],
				['Survey Number (Follow-Up Call)', 'surveyNumber', 'A clerk’s follow-up call, recorded in n8n: channel phone'],
			],
			'token',
		),
		{ ...fromItem('token', 'Token', 'The last part of the survey link'), displayOptions: onlyBy('token') },
		{ ...fromItem('surveyNumber', 'Survey Number (回访编号)'), placeholder: 'HF-20261127-0001', displayOptions: onlyBy('surveyNumber') },
		fromItem('attitude', 'Attitude (服务态度)', LEVEL_HINT),
		fromItem('skill', 'Skill (技术水平)', LEVEL_HINT),
		fromItem('arrival', 'Arrival Time (到达时间)', LEVEL_HINT),
		fromItem('promises', 'Keeping Promises (答应事项的办理)', LEVEL_HINT),
		fromItem('accepted', 'Works as Expected (验收正常)', 'Yes or no; empty: not asked'),
		fromItem('delivered', 'Delivered (交付)', 'yes, no or no-attachment; empty: not asked'),
		fromItem('comments', 'Comments (意见)'),
		fromItem(
			'complaintSeverity',
			'Complaint Severity (投诉性质)',
			'general (一般) or serious (严重); empty: general',
			'={{ $json.complaint?.severity ?? $json.complaintSeverity }}',
		),
		fromItem('complaintText', 'Complaint (投诉内容)', 'Empty: no complaint', '={{ $json.complaint?.text ?? $json.complaintText }}'),
		fromItem('channel', 'Channel (回访方式)', 'link or phone; empty: link by token, phone by survey number'),
		actorProperty({
			displayName: 'Answered By (回访人)',
			default: 'customer',
			description: 'Kept with the answer: the customer, or the clerk who made the call',
		}),
		replyDaysProperty,
		linkBaseProperty,
	]),
	async execute(i, store) {
		const findBy = this.getNodeParameter('findBy', i, 'token') as string;
		const key =
			findBy === 'surveyNumber'
				? { surveyNumber: requiredText(this, 'surveyNumber', i, 'Survey number (回访编号)', 'HF-20261127-0001') }
				: { token: textParameter(this, 'token', i) };
		const input: IDataObject = {};
		for (const f of FIELDS) input[f] = this.getNodeParameter(f, i, '') as IDataObject[string];
		// The complaint parameters read `complaint.severity` and `complaint.text` from the item; a
		// `complaint` that is no { severity, text } ({ "complaint": 5 }, or an object String() cannot
		// print) would read as no complaint at all and the answer be taken without it. Handed to the
		// rule as well, it is checked there (field complaint).
		const nested = this.getInputData()[i]?.json?.complaint;
		if (nested !== undefined && nested !== null && nested !== '') input.complaint = nested;
		const linkBase = readLinkBase(this, i);
		const c = clock(this);
		const { survey, complaint } = await answerSurvey(store, key, input, {
			now: c.now,
			zone: c.zone,
			actor: readActor(this, i, 'customer'),
			replyDays: readReplyDays(this, i),
		});
		return { ...surveyItem(survey, linkBase, c.zone), complaint: complaint as unknown as IDataObject };
	},
};

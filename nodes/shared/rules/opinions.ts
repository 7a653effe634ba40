/**
 * Opinions compiled (定期整理回访记录, P15; RULES turn 3): the month's suggestions — survey comments
 * and what customers said on periodic calls — and complaints, each with what was done about it,
 * in the words the monthly page and email print. Pure: no n8n, no SQL, no clock.
 */
import { COMPLAINT_STATUS_LABELS, type ComplaintStatus } from './complaints';
import { TICKET_STATUS_LABELS, type TicketStatus } from './ticket-lifecycle';
import { CALL_RESULT_LABELS, type CallResult } from './periodic-follow-up';

export interface Done {
	zh: string;
	en: string;
}

/** A survey's comment: recorded; with the complaint the same answer registered, its status. */
export function surveyCommentDone(complaint: { complaintNumber: string; status: ComplaintStatus } | null): Done {
	if (!complaint) return { zh: '已记录', en: 'recorded' };
	const s = COMPLAINT_STATUS_LABELS[complaint.status];
	return {
		zh: `已登记投诉 ${complaint.complaintNumber}（${s.zh}）`,
		en: `complaint ${complaint.complaintNumber} registered (${s.en.toLowerCase()})`,
	};
}

/** A periodic call: its result; a fault with the repair ticket it opened and where that stands. */
export function callDone(result: CallResult, ticket: { ticketNumber: string; status: string } | null): Done {
	const r = CALL_RESULT_LABELS[result];
	if (result === 'fault' && ticket) {
		const s = TICKET_STATUS_LABELS[ticket.status as TicketStatus] ?? { zh: ticket.status, en: ticket.status };
		return {
			zh: `回访结果：${r.zh}，已开报修单 ${ticket.ticketNumber}（${s.zh}）`,
			en: `call: ${r.en}, repair ticket ${ticket.ticketNumber} opened (${s.en.toLowerCase()})`,
		};
	}
	if (result === 'unreachable') return { zh: `回访结果：${r.zh}，下月再次回访`, en: `call: ${r.en}, called again next month` };
	return { zh: `回访结果：${r.zh}，意见已记录`, en: `call: ${r.en}, opinion recorded` };
}

/** A complaint: its status, and the reply when one was given. */
export function complaintDone(c: { status: ComplaintStatus; replyMethod: string | null; repliedOn: string | null; replyDueOn: string }): Done {
	const s = COMPLAINT_STATUS_LABELS[c.status];
	if (c.repliedOn) {
		const how = c.replyMethod === 'letter' ? { zh: '函告', en: 'by letter' } : { zh: '电话', en: 'by phone' };
		return { zh: `${s.zh}：${c.repliedOn} ${how.zh}答复`, en: `${s.en.toLowerCase()}: answered ${how.en} on ${c.repliedOn}` };
	}
	return { zh: `${s.zh}：应于 ${c.replyDueOn} 前答复`, en: `${s.en.toLowerCase()}: reply due by ${c.replyDueOn}` };
}

/**
 * Opinions compiled monthly (定期整理回访记录, P15): every suggestion (a survey's comments, what a
 * customer said on a periodic call) and every complaint of the month, with what was done about
 * each — the complaint's status and reply, the call's result and the repair ticket a fault opened.
 * A suggestion counts in the month it was given (workflow timezone); a complaint in the month it
 * came in.
 */
import { dayOf } from '../rules/dates';
import { monthBounds, parseMonth } from '../rules/kpi';
import { callDone, complaintDone, surveyCommentDone, type Done } from '../rules/opinions';
import type { CallResult } from '../rules/periodic-follow-up';
import type { ComplaintSeverity, ComplaintStatus } from '../rules/complaints';
import type { Store } from '../store/store';
import { surveyCommentsBetween } from '../store/registers/opinions';
import { callsRecordedBetween } from '../store/registers/periodic-follow-ups';
import { listComplaints } from '../store/registers/complaints';

export interface Suggestion {
	/** survey: a survey's comments; call: a periodic follow-up call. */
	source: 'survey' | 'call';
	/** The survey (HF-…) or call (DH-…) number. */
	number: string;
	on: string;
	customerName: string;
	serialNo: string | null;
	ticketNumber: string | null;
	text: string;
	result: CallResult | null;
	done: Done;
}

export interface OpinionComplaint {
	complaintNumber: string;
	source: 'survey' | 'other';
	surveyNumber: string | null;
	/** Null for a phoned complaint about a tile order or about neither. */
	ticketNumber: string | null;
	orderNumber: string | null;
	customerName: string;
	receivedOn: string;
	severity: ComplaintSeverity;
	text: string;
	status: ComplaintStatus;
	replyDueOn: string;
	reply: { method: string; repliedOn: string; text: string } | null;
	done: Done;
}

export interface OpinionsReport {
	month: string;
	timezone: string;
	suggestions: Suggestion[];
	complaints: OpinionComplaint[];
	totals: { suggestions: number; fromSurveys: number; fromCalls: number; faults: number; complaints: number; complaintsOpen: number };
}

export async function monthlyOpinions(store: Store, month: unknown, zone: string): Promise<OpinionsReport> {
	const m = parseMonth(month);
	const { from, to } = monthBounds(m, zone);
	return await store.transaction(async (trx) => {
		const [comments, calls, complaints] = await Promise.all([
			surveyCommentsBetween(trx, from, to),
			callsRecordedBetween(trx, from, to),
			listComplaints(trx, { receivedFrom: from, receivedTo: to }),
		]);
		const fromSurveys: Suggestion[] = comments.map((s) => ({
			source: 'survey',
			number: s.surveyNumber,
			on: dayOf(s.answeredAt!, zone),
			customerName: s.customerName,
			serialNo: s.serialNo,
			ticketNumber: s.ticketNumber,
			text: s.comments!,
			result: null,
			done: surveyCommentDone(s.complaintNumber ? { complaintNumber: s.complaintNumber, status: s.complaintStatus! } : null),
		}));
		const fromCalls: Suggestion[] = calls
			.filter((c) => c.result && ((c.opinion ?? '').trim() !== '' || c.result === 'fault'))
			.map((c) => ({
				source: 'call',
				number: c.followUpNumber,
				on: dayOf(c.calledAt!, zone),
				customerName: c.customerName,
				serialNo: c.serialNo,
				ticketNumber: c.ticketNumber ?? null,
				text: c.opinion ?? c.siteSituation ?? '',
				result: c.result,
				done: callDone(c.result!, c.ticketNumber ? { ticketNumber: c.ticketNumber, status: c.ticketStatus ?? '' } : null),
			}));
		const suggestions = [...fromSurveys, ...fromCalls].sort((a, b) => a.on.localeCompare(b.on) || a.number.localeCompare(b.number));
		const listed: OpinionComplaint[] = complaints
			.map((c) => {
				const repliedOn = c.repliedAt ? dayOf(c.repliedAt, zone) : null;
				return {
					complaintNumber: c.complaintNumber,
					source: c.surveyNumber ? ('survey' as const) : ('other' as const),
					surveyNumber: c.surveyNumber,
					ticketNumber: c.ticketNumber,
					orderNumber: c.orderNumber,
					customerName: c.customerName,
					receivedOn: dayOf(c.receivedAt, zone),
					severity: c.severity,
					text: c.text,
					status: c.status,
					replyDueOn: c.replyDueOn,
					reply: c.replyMethod && repliedOn ? { method: c.replyMethod, repliedOn, text: c.replyText ?? '' } : null,
					done: complaintDone({ status: c.status, replyMethod: c.replyMethod, repliedOn, replyDueOn: c.replyDueOn }),
				};
			})
			.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.complaintNumber.localeCompare(b.complaintNumber));
		return {
			month: m,
			timezone: zone,
			suggestions,
			complaints: listed,
			totals: {
				suggestions: suggestions.length,
				fromSurveys: fromSurveys.length,
				fromCalls: fromCalls.length,
				faults: fromCalls.filter((c) => c.result === 'fault').length,
				complaints: listed.length,
				complaintsOpen: listed.filter((c) => c.status === 'open').length,
			},
		};
	});
}

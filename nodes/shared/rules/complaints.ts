/**
 * Complaints (P17). Decision: a `serious` complaint goes to the company manager at once, is
 * handled first and gets a written reply letter (函告) within 3 days; a `general` one is handled by
 * the service department, replied by phone or letter within 7 days. The register: open →
 * replied (how, when, text) → closed. A reply not given by its day is escalated like an overdue
 * ticket (P9): when it first becomes late and once more per further period.
 */
import { DateTime } from 'luxon';
import { ProblemList, RuleViolation, fieldError, shown } from './errors';
import { isBlank, isText, notTextMessage, refuseUnprintable } from './records';
import { parsePastMoment } from './dates';
import { overduePeriod } from './ticket-lifecycle';
import { oneOf } from './enums';

export type ComplaintSeverity = 'general' | 'serious';
export const COMPLAINT_SEVERITIES: readonly ComplaintSeverity[] = ['general', 'serious'];

export type ComplaintStatus = 'open' | 'replied' | 'closed';
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['open', 'replied', 'closed'];

export type ReplyMethod = 'letter' | 'phone';
export const REPLY_METHODS: readonly ReplyMethod[] = ['letter', 'phone'];

/** How a complaint came in: with a survey answer (link or follow-up call), or taken down by a clerk. */
export type ComplaintChannel = 'link' | 'phone' | 'letter' | 'visit';
export const COMPLAINT_CHANNELS: readonly ComplaintChannel[] = ['link', 'phone', 'letter', 'visit'];

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, { en: string; zh: string }> = {
	open: { en: 'Awaiting reply', zh: '待答复' },
	replied: { en: 'Replied', zh: '已答复' },
	closed: { en: 'Closed', zh: '已结案' },
};

/** Days to reply, by severity (decision for P17). */
export const REPLY_DAYS: Record<ComplaintSeverity, number> = { serious: 3, general: 7 };

export function parseSeverity(value: unknown, field = 'severity'): ComplaintSeverity {
	const s = isBlank(value) || typeof value === 'object' ? '' : String(value).trim().toLowerCase();
	const severity = oneOf(COMPLAINT_SEVERITIES, s);
	if (severity) return severity;
	if (s === '严重' || s === '重大' || s === '情节重大') return 'serious';
	if (s === '一般') return 'general';
	throw fieldError(
		field,
		`Complaint severity (投诉性质): ${isBlank(value) ? '""' : shown(value)} is not allowed; expected general (一般) or serious (严重)`,
	);
}

/**
 * The reply deadline of a complaint received at `receivedAt`: the day (in `zone`, the workflow's
 * timezone) `days` after the day it came in, and the instant that day ends there — the reply is
 * late from then on.
 */
export function replyDue(
	receivedAt: string,
	severity: ComplaintSeverity,
	zone: string,
	days: Record<ComplaintSeverity, number> = REPLY_DAYS,
): { replyDueOn: string; replyDueAt: string } {
	const received = DateTime.fromISO(receivedAt, { setZone: true });
	if (!received.isValid) throw new RuleViolation(`A complaint needs the time it came in as ISO 8601; got "${receivedAt}"`, 'receivedAt');
	const n = days[severity];
	if (!Number.isInteger(n) || n < 0 || n > 365) {
		throw new RuleViolation(
			`Days to reply to a ${severity} complaint: ${String(n)} is not allowed; expected a whole number of days from 0 to 365`,
			'replyDays',
		);
	}
	const day = received.setZone(zone).startOf('day').plus({ days: n });
	return { replyDueOn: day.toISODate()!, replyDueAt: day.plus({ days: 1 }).toUTC().toISO()! };
}

export type ComplaintAction = 'reply' | 'close';

/** The status after `action`, or why not, in a clerk's words. */
export function nextComplaintStatus(c: { complaintNumber: string; status: ComplaintStatus }, action: ComplaintAction): ComplaintStatus {
	if (action === 'reply') {
		if (c.status === 'open') return 'replied';
		throw new RuleViolation(
			`Complaint ${c.complaintNumber} cannot get a reply: ${c.status === 'replied' ? 'its reply was already recorded' : 'it is closed'}`,
			'status',
		);
	}
	if (action === 'close') {
		if (c.status === 'replied') return 'closed';
		throw new RuleViolation(
			`Complaint ${c.complaintNumber} cannot be closed: ${c.status === 'open' ? 'no reply to the customer has been recorded yet' : 'it is already closed'}`,
			'status',
		);
	}
	throw new RuleViolation(`${shown(action)} is not an action on complaints; expected reply or close`, 'action');
}

export interface ComplaintReply {
	method: ReplyMethod;
	repliedAt: string;
	text: string;
}

/**
 * A reply to the customer: `method` letter (书面函告) or phone (电话), `text` what was said or
 * written, `repliedAt` when (empty: now; never in the future). A serious complaint is replied in
 * writing (P17: 函告该客户).
 */
export function cleanReply(input: Record<string, unknown>, severity: ComplaintSeverity, zone: string, now: string): ComplaintReply {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const m = isBlank(input.method) ? '' : String(input.method).trim().toLowerCase();
	const method = m === '书面' || m === '函告' ? 'letter' : m === '电话' ? 'phone' : m;
	if (!oneOf(REPLY_METHODS, method)) {
		problems.add('method', `Reply method (答复方式): "${m}" is not allowed; expected letter (书面函告) or phone (电话)`);
	} else if (severity === 'serious' && method !== 'letter') {
		problems.add('method', 'Reply method (答复方式): a serious complaint is answered in writing (函告, P17); expected letter');
	}
	let text: string | null = null;
	if (isBlank(input.text)) problems.add('text', 'Reply (答复内容): is empty; write what the customer was told');
	else if (!isText(input.text)) problems.add('text', notTextMessage('Reply (答复内容)', input.text, 'what the customer was told, as text'));
	else {
		text = String(input.text).trim();
		if (text.length > 4000) problems.add('text', `Reply (答复内容): ${text.length} characters is too long; expected at most 4000`);
	}
	const repliedAt = isBlank(input.repliedAt) ? now : problems.check(() => parsePastMoment(input.repliedAt, 'repliedAt', zone, now));
	problems.throwIfAny();
	return { method: method as ReplyMethod, repliedAt: repliedAt!, text: text! };
}

/** Who is told of a complaint: the company manager for a serious one, the service department's manager otherwise. */
export function noticeRecipient(severity: ComplaintSeverity): 'company-manager' | 'service-manager' {
	return severity === 'serious' ? 'company-manager' : 'service-manager';
}

/**
 * A notice due: `new` names the severity it tells of, so a notice sent while the department
 * raised the complaint to serious does not count as the company manager told.
 */
export type ComplaintNotice = { kind: 'new'; period: 0; severity?: ComplaintSeverity } | { kind: 'overdue'; period: number };

/**
 * The notice a complaint is due at `now`, if any: `new` until the manager has been told of it (at
 * its severity); then, while no reply is recorded, `overdue` for each overdue period (1 from the
 * moment the reply is late, 2 a period later …) not yet escalated.
 */
export function complaintNoticeDue(
	c: { status: ComplaintStatus; severity: ComplaintSeverity; notifiedAt: string | null; replyDueAt: string; escalatedPeriod: number },
	now: string,
	periodHours: number,
): ComplaintNotice | null {
	if (!c.notifiedAt) return { kind: 'new', period: 0, severity: c.severity };
	if (c.status !== 'open') return null;
	const period = overduePeriod(c.replyDueAt, now, periodHours);
	return period > c.escalatedPeriod ? { kind: 'overdue', period } : null;
}

export interface SeverityJudgmentInput {
	severity: ComplaintSeverity;
	reason: string;
}

/** The manager's judgment as given (`{ severity, reason }`): the reason is required (P17, kept in the history). */
export function cleanSeverityJudgment(input: Record<string, unknown>): SeverityJudgmentInput {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const severity = problems.check(() => parseSeverity(input.severity));
	let reason = '';
	if (isBlank(input.reason)) problems.add('reason', 'Reason (理由): is empty; say why the complaint is judged so');
	else if (!isText(input.reason)) problems.add('reason', notTextMessage('Reason (理由)', input.reason, 'why the complaint is judged so, as text'));
	else {
		reason = String(input.reason).trim();
		if (reason.length > 2000) problems.add('reason', `Reason (理由): ${reason.length} characters is too long; expected at most 2000`);
	}
	problems.throwIfAny();
	return { severity: severity!, reason };
}

/**
 * The service department judges a complaint's severity (RULES turn 3): the judgment sets it, and
 * the reply due date follows from the day the complaint came in (serious 3 days, general 7). A
 * complaint raised to serious is told to the company manager at once (its notice is due again); a
 * changed due day starts the overdue count afresh. A closed complaint is not judged again.
 */
export function judgeSeverity(
	c: {
		complaintNumber: string;
		status: ComplaintStatus;
		severity: ComplaintSeverity;
		receivedAt: string;
		notifiedAt: string | null;
		escalatedPeriod: number;
	},
	j: SeverityJudgmentInput,
	zone: string,
	days: Record<ComplaintSeverity, number> = REPLY_DAYS,
): { severity: ComplaintSeverity; replyDueOn: string; replyDueAt: string; notifiedAt: string | null; escalatedPeriod: number; changed: boolean } {
	if (c.status === 'closed') throw new RuleViolation(`Complaint ${c.complaintNumber} is closed; its severity is no longer judged`, 'status');
	const due = replyDue(c.receivedAt, j.severity, zone, days);
	const raised = j.severity === 'serious' && c.severity !== 'serious';
	const dueChanged = c.status === 'open' && j.severity !== c.severity;
	return {
		severity: j.severity,
		...due,
		notifiedAt: raised && c.status === 'open' ? null : c.notifiedAt,
		escalatedPeriod: dueChanged ? 0 : c.escalatedPeriod,
		changed: j.severity !== c.severity,
	};
}

/**
 * A follow-up answer (P14–P17) as the customer gives it on the survey page, or a clerk takes it
 * down on the follow-up call: the four P16 levels, the acceptance of Form 1.1 (works as expected,
 * delivered yes / no / no attachment), comments, and a complaint with its severity. Every field is
 * checked before anything is written; all problems of one answer are reported together.
 */
import { ProblemList, shown } from './errors';
import { isBlank, refuseUnprintable } from './records';
import { CRITERIA, parseLevel, type Levels } from './survey-levels';
import { COMPLAINT_SEVERITIES, type ComplaintSeverity } from './complaints';
import { oneOf } from './enums';

export type AnswerChannel = 'link' | 'phone';
export const ANSWER_CHANNELS: readonly AnswerChannel[] = ['link', 'phone'];

export type Delivered = 'yes' | 'no' | 'no-attachment';
export const DELIVERED: readonly Delivered[] = ['yes', 'no', 'no-attachment'];

export interface SurveyAnswer {
	levels: Levels;
	/** Form 1.1: "the system was accepted and works as expected" (null: not asked). */
	accepted: boolean | null;
	/** Form 1.1: delivered? yes / no / no attachment (null: not asked). */
	delivered: Delivered | null;
	comments: string | null;
	complaint: { severity: ComplaintSeverity; text: string } | null;
	channel: AnswerChannel;
}

const MAX_TEXT = 2000;

const YES = new Set(['true', 'yes', 'y', '1', '是', '对', 'on']);
const NO = new Set(['false', 'no', 'n', '0', '否', '不', 'off']);

function yesNo(problems: ProblemList, value: unknown, field: string, label: string): boolean | null {
	if (isBlank(value)) return null;
	if (typeof value === 'boolean') return value;
	const key = String(value).normalize('NFKC').trim().toLowerCase();
	if (YES.has(key)) return true;
	if (NO.has(key)) return false;
	problems.add(field, `${label}: ${shown(value)} is not yes or no; expected true or false (是/否)`);
	return null;
}

function text(problems: ProblemList, value: unknown, field: string, label: string): string | null {
	if (isBlank(value)) return null;
	if (typeof value === 'object') {
		problems.add(field, `${label}: expected text, got ${JSON.stringify(value)}`);
		return null;
	}
	const s = String(value).trim();
	if (s.length > MAX_TEXT) problems.add(field, `${label}: ${s.length} characters is too long; expected at most ${MAX_TEXT}`);
	return s;
}

/**
 * The answer in `input`: `attitude`, `skill`, `arrival`, `promises` (each 4/3/2/1 or
 * very-satisfied/satisfied/average/unsatisfied), `accepted?`, `delivered?`, `comments?`,
 * `complaint?: { severity, text }` (or `complaintSeverity` / `complaintText`, as a web form sends
 * them) and `channel?` (`link` unless given; `defaultChannel` otherwise).
 */
export function cleanSurveyAnswer(input: Record<string, unknown>, defaultChannel: AnswerChannel = 'link'): SurveyAnswer {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const levels = {} as Levels;
	for (const c of CRITERIA) {
		const level = problems.check(() => parseLevel(input[c], c));
		if (level !== undefined) levels[c] = level;
	}
	const accepted = yesNo(problems, input.accepted, 'accepted', 'Works as expected (系统验收正常)');
	let delivered: Delivered | null = null;
	if (!isBlank(input.delivered)) {
		const d = String(input.delivered).trim().toLowerCase();
		delivered = oneOf(DELIVERED, d) ?? null;
		if (!delivered)
			problems.add('delivered', `Delivered (交付): ${shown(input.delivered)} is not allowed; expected yes, no or no-attachment (是/否/无附件)`);
	}
	const comments = text(problems, input.comments, 'comments', 'Comments (意见)');

	const nested = input.complaint;
	// Not an object, or an object with neither `severity` nor `text` ({}, { note: … }): no complaint can be read from it.
	if (
		nested !== undefined &&
		nested !== null &&
		nested !== '' &&
		(typeof nested !== 'object' || Array.isArray(nested) || !['severity', 'text'].some((k) => Object.prototype.hasOwnProperty.call(nested, k)))
	) {
		problems.add('complaint', `Complaint (投诉): expected { severity, text }, got ${JSON.stringify(nested)}`);
	}
	const c = nested && typeof nested === 'object' && !Array.isArray(nested) ? (nested as Record<string, unknown>) : {};
	const severityRaw = c.severity ?? input.complaintSeverity;
	const complaintText = text(problems, c.text ?? input.complaintText, 'complaint.text', 'Complaint (投诉内容)');
	let complaint: SurveyAnswer['complaint'] = null;
	if (complaintText !== null) {
		const s = isBlank(severityRaw) ? 'general' : String(severityRaw).trim().toLowerCase();
		const severity = oneOf(COMPLAINT_SEVERITIES, s);
		if (severity) complaint = { severity, text: complaintText };
		else
			problems.add(
				'complaint.severity',
				`Complaint severity (投诉性质): ${shown(severityRaw)} is not allowed; expected general (一般) or serious (严重)`,
			);
	} else if (!isBlank(severityRaw) && String(severityRaw).trim().toLowerCase() === 'serious') {
		problems.add('complaint.text', 'Complaint (投诉内容): is empty; say what the complaint is about');
	}

	let channel = defaultChannel;
	if (!isBlank(input.channel)) {
		const ch = String(input.channel).trim().toLowerCase();
		const known = oneOf(ANSWER_CHANNELS, ch);
		if (known) channel = known;
		else problems.add('channel', `Channel (回访方式): ${shown(input.channel)} is not allowed; expected link (网上) or phone (电话)`);
	}
	problems.throwIfAny();
	return { levels, accepted, delivered, comments, complaint, channel };
}

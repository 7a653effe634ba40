/**
 * Scan to report (扫码报修, issue 17 item 5): the QR label stuck on a unit carries a link whose last
 * segment is the label's token — the installation's id signed with HMAC-SHA256 under the store's
 * secret (the survey links' and document links' one), with its own version tag so that no survey
 * token or document link signature fits. Shape: `<installation id, base 36>.<signature, base64url>`.
 *
 * Decision: a label does not expire. It is printed once and stays on the unit for years; an
 * expiry would leave a customer in front of a dead link with no way to get a new one. What keeps
 * the open link from being abused is the rate limit per unit (below) and that it only ever opens
 * the one unit's report page. To withdraw every label at once, delete the store's survey secret
 * (as for survey links) and print the labels again.
 *
 * Also here: the customer's report as the page sends it (现场情况, 电话, 联系人?), the idempotency
 * key that makes the same report sent twice the same ticket, and the rate limit per unit.
 *
 * Pure: the HMAC is passed in (`Sign`), the time is passed in.
 */
import { DateTime } from 'luxon';
import { ProblemList, RuleViolation, ValidationError } from './errors';
import { normalizeMainlandPhone } from './phone';
import { isBlank, isText } from './records';
import type { Sign } from './survey-token';

const TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** What is signed: a version tag and the installation's id. */
function message(installationId: number): string {
	return `after-sales-label/v1|${installationId}`;
}

/** The label token of an installation (its id in the store). */
export function makeLabelToken(installationId: number, sign: Sign): string {
	if (!Number.isSafeInteger(installationId) || installationId < 1) {
		throw new RuleViolation(`A label needs the installation's id, a whole number from 1; got ${String(installationId)}`, 'installationId');
	}
	return `${installationId.toString(36)}.${sign(message(installationId))}`;
}

export type LabelTokenCheck = { ok: true; installationId: number } | { ok: false; reason: 'malformed' | 'tampered' };

/** Compares two strings in time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
	let diff = a.length ^ b.length;
	for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
	return diff === 0;
}

/** Checks a label token: its shape, then its signature. Nothing about the unit is trusted before. */
export function checkLabelToken(token: unknown, sign: Sign): LabelTokenCheck {
	const m = typeof token === 'string' ? TOKEN.exec(token.trim()) : null;
	if (!m) return { ok: false, reason: 'malformed' };
	const id = parseInt(m[1], 36);
	if (!Number.isSafeInteger(id) || id < 1) return { ok: false, reason: 'malformed' };
	if (!sameText(sign(message(id)), m[2])) return { ok: false, reason: 'tampered' };
	return { ok: true, installationId: id };
}

/** The sentence for a label link that opens nothing, Chinese first (the page and the API say the same). */
export function labelTokenProblem(reason: 'malformed' | 'tampered'): string {
	return reason === 'tampered'
		? '链接无效 This label link is not valid: it was changed or cut off; scan the label on the unit again, or call us'
		: '链接无效 This is not a label link; scan the label on the unit again, or call us';
}

/** What the customer sends from the report page. */
export interface ScanReport {
	siteSituation: string;
	phone: string;
	contactPerson: string | null;
	/** Only used when the customer file has no address. */
	address: string | null;
}

const LIMITS = { siteSituation: 4000, contactPerson: 100, address: 500 } as const;
const LABELS = {
	siteSituation: '现场情况 What is wrong',
	phone: '电话 Phone',
	contactPerson: '联系人 Contact person',
	address: '地址 Address',
} as const;

/**
 * The customer's report, every problem at once, each naming its field, Chinese first
 * (`电话 Phone: …`). `needAddress`: the customer file has no address, so the page asked for one.
 */
export function cleanScanReport(input: Record<string, unknown>, needAddress = false): ScanReport {
	const problems = new ProblemList();
	const text = (field: keyof typeof LIMITS, required: boolean, expected: string): string | null => {
		const v = input[field];
		if (isBlank(v)) {
			if (required) problems.add(field, `${LABELS[field]}: 未填写 is empty; ${expected}`);
			return null;
		}
		if (!isText(v)) {
			problems.add(field, `${LABELS[field]}: 应为文字 is not text; ${expected}`);
			return null;
		}
		const s = String(v).trim();
		// Control characters other than line breaks and tabs are not something a person typed.
		if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) {
			problems.add(field, `${LABELS[field]}: 含有无法显示的字符 contains characters that cannot be shown; ${expected}`);
			return null;
		}
		if (s.length > LIMITS[field]) problems.add(field, `${LABELS[field]}: 太长 ${s.length} characters is too long; expected at most ${LIMITS[field]}`);
		return s;
	};
	const siteSituation = text('siteSituation', true, 'expected what is wrong with the unit, for example 不制冷 not cooling');
	let phone = '';
	if (isBlank(input.phone)) problems.add('phone', `${LABELS.phone}: 未填写 is empty; expected the number to call you back, such as 13812345678`);
	else {
		try {
			phone = normalizeMainlandPhone(input.phone, 'phone');
		} catch (error) {
			if (!(error instanceof ValidationError)) throw error;
			const raw = typeof input.phone === 'string' || typeof input.phone === 'number' ? String(input.phone).trim().slice(0, 40) : typeof input.phone;
			problems.add(
				'phone',
				`${LABELS.phone}: "${raw}" 不是有效的电话号码 is not a valid mainland China phone number; expected an 11-digit mobile such as 13812345678 or a landline with its area code such as 010-12345678`,
			);
		}
	}
	const contactPerson = text('contactPerson', false, 'expected the name of the person to ask for');
	const address = text('address', needAddress, 'expected where the unit is');
	problems.throwIfAny();
	return { siteSituation: siteSituation!, phone, contactPerson, address: needAddress ? address : null };
}

/**
 * The idempotency key of a report (the repair intake's `idempotencyKey`): the same label, the
 * same content (white space and letter case aside) on the same day in the workflow's timezone is
 * the same report — a double tap or a resend gives the same ticket. Another day, or another
 * description, is a new report. Signed, so the key reveals nothing of the content and cannot be
 * made up from outside.
 */
export function scanReportKey(installationId: number, report: ScanReport, day: string, sign: Sign): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RuleViolation(`A report's day is YYYY-MM-DD; got "${day}"`, 'day');
	const norm = (s: string | null) => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
	const content = [norm(report.siteSituation), report.phone, norm(report.contactPerson), norm(report.address)].join('|');
	return `scan-${day}-${installationId.toString(36)}-${sign(`after-sales-scan-report/v1|${installationId}|${day}|${content}`)}`;
}

/** Decision: at most 3 new reports per unit in any 24 hours (a resend of the same report is not counted). */
export const SCAN_REPORTS_PER_UNIT = 3;
export const SCAN_REPORT_WINDOW_HOURS = 24;

/** The start of the window that ends at `now`. */
export function rateWindowStart(now: string, hours: number = SCAN_REPORT_WINDOW_HOURS): string {
	const at = DateTime.fromISO(now, { setZone: true });
	if (!at.isValid) throw new RuleViolation(`The rate limit needs the time now as ISO 8601; got "${now}"`, 'now');
	return at.toUTC().minus({ hours }).toISO()!;
}

/** Too many reports for one unit: a webhook answers 429. */
export class RateLimited extends RuleViolation {
	constructor(message: string) {
		super(message, 'rateLimit');
		this.name = 'RateLimited';
	}
}

/** Refuses a new report when the unit already has `limit` in the window. */
export function checkReportRate(countInWindow: number, limit: number = SCAN_REPORTS_PER_UNIT, hours: number = SCAN_REPORT_WINDOW_HOURS): void {
	if (!Number.isInteger(limit) || limit < 1)
		throw new RuleViolation(`Reports per unit: ${String(limit)} is not allowed; expected a whole number from 1`, 'limit');
	if (countInWindow >= limit) {
		throw new RateLimited(
			`报修次数过多 Too many reports: this unit already has ${countInWindow} in the last ${hours} hours (at most ${limit}); we are working on it — please call us if it is urgent`,
		);
	}
}

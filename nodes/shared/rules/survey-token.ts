/**
 * The survey link's token (decision for P14–P16): the survey number and the moment the link
 * expires, signed with HMAC-SHA256 under a secret of the installation, so that the link is its
 * own key — nothing else is needed to open the form, and nobody can make one for another survey
 * or stretch its life. Shape: `HF-20261127-0001.<expiry, seconds since 1970 in base 36>.<signature,
 * base64url>`: only URL-safe characters, no slash, readable enough for support to see which survey
 * a link belongs to.
 *
 * The rule knows the format and the checks; the HMAC itself is passed in (`Sign`), as the store
 * keeps the secret and Node's crypto computes it — rules stay pure.
 */
import { DateTime } from 'luxon';
import { RuleViolation } from './errors';

/** HMAC-SHA256 of `message` under the installation's secret, base64url without padding (43 characters). */
export type Sign = (message: string) => string;

/** How long a survey link is valid (decision: 30 days). */
export const SURVEY_VALID_DAYS = 30;

const SURVEY_NUMBER = /^HF-\d{8}-\d{4}$/;
const TOKEN = /^(HF-\d{8}-\d{4})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** What is signed: a version tag, the survey number, the expiry in whole seconds. */
function message(surveyNumber: string, expiresSeconds: number): string {
	return `after-sales-survey/v1|${surveyNumber}|${expiresSeconds}`;
}

/**
 * When a signed link made at `start` expires: `days` later (1 to 366), to the whole second (a
 * token keeps seconds). `field` and `needs` name the start in the message when it is not a time.
 */
export function linkExpiresAt(start: string, days: number, field: string, needs: string): string {
	if (!Number.isInteger(days) || days < 1 || days > 366) {
		throw new RuleViolation(
			`Link validity: ${String(days)} days is not allowed; expected a whole number of days from 1 to 366, for example 30`,
			'validDays',
		);
	}
	const from = DateTime.fromISO(start, { setZone: true });
	if (!from.isValid) throw new RuleViolation(`${needs} as ISO 8601; got "${start}"`, field);
	return from.toUTC().plus({ days }).startOf('second').toISO()!;
}

/** When a link made at `createdAt` expires: `days` later, to the whole second (the token keeps seconds). */
export function surveyExpiresAt(createdAt: string, days: number = SURVEY_VALID_DAYS): string {
	return linkExpiresAt(createdAt, days, 'createdAt', 'A survey link needs its creation time');
}

/** The signed token for a survey whose link expires at `expiresAt`. */
export function makeSurveyToken(surveyNumber: string, expiresAt: string, sign: Sign): string {
	if (!SURVEY_NUMBER.test(surveyNumber)) throw new RuleViolation(`"${surveyNumber}" is not a survey number such as HF-20261127-0001`, 'surveyNumber');
	const expires = DateTime.fromISO(expiresAt, { setZone: true });
	if (!expires.isValid) throw new RuleViolation(`A survey link needs its expiry as ISO 8601; got "${expiresAt}"`, 'expiresAt');
	const seconds = Math.floor(expires.toMillis() / 1000);
	return `${surveyNumber}.${seconds.toString(36)}.${sign(message(surveyNumber, seconds))}`;
}

export type TokenCheck =
	| { ok: true; surveyNumber: string; expiresAt: string }
	/** malformed: not a survey token at all; tampered: the signature does not match; expired: past its time. */
	| { ok: false; reason: 'malformed' | 'tampered' | 'expired'; surveyNumber?: string; expiresAt?: string };

/** Compares two strings in time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
	let diff = a.length ^ b.length;
	for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
	return diff === 0;
}

/**
 * Checks a token at the instant `now`: its shape, then its signature, then its expiry (a link is
 * valid up to, not at, its expiry). Nothing about the survey is trusted before the signature is.
 */
export function checkSurveyToken(token: unknown, now: string, sign: Sign): TokenCheck {
	const m = typeof token === 'string' ? TOKEN.exec(token.trim()) : null;
	if (!m) return { ok: false, reason: 'malformed' };
	const [, surveyNumber, exp, signature] = m;
	const seconds = parseInt(exp, 36);
	if (!Number.isSafeInteger(seconds)) return { ok: false, reason: 'malformed' };
	if (!sameText(sign(message(surveyNumber, seconds)), signature)) return { ok: false, reason: 'tampered' };
	const expiresAt = DateTime.fromMillis(seconds * 1000, { zone: 'utc' }).toISO()!;
	const at = DateTime.fromISO(now, { setZone: true });
	if (!at.isValid) throw new RuleViolation(`Checking a survey link needs the time now as ISO 8601; got "${now}"`, 'now');
	if (at.toMillis() >= seconds * 1000) return { ok: false, reason: 'expired', surveyNumber, expiresAt };
	return { ok: true, surveyNumber, expiresAt };
}

/** The sentence for a token that does not open a survey (the page and the API say the same). */
export function tokenProblem(reason: 'malformed' | 'tampered' | 'expired', expiresAt?: string): string {
	switch (reason) {
		case 'expired':
			return `This survey link expired${expiresAt ? ` on ${expiresAt.slice(0, 10)}` : ''} (链接已过期); please call us and we will record your opinion by phone`;
		case 'tampered':
			return 'This survey link is not valid (链接无效): it was changed or cut off; open the link exactly as it came in the email';
		default:
			return 'This is not a survey link (链接无效); open the link exactly as it came in the email';
	}
}

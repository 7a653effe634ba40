/**
 * Signed document links (issue 17 item 2, RECORDS.md *Webhooks*): every printable document
 * (`…/documents/…`, `…/document` under /webhook/after-sales/) also opens without the header key
 * from a link that carries an expiry and a signature: HMAC-SHA256, under the store's secret (the
 * one survey links use), of a version tag, the document's path and the expiry. A link signed for
 * one document opens no other; a changed path, expiry or signature, or a link past its time, is
 * refused.
 *
 * Link shape: the document's own address with one more path segment, the link token
 * `<expiry, seconds since 1970 in base 36>.<signature, base64url>`:
 * `…/repairs/BX-20261127-0001/documents/voucher/mh2k3n4o.<43 characters>`. A segment, not a query,
 * because n8n's header auth on the document's own webhook refuses a request without the key before
 * any node runs: the signed address is a second webhook of the same workflow, without auth, whose
 * first step checks the token (README, *Signed document links*). The path signed is the decoded
 * one (`repairs/BX-20261127-0001/documents/voucher`), as the webhook gives it in its parameters;
 * `?lang=en` is not signed (it only chooses the language).
 *
 * Pure: the HMAC is passed in (`Sign`, as for survey tokens), the time is passed in (`now`).
 */
import { DateTime } from 'luxon';
import { RuleViolation } from './errors';
import { linkExpiresAt, type Sign } from './survey-token';

/** How long a document link works (decision: 30 days — an answer page or email is read within that). */
export const DOCUMENT_LINK_VALID_DAYS = 30;

/** The document paths that open by a signed link: repairs, orders, invoices, contracts, complaints. */
const DOCUMENT_PATH = /^(repairs|orders|invoices|contracts|complaints)\/[^/?#\u0000-\u001f]+\/(documents\/[A-Za-z0-9][A-Za-z0-9.-]*|document)$/;
const EXPIRES = /^[0-9a-z]{1,11}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

/** What is signed: a version tag (so no survey token's signature fits), the path, the expiry in whole seconds. */
function message(path: string, expiresSeconds: number): string {
	return `after-sales-document/v1|${path}|${expiresSeconds}`;
}

/**
 * The document path under /webhook/after-sales/, as signed: without a leading slash or the
 * `webhook/after-sales/` prefix. Anything that is not a document path is refused (`path`).
 */
export function documentPath(path: unknown): string {
	const p =
		typeof path === 'string'
			? path
					.trim()
					.replace(/^\/+/, '')
					.replace(/^webhook\/after-sales\//, '')
			: '';
	if (!DOCUMENT_PATH.test(p)) {
		throw new RuleViolation(
			`Document path: "${typeof path === 'string' ? path : String(path)}" is not a printable document; expected for example repairs/BX-20261127-0001/documents/voucher or invoices/FP-2026-000001/document`,
			'path',
		);
	}
	return p;
}

/** When a link made at `now` expires: `days` later, to the whole second. */
export function documentLinkExpiresAt(now: string, days: number = DOCUMENT_LINK_VALID_DAYS): string {
	return linkExpiresAt(now, days, 'now', 'A document link needs the time now');
}

export interface SignedDocumentLink {
	/** the decoded path signed */
	path: string;
	/** the path for a URL: each segment percent-encoded */
	urlPath: string;
	exp: string;
	sig: string;
	/** `<exp>.<sig>`: the last path segment of the signed address */
	token: string;
	expiresAt: string;
}

/** The signature of a document path for a link that expires at `expiresAt`. */
export function signDocumentLink(path: string, expiresAt: string, sign: Sign): SignedDocumentLink {
	const p = documentPath(path);
	const expires = DateTime.fromISO(expiresAt, { setZone: true });
	if (!expires.isValid) throw new RuleViolation(`A document link needs its expiry as ISO 8601; got "${expiresAt}"`, 'expiresAt');
	const seconds = Math.floor(expires.toMillis() / 1000);
	const exp = seconds.toString(36);
	const sig = sign(message(p, seconds));
	return {
		path: p,
		urlPath: p.split('/').map(encodeURIComponent).join('/'),
		exp,
		sig,
		token: `${exp}.${sig}`,
		expiresAt: DateTime.fromMillis(seconds * 1000, { zone: 'utc' }).toISO()!,
	};
}

export type DocumentLinkCheck =
	| { ok: true; expiresAt: string }
	/** missing: no signature given; malformed: not a signature; tampered: it does not fit this path and expiry; expired: past its time. */
	| { ok: false; reason: 'missing' | 'malformed' | 'tampered' | 'expired'; expiresAt?: string };

/** Compares two strings in time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
	let diff = a.length ^ b.length;
	for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
	return diff === 0;
}

/**
 * Checks the signature of a link to `path` at the instant `now`: shape, then signature, then
 * expiry (valid up to, not at, its expiry). The path is the one the request asked for, so a
 * signature made for another document never fits.
 */
export function checkDocumentLink(path: string, exp: unknown, sig: unknown, now: string, sign: Sign): DocumentLinkCheck {
	const e = typeof exp === 'string' ? exp.trim() : '';
	const s = typeof sig === 'string' ? sig.trim() : '';
	if (e === '' && s === '') return { ok: false, reason: 'missing' };
	if (!EXPIRES.test(e) || !SIGNATURE.test(s)) return { ok: false, reason: 'malformed' };
	const seconds = parseInt(e, 36);
	if (!Number.isSafeInteger(seconds)) return { ok: false, reason: 'malformed' };
	let p: string;
	try {
		p = documentPath(path);
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (!sameText(sign(message(p, seconds)), s)) return { ok: false, reason: 'tampered' };
	const at = DateTime.fromISO(now, { setZone: true });
	if (!at.isValid) throw new RuleViolation(`Checking a document link needs the time now as ISO 8601; got "${now}"`, 'now');
	const expiresAt = DateTime.fromMillis(seconds * 1000, { zone: 'utc' }).toISO()!;
	if (at.toMillis() >= seconds * 1000) return { ok: false, reason: 'expired', expiresAt };
	return { ok: true, expiresAt };
}

/** Checks a link token (`<exp>.<sig>`, the signed address's last segment) for `path` at `now`. */
export function checkDocumentToken(path: string, token: unknown, now: string, sign: Sign): DocumentLinkCheck {
	const t = typeof token === 'string' ? token.trim() : '';
	if (t === '') return { ok: false, reason: 'missing' };
	const dot = t.indexOf('.');
	if (dot < 0) return { ok: false, reason: 'malformed' };
	return checkDocumentLink(path, t.slice(0, dot), t.slice(dot + 1), now, sign);
}

/** The sentence for a link that does not open the document, Chinese first (the page and the API say the same). */
export function documentLinkProblem(reason: 'missing' | 'malformed' | 'tampered' | 'expired', expiresAt?: string): string {
	switch (reason) {
		case 'expired':
			return `链接已过期 This document link expired${expiresAt ? ` on ${expiresAt.slice(0, 10)}` : ''}; ask for a new link`;
		case 'tampered':
			return '链接无效 This document link is not valid: it was changed, or it was made for another document';
		case 'malformed':
			return '链接无效 This is not a document link; open the link exactly as it was given';
		default:
			return '需要签名链接 This document address needs a signed link (or the X-After-Sales-Key header on the document’s own address)';
	}
}

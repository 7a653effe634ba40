import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
	checkDocumentLink,
	checkDocumentToken,
	documentLinkExpiresAt,
	documentPath,
	signDocumentLink,
	DOCUMENT_LINK_VALID_DAYS,
} from '../../nodes/shared/rules/document-link';
import { makeSurveyToken } from '../../nodes/shared/rules/survey-token';

const signer = (secret: string) => (message: string) => createHmac('sha256', secret).update(message).digest('base64url');
const sign = signer('the installation secret');
const iso = (ms: number) => new Date(ms).toISOString();

const VOUCHER = 'repairs/BX-20261127-0001/documents/voucher';
const MADE = '2026-11-27T01:30:15.678Z';

const paths = fc.oneof(
	fc.integer({ min: 1, max: 9999 }).map((n) => `repairs/BX-20261127-${String(n).padStart(4, '0')}/documents/voucher`),
	fc.integer({ min: 1, max: 9999 }).map((n) => `orders/DD-20261127-${String(n).padStart(4, '0')}/documents/processing-sheet.xlsx`),
	fc.integer({ min: 1, max: 999999 }).map((n) => `invoices/FP-2026-${String(n).padStart(6, '0')}/document`),
	fc
		.string({ minLength: 1, maxLength: 12 })
		.filter((s) => /^[^/?#\s]+$/.test(s))
		.map((c) => `contracts/${c}/documents/expiry-notice`),
);

describe('signed document links', () => {
	test('a link opens its document until it expires (property)', () => {
		fc.assert(
			fc.property(paths, fc.integer({ min: 0, max: DOCUMENT_LINK_VALID_DAYS * 86_400_000 - 1001 }), (path, after) => {
				const link = signDocumentLink(path, documentLinkExpiresAt(MADE), sign);
				expect(checkDocumentLink(path, link.exp, link.sig, iso(Date.parse(MADE) + after), sign)).toEqual({
					ok: true,
					expiresAt: '2026-12-27T01:30:15.000Z',
				});
			}),
		);
	});

	test('the query and the URL path: exp in base 36 seconds, a 43-character signature, each path segment encoded', () => {
		const link = signDocumentLink('contracts/HT 合同/documents/expiry-notice', '2026-12-27T01:30:15.000Z', sign);
		expect(link.exp).toBe((Date.UTC(2026, 11, 27, 1, 30, 15) / 1000).toString(36));
		expect(link.sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(link.token).toBe(`${link.exp}.${link.sig}`);
		expect(link.urlPath).toBe('contracts/HT%20%E5%90%88%E5%90%8C/documents/expiry-notice');
	});

	test('expired: refused from the second it expires, not before', () => {
		const expiresAt = documentLinkExpiresAt(MADE);
		const link = signDocumentLink(VOUCHER, expiresAt, sign);
		expect(checkDocumentLink(VOUCHER, link.exp, link.sig, '2026-12-27T01:30:14.999Z', sign).ok).toBe(true);
		expect(checkDocumentLink(VOUCHER, link.exp, link.sig, '2026-12-27T01:30:15.000Z', sign)).toEqual({ ok: false, reason: 'expired', expiresAt });
		expect(checkDocumentLink(VOUCHER, link.exp, link.sig, '2027-06-01T00:00:00Z', sign)).toMatchObject({ ok: false, reason: 'expired' });
	});

	test('tampered: a stretched expiry, a changed signature, another path’s signature or another secret is refused', () => {
		const link = signDocumentLink(VOUCHER, documentLinkExpiresAt(MADE), sign);
		const now = '2026-11-28T00:00:00Z';
		const later = (parseInt(link.exp, 36) + 86_400 * 365).toString(36);
		expect(checkDocumentLink(VOUCHER, later, link.sig, now, sign)).toEqual({ ok: false, reason: 'tampered' });
		const flipped = `${link.sig.slice(0, 10)}${link.sig[10] === 'A' ? 'B' : 'A'}${link.sig.slice(11)}`;
		expect(checkDocumentLink(VOUCHER, link.exp, flipped, now, sign)).toEqual({ ok: false, reason: 'tampered' });
		// The same ticket's other documents, another ticket's voucher:
		for (const other of ['repairs/BX-20261127-0001/documents/form', 'repairs/BX-20261127-0002/documents/voucher', 'invoices/FP-2026-000001/document'])
			expect(checkDocumentLink(other, link.exp, link.sig, now, sign)).toEqual({ ok: false, reason: 'tampered' });
		expect(checkDocumentLink(VOUCHER, link.exp, link.sig, now, signer('another installation'))).toEqual({ ok: false, reason: 'tampered' });
	});

	test('a survey token’s signature does not open a document (another message, by its version tag)', () => {
		const token = makeSurveyToken('HF-20261127-0001', documentLinkExpiresAt(MADE), sign);
		const [, exp, sig] = token.split('.');
		expect(checkDocumentLink(VOUCHER, exp, sig, '2026-11-28T00:00:00Z', sign)).toEqual({ ok: false, reason: 'tampered' });
	});

	test('the link token (<exp>.<sig>, the signed address’s last segment) checks the same way', () => {
		const link = signDocumentLink(VOUCHER, documentLinkExpiresAt(MADE), sign);
		const now = '2026-11-28T00:00:00Z';
		expect(checkDocumentToken(VOUCHER, link.token, now, sign)).toEqual({ ok: true, expiresAt: '2026-12-27T01:30:15.000Z' });
		expect(checkDocumentToken('repairs/BX-20261127-0001/documents/form', link.token, now, sign)).toEqual({ ok: false, reason: 'tampered' });
		expect(checkDocumentToken(VOUCHER, `${link.token}x`, now, sign)).toEqual({ ok: false, reason: 'malformed' });
		expect(checkDocumentToken(VOUCHER, link.sig, now, sign)).toEqual({ ok: false, reason: 'malformed' });
		expect(checkDocumentToken(VOUCHER, '', now, sign)).toEqual({ ok: false, reason: 'missing' });
		expect(checkDocumentToken(VOUCHER, link.token, '2026-12-27T01:30:15.000Z', sign)).toMatchObject({ ok: false, reason: 'expired' });
	});

	test('missing and malformed', () => {
		const now = '2026-11-28T00:00:00Z';
		expect(checkDocumentLink(VOUCHER, undefined, undefined, now, sign)).toEqual({ ok: false, reason: 'missing' });
		expect(checkDocumentLink(VOUCHER, '', ' ', now, sign)).toEqual({ ok: false, reason: 'missing' });
		const link = signDocumentLink(VOUCHER, documentLinkExpiresAt(MADE), sign);
		expect(checkDocumentLink(VOUCHER, link.exp, '', now, sign)).toEqual({ ok: false, reason: 'malformed' });
		expect(checkDocumentLink(VOUCHER, 'ZZZ!', link.sig, now, sign)).toEqual({ ok: false, reason: 'malformed' });
		expect(checkDocumentLink(VOUCHER, link.exp, link.sig.slice(1), now, sign)).toEqual({ ok: false, reason: 'malformed' });
		expect(checkDocumentLink(VOUCHER, [link.exp], link.sig, now, sign)).toEqual({ ok: false, reason: 'malformed' });
		expect(checkDocumentLink('repairs/BX-1/visit', link.exp, link.sig, now, sign)).toEqual({ ok: false, reason: 'malformed' });
	});

	test('document paths: the webhook prefix and a leading slash are dropped; other paths are refused', () => {
		expect(documentPath(`/webhook/after-sales/${VOUCHER}`)).toBe(VOUCHER);
		expect(documentPath(`/${VOUCHER}`)).toBe(VOUCHER);
		expect(documentPath('complaints/TS-20261127-0001/documents/reply-letter')).toBe('complaints/TS-20261127-0001/documents/reply-letter');
		for (const bad of [
			'repairs',
			'repairs/BX-1/visit',
			'repairs/BX-1/documents/',
			'repairs/a/b/documents/voucher',
			'board',
			'surveys/x',
			42,
			undefined,
		])
			expect(() => documentPath(bad)).toThrow(/is not a printable document/);
		expect(() => documentLinkExpiresAt(MADE, 0)).toThrow(/1 to 366/);
		expect(() => documentLinkExpiresAt('yesterday')).toThrow(/ISO 8601/);
	});
});

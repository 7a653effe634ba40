import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { makeSurveyToken } from '../../nodes/shared/rules/survey-token';
import { signDocumentLink } from '../../nodes/shared/rules/document-link';
import {
	checkLabelToken,
	checkReportRate,
	cleanScanReport,
	makeLabelToken,
	rateWindowStart,
	RateLimited,
	scanReportKey,
} from '../../nodes/shared/rules/scan-report';
import { ValidationError } from '../../nodes/shared/rules/errors';

const signer = (secret: string) => (message: string) => createHmac('sha256', secret).update(message).digest('base64url');
const sign = signer('the installation secret');

const problems = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		if (e instanceof ValidationError) return e.problems;
		throw e;
	}
	throw new Error('expected a ValidationError');
};

describe('label tokens (扫码报修 labels)', () => {
	test('a label opens its own unit, for any id (property), and never expires', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (id) => {
				expect(checkLabelToken(makeLabelToken(id, sign), sign)).toEqual({ ok: true, installationId: id });
			}),
		);
		expect(makeLabelToken(42, sign)).toMatch(/^16\.[A-Za-z0-9_-]{43}$/);
	});

	test('another unit’s id with a real signature, one character changed, another secret: refused', () => {
		const token = makeLabelToken(42, sign);
		const sig = token.split('.')[1];
		expect(checkLabelToken(`17.${sig}`, sign)).toEqual({ ok: false, reason: 'tampered' });
		expect(checkLabelToken(token, signer('another secret'))).toEqual({ ok: false, reason: 'tampered' });
		fc.assert(
			fc.property(fc.nat(), fc.constantFrom(...'ABCxyz019-_'), (at, c) => {
				const i = at % token.length;
				fc.pre(token[i] !== c && token[i] !== '.');
				expect(checkLabelToken(token.slice(0, i) + c + token.slice(i + 1), sign).ok).toBe(false);
			}),
		);
	});

	test('not a label: empty, cut off, a survey token or a document link signed with the same secret', () => {
		for (const t of ['', 'abc', '16.', `16.${'A'.repeat(42)}`, null, 16, { t: 1 }])
			expect(checkLabelToken(t, sign)).toEqual({ ok: false, reason: 'malformed' });
		const survey = makeSurveyToken('HF-20261127-0001', '2026-12-27T00:00:00.000Z', sign);
		expect(checkLabelToken(survey, sign).ok).toBe(false);
		const doc = signDocumentLink('repairs/BX-20261127-0001/documents/voucher', '2026-12-27T00:00:00.000Z', sign);
		expect(checkLabelToken(doc.token, sign).ok).toBe(false);
		// A document signature over the same id as text does not fit a label either (its own version tag).
		expect(checkLabelToken(`16.${doc.sig}`, sign)).toEqual({ ok: false, reason: 'tampered' });
	});
});

describe('the customer’s report', () => {
	test('cleaned: phone normalised, texts trimmed, contact person optional', () => {
		expect(cleanScanReport({ siteSituation: '  不制冷 ', phone: '138-1234-5678' })).toEqual({
			siteSituation: '不制冷',
			phone: '13812345678',
			contactPerson: null,
			address: null,
		});
		expect(cleanScanReport({ siteSituation: 'x', phone: '010 1234 5678', contactPerson: '王先生', address: 'ignored' }).contactPerson).toBe('王先生');
	});

	test('every problem at once, each naming its field, Chinese first', () => {
		const p = problems(() => cleanScanReport({ siteSituation: ' ', phone: '12345', contactPerson: { a: 1 } }));
		expect(p.map((x) => x.field)).toEqual(['siteSituation', 'phone', 'contactPerson']);
		expect(p[0].message).toMatch(/^现场情况 What is wrong: 未填写/);
		expect(p[1].message).toMatch(/^电话 Phone: "12345" 不是有效的电话号码/);
		expect(p[2].message).toMatch(/^联系人 Contact person: 应为文字/);
		expect(problems(() => cleanScanReport({ siteSituation: 'x'.repeat(4001), phone: '13812345678' }))[0].field).toBe('siteSituation');
		expect(problems(() => cleanScanReport({ siteSituation: 'a\u0000b', phone: '13812345678' }))[0].field).toBe('siteSituation');
	});

	test('the address is asked for only when the customer file has none', () => {
		expect(problems(() => cleanScanReport({ siteSituation: 'x', phone: '13812345678' }, true))).toEqual([
			{ field: 'address', message: expect.stringMatching(/^地址 Address: 未填写/) },
		]);
		expect(cleanScanReport({ siteSituation: 'x', phone: '13812345678', address: '北京路1号' }, true).address).toBe('北京路1号');
	});
});

describe('idempotency key', () => {
	const report = cleanScanReport({ siteSituation: '不制冷 有异响', phone: '13812345678', contactPerson: 'Wang' });
	const key = scanReportKey(7, report, '2026-11-27', sign);

	test('the same report the same day is the same key, white space and case aside', () => {
		const again = cleanScanReport({ siteSituation: ' 不制冷  有异响 ', phone: '138 1234 5678', contactPerson: 'WANG' });
		expect(scanReportKey(7, again, '2026-11-27', sign)).toBe(key);
		expect(key).toMatch(/^scan-2026-11-27-7-[A-Za-z0-9_-]{43}$/);
		expect(key.length).toBeLessThanOrEqual(200);
	});

	test('another day, unit, description, phone or contact: another key', () => {
		const keys = [
			scanReportKey(7, report, '2026-11-28', sign),
			scanReportKey(8, report, '2026-11-27', sign),
			scanReportKey(7, { ...report, siteSituation: '不制冷' }, '2026-11-27', sign),
			scanReportKey(7, { ...report, phone: '13812345679' }, '2026-11-27', sign),
			scanReportKey(7, { ...report, contactPerson: null }, '2026-11-27', sign),
		];
		expect(new Set([key, ...keys]).size).toBe(6);
	});
});

describe('rate limit per unit', () => {
	test('up to the limit passes; at the limit refused as RateLimited on the field rateLimit', () => {
		expect(() => checkReportRate(0, 3)).not.toThrow();
		expect(() => checkReportRate(2, 3)).not.toThrow();
		let error: unknown;
		try {
			checkReportRate(3, 3, 24);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(RateLimited);
		expect((error as RateLimited).field).toBe('rateLimit');
		expect((error as Error).message).toMatch(/^报修次数过多 .*3 in the last 24 hours \(at most 3\)/);
		expect(() => checkReportRate(0, 0)).toThrow(/Reports per unit/);
	});

	test('the window is the hours before now', () => {
		expect(rateWindowStart('2026-11-27T10:00:00+08:00', 24)).toBe('2026-11-26T02:00:00.000Z');
		expect(rateWindowStart('2026-11-27T02:00:00.000Z', 1)).toBe('2026-11-27T01:00:00.000Z');
		expect(() => rateWindowStart('yesterday')).toThrow(/ISO 8601/);
	});
});

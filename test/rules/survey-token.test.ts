import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { checkSurveyToken, makeSurveyToken, surveyExpiresAt, SURVEY_VALID_DAYS } from '../../nodes/shared/rules/survey-token';

const signer = (secret: string) => (message: string) => createHmac('sha256', secret).update(message).digest('base64url');
const sign = signer('the installation secret');

const surveyNo = fc
	.tuple(fc.integer({ min: 2020, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 9999 }))
	.map(([y, m, d, n]) => `HF-${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}-${String(n).padStart(4, '0')}`);
/** Creation instants between 2020 and 2090, whole milliseconds. */
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => new Date(ms).toISOString());
const iso = (ms: number) => new Date(ms).toISOString();

describe('survey links: signed, expiring tokens', () => {
	test('a token made for a survey opens that survey until it expires (property)', () => {
		fc.assert(
			fc.property(surveyNo, instant, fc.integer({ min: 0, max: SURVEY_VALID_DAYS * 86_400_000 - 1001 }), (no, created, after) => {
				const expiresAt = surveyExpiresAt(created);
				const token = makeSurveyToken(no, expiresAt, sign);
				const check = checkSurveyToken(token, iso(Date.parse(created) + after), sign);
				expect(check).toEqual({ ok: true, surveyNumber: no, expiresAt });
			}),
		);
	});

	test('expiry: valid for 30 days to the second, refused from the moment it expires', () => {
		const created = '2026-11-27T01:30:15.678Z';
		const expiresAt = surveyExpiresAt(created);
		expect(expiresAt).toBe('2026-12-27T01:30:15.000Z');
		const token = makeSurveyToken('HF-20261127-0001', expiresAt, sign);
		expect(checkSurveyToken(token, '2026-12-27T01:30:14.999Z', sign).ok).toBe(true);
		expect(checkSurveyToken(token, '2026-12-27T01:30:15.000Z', sign)).toEqual({
			ok: false,
			reason: 'expired',
			surveyNumber: 'HF-20261127-0001',
			expiresAt,
		});
		expect(checkSurveyToken(token, '2027-03-01T00:00:00.000Z', sign)).toMatchObject({ ok: false, reason: 'expired' });
	});

	test('any one character changed is refused as tampered or malformed, never accepted (property)', () => {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
		fc.assert(
			fc.property(surveyNo, instant, fc.nat(), fc.nat(), (no, created, at, pick) => {
				const token = makeSurveyToken(no, surveyExpiresAt(created), sign);
				const i = at % token.length;
				const replacement = alphabet[pick % alphabet.length];
				fc.pre(replacement !== token[i]);
				const changed = token.slice(0, i) + replacement + token.slice(i + 1);
				const check = checkSurveyToken(changed, created, sign);
				expect(check.ok).toBe(false);
				expect(['tampered', 'malformed']).toContain((check as { reason: string }).reason);
			}),
		);
	});

	test('a later expiry written into a real token does not pass (the signature covers it)', () => {
		const created = '2026-11-27T01:30:00.000Z';
		const token = makeSurveyToken('HF-20261127-0001', surveyExpiresAt(created), sign);
		const [no, exp, sig] = token.split('.');
		const stretched = `${no}.${(parseInt(exp, 36) + 86_400 * 365).toString(36)}.${sig}`;
		expect(checkSurveyToken(stretched, created, sign)).toEqual({ ok: false, reason: 'tampered' });
		const other = `HF-20261127-0002.${exp}.${sig}`;
		expect(checkSurveyToken(other, created, sign)).toEqual({ ok: false, reason: 'tampered' });
	});

	test('a token signed under another secret is refused', () => {
		const token = makeSurveyToken('HF-20261127-0001', surveyExpiresAt('2026-11-27T01:30:00Z'), signer('another installation'));
		expect(checkSurveyToken(token, '2026-11-28T00:00:00Z', sign)).toEqual({ ok: false, reason: 'tampered' });
	});

	test.each([
		[''],
		['abc'],
		[':token'],
		['HF-20261127-0001'],
		['HF-20261127-0001.x.y'],
		[null],
		[42],
		['HF-20261127-0001.zzzzzzzzzzzz.' + 'a'.repeat(43)],
	])('%p is not a token', (token) => {
		expect(checkSurveyToken(token, '2026-11-28T00:00:00Z', sign)).toEqual({ ok: false, reason: 'malformed' });
	});

	test('the token holds only characters safe in a URL path segment', () => {
		fc.assert(
			fc.property(surveyNo, instant, (no, created) => {
				const token = makeSurveyToken(no, surveyExpiresAt(created), sign);
				expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
				expect(encodeURIComponent(token)).toBe(token);
			}),
		);
	});

	test('validity other than 1..366 whole days is refused', () => {
		expect(surveyExpiresAt('2026-11-27T00:00:00Z', 1)).toBe('2026-11-28T00:00:00.000Z');
		for (const days of [0, -1, 1.5, 367]) expect(() => surveyExpiresAt('2026-11-27T00:00:00Z', days)).toThrow(/Link validity/);
	});
});

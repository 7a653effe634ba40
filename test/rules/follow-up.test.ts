import { RuleViolation } from '../../nodes/shared/rules/errors';
import { assertSurveyable, callDueAt, complaintNumber, surveyNumber, surveyState, SURVEY_STATUSES } from '../../nodes/shared/rules/follow-up';
import { TICKET_STATUSES } from '../../nodes/shared/rules/ticket-lifecycle';

test('survey and complaint numbers: HF- and TS- with the day and a 4-digit sequence', () => {
	expect(surveyNumber('2026-11-27', 7)).toBe('HF-20261127-0007');
	expect(complaintNumber('2026-11-27', 12)).toBe('TS-20261127-0012');
	expect(() => surveyNumber('2026-11-27', 0)).toThrow(RuleViolation);
	expect(() => complaintNumber('2026/11/27', 1)).toThrow(/YYYY-MM-DD/);
});

test('only a job solved on site or returned (or closed after either) gets a survey', () => {
	const allowed = TICKET_STATUSES.filter((status) => {
		try {
			assertSurveyable({ ticketNumber: 'BX-20261127-0001', status });
			return true;
		} catch (error) {
			expect(error).toBeInstanceOf(RuleViolation);
			expect((error as Error).message).toMatch(/^Ticket BX-20261127-0001 cannot get a follow-up survey yet: it is /);
			return false;
		}
	});
	expect(allowed.sort()).toEqual(['closed', 'returned', 'solved-on-site']);
	expect([...SURVEY_STATUSES].sort()).toEqual(allowed);
});

test('the follow-up call is due at once without an email, else three days after it went out', () => {
	expect(callDueAt({ email: null, createdAt: '2026-11-27T01:00:00.000Z', emailedAt: null })).toBe('2026-11-27T01:00:00.000Z');
	expect(callDueAt({ email: 'a@b.c', createdAt: '2026-11-27T01:00:00.000Z', emailedAt: '2026-11-27T02:00:00.000Z' })).toBe(
		'2026-11-30T02:00:00.000Z',
	);
	expect(callDueAt({ email: 'a@b.c', createdAt: '2026-11-27T01:00:00.000Z', emailedAt: null })).toBe('2026-11-30T01:00:00.000Z');
});

test('a survey is answered, expired at its expiry instant, or waiting', () => {
	const s = { answeredAt: null, expiresAt: '2026-12-27T01:00:00.000Z' };
	expect(surveyState(s, '2026-12-27T00:59:59.999Z')).toBe('waiting');
	expect(surveyState(s, '2026-12-27T01:00:00.000Z')).toBe('expired');
	expect(surveyState({ ...s, answeredAt: '2026-11-28T00:00:00Z' }, '2027-01-01T00:00:00Z')).toBe('answered');
});

/**
 * Periodic follow-up (定期回访, RULES turn 3): the due computation (6 months, 3 with an active
 * annual contract, from the last contact of any kind), what keeps a unit off the list (an open
 * ticket, a call still on the desk's list), the period, the number and the desk's result.
 */
import { ValidationError } from '../../nodes/shared/rules/errors';
import {
	cleanCallOutcome,
	followUpIntervalMonths,
	lastContact,
	nextCallDue,
	periodicDue,
	periodicFollowUpNumber,
	periodOf,
	reachedCustomer,
	type UnitFacts,
} from '../../nodes/shared/rules/periodic-follow-up';

const unit = (over: Partial<UnitFacts> = {}): UnitFacts => ({
	completedOn: '2026-05-20',
	contacts: [],
	openTicket: false,
	pendingCall: false,
	annualContract: false,
	...over,
});

test('every 6 months for an installation, every 3 for a customer with an active annual contract', () => {
	expect(followUpIntervalMonths(false)).toBe(6);
	expect(followUpIntervalMonths(true)).toBe(3);
	// Completed 20 May: due 20 Nov without a contract, 20 Aug with one.
	expect(periodicDue(unit(), '2026-11-19')).toMatchObject({ due: false, reason: 'not-yet', dueOn: '2026-11-20', intervalMonths: 6 });
	expect(periodicDue(unit(), '2026-11-20')).toMatchObject({ due: true, reason: 'due', dueOn: '2026-11-20' });
	expect(periodicDue(unit({ annualContract: true }), '2026-08-19')).toMatchObject({ due: false, dueOn: '2026-08-20', intervalMonths: 3 });
	expect(periodicDue(unit({ annualContract: true }), '2026-09-01')).toMatchObject({ due: true, dueOn: '2026-08-20', intervalMonths: 3 });
});

test('counted from the last contact: installation completion, a ticket, a survey answer or a call, whichever is latest', () => {
	expect(lastContact('2026-01-10', [])).toEqual({ kind: 'installation', on: '2026-01-10' });
	for (const kind of ['ticket', 'survey', 'call'] as const) {
		const contacts = [
			{ kind: 'ticket' as const, on: '2026-02-01' },
			{ kind, on: '2026-07-15' },
		];
		expect(lastContact('2026-01-10', contacts)).toEqual({ kind, on: '2026-07-15' });
		// Due 6 months after that contact, not after the completion.
		expect(periodicDue(unit({ completedOn: '2026-01-10', contacts }), '2026-12-01')).toMatchObject({ due: false, dueOn: '2027-01-15' });
		expect(periodicDue(unit({ completedOn: '2026-01-10', contacts }), '2027-02-01')).toMatchObject({
			due: true,
			lastContact: { kind, on: '2026-07-15' },
		});
	}
	// A contact before the completion does not move it back.
	expect(lastContact('2026-03-01', [{ kind: 'ticket', on: '2026-01-01' }])).toEqual({ kind: 'installation', on: '2026-03-01' });
});

test('an open ticket for the unit keeps it off the list: it is not in normal use', () => {
	expect(periodicDue(unit({ openTicket: true }), '2027-06-01')).toMatchObject({ due: false, reason: 'open-ticket' });
});

test('a call listed before and not yet recorded keeps the unit off the list: it is still on the desk’s list', () => {
	expect(periodicDue(unit({ pendingCall: true }), '2027-06-01')).toMatchObject({ due: false, reason: 'pending-call' });
});

test('unreachable is not a contact (the unit comes back next month); normal and fault are', () => {
	expect(reachedCustomer('unreachable')).toBe(false);
	expect(reachedCustomer('normal')).toBe(true);
	expect(reachedCustomer('fault')).toBe(true);
});

test('month ends clamp: 31 August + 6 months is the last day of February', () => {
	expect(nextCallDue('2026-08-31', 6)).toBe('2027-02-28');
	expect(nextCallDue('2027-08-31', 6)).toBe('2028-02-29');
});

test('the period is the run’s month; the number is DH- with the day and the day’s sequence', () => {
	expect(periodOf('2026-12-01')).toBe('2026-12');
	expect(() => periodOf('2026/12/01')).toThrow(ValidationError);
	expect(periodicFollowUpNumber('2026-12-01', 3)).toBe('DH-20261201-0003');
});

test('the call’s result: normal / fault / unreachable or the form’s 正常 / 故障 / 联系不上; a fault needs the site situation', () => {
	expect(cleanCallOutcome({ result: 'normal', opinion: ' 希望上门前先打电话 ' })).toEqual({
		result: 'normal',
		opinion: '希望上门前先打电话',
		siteSituation: null,
	});
	expect(cleanCallOutcome({ result: '联系不上' })).toEqual({ result: 'unreachable', opinion: null, siteSituation: null });
	expect(cleanCallOutcome({ result: '故障', siteSituation: '不制冷' })).toEqual({ result: 'fault', opinion: null, siteSituation: '不制冷' });
	// A site situation without a fault is not kept.
	expect(cleanCallOutcome({ result: 'normal', siteSituation: 'x' }).siteSituation).toBeNull();
	const problems = (input: Record<string, unknown>) => {
		try {
			cleanCallOutcome(input);
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			return (error as ValidationError).problems;
		}
		throw new Error('accepted');
	};
	expect(problems({})).toEqual([{ field: 'result', message: expect.stringMatching(/^回访结果 Result: is empty/) }]);
	expect(problems({ result: 'fine' })).toEqual([{ field: 'result', message: expect.stringMatching(/^回访结果 Result: "fine" is not a result/) }]);
	expect(problems({ result: 'fault' })).toEqual([{ field: 'siteSituation', message: expect.stringMatching(/^现场情况 Site situation: is empty/) }]);
	expect(problems({ result: 'normal', opinion: { a: 1 } }).map((p) => p.field)).toEqual(['opinion']);
	expect(problems({ result: 'normal', opinion: 'x'.repeat(2001) })[0].message).toMatch(/^客户意见 Opinion: 2001 characters is too long/);
});

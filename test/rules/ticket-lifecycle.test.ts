import fc from 'fast-check';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import {
	isOverdue,
	nextStatus,
	overduePeriod,
	TICKET_ACTIONS,
	TICKET_STATUS_LABELS,
	TICKET_STATUSES,
	TicketAction,
	TicketStatus,
} from '../../nodes/shared/rules/ticket-lifecycle';
import { ruleViolationOf } from '../harness/errors';

const NO = 'BX-20261127-0007';
const at = (status: TicketStatus) => ({ ticketNumber: NO, status });

const violationOf = (status: TicketStatus, action: TicketAction) =>
	ruleViolationOf(() => nextStatus(at(status), action), `${action} from ${status} to be refused`);

/** The legal moves, written out from P4–P9 independently of the implementation's table. */
const LEGAL: [TicketStatus, TicketAction, TicketStatus][] = [
	['open', 'dispatch', 'dispatched'],
	['dispatched', 'recordVisitSolved', 'solved-on-site'],
	['dispatched', 'recordVisitTakenBack', 'taken-back'],
	['dispatched', 'recordVisitReplaced', 'solved-on-site'],
	['dispatched', 'recordVisitOther', 'open'],
	['taken-back', 'recordRepairWork', 'repaired'],
	['repaired', 'recordRepairWork', 'repaired'],
	['repaired', 'inspect', 'inspected'],
	['inspected', 'returnProduct', 'returned'],
	['solved-on-site', 'close', 'closed'],
	['returned', 'close', 'closed'],
	['open', 'cancel', 'cancelled'],
	['dispatched', 'cancel', 'cancelled'],
];

describe('nextStatus: legal moves', () => {
	test.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
		expect(nextStatus(at(from), action)).toBe(to);
	});

	test('the solved-on-site path (P4): open → dispatched → solved on site → closed', () => {
		let status: TicketStatus = 'open';
		for (const action of ['dispatch', 'recordVisitSolved', 'close'] as TicketAction[]) status = nextStatus(at(status), action);
		expect(status).toBe('closed');
	});

	test('visit outcome other (未完成服务·其它, RULES turn 3): back to open, dispatched again, the second visit solves it', () => {
		let status: TicketStatus = 'open';
		for (const action of ['dispatch', 'recordVisitOther', 'dispatch', 'recordVisitSolved', 'close'] as TicketAction[])
			status = nextStatus(at(status), action);
		expect(status).toBe('closed');
	});

	test('the take-back path (P6, P7): repair work may be recorded several times before inspection', () => {
		let status: TicketStatus = 'open';
		for (const action of [
			'dispatch',
			'recordVisitTakenBack',
			'recordRepairWork',
			'recordRepairWork',
			'inspect',
			'returnProduct',
			'close',
		] as TicketAction[]) {
			status = nextStatus(at(status), action);
		}
		expect(status).toBe('closed');
	});
});

describe("nextStatus: refused moves say why, in a clerk's words", () => {
	test('every move not in the legal list is a RuleViolation on the status naming the ticket', () => {
		const legal = new Set(LEGAL.map(([from, action]) => `${from}/${action}`));
		for (const status of TICKET_STATUSES)
			for (const action of TICKET_ACTIONS) {
				if (legal.has(`${status}/${action}`)) continue;
				const error = violationOf(status, action);
				expect(error.field).toBe('status');
				expect(error.message).toMatch(new RegExp(`^Ticket ${NO} cannot `));
			}
	});

	test('returning a product that was never taken back', () => {
		expect(violationOf('dispatched', 'returnProduct').message).toBe(`Ticket ${NO} cannot be returned: its product was never taken back`);
		expect(violationOf('solved-on-site', 'returnProduct').message).toContain('never taken back');
	});

	test('closing a ticket that was never dispatched', () => {
		expect(violationOf('open', 'close').message).toBe(`Ticket ${NO} cannot be closed: it was never dispatched`);
	});

	test('closing before the visit or before the product is back', () => {
		expect(violationOf('dispatched', 'close').message).toMatch(/no visit/);
		expect(violationOf('taken-back', 'close').message).toMatch(/not been returned/);
		expect(violationOf('inspected', 'close').message).toMatch(/not been returned/);
	});

	test('dispatching twice', () => {
		expect(violationOf('dispatched', 'dispatch').message).toMatch(/already dispatched/);
	});

	test('inspecting twice, or before any repair work', () => {
		expect(violationOf('inspected', 'inspect').message).toMatch(/already inspected/);
		expect(violationOf('taken-back', 'inspect').message).toMatch(/no repair work/);
	});

	test('returning before the manager has inspected the repair (P7)', () => {
		expect(violationOf('repaired', 'returnProduct').message).toMatch(/not been inspected/);
	});

	test('recording a visit on an undispatched ticket, or repair work after inspection', () => {
		expect(violationOf('open', 'recordVisitSolved').message).toMatch(/never dispatched/);
		expect(violationOf('open', 'recordVisitTakenBack').message).toMatch(/never dispatched/);
		expect(violationOf('open', 'recordVisitOther').message).toBe(
			`Ticket ${NO} cannot have a visit recorded as not finished (other): it was never dispatched`,
		);
		expect(violationOf('inspected', 'recordRepairWork').message).toMatch(/already inspected/);
		expect(violationOf('solved-on-site', 'recordRepairWork').message).toMatch(/never taken back/);
	});

	test('nothing is possible once closed or cancelled', () => {
		for (const action of TICKET_ACTIONS) {
			expect(violationOf('closed', action).message).toMatch(/already closed/);
			expect(violationOf('cancelled', action).message).toMatch(/cancelled/);
		}
	});

	test('cancelling once work is recorded is refused', () => {
		expect(violationOf('taken-back', 'cancel').message).toMatch(/already been recorded/);
		expect(violationOf('solved-on-site', 'cancel').message).toMatch(/close it instead/);
	});

	test('an unknown action is refused too', () => {
		expect(() => nextStatus(at('open'), 'explode' as TicketAction)).toThrow(RuleViolation);
	});

	test('every status has English and Chinese labels', () => {
		for (const status of TICKET_STATUSES) {
			expect(TICKET_STATUS_LABELS[status].en).toBeTruthy();
			expect(TICKET_STATUS_LABELS[status].zh).toBeTruthy();
		}
	});
});

describe('nextStatus: properties', () => {
	test('any sequence of actions from open stays on the lifecycle: closed and cancelled are final, returned only after inspection', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...TICKET_ACTIONS), { maxLength: 30 }), (actions) => {
				let status: TicketStatus = 'open';
				const seen: TicketStatus[] = [status];
				for (const action of actions) {
					try {
						status = nextStatus(at(status), action);
						seen.push(status);
					} catch (error) {
						expect(error).toBeInstanceOf(RuleViolation);
					}
				}
				const index = (s: TicketStatus) => seen.indexOf(s);
				if (seen.includes('returned')) expect(index('inspected')).toBeLessThan(index('returned'));
				if (seen.includes('inspected')) expect(index('repaired')).toBeLessThan(index('inspected'));
				if (seen.includes('closed')) expect(seen.includes('solved-on-site') || seen.includes('returned')).toBe(true);
				for (const end of ['closed', 'cancelled'] as TicketStatus[]) if (seen.includes(end)) expect(seen[seen.length - 1]).toBe(end);
				expect(seen.includes('solved-on-site') && seen.includes('taken-back')).toBe(false);
			}),
		);
	});
});

describe('isOverdue', () => {
	const due = '2026-11-28T09:30:00+08:00';

	test('a ticket still awaiting work is overdue only after its due time', () => {
		for (const status of ['open', 'dispatched', 'taken-back', 'repaired', 'inspected'] as TicketStatus[]) {
			expect(isOverdue({ status, dueAt: due }, '2026-11-28T09:30:01+08:00')).toBe(true);
			expect(isOverdue({ status, dueAt: due }, '2026-11-28T09:30:00+08:00')).toBe(false);
			expect(isOverdue({ status, dueAt: due }, '2026-11-27T12:00:00+08:00')).toBe(false);
		}
	});

	test('finished tickets are never overdue', () => {
		for (const status of ['closed', 'cancelled', 'solved-on-site', 'returned'] as TicketStatus[]) {
			expect(isOverdue({ status, dueAt: due }, '2027-01-01T00:00:00+08:00')).toBe(false);
		}
	});

	test('compares instants, not strings: 02:00Z is after 09:30+08:00 of the same day', () => {
		expect(isOverdue({ status: 'open', dueAt: due }, '2026-11-28T02:00:00Z')).toBe(true);
		expect(isOverdue({ status: 'open', dueAt: due }, '2026-11-28T01:00:00Z')).toBe(false);
	});

	test('an unreadable time is a field error', () => {
		expect(() => isOverdue({ status: 'open', dueAt: 'tomorrow' }, '2026-11-28T02:00:00Z')).toThrow(ValidationError);
	});
});

describe('overduePeriod', () => {
	const due = '2026-11-28T09:30:00+08:00';

	test('0 until the due time, then 1 at once (P9), one more for each whole period after', () => {
		expect(overduePeriod(due, '2026-11-27T09:30:00+08:00', 24)).toBe(0);
		expect(overduePeriod(due, due, 24)).toBe(0);
		expect(overduePeriod(due, '2026-11-28T09:31:00+08:00', 24)).toBe(1);
		expect(overduePeriod(due, '2026-11-29T09:29:59+08:00', 24)).toBe(1);
		expect(overduePeriod(due, '2026-11-29T09:30:00+08:00', 24)).toBe(2);
		expect(overduePeriod(due, '2026-11-30T10:00:00+08:00', 24)).toBe(3);
		expect(overduePeriod(due, '2026-11-28T13:30:00+08:00', 4)).toBe(2);
	});

	test.each([0, -1, NaN, Infinity])('refuses the period %p hours', (hours) => {
		expect(() => overduePeriod(due, due, hours)).toThrow(RuleViolation);
	});

	test('property: never decreases as time passes, and grows by at most one per period', () => {
		const base = Date.parse(due);
		fc.assert(
			fc.property(
				fc.integer({ min: -100 * 3600_000, max: 1000 * 3600_000 }),
				fc.integer({ min: 0, max: 100 * 3600_000 }),
				fc.integer({ min: 1, max: 72 }),
				(offset, step, hours) => {
					const t1 = new Date(base + offset).toISOString();
					const t2 = new Date(base + offset + step).toISOString();
					const p1 = overduePeriod(due, t1, hours);
					const p2 = overduePeriod(due, t2, hours);
					expect(p2).toBeGreaterThanOrEqual(p1);
					expect(p2 - p1).toBeLessThanOrEqual(Math.ceil(step / (hours * 3600_000)) + (p1 === 0 && p2 > 0 ? 1 : 0));
					expect(p1 > 0).toBe(isOverdue({ status: 'open', dueAt: due }, t1));
				},
			),
		);
	});
});

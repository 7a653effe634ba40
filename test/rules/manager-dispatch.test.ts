/** The manager's dispatch rules (P3): which decision fits the ticket's status, when a reason is required, who may take it. */
import { checkReason, readDecision, resolveDecision, technicianRefusal } from '../../nodes/shared/rules/manager-dispatch';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import type { TicketStatus } from '../../nodes/shared/rules/ticket-lifecycle';

const T = (status: TicketStatus) => ({ ticketNumber: 'BX-20261127-0001', status });
const ticket = {
	id: 1,
	ticketNumber: 'BX-20261127-0001',
	category: 'A' as const,
	address: '上海市',
	skill: '空调',
	reportedAt: '2026-11-27T01:00:00Z',
	reportDate: '2026-11-27',
};
const tech = (over = {}) => ({ id: 7, name: '甲', active: true, skills: ['空调'], areas: [], dailyCapacity: 2, jobsToday: 0, ...over });

test('the form words and the values both read as decisions; anything else names 操作', () => {
	expect(['派工', '改派', '取消', 'assignOrReassign', ' reassign '].map(readDecision)).toEqual([
		'assign',
		'reassign',
		'cancel',
		'assignOrReassign',
		'reassign',
	]);
	expect(() => readDecision('派')).toThrow(ValidationError);
	expect(() => readDecision('派')).toThrow(/^Action \(操作\): "派" is not a decision/);
});

test('assign or reassign follows the status; nothing after the visit', () => {
	expect(resolveDecision('assignOrReassign', T('open'))).toBe('assign');
	expect(resolveDecision('assignOrReassign', T('dispatched'))).toBe('reassign');
	expect(resolveDecision('cancel', T('open'))).toBe('cancel');
	expect(resolveDecision('cancel', T('dispatched'))).toBe('cancel');
	expect(() => resolveDecision('assign', T('dispatched'))).toThrow(/already dispatched; reassign it \(改派\) instead/);
	expect(() => resolveDecision('reassign', T('open'))).toThrow(/not dispatched yet/);
	for (const status of ['solved-on-site', 'taken-back', 'closed', 'cancelled'] as TicketStatus[]) {
		for (const d of ['assign', 'reassign', 'assignOrReassign', 'cancel'] as const) {
			let error: RuleViolation | undefined;
			try {
				resolveDecision(d, T(status));
			} catch (e) {
				error = e as RuleViolation;
			}
			expect([status, d, error?.field]).toEqual([status, d, 'ticketNumber']);
		}
	}
});

test('a reason is required to cancel and to force; text only, trimmed, at most 500 characters', () => {
	expect(checkReason('assign', false, undefined)).toBeNull();
	expect(checkReason('reassign', false, '  请假 ')).toBe('请假');
	expect(() => checkReason('cancel', false, ' ')).toThrow(/^Reason \(原因\): required to cancel/);
	expect(() => checkReason('assign', true, '')).toThrow(/^Reason \(原因\): required when/);
	expect(() => checkReason('assign', false, 5)).toThrow(/is not text/);
	expect(() => checkReason('cancel', false, 'x'.repeat(501))).toThrow(/at most 500/);
});

test('forcing waives capacity only; the technician who has it already is refused', () => {
	const full = tech({ jobsToday: 2 });
	expect(technicianRefusal(ticket, full, { force: false, currentTechnicianId: null })?.message).toMatch(
		/at capacity today: 2 of 2 jobs; to assign anyway tick 超出当日容量/,
	);
	expect(technicianRefusal(ticket, full, { force: true, currentTechnicianId: null })).toBeNull();
	expect(technicianRefusal(ticket, tech({ active: false, jobsToday: 2 }), { force: true, currentTechnicianId: null })?.message).toMatch(/not active/);
	expect(technicianRefusal(ticket, tech({ skills: ['电梯'] }), { force: true, currentTechnicianId: null })?.message).toMatch(/skill 空调/);
	expect(technicianRefusal(ticket, tech(), { force: false, currentTechnicianId: 7 })?.field).toBe('technicianPhone');
	expect(technicianRefusal(ticket, tech(), { force: false, currentTechnicianId: 8 })).toBeNull();
});

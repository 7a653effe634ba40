/**
 * Issue 18 items 5 and 6 as pure rules: the department's judgment of a complaint (P17, RULES turn
 * 3) and feedback to the customer (向客户回馈): which channel, which day the product comes back.
 */
import { cleanSeverityJudgment, judgeSeverity, REPLY_DAYS } from '../../nodes/shared/rules/complaints';
import { complaintReplyMessage, feedbackChannel, productReadyMessage, productReturnDay } from '../../nodes/shared/rules/customer-feedback';
import { ValidationError, RuleViolation } from '../../nodes/shared/rules/errors';

const ZONE = 'Asia/Shanghai';
const open = {
	complaintNumber: 'TS-20261127-0001',
	status: 'open' as const,
	severity: 'general' as const,
	receivedAt: '2026-11-27T14:30:00.000Z', // 22:30 in Shanghai: the 27th there
	notifiedAt: '2026-11-27T14:31:00.000Z',
	escalatedPeriod: 1,
};

function problemsOf(input: Record<string, unknown>) {
	try {
		cleanSeverityJudgment(input);
	} catch (e) {
		return (e as ValidationError).problems.map((p) => p.field);
	}
	return [];
}

describe('the department judges a complaint (P17, turn 3)', () => {
	test('the reason is required and kept as written; 重大 and 一般 read as serious and general', () => {
		expect(cleanSeverityJudgment({ severity: '重大', reason: ' 损失大 ' })).toEqual({ severity: 'serious', reason: '损失大' });
		expect(cleanSeverityJudgment({ severity: '一般', reason: '小事' })).toEqual({ severity: 'general', reason: '小事' });
		expect(problemsOf({ severity: 'serious', reason: '' })).toEqual(['reason']);
		expect(problemsOf({ severity: 'serious' })).toEqual(['reason']);
		expect(problemsOf({ severity: 'urgent', reason: 'x' })).toEqual(['severity']);
		expect(problemsOf({ severity: 'serious', reason: { a: 1 } })).toEqual(['reason']);
		expect(problemsOf({ severity: 'serious', reason: 'x'.repeat(2001) })).toEqual(['reason']);
	});

	test('raised to serious: written reply due 3 days from the day it came in (workflow timezone), the company manager told at once, the overdue count afresh', () => {
		expect(judgeSeverity(open, { severity: 'serious', reason: 'r' }, ZONE)).toEqual({
			severity: 'serious',
			replyDueOn: '2026-11-30',
			replyDueAt: '2026-11-30T16:00:00.000Z',
			notifiedAt: null,
			escalatedPeriod: 0,
			changed: true,
		});
	});

	test('lowered to general: 7 days, no new notice', () => {
		const serious = { ...open, severity: 'serious' as const };
		expect(judgeSeverity(serious, { severity: 'general', reason: 'r' }, ZONE)).toMatchObject({
			severity: 'general',
			replyDueOn: '2026-12-04',
			notifiedAt: open.notifiedAt,
			escalatedPeriod: 0,
			changed: true,
		});
	});

	test('confirming the severity given (a proposal) changes neither the due day nor the notices', () => {
		expect(judgeSeverity(open, { severity: 'general', reason: 'r' }, ZONE)).toMatchObject({
			severity: 'general',
			replyDueOn: '2026-12-04',
			notifiedAt: open.notifiedAt,
			escalatedPeriod: 1,
			changed: false,
		});
	});

	test('a replied complaint may still be judged (no new notice); a closed one is not', () => {
		expect(judgeSeverity({ ...open, status: 'replied' }, { severity: 'serious', reason: 'r' }, ZONE)).toMatchObject({
			severity: 'serious',
			notifiedAt: open.notifiedAt,
		});
		expect(() => judgeSeverity({ ...open, status: 'closed' }, { severity: 'serious', reason: 'r' }, ZONE)).toThrow(RuleViolation);
	});

	test('the days follow the node’s own deadlines', () => {
		expect(judgeSeverity(open, { severity: 'serious', reason: 'r' }, ZONE, { ...REPLY_DAYS, serious: 1 }).replyDueOn).toBe('2026-11-28');
	});
});

describe('feedback to the customer (向客户回馈, turn 3)', () => {
	test('the channel: email with an address; without one the reply letter is printed for post and the product-ready notice is a call', () => {
		expect(feedbackChannel('complaint-reply', { email: 'a@example.com' })).toBe('email');
		expect(feedbackChannel('product-ready', { email: ' a@example.com ' })).toBe('email');
		expect(feedbackChannel('complaint-reply', { email: null })).toBe('post');
		expect(feedbackChannel('complaint-reply', { email: 'not an address' })).toBe('post');
		expect(feedbackChannel('product-ready', {})).toBe('phone');
	});

	test('the product comes back on the agreed day when still ahead, else on the inspection day (workflow timezone)', () => {
		expect(productReturnDay('2026-12-02', '2026-11-28T03:00:00.000Z', ZONE)).toBe('2026-12-02');
		expect(productReturnDay('2026-11-27', '2026-11-28T03:00:00.000Z', ZONE)).toBe('2026-11-28');
		expect(productReturnDay(null, '2026-11-28T17:00:00.000Z', ZONE)).toBe('2026-11-29');
		expect(() => productReturnDay(null, 'yesterday', ZONE)).toThrow(RuleViolation);
	});

	test('the messages name the ticket or complaint and the day, Chinese first', () => {
		const m = productReadyMessage({ ticketNumber: 'BX-20261127-0001', customerName: '陈女士', product: '空调室外机', returnOn: '2026-12-02' });
		expect(m.subject).toBe('您的送修商品已修妥 Your product is repaired · BX-20261127-0001');
		expect(m.text.startsWith('陈女士：您好！您送修的空调室外机（工单 BX-20261127-0001）已修妥并经部门经理验讫，将于 2026-12-02 送还。')).toBe(true);
		const r = complaintReplyMessage({ complaintNumber: 'TS-20261127-0001', customerName: '陈女士' });
		expect(r.subject).toBe('投诉答复函 Reply to your complaint · TS-20261127-0001');
		expect(r.text).toContain('答复函');
	});
});

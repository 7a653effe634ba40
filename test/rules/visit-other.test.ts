/**
 * RULES turn 3 "Visit outcome other" (未完成服务·其它: parts on order, the customer absent, a second
 * person needed): each decision a named test on the pure rules.
 */
import { ValidationError } from '../../nodes/shared/rules/errors';
import { cleanVisit } from '../../nodes/shared/rules/ticket-steps';
import { nextStatus, refuseCancelAfterVisit } from '../../nodes/shared/rules/ticket-lifecycle';
import { RuleViolation } from '../../nodes/shared/rules/errors';
import { orderForDispatch, type DispatchTicket } from '../../nodes/shared/rules/dispatch';
import { figuresOf, weeklyTable, type WorkEntry } from '../../nodes/shared/rules/work-report';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-12-05T02:00:00.000Z';

function problemsOf(f: () => unknown) {
	try {
		f();
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return (error as ValidationError).problems;
	}
	throw new Error('accepted');
}

describe('visit outcome other: what the technician must say', () => {
	test('remarks (备注) are required: the reason the work is not finished, naming the field', () => {
		expect(problemsOf(() => cleanVisit({ outcome: 'other', solution: '检查压缩机', customerSignature: '陈经理' }, ZONE, NOW))).toEqual([
			{ field: 'remarks', message: expect.stringMatching(/^Remarks \(备注\): is empty; outcome "other" \(其它\) needs the reason/) },
		]);
		expect(problemsOf(() => cleanVisit({ outcome: 'other', remarks: '   ' }, ZONE, NOW)).map((p) => p.field)).toEqual(['remarks']);
	});

	test('accepted with remarks alone: the customer may be absent, so no signature and no solution are needed', () => {
		const v = cleanVisit({ outcome: 'other', remarks: '客户不在，约明天上午', minutes: '20' }, ZONE, NOW);
		expect(v).toEqual({
			outcome: 'other',
			remarks: '客户不在，约明天上午',
			customerSignature: null,
			signedAt: null,
			solution: null,
			minutes: 20,
			workedOn: '2026-12-05',
			parts: [],
			collectedFen: null,
			paymentMethod: null,
		});
	});

	test('a signature given is kept with its time, and the parts used are kept', () => {
		const v = cleanVisit(
			{
				outcome: 'other',
				remarks: '配件在途',
				customerSignature: '陈经理',
				signedAt: '2026-12-05 09:40',
				solution: '拆检，压缩机需更换',
				parts: '保险丝 x1 @5',
			},
			ZONE,
			NOW,
		);
		expect(v).toMatchObject({
			customerSignature: '陈经理',
			signedAt: '2026-12-05T01:40:00.000Z', // 09:40 in Shanghai
			solution: '拆检，压缩机需更换',
			parts: [{ part: '保险丝', quantity: 1, unitPriceFen: 500 }],
		});
	});

	test('nothing is collected on a visit that did not finish the work', () => {
		expect(problemsOf(() => cleanVisit({ outcome: 'other', remarks: '配件在途', collectedYuan: 50, paymentMethod: 'cash' }, ZONE, NOW))).toEqual([
			{
				field: 'collectedYuan',
				message: expect.stringMatching(/^Collected on site \(现场收费\): a visit that did not finish the work \(其它\) collects nothing/),
			},
		]);
	});

	test('the other outcomes still need the customer’s signature', () => {
		expect(problemsOf(() => cleanVisit({ outcome: 'solved', solution: '修好' }, ZONE, NOW)).map((p) => p.field)).toEqual(['customerSignature']);
	});

	test('an unknown outcome names "other" among the expected ones', () => {
		expect(problemsOf(() => cleanVisit({ outcome: 'later', remarks: 'x' }, ZONE, NOW))[0].message).toMatch(
			/expected "solved" \(当场处理完妥\), "taken-back" \(带回修理\), "replaced" \(更换设备\) or "other" \(其它/,
		);
	});
});

describe('visit outcome other: the ticket goes back to open and is dispatched again', () => {
	test('a dispatched ticket goes back to open', () => {
		expect(nextStatus({ ticketNumber: 'BX-20261205-0001', status: 'dispatched' }, 'recordVisitOther')).toBe('open');
	});

	test('once a visit is recorded the ticket is not cancelled (RECORDS: cancel 400 once a visit is recorded), also back at open', () => {
		expect(() => refuseCancelAfterVisit('BX-20261205-0001', 0)).not.toThrow();
		expect(() => refuseCancelAfterVisit('BX-20261205-0001', 1)).toThrow(RuleViolation);
		expect(() => refuseCancelAfterVisit('BX-20261205-0001', 1)).toThrow(
			/^Ticket BX-20261205-0001 cannot be cancelled: a visit was already recorded on it/,
		);
	});

	test('the next day’s dispatch run takes it first, as a leftover (P12), ahead of a B ticket reported that day', () => {
		const t = (id: number, category: 'A' | 'B', reportDate: string): DispatchTicket => ({
			id,
			ticketNumber: `BX-${id}`,
			category,
			address: '上海',
			skill: null,
			reportedAt: `${reportDate}T01:00:00.000Z`,
			reportDate,
		});
		// Ticket 1 (A) was reported on the 5th, visited "other" the same day and is open again on the 6th.
		const order = orderForDispatch([t(2, 'B', '2026-12-06'), t(1, 'A', '2026-12-05')], '2026-12-06');
		expect(order.map((x) => x.id)).toEqual([1, 2]);
	});
});

describe('the work report counts each visit', () => {
	const e = (workedOn: string, minutes: number, kind: string, ticketNumber: string | null, category = 'A'): WorkEntry => ({
		technicianPhone: '13700000001',
		workedOn,
		category,
		minutes,
		kind,
		ticketNumber,
	});

	test('two visits of one ticket (other, then solved) are two jobs, their minutes summed', () => {
		expect(figuresOf([e('2026-12-05', 20, 'visit', 'BX-1'), e('2026-12-06', 45, 'visit', 'BX-1')]).byCategory.A).toEqual({ jobs: 2, minutes: 65 });
	});

	test('a visit and the repair work of its take-back stay one job; repair work alone is one job', () => {
		expect(figuresOf([e('2026-12-05', 40, 'visit', 'BX-2'), e('2026-12-06', 60, 'repair', 'BX-2')]).byCategory.A).toEqual({ jobs: 1, minutes: 100 });
		expect(figuresOf([e('2026-12-06', 60, 'repair', 'BX-2'), e('2026-12-07', 30, 'repair', 'BX-2')]).byCategory.A).toEqual({ jobs: 1, minutes: 90 });
	});

	test('each technician counts the visits they made: the first visit on one, the second on another', () => {
		const rows = weeklyTable(
			[
				{ name: '王师傅', phone: '13700000001' },
				{ name: '李师傅', phone: '13700000002' },
			],
			[e('2026-12-05', 20, 'visit', 'BX-3'), { ...e('2026-12-06', 45, 'visit', 'BX-3'), technicianPhone: '13700000002' }],
		);
		expect(rows.technicians.map((r) => [r.name, r.totalJobs, r.totalMinutes])).toEqual([
			['李师傅', 1, 45],
			['王师傅', 1, 20],
		]);
		expect(rows.totals.totalJobs).toBe(2);
	});
});

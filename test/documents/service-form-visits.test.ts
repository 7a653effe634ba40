/**
 * Form 1.1 (客户报修服务单) from the ticket's visits (RULES turn 3, *Form 1.1's own words* and *Visit
 * outcome other*): the result box ticked right, 备注 printing the visits' remarks (escaped), 客户签字确认
 * and 日期 from the visit, 电话回访完成服务 once the call is recorded, 很满意 printed.
 */
import type { Ticket } from '../../nodes/shared/store/registers/tickets';
import { ticketDocuments } from '../../nodes/shared/documents/ticket-documents';
import { formRemarks, formSignature, serviceFormResult, type FormVisit } from '../../nodes/shared/documents/service-form-visits';
import { renderKpiReport } from '../../nodes/shared/documents/kpi-report';
import { bodyOf, evil, expectEscaped } from './helpers';

const ZONE = 'Asia/Shanghai';

const ticket = (over: Partial<Ticket> = {}): Ticket =>
	({
		id: 1,
		ticketNumber: 'BX-20261205-0001',
		voucherNumber: 'PZ-20261205-0001',
		customerId: 1,
		customerCode: 'KH-1',
		customerName: '华东物业',
		contactPerson: '陈经理',
		phone: '13800000001',
		address: '上海市徐汇区漕溪路 88 号',
		siteSituation: '空调不制冷',
		reportedAt: '2026-12-05T01:00:00.000Z',
		reportDate: '2026-12-05',
		serialNo: null,
		contractNo: null,
		skill: null,
		customerType: 'in-warranty',
		category: 'C',
		basis: '',
		dueAt: '2026-12-06T01:00:00.000Z',
		status: 'open',
		technicianId: null,
		technician: null,
		dispatchedAt: null,
		dispatchedOn: null,
		dispatchScore: null,
		idempotencyKey: null,
		escalatedPeriod: 0,
		solution: null,
		customerSignature: null,
		signedAt: null,
		closedAt: null,
		voucherArchivedAt: null,
		cancelReason: null,
		returnedOn: null,
		createdAt: '2026-12-05T01:00:00.000Z',
		updatedAt: '2026-12-05T01:00:00.000Z',
		promisedBy: null,
		replacementInstallationId: null,
		visitFeeFen: null,
		collectedFen: null,
		paymentMethod: null,
		collectedAt: null,
		...over,
	}) as Ticket;

const OTHER: FormVisit = { outcome: 'other', recordedAt: '2026-12-05T03:00:00.000Z', visitedOn: '2026-12-05', remarks: '配件在途，压缩机周一到货' };
const SOLVED: FormVisit = { outcome: 'solved', recordedAt: '2026-12-07T02:00:00.000Z', visitedOn: '2026-12-07', remarks: '已更换压缩机' };

function form(t: Ticket, visits: FormVisit[], followUp = {}): string {
	const docs = ticketDocuments(t, null, ZONE, 'zh-CN', undefined, null, followUp, { visits });
	return bodyOf(docs.find((d) => d.key === 'repairServiceForm')!.html);
}

/** The 处理结果 row. */
const resultRow = (body: string) => /处理结果<\/th><td colspan="3">(.*?)<\/td>/.exec(body)?.[1] ?? '';

describe('Form 1.1 result box (处理结果)', () => {
	test('a visit "other" ticks 未完成服务 with 其它见备注, also while the ticket waits to be dispatched again', () => {
		expect(serviceFormResult('open', [OTHER])).toBe('not-completed-other');
		expect(serviceFormResult('dispatched', [OTHER])).toBe('not-completed-other');
		const row = resultRow(form(ticket({ status: 'open' }), [OTHER]));
		expect(row).toContain('☐ 已完成服务');
		expect(row).toContain('☑ 未完成服务');
		expect(row).toContain('☐ 需返修、更换设备');
		expect(row).toContain('☑ 其它见备注');
	});

	test('solved on the second visit: 已完成服务, not 其它', () => {
		expect(serviceFormResult('solved-on-site', [OTHER, SOLVED])).toBe('completed');
		const row = resultRow(form(ticket({ status: 'closed' }), [OTHER, SOLVED]));
		expect(row).toContain('☑ 已完成服务');
		expect(row).toContain('☐ 未完成服务');
		expect(row).toContain('☐ 其它见备注');
	});

	test('更换设备 ticks 未完成服务 with 需返修、更换设备, never 已完成服务', () => {
		const replaced: FormVisit = { outcome: 'replaced', recordedAt: '2026-12-05T03:00:00.000Z' };
		expect(serviceFormResult('solved-on-site', [replaced])).toBe('not-completed-return-repair');
		expect(serviceFormResult('closed', [replaced])).toBe('not-completed-return-repair');
		const row = resultRow(form(ticket({ status: 'solved-on-site' }), [replaced]));
		expect(row).toContain('☐ 已完成服务');
		expect(row).toContain('☑ 未完成服务');
		expect(row).toContain('☑ 需返修、更换设备');
		expect(row).toContain('☐ 其它见备注');
	});

	test('a product taken back ticks 需返修 until it is returned; no visit yet ticks nothing', () => {
		const takenBack: FormVisit = { outcome: 'taken-back', recordedAt: '2026-12-05T03:00:00.000Z' };
		expect(serviceFormResult('taken-back', [takenBack])).toBe('not-completed-return-repair');
		expect(serviceFormResult('inspected', [takenBack])).toBe('not-completed-return-repair');
		expect(serviceFormResult('returned', [takenBack])).toBe('completed');
		expect(serviceFormResult('open', [])).toBeNull();
		expect(serviceFormResult('dispatched', [])).toBeNull();
		expect(resultRow(form(ticket(), []))).not.toContain('☑');
	});
});

describe('Form 1.1 备注 (remarks)', () => {
	test('one visit: its remarks as written', () => {
		expect(formRemarks([OTHER], ZONE)).toBe('配件在途，压缩机周一到货');
	});

	test('two visits: each visit’s remarks on its own line with its day and outcome, so the first visit’s reason is not lost', () => {
		expect(formRemarks([OTHER, SOLVED], ZONE)).toBe('2026-12-05 其它：配件在途，压缩机周一到货\n2026-12-07 已解决：已更换压缩机');
		expect(formRemarks([OTHER, { ...SOLVED, remarks: null }], ZONE)).toBe('2026-12-05 其它：配件在途，压缩机周一到货');
		// Without the work day, the day it was recorded in the workflow's timezone (19:30Z is the next day in Shanghai).
		expect(formRemarks([{ ...OTHER, visitedOn: null, recordedAt: '2026-12-04T19:30:00.000Z' }, SOLVED], ZONE)).toMatch(/^2026-12-05 其它：/);
		expect(formRemarks([OTHER, SOLVED], ZONE, 'en')).toBe('2026-12-05 other: 配件在途，压缩机周一到货\n2026-12-07 solved: 已更换压缩机');
		expect(formRemarks([{ ...OTHER, remarks: null }], ZONE)).toBeNull();
	});

	test('printed on the form, escaped', () => {
		const body = form(ticket({ status: 'open' }), [{ ...OTHER, remarks: evil('remarks') }]);
		expect(body).toMatch(/备注：<\/div><div class="text">/);
		expectEscaped(body, ['remarks']);
	});
});

describe('Form 1.1 客户签字确认 and 日期', () => {
	test('the signature and the day the visit recorded, in the workflow’s timezone', () => {
		// 17:10Z on the 6th is 01:10 on the 7th in Shanghai.
		expect(formSignature({ customerSignature: '陈经理', signedAt: '2026-12-06T17:10:00.000Z' }, ZONE)).toEqual({
			signature: '陈经理',
			signedAt: '2026-12-07',
		});
		expect(formSignature({ customerSignature: null, signedAt: null }, ZONE)).toEqual({ signature: null, signedAt: null });
		const body = form(ticket({ status: 'closed', customerSignature: '陈经理', signedAt: '2026-12-06T17:10:00.000Z' }), [OTHER, SOLVED]);
		expect(body).toContain('客户签字确认</th><td><span class="value">陈经理</span></td><th>日期</th><td><span class="value">2026-12-07</span>');
	});

	test('a visit "other" without the customer leaves both blank', () => {
		const body = form(ticket({ status: 'open' }), [OTHER]);
		expect(body).toContain(
			'客户签字确认</th><td><span class="blank blank-medium"></span></td><th>日期</th><td><span class="blank blank-medium"></span>',
		);
	});
});

describe('Form 1.1 电话回访完成服务 and the words of the satisfaction box', () => {
	const row = (body: string) => /电话回访完成服务<\/th><td>(.*?)<\/td>/.exec(body)?.[1] ?? '';

	test('是 once the follow-up call is recorded; blank for an answer by link', () => {
		const t = ticket({ status: 'closed', customerSignature: '陈经理', signedAt: '2026-12-07T02:00:00.000Z' });
		expect(row(form(t, [SOLVED], { followUpDone: true, acceptance: { satisfaction: 'very-satisfied' } }))).toContain('☑ 是');
		const byLink = row(form(t, [SOLVED], { acceptance: { satisfaction: 'very-satisfied' } }));
		expect(byLink).toContain('☐ 是');
		expect(byLink).toContain('☐ 否');
	});

	test('the satisfaction box and the KPI note print Form 1.1’s own words 很满意 / 满意 / 一般 / 不满意', () => {
		const body = form(ticket({ status: 'closed' }), [SOLVED], { followUpDone: true, acceptance: { satisfaction: 'very-satisfied' } });
		expect(body).toContain('☑ 很满意');
		for (const w of ['☐ 满意', '☐ 一般', '☐ 不满意']) expect(body).toContain(w);
		const kpi = bodyOf(
			renderKpiReport({
				month: '2026-12',
				timezone: ZONE,
				technicians: [],
				totals: { jobs: 0, rated: 0, complaints: 0, seriousComplaints: 0, overall: null },
			}),
		);
		expect(kpi).toContain('很满意 4，满意 3，一般 2，不满意 1');
		expect(kpi).not.toContain('非常满意');
	});
});

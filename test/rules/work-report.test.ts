import { ValidationError } from '../../nodes/shared/rules/errors';
import {
	cleanInternalWork,
	dailyReport,
	daysOfWeek,
	formatMinutes,
	isoWeekOfDate,
	parseIsoWeek,
	weeklyTable,
	type WorkEntry,
} from '../../nodes/shared/rules/work-report';
import { cleanRepairWork, cleanVisit } from '../../nodes/shared/rules/ticket-steps';

const ZONE = 'Asia/Shanghai';

describe('ISO weeks (YYYY-Www)', () => {
	test.each([
		// 1 January 2026 is a Thursday: W01 starts on Monday 29 December 2025.
		['2026-W01', '2025-12-29', '2026-01-04'],
		['2026-W48', '2026-11-23', '2026-11-29'],
		// 2026 has 53 weeks; its W53 runs into 2027.
		['2026-W53', '2026-12-28', '2027-01-03'],
		['2027-W01', '2027-01-04', '2027-01-10'],
		// 2020 (leap year starting on a Wednesday) has 53 weeks too.
		['2020-W53', '2020-12-28', '2021-01-03'],
		['2021-W01', '2021-01-04', '2021-01-10'],
		['2026w5', '2026-01-26', '2026-02-01'],
		['２０２６－Ｗ４８', '2026-11-23', '2026-11-29'],
	])('%p is %p to %p', (text, from, to) => {
		const w = parseIsoWeek(text);
		expect({ from: w.from, to: w.to }).toEqual({ from, to });
	});

	test('the name is normalised', () => {
		expect(parseIsoWeek('2026w5').week).toBe('2026-W05');
		expect(parseIsoWeek('2026-W53').week).toBe('2026-W53');
	});

	test.each([
		['2027-W53', /2027 has weeks W01 to W52/],
		['2025-W53', /2025 has weeks W01 to W52/],
		['2026-W00', /does not exist/],
		['2026-48', /not a week/],
		['', /not a week/],
		['2026-11-23', /not a week/],
	])('%p is refused naming the week field', (text, message) => {
		try {
			parseIsoWeek(text);
			throw new Error('accepted');
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			expect((e as ValidationError).problems[0].field).toBe('week');
			expect((e as Error).message).toMatch(/^Week \(周\): /);
			expect((e as Error).message).toMatch(message);
		}
	});

	test.each([
		['2025-12-29', '2026-W01'], // a Monday in December that belongs to next year's W01
		['2024-12-30', '2025-W01'],
		['2026-12-29', '2026-W53'],
		['2027-01-01', '2026-W53'], // a Friday in January still in last year's W53
		['2027-01-03', '2026-W53'],
		['2027-01-04', '2027-W01'],
		['2021-01-01', '2020-W53'],
		['2026-11-30', '2026-W49'],
	])('%p falls in %p', (date, week) => expect(isoWeekOfDate(date).week).toBe(week));

	test('the seven days of a week across the year end', () => {
		expect(daysOfWeek(parseIsoWeek('2026-W53'))).toEqual([
			'2026-12-28',
			'2026-12-29',
			'2026-12-30',
			'2026-12-31',
			'2027-01-01',
			'2027-01-02',
			'2027-01-03',
		]);
	});
});

const WANG = { name: '王师傅', phone: '13700000001' };
const LI = { name: '李师傅', phone: '13700000002' };
const ZHAO = { name: '赵师傅', phone: '13700000003' };

const e = (phone: string, workedOn: string, category: string, minutes: number, kind: string, ticketNumber: string | null): WorkEntry => ({
	technicianPhone: phone,
	workedOn,
	category,
	minutes,
	kind,
	ticketNumber,
});

const WEEK: WorkEntry[] = [
	e(WANG.phone, '2026-11-23', 'A', 40, 'visit', 'BX-20261123-0001'),
	e(WANG.phone, '2026-11-24', 'A', 60, 'repair', 'BX-20261123-0001'),
	e(WANG.phone, '2026-11-24', 'C', 30, 'visit', 'BX-20261124-0002'),
	e(WANG.phone, '2026-11-24', 'D', 20, 'inspection', null),
	e(WANG.phone, '2026-11-27', 'D', 90, 'training', null),
	e(LI.phone, '2026-11-25', 'B', 45, 'visit', 'BX-20261125-0001'),
	e(LI.phone, '2026-11-26', 'B', 15, 'repair', 'BX-20261125-0001'),
];

describe('the weekly repair record table (P11)', () => {
	test('per technician × category: a ticket is one job however many entries; each D entry a job', () => {
		const { technicians, totals } = weeklyTable([WANG, LI, ZHAO], WEEK);
		expect(technicians).toEqual([
			// sorted by name in Chinese (pinyin): 李 li, 王 wang, 赵 zhao
			{
				...LI,
				byCategory: { A: { jobs: 0, minutes: 0 }, B: { jobs: 1, minutes: 60 }, C: { jobs: 0, minutes: 0 }, D: { jobs: 0, minutes: 0 } },
				totalJobs: 1,
				totalMinutes: 60,
			},
			{
				...WANG,
				byCategory: { A: { jobs: 1, minutes: 100 }, B: { jobs: 0, minutes: 0 }, C: { jobs: 1, minutes: 30 }, D: { jobs: 2, minutes: 110 } },
				totalJobs: 4,
				totalMinutes: 240,
			},
			{
				...ZHAO,
				byCategory: { A: { jobs: 0, minutes: 0 }, B: { jobs: 0, minutes: 0 }, C: { jobs: 0, minutes: 0 }, D: { jobs: 0, minutes: 0 } },
				totalJobs: 0,
				totalMinutes: 0,
			},
		]);
		expect(totals).toEqual({
			byCategory: { A: { jobs: 1, minutes: 100 }, B: { jobs: 1, minutes: 60 }, C: { jobs: 1, minutes: 30 }, D: { jobs: 2, minutes: 110 } },
			totalJobs: 5,
			totalMinutes: 300,
		});
	});

	test('a technician with work but not in the list is still counted', () => {
		const { technicians } = weeklyTable([WANG], WEEK);
		// not in the list, 李's name is not known here: the phone stands for it (digits sort before names)
		expect(technicians.map((t) => [t.name, t.phone, t.totalMinutes])).toEqual([
			[LI.phone, LI.phone, 60],
			[WANG.name, WANG.phone, 240],
		]);
	});

	test('an unknown category is a programming error, not a silent zero', () => {
		expect(() => weeklyTable([WANG], [e(WANG.phone, '2026-11-23', 'E', 5, 'visit', 'BX-1')])).toThrow(/not A, B, C or D/);
	});
});

describe('the daily work report (P10)', () => {
	test("a day's lines: each ticket once with its minutes summed, the D work apart", () => {
		const day = WEEK.filter((x) => x.workedOn === '2026-11-24').concat([e(WANG.phone, '2026-11-24', 'A', 25, 'visit', 'BX-20261123-0001')]);
		const { technicians, totals } = dailyReport([WANG, LI], day);
		const wang = technicians.find((t) => t.phone === WANG.phone)!;
		expect(wang.entries).toEqual([
			{ ticketNumber: 'BX-20261123-0001', customerName: null, category: 'A', kind: 'repair+visit', minutes: 85, notes: null },
			{ ticketNumber: 'BX-20261124-0002', customerName: null, category: 'C', kind: 'visit', minutes: 30, notes: null },
			{ ticketNumber: null, customerName: null, category: 'D', kind: 'inspection', minutes: 20, notes: null },
		]);
		expect(wang.internalWork).toEqual([{ ticketNumber: null, customerName: null, category: 'D', kind: 'inspection', minutes: 20, notes: null }]);
		expect(wang.totalMinutes).toBe(135);
		expect(wang.byCategory.A).toEqual({ jobs: 1, minutes: 85 });
		expect(technicians.find((t) => t.phone === LI.phone)!.entries).toEqual([]);
		expect(totals.totalJobs).toBe(3);
	});
});

describe('internal D work (POST work-log)', () => {
	const today = '2026-11-30';
	test('a good entry; the day defaults to today; Chinese kind names are read', () => {
		expect(
			cleanInternalWork({ technicianPhone: ' 13700000001 ', category: 'D', kind: 'parts', minutes: '45', notes: ' 盘点 ' }, ZONE, today),
		).toEqual({
			technicianPhone: '13700000001',
			category: 'D',
			kind: 'parts',
			minutes: 45,
			workedOn: today,
			notes: '盘点',
		});
		expect(cleanInternalWork({ technicianPhone: '13700000001', kind: '培训', minutes: 60, workedOn: '2026/11/27' }, ZONE, today)).toMatchObject({
			kind: 'training',
			workedOn: '2026-11-27',
			category: 'D',
		});
	});

	test('the work-log form’s 类别 words (工作检查 / 零件管理 / 设备工具维护 / 技能培训) are read as the four kinds', () => {
		const kindOf = (kind: string) =>
			cleanInternalWork({ technicianPhone: '13700000001', kind, minutes: 30, workedOn: '2026-11-27' }, ZONE, today).kind;
		expect(['工作检查', '零件管理', '设备工具维护', '技能培训'].map(kindOf)).toEqual(['inspection', 'parts', 'tools', 'training']);
		expect(() => kindOf('设备')).toThrow(/Kind \(工作类型\): "设备" is not allowed/);
		expect(() => kindOf('toString')).toThrow(/Kind \(工作类型\): "toString" is not allowed/);
	});

	test('every problem at once, each naming its field', () => {
		try {
			cleanInternalWork(
				{ technicianPhone: '', category: 'A', kind: 'cleaning', minutes: 0, workedOn: '2026-12-01', notes: 'x'.repeat(2001) },
				ZONE,
				today,
			);
			throw new Error('accepted');
		} catch (err) {
			expect(err).toBeInstanceOf(ValidationError);
			const problems = (err as ValidationError).problems;
			expect(problems.map((p) => p.field)).toEqual(['technicianPhone', 'category', 'kind', 'minutes', 'workedOn', 'notes']);
			expect(problems[1].message).toMatch(/Category \(类别\): "A" is not allowed here; only D/);
			expect(problems[2].message).toMatch(
				/Kind \(工作类型\): "cleaning" is not allowed; expected one of inspection \(巡检\), parts \(零件管理\), tools \(工具保养\), training \(培训\)/,
			);
			expect(problems[3].message).toMatch(/"0" is not a number of minutes/);
			expect(problems[4].message).toMatch(/2026-12-01 is in the future \(today is 2026-11-30\)/);
		}
	});

	test.each([[1441], [1.5], ['abc']])('minutes %p refused', (minutes) => {
		expect(() => cleanInternalWork({ technicianPhone: '13700000001', kind: 'tools', minutes }, ZONE, '2026-11-30')).toThrow(/Minutes \(工时\)/);
	});
});

describe('work on its own day (P10)', () => {
	const now = '2026-11-30T01:30:00.000Z'; // 09:30 on 30 November in Shanghai
	test('a visit entered the next morning counts on the day it happened', () => {
		const v = cleanVisit({ outcome: 'solved', solution: '修好', customerSignature: '陈', minutes: 40, workedAt: '2026-11-29 17:20' }, ZONE, now);
		expect(v.workedOn).toBe('2026-11-29');
	});
	test('without workedAt, the signature time decides; without either, today', () => {
		// 23:30 UTC on the 28th is 07:30 on the 29th in Shanghai
		expect(cleanVisit({ outcome: 'solved', solution: '修好', customerSignature: '陈', signedAt: '2026-11-28T23:30:00Z' }, ZONE, now).workedOn).toBe(
			'2026-11-29',
		);
		expect(cleanVisit({ outcome: 'solved', solution: '修好', customerSignature: '陈' }, ZONE, now).workedOn).toBe('2026-11-30');
	});
	test('repair work on its own day; in the future refused', () => {
		expect(cleanRepairWork({ minutes: 30, workedAt: '2026-11-27' }, ZONE, now).workedOn).toBe('2026-11-27');
		expect(cleanRepairWork({ minutes: 30 }, ZONE, now).workedOn).toBeUndefined();
		expect(() => cleanRepairWork({ minutes: 30, workedAt: '2026-12-02 10:00' }, ZONE, now)).toThrow(/Worked at \(工作时间\): .* is in the future/);
	});
});

test('minutes as staff read them', () => {
	expect(formatMinutes(95, 'zh-CN')).toBe('1小时35分');
	expect(formatMinutes(120, 'en')).toBe('2 h');
	expect(formatMinutes(45, 'en')).toBe('45 min');
});

test('internal work: a list or an object is no phone, minutes or note (never stored as "45" or "[object Object]")', () => {
	const fields = (input: Record<string, unknown>) => {
		try {
			cleanInternalWork({ technicianPhone: '13700000001', kind: 'parts', minutes: 45, ...input }, ZONE, '2026-11-27');
			return [];
		} catch (error) {
			return ((error as { problems?: Array<{ field: string }> }).problems ?? []).map((p) => p.field);
		}
	};
	expect(fields({ minutes: [45] })).toEqual(['minutes']);
	expect(fields({ notes: { text: '盘点' } })).toEqual(['notes']);
	expect(fields({ technicianPhone: ['13700000001'] })).toEqual(['technicianPhone']);
	expect(fields({})).toEqual([]);
});

import {
	renderDailyWorkReport,
	renderWeeklyWorkTable,
	type DailyWorkReportData,
	type WeeklyWorkTableData,
} from '../../nodes/shared/documents/work-reports';
import { bodyOf, evil, expectEscaped, expectFullDocument, expectNoLeaks } from './helpers';

const zero = { jobs: 0, minutes: 0 };
const day: DailyWorkReportData = {
	date: '2026-11-24',
	week: '2026-W48',
	timezone: 'Asia/Shanghai',
	technicians: [
		{
			name: '王师傅',
			phone: '13700000001',
			entries: [
				{ ticketNumber: 'BX-20261123-0001', customerName: '华东物业', category: 'A', kind: 'repair+visit', minutes: 85, notes: null },
				{ ticketNumber: null, customerName: null, category: 'D', kind: 'inspection', minutes: 20, notes: '巡检徐汇区设备' },
			],
			internalWork: [{ ticketNumber: null, customerName: null, category: 'D', kind: 'inspection', minutes: 20, notes: '巡检徐汇区设备' }],
			byCategory: { A: { jobs: 1, minutes: 85 }, B: zero, C: zero, D: { jobs: 1, minutes: 20 } },
			totalJobs: 2,
			totalMinutes: 105,
		},
		{
			name: '李师傅',
			phone: '13700000002',
			entries: [],
			internalWork: [],
			byCategory: { A: zero, B: zero, C: zero, D: zero },
			totalJobs: 0,
			totalMinutes: 0,
		},
	],
	totals: { byCategory: { A: { jobs: 1, minutes: 85 }, B: zero, C: zero, D: { jobs: 1, minutes: 20 } }, totalJobs: 2, totalMinutes: 105 },
};

const week: WeeklyWorkTableData = {
	week: '2026-W48',
	from: '2026-11-23',
	to: '2026-11-29',
	technicians: [
		{
			name: '王师傅',
			phone: '13700000001',
			byCategory: { A: { jobs: 1, minutes: 100 }, B: zero, C: { jobs: 1, minutes: 30 }, D: { jobs: 2, minutes: 110 } },
			totalJobs: 4,
			totalMinutes: 240,
		},
	],
	totals: {
		byCategory: { A: { jobs: 1, minutes: 100 }, B: zero, C: { jobs: 1, minutes: 30 }, D: { jobs: 2, minutes: 110 } },
		totalJobs: 4,
		totalMinutes: 240,
	},
};

describe('daily work report (技术员工作日报表)', () => {
	test('Chinese first: the day, each technician with tickets, categories, minutes and D work', () => {
		const out = renderDailyWorkReport(day, 'zh-CN', { name: '安达售后服务有限公司', phone: '021-12345678' });
		expectFullDocument(out, 'zh-CN');
		expectNoLeaks(out);
		const body = bodyOf(out);
		for (const text of [
			'安达售后服务有限公司',
			'技术员工作日报表',
			'2026-11-24',
			'2026-W48',
			'王师傅',
			'BX-20261123-0001',
			'华东物业',
			'带回修护、上门服务',
			'巡检',
			'巡检徐汇区设备',
			'一般行政工作（无工单）',
			'当日无工作记录。',
			'1小时45分',
		]) {
			expect(body).toContain(text);
		}
		expect(body).toContain('<td class="num">85</td>');
		expect(body).toContain('<td class="num"><strong>105</strong></td>');
		// the letterhead comes before the title
		expect(body.indexOf('安达售后服务有限公司')).toBeLessThan(body.indexOf('技术员工作日报表'));
	});

	test('in English', () => {
		const out = renderDailyWorkReport(day, 'en');
		expectFullDocument(out, 'en');
		const body = bodyOf(out);
		for (const text of [
			'Technician Daily Work Report',
			'Repair (repair card) + Visit',
			'Inspection',
			'Internal work (no ticket)',
			'No work recorded this day.',
			'1 h 45 min',
			'Technician: 王师傅 (13700000001)',
		])
			expect(body).toContain(text);
		expect(body).not.toContain('技术员工作日报表');
	});

	test('user text escaped', () => {
		const bad: DailyWorkReportData = {
			...day,
			technicians: [
				{
					...day.technicians[0],
					name: evil('name'),
					phone: evil('phone'),
					entries: [{ ticketNumber: 'BX-1', customerName: evil('customer'), category: 'D', kind: evil('kind'), minutes: 5, notes: evil('notes') }],
				},
			],
		};
		expectEscaped(renderDailyWorkReport(bad), ['name', 'phone', 'customer', 'kind', 'notes']);
	});
});

describe('weekly repair record table (售后服务报修记录表)', () => {
	test('per technician × category A/B/C/D: jobs and minutes, with totals', () => {
		const out = renderWeeklyWorkTable(week, 'zh-CN', { name: '安达售后服务有限公司' });
		expectFullDocument(out, 'zh-CN');
		expectNoLeaks(out);
		const body = bodyOf(out);
		for (const text of [
			'售后服务报修记录表',
			'2026-W48',
			'2026-11-23 – 2026-11-29',
			'A 有费服务',
			'B 合同服务',
			'C 免费服务',
			'D 一般行政工作',
			'王师傅',
			'合计',
		])
			expect(body).toContain(text);
		// 王's row: A 1/100, B 0/0, C 1/30, D 2/110, total 4/240
		expect(body).toContain(
			'<tr><td>王师傅</td><td>13700000001</td><td class="num">1</td><td class="num">100</td><td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">30</td><td class="num">2</td><td class="num">110</td><td class="num"><strong>4</strong></td><td class="num"><strong>240</strong></td></tr>',
		);
		expect(body).not.toContain('本周技术员工作日报表');
	});

	test("with the week's daily reports after the table (the Monday email), in English", () => {
		const out = renderWeeklyWorkTable({ ...week, days: [day] }, 'en');
		expectFullDocument(out, 'en');
		const body = bodyOf(out);
		expect(body).toContain('After-Sales Repair Record Table');
		expect(body.indexOf('The week&#39;s daily work reports')).toBeGreaterThan(body.indexOf('After-Sales Repair Record Table'));
		expect(body).toContain('Technician Daily Work Report 2026-11-24');
		expect(body).toContain('A Paid service');
	});

	test('no technicians; user text escaped', () => {
		expect(bodyOf(renderWeeklyWorkTable({ ...week, technicians: [] }))).toContain('没有技术员。');
		expectEscaped(renderWeeklyWorkTable({ ...week, technicians: [{ ...week.technicians[0], name: evil('name'), phone: evil('phone') }] }), [
			'name',
			'phone',
		]);
	});
});

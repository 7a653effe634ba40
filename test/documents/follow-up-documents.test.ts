import { renderComplaintReplyLetter, type ComplaintReplyLetterData } from '../../nodes/shared/documents/complaint-reply-letter';
import { renderKpiReport, type KpiReportData } from '../../nodes/shared/documents/kpi-report';
import { followUpOnForm } from '../../nodes/shared/documents/ticket-documents';
import { renderRepairServiceForm } from '../../nodes/shared/documents/repair-service-form';
import type { Survey } from '../../nodes/shared/store/registers/surveys';
import { bodyOf, evil, expectEscaped, expectFullDocument, expectNoLeaks } from './helpers';

const letter: ComplaintReplyLetterData = {
	complaintNumber: 'TS-20261127-0001',
	ticketNumber: 'BX-20261127-0007',
	customerName: '华东物业',
	contactPerson: '陈经理',
	address: '上海市徐汇区漕溪路88号',
	phone: '13800000001',
	receivedOn: '2026-11-27',
	severity: 'serious',
	text: '维修后第二天又漏水',
	replyDueOn: '2026-11-30',
	technicianName: '王师傅',
};

describe('complaint reply letter (函告)', () => {
	test('before the reply: the complaint, the deadline, lines to write the answer on', () => {
		const out = renderComplaintReplyLetter(letter, 'zh-CN', { name: '安达售后服务有限公司' });
		expectFullDocument(out, 'zh-CN');
		expectNoLeaks(out);
		const body = bodyOf(out);
		for (const text of [
			'客户投诉答复函',
			'函告',
			'TS-20261127-0001',
			'BX-20261127-0007',
			'情节重大',
			'2026-11-30',
			'维修后第二天又漏水',
			'公司经理（签字/盖章）',
			'安达售后服务有限公司',
		]) {
			expect(body).toContain(text);
		}
		expect(body).toContain('<div class="lines">');
	});

	test('after the reply: the answer, how and when', () => {
		const out = renderComplaintReplyLetter({ ...letter, reply: { method: 'letter', text: '已免费返修并更换密封件', repliedOn: '2026-11-28' } }, 'en');
		expectFullDocument(out, 'en');
		const body = bodyOf(out);
		for (const text of ['Reply to Your Complaint', 'Serious', '已免费返修并更换密封件', 'Letter', '2026-11-28']) expect(body).toContain(text);
	});

	test('every value from the customer or staff is escaped', () => {
		const out = renderComplaintReplyLetter({
			...letter,
			customerName: evil('customerName'),
			contactPerson: evil('contactPerson'),
			address: evil('address'),
			text: evil('text'),
			technicianName: evil('technicianName'),
			reply: { method: 'phone', text: evil('reply'), repliedOn: '2026-11-28' },
		});
		expectEscaped(out, ['customerName', 'contactPerson', 'address', 'text', 'technicianName', 'reply']);
	});
});

const kpi: KpiReportData = {
	month: '2026-11',
	timezone: 'Asia/Shanghai',
	technicians: [
		{
			name: '李师傅',
			phone: '13700000002',
			jobs: 1,
			rated: 0,
			attitude: null,
			skill: null,
			arrival: null,
			promises: null,
			overall: null,
			complaints: 0,
			seriousComplaints: 0,
		},
		{
			name: '王师傅',
			phone: '13700000001',
			jobs: 2,
			rated: 2,
			attitude: 4,
			skill: 3.5,
			arrival: 3,
			promises: 2,
			overall: 3.13,
			complaints: 1,
			seriousComplaints: 1,
		},
	],
	totals: { jobs: 3, rated: 2, complaints: 1, seriousComplaints: 1, overall: 3.13 },
};

describe('monthly KPI page', () => {
	test('one row per technician, means to two decimals, a dash without ratings, totals', () => {
		const out = renderKpiReport(kpi);
		expectFullDocument(out, 'zh-CN');
		expectNoLeaks(out);
		const body = bodyOf(out);
		expect(body).toContain('技术员月度绩效考核表');
		expect(body).toMatch(
			/<tr><td>王师傅<\/td><td>13700000001<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">4\.00<\/td><td class="num">3\.50<\/td><td class="num">3\.00<\/td><td class="num">2\.00<\/td><td class="num"><strong>3\.13<\/strong><\/td><td class="num">1 \(1\)<\/td><\/tr>/,
		);
		expect(body).toMatch(
			/<tr><td>李师傅<\/td><td>13700000002<\/td><td class="num">1<\/td><td class="num">0<\/td>(<td class="num">—<\/td>){4}<td class="num"><strong>—<\/strong><\/td>/,
		);
		expect(body.indexOf('李师傅')).toBeLessThan(body.indexOf('王师傅'));
	});

	test('an empty month says so; names are escaped', () => {
		expect(bodyOf(renderKpiReport({ ...kpi, technicians: [] }, 'en'))).toContain('No technicians this month.');
		expectEscaped(renderKpiReport({ ...kpi, technicians: [{ ...kpi.technicians[0], name: evil('name') }] }), ['name']);
	});
});

const survey = (over: Partial<Survey> = {}): Survey => ({
	id: 1,
	surveyNumber: 'HF-20261127-0001',
	ticketId: 1,
	email: 'chen@example.com',
	expiresAt: '2026-12-27T02:00:00.000Z',
	emailClaimedAt: null,
	emailedAt: '2026-11-27T02:01:00.000Z',
	answeredAt: null,
	channel: null,
	attitude: null,
	skill: null,
	arrival: null,
	promises: null,
	accepted: null,
	delivered: null,
	comments: null,
	answeredBy: null,
	createdBy: 'test',
	createdAt: '2026-11-27T02:00:00.000Z',
	updatedAt: '2026-11-27T02:00:00.000Z',
	ticketNumber: 'BX-20261127-0007',
	ticketStatus: 'closed',
	customerName: '华东物业',
	contactPerson: '陈经理',
	phone: '13800000001',
	technician: { id: 1, name: '王师傅', phone: '13700000001' },
	...over,
});

describe("Form 1.1's follow-up part, from the survey", () => {
	const NOW = '2026-11-28T00:00:00.000Z';
	test('no survey, or one still waiting: left blank', () => {
		expect(followUpOnForm(undefined, NOW, 'Asia/Shanghai')).toEqual({});
		expect(followUpOnForm(survey(), NOW, 'Asia/Shanghai')).toEqual({});
	});

	test('expired without an answer: follow-up not done', () => {
		expect(followUpOnForm(survey(), '2026-12-27T02:00:00.000Z', 'Asia/Shanghai')).toEqual({ followUpDone: false });
	});

	test('answered by link: no call was made, so 电话回访完成服务 stays blank (RULES turn 3); satisfaction = overall rounded half up, reasons at 2 or below, comments', () => {
		const answered = survey({
			answeredAt: '2026-11-27T16:30:00.000Z',
			channel: 'link',
			attitude: 2,
			skill: 3,
			arrival: 2,
			promises: 3,
			accepted: 1,
			delivered: 'no-attachment',
			comments: '还行',
		});
		expect(followUpOnForm(answered, NOW, 'Asia/Shanghai')).toEqual({
			acceptance: {
				accepted: true,
				delivered: 'no-attachment',
				satisfaction: 'satisfied',
				dissatisfactionReasons: ['attitude', 'response'],
				comments: '还行',
			},
		});
	});

	test('answered on the follow-up call (channel phone): 电话回访完成服务 done; the date beside the signature is the visit’s, not the call’s', () => {
		const answered = survey({
			answeredAt: '2026-11-27T16:30:00.000Z',
			channel: 'phone',
			attitude: 2,
			skill: 3,
			arrival: 2,
			promises: 3,
			accepted: 1,
			delivered: 'no-attachment',
			comments: '还行',
		});
		const part = followUpOnForm(answered, NOW, 'Asia/Shanghai');
		expect(part).toEqual({
			followUpDone: true,
			acceptance: {
				accepted: true,
				delivered: 'no-attachment',
				satisfaction: 'satisfied',
				dissatisfactionReasons: ['attitude', 'response'],
				comments: '还行',
			},
		});
		const body = bodyOf(
			renderRepairServiceForm({
				ticketNumber: 'BX-20261127-0007',
				voucherNumber: 'PZ-20261127-0007',
				customerName: '华东物业',
				phone: '1',
				address: '上海',
				reportedAt: '2026-11-27 09:00',
				customerType: 'in-warranty',
				category: 'C',
				serviceContent: '漏水',
				...part,
			}),
		);
		// 电话回访完成服务: 是 ticked; 满意 ticked; 服务态度 and 响应速度 ticked, 技术水平 not.
		expect(body).toMatch(/电话回访完成服务<\/th><td><span class="choice checked">☑ 是<\/span>/);
		expect(body).toContain('<span class="choice checked">☑ 满意</span>');
		expect(body).toContain('<span class="choice checked">☑ 服务态度</span>');
		expect(body).toContain('<span class="choice">☐ 技术水平</span>');
		expect(body).toContain('<span class="choice checked">☑ 响应速度</span>');
		expect(body).toContain('<span class="choice checked">☑ 没有附件</span>');
		expect(body).toContain('还行');
	});
});

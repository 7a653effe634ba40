import { renderRepairServiceForm, type CustomerType, type RepairServiceFormData } from '../../nodes/shared/documents/repair-service-form';
import { bodyOf, evil, evilEscaped, expectEscaped, expectFullDocument, expectNoLeaks } from './helpers';

/** A freshly registered ticket: nothing done yet. */
const minimal: RepairServiceFormData = {
	ticketNumber: 'BX-20261127-0007',
	voucherNumber: 'PZ-20261127-0007',
	customerName: '杭州某某科技有限公司',
	phone: '0571-8888 6666',
	address: '杭州市西湖区文三路 100 号',
	reportedAt: '2026-11-27 09:30',
	customerType: 'annual-contract',
	category: 'B',
	serviceContent: '监控主机无法开机',
};

/** A closed ticket with everything filled in. */
const complete: RepairServiceFormData = {
	...minimal,
	contactPerson: '王经理',
	dueAt: '2026-11-28 09:30',
	solution: '更换电源模块',
	result: 'completed',
	followUpDone: true,
	remarks: '客户要求下次提前电话联系',
	technicianName: '李工',
	acceptance: {
		accepted: true,
		delivered: 'yes',
		satisfaction: 'very-satisfied',
		dissatisfactionReasons: [],
		comments: '响应及时',
		signature: '王某',
		signedAt: '2026-11-27 16:00',
	},
};

/** Every label of the paper form 表1.1, as the Chinese source words it, and the header fields. */
const FORM_LABELS_ZH = [
	'客户报修服务单',
	'表1.1',
	'报修单号',
	'服务凭证号',
	'服务类别',
	'要求完成时间',
	'客户名称',
	'联系人',
	'电话',
	'地址',
	'报修时间',
	'客户属性',
	'保内客户',
	'按年合同客户',
	'按次合同客户',
	'《联络函》服务客户',
	'待服务内容',
	'处理方案',
	'处理结果',
	'已完成服务',
	'未完成服务',
	'需返修、更换设备',
	'其它见备注',
	'电话回访完成服务',
	'备注',
	'尊敬的客户',
	'您的系统设备已经验收并正常工作',
	'确认正常此次服务即作完成处理',
	'请您确认系统是否已交付',
	'没有附件',
	'您对此次服务是否满意',
	'很满意',
	'满意',
	'一般',
	'不满意',
	'您不满意的原因是什么',
	'服务态度',
	'技术水平',
	'响应速度',
	'对我们的服务请您提出宝贵意见',
	'客户签字确认',
	'日期',
	'是',
	'否',
];

const FORM_LABELS_EN = [
	'Customer Repair Service Form',
	'Form 1.1',
	'Ticket No.',
	'Voucher No.',
	'Service category',
	'Due by',
	'Customer name',
	'Contact person',
	'Phone',
	'Address',
	'Report time',
	'Customer type',
	'In-warranty customer',
	'Annual contract customer',
	'Per-visit contract customer',
	'Liaison-letter service customer',
	'Service content',
	'Solution',
	'Result',
	'Service completed',
	'Service not completed',
	'needs return repair or equipment replacement',
	'other, see remarks',
	'Follow-up call done',
	'Remarks',
	'Dear customer',
	'Your system has been accepted and works normally',
	'Please confirm whether the system has been delivered',
	'No attachment',
	'Are you satisfied with this service?',
	'Very satisfied',
	'Satisfied',
	'Average',
	'Unsatisfied',
	'Reasons for dissatisfaction',
	'Service attitude',
	'Technical skill',
	'Response speed',
	'Your comments on our service',
	'Customer signature',
	'Date',
	'Yes',
	'No',
];

const TYPES: Array<[CustomerType, string, string]> = [
	['in-warranty', '保内客户', 'In-warranty customer'],
	['annual-contract', '按年合同客户', 'Annual contract customer'],
	['per-visit-contract', '按次合同客户', 'Per-visit contract customer'],
	['liaison-letter', '《联络函》服务客户', 'Liaison-letter service customer'],
];

const count = (out: string, s: string) => out.split(s).length - 1;

describe('renderRepairServiceForm', () => {
	test('Chinese by default: a full HTML document titled 客户报修服务单', () => {
		const out = renderRepairServiceForm(minimal);
		expectFullDocument(out, 'zh-CN');
		expect(out).toContain('<title>客户报修服务单 BX-20261127-0007</title>');
		expect(out).toContain('<h1>客户报修服务单</h1>');
		expect(renderRepairServiceForm(minimal, 'zh-CN')).toBe(out);
	});

	test('English with lang "en"', () => {
		const out = renderRepairServiceForm(minimal, 'en');
		expectFullDocument(out, 'en');
		expect(out).toContain('<title>Customer Repair Service Form BX-20261127-0007</title>');
		expect(out).toContain('<h1>Customer Repair Service Form</h1>');
	});

	test('every field label of Form 1.1 is printed (zh-CN)', () => {
		const out = bodyOf(renderRepairServiceForm(minimal));
		for (const label of FORM_LABELS_ZH) expect(out).toContain(label);
	});

	test('every field label of Form 1.1 is printed (en), and no Chinese is left when the data is English', () => {
		const out = renderRepairServiceForm(
			{
				...complete,
				customerName: 'ACME Ltd',
				contactPerson: 'Mr Wang',
				address: '100 Wensan Road',
				serviceContent: 'DVR dead',
				solution: 'New PSU',
				remarks: 'Call ahead',
				technicianName: 'Li',
				acceptance: { comments: 'Quick', signature: 'Wang', signedAt: '2026-11-27 16:00' },
			},
			'en',
		);
		const body = bodyOf(out);
		for (const label of FORM_LABELS_EN) expect(body).toContain(label);
		expect(out).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
	});

	test('the header shows ticket, voucher, category with its name, and due time', () => {
		const out = renderRepairServiceForm(complete);
		expect(out).toContain('BX-20261127-0007');
		expect(out).toContain('PZ-20261127-0007');
		expect(out).toContain('B 合同服务');
		expect(out).toContain('2026-11-28 09:30');
		expect(renderRepairServiceForm({ ...minimal, category: 'A' })).toContain('A 有费服务');
		expect(renderRepairServiceForm({ ...minimal, category: 'C' })).toContain('C 免费服务');
		expect(renderRepairServiceForm({ ...minimal, category: 'C' }, 'en')).toContain('C Free service');
	});

	test('the filled-in fields are printed', () => {
		const out = renderRepairServiceForm(complete);
		for (const value of [
			'杭州某某科技有限公司',
			'王经理',
			'0571-8888 6666',
			'杭州市西湖区文三路 100 号',
			'2026-11-27 09:30',
			'监控主机无法开机',
			'更换电源模块',
			'客户要求下次提前电话联系',
			'李工',
			'响应及时',
			'王某',
			'2026-11-27 16:00',
		]) {
			expect(out).toContain(value);
		}
	});

	describe.each(TYPES)('customer type %s', (type, zh, en) => {
		test.each<['zh-CN' | 'en', number]>([
			['zh-CN', 1],
			['en', 2],
		])('%s: the chosen one is checked, the others not', (lang, column) => {
			const out = renderRepairServiceForm({ ...minimal, customerType: type }, lang);
			const chosen = column === 1 ? zh : en;
			expect(out).toContain(`☑ ${chosen}`);
			expect(out).not.toContain(`☐ ${chosen}`);
			for (const other of TYPES.filter((t) => t[0] !== type)) {
				const label = other[column];
				expect(out).toContain(`☐ ${label}`);
				expect(out).not.toContain(`☑ ${label}`);
			}
			// A fresh ticket ticks nothing else on the form.
			expect(count(out, '☑')).toBe(1);
		});
	});

	test.each<[RepairServiceFormData['result'], string[], string[]]>([
		['completed', ['已完成服务'], ['未完成服务', '需返修、更换设备', '其它见备注']],
		['not-completed-return-repair', ['未完成服务', '需返修、更换设备'], ['已完成服务', '其它见备注']],
		['not-completed-other', ['未完成服务', '其它见备注'], ['已完成服务', '需返修、更换设备']],
		[null, [], ['已完成服务', '未完成服务', '需返修、更换设备', '其它见备注']],
	])('result %s', (result, ticked, unticked) => {
		const out = renderRepairServiceForm({ ...minimal, result });
		for (const label of ticked) expect(out).toContain(`☑ ${label}`);
		for (const label of unticked) expect(out).toContain(`☐ ${label}`);
	});

	test.each<[boolean | null | undefined, string, string]>([
		[true, '☑ 是', '☐ 否'],
		[false, '☐ 是', '☑ 否'],
	])('follow-up call done %p', (followUpDone, yes, no) => {
		const out = renderRepairServiceForm({ ...minimal, followUpDone });
		const row = /电话回访完成服务<\/th><td>(.*?)<\/td>/.exec(out)?.[1] ?? '';
		expect(row).toContain(yes);
		expect(row).toContain(no);
	});

	test('follow-up call not known ticks neither yes nor no', () => {
		const out = renderRepairServiceForm({ ...minimal, followUpDone: null });
		const row = /电话回访完成服务<\/th><td>(.*?)<\/td>/.exec(out)?.[1] ?? '';
		expect(row).toContain('☐ 是');
		expect(row).toContain('☐ 否');
		expect(row).not.toContain('☑');
	});

	test('acceptance: accepted, delivered, satisfaction and the reasons are ticked as given', () => {
		const out = renderRepairServiceForm({
			...minimal,
			acceptance: { accepted: false, delivered: 'no-attachment', satisfaction: 'unsatisfied', dissatisfactionReasons: ['attitude', 'response'] },
		});
		const items = /<ol class="acceptance">([\s\S]*?)<\/ol>/.exec(out)?.[1].split('<li>').slice(1) ?? [];
		expect(items).toHaveLength(4);
		expect(items[0]).toContain('☐ 是');
		expect(items[0]).toContain('☑ 否');
		expect(items[1]).toContain('☐ 是');
		expect(items[1]).toContain('☐ 否');
		expect(items[1]).toContain('☑ 没有附件');
		expect(items[2]).toContain('☐ 很满意');
		expect(items[2]).toContain('☐ 满意');
		expect(items[2]).toContain('☐ 一般');
		expect(items[2]).toContain('☑ 不满意');
		expect(items[3]).toContain('☑ 服务态度');
		expect(items[3]).toContain('☐ 技术水平');
		expect(items[3]).toContain('☑ 响应速度');
	});

	test.each<['very-satisfied' | 'satisfied' | 'average', string]>([
		['very-satisfied', '☑ 很满意'],
		['satisfied', '☑ 满意'],
		['average', '☑ 一般'],
	])('satisfaction %s', (satisfaction, ticked) => {
		const out = renderRepairServiceForm({ ...minimal, acceptance: { satisfaction, delivered: 'yes', accepted: true } });
		expect(out).toContain(ticked);
		expect(count(out, '☑')).toBe(4); // customer type, accepted, delivered, satisfaction
	});

	test('fields not yet known print as blank lines and boxes to fill in by hand', () => {
		const out = renderRepairServiceForm({ ...minimal, contactPerson: null, dueAt: null, acceptance: null });
		expectNoLeaks(out);
		// contact person, due time, technician, signature and its date
		expect(count(out, '<span class="blank')).toBeGreaterThanOrEqual(5);
		// solution (3), remarks (2), comments (3)
		expect(count(out, '<div class="line">')).toBe(8);
		// every unticked choice: 3 types, 4 results, follow-up 2, accepted 2, delivered 3, satisfaction 4, reasons 3
		expect(count(out, '☐ ')).toBe(21);
	});

	test('blank-only text counts as not known', () => {
		const out = renderRepairServiceForm({ ...minimal, solution: '   ', remarks: '' });
		expect(count(out, '<div class="line">')).toBe(3 + 2 + 3);
	});

	test('line breaks in the service content are kept', () => {
		const out = renderRepairServiceForm({ ...minimal, serviceContent: '1. 主机不开机\n2. 录像丢失' });
		expect(out).toContain('<div class="text">1. 主机不开机\n2. 录像丢失</div>');
		expect(out).toContain('white-space: pre-wrap');
	});

	test.each(['zh-CN', 'en'] as const)('user text is escaped everywhere it can appear (%s)', (lang) => {
		const data: RepairServiceFormData = {
			ticketNumber: evil('ticketNumber'),
			voucherNumber: evil('voucherNumber'),
			customerName: evil('customerName'),
			contactPerson: evil('contactPerson'),
			phone: evil('phone'),
			address: evil('address'),
			reportedAt: evil('reportedAt'),
			customerType: 'liaison-letter',
			category: 'A',
			dueAt: evil('dueAt'),
			serviceContent: evil('serviceContent'),
			solution: evil('solution'),
			result: 'not-completed-other',
			followUpDone: false,
			remarks: evil('remarks'),
			technicianName: evil('technicianName'),
			acceptance: {
				accepted: true,
				delivered: 'no',
				satisfaction: 'average',
				dissatisfactionReasons: ['skill'],
				comments: evil('comments'),
				signature: evil('signature'),
				signedAt: evil('signedAt'),
			},
		};
		const out = renderRepairServiceForm(data, lang);
		expectFullDocument(out, lang);
		expectEscaped(out, [
			'ticketNumber',
			'voucherNumber',
			'customerName',
			'contactPerson',
			'phone',
			'address',
			'reportedAt',
			'dueAt',
			'serviceContent',
			'solution',
			'remarks',
			'technicianName',
			'comments',
			'signature',
			'signedAt',
		]);
		expect(out).toContain(`<title>${lang === 'en' ? 'Customer Repair Service Form' : '客户报修服务单'} ${evilEscaped('ticketNumber')}</title>`);
	});

	test('unexpected values from outside TypeScript (category, customer type) are escaped, never markup', () => {
		const out = renderRepairServiceForm({ ...minimal, category: evil('category') as never, customerType: evil('type') as never });
		expectEscaped(out, ['category']);
		expect(out).not.toContain('☑');
	});
});

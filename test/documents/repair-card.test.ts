import { formatHours, renderRepairCard, totalRepairHours, type RepairCardData } from '../../nodes/shared/documents/repair-card';
import { bodyOf, evil, evilEscaped, expectEscaped, expectFullDocument, expectNoLeaks } from './helpers';

const card: RepairCardData = {
	cardNumber: 'XK-20261127-0002',
	ticketNumber: 'BX-20261127-0007',
	voucherNumber: 'PZ-20261127-0007',
	customerName: '杭州某某科技有限公司',
	productDescription: '海康 DS-7808 硬盘录像机',
	serialNumber: 'SN-778899',
	fault: '无法开机，电源指示灯不亮',
	takenBackAt: '2026-11-27',
	workEntries: [
		{ date: '2026-11-28', technician: '李工', hours: 1.5, description: '检测电源模块' },
		{ date: '2026-11-29', technician: '张工', hours: 2.25, description: '更换电源模块并老化测试' },
	],
	partsReplaced: [
		{ name: '电源模块 12V', quantity: 1 },
		{ name: '保险丝', quantity: 2 },
	],
	inspection: { inspectedBy: '陈经理', inspectedAt: '2026-11-30 10:00' },
	returnedAt: '2026-12-01',
};

const count = (out: string, s: string) => out.split(s).length - 1;

describe('renderRepairCard', () => {
	test('Chinese by default: a full HTML document titled 修护卡', () => {
		const out = renderRepairCard(card);
		expectFullDocument(out, 'zh-CN');
		expect(out).toContain('<title>修护卡 XK-20261127-0002</title>');
		expect(out).toContain('<h1>修护卡</h1>');
	});

	test('English with lang "en"', () => {
		const out = renderRepairCard(card, 'en');
		expectFullDocument(out, 'en');
		expect(out).toContain('<title>Repair Card XK-20261127-0002</title>');
		expect(out).toContain('<h1>Repair Card</h1>');
	});

	test.each<['zh-CN' | 'en', string[]]>([
		[
			'zh-CN',
			[
				'修护卡号',
				'报修单号',
				'服务凭证号',
				'携回日期',
				'客户名称',
				'商品名称及型号',
				'序列号',
				'故障情况',
				'修护记录',
				'日期',
				'技术员',
				'工时',
				'修护内容',
				'实际修护时间合计',
				'配换零件',
				'零件名称',
				'数量',
				'部门经理验讫',
				'验讫人',
				'验讫时间',
				'还商品日期',
			],
		],
		[
			'en',
			[
				'Card No.',
				'Ticket No.',
				'Voucher No.',
				'Taken back on',
				'Customer name',
				'Product and model',
				'Serial No.',
				'Fault',
				'Repair work',
				'Date',
				'Technician',
				'Hours',
				'Work done',
				'Total repair time',
				'Parts replaced',
				'Part',
				'Quantity',
				'Manager inspection',
				'Inspected by',
				'Inspected at',
				'Returned on',
			],
		],
	])('every label (%s)', (lang, labels) => {
		const body = bodyOf(renderRepairCard(card, lang));
		for (const label of labels) expect(body).toContain(label);
	});

	test('work entries, parts, total hours, inspection and return date are printed', () => {
		const out = renderRepairCard(card);
		expect(out).toContain('<tr><td>2026-11-28</td><td>李工</td><td class="num">1.5</td><td><div class="text">检测电源模块</div></td></tr>');
		expect(out).toContain('<tr><td>2026-11-29</td><td>张工</td><td class="num">2.25</td>');
		expect(out).toContain('<tr><td colspan="3">电源模块 12V</td><td class="num">1</td></tr>');
		expect(out).toContain('<tr><td colspan="3">保险丝</td><td class="num">2</td></tr>');
		expect(out).toMatch(/实际修护时间合计（小时）<\/th><td class="num">3.75<\/td>/);
		for (const value of ['陈经理', '2026-11-30 10:00', '2026-12-01', '无法开机，电源指示灯不亮', 'SN-778899']) expect(out).toContain(value);
	});

	test('fresh card: no entries, blank rows to write on, total and inspection blank', () => {
		const out = renderRepairCard({ cardNumber: 'XK-1', ticketNumber: 'BX-1', productDescription: '录像机', fault: '不开机' });
		expectNoLeaks(out);
		expect(count(out, '<tr class="row-fill"><td></td><td></td><td></td><td></td></tr>')).toBe(5);
		expect(count(out, '<tr class="row-fill"><td colspan="3"></td><td></td></tr>')).toBe(3);
		expect(out).toMatch(/实际修护时间合计（小时）<\/th><td class="num"><\/td>/);
		expect(/验讫人<\/th><td>(.*?)<\/td><th>验讫时间<\/th><td>(.*?)<\/td>/.exec(out)?.slice(1)).toEqual([
			'<span class="blank blank-short"></span>',
			'<span class="blank blank-short"></span>',
		]);
		expect(/还商品日期<\/th><td colspan="3">(.*?)<\/td>/.exec(out)?.[1]).toBe('<span class="blank blank-short"></span>');
	});

	test('some entries: blank rows fill up to five, none beyond', () => {
		expect(count(renderRepairCard(card), '<tr class="row-fill"><td></td><td></td><td></td><td></td></tr>')).toBe(3);
		const many = { ...card, workEntries: Array.from({ length: 7 }, (_, i) => ({ date: `d${i}`, technician: 't', hours: 1, description: 'x' })) };
		const out = renderRepairCard(many);
		expect(count(out, '<tr class="row-fill"><td></td><td></td><td></td><td></td></tr>')).toBe(0);
		expect(out).toMatch(/合计（小时）<\/th><td class="num">7<\/td>/);
	});

	test('totalRepairHours and formatHours', () => {
		expect(totalRepairHours([])).toBe(0);
		expect(
			totalRepairHours([
				{ date: '', technician: '', hours: 0.1, description: '' },
				{ date: '', technician: '', hours: 0.2, description: '' },
			]),
		).toBe(0.3);
		expect(
			totalRepairHours([
				{ date: '', technician: '', hours: Number.NaN, description: '' },
				{ date: '', technician: '', hours: 2, description: '' },
			]),
		).toBe(2);
		expect(formatHours(1.5)).toBe('1.5');
		expect(formatHours(2)).toBe('2');
		expect(formatHours(1 / 3)).toBe('0.33');
		expect(formatHours(Number.NaN)).toBe('');
		expect(formatHours('3' as unknown)).toBe('');
	});

	test.each(['zh-CN', 'en'] as const)('user text is escaped everywhere it can appear (%s)', (lang) => {
		const out = renderRepairCard(
			{
				cardNumber: evil('cardNumber'),
				ticketNumber: evil('ticketNumber'),
				voucherNumber: evil('voucherNumber'),
				customerName: evil('customerName'),
				productDescription: evil('productDescription'),
				serialNumber: evil('serialNumber'),
				fault: evil('fault'),
				takenBackAt: evil('takenBackAt'),
				workEntries: [{ date: evil('workDate'), technician: evil('workTechnician'), hours: 1, description: evil('workDescription') }],
				partsReplaced: [{ name: evil('partName'), quantity: evil('partQuantity') as never }],
				inspection: { inspectedBy: evil('inspectedBy'), inspectedAt: evil('inspectedAt') },
				returnedAt: evil('returnedAt'),
			},
			lang,
		);
		expectFullDocument(out, lang);
		expectEscaped(out, [
			'cardNumber',
			'ticketNumber',
			'voucherNumber',
			'customerName',
			'productDescription',
			'serialNumber',
			'fault',
			'takenBackAt',
			'workDate',
			'workTechnician',
			'workDescription',
			'partName',
			'partQuantity',
			'inspectedBy',
			'inspectedAt',
			'returnedAt',
		]);
		expect(out).toContain(`${evilEscaped('cardNumber')}</title>`);
	});
});

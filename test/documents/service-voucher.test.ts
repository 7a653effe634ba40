import { renderServiceVoucher, type ServiceVoucherData } from '../../nodes/shared/documents/service-voucher';
import { bodyOf, evil, evilEscaped, expectEscaped, expectFullDocument, expectNoLeaks } from './helpers';

const voucher: ServiceVoucherData = {
	voucherNumber: 'PZ-20261127-0007',
	ticketNumber: 'BX-20261127-0007',
	customerName: '杭州某某科技有限公司',
	contactPerson: '王经理',
	phone: '0571-8888 6666',
	address: '杭州市西湖区文三路 100 号',
	siteSituation: '监控主机无法开机',
	category: 'B',
	reportedAt: '2026-11-27 09:30',
	dueAt: '2026-11-28 09:30',
	technician: { name: '李工', phone: '138 0000 1111' },
};

describe('renderServiceVoucher', () => {
	test('Chinese by default: a full HTML document titled 服务凭证', () => {
		const out = renderServiceVoucher(voucher);
		expectFullDocument(out, 'zh-CN');
		expect(out).toContain('<title>服务凭证 PZ-20261127-0007</title>');
		expect(out).toContain('<h1>服务凭证</h1>');
	});

	test('English with lang "en"', () => {
		const out = renderServiceVoucher(voucher, 'en');
		expectFullDocument(out, 'en');
		expect(out).toContain('<title>Service Voucher PZ-20261127-0007</title>');
		expect(out).toContain('<h1>Service Voucher</h1>');
	});

	test.each<['zh-CN' | 'en', string[]]>([
		[
			'zh-CN',
			[
				'服务凭证号',
				'报修单号',
				'服务类别',
				'要求完成时间',
				'客户名称',
				'联系人',
				'电话',
				'地址',
				'报修时间',
				'现场情况',
				'派工',
				'技术员姓名',
				'技术员电话',
				'客户签字',
				'签字时间',
				'技术员签字',
				'日期',
				'归档',
				'注销',
			],
		],
		[
			'en',
			[
				'Voucher No.',
				'Ticket No.',
				'Service category',
				'Due by',
				'Customer name',
				'Contact person',
				'Phone',
				'Address',
				'Report time',
				'Site situation',
				'Dispatch',
				'Technician name',
				'Technician phone',
				'Customer signature',
				'Signed at',
				'Technician signature',
				'Date',
				'archived',
				'closed',
			],
		],
	])('every label, the signature lines and the archive note (%s)', (lang, labels) => {
		const body = bodyOf(renderServiceVoucher(voucher, lang));
		for (const label of labels) expect(body).toContain(label);
	});

	test('prints the voucher data with category name and technician', () => {
		const out = renderServiceVoucher(voucher);
		for (const value of [
			'PZ-20261127-0007',
			'BX-20261127-0007',
			'杭州某某科技有限公司',
			'王经理',
			'0571-8888 6666',
			'杭州市西湖区文三路 100 号',
			'监控主机无法开机',
			'B 合同服务',
			'2026-11-27 09:30',
			'2026-11-28 09:30',
			'李工',
			'138 0000 1111',
		]) {
			expect(out).toContain(value);
		}
		expect(renderServiceVoucher({ ...voucher, category: 'A' }, 'en')).toContain('A Paid service');
	});

	test('not yet dispatched: technician and due time print blank; signatures are always blank lines', () => {
		const out = renderServiceVoucher({ ...voucher, technician: null, dueAt: null, contactPerson: undefined, reportedAt: null });
		expectNoLeaks(out);
		const dispatchRow = /技术员姓名<\/th><td>(.*?)<\/td><th>技术员电话<\/th><td>(.*?)<\/td>/.exec(out);
		expect(dispatchRow?.[1]).toMatch(/class="blank/);
		expect(dispatchRow?.[2]).toMatch(/class="blank/);
		const customerSign = /客户签字<\/th><td>(.*?)<\/td><th>签字时间<\/th><td>(.*?)<\/td>/.exec(out);
		expect(customerSign?.[1]).toMatch(/class="blank/);
		expect(customerSign?.[2]).toMatch(/class="blank/);
		expect(/技术员签字<\/th><td>(.*?)<\/td>/.exec(out)?.[1]).toMatch(/class="blank/);
		expect(renderServiceVoucher({ ...voucher, technician: { name: '李工' } })).toMatch(/技术员电话<\/th><td><span class="blank/);
	});

	test.each(['zh-CN', 'en'] as const)('user text is escaped everywhere it can appear (%s)', (lang) => {
		const out = renderServiceVoucher(
			{
				voucherNumber: evil('voucherNumber'),
				ticketNumber: evil('ticketNumber'),
				customerName: evil('customerName'),
				contactPerson: evil('contactPerson'),
				phone: evil('phone'),
				address: evil('address'),
				siteSituation: evil('siteSituation'),
				category: evil('category') as never,
				reportedAt: evil('reportedAt'),
				dueAt: evil('dueAt'),
				technician: { name: evil('technicianName'), phone: evil('technicianPhone') },
			},
			lang,
		);
		expectFullDocument(out, lang);
		expectEscaped(out, [
			'voucherNumber',
			'ticketNumber',
			'customerName',
			'contactPerson',
			'phone',
			'address',
			'siteSituation',
			'category',
			'reportedAt',
			'dueAt',
			'technicianName',
			'technicianPhone',
		]);
		expect(out).toContain(`${evilEscaped('voucherNumber')}</title>`);
	});
});

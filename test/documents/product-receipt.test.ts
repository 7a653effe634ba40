import { renderProductReceipt, type ProductReceiptData } from '../../nodes/shared/documents/product-receipt';
import { bodyOf, evil, evilEscaped, expectEscaped, expectFullDocument, expectNoLeaks } from './helpers';

const receipt: ProductReceiptData = {
	receiptNumber: 'SJ-20261127-0003',
	ticketNumber: 'BX-20261127-0007',
	voucherNumber: 'PZ-20261127-0007',
	customerName: '杭州某某科技有限公司',
	contactPerson: '王经理',
	phone: '0571-8888 6666',
	address: '杭州市西湖区文三路 100 号',
	productDescription: '海康 DS-7808 硬盘录像机',
	serialNumber: 'SN-778899',
	condition: '外壳左侧有划痕',
	accessories: '电源线 1 根，遥控器 1 个',
	takenBackAt: '2026-11-27',
	technicianName: '李工',
	technicianPhone: '138 0000 1111',
};

describe('renderProductReceipt', () => {
	test('Chinese by default: a full HTML document titled 客户商品领取收据', () => {
		const out = renderProductReceipt(receipt);
		expectFullDocument(out, 'zh-CN');
		expect(out).toContain('<title>客户商品领取收据 SJ-20261127-0003</title>');
		expect(out).toContain('<h1>客户商品领取收据</h1>');
	});

	test('English with lang "en"', () => {
		const out = renderProductReceipt(receipt, 'en');
		expectFullDocument(out, 'en');
		expect(out).toContain('<title>Customer Product Receipt SJ-20261127-0003</title>');
		expect(out).toContain('<h1>Customer Product Receipt</h1>');
	});

	test.each<['zh-CN' | 'en', string[]]>([
		[
			'zh-CN',
			[
				'收据编号',
				'报修单号',
				'服务凭证号',
				'携回日期',
				'客户名称',
				'联系人',
				'电话',
				'地址',
				'商品名称及型号',
				'序列号',
				'外观及状况',
				'随附配件',
				'服务技术员',
				'技术员电话',
				'技术员签字',
				'客户签字',
				'日期',
				'交回',
				'作废',
			],
		],
		[
			'en',
			[
				'Receipt No.',
				'Ticket No.',
				'Voucher No.',
				'Taken back on',
				'Customer name',
				'Contact person',
				'Phone',
				'Address',
				'Product and model',
				'Serial No.',
				'Condition',
				'Accessories',
				'Technician',
				'Technician phone',
				'Technician signature',
				'Customer signature',
				'Date',
				'hand this receipt back',
				'voided',
			],
		],
	])('every label, the signature lines and the return-and-void note (%s)', (lang, labels) => {
		const body = bodyOf(renderProductReceipt(receipt, lang));
		for (const label of labels) expect(body).toContain(label);
	});

	test('prints the receipt data', () => {
		const out = renderProductReceipt(receipt);
		for (const value of Object.values(receipt)) expect(out).toContain(value);
	});

	test('not voided: no VOID mark', () => {
		const out = renderProductReceipt(receipt);
		expect(out).not.toContain('已作废 VOID');
		expect(out).not.toContain('class="void-stamp"');
		expect(renderProductReceipt({ ...receipt, voidedAt: null })).not.toContain('已作废 VOID');
		expect(renderProductReceipt({ ...receipt, voidedAt: ' ' })).not.toContain('已作废 VOID');
	});

	test.each<['zh-CN' | 'en', string]>([
		['zh-CN', '作废日期：2026-12-02'],
		['en', 'Voided on: 2026-12-02'],
	])('voided (%s): a clear 已作废 VOID mark with the date', (lang, dated) => {
		const out = renderProductReceipt({ ...receipt, voidedAt: '2026-12-02' }, lang);
		const stamp = /<div class="void-stamp"[^>]*>(.*?)<\/div>/.exec(out)?.[1] ?? '';
		expect(stamp).toContain('已作废 VOID');
		expect(stamp).toContain(dated);
		expect(out).toContain('product-receipt voided');
	});

	test('unknown optional fields print blank lines', () => {
		const out = renderProductReceipt({
			receiptNumber: 'SJ-1',
			ticketNumber: 'BX-1',
			customerName: '客户',
			productDescription: '录像机',
			takenBackAt: '2026-11-27',
			technicianName: '李工',
		});
		expectNoLeaks(out);
		expect(/序列号<\/th><td>(.*?)<\/td>/.exec(out)?.[1]).toMatch(/class="blank/);
		expect(/外观及状况<\/th><td colspan="3">(.*?)<\/td>/.exec(out)?.[1]).toMatch(/class="lines"/);
		expect(/客户签字<\/th><td>(.*?)<\/td>/.exec(out)?.[1]).toMatch(/class="blank/);
	});

	test.each(['zh-CN', 'en'] as const)('user text is escaped everywhere it can appear, VOID date included (%s)', (lang) => {
		const fields = [
			'receiptNumber',
			'ticketNumber',
			'voucherNumber',
			'customerName',
			'contactPerson',
			'phone',
			'address',
			'productDescription',
			'serialNumber',
			'condition',
			'accessories',
			'takenBackAt',
			'technicianName',
			'technicianPhone',
			'voidedAt',
		] as const;
		const data = Object.fromEntries(fields.map((f) => [f, evil(f)])) as unknown as ProductReceiptData;
		const out = renderProductReceipt(data, lang);
		expectFullDocument(out, lang);
		expectEscaped(out, fields);
		expect(out).toContain('已作废 VOID');
		expect(out).toContain(`${evilEscaped('receiptNumber')}</title>`);
	});
});

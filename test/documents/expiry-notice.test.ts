import { renderExpiryNotice, type ExpiryNoticeData } from '../../nodes/shared/documents/expiry-notice';
import { bodyOf, evil, expectEscaped, expectFullDocument, expectNoLeaks } from './helpers';

const notice: ExpiryNoticeData = {
	noticeNumber: 'TZ-20270131-0002',
	noticedOn: '2027-01-31',
	contractNo: 'HT-2026-001',
	kind: 'annual',
	startsOn: '2026-03-01',
	endsOn: '2027-02-28',
	feeYuan: '1200.00',
	visitFeeYuan: '0.00',
	partsIncluded: true,
	customerName: '华东物业',
	contactPerson: '陈经理',
	phone: '13800000001',
	address: '上海市徐汇区漕溪路88号',
};

describe('expiry notice (保养到期通知书)', () => {
	test('Chinese: the title, number, contract, period, end date, customer, letterhead, reply box', () => {
		const out = renderExpiryNotice(notice, 'zh-CN', { name: '安达售后服务有限公司', phone: '021-12345678' });
		expectFullDocument(out, 'zh-CN');
		expectNoLeaks(out);
		const body = bodyOf(out);
		for (const text of [
			'保养到期通知书',
			'TZ-20270131-0002',
			'HT-2026-001',
			'按年合同',
			'2026-03-01',
			'2027-02-28',
			'1200.00',
			'华东物业',
			'陈经理',
			'上海市徐汇区漕溪路88号',
			'安达售后服务有限公司',
			'021-12345678',
			'续约',
			'客户签字/盖章',
		]) {
			expect(body).toContain(text);
		}
		expect(body).toContain('将于 <span class="value">2027-02-28</span> 到期');
	});

	test('English on request; a per-visit contract without contact person prints blanks, not "null"', () => {
		const out = renderExpiryNotice({ ...notice, kind: 'per-visit', contactPerson: null, address: null, partsIncluded: false }, 'en');
		expectFullDocument(out, 'en');
		expectNoLeaks(out);
		const body = bodyOf(out);
		for (const text of [
			'Maintenance Contract Expiry Notice',
			'Per visit',
			'ends on <span class="value">2027-02-28</span>',
			'Parts included</th><td colspan="3">No',
		])
			expect(body).toContain(text);
		expect(body).toContain('<span class="blank blank-medium"></span>');
		expect(body).not.toContain('letterhead');
	});

	test('every value from the records is escaped', () => {
		const fields = ['noticeNumber', 'contractNo', 'customerName', 'contactPerson', 'phone', 'address'] as const;
		const data = { ...notice, ...Object.fromEntries(fields.map((f) => [f, evil(f)])) };
		for (const lang of ['zh-CN', 'en'] as const) {
			const out = renderExpiryNotice(data, lang, { name: evil('company') });
			expectEscaped(out, [...fields, 'company']);
		}
	});
});

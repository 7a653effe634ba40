/**
 * The staff lists' pure parts (issue 19 item 3): amounts grouped by thousands from fen, the ISO
 * week of the receivables key across a year's end, a digest that lists an item once, and no list
 * when there is nothing to list.
 */
import { yuanGrouped } from '../../nodes/shared/rules/money';
import { cashListMessage, contractNoticedItem, isoWeekOf, receivablesMessage, withItem, countSummary } from '../../nodes/shared/rules/staff-lists';

describe('staff lists', () => {
	test('amounts from fen, thousands grouped', () => {
		expect(yuanGrouped(128050)).toBe('¥1,280.50');
		expect(yuanGrouped(0)).toBe('¥0.00');
		expect(yuanGrouped(5)).toBe('¥0.05');
		expect(yuanGrouped(99999)).toBe('¥999.99');
		expect(yuanGrouped(100000)).toBe('¥1,000.00');
		expect(yuanGrouped(123456789012)).toBe('¥1,234,567,890.12');
	});

	test('the ISO week of a day, across the year’s end', () => {
		expect(isoWeekOf('2026-11-27')).toBe('2026-W48');
		expect(isoWeekOf('2026-11-30')).toBe('2026-W49');
		expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
		expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
	});

	test('a digest lists an item once and counts them', () => {
		const one = { kind: 'overdue' as const, summary: countSummary(1), items: [{ ticket: 'BX-1', text: '已超时｜漏水' }] };
		const two = withItem(one, { ticket: 'BX-2', text: '已超时｜门不关' });
		expect(two).toEqual({
			kind: 'overdue',
			summary: '共 2 项',
			items: [
				{ ticket: 'BX-1', text: '已超时｜漏水' },
				{ ticket: 'BX-2', text: '已超时｜门不关' },
			],
		});
		expect(withItem(two!, { ticket: 'BX-1', text: '已超时｜漏水' })).toBeNull();
	});

	test('nothing to list: no message', () => {
		expect(cashListMessage('2026-11-27', [])).toBeNull();
		expect(receivablesMessage('2026-11-27', [])).toBeNull();
	});

	test('a contract notice says how the customer was told: email, SMS to the mobile, or neither (the desk calls or posts)', () => {
		const n = { contractNo: 'HT-1', customerName: '华东物业', endsOn: '2027-01-31', noticeNumber: 'TZ-20270101-0001' };
		expect(contractNoticedItem({ ...n, customerEmail: 'li@example.com', customerSms: null }).text).toBe(
			'新发保养到期通知书 TZ-20270101-0001｜邮件 li@example.com｜请安排续约洽谈',
		);
		expect(contractNoticedItem({ ...n, customerEmail: null, customerSms: '13812345678' }).text).toBe(
			'新发保养到期通知书 TZ-20270101-0001｜短信 13812345678｜请安排续约洽谈',
		);
		expect(contractNoticedItem({ ...n, customerEmail: null, customerSms: null }).text).toBe(
			'新发保养到期通知书 TZ-20270101-0001｜客户无邮箱，请电话或寄送通知｜请安排续约洽谈',
		);
	});
});

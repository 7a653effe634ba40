import { orderStage, shareOrderPaid } from '../../nodes/shared/rules/order-invoice';
import { ValidationError } from '../../nodes/shared/rules/errors';

test('the stage a clerk names: the code or its Chinese name; anything else refused on the field stage', () => {
	expect(orderStage('payment-notice')).toBe('payment-notice');
	expect(orderStage(' Settlement ')).toBe('settlement');
	expect(orderStage('付款通知单')).toBe('payment-notice');
	expect(orderStage('结算')).toBe('settlement');
	for (const bad of ['', null, 'delivery', 'payment_notice', 'constructor']) {
		let error: unknown;
		try {
			orderStage(bad);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).problems[0].field).toBe('stage');
	}
});

describe('what the customer paid on the order, shared over the stage invoices (payment notice first)', () => {
	test.each([
		// deposit, payments, notice, settlement → notice paid, settlement paid
		['the deposit alone', 50_000, 0, 230_400, 17_800, 50_000, 0],
		['deposit and payments cover the notice exactly', 50_000, 180_400, 230_400, 17_800, 230_400, 0],
		['the rest goes to the settlement', 50_000, 190_400, 230_400, 17_800, 230_400, 10_000],
		['more than both: each capped at what it charges', 50_000, 250_000, 230_400, 17_800, 230_400, 17_800],
		['a settlement credit (returns ¥384) counts on the notice after the refund', 0, 230_400 - 38_400, 230_400, -38_400, 230_400, 0],
		['a refund larger than the payments: never below 0', 0, -10_000, 230_400, 0, 0, 0],
		['nothing paid', 0, 0, 230_400, 17_800, 0, 0],
	])('%s', (_what, depositFen, paidFen, paymentNoticeFen, settlementFen, notice, settlement) => {
		expect(shareOrderPaid({ depositFen, paidFen, paymentNoticeFen, settlementFen })).toEqual({ 'payment-notice': notice, settlement });
	});
});

import fc from 'fast-check';
import nzh from 'nzh/cn';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import {
	amountInWords,
	checkPayment,
	cleanPayment,
	fapiaoNumber,
	invoiceNumber,
	paymentMethod,
	sourceKey,
	statusAfterPayments,
} from '../../nodes/shared/rules/invoice';
import { feeLines, totalFen } from '../../nodes/shared/rules/fees';

const DIGIT: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };

/** Chinese capitals back to fen, written independently of the code under test (nzh's own decodeB for the yuan). */
function wordsToFen(words: string): bigint {
	const text = words.replace(/整$/, '');
	const at = text.lastIndexOf('元');
	const yuan = at < 0 ? 0n : BigInt(nzh.decodeB(text.slice(0, at)));
	const rest = at < 0 ? text : text.slice(at + 1);
	const jiao = /([零壹贰叁肆伍陆柒捌玖])角/.exec(rest);
	const fen = /([零壹贰叁肆伍陆柒捌玖])分/.exec(rest);
	return yuan * 100n + BigInt(jiao ? DIGIT[jiao[1]] * 10 : 0) + BigInt(fen ? DIGIT[fen[1]] : 0);
}

test.each([
	[16500, '壹佰陆拾伍元整'],
	[10001, '壹佰元零壹分'],
	[5, '伍分'],
	[0, '零元整'],
	[1230, '壹拾贰元叁角'],
	[100000000, '壹佰万元整'],
	[123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
])('%i fen in capitals: %s', (fen, words) => {
	expect(amountInWords(fen)).toBe(words);
	expect(wordsToFen(words)).toBe(BigInt(fen));
});

test('property: capitals round-trip exactly, fen → capitals → fen and capitals → fen → capitals', () => {
	fc.assert(
		fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }).map(Number), (fen) => {
			const words = amountInWords(fen);
			expect(wordsToFen(words)).toBe(BigInt(fen));
			expect(amountInWords(Number(wordsToFen(words)))).toBe(words);
		}),
		{ numRuns: 10000 },
	);
});

test('property: 10,000 random invoices — the total is the exact sum of the lines in fen, and its capitals round-trip', () => {
	const part = fc.record({
		part: fc.constantFrom('电容', '压缩机', '滤网', '保险丝'),
		quantity: fc.integer({ min: 1, max: 999 }),
		unitFen: fc.integer({ min: 0, max: 9_999_999 }),
	});
	fc.assert(
		fc.property(
			fc.constantFrom<'A' | 'B'>('A', 'B'),
			fc.integer({ min: 0, max: 1440 }),
			fc.array(part, { maxLength: 20 }),
			fc.integer({ min: 0, max: 500_000 }),
			(category, minutes, parts, visitFeeFen) => {
				const lines = feeLines(
					{ category, customerType: '', contract: { contractNo: 'HT', kind: 'per-visit', visitFeeFen, partsIncluded: false }, minutes, parts },
					{ callOutFen: 5000, labourPerHourFen: 8000, onSiteThresholdFen: 30000 },
				);
				const total = totalFen(lines);
				expect(BigInt(total)).toBe(lines.reduce((s, l) => s + BigInt(l.quantity) * BigInt(l.unitFen), 0n));
				expect(wordsToFen(amountInWords(total))).toBe(BigInt(total));
			},
		),
		{ numRuns: 10000 },
	);
});

test('invoice numbers: FP-YYYY-NNNNNN, sequence 1 to 999999', () => {
	expect(invoiceNumber(2026, 1)).toBe('FP-2026-000001');
	expect(invoiceNumber(2026, 999999)).toBe('FP-2026-999999');
	expect(() => invoiceNumber(2026, 0)).toThrow(RuleViolation);
	expect(() => invoiceNumber(2026, 1_000_000)).toThrow(RuleViolation);
	expect(() => invoiceNumber(26, 1)).toThrow(RuleViolation);
});

test('source keys: one per ticket, one per order stage', () => {
	expect(sourceKey({ kind: 'ticket', ticketNumber: 'BX-20261127-0001' })).toBe('ticket:BX-20261127-0001');
	expect(sourceKey({ kind: 'order-stage', orderNumber: 'DD-20261127-0001', stage: 'settlement' })).toBe('order:DD-20261127-0001:settlement');
	expect(sourceKey({ kind: 'order-stage', orderNumber: 'DD-20261127-0001', stage: 'payment-notice' })).not.toBe(
		sourceKey({ kind: 'order-stage', orderNumber: 'DD-20261127-0001', stage: 'settlement' }),
	);
});

test('payment methods as staff type them', () => {
	expect(['cash', '现金', 'WeChat', '微信', '支付宝', 'Bank Transfer', '转账', '刷卡'].map((m) => paymentMethod(m))).toEqual([
		'cash',
		'cash',
		'wechat',
		'wechat',
		'alipay',
		'bank-transfer',
		'bank-transfer',
		'card',
	]);
	expect(() => paymentMethod('bitcoin')).toThrow(/Payment method \(付款方式\): "bitcoin" is not allowed/);
	expect(() => paymentMethod('constructor')).toThrow(ValidationError);
});

test('payments: never more than owed, none on a void invoice; the status follows', () => {
	const inv = { invoiceNumber: 'FP-2026-000001', status: 'issued' as const, totalFen: 16500, paidFen: 10000 };
	expect(() => checkPayment(inv, 6500)).not.toThrow();
	expect(() => checkPayment(inv, 6501)).toThrow(/65\.01 yuan is more than invoice FP-2026-000001 still owes \(65\.00 of 165\.00 yuan\)/);
	expect(() => checkPayment({ ...inv, status: 'void' }, 1)).toThrow(/void/);
	expect(() => checkPayment({ ...inv, paidFen: 16500, status: 'paid' }, 1)).toThrow(/already paid in full/);
	expect(statusAfterPayments(16500, 16500, false)).toBe('paid');
	expect(statusAfterPayments(16500, 100, false)).toBe('issued');
	expect(statusAfterPayments(16500, 16500, true)).toBe('void');
});

test('a payment as a clerk records it: every problem at once, each naming its field', () => {
	const now = '2026-11-27T02:00:00.000Z';
	expect(cleanPayment({ amountYuan: '¥65.5', method: '微信' }, 'Asia/Shanghai', now)).toEqual({
		amountFen: 6550,
		method: 'wechat',
		paidAt: now,
		note: null,
	});
	try {
		cleanPayment({ amountYuan: '0', method: 'gold', paidAt: '2099-01-01' }, 'Asia/Shanghai', now);
		throw new Error('not refused');
	} catch (error) {
		expect((error as ValidationError).problems.map((p) => p.field)).toEqual(['amountYuan', 'method', 'paidAt']);
	}
});

test('fapiao numbers: 8 to 20 digits', () => {
	expect(fapiaoNumber(' 2631 2000 0001 2345 6789 ')).toBe('26312000000123456789');
	expect(fapiaoNumber('12345678')).toBe('12345678');
	expect(() => fapiaoNumber('1234567')).toThrow(/Fapiao number \(发票号码\)/);
	expect(() => fapiaoNumber('ABC12345678')).toThrow(ValidationError);
});

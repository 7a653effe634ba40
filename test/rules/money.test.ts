import fc from 'fast-check';
import { ValidationError } from '../../nodes/shared/rules/errors';
import { fenToYuan, yuanToFen } from '../../nodes/shared/rules/money';
import { validationErrorOf } from '../harness/errors';

/** Integer fen from 0 to 1e12 (10 billion yuan); fc.integer is limited to 32 bits. */
const fenUpTo1e12 = fc.bigInt({ min: 0n, max: 10n ** 12n }).map(Number);

describe('yuanToFen', () => {
	test.each<[unknown, number]>([
		[12, 1200],
		[12.5, 1250],
		[12.05, 1205],
		[0, 0],
		[1280.5, 128050],
		['12.50', 1250],
		['12', 1200],
		['0', 0],
		['0.00', 0],
		['0.01', 1],
		['.5', 50],
		['¥1,234.5', 123450],
		['￥1,234.56', 123456],
		['1234元', 123400],
		['¥88元', 8800],
		['  1280.50  ', 128050],
		['12.5 元', 1250],
		['1,000,000', 100000000],
		['12.500', 1250],
		// What spreadsheet formulas hand over: two decimals plus binary rounding noise.
		[36.900000000000006, 3690],
		[0.1 + 0.2, 30],
		[1.1 * 3, 330],
		[19.99 * 3, 5997],
	])('accepts %p as %p fen', (value, fen) => {
		expect(yuanToFen(value, 'feeYuan')).toBe(fen);
	});

	test.each<unknown>([
		'12.345',
		12.345,
		'0.001',
		0.001,
		'12.505',
		'abc',
		'',
		'   ',
		'12.',
		'1.2.3',
		'12 34',
		'十二元',
		NaN,
		Infinity,
		-Infinity,
		null,
		undefined,
		true,
		{},
		[12],
	])('refuses %p as not an amount of money, naming the field', (value) => {
		const error = validationErrorOf(() => yuanToFen(value, 'feeYuan'));
		expect(error.problems).toHaveLength(1);
		expect(error.problems[0].field).toBe('feeYuan');
		expect(error.problems[0].message).toContain('Contract fee (合同金额)');
		expect(error.problems[0].message).toMatch(/not an amount of money/);
		expect(error.message).toBe(error.problems[0].message);
	});

	test('refuses a number with more than two decimals even when JavaScript prints it in exponent form (1e-7)', () => {
		// 0.0000001 yuan has seven decimals, exactly like "0.0000001" and 0.001, which are refused.
		const error = validationErrorOf(() => yuanToFen(1e-7, 'feeYuan'));
		expect(error.problems[0].field).toBe('feeYuan');
		expect(error.problems[0].message).toContain('Contract fee (合同金额)');
	});

	test('refuses a string with more than two decimals ("0.0000001")', () => {
		const error = validationErrorOf(() => yuanToFen('0.0000001', 'feeYuan'));
		expect(error.problems[0].field).toBe('feeYuan');
	});

	test.each<unknown>([-5, -0.01, '-12.50', '-1', '¥-3', '-1,234元'])('refuses the negative amount %p', (value) => {
		const error = validationErrorOf(() => yuanToFen(value, 'feeYuan'));
		expect(error.problems).toHaveLength(1);
		expect(error.problems[0].field).toBe('feeYuan');
		expect(error.problems[0].message).toContain('Contract fee (合同金额)');
		expect(error.problems[0].message).toMatch(/negative/);
	});

	test('refuses amounts too large to be kept exactly in fen', () => {
		expect(() => yuanToFen(1e21, 'feeYuan')).toThrow(ValidationError);
		expect(() => yuanToFen('99999999999999999999', 'feeYuan')).toThrow(ValidationError);
	});

	test('names the label of the field it was given', () => {
		const visit = validationErrorOf(() => yuanToFen('abc', 'visitFeeYuan'));
		expect(visit.problems[0]).toEqual({ field: 'visitFeeYuan', message: expect.stringContaining('Fee per visit (每次费用)') });
		const price = validationErrorOf(() => yuanToFen('-1', 'pricePerBoxYuan'));
		expect(price.problems[0]).toEqual({ field: 'pricePerBoxYuan', message: expect.stringContaining('Price per box (每箱单价)') });
	});

	test('quotes what the clerk typed in the message', () => {
		const error = validationErrorOf(() => yuanToFen('12.345', 'feeYuan'));
		expect(error.problems[0].message).toContain('12.345');
	});

	test('property: numbers with at most two decimals become exactly that many fen (an integer)', () => {
		fc.assert(
			fc.property(fenUpTo1e12, (fen) => {
				const result = yuanToFen(fen / 100, 'feeYuan');
				expect(Number.isInteger(result)).toBe(true);
				expect(result).toBe(fen);
			}),
			{ numRuns: 500 },
		);
	});

	test('property: amounts typed with ¥, thousands separators and 元 are read the same as plain ones', () => {
		fc.assert(
			fc.property(fenUpTo1e12, fc.boolean(), fc.boolean(), (fen, yen, yuanSign) => {
				const grouped = Math.floor(fen / 100).toLocaleString('en-US');
				const text = `${yen ? '¥' : ''}${grouped}.${String(fen % 100).padStart(2, '0')}${yuanSign ? '元' : ''}`;
				expect(yuanToFen(text, 'feeYuan')).toBe(fen);
			}),
			{ numRuns: 300 },
		);
	});

	test('property: a third significant decimal is always refused', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 2_000_000_000 }).filter((n) => n % 10 !== 0),
				(milli) => {
					expect(() => yuanToFen(milli / 1000, 'feeYuan')).toThrow(ValidationError);
					expect(() => yuanToFen((milli / 1000).toFixed(3), 'feeYuan')).toThrow(ValidationError);
				},
			),
			{ numRuns: 300 },
		);
	});

	test('property: every negative amount is refused as negative', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2_000_000_000 }), (fen) => {
				const error = validationErrorOf(() => yuanToFen(-fen / 100, 'feeYuan'));
				expect(error.problems[0].message).toMatch(/negative/);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('fenToYuan', () => {
	test.each<[number, string]>([
		[128050, '1280.50'],
		[0, '0.00'],
		[5, '0.05'],
		[50, '0.50'],
		[100, '1.00'],
		[1205, '12.05'],
		[-5, '-0.05'],
		[-128050, '-1280.50'],
		[100000000000000, '1000000000000.00'],
	])('%p fen is %p yuan', (fen, yuan) => {
		expect(fenToYuan(fen)).toBe(yuan);
	});

	test('property: always two decimals', () => {
		fc.assert(
			fc.property(fenUpTo1e12, (fen) => {
				expect(fenToYuan(fen)).toMatch(/^\d+\.\d{2}$/);
			}),
			{ numRuns: 300 },
		);
	});

	test('property: for every integer fen 0..1e12, yuanToFen(fenToYuan(fen)) === fen', () => {
		fc.assert(
			fc.property(fenUpTo1e12, (fen) => {
				expect(yuanToFen(fenToYuan(fen), 'feeYuan')).toBe(fen);
			}),
			{ numRuns: 500 },
		);
	});

	test('round-trips the edges 0, 1, 99, 100 and 1e12', () => {
		for (const fen of [0, 1, 99, 100, 1e12]) expect(yuanToFen(fenToYuan(fen), 'feeYuan')).toBe(fen);
	});
});

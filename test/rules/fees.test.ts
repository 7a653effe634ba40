import fc from 'fast-check';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import {
	DEFAULT_FEE_RATES,
	feeLines,
	feeRatesFromYuan,
	partsCharged,
	startedHalfHours,
	totalFen,
	type ChargeBasis,
} from '../../nodes/shared/rules/fees';

const A = (over: Partial<ChargeBasis> = {}): ChargeBasis => ({
	category: 'A',
	customerType: 'liaison-letter',
	contract: null,
	minutes: 0,
	parts: [],
	...over,
});
const perVisit = { contractNo: 'HT-1', kind: 'per-visit' as const, visitFeeFen: 12000, partsIncluded: false };
const annual = { contractNo: 'HT-2', kind: 'annual' as const, visitFeeFen: 0, partsIncluded: false };

describe('started half hours', () => {
	test.each([
		[0, 0],
		[1, 1],
		[30, 1],
		[31, 2],
		[60, 2],
		[61, 3],
		[95, 4],
	])('%i minutes → %i half hours', (minutes, halves) => expect(startedHalfHours(minutes)).toBe(halves));
});

describe('category A: call-out ¥50, labour ¥80/h per started half hour, parts at their price', () => {
	test('40 minutes and two parts: 50 + 2 × 40 + 2 × 35 + 5 = 205 yuan', () => {
		const lines = feeLines(
			A({
				minutes: 40,
				parts: [
					{ part: '电容', quantity: 2, unitFen: 3500 },
					{ part: '保险丝', quantity: 1, unitFen: 500 },
				],
			}),
			DEFAULT_FEE_RATES,
		);
		expect(lines.map((l) => [l.kind, l.quantity, l.unitFen, l.amountFen])).toEqual([
			['call-out', 1, 5000, 5000],
			['labour', 2, 4000, 8000],
			['parts', 2, 3500, 7000],
			['parts', 1, 500, 500],
		]);
		expect(totalFen(lines)).toBe(20500);
	});
	test('no minutes recorded: the call-out fee alone', () => {
		expect(feeLines(A(), DEFAULT_FEE_RATES).map((l) => l.kind)).toEqual(['call-out']);
	});
	test('a part the customer pays for without a price is refused, naming the part', () => {
		expect(() => feeLines(A({ parts: [{ part: '压缩机', quantity: 1, unitFen: null }] }), DEFAULT_FEE_RATES)).toThrow(
			/Part "压缩机" has no unit price/,
		);
	});
});

describe('category B', () => {
	test('per visit: the contract visit fee plus parts', () => {
		const lines = feeLines(
			{ ...A({ parts: [{ part: '滤网', quantity: 1, unitFen: 2000 }], minutes: 90 }), category: 'B', contract: perVisit },
			DEFAULT_FEE_RATES,
		);
		expect(lines.map((l) => [l.kind, l.amountFen])).toEqual([
			['visit-fee', 12000],
			['parts', 2000],
		]);
	});
	test('per visit with parts included: the visit fee only, parts without a price are fine', () => {
		const lines = feeLines(
			{ ...A({ parts: [{ part: '滤网', quantity: 1, unitFen: null }] }), category: 'B', contract: { ...perVisit, partsIncluded: true } },
			DEFAULT_FEE_RATES,
		);
		expect(lines.map((l) => [l.kind, l.amountFen])).toEqual([['visit-fee', 12000]]);
	});
	test('annual: parts only; nothing at all when none were used or parts are included', () => {
		expect(
			feeLines(
				{ ...A({ parts: [{ part: '滤网', quantity: 3, unitFen: 2000 }], minutes: 120 }), category: 'B', contract: annual },
				DEFAULT_FEE_RATES,
			).map((l) => [l.kind, l.amountFen]),
		).toEqual([['parts', 6000]]);
		expect(feeLines({ ...A({ minutes: 120 }), category: 'B', contract: annual }, DEFAULT_FEE_RATES)).toEqual([]);
		expect(
			feeLines(
				{ ...A({ parts: [{ part: '滤网', quantity: 3, unitFen: 2000 }] }), category: 'B', contract: { ...annual, partsIncluded: true } },
				DEFAULT_FEE_RATES,
			),
		).toEqual([]);
	});
	test('a B ticket whose contract is gone is refused', () => {
		expect(() => feeLines({ ...A(), category: 'B', contract: null }, DEFAULT_FEE_RATES)).toThrow(RuleViolation);
	});
});

test('C and D charge nothing, whatever was used', () => {
	for (const category of ['C', 'D'] as const) {
		expect(feeLines({ ...A({ minutes: 300, parts: [{ part: '主板', quantity: 1, unitFen: null }] }), category }, DEFAULT_FEE_RATES)).toEqual([]);
		expect(partsCharged(category, null)).toBe(false);
	}
});

test('rates from the yuan a clerk types; an hourly rate that does not halve into fen is refused', () => {
	expect(feeRatesFromYuan({})).toEqual(DEFAULT_FEE_RATES);
	expect(feeRatesFromYuan({ callOutYuan: '60', labourPerHourYuan: 100.5, onSiteThresholdYuan: '¥500' })).toEqual({
		callOutFen: 6000,
		labourPerHourFen: 10050,
		onSiteThresholdFen: 50000,
	});
	expect(() => feeRatesFromYuan({ labourPerHourYuan: '80.01' })).toThrow(ValidationError);
	expect(() => feeRatesFromYuan({ callOutYuan: -5 })).toThrow(/Call-out fee \(上门费\)/);
});

test('property: every line is quantity × unit exactly, and the total is the exact sum of the lines', () => {
	const part = fc.record({
		part: fc.string({ minLength: 1, maxLength: 8 }),
		quantity: fc.integer({ min: 1, max: 500 }),
		unitFen: fc.integer({ min: 0, max: 50_000_000 }),
	});
	fc.assert(
		fc.property(
			fc.constantFrom('A', 'B') as fc.Arbitrary<'A' | 'B'>,
			fc.integer({ min: 0, max: 24 * 60 }),
			fc.array(part, { maxLength: 12 }),
			fc.record({
				callOutFen: fc.integer({ min: 0, max: 100_000 }),
				labourPerHourFen: fc.integer({ min: 0, max: 100_000 }).map((n) => n * 2),
				onSiteThresholdFen: fc.constant(30000),
			}),
			fc.boolean(),
			(category, minutes, parts, rates, included) => {
				const lines = feeLines({ category, customerType: 'x', contract: { ...perVisit, partsIncluded: included }, minutes, parts }, rates);
				for (const l of lines) expect(BigInt(l.amountFen)).toBe(BigInt(l.quantity) * BigInt(l.unitFen));
				expect(BigInt(totalFen(lines))).toBe(lines.reduce((s, l) => s + BigInt(l.amountFen), 0n));
				const partsSum = parts.reduce((s, p) => s + BigInt(p.quantity * p.unitFen), 0n);
				const expected =
					category === 'A'
						? BigInt(rates.callOutFen) + BigInt(Math.ceil(minutes / 30) * (rates.labourPerHourFen / 2)) + partsSum
						: BigInt(perVisit.visitFeeFen) + (included ? 0n : partsSum);
				expect(BigInt(totalFen(lines))).toBe(expected);
			},
		),
		{ numRuns: 2000 },
	);
});

import fc from 'fast-check';
import { RuleViolation } from '../../nodes/shared/rules/errors';
import { adjustedStock, StockLevel } from '../../nodes/shared/rules/stock';
import { thrownBy } from '../harness/errors';

const stock = (onHand: number, reserved = 0): StockLevel => ({ modelCode: 'MX-6060', onHand, reserved });

const ruleViolationOf = (fn: () => unknown) => thrownBy(RuleViolation, fn);

describe('adjustedStock', () => {
	test('adds boxes that come in', () => {
		expect(adjustedStock(stock(10), 5)).toBe(15);
		expect(adjustedStock(stock(0), 1)).toBe(1);
		expect(adjustedStock(stock(10, 10), 3)).toBe(13);
	});

	test('takes boxes out down to exactly zero', () => {
		expect(adjustedStock(stock(10), -4)).toBe(6);
		expect(adjustedStock(stock(10), -10)).toBe(0);
	});

	test('takes boxes out down to exactly the reserved boxes', () => {
		expect(adjustedStock(stock(10, 4), -6)).toBe(4);
	});

	test('refuses to go below zero, saying how many are on hand', () => {
		const error = ruleViolationOf(() => adjustedStock(stock(3), -4));
		expect(error.field).toBe('delta');
		expect(error.message).toContain('Change in boxes (增减箱数)');
		expect(error.message).toContain('MX-6060');
		expect(error.message).toMatch(/below zero/);
	});

	test('refuses to go below the boxes reserved for orders, saying how many can be taken', () => {
		const error = ruleViolationOf(() => adjustedStock(stock(10, 4), -7));
		expect(error.field).toBe('delta');
		expect(error.message).toContain('reserved');
		expect(error.message).toContain('at most 6 can be taken');
	});

	test.each([0, -0, 1.5, -0.5, NaN, Infinity, -Infinity])('refuses the change %p', (delta) => {
		const error = ruleViolationOf(() => adjustedStock(stock(10), delta));
		expect(error.field).toBe('delta');
		expect(error.message).toContain('Change in boxes (增减箱数)');
	});

	test('does not modify the stock level it is given', () => {
		const level = stock(10, 2);
		adjustedStock(level, -3);
		expect(level).toEqual(stock(10, 2));
	});

	test('property: either onHand + delta, never below reserved nor zero, or a RuleViolation', () => {
		const level = fc
			.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }))
			.map(([a, b]) => ({ onHand: Math.max(a, b), reserved: Math.min(a, b) }));
		const delta = fc.oneof(fc.integer({ min: -1_100_000, max: 1_100_000 }), fc.integer({ min: -20, max: 20 }), fc.double({ noNaN: false }));
		fc.assert(
			fc.property(level, delta, ({ onHand, reserved }, d) => {
				// The oracle states both bounds of the rule on its own: never below zero, never below the reserved boxes.
				const valid = Number.isInteger(d) && d !== 0 && onHand + d >= 0 && onHand + d >= reserved;
				let result: number | undefined;
				try {
					result = adjustedStock(stock(onHand, reserved), d);
				} catch (error) {
					expect(error).toBeInstanceOf(RuleViolation);
					expect(valid).toBe(false);
					return;
				}
				expect(valid).toBe(true);
				expect(result).toBe(onHand + d);
				expect(result).toBeGreaterThanOrEqual(reserved);
				expect(result).toBeGreaterThanOrEqual(0);
			}),
			{ numRuns: 500 },
		);
	});

	test('property: every whole-box change within the free stock is allowed', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 100_000 }),
				fc.integer({ min: 0, max: 100_000 }),
				fc.integer({ min: 1, max: 100_000 }),
				(reserved, free, n) => {
					const onHand = reserved + free;
					expect(adjustedStock(stock(onHand, reserved), n)).toBe(onHand + n);
					if (n <= free) expect(adjustedStock(stock(onHand, reserved), -n)).toBe(onHand - n);
					else expect(() => adjustedStock(stock(onHand, reserved), -n)).toThrow(RuleViolation);
				},
			),
			{ numRuns: 300 },
		);
	});
});

import fc from 'fast-check';
import { ValidationError } from '../../nodes/shared/rules/errors';
import {
	CRITERIA,
	dissatisfactionReasons,
	formSatisfaction,
	overallLevel,
	parseLevel,
	type Level,
	type Levels,
} from '../../nodes/shared/rules/survey-levels';

const level = fc.constantFrom<Level>(1, 2, 3, 4);
const levels = fc.record({ attitude: level, skill: level, arrival: level, promises: level });

describe('parseLevel: the P16 levels as 4/3/2/1', () => {
	test.each([
		[4, 4],
		['3', 3],
		[' 2 ', 2],
		['１', 1],
		['very-satisfied', 4],
		['Very satisfied', 4],
		['VERY_SATISFIED', 4],
		['satisfied', 3],
		['average', 2],
		['unsatisfied', 1],
		['很满意', 4],
		['非常满意', 4],
		['满意', 3],
		['一般', 2],
		['不满意', 1],
	] as Array<[unknown, Level]>)('%p → %p', (input, expected) => {
		expect(parseLevel(input, 'attitude')).toBe(expected);
	});

	test.each([[0], [5], [2.5], ['5'], ['good'], [''], [null], [undefined], [true], [{}]])('%p is refused, naming the criterion', (input) => {
		try {
			parseLevel(input, 'arrival');
			throw new Error('accepted');
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			const problems = (error as ValidationError).problems;
			expect(problems).toHaveLength(1);
			expect(problems[0].field).toBe('arrival');
			expect(problems[0].message).toMatch(/^Arrival time \(到达时间\): .*expected 4, 3, 2 or 1/);
		}
	});

	test("Form 1.1's own words (RULES turn 3): 很满意 / 满意 / 一般 / 不满意 are 4 / 3 / 2 / 1; 非常满意 stays an alias of 4", () => {
		expect(['很满意', '满意', '一般', '不满意', '非常满意'].map((w) => parseLevel(w, 'promises'))).toEqual([4, 3, 2, 1, 4]);
		expect(parseLevel(' 很满意 ', 'skill')).toBe(4);
	});

	test('any number other than 1..4 is refused (property)', () => {
		fc.assert(
			fc.property(
				fc.double().filter((d) => ![1, 2, 3, 4].includes(d)),
				(d) => {
					expect(() => parseLevel(d, 'skill')).toThrow(ValidationError);
				},
			),
		);
	});
});

/** The overall level written out from RULES.md: the mean of the four, rounded half up. */
function expectedOverall(l: Levels): number {
	const mean = (l.attitude + l.skill + l.arrival + l.promises) / 4; // quarters: exact in binary
	return Math.floor(mean + 0.5);
}

describe('Form 1.1: satisfaction and reasons', () => {
	test('the overall level is the mean of the four rounded half up (every combination)', () => {
		fc.assert(fc.property(levels, (l) => expect(overallLevel(l)).toBe(expectedOverall(l))));
	});

	test('examples: 2.5 → 3, 3.5 → 4, 3.25 → 3, 1.75 → 2', () => {
		expect(overallLevel({ attitude: 2, skill: 3, arrival: 2, promises: 3 })).toBe(3);
		expect(overallLevel({ attitude: 4, skill: 3, arrival: 4, promises: 3 })).toBe(4);
		expect(overallLevel({ attitude: 4, skill: 3, arrival: 3, promises: 3 })).toBe(3);
		expect(overallLevel({ attitude: 1, skill: 2, arrival: 2, promises: 2 })).toBe(2);
	});

	test('the overall level lies between the lowest and highest level given', () => {
		fc.assert(
			fc.property(levels, (l) => {
				const all = CRITERIA.map((c) => l[c]);
				expect(overallLevel(l)).toBeGreaterThanOrEqual(Math.min(...all));
				expect(overallLevel(l)).toBeLessThanOrEqual(Math.max(...all));
			}),
		);
	});

	test('reasons tick attitude, skill and response speed for a level of 2 or less; keeping promises has no box', () => {
		fc.assert(
			fc.property(levels, (l) => {
				const r = dissatisfactionReasons(l);
				expect(r.includes('attitude')).toBe(l.attitude <= 2);
				expect(r.includes('skill')).toBe(l.skill <= 2);
				expect(r.includes('response')).toBe(l.arrival <= 2);
				expect(r).toHaveLength(new Set(r).size);
			}),
		);
	});

	test('formSatisfaction names the level as the form does', () => {
		expect(formSatisfaction({ attitude: 4, skill: 4, arrival: 4, promises: 3 })).toEqual({
			satisfaction: 'very-satisfied',
			dissatisfactionReasons: [],
		});
		expect(formSatisfaction({ attitude: 1, skill: 2, arrival: 1, promises: 1 })).toEqual({
			satisfaction: 'unsatisfied',
			dissatisfactionReasons: ['attitude', 'skill', 'response'],
		});
	});
});

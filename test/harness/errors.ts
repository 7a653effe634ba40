/**
 * What a refusal threw, for the tests that read its fields or problems: each helper fails the
 * test when nothing is thrown, or when what is thrown is not of the expected class.
 */
import { RuleViolation, ValidationError, type FieldProblem } from '../../nodes/shared/rules/errors';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** The error `fn` throws, which must be an instance of one of `classes`. */
export function thrownBy<E extends Error>(classes: ErrorClass<E> | Array<ErrorClass<E>>, fn: () => unknown, what = 'a refusal'): E {
	const expected = Array.isArray(classes) ? classes : [classes];
	try {
		fn();
	} catch (error) {
		if (!expected.some((c) => error instanceof c)) expect(error).toBeInstanceOf(expected[0]);
		return error as E;
	}
	throw new Error(`expected ${what} (${expected.map((c) => c.name).join(' or ')}), but nothing was thrown`);
}

/** The same for a promise: the error `fn()` rejects with, an instance of one of `classes`. */
export async function rejectionOf<E extends Error>(
	classes: ErrorClass<E> | Array<ErrorClass<E>>,
	fn: () => Promise<unknown>,
	what = 'a refusal',
): Promise<E> {
	const expected = Array.isArray(classes) ? classes : [classes];
	try {
		await fn();
	} catch (error) {
		if (!expected.some((c) => error instanceof c)) expect(error).toBeInstanceOf(expected[0]);
		return error as E;
	}
	throw new Error(`expected ${what} (${expected.map((c) => c.name).join(' or ')}), but the promise resolved`);
}

/** The ValidationError `fn` throws. */
export const validationErrorOf = (fn: () => unknown, what?: string): ValidationError => thrownBy(ValidationError, fn, what);

/** The RuleViolation `fn` throws. */
export const ruleViolationOf = (fn: () => unknown, what?: string): RuleViolation => thrownBy(RuleViolation, fn, what);

/** The field problems of the ValidationError `fn` throws. */
export const problemsOf = (fn: () => unknown, what?: string): FieldProblem[] => validationErrorOf(fn, what).problems;

/**
 * A problem with one field of one item, told the way a clerk needs it: which field, what is
 * wrong, what is expected. Rules throw these; nodes turn them into NodeOperationError and
 * webhooks into `400 { errors: [{ field, message }] }`.
 */
export interface FieldProblem {
	/** Public field name (RECORDS.md), e.g. `phone`. */
	field: string;
	/** Full sentence for people: field label, what is wrong, what is expected. */
	message: string;
}

export class ValidationError extends Error {
	readonly problems: FieldProblem[];

	constructor(problems: FieldProblem[]) {
		super(problems.map((p) => p.message).join('; '));
		this.name = 'ValidationError';
		this.problems = problems;
	}
}

/** A rule of the business refused the request (not a malformed field): stock below zero, a closed ticket … */
export class RuleViolation extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message);
		this.name = 'RuleViolation';
	}
}

/** A record with the same natural key already exists (a unique constraint refused the write). */
export class DuplicateError extends RuleViolation {
	constructor(message: string) {
		super(message);
		this.name = 'DuplicateError';
	}
}

/** The record looked for is not in the store; `field` names the input that pointed at it. */
export class NotFoundError extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message);
		this.name = 'NotFoundError';
	}
}

/** Collects field problems so that one item reports all of them at once. */
export class ProblemList {
	readonly problems: FieldProblem[] = [];

	add(field: string, message: string): void {
		this.problems.push({ field, message });
	}

	/** Runs `fn`; a ValidationError it throws is collected, its result (or undefined) returned. */
	check<T>(fn: () => T): T | undefined {
		try {
			return fn();
		} catch (error) {
			if (error instanceof ValidationError) {
				this.problems.push(...error.problems);
				return undefined;
			}
			throw error;
		}
	}

	throwIfAny(): void {
		if (this.problems.length > 0) throw new ValidationError(this.problems);
	}
}

export function fieldError(field: string, message: string): ValidationError {
	return new ValidationError([{ field, message }]);
}

/**
 * A value as a message quotes it: text, a number or yes/no in quotes, as given; an object or a
 * list named as such — never "[object Object]" or "a,b", and never the TypeError String() throws
 * for an object whose `toString` is no function (`{ "toString": "x" }`).
 */
export function shown(value: unknown, trim = false): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object' && value !== null) return 'an object';
	const text = String(value);
	return `"${trim ? text.trim() : text}"`;
}

/**
 * A number from a value as given: a number, text such as "30" (Number() as usual), yes/no as 1/0;
 * anything else — an object, a list — is NaN, where Number() would read [5] as 5 or throw a
 * TypeError for an object without a prototype or with a `toString` that is no function.
 */
export function plainNumber(value: unknown): number {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' || typeof value === 'boolean') return Number(value);
	return NaN;
}

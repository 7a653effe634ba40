/**
 * The fields a tile order's steps share, read the same way in each: a text, an amount in yuan
 * (signed for a refund), a yes/no flag, a person with a phone; a shared parser's messages renamed
 * for the field as the step calls it.
 */
import { ProblemList, ValidationError, fieldError, shown } from './errors';
import { yuanToFen } from './money';
import { normalizeMainlandPhone } from './phone';
import { isBlank } from './records';

/** A text field, trimmed; `at` names it in problems when it sits inside a list (lines[0].modelCode). */
export function text(
	problems: ProblemList,
	input: Record<string, unknown>,
	field: string,
	label: string,
	max: number,
	required: string | false,
	at = field,
): string | null {
	const v = input[field];
	if (isBlank(v)) {
		if (required) problems.add(at, `${label}: is empty; ${required}`);
		return null;
	}
	if (typeof v === 'object') {
		problems.add(at, `${label}: is not text; ${required || 'expected text'}`);
		return null;
	}
	const s = String(v).trim();
	if (s.length > max) problems.add(at, `${label}: ${s.length} characters is too long; expected at most ${max}`);
	return s;
}

/**
 * Yuan with at most two decimals as fen, the message naming the field as this step calls it
 * ("Deposit (定金)"); `signed`: a negative amount (a refund) is allowed.
 */
export function moneyOf(value: unknown, field: string, label: string, example: string, signed = false): number {
	const negative = signed && ((typeof value === 'number' && value < 0) || (typeof value === 'string' && /^\s*-/.test(value)));
	const abs = negative ? (typeof value === 'number' ? -value : String(value).replace('-', '')) : value;
	try {
		const fen = yuanToFen(abs, field);
		return negative ? -fen : fen;
	} catch {
		const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
		throw fieldError(
			field,
			`${label}: "${shown}" is not allowed; expected yuan${signed ? '' : ' of 0 or more'} with at most two decimals, for example ${example}`,
		);
	}
}

/** An amount that may be negative (a refund): "-120.5" → -12050. */
export function signedYuanToFen(value: unknown, field: string): number {
	return moneyOf(value, field, 'Amount (金额)', '1280.50', true);
}

/** Runs a shared parser (dates) and names the field in its messages as this step calls it. */
export function relabel<T>(fn: () => T, field: string, label: string): T {
	try {
		return fn();
	} catch (error) {
		if (!(error instanceof ValidationError)) throw error;
		throw new ValidationError(
			error.problems.map((p) => ({
				field: p.field,
				message: p.message.startsWith(`${field}:`) ? `${label}${p.message.slice(field.length)}` : p.message,
			})),
		);
	}
}

/** true/false, yes/no, 是/否, 1/0. */
export function flagOf(problems: ProblemList, value: unknown, field: string, label: string): boolean {
	if (isBlank(value)) return false;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'object') {
		problems.add(field, `${label}: ${JSON.stringify(value)} is not yes or no; expected true or false`);
		return false;
	}
	const t = String(value).trim().toLowerCase();
	if (['true', 'yes', '1', '是', 'y', '需要'].includes(t)) return true;
	if (['false', 'no', '0', '否', 'n', '不需要'].includes(t)) return false;
	problems.add(field, `${label}: ${shown(value)} is not yes or no; expected true or false`);
	return false;
}

/** A person with a phone: { name, phone } (an installer, a key holder). */
export function personOf(problems: ProblemList, value: unknown, field: string, label: string): { name: string; phone: string } | null {
	if (isBlank(value)) return null;
	if (typeof value !== 'object' || Array.isArray(value)) {
		problems.add(field, `${label}: expected { name, phone }`);
		return null;
	}
	const p = value as Record<string, unknown>;
	const sub = new ProblemList();
	const name = text(sub, p, 'name', `${label} name (姓名)`, 100, 'expected the name');
	let phone = '';
	if (isBlank(p.phone)) sub.add('phone', `${label} phone (电话): is empty; expected a phone such as 13812345678`);
	else phone = sub.check(() => normalizeMainlandPhone(p.phone, 'phone')) ?? '';
	for (const x of sub.problems) problems.add(`${field}.${x.field}`, x.message.replace(/^Phone \(电话\)/, `${label} phone (电话)`));
	return sub.problems.length ? null : { name: name!, phone };
}

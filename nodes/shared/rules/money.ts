import { fieldError, shown } from './errors';
import { label } from './fields';

/**
 * Money is kept as integer fen (分, 1/100 yuan). Accepts what clerks type or spreadsheets hold:
 * 12, 12.5, "12.50", "¥1,234.5", "1234元". At most two decimals; never negative.
 * (A number a formula left as 36.900000000000006 counts as 36.90.)
 */
export function yuanToFen(value: unknown, field: string): number {
	const problem = () =>
		fieldError(
			field,
			`${label(field)}: ${shown(value)} is not an amount of money; expected yuan with at most two decimals, for example 1280 or 1280.50`,
		);
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw problem();
		// A spreadsheet formula's 36.900000000000006 (or 0.1 + 0.2) is a two-decimal amount plus
		// binary rounding noise a few units in the last place: read it as that amount.
		const twoDecimals = Number(value.toFixed(2));
		const amount = Math.abs(value - twoDecimals) <= 8 * Number.EPSILON * Math.max(1, Math.abs(value)) ? twoDecimals : value;
		text = String(amount);
		// Tiny or huge numbers print as 1e-7 / 1e+21: spell them out so the checks below see every digit.
		if (/e/i.test(text)) text = amount.toFixed(20);
	} else if (typeof value === 'string') {
		text = value
			.trim()
			.replace(/^[¥￥]/, '')
			.replace(/元$/, '')
			.replace(/,/g, '')
			.trim();
	} else {
		throw problem();
	}
	const m = /^(-?)(\d+)(?:\.(\d{1,2})0*)?$/.exec(text) ?? /^(-?)(\d*)\.(\d{1,2})0*$/.exec(text);
	if (!m) throw problem();
	const [, sign, whole, frac = ''] = m;
	if (sign === '-') {
		throw fieldError(field, `${label(field)}: ${String(value)} is negative; expected an amount of 0 or more`);
	}
	const fen = Number(whole || '0') * 100 + Number(frac.padEnd(2, '0'));
	if (!Number.isSafeInteger(fen)) throw problem();
	return fen;
}

/** 128050 → "1280.50" */
export function fenToYuan(fen: number): string {
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An amount for people: 12850 → "¥128.50". */
export const yuan = (fen: number): string => `¥${fenToYuan(fen)}`;

/** An amount in a staff list, thousands grouped: 128050 → "¥1,280.50". */
export function yuanGrouped(fen: number): string {
	const [whole, frac] = fenToYuan(fen).split('.');
	return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

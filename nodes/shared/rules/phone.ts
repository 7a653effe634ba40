import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fieldError, shown } from './errors';
import { label } from './fields';

/**
 * A mainland China phone number, mobile or landline, normalised so that the same number typed
 * two ways is one key: the digits as dialled inside China — mobiles as 11 digits (13812345678),
 * landlines with the 0 of the area code (01012345678), service numbers as they are (4008108888).
 * Accepts spaces, dashes, brackets and +86.
 */
export function normalizeMainlandPhone(value: unknown, field = 'phone'): string {
	const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const parsed = raw ? parsePhoneNumberFromString(raw, 'CN') : undefined;
	if (!parsed || parsed.country !== 'CN' || !parsed.isValid()) {
		throw fieldError(
			field,
			`${label(field)}: ${shown(raw)} is not a valid mainland China phone number; expected an 11-digit mobile such as 13812345678 or a landline with its area code such as 010-12345678`,
		);
	}
	// The national format is how the number is dialled inside China: 138 1234 5678, 010 1234 5678, 400 810 8888.
	return parsed.formatNational().replace(/\D/g, '');
}

import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { ValidationError } from '../../nodes/shared/rules/errors';
import { normalizeMainlandPhone } from '../../nodes/shared/rules/phone';
import { validationErrorOf } from '../harness/errors';

const NOT_VALID = 'not a valid mainland China phone number';

describe('normalizeMainlandPhone: mobiles become 11 digits', () => {
	test.each<[unknown, string]>([
		['13812345678', '13812345678'],
		['138 1234 5678', '13812345678'],
		['138-1234-5678', '13812345678'],
		['  13812345678  ', '13812345678'],
		['+86 138 1234 5678', '13812345678'],
		['+8613812345678', '13812345678'],
		['+86-138-1234-5678', '13812345678'],
		['0086 138 1234 5678', '13812345678'],
		[13812345678, '13812345678'],
		['15012345678', '15012345678'],
		['18612345678', '18612345678'],
		['19912345678', '19912345678'],
	])('%p → %p', (value, expected) => {
		expect(normalizeMainlandPhone(value)).toBe(expected);
	});
});

describe('normalizeMainlandPhone: landlines become digits with the leading 0 of the area code', () => {
	test.each<[string, string]>([
		['021-12345678', '02112345678'],
		['021 6234 5678', '02162345678'],
		['+86 21 6234 5678', '02162345678'],
		['0755-12345678', '075512345678'],
		['0571 8765 4321', '057187654321'],
		['(0571) 8765-4321', '057187654321'],
	])('%p → %p', (value, expected) => {
		expect(normalizeMainlandPhone(value)).toBe(expected);
	});

	// Beijing's area code is 010: its national number starts with 1 like a mobile does, but it is a landline.
	test.each<[string, string]>([
		['010-12345678', '01012345678'],
		['010-62345678', '01062345678'],
		['(010) 6234-5678', '01062345678'],
		['010 6234 5678', '01062345678'],
		['+86 10 6234 5678', '01062345678'],
		['+86 (0)10 6234 5678', '01062345678'],
	])('Beijing landline %p → %p', (value, expected) => {
		expect(normalizeMainlandPhone(value)).toBe(expected);
	});

	test('a 400 service number is not given a made-up area code 0400', () => {
		// 400 numbers are nationwide and dialled as is; "04008108888" is not a number anyone can dial.
		let result: string | undefined;
		try {
			result = normalizeMainlandPhone('400-810-8888');
		} catch (error) {
			expect((error as Error).message).toContain(NOT_VALID);
			return;
		}
		expect(result).toBe('4008108888');
	});
});

describe('normalizeMainlandPhone: refusals', () => {
	test.each<unknown>([
		'12',
		'',
		'   ',
		'abc',
		'1381234567',
		'138123456789',
		'+1 212 555 0123',
		'+852 2123 4567',
		'+44 20 7946 0958',
		null,
		undefined,
		{},
	])('refuses %p', (value) => {
		const error = validationErrorOf(() => normalizeMainlandPhone(value));
		expect(error.problems).toHaveLength(1);
		expect(error.problems[0].field).toBe('phone');
		expect(error.problems[0].message).toContain(NOT_VALID);
		expect(error.problems[0].message).toContain('Phone (电话)');
	});

	test('names the field it was given', () => {
		const error = validationErrorOf(() => normalizeMainlandPhone('12', 'customerPhone'));
		expect(error.problems[0].field).toBe('customerPhone');
		expect(error.problems[0].message).toContain('Customer phone (客户电话)');
		expect(error.problems[0].message).toContain('"12"');
		expect(error.problems[0].message).toContain(NOT_VALID);
	});
});

describe('normalizeMainlandPhone: properties', () => {
	const mobile = fc.tuple(fc.constantFrom('138', '139', '150', '186', '177'), fc.stringMatching(/^\d{8}$/)).map(([p, s]) => p + s);

	test('a mobile typed any of the usual ways is one key: its 11 digits', () => {
		fc.assert(
			fc.property(mobile, fc.constantFrom('', '+86 ', '+86', '0086 ', '+86-'), fc.constantFrom(' ', '-', ''), (digits, prefix, sep) => {
				const typed = `${prefix}${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}`;
				expect(normalizeMainlandPhone(typed)).toBe(digits);
				expect(normalizeMainlandPhone(Number(digits))).toBe(digits);
			}),
			{ numRuns: 300 },
		);
	});

	// Beijing (010) is covered by its own examples above, so that this property reports other regressions.
	// Not every 8 digits after an area code are a number in use (numbering plans reserve ranges, e.g.
	// Shanghai 021-8000xxxx): the property is about how a real landline is typed, so it takes the
	// numbers that China's numbering plan (libphonenumber's metadata) holds valid.
	test('a landline typed with or without +86, dashes and brackets keeps its area code with the leading 0', () => {
		fc.assert(
			fc.property(fc.constantFrom('21', '20', '22', '755', '571', '512'), fc.stringMatching(/^[2-8]\d{7}$/), (area, number) => {
				fc.pre(isValidPhoneNumber(`+86${area}${number}`));
				const expected = `0${area}${number}`;
				for (const typed of [`0${area}-${number}`, `(0${area}) ${number}`, `+86 ${area} ${number}`, `0${area}${number}`]) {
					expect(normalizeMainlandPhone(typed)).toBe(expected);
				}
			}),
			{ numRuns: 300 },
		);
	});

	test('the result is always digits only', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 20 }), (text) => {
				try {
					expect(normalizeMainlandPhone(text)).toMatch(/^\d+$/);
				} catch (error) {
					expect(error).toBeInstanceOf(ValidationError);
				}
			}),
			{ numRuns: 300 },
		);
	});
});

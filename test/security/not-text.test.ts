/**
 * Regression (found by test/e2e/fuzz.e2e.ts): a text field given an object or a list was stored
 * as "[object Object]" or "a,b" — a repair report with `customerName: {}` made a ticket and a
 * customer named "[object Object]" (201), a visit with `customerSignature: {}` was recorded.
 * Every text field now refuses an object or a list with a field error naming it; numbers and
 * yes/no stay accepted, as spreadsheet cells carry them.
 */
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { cleanRepairWork, cleanReturn, cleanVisit, requireText } from '../../nodes/shared/rules/ticket-steps';
import { cleanRecord } from '../../nodes/shared/rules/records';
import { cleanReply } from '../../nodes/shared/rules/complaints';
import { cleanPayment, fapiaoNumber } from '../../nodes/shared/rules/invoice';
import { ValidationError } from '../../nodes/shared/rules/errors';
import { cleanOrderInput } from '../../nodes/shared/rules/tile-order-inputs';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z';
const WRONG: unknown[] = [{}, { a: 'x' }, ['x', 'y'], [{}]];

/** The field problems `fn` throws ([] when it does not). */
function problems(fn: () => unknown): Array<{ field: string; message: string }> {
	try {
		fn();
		return [];
	} catch (error) {
		if (error instanceof ValidationError) return error.problems;
		throw error;
	}
}

const REPORT = {
	customerName: '陈先生',
	contactPerson: '陈',
	phone: '13800000001',
	address: '上海',
	siteSituation: '不制冷',
	serialNo: 'SN-1',
	contractNo: 'HT-1',
	skill: '空调',
	idempotencyKey: 'k-1',
};

test.each(Object.keys(REPORT).filter((f) => f !== 'phone'))('repair report: %s as an object or a list is refused, once, as not text', (field) => {
	for (const v of WRONG) {
		const p = problems(() => cleanRepairReport({ ...REPORT, [field]: v }, ZONE, NOW));
		expect(p).toEqual([{ field, message: expect.stringMatching(/: an? (object|list) is not text; expected plain text$/) }]);
	}
});

test('repair report: numbers are still text (a customer named by a number in a spreadsheet)', () => {
	expect(cleanRepairReport({ ...REPORT, customerName: 10086, contactPerson: true }, ZONE, NOW)).toMatchObject({
		customerName: '10086',
		contactPerson: 'true',
	});
});

test('visit, repair work, return, and a step reason: objects and lists are refused', () => {
	for (const v of WRONG) {
		expect(problems(() => cleanVisit({ outcome: 'solved', solution: v, customerSignature: '陈' }, ZONE, NOW)).map((p) => p.field)).toEqual([
			'solution',
		]);
		expect(problems(() => cleanVisit({ outcome: 'solved', solution: '清洗', customerSignature: v }, ZONE, NOW)).map((p) => p.field)).toEqual([
			'customerSignature',
		]);
		expect(problems(() => cleanVisit({ outcome: 'taken-back', product: v, customerSignature: '陈' }, ZONE, NOW)).map((p) => p.field)).toEqual([
			'product',
		]);
		expect(problems(() => cleanRepairWork({ minutes: 30, description: v })).map((p) => p.field)).toEqual(['description']);
		expect(problems(() => cleanReturn({ customerSignature: v }, ZONE, '2026-11-27')).map((p) => p.field)).toEqual(['customerSignature']);
		expect(problems(() => requireText({ reason: v }, 'reason', 'Reason (作废原因)'))).toEqual([
			{ field: 'reason', message: expect.stringContaining('Reason (作废原因): a') },
		]);
	}
});

test('register rows: text, email and list fields refuse objects and lists', () => {
	for (const v of WRONG) {
		expect(problems(() => cleanRecord('customers', { name: v, phone: '13800000001' }, 'create', ZONE)).map((p) => p.field)).toEqual(['name']);
		expect(problems(() => cleanRecord('customers', { name: '陈', phone: '13800000001', email: v }, 'create', ZONE)).map((p) => p.field)).toEqual([
			'email',
		]);
		expect(
			problems(() => cleanRecord('technicians', { name: '王', phone: '13500000001', skills: v === WRONG[2] ? [{}] : v }, 'create', ZONE)).map(
				(p) => p.field,
			),
		).toEqual(['skills']);
	}
	expect(cleanRecord('technicians', { name: '王', phone: '13500000001', skills: ['空调', '热水器'] }, 'create', ZONE)).toMatchObject({
		skills: ['空调', '热水器'],
	});
});

test('a complaint reply and a payment note refuse objects and lists', () => {
	for (const v of WRONG) {
		expect(problems(() => cleanReply({ method: 'letter', text: v }, 'general', ZONE, NOW)).map((p) => p.field)).toEqual(['text']);
		expect(problems(() => cleanPayment({ amountYuan: 5, method: 'cash', note: v }, ZONE, NOW)).map((p) => p.field)).toEqual(['note']);
	}
});

test('minutes as a list or yes/no, a parts list with an empty entry, processing as a list: refused (Number([45]) is 45)', () => {
	for (const minutes of [[45], [1], true, { n: 1 }])
		expect(problems(() => cleanRepairWork({ minutes, description: '换继电器' })).map((p) => p.field)).toEqual(['minutes']);
	expect(cleanRepairWork({ minutes: '45', description: '换继电器' }).minutes).toBe(45);
	for (const parts of [[null], [{ part: '滤网', quantity: 1 }, null], [['滤网']]])
		expect(problems(() => cleanRepairWork({ minutes: 30, parts })).map((p) => p.field)).toEqual(['parts']);
	expect(cleanRepairWork({ minutes: 30, parts: '滤网 x2;;电容' }).parts.map((p) => p.part)).toEqual(['滤网', '电容']);
	const order = { customerName: '陈', phone: '13800000001', address: '上海', depositYuan: 0, lines: [{ modelCode: 'CZ-600', areaM2: 5 }] };
	for (const processing of [[true], { yes: true }, ['是']])
		expect(problems(() => cleanOrderInput({ ...order, processing })).map((p) => p.field)).toEqual(['processing']);
	expect(cleanOrderInput({ ...order, processing: '是' }).processing).toBe(true);
});

test('register rows: a number field given a list or an object is refused (String([5]) is "5")', () => {
	for (const v of [[5], { n: 5 }]) {
		expect(
			problems(() => cleanRecord('technicians', { name: '王', phone: '13500000001', dailyCapacity: v }, 'create', ZONE)).map((p) => p.field),
		).toEqual(['dailyCapacity']);
		expect(
			problems(() =>
				cleanRecord(
					'tile-models',
					{ modelCode: 'CZ-1', name: '砖', widthMm: v, heightMm: 600, piecesPerBox: 4, boxWeightKg: 26, pricePerBoxYuan: 100 },
					'create',
					ZONE,
				),
			).map((p) => p.field),
		).toEqual(['widthMm']);
	}
	expect(cleanRecord('technicians', { name: '王', phone: '13500000001', dailyCapacity: '5' }, 'create', ZONE)).toMatchObject({ dailyCapacity: 5 });
});

test('a fapiao number given an object is refused on its field, not a TypeError (String({ toString: "x" }) throws)', () => {
	for (const v of [{ toString: 'x' }, {}, ['26312000000123456789']])
		expect(problems(() => fapiaoNumber(v)).map((p) => p.field)).toEqual(['fapiaoNumber']);
	expect(fapiaoNumber(' 2631 2000 0001 2345 6789 ')).toBe('26312000000123456789');
});

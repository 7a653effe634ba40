/**
 * Issue 16 item 5: every enum field is read by its own table's keys only. A name every object
 * inherits — "constructor", "__proto__", "toString", "hasOwnProperty" — is no payment method, no
 * survey level, no outcome …: each is refused with the field's normal message, never accepted
 * (a tile-order payment of method "constructor" was stored; the public survey page took
 * "constructor" as a level and returned a function).
 */
import { ValidationError, type FieldProblem } from '../../nodes/shared/rules/errors';
import { cleanReply, parseSeverity } from '../../nodes/shared/rules/complaints';
import { cleanPayment as cleanInvoicePayment, paymentMethod } from '../../nodes/shared/rules/invoice';
import { orderStage } from '../../nodes/shared/rules/order-invoice';
import { cleanRecord } from '../../nodes/shared/rules/records';
import { cleanSurveyAnswer } from '../../nodes/shared/rules/survey-answer';
import { parseLevel } from '../../nodes/shared/rules/survey-levels';
import { cleanVisit } from '../../nodes/shared/rules/ticket-steps';
import { cleanPayment as cleanOrderPayment, cleanSecondary } from '../../nodes/shared/rules/tile-order-inputs';
import { wastagePermilleOf } from '../../nodes/shared/rules/tile-stock';
import { cleanInternalWork } from '../../nodes/shared/rules/work-report';
import { lookUp, oneOf } from '../../nodes/shared/rules/enums';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z';
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** The problems `fn` is refused with (it must be refused with a ValidationError). */
function problemsOf(fn: () => unknown): FieldProblem[] {
	let result: unknown;
	try {
		result = fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return (error as ValidationError).problems;
	}
	throw new Error(`accepted, returning ${typeof result === 'function' ? 'a function' : JSON.stringify(result)}`);
}

const survey = { attitude: 4, skill: 4, arrival: 4, promises: 4, accepted: true };

/** Each enum field: how to give it `value`, the field its problem names, the start of its normal message. */
const FIELDS: Array<{ name: string; give: (value: string) => unknown; field: string; message: RegExp }> = [
	{
		name: 'survey level',
		give: (v) => parseLevel(v, 'attitude'),
		field: 'attitude',
		message: /^Attitude \(服务态度\): "[^"]+" is not a level; expected 4, 3, 2 or 1/,
	},
	{
		name: 'survey answer level',
		give: (v) => cleanSurveyAnswer({ ...survey, skill: v }),
		field: 'skill',
		message: /^Skill \(技术水平\): "[^"]+" is not a level/,
	},
	{
		name: 'survey answer delivered',
		give: (v) => cleanSurveyAnswer({ ...survey, delivered: v }),
		field: 'delivered',
		message: /^Delivered \(交付\): "[^"]+" is not allowed; expected yes, no or no-attachment/,
	},
	{
		name: 'survey answer channel',
		give: (v) => cleanSurveyAnswer({ ...survey, channel: v }),
		field: 'channel',
		message: /^Channel \(回访方式\): "[^"]+" is not allowed/,
	},
	{
		name: 'survey answer complaint severity',
		give: (v) => cleanSurveyAnswer({ ...survey, complaint: { severity: v, text: '迟到' } }),
		field: 'complaint.severity',
		message: /^Complaint severity \(投诉性质\): "[^"]+" is not allowed; expected general \(一般\) or serious \(严重\)/,
	},
	{
		name: 'complaint severity',
		give: (v) => parseSeverity(v),
		field: 'severity',
		message: /^Complaint severity \(投诉性质\): "[^"]+" is not allowed/,
	},
	{
		name: 'complaint reply method',
		give: (v) => cleanReply({ method: v, text: '已电话说明' }, 'general', ZONE, NOW),
		field: 'method',
		message: /^Reply method \(答复方式\): "[^"]+" is not allowed; expected letter \(书面函告\) or phone \(电话\)/,
	},
	{
		name: 'invoice payment method',
		give: (v) => paymentMethod(v),
		field: 'method',
		message: /^Payment method \(付款方式\): "[^"]+" is not allowed; expected one of cash, wechat/,
	},
	{
		name: 'invoice payment',
		give: (v) => cleanInvoicePayment({ amountYuan: 10, method: v }, ZONE, NOW),
		field: 'method',
		message: /^Payment method \(付款方式\): "[^"]+" is not allowed/,
	},
	{
		name: 'visit payment method',
		give: (v) => cleanVisit({ outcome: 'solved', solution: '换滤网', customerSignature: '陈', collectedYuan: 50, paymentMethod: v }, ZONE, NOW),
		field: 'paymentMethod',
		message: /^Payment method \(付款方式\): "[^"]+" is not allowed/,
	},
	{
		name: 'visit outcome',
		give: (v) => cleanVisit({ outcome: v, solution: '换滤网', customerSignature: '陈' }, ZONE, NOW),
		field: 'outcome',
		message: /^Outcome \(处理结果\): "[^"]+" is not allowed; expected "solved"/,
	},
	{
		name: 'tile-order payment method',
		give: (v) => cleanOrderPayment({ amountYuan: 100, method: v }),
		field: 'method',
		message: /^Method \(付款方式\): "[^"]+" is not allowed; expected one of cash, wechat, alipay, bank-transfer, card/,
	},
	{
		name: 'tile-order secondary kind',
		give: (v) => cleanSecondary({ kind: v, modelCode: 'M1', boxes: 1 }),
		field: 'kind',
		message: /^Kind \(类型\): "[^"]+" is not allowed; expected extra \(补砖\)/,
	},
	{
		name: 'order-invoice stage',
		give: (v) => orderStage(v),
		field: 'stage',
		message: /^Stage \(阶段\): "[^"]+" is not a stage of a tile order/,
	},
	{
		name: 'tile layout',
		give: (v) => wastagePermilleOf({ layout: v }),
		field: 'layout',
		message: /^Layout \(铺贴方式\): "[^"]+" is not allowed; expected one of straight, diagonal, herringbone/,
	},
	{
		name: 'internal work kind',
		give: (v) => cleanInternalWork({ technicianPhone: '13800000001', kind: v, minutes: 30, workedOn: '2026-11-26' }, ZONE, '2026-11-27'),
		field: 'kind',
		message: /^Kind \(工作类型\): "[^"]+" is not allowed; expected one of inspection/,
	},
	{
		name: 'contract kind (import)',
		give: (v) =>
			cleanRecord('contracts', { contractNo: 'HT1', customerCode: 'KH1', kind: v, startsOn: '2026-01-01', endsOn: '2026-12-31' }, 'create', ZONE),
		field: 'kind',
		message: /: "[^"]+" is not allowed; expected one of annual, per-visit/,
	},
	{
		name: 'contract status (import)',
		give: (v) =>
			cleanRecord(
				'contracts',
				{ contractNo: 'HT1', customerCode: 'KH1', kind: 'annual', startsOn: '2026-01-01', endsOn: '2026-12-31', status: v },
				'create',
				ZONE,
			),
		field: 'status',
		message: /: "[^"]+" is not allowed; expected one of active, cancelled, renewed/,
	},
];

describe.each(FIELDS)('$name', ({ give, field, message }) => {
	test.each(INHERITED)('%s is refused with the field named', (value) => {
		const problem = problemsOf(() => give(value)).find((p) => p.field === field);
		expect(problem?.message).toMatch(message);
	});

	test('so is the same name in upper case or padded', () => {
		for (const value of ['CONSTRUCTOR', ' __proto__ ', 'ToString']) {
			expect(problemsOf(() => give(value)).find((p) => p.field === field)?.message).toMatch(message);
		}
	});
});

describe('lookUp and oneOf: own keys only', () => {
	const table = { cash: 'cash', 现金: 'cash' } as const;

	test('a key of the table', () => {
		expect(lookUp(table, 'cash')).toBe('cash');
		expect(lookUp(table, '现金')).toBe('cash');
	});

	test.each(INHERITED)('%s is no key of any table', (key) => {
		expect(lookUp(table, key)).toBeUndefined();
		expect(lookUp({}, key)).toBeUndefined();
		expect(oneOf(['cash', 'card'], key)).toBeUndefined();
	});

	test('oneOf: a member of the list, typed as it', () => {
		expect(oneOf(['cash', 'card'] as const, 'card')).toBe('card');
		expect(oneOf(['cash', 'card'] as const, 'Card')).toBeUndefined();
	});
});

/**
 * Every input rule of a webhook body, given anything JSON can carry in any of its fields — and
 * objects whose `toString` is not a function, on which String() throws — either cleans the input
 * or refuses it with field errors (ValidationError / RuleViolation). Never another exception: a
 * TypeError would leave the node as a store failure (500), as an import row with
 * `{ "code": { "toString": "x" } }` once did (found by test/e2e/fuzz.e2e.ts).
 *
 * New rules (contracts' renewal, work log …): add a row to RULES with a valid body.
 */
import fc from 'fast-check';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import { cleanReply } from '../../nodes/shared/rules/complaints';
import { cleanPayment as cleanInvoicePayment } from '../../nodes/shared/rules/invoice';
import { cleanRecord, type RegisterName } from '../../nodes/shared/rules/records';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { cleanSurveyAnswer } from '../../nodes/shared/rules/survey-answer';
import { cleanRepairWork, cleanReturn, cleanVisit } from '../../nodes/shared/rules/ticket-steps';
import {
	cleanAppointment,
	cleanDelivery,
	cleanMeasurement,
	cleanOrderInput,
	cleanPayment as cleanOrderPayment,
	cleanProcessingConfirmation,
	cleanProcessingSheet,
	cleanSecondary,
} from '../../nodes/shared/rules/tile-order-inputs';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z';
const TODAY = '2026-11-27';

const record = (register: RegisterName) => (input: Record<string, unknown>) => cleanRecord(register, input, 'create', ZONE);

import { cleanInternalWork } from '../../nodes/shared/rules/work-report';
import { cleanRenewalBody } from '../../nodes/shared/rules/contract-expiry';

const RULES: Array<{ name: string; clean: (input: Record<string, unknown>) => unknown; valid: Record<string, unknown> }> = [
	{
		name: 'import customers',
		clean: record('customers'),
		valid: { code: 'KH1', name: '陈', contactPerson: '陈', phone: '13800000001', email: 'a@b.cn', address: '上海', notes: 'x' },
	},
	{
		name: 'import installations',
		clean: record('installations'),
		valid: { serialNo: 'SN1', customerCode: 'KH1', description: '热水器', completedOn: '2026-01-01', warrantyUntil: '2027-01-01' },
	},
	{
		name: 'import contracts',
		clean: record('contracts'),
		valid: {
			contractNo: 'HT1',
			customerCode: 'KH1',
			kind: 'annual',
			startsOn: '2026-01-01',
			endsOn: '2026-12-31',
			feeYuan: 100,
			visitFeeYuan: 0,
			partsIncluded: false,
			status: 'active',
		},
	},
	{
		name: 'import technicians',
		clean: record('technicians'),
		valid: { name: '王', phone: '13500000001', email: 'w@b.cn', skills: '空调', areas: '徐汇', dailyCapacity: 5, active: true },
	},
	{
		name: 'import tile models',
		clean: record('tile-models'),
		valid: {
			modelCode: 'CZ1',
			name: '砖',
			widthMm: 600,
			heightMm: 600,
			thicknessMm: 9.5,
			piecesPerBox: 4,
			boxWeightKg: 26,
			pricePerBoxYuan: 100,
			boxesOnHand: 10,
		},
	},
	{
		name: 'repair report',
		clean: (i) => cleanRepairReport(i, ZONE, NOW),
		valid: {
			customerName: '陈',
			customerCode: 'KH1',
			contactPerson: '陈',
			phone: '13800000001',
			address: '上海',
			siteSituation: '不制冷',
			reportedAt: '2026-11-26 10:00',
			serialNo: 'SN1',
			contractNo: 'HT1',
			skill: '空调',
			idempotencyKey: 'k',
		},
	},
	{
		name: 'visit',
		clean: (i) => cleanVisit(i, ZONE, NOW),
		valid: {
			outcome: 'solved',
			solution: '清洗',
			customerSignature: '陈',
			signedAt: '2026-11-26 10:00',
			minutes: 30,
			product: 'x',
			serialNo: 'x',
			accessories: 'x',
			parts: [{ part: '滤网', quantity: 1, unitPriceYuan: 5 }],
			collectedYuan: 50,
			paymentMethod: 'cash',
		},
	},
	{ name: 'repair work', clean: (i) => cleanRepairWork(i), valid: { minutes: 30, description: '换继电器', parts: '继电器 x2 @25' } },
	{
		name: 'return',
		clean: (i) => cleanReturn(i, ZONE, TODAY),
		valid: { customerSignature: '陈', returnedOn: TODAY, collectedYuan: 50, paymentMethod: 'wechat' },
	},
	{
		name: 'invoice payment',
		clean: (i) => cleanInvoicePayment(i, ZONE, NOW),
		valid: { amountYuan: 5, method: 'cash', paidAt: '2026-11-26 10:00', note: 'x' },
	},
	{
		name: 'tile order',
		clean: (i) => cleanOrderInput(i),
		valid: {
			customerName: '陈',
			customerCode: 'KH1',
			phone: '13800000001',
			address: '上海',
			contactPerson: '陈',
			email: 'a@b.cn',
			depositYuan: 100,
			processing: true,
			installer: { name: '李', phone: '13900000001' },
			lines: [{ modelCode: 'CZ1', areaM2: 5, wastagePct: 5 }],
			notes: 'x',
			idempotencyKey: 'k',
		},
	},
	{
		name: 'appointment',
		clean: (i) => cleanAppointment(i, ZONE),
		valid: { appointmentAt: '2026-12-01 10:00', keyHolder: { name: '陈', phone: '13800000001' }, notes: 'x' },
	},
	{
		name: 'measurement',
		clean: (i) => cleanMeasurement(i, ZONE, NOW),
		valid: { measuredAt: '2026-11-26 10:00', measuredBy: '小张', lines: [{ modelCode: 'CZ1', lengthM: 3, widthM: 2 }] },
	},
	{
		name: 'processing sheet',
		clean: (i) => cleanProcessingSheet(i),
		valid: {
			factory: '加工厂',
			factoryEmail: 'f@b.cn',
			lines: [{ modelCode: 'CZ1', pieces: 2, cutting: '切角', edging: true, chamfering: '45°', notes: 'x' }],
		},
	},
	{ name: 'processing confirmation', clean: (i) => cleanProcessingConfirmation(i, ZONE), valid: { completionDate: '2026-12-05', feeYuan: 30 } },
	{ name: 'order payment', clean: (i) => cleanOrderPayment(i), valid: { amountYuan: 10, method: 'wechat', reason: 'x' } },
	{ name: 'delivery', clean: (i) => cleanDelivery(i, ZONE), valid: { deliveryDate: '2026-12-06', installer: { name: '李', phone: '13900000001' } } },
	{ name: 'secondary', clean: (i) => cleanSecondary(i), valid: { kind: 'extra', modelCode: 'CZ1', boxes: 1, feeYuan: 0, notes: 'x' } },
	{
		name: 'survey answer',
		clean: (i) => cleanSurveyAnswer(i),
		valid: {
			attitude: 4,
			skill: 'satisfied',
			arrival: 3,
			promises: 2,
			accepted: true,
			delivered: 'yes',
			comments: 'x',
			complaint: { severity: 'general', text: 'x' },
			channel: 'link',
		},
	},
	{
		name: 'complaint reply',
		clean: (i) => cleanReply(i, 'general', ZONE, NOW),
		valid: { method: 'letter', text: 'x', repliedAt: '2026-11-26 10:00' },
	},
	{
		name: 'visit (replaced, with promisedBy and workedAt)',
		clean: (i) => cleanVisit(i, ZONE, NOW),
		valid: { outcome: 'replaced', newSerialNo: 'SN2', serialNo: 'SN1', customerSignature: '陈', workedAt: '2026-11-26 10:00', minutes: 30 },
	},
	{
		name: 'repair work with workedAt',
		clean: (i) => cleanRepairWork(i, ZONE, NOW),
		valid: { minutes: 30, description: '换继电器', parts: '继电器 x2 @25', workedAt: '2026-11-26' },
	},
	{
		name: 'internal work (D)',
		clean: (i) => cleanInternalWork(i, ZONE, TODAY),
		valid: { technicianPhone: '13700000001', category: 'D', kind: 'training', minutes: 60, workedOn: '2026-11-26', notes: 'x' },
	},
	{
		name: 'contract renewal',
		clean: (i) => cleanRenewalBody(i, ZONE),
		valid: { startsOn: '2027-01-01', endsOn: '2027-12-31', feeYuan: 3600, visitFeeYuan: 150 },
	},
];

/** Values String() cannot convert, or converts to something else than the object. */
const HOSTILE = fc.constantFrom<unknown>(
	{ toString: 'x' },
	{ toString: null, valueOf: null },
	{ valueOf: 'x' },
	[{ toString: 'x' }],
	{ part: { toString: 'x' }, quantity: { toString: 'x' } },
	[[[]]],
	{ modelCode: {}, areaM2: [] },
);
const ANY = fc.oneof(
	fc.jsonValue({ maxDepth: 3 }),
	HOSTILE,
	fc.string({ maxLength: 300 }),
	fc.double(),
	fc.constantFrom(-0, 1e308, -1e-7, '1e400', '٣', '１２'),
);

function judge(clean: (input: Record<string, unknown>) => unknown, input: Record<string, unknown>): string | null {
	try {
		clean(input);
		return null;
	} catch (error) {
		if (error instanceof ValidationError || error instanceof RuleViolation) return null;
		return `${(error as Error).name}: ${(error as Error).message}`;
	}
}

test.each(RULES.map((r) => [r.name, r] as const))(
	'%s: anything in any field is cleaned or refused with field errors, never a crash',
	(_name, rule) => {
		expect(judge(rule.clean, rule.valid)).toBeNull();
		const fields = [...Object.keys(rule.valid), 'unknownField'];
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.constantFrom(...fields), ANY), { minLength: 1, maxLength: 3 }), (changes) => {
				const input: Record<string, unknown> = structuredCloneSafe(rule.valid);
				for (const [f, v] of changes) input[f] = v;
				const crash = judge(rule.clean, input);
				if (crash) throw new Error(`${crash} for ${describe(changes)}`);
			}),
			{ numRuns: 300, seed: 20261130 },
		);
	},
);

/** structuredClone without choking on the hostile objects (they are only in the changes). */
function structuredCloneSafe<T>(v: T): T {
	return JSON.parse(JSON.stringify(v)) as T;
}

function describe(changes: Array<[string, unknown]>): string {
	return changes
		.map(
			([f, v]) =>
				`${f}=${(() => {
					try {
						return JSON.stringify(v);
					} catch {
						return '?';
					}
				})()}`,
		)
		.join(', ');
}

/**
 * What each step of a tile order takes in (T1–T11): the order and its lines, the appointment and
 * the measurement, the processing sheet and the factory's confirmation, a payment, the delivery,
 * a secondary item — cleaned, or refused with every problem named.
 */
import { DateTime } from 'luxon';
import { ProblemList, fieldError, shown } from './errors';
import { normalizeMainlandPhone } from './phone';
import { parseDate, parseDateTime } from './dates';
import { lineQuantityOf, type Layout, type LineQuantity } from './tile-stock';
import { isBlank, refuseUnprintable } from './records';
import { flagOf, moneyOf, personOf, relabel, signedYuanToFen, text } from './tile-order-fields';
import { lookUp, oneOf } from './enums';

/** A line of an order: a model of the store and its area; wastage and extra boxes as T5 says. */
export interface OrderLineInput extends LineQuantity {
	modelCode: string;
	layout: Layout | null;
}

/** `lines`: a non-empty list of { modelCode, areaM2 | lengthM + widthM | lengthMm + widthMm, wastagePct?, layout?, extraBoxes? }. */
export function cleanOrderLines(value: unknown, problems: ProblemList, field = 'lines'): OrderLineInput[] {
	if (!Array.isArray(value) || value.length === 0) {
		problems.add(field, 'Lines (瓷砖明细): is empty; expected a list of { modelCode, areaM2 } (or lengthM and widthM), one per tile model');
		return [];
	}
	if (value.length > 200) {
		problems.add(field, `Lines (瓷砖明细): ${value.length} lines is too many; expected at most 200`);
		return [];
	}
	const out: OrderLineInput[] = [];
	for (const [i, raw] of value.entries()) {
		const f = `${field}[${i}]`;
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
			problems.add(f, `Line ${i + 1}: expected { modelCode, areaM2 }`);
			continue;
		}
		const line = raw as Record<string, unknown>;
		const modelCode = isBlank(line.modelCode) ? null : String(line.modelCode).trim();
		if (!modelCode)
			problems.add(
				`${f}.modelCode`,
				`Model code (型号), line ${i + 1}: is empty; expected a tile model of the stock register, such as CZ-600x600-GL`,
			);
		const q = problems.check(() => lineQuantityOf(line, f));
		if (modelCode && q) out.push({ modelCode, ...q });
	}
	return out;
}

export interface OrderInput {
	customerName: string;
	customerCode: string | null;
	phone: string;
	address: string;
	contactPerson: string | null;
	email: string | null;
	depositFen: number;
	processing: boolean;
	installer: { name: string; phone: string } | null;
	lines: OrderLineInput[];
	notes: string | null;
	idempotencyKey: string | null;
}

/** T1–T2: `POST orders` — the customer, the deposit, the service content and the lines. */
export function cleanOrderInput(input: Record<string, unknown>): OrderInput {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const customerName = text(problems, input, 'customerName', 'Customer name (客户名称)', 200, "expected the customer's name");
	const customerCode = text(problems, input, 'customerCode', 'Customer code (客户编号)', 40, false);
	let phone = '';
	if (isBlank(input.phone)) problems.add('phone', 'Phone (电话): is empty; expected the number to call, such as 13812345678');
	else phone = problems.check(() => normalizeMainlandPhone(input.phone, 'phone')) ?? '';
	const address = text(problems, input, 'address', 'Address (地址)', 500, 'expected where the tiles go');
	const contactPerson = text(problems, input, 'contactPerson', 'Contact person (联系人)', 100, false);
	let email = text(problems, input, 'email', 'Email (邮箱)', 200, false);
	if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		problems.add('email', `Email (邮箱): "${email}" is not an email address; expected something like zhang.wei@example.com`);
	} else if (email) email = email.toLowerCase();
	let depositFen = 0;
	if (isBlank(input.depositYuan))
		problems.add('depositYuan', 'Deposit (定金): is empty; expected the deposit paid in yuan, 0 or more, for example 2000');
	else depositFen = problems.check(() => moneyOf(input.depositYuan, 'depositYuan', 'Deposit (定金)', '2000')) ?? 0;
	const processing = flagOf(problems, input.processing, 'processing', 'Processing (加工)');
	const installer = personOf(problems, input.installer, 'installer', 'Installer (铺贴工人)');
	const lines = cleanOrderLines(input.lines, problems);
	const notes = text(problems, input, 'notes', 'Notes (备注)', 2000, false);
	const idempotencyKey = text(problems, input, 'idempotencyKey', 'Idempotency key', 200, false);
	problems.throwIfAny();
	return {
		customerName: customerName!,
		customerCode,
		phone,
		address: address!,
		contactPerson,
		email,
		depositFen,
		processing,
		installer,
		lines,
		notes,
		idempotencyKey,
	};
}

/** T4: the appointment to measure — when, and who holds the key (业主或钥匙持有人). */
export interface AppointmentInput {
	appointmentAt: string;
	keyHolder: { name: string; phone: string } | null;
	notes: string | null;
}

export function cleanAppointment(input: Record<string, unknown>, zone: string): AppointmentInput {
	refuseUnprintable(input);
	const problems = new ProblemList();
	let appointmentAt = '';
	if (isBlank(input.appointmentAt))
		problems.add('appointmentAt', 'Appointment time (预约时间): is empty; expected a date and time such as 2026-11-28 10:00');
	else
		appointmentAt =
			problems.check(() =>
				relabel(
					() =>
						DateTime.fromISO(parseDateTime(input.appointmentAt, 'appointmentAt', zone))
							.toUTC()
							.toISO()!,
					'appointmentAt',
					'Appointment time (预约时间)',
				),
			) ?? '';
	const keyHolder = personOf(problems, input.keyHolder, 'keyHolder', 'Key holder (钥匙持有人)');
	const notes = text(problems, input, 'notes', 'Notes (备注)', 2000, false);
	problems.throwIfAny();
	return { appointmentAt, keyHolder, notes };
}

/** T4: the measurement result — when, by whom, who let them in, and the measured lines (none: as signed). */
export interface MeasurementInput {
	measuredAt: string;
	measuredBy: string | null;
	keyHolder: { name: string; phone: string } | null;
	lines: OrderLineInput[] | null;
}

export function cleanMeasurement(input: Record<string, unknown>, zone: string, now: string): MeasurementInput {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const measuredAt = isBlank(input.measuredAt)
		? now
		: (problems.check(() =>
				relabel(
					() =>
						DateTime.fromISO(parseDateTime(input.measuredAt, 'measuredAt', zone))
							.toUTC()
							.toISO()!,
					'measuredAt',
					'Measured at (测量时间)',
				),
			) ?? now);
	const measuredBy = text(problems, input, 'measuredBy', 'Measured by (测量人)', 100, false);
	const keyHolder = personOf(problems, input.keyHolder, 'keyHolder', 'Key holder (钥匙持有人)');
	const lines = isBlank(input.lines) ? null : cleanOrderLines(input.lines, problems);
	problems.throwIfAny();
	return { measuredAt, measuredBy, keyHolder, lines };
}

/** T6–T7: one line of the processing sheet (加工单). */
export interface ProcessingLineInput {
	modelCode: string;
	pieces: number;
	cutting: string | null;
	edging: string | null;
	chamfering: string | null;
	notes: string | null;
}

export interface ProcessingSheetInput {
	factory: string;
	factoryEmail: string | null;
	lines: ProcessingLineInput[];
}

/** A processing method: text describing it (切成 300×600), or true for "yes" (是). */
function methodOf(problems: ProblemList, value: unknown, field: string, label: string): string | null {
	if (isBlank(value) || value === false) return null;
	if (value === true) return '是';
	if (typeof value === 'object') {
		problems.add(field, `${label}: expected text describing it (for example "45° 倒角") or true`);
		return null;
	}
	const t = String(value).trim();
	if (['false', 'no', '否', '0'].includes(t.toLowerCase())) return null;
	if (t.length > 200) problems.add(field, `${label}: ${t.length} characters is too long; expected at most 200`);
	return ['true', 'yes', '1'].includes(t.toLowerCase()) ? '是' : t;
}

export function cleanProcessingSheet(input: Record<string, unknown>): ProcessingSheetInput {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const factory = text(problems, input, 'factory', 'Factory (加工厂)', 200, 'expected the processing factory');
	let factoryEmail = text(problems, input, 'factoryEmail', 'Factory email (加工厂邮箱)', 200, false);
	if (factoryEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(factoryEmail)) {
		problems.add(
			'factoryEmail',
			`Factory email (加工厂邮箱): "${factoryEmail}" is not an email address; expected something like factory@example.com`,
		);
	} else if (factoryEmail) factoryEmail = factoryEmail.toLowerCase();
	const lines: ProcessingLineInput[] = [];
	if (!Array.isArray(input.lines) || input.lines.length === 0) {
		problems.add('lines', 'Lines (加工明细): is empty; expected a list of { modelCode, pieces, cutting?, edging?, chamfering?, notes? }');
	} else {
		for (const [i, raw] of input.lines.entries()) {
			const f = `lines[${i}]`;
			const line = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
			const modelCode = text(problems, line, 'modelCode', `Model code (型号), line ${i + 1}`, 60, 'expected a model of the order', `${f}.modelCode`);
			const pieces = Number(typeof line.pieces === 'string' ? line.pieces.trim() : line.pieces);
			if (isBlank(line.pieces) || !Number.isInteger(pieces) || pieces < 1 || pieces > 100_000) {
				problems.add(
					`${f}.pieces`,
					`Whole tiles to process (加工整砖数), line ${i + 1}: "${isBlank(line.pieces) ? '' : String(line.pieces)}" is not allowed; expected a whole number of tiles, 1 or more`,
				);
			}
			const cutting = methodOf(problems, line.cutting, `${f}.cutting`, `Cutting (切割), line ${i + 1}`);
			const edging = methodOf(problems, line.edging, `${f}.edging`, `Edging (磨边/倒边), line ${i + 1}`);
			const chamfering = methodOf(problems, line.chamfering, `${f}.chamfering`, `Chamfering (倒角), line ${i + 1}`);
			if (!cutting && !edging && !chamfering) {
				problems.add(`${f}.cutting`, `Processing method (加工方式), line ${i + 1}: none given; expected cutting, edging or chamfering (or several)`);
			}
			const notes = text(problems, line, 'notes', `Notes (备注), line ${i + 1}`, 500, false, `${f}.notes`);
			if (modelCode) lines.push({ modelCode, pieces, cutting, edging, chamfering, notes });
		}
	}
	problems.throwIfAny();
	return { factory: factory!, factoryEmail, lines };
}

/** T7: the factory's confirmation: completion date and processing fee. */
export function cleanProcessingConfirmation(input: Record<string, unknown>, zone: string): { completionDate: string; feeFen: number } {
	refuseUnprintable(input);
	const problems = new ProblemList();
	let completionDate = '';
	if (isBlank(input.completionDate))
		problems.add('completionDate', 'Completion date (完成日期): is empty; expected the date the factory promises, such as 2026-12-05');
	else
		completionDate =
			problems.check(() => relabel(() => parseDate(input.completionDate, 'completionDate', zone), 'completionDate', 'Completion date (完成日期)')) ??
			'';
	let feeFen = 0;
	if (isBlank(input.feeYuan))
		problems.add('feeYuan', 'Processing fee (加工费): is empty; expected the fee the factory confirmed, in yuan, 0 or more');
	else feeFen = problems.check(() => moneyOf(input.feeYuan, 'feeYuan', 'Processing fee (加工费)', '120')) ?? 0;
	problems.throwIfAny();
	return { completionDate, feeFen };
}

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'bank-transfer', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
const METHOD_ALIASES: Record<string, PaymentMethod> = {
	cash: 'cash',
	现金: 'cash',
	wechat: 'wechat',
	微信: 'wechat',
	alipay: 'alipay',
	支付宝: 'alipay',
	'bank-transfer': 'bank-transfer',
	银行转账: 'bank-transfer',
	转账: 'bank-transfer',
	card: 'card',
	刷卡: 'card',
	银行卡: 'card',
};

export interface PaymentInput {
	/** Signed: a refund is negative. */
	amountFen: number;
	method: PaymentMethod;
	reason: string | null;
}

/** T8/T11: `{ amountYuan, method, reason? }`; a refund is a negative amount with a reason. */
export function cleanPayment(input: Record<string, unknown>): PaymentInput {
	refuseUnprintable(input);
	const problems = new ProblemList();
	let amountFen = 0;
	if (isBlank(input.amountYuan))
		problems.add('amountYuan', 'Amount (金额): is empty; expected yuan with at most two decimals, for example 1280.50 (a refund: negative)');
	else amountFen = problems.check(() => signedYuanToFen(input.amountYuan, 'amountYuan')) ?? 0;
	if (!isBlank(input.amountYuan) && amountFen === 0 && problems.problems.length === 0)
		problems.add('amountYuan', 'Amount (金额): 0 is not a payment; expected yuan other than 0');
	const m = isBlank(input.method) || typeof input.method === 'object' ? undefined : lookUp(METHOD_ALIASES, String(input.method).trim().toLowerCase());
	if (!m)
		problems.add(
			'method',
			`Method (付款方式): ${isBlank(input.method) ? '""' : shown(input.method)} is not allowed; expected one of ${PAYMENT_METHODS.join(', ')}`,
		);
	const reason = text(problems, input, 'reason', 'Reason (原因)', 500, amountFen < 0 ? 'a refund needs its reason' : false);
	problems.throwIfAny();
	return { amountFen, method: m!, reason };
}

/** T9: `{ deliveryDate, installer? }` — the date agreed with the installer. */
export function cleanDelivery(
	input: Record<string, unknown>,
	zone: string,
): { deliveryDate: string; installer: { name: string; phone: string } | null } {
	refuseUnprintable(input);
	const problems = new ProblemList();
	let deliveryDate = '';
	if (isBlank(input.deliveryDate))
		problems.add('deliveryDate', 'Delivery date (送货日期): is empty; expected the date agreed with the installer, such as 2026-12-06');
	else
		deliveryDate =
			problems.check(() => relabel(() => parseDate(input.deliveryDate, 'deliveryDate', zone), 'deliveryDate', 'Delivery date (送货日期)')) ?? '';
	const installer = personOf(problems, input.installer, 'installer', 'Installer (铺贴工人)');
	problems.throwIfAny();
	return { deliveryDate, installer };
}

export type SecondaryKind = 'extra' | 'return' | 'reprocessing';
export const SECONDARY_KINDS: readonly SecondaryKind[] = ['extra', 'return', 'reprocessing'];
export const SECONDARY_LABELS: Record<SecondaryKind, { en: string; zh: string }> = {
	extra: { en: 'Extra tiles', zh: '补砖' },
	return: { en: 'Returned tiles', zh: '退砖' },
	reprocessing: { en: 'Secondary processing', zh: '二次加工' },
};

export type SecondaryInput =
	| { kind: 'extra' | 'return'; modelCode: string; boxes: number; notes: string | null }
	| { kind: 'reprocessing'; feeFen: number; modelCode: string | null; notes: string | null };

/** T10: `{ kind: extra | return | reprocessing, modelCode?, boxes?, feeYuan?, notes? }`. */
export function cleanSecondary(input: Record<string, unknown>): SecondaryInput {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const kindText = isBlank(input.kind) ? '' : String(input.kind).trim().toLowerCase();
	const byZh = SECONDARY_KINDS.find((k) => SECONDARY_LABELS[k].zh === String(input.kind ?? '').trim());
	const kind = oneOf(SECONDARY_KINDS, kindText) ?? byZh;
	if (!kind) throw fieldError('kind', `Kind (类型): "${kindText}" is not allowed; expected extra (补砖), return (退砖) or reprocessing (二次加工)`);
	const notes = text(problems, input, 'notes', 'Notes (备注)', 500, false);
	if (kind === 'reprocessing') {
		let feeFen = 0;
		if (isBlank(input.feeYuan)) problems.add('feeYuan', 'Fee (二次加工费): is empty; expected the fee charged in yuan, 0 or more');
		else feeFen = problems.check(() => moneyOf(input.feeYuan, 'feeYuan', 'Fee (二次加工费)', '50')) ?? 0;
		const modelCode = text(problems, input, 'modelCode', 'Model code (型号)', 60, false);
		problems.throwIfAny();
		return { kind, feeFen, modelCode, notes };
	}
	const modelCode = text(
		problems,
		input,
		'modelCode',
		'Model code (型号)',
		60,
		`expected the model of the ${kind === 'extra' ? 'extra' : 'returned'} boxes`,
	);
	const boxes = Number(typeof input.boxes === 'string' ? input.boxes.trim() : input.boxes);
	if (isBlank(input.boxes) || !Number.isInteger(boxes) || boxes < 1 || boxes > 10_000) {
		problems.add(
			'boxes',
			`Boxes (箱数): "${isBlank(input.boxes) ? '' : String(input.boxes)}" is not allowed; expected a whole number of boxes, 1 or more`,
		);
	}
	problems.throwIfAny();
	return { kind, modelCode: modelCode!, boxes, notes };
}

/**
 * A tile order from signed order to archive (T1–T12): its lifecycle, what each step takes in,
 * and the money. Pure: the store and the service (services/tile-orders.ts) call these.
 *
 * signed (deposit) → measured → stock-prepared → (processing-sent → processed) → paid →
 * delivered → installing → settled → completed; cancelled before delivery.
 */
import { DateTime } from 'luxon';
import { ProblemList, RuleViolation, ValidationError, fieldError, shown } from './errors';
import { yuanToFen, fenToYuan } from './money';
import { normalizeMainlandPhone } from './phone';
import { parseDate, parseDateTime } from './dates';
import { documentNumber } from './numbering';
import { lineQuantityOf, type Layout, type LineQuantity } from './tile-stock';
import { refuseUnprintable } from './records';
import { lookUp, oneOf } from './enums';

export type TileOrderStatus =
	| 'signed'
	| 'measured'
	| 'stock-prepared'
	| 'processing-sent'
	| 'processed'
	| 'paid'
	| 'delivered'
	| 'installing'
	| 'settled'
	| 'completed'
	| 'cancelled';

export const TILE_ORDER_STATUSES: readonly TileOrderStatus[] = [
	'signed',
	'measured',
	'stock-prepared',
	'processing-sent',
	'processed',
	'paid',
	'delivered',
	'installing',
	'settled',
	'completed',
	'cancelled',
];

export const TILE_ORDER_STATUS_LABELS: Record<TileOrderStatus, { en: string; zh: string }> = {
	signed: { en: 'Signed', zh: '已签单' },
	measured: { en: 'Measured', zh: '已测量' },
	'stock-prepared': { en: 'Stock prepared', zh: '已备货' },
	'processing-sent': { en: 'Sent for processing', zh: '已发加工' },
	processed: { en: 'Processed', zh: '加工完成' },
	paid: { en: 'Paid', zh: '已付款' },
	delivered: { en: 'Delivered', zh: '已发货' },
	installing: { en: 'Installing', zh: '铺贴中' },
	settled: { en: 'Settled', zh: '已结算' },
	completed: { en: 'Completed', zh: '已完成' },
	cancelled: { en: 'Cancelled', zh: '已取消' },
};

export type TileOrderAction =
	| 'appointment'
	| 'measure'
	| 'prepareStock'
	| 'sendProcessing'
	| 'confirmProcessing'
	| 'paymentNotice'
	| 'pay'
	| 'deliver'
	| 'startInstallation'
	| 'secondary'
	| 'settle'
	| 'complete'
	| 'cancel';

/** The steps and the statuses each may start from; the status after it (undefined: unchanged). */
const TRANSITIONS: Record<TileOrderAction, { from: readonly TileOrderStatus[]; to?: TileOrderStatus }> = {
	appointment: { from: ['signed', 'measured'] },
	measure: { from: ['signed', 'measured', 'stock-prepared'], to: 'measured' },
	prepareStock: { from: ['measured'], to: 'stock-prepared' },
	sendProcessing: { from: ['stock-prepared', 'processing-sent'], to: 'processing-sent' },
	confirmProcessing: { from: ['processing-sent'], to: 'processed' },
	paymentNotice: { from: ['stock-prepared', 'processed', 'paid'] },
	pay: { from: ['signed', 'measured', 'stock-prepared', 'processing-sent', 'processed', 'paid', 'delivered', 'installing', 'settled', 'cancelled'] },
	deliver: { from: ['stock-prepared', 'processed', 'paid'], to: 'delivered' },
	startInstallation: { from: ['delivered'], to: 'installing' },
	secondary: { from: ['delivered', 'installing'], to: 'installing' },
	settle: { from: ['delivered', 'installing', 'settled'], to: 'settled' },
	complete: { from: ['settled'], to: 'completed' },
	cancel: { from: ['signed', 'measured', 'stock-prepared', 'processing-sent', 'processed', 'paid'], to: 'cancelled' },
};

const PHRASE: Record<TileOrderAction, string> = {
	appointment: 'get a measurement appointment',
	measure: 'be measured',
	prepareStock: 'have its stock prepared',
	sendProcessing: 'be sent for processing',
	confirmProcessing: 'have its processing confirmed',
	paymentNotice: 'get a payment notice',
	pay: 'take a payment',
	deliver: 'be delivered',
	startInstallation: 'start installation',
	secondary: 'take secondary items (extra tiles, returns, reprocessing)',
	settle: 'be settled',
	complete: 'be completed',
	cancel: 'be cancelled',
};

function whyNot(status: TileOrderStatus, action: TileOrderAction): string {
	if (status === 'completed') return 'it is already completed and archived';
	if (status === 'cancelled') return 'it was cancelled';
	const now = `it is ${TILE_ORDER_STATUS_LABELS[status].en.toLowerCase()} (${TILE_ORDER_STATUS_LABELS[status].zh})`;
	switch (action) {
		case 'appointment':
		case 'measure':
			return `its stock is already prepared and ${now}`;
		case 'prepareStock':
			return status === 'signed' ? 'it has not been measured yet (POST measurement first)' : `its stock is already prepared; ${now}`;
		case 'sendProcessing':
			return ['signed', 'measured'].includes(status) ? 'its stock is not prepared yet' : `${now}; processing comes before payment and delivery`;
		case 'confirmProcessing':
			return status === 'processed' ? 'the factory already confirmed it' : 'it has not been sent to the factory yet';
		case 'paymentNotice':
			if (['signed', 'measured'].includes(status)) return 'its stock is not prepared yet, so the goods are not known';
			if (status === 'processing-sent') return 'the factory has not confirmed the processing fee yet';
			return `${now}; the settlement statement is the notice after delivery`;
		case 'deliver':
			if (['signed', 'measured'].includes(status)) return 'its stock is not prepared yet';
			if (status === 'processing-sent') return 'the factory has not confirmed the processing yet';
			return `it is already ${TILE_ORDER_STATUS_LABELS[status].en.toLowerCase()}`;
		case 'startInstallation':
			return status === 'installing' || status === 'settled' ? `${now}` : 'it has not been delivered yet';
		case 'secondary':
			return status === 'settled' ? 'it is already settled' : 'it has not been delivered yet';
		case 'settle':
			return 'it has not been delivered yet';
		case 'complete':
			return 'it has not been settled yet (POST settle first)';
		case 'cancel':
			return `it was already delivered (${TILE_ORDER_STATUS_LABELS[status].zh}); record returns instead`;
		default:
			return now;
	}
}

/**
 * The status after `action`, or a RuleViolation (field `status`) telling why the step does not fit:
 * "Order DD-20261127-0001 cannot be delivered: the factory has not confirmed the processing yet".
 */
export function nextOrderStatus(
	order: { orderNumber: string; status: TileOrderStatus; processing: boolean },
	action: TileOrderAction,
): TileOrderStatus {
	const t = TRANSITIONS[action];
	if (!t) throw new RuleViolation(`Order ${order.orderNumber}: ${shown(action)} is not a step of a tile order`, 'action');
	if (!t.from.includes(order.status))
		throw new RuleViolation(`Order ${order.orderNumber} cannot ${PHRASE[action]}: ${whyNot(order.status, action)}`, 'status');
	if (order.processing && (action === 'deliver' || action === 'paymentNotice') && order.status === 'stock-prepared') {
		throw new RuleViolation(
			`Order ${order.orderNumber} cannot ${PHRASE[action]}: the customer wants processing and it has not been sent to the factory yet`,
			'status',
		);
	}
	return t.to ?? order.status;
}

/** Tile order (瓷砖订单): DD-20261127-0001, gap-free per day. */
export function tileOrderNumber(date: string, seq: number): string {
	return documentNumber('DD', 'tile order', date, seq);
}

// ---------------------------------------------------------------------------------------------
// Money (T8, T10, T11)

/** What the order charges and what came in, all in fen. */
export interface OrderMoney {
	goodsFen: number;
	processingFen: number;
	extraFen: number;
	returnsFen: number;
	reprocessingFen: number;
	depositFen: number;
	paidFen: number;
}

export interface Settlement extends OrderMoney {
	/** > 0: the customer owes; < 0: the store owes the customer (a refund). */
	balanceFen: number;
}

/** Settlement = goods + processing + secondary charges − returns − deposit − payments made (RULES.md). */
export function settlementOf(m: OrderMoney): Settlement {
	return { ...m, balanceFen: m.goodsFen + m.processingFen + m.extraFen + m.reprocessingFen - m.returnsFen - m.depositFen - m.paidFen };
}

/** What the customer still owes for the goods and processing before delivery (deposit and payments counted). */
export function dueBeforeDelivery(m: OrderMoney): number {
	return m.goodsFen + m.processingFen - m.depositFen - m.paidFen;
}

const yuan = (fen: number) => `¥${fenToYuan(fen)}`;

/**
 * Checks a payment against what is owed: a payment (> 0) at most the balance; a refund (< 0,
 * with a reason) at most what the store owes — on a cancelled order, at most what the customer
 * paid (deposit included). The balance of a cancelled order counts no charges.
 */
export function checkPayment(orderNumber: string, status: TileOrderStatus, amountFen: number, s: Settlement): void {
	const balance = status === 'cancelled' ? -(s.depositFen + s.paidFen) : s.balanceFen;
	if (amountFen > 0) {
		if (status === 'cancelled')
			throw new RuleViolation(`Order ${orderNumber} was cancelled: it takes refunds only (a negative amount with a reason)`, 'amountYuan');
		if (amountFen > balance) {
			throw new RuleViolation(
				`Amount (金额): ${yuan(amountFen)} is more than is owed; order ${orderNumber} owes ${yuan(Math.max(0, balance))}${balance < 0 ? ` (the store owes the customer ${yuan(-balance)}: record a refund as a negative amount)` : ''}`,
				'amountYuan',
			);
		}
	} else if (-amountFen > -balance) {
		throw new RuleViolation(
			`Amount (金额): a refund of ${yuan(-amountFen)} is more than the store owes; ${balance < 0 ? `at most ${yuan(-balance)} can be refunded` : `the customer owes ${yuan(balance)} and nothing is to be refunded`}`,
			'amountYuan',
		);
	}
}

// ---------------------------------------------------------------------------------------------
// What each step takes in

function blank(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** A text field, trimmed; `at` names it in problems when it sits inside a list (lines[0].modelCode). */
function text(
	problems: ProblemList,
	input: Record<string, unknown>,
	field: string,
	label: string,
	max: number,
	required: string | false,
	at = field,
): string | null {
	const v = input[field];
	if (blank(v)) {
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
function relabel<T>(fn: () => T, field: string, label: string): T {
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
function flagOf(problems: ProblemList, value: unknown, field: string, label: string): boolean {
	if (blank(value)) return false;
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
function personOf(problems: ProblemList, value: unknown, field: string, label: string): { name: string; phone: string } | null {
	if (blank(value)) return null;
	if (typeof value !== 'object' || Array.isArray(value)) {
		problems.add(field, `${label}: expected { name, phone }`);
		return null;
	}
	const p = value as Record<string, unknown>;
	const sub = new ProblemList();
	const name = text(sub, p, 'name', `${label} name (姓名)`, 100, 'expected the name');
	let phone = '';
	if (blank(p.phone)) sub.add('phone', `${label} phone (电话): is empty; expected a phone such as 13812345678`);
	else phone = sub.check(() => normalizeMainlandPhone(p.phone, 'phone')) ?? '';
	for (const x of sub.problems) problems.add(`${field}.${x.field}`, x.message.replace(/^Phone \(电话\)/, `${label} phone (电话)`));
	return sub.problems.length ? null : { name: name!, phone };
}

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
		const modelCode = blank(line.modelCode) ? null : String(line.modelCode).trim();
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
	if (blank(input.phone)) problems.add('phone', 'Phone (电话): is empty; expected the number to call, such as 13812345678');
	else phone = problems.check(() => normalizeMainlandPhone(input.phone, 'phone')) ?? '';
	const address = text(problems, input, 'address', 'Address (地址)', 500, 'expected where the tiles go');
	const contactPerson = text(problems, input, 'contactPerson', 'Contact person (联系人)', 100, false);
	let email = text(problems, input, 'email', 'Email (邮箱)', 200, false);
	if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		problems.add('email', `Email (邮箱): "${email}" is not an email address; expected something like zhang.wei@example.com`);
	} else if (email) email = email.toLowerCase();
	let depositFen = 0;
	if (blank(input.depositYuan))
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
	if (blank(input.appointmentAt))
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
	const measuredAt = blank(input.measuredAt)
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
	const lines = blank(input.lines) ? null : cleanOrderLines(input.lines, problems);
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
	if (blank(value) || value === false) return null;
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
			if (blank(line.pieces) || !Number.isInteger(pieces) || pieces < 1 || pieces > 100_000) {
				problems.add(
					`${f}.pieces`,
					`Whole tiles to process (加工整砖数), line ${i + 1}: "${blank(line.pieces) ? '' : String(line.pieces)}" is not allowed; expected a whole number of tiles, 1 or more`,
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
	if (blank(input.completionDate))
		problems.add('completionDate', 'Completion date (完成日期): is empty; expected the date the factory promises, such as 2026-12-05');
	else
		completionDate =
			problems.check(() => relabel(() => parseDate(input.completionDate, 'completionDate', zone), 'completionDate', 'Completion date (完成日期)')) ??
			'';
	let feeFen = 0;
	if (blank(input.feeYuan)) problems.add('feeYuan', 'Processing fee (加工费): is empty; expected the fee the factory confirmed, in yuan, 0 or more');
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
	if (blank(input.amountYuan))
		problems.add('amountYuan', 'Amount (金额): is empty; expected yuan with at most two decimals, for example 1280.50 (a refund: negative)');
	else amountFen = problems.check(() => signedYuanToFen(input.amountYuan, 'amountYuan')) ?? 0;
	if (!blank(input.amountYuan) && amountFen === 0 && problems.problems.length === 0)
		problems.add('amountYuan', 'Amount (金额): 0 is not a payment; expected yuan other than 0');
	const m = blank(input.method) || typeof input.method === 'object' ? undefined : lookUp(METHOD_ALIASES, String(input.method).trim().toLowerCase());
	if (!m)
		problems.add(
			'method',
			`Method (付款方式): ${blank(input.method) ? '""' : shown(input.method)} is not allowed; expected one of ${PAYMENT_METHODS.join(', ')}`,
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
	if (blank(input.deliveryDate))
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
	const kindText = blank(input.kind) ? '' : String(input.kind).trim().toLowerCase();
	const byZh = SECONDARY_KINDS.find((k) => SECONDARY_LABELS[k].zh === String(input.kind ?? '').trim());
	const kind = oneOf(SECONDARY_KINDS, kindText) ?? byZh;
	if (!kind) throw fieldError('kind', `Kind (类型): "${kindText}" is not allowed; expected extra (补砖), return (退砖) or reprocessing (二次加工)`);
	const notes = text(problems, input, 'notes', 'Notes (备注)', 500, false);
	if (kind === 'reprocessing') {
		let feeFen = 0;
		if (blank(input.feeYuan)) problems.add('feeYuan', 'Fee (二次加工费): is empty; expected the fee charged in yuan, 0 or more');
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
	if (blank(input.boxes) || !Number.isInteger(boxes) || boxes < 1 || boxes > 10_000) {
		problems.add(
			'boxes',
			`Boxes (箱数): "${blank(input.boxes) ? '' : String(input.boxes)}" is not allowed; expected a whole number of boxes, 1 or more`,
		);
	}
	problems.throwIfAny();
	return { kind, modelCode: modelCode!, boxes, notes };
}

/** A return of more boxes than were delivered (net of earlier returns) is refused. */
export function checkReturn(modelCode: string, boxes: number, deliveredBoxes: number, returnedBoxes: number): void {
	const left = deliveredBoxes - returnedBoxes;
	if (boxes > left) {
		throw new RuleViolation(
			deliveredBoxes === 0
				? `Boxes (箱数): no box of ${modelCode} was delivered on this order; a return takes back delivered boxes`
				: `Boxes (箱数): ${boxes} boxes of ${modelCode} is more than was delivered; ${deliveredBoxes} delivered${returnedBoxes ? `, ${returnedBoxes} already returned` : ''}, so at most ${left} can be returned`,
			'boxes',
		);
	}
}

/** Completion (T12) needs a settled balance of zero. */
export function checkCompletion(orderNumber: string, balanceFen: number): void {
	if (balanceFen > 0)
		throw new RuleViolation(
			`Order ${orderNumber} cannot be completed: the customer still owes ${yuan(balanceFen)}; record the payment first`,
			'balanceFen',
		);
	if (balanceFen < 0)
		throw new RuleViolation(
			`Order ${orderNumber} cannot be completed: the store owes the customer ${yuan(-balanceFen)}; record the refund (a negative payment with a reason) first`,
			'balanceFen',
		);
}

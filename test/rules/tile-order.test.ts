import fc from 'fast-check';
import { RuleViolation } from '../../nodes/shared/rules/errors';
import { checkCompletion, checkPayment, checkReturn, dueBeforeDelivery, settlementOf } from '../../nodes/shared/rules/tile-order-money';
import {
	cleanAppointment,
	cleanDelivery,
	cleanOrderInput,
	cleanPayment,
	cleanProcessingConfirmation,
	cleanProcessingSheet,
	cleanSecondary,
} from '../../nodes/shared/rules/tile-order-inputs';
import {
	nextOrderStatus,
	tileOrderNumber,
	TILE_ORDER_STATUSES,
	type TileOrderAction,
	type TileOrderStatus,
} from '../../nodes/shared/rules/tile-order-lifecycle';
import { problemsOf, ruleViolationOf } from '../harness/errors';

const SH = 'Asia/Shanghai';

const problems = (fn: () => unknown) => problemsOf(fn);
const violation = (fn: () => unknown) => ruleViolationOf(fn);

const order = (status: TileOrderStatus, processing = false) => ({ orderNumber: 'DD-20261127-0001', status, processing });

describe('the order lifecycle (T1–T12)', () => {
	test.each<[TileOrderStatus, TileOrderAction, TileOrderStatus]>([
		['signed', 'appointment', 'signed'],
		['signed', 'measure', 'measured'],
		['stock-prepared', 'measure', 'measured'],
		['measured', 'prepareStock', 'stock-prepared'],
		['stock-prepared', 'sendProcessing', 'processing-sent'],
		['processing-sent', 'sendProcessing', 'processing-sent'],
		['processing-sent', 'confirmProcessing', 'processed'],
		['processed', 'paymentNotice', 'processed'],
		['processed', 'deliver', 'delivered'],
		['paid', 'deliver', 'delivered'],
		['delivered', 'startInstallation', 'installing'],
		['delivered', 'secondary', 'installing'],
		['installing', 'secondary', 'installing'],
		['installing', 'settle', 'settled'],
		['settled', 'settle', 'settled'],
		['settled', 'pay', 'settled'],
		['settled', 'complete', 'completed'],
		['paid', 'cancel', 'cancelled'],
		['cancelled', 'pay', 'cancelled'],
	])('%s --%s--> %s', (from, action, to) => {
		expect(nextOrderStatus(order(from, from === 'processing-sent' || from === 'processed'), action)).toBe(to);
	});

	test.each<[TileOrderStatus, TileOrderAction, boolean, RegExp]>([
		['signed', 'prepareStock', false, /cannot have its stock prepared: it has not been measured yet/],
		['measured', 'deliver', false, /cannot be delivered: its stock is not prepared yet/],
		['stock-prepared', 'deliver', true, /the customer wants processing and it has not been sent to the factory yet/],
		['processing-sent', 'deliver', true, /the factory has not confirmed the processing yet/],
		['processing-sent', 'paymentNotice', true, /the factory has not confirmed the processing fee yet/],
		['delivered', 'cancel', false, /it was already delivered \(已发货\); record returns instead/],
		['completed', 'complete', false, /cannot be completed: it is already completed and archived/],
		['cancelled', 'measure', false, /it was cancelled/],
		['settled', 'secondary', false, /it is already settled/],
		['installing', 'complete', false, /it has not been settled yet/],
		['completed', 'pay', false, /cannot take a payment: it is already completed/],
	])('%s, %s (processing %s) is refused', (from, action, processing, message) => {
		const e = violation(() => nextOrderStatus(order(from, processing), action));
		expect(e.field).toBe('status');
		expect(e.message).toMatch(message);
		expect(e.message).toMatch(/^Order DD-20261127-0001 cannot /);
	});

	test('every status has a way forward except the two ends; the ends allow nothing but a cancelled order’s refunds', () => {
		const steps: TileOrderAction[] = [
			'appointment',
			'measure',
			'prepareStock',
			'sendProcessing',
			'confirmProcessing',
			'paymentNotice',
			'pay',
			'deliver',
			'startInstallation',
			'secondary',
			'settle',
			'complete',
			'cancel',
		];
		const fits = (s: TileOrderStatus, a: TileOrderAction) =>
			[false, true].some((processing) => {
				try {
					nextOrderStatus(order(s, processing), a);
					return true;
				} catch (error) {
					expect(error).toBeInstanceOf(RuleViolation);
					return false;
				}
			});
		for (const s of TILE_ORDER_STATUSES) {
			const actions = steps.filter((a) => fits(s, a));
			if (s === 'completed') expect(actions).toEqual([]);
			else if (s === 'cancelled') expect(actions).toEqual(['pay']);
			else expect(actions.length).toBeGreaterThan(0);
		}
	});

	test('order numbers: DD-YYYYMMDD-NNNN', () => {
		expect(tileOrderNumber('2026-11-27', 7)).toBe('DD-20261127-0007');
		expect(() => tileOrderNumber('2026-11-27', 10000)).toThrow(RuleViolation);
	});
});

describe('what a signed order takes in (T1–T2)', () => {
	const good = {
		customerName: ' 陈女士 ',
		phone: '138 1234 5678',
		address: '上海',
		depositYuan: '2,000',
		processing: '是',
		installer: { name: '李师傅', phone: '13900000001' },
		lines: [{ modelCode: 'CZ-600', areaM2: '21.6' }],
	};

	test('a clean order: phone as dialled, deposit in fen, processing yes, the line in mm² and per mille', () => {
		expect(cleanOrderInput(good)).toEqual({
			customerName: '陈女士',
			customerCode: null,
			phone: '13812345678',
			address: '上海',
			contactPerson: null,
			email: null,
			depositFen: 200_000,
			processing: true,
			installer: { name: '李师傅', phone: '13900000001' },
			lines: [{ modelCode: 'CZ-600', areaMm2: 21_600_000, wastagePermille: 50, layout: null, extraBoxes: 2 }],
			notes: null,
			idempotencyKey: null,
		});
	});

	test('every problem at once, each naming its field', () => {
		const p = problems(() =>
			cleanOrderInput({
				phone: '12',
				depositYuan: -5,
				installer: { name: '李师傅', phone: 'x' },
				email: 'nope',
				lines: [
					{ modelCode: '', areaM2: 0 },
					{ modelCode: 'A', areaM2: 3, wastagePct: 55 },
				],
			}),
		);
		expect(p.map((x) => x.field)).toEqual([
			'customerName',
			'phone',
			'address',
			'email',
			'depositYuan',
			'installer.phone',
			'lines[0].modelCode',
			'lines[0].areaM2',
			'lines[1].wastagePct',
		]);
		expect(p.find((x) => x.field === 'depositYuan')!.message).toBe(
			'Deposit (定金): "-5" is not allowed; expected yuan of 0 or more with at most two decimals, for example 2000',
		);
		expect(p.find((x) => x.field === 'installer.phone')!.message).toMatch(
			/^Installer \(铺贴工人\) phone \(电话\): "x" is not a valid mainland China phone number/,
		);
		expect(p.find((x) => x.field === 'lines[1].wastagePct')!.message).toMatch(/55 % is out of range; expected a percentage from 0 to 50/);
	});

	test('no lines, no deposit', () => {
		const p = problems(() => cleanOrderInput({ ...good, depositYuan: '', lines: [] }));
		expect(p.map((x) => [x.field, x.message])).toEqual([
			['depositYuan', 'Deposit (定金): is empty; expected the deposit paid in yuan, 0 or more, for example 2000'],
			['lines', 'Lines (瓷砖明细): is empty; expected a list of { modelCode, areaM2 } (or lengthM and widthM), one per tile model'],
		]);
	});
});

describe('the steps’ inputs', () => {
	test('appointment: a time in the workflow timezone, kept in UTC', () => {
		expect(cleanAppointment({ appointmentAt: '2026-11-28 10:00', keyHolder: { name: '物业王', phone: '13700000009' } }, SH)).toEqual({
			appointmentAt: '2026-11-28T02:00:00.000Z',
			keyHolder: { name: '物业王', phone: '13700000009' },
			notes: null,
		});
		expect(problems(() => cleanAppointment({ appointmentAt: 'tomorrow' }, SH))[0].message).toMatch(
			/^Appointment time \(预约时间\): "tomorrow" is not a date and time/,
		);
	});

	test('processing sheet: each line needs whole tiles and at least one method', () => {
		expect(cleanProcessingSheet({ factory: '佛山厂', lines: [{ modelCode: 'A', pieces: '6', chamfering: '45°', edging: false }] }).lines).toEqual([
			{ modelCode: 'A', pieces: 6, cutting: null, edging: null, chamfering: '45°', notes: null },
		]);
		const p = problems(() =>
			cleanProcessingSheet({
				lines: [
					{ modelCode: 'A', pieces: 0 },
					{ pieces: 2, cutting: true },
				],
			}),
		);
		expect(p.map((x) => x.field)).toEqual(['factory', 'lines[0].pieces', 'lines[0].cutting', 'lines[1].modelCode']);
	});

	test('processing confirmation: a date and a fee of 0 or more', () => {
		expect(cleanProcessingConfirmation({ completionDate: '2026/12/3', feeYuan: '120' }, SH)).toEqual({
			completionDate: '2026-12-03',
			feeFen: 12_000,
		});
		const p = problems(() => cleanProcessingConfirmation({ completionDate: '2026-13-01', feeYuan: -1 }, SH));
		expect(p.map((x) => x.message)).toEqual([
			expect.stringMatching(/^Completion date \(完成日期\): "2026-13-01" is not a real calendar date/),
			'Processing fee (加工费): "-1" is not allowed; expected yuan of 0 or more with at most two decimals, for example 120',
		]);
	});

	test('payments: methods in English or Chinese; a refund is negative and needs its reason; 0 is no payment', () => {
		expect(cleanPayment({ amountYuan: '1280.5', method: '微信' })).toEqual({ amountFen: 128_050, method: 'wechat', reason: null });
		expect(cleanPayment({ amountYuan: -20, method: 'cash', reason: '退砖' })).toEqual({ amountFen: -2000, method: 'cash', reason: '退砖' });
		expect(problems(() => cleanPayment({ amountYuan: -20, method: 'cash' })).map((x) => x.field)).toEqual(['reason']);
		expect(problems(() => cleanPayment({ amountYuan: 0, method: 'cash' })).map((x) => x.message)).toEqual([
			'Amount (金额): 0 is not a payment; expected yuan other than 0',
		]);
		expect(problems(() => cleanPayment({ amountYuan: '1.234', method: 'cheque' })).map((x) => x.field)).toEqual(['amountYuan', 'method']);
	});

	test('delivery: the agreed date, an installer optionally', () => {
		expect(cleanDelivery({ deliveryDate: '2026-12-05' }, SH)).toEqual({ deliveryDate: '2026-12-05', installer: null });
		expect(problems(() => cleanDelivery({}, SH)).map((x) => x.field)).toEqual(['deliveryDate']);
	});

	test('secondary items: extra and return need a model and boxes; reprocessing a fee', () => {
		expect(cleanSecondary({ kind: '补砖', modelCode: 'A', boxes: '2' })).toEqual({ kind: 'extra', modelCode: 'A', boxes: 2, notes: null });
		expect(cleanSecondary({ kind: 'reprocessing', feeYuan: 50 })).toEqual({ kind: 'reprocessing', feeFen: 5000, modelCode: null, notes: null });
		expect(problems(() => cleanSecondary({ kind: 'return', boxes: 0 })).map((x) => x.field)).toEqual(['modelCode', 'boxes']);
		expect(problems(() => cleanSecondary({ kind: 'gift' }))[0].message).toMatch(
			/expected extra \(补砖\), return \(退砖\) or reprocessing \(二次加工\)/,
		);
	});
});

describe('money (T8, T11)', () => {
	const money = {
		goodsFen: 380_800,
		processingFen: 12_000,
		extraFen: 25_600,
		returnsFen: 56_400,
		reprocessingFen: 5_000,
		depositFen: 200_000,
		paidFen: 192_800,
	};

	test('settlement = goods + processing + secondary − returns − deposit − payments (RULES.md)', () => {
		expect(settlementOf(money).balanceFen).toBe(-25_800);
		expect(dueBeforeDelivery(money)).toBe(0);
	});

	test('property: the balance is the charges less what came in, and paying it exactly leaves zero', () => {
		const fen = fc.integer({ min: 0, max: 10_000_000 });
		fc.assert(
			fc.property(fen, fen, fen, fen, fen, fen, fen, (goodsFen, processingFen, extraFen, returnsFen, reprocessingFen, depositFen, paidFen) => {
				const s = settlementOf({ goodsFen, processingFen, extraFen, returnsFen, reprocessingFen, depositFen, paidFen });
				expect(s.balanceFen + depositFen + paidFen + returnsFen).toBe(goodsFen + processingFen + extraFen + reprocessingFen);
				const settled = settlementOf({ goodsFen, processingFen, extraFen, returnsFen, reprocessingFen, depositFen, paidFen: paidFen + s.balanceFen });
				expect(settled.balanceFen).toBe(0);
				// A payment of the balance is allowed; one fen more is refused.
				if (s.balanceFen > 0) {
					expect(() => checkPayment('DD-1', 'installing', s.balanceFen, s)).not.toThrow();
					expect(() => checkPayment('DD-1', 'installing', s.balanceFen + 1, s)).toThrow(RuleViolation);
				} else if (s.balanceFen < 0) {
					expect(() => checkPayment('DD-1', 'settled', s.balanceFen, s)).not.toThrow();
					expect(() => checkPayment('DD-1', 'settled', s.balanceFen - 1, s)).toThrow(RuleViolation);
				}
			}),
		);
	});

	test('a payment of more than is owed says what is owed; the store owing says to refund', () => {
		const owes = settlementOf({ ...money, paidFen: 0 });
		expect(violation(() => checkPayment('DD-1', 'processed', owes.balanceFen + 1, owes)).message).toMatch(
			/more than is owed; order DD-1 owes ¥1670\.00/,
		);
		const refund = settlementOf(money);
		expect(violation(() => checkPayment('DD-1', 'settled', 1, refund)).message).toMatch(
			/owes ¥0\.00 \(the store owes the customer ¥258\.00: record a refund as a negative amount\)/,
		);
		expect(violation(() => checkPayment('DD-1', 'settled', -25_801, refund)).message).toMatch(/at most ¥258\.00 can be refunded/);
	});

	test('returns: at most what was delivered, net of earlier returns', () => {
		expect(() => checkReturn('A', 5, 8, 3)).not.toThrow();
		expect(violation(() => checkReturn('A', 6, 8, 3)).message).toMatch(
			/6 boxes of A is more than was delivered; 8 delivered, 3 already returned, so at most 5 can be returned/,
		);
		expect(violation(() => checkReturn('B', 1, 0, 0)).message).toMatch(/no box of B was delivered on this order/);
	});

	test('completion needs a balance of zero', () => {
		expect(() => checkCompletion('DD-1', 0)).not.toThrow();
		expect(violation(() => checkCompletion('DD-1', 100)).message).toMatch(/still owes ¥1\.00/);
		expect(violation(() => checkCompletion('DD-1', -100)).message).toMatch(/store owes the customer ¥1\.00/);
	});
});

/**
 * Tile orders in the store (T1–T12), on every backend: the whole path with its figures worked by
 * hand from RULES.md, steps refused without a trace, and the races — two orders reserving the
 * last boxes, completing twice, a stock adjustment during an order — with real parallel processes.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { requireTileModel, adjustStock } from '../../nodes/shared/store/registers/tile-models';
import { cleanOrderInput, cleanMeasurement, cleanPayment, cleanProcessingSheet, cleanSecondary } from '../../nodes/shared/rules/tile-order-inputs';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import { DEFAULT_VEHICLES } from '../../nodes/shared/rules/tile-vehicles';
import * as orders from '../../nodes/shared/services/tile-orders';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { rejectionOf } from '../harness/errors';
import { seedTileModels } from '../harness/tiles';

const run = promisify(execFile);
const TODAY = '2026-11-27';
const ctx = (actor = 'test') => ({ actor, now: new Date().toISOString(), today: TODAY });

/** 600×600, 4 a box, 26 kg, ¥128; 600×1200, 2 a box, 28.5 kg, ¥188. */
const seedModels = (store: Store, onHand = { a: 100, b: 30 }) => seedTileModels(store, { 'CZ-600': onHand.a, 'CZ-1200': onHand.b }, ctx().now);

const signed = (over: Record<string, unknown> = {}) =>
	cleanOrderInput({
		customerName: '陈女士',
		phone: '13812345678',
		address: '上海市徐汇区漕溪路 88 弄 5 号 1201',
		email: 'chen@example.com',
		depositYuan: 2000,
		processing: true,
		installer: { name: '李师傅', phone: '13900000001' },
		lines: [
			{ modelCode: 'CZ-600', areaM2: 21.6 },
			{ modelCode: 'cz-1200', lengthM: 3, widthM: '2.4' },
		],
		...over,
	});

async function stock(store: Store, modelCode: string) {
	const m = await store.transaction((trx) => requireTileModel(trx, { modelCode }));
	return { onHand: m.boxesOnHand, reserved: m.boxesReserved };
}

const refusal = (fn: () => Promise<unknown>) => rejectionOf<Error>([RuleViolation, ValidationError], fn);

/** Everything the order tables and the stock hold: a refused step must leave it as it was. */
async function fingerprint(store: Store): Promise<string> {
	const tables = [
		'tileOrders',
		'tileOrderLines',
		'tileReservations',
		'tileProcessingLines',
		'tileOrderPayments',
		'tileOrderDeliveries',
		'tileOrderItems',
		'tileOrderEvents',
		'tileModels',
		'stockMovements',
		'counters',
	] as const;
	return JSON.stringify(await Promise.all(tables.map((t) => store.db.selectFrom(t).selectAll().execute())));
}

for (const backend of backends()) {
	describe(`tile orders on ${backend.name}`, () => {
		const opened: Store[] = [];
		async function fresh(): Promise<Store> {
			const s = await Store.open(backend.fresh());
			opened.push(s);
			await seedModels(s);
			return s;
		}
		afterEach(async () => {
			await Promise.all(opened.splice(0).map((s) => s.close()));
		});
		afterAll(() => backend.cleanup());

		test('T1–T12: signed → measured → stock prepared → processing → paid → delivered → installing → settled → completed, with RULES.md figures', async () => {
			const store = await fresh();
			// T1–T3: 21.6 m² of 600×600 + 5 % = 63 pieces → 16 boxes + 2 = 18 boxes, ¥2,304, 468 kg;
			// 3 m × 2.4 m = 7.2 m² of 600×1200 + 5 % = 10.5 → 11 pieces → 6 boxes + 2 = 8 boxes, ¥1,504, 228 kg.
			const { order, duplicate, customerCreated } = await orders.createOrder(store, signed(), ctx());
			expect({ duplicate, customerCreated }).toEqual({ duplicate: false, customerCreated: true });
			expect(order).toMatchObject({
				orderNumber: 'DD-20261127-0001',
				status: 'signed',
				depositFen: 200_000,
				processing: true,
				installer: { name: '李师傅', phone: '13900000001' },
				goodsFen: 380_800,
				totalWeightKg: 696,
				stockSufficient: true,
			});
			expect(
				order.lines.map((l) => [
					l.modelCode,
					l.areaM2,
					l.wastagePct,
					l.piecesNeeded,
					l.boxes,
					l.weightKg,
					l.amountFen,
					l.boxesAvailable,
					l.shortBoxes,
				]),
			).toEqual([
				['CZ-600', 21.6, 5, 63, 18, 468, 230_400, 100, 0],
				['CZ-1200', 7.2, 5, 11, 8, 228, 150_400, 30, 0],
			]);
			const n = order.orderNumber;
			const step = <T>(fn: (trx: Parameters<Parameters<Store['transaction']>[0]>[0]) => Promise<T>) => store.transaction(fn);

			// T4: appointment with the key holder, then the measurement confirming the lines.
			const appointed = await step((trx) =>
				orders.scheduleMeasurement(
					trx,
					n,
					{ appointmentAt: '2026-11-28T02:00:00.000Z', keyHolder: { name: '物业王', phone: '13700000009' }, notes: null },
					ctx(),
				),
			);
			expect(appointed).toMatchObject({ status: 'signed', appointment: { keyHolder: { name: '物业王' } } });
			const measured = await step((trx) =>
				orders.recordMeasurement(trx, n, cleanMeasurement({ measuredBy: '小张' }, 'Asia/Shanghai', ctx().now), ctx()),
			);
			expect(measured).toMatchObject({ status: 'measured', measurement: { measuredBy: '小张' }, goodsFen: 380_800 });

			// T5: the boxes are reserved.
			const prepared = await step((trx) => orders.prepareStock(trx, n, ctx()));
			expect(prepared.status).toBe('stock-prepared');
			expect(prepared.lines.map((l) => [l.boxesReserved, l.shortBoxes])).toEqual([
				[18, 0],
				[8, 0],
			]);
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 100, reserved: 18 });
			expect(await stock(store, 'CZ-1200')).toEqual({ onHand: 30, reserved: 8 });

			// T6–T7: processing sheet to the factory, then its date and fee.
			const sheet = cleanProcessingSheet({
				factory: '佛山精工加工厂',
				factoryEmail: 'factory@example.com',
				lines: [{ modelCode: 'CZ-1200', pieces: 6, cutting: '切成 600×600', edging: true }],
			});
			const sent = await step((trx) => orders.sendProcessing(trx, n, sheet, ctx()));
			expect(sent).toMatchObject({
				status: 'processing-sent',
				processingSheet: {
					factory: '佛山精工加工厂',
					rows: [{ modelCode: 'CZ-1200', size: '600×1200', pieces: 6, cutting: '切成 600×600', edging: '是', chamfering: null }],
				},
			});
			const processed = await step((trx) => orders.confirmProcessing(trx, n, { completionDate: '2026-12-03', feeFen: 12_000 }, ctx()));
			expect(processed).toMatchObject({ status: 'processed', processingSheet: { completionDate: '2026-12-03', feeFen: 12_000 } });

			// T8: payment notice: goods ¥3,808 + processing ¥120 − deposit ¥2,000 = ¥1,928 due.
			const noticed = await step((trx) => orders.issuePaymentNotice(trx, n, ctx()));
			expect(noticed.paymentNotice).toMatchObject({ amountDueFen: 192_800 });
			expect((await step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: 1000, method: 'wechat' }), ctx()))).status).toBe(
				'processed',
			);
			const over = await refusal(() => step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: '928.01', method: 'cash' }), ctx())));
			expect(over.message).toMatch(/more than is owed; order DD-20261127-0001 owes ¥928\.00/);
			const paid = await step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: '928', method: '现金' }), ctx()));
			expect(paid).toMatchObject({ status: 'paid', paidFen: 192_800 });

			// T9: 696 kg on a van (1,000 kg, ¥150), the store's cost.
			const delivered = await step((trx) => orders.recordDelivery(trx, n, { deliveryDate: '2026-12-05', installer: null }, DEFAULT_VEHICLES, ctx()));
			expect(delivered.status).toBe('delivered');
			expect(delivered.delivery).toEqual({
				deliveryDate: '2026-12-05',
				installer: { name: '李师傅', phone: '13900000001' },
				totalWeightKg: 696,
				trips: [{ vehicle: 'van', vehicleName: '面包车', payloadKg: 1000, loadKg: 696, boxes: 26, freightFen: 15_000 }],
				freightFen: 15_000,
			});
			expect(delivered.settlement.balanceFen).toBe(0); // freight is never billed

			// T10: 2 extra boxes (¥256, reserved), 3 boxes returned (¥564 credited), secondary processing ¥50.
			const extra = await step((trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'extra', modelCode: 'CZ-600', boxes: 2 }), ctx()));
			expect(extra.status).toBe('installing');
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 100, reserved: 20 });
			const tooMany = await refusal(() =>
				step((trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'return', modelCode: 'CZ-1200', boxes: 9 }), ctx())),
			);
			expect(tooMany.message).toMatch(/9 boxes of CZ-1200 is more than was delivered; 8 delivered, so at most 8 can be returned/);
			await step((trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'return', modelCode: 'CZ-1200', boxes: 3 }), ctx()));
			await step((trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'reprocessing', feeYuan: 50, notes: '补切两片' }), ctx()));

			// T11: 380,800 + 12,000 + 25,600 + 5,000 − 56,400 − 200,000 − 192,800 = −25,800: the store owes ¥258.
			const settled = await step((trx) => orders.settleOrder(trx, n, ctx()));
			expect(settled.status).toBe('settled');
			expect(settled.settlement).toEqual({
				goodsFen: 380_800,
				processingFen: 12_000,
				extraFen: 25_600,
				returnsFen: 56_400,
				reprocessingFen: 5_000,
				depositFen: 200_000,
				paidFen: 192_800,
				balanceFen: -25_800,
			});
			const owed = await refusal(() => step((trx) => orders.completeOrder(trx, n, ctx())));
			expect(owed.message).toMatch(/the store owes the customer ¥258\.00/);
			expect(
				(await refusal(() => step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: '-258', method: 'wechat' }), ctx())))).message,
			).toMatch(/Reason \(原因\): is empty; a refund needs its reason/);
			await step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: '-258', method: 'wechat', reason: '退砖退款' }), ctx()));

			// T12: inventory down by what was delivered net of returns, once; reservations released.
			const done = await step((trx) => orders.completeOrder(trx, n, ctx()));
			expect(done).toMatchObject({ status: 'completed', completedAt: expect.any(String), archivedAt: expect.any(String), balanceFen: 0 });
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 80, reserved: 0 }); // 100 − (18 + 2)
			expect(await stock(store, 'CZ-1200')).toEqual({ onHand: 25, reserved: 0 }); // 30 − (8 − 3)
			const again = await refusal(() => step((trx) => orders.completeOrder(trx, n, ctx())));
			expect(again.message).toMatch(/cannot be completed: it is already completed/);
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 80, reserved: 0 });
			const movements = await store.db
				.selectFrom('stockMovements')
				.select(['delta', 'reason', 'balanceAfter'])
				.where('reason', 'like', 'order%')
				.orderBy('id')
				.execute();
			expect(movements).toEqual([
				{ delta: -20, reason: 'order DD-20261127-0001 completed: 20 delivered, 0 returned', balanceAfter: 80 },
				{ delta: -5, reason: 'order DD-20261127-0001 completed: 8 delivered, 3 returned', balanceAfter: 25 },
			]);
			expect(done.history.map((h) => h.action)).toEqual([
				'sign',
				'appointment',
				'measure',
				'prepareStock',
				'sendProcessing',
				'confirmProcessing',
				'paymentNotice',
				'pay',
				'pay',
				'deliver',
				'secondary',
				'secondary',
				'secondary',
				'settle',
				'pay',
				'complete',
			]);

			// For invoices (issue 9): the two stages charge everything once.
			const stages = await store.transaction(async (trx) => [
				await orders.orderStageCharges(trx, n, 'payment-notice'),
				await orders.orderStageCharges(trx, n, 'settlement'),
			]);
			expect(stages[0].lines.map((l) => [l.kind, l.quantity, l.unitFen, l.amountFen])).toEqual([
				['goods', 18, 12_800, 230_400],
				['goods', 8, 18_800, 150_400],
				['processing', 1, 12_000, 12_000],
			]);
			expect(stages[1].lines.map((l) => [l.kind, l.quantity, l.amountFen])).toEqual([
				['extra', 2, 25_600],
				['return', 3, -56_400],
				['reprocessing', 1, 5_000],
			]);
			expect(stages[0].totalFen + stages[1].totalFen).toBe(380_800 + 12_000 + 25_600 - 56_400 + 5_000);
		});

		test('a step that does not fit the order is refused with the reason and changes nothing', async () => {
			const store = await fresh();
			const { order } = await orders.createOrder(store, signed({ processing: false }), ctx());
			const n = order.orderNumber;
			const before = await fingerprint(store);
			const cases: Array<[(trx: never) => Promise<unknown>, RegExp]> = [
				[(trx) => orders.prepareStock(trx, n, ctx()), /cannot have its stock prepared: it has not been measured yet/],
				[
					(trx) => orders.recordDelivery(trx, n, { deliveryDate: '2026-12-05', installer: null }, DEFAULT_VEHICLES, ctx()),
					/cannot be delivered: its stock is not prepared yet/,
				],
				[(trx) => orders.settleOrder(trx, n, ctx()), /cannot be settled: it has not been delivered yet/],
				[(trx) => orders.completeOrder(trx, n, ctx()), /cannot be completed: it has not been settled yet/],
				[(trx) => orders.confirmProcessing(trx, n, { completionDate: '2026-12-01', feeFen: 1 }, ctx()), /it has not been sent to the factory yet/],
				[
					(trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'extra', modelCode: 'CZ-600', boxes: 1 }), ctx()),
					/it has not been delivered yet/,
				],
				[
					(trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: 1808.01, method: 'cash' }), ctx()),
					/more than is owed; order DD-20261127-0001 owes ¥1808\.00/,
				],
			];
			for (const [fn, message] of cases) {
				expect((await refusal(() => store.transaction(fn as never))).message).toMatch(message);
				expect(await fingerprint(store)).toBe(before);
			}
			// Delivery before payment: measured, prepared, but ¥1,808 still to pay.
			await store.transaction((trx) => orders.recordMeasurement(trx, n, cleanMeasurement({}, 'Asia/Shanghai', ctx().now), ctx()));
			await store.transaction((trx) => orders.prepareStock(trx, n, ctx()));
			const unpaid = await fingerprint(store);
			expect(
				(
					await refusal(() =>
						store.transaction((trx) => orders.recordDelivery(trx, n, { deliveryDate: '2026-12-05', installer: null }, DEFAULT_VEHICLES, ctx())),
					)
				).message,
			).toMatch(
				/cannot be delivered: ¥1808\.00 of the goods and processing is still to be paid \(goods ¥3808\.00, processing ¥0\.00, deposit ¥2000\.00, paid ¥0\.00\)/,
			);
			expect(await fingerprint(store)).toBe(unpaid);
		});

		test('preparing stock when a model is short names each short model and reserves nothing', async () => {
			const store = await Store.open(backend.fresh());
			opened.push(store);
			await seedModels(store, { a: 10, b: 3 });
			const { order } = await orders.createOrder(store, signed(), ctx());
			expect(order.stockSufficient).toBe(false);
			expect(order.lines.map((l) => [l.boxesAvailable, l.shortBoxes])).toEqual([
				[10, 8],
				[3, 5],
			]);
			await store.transaction((trx) => orders.recordMeasurement(trx, order.orderNumber, cleanMeasurement({}, 'Asia/Shanghai', ctx().now), ctx()));
			const before = await fingerprint(store);
			const error = (await refusal(() => store.transaction((trx) => orders.prepareStock(trx, order.orderNumber, ctx())))) as ValidationError;
			expect(error.problems).toEqual([
				{
					field: 'lines[0].modelCode',
					message: 'Stock (库存): CZ-600 needs 18 boxes; 10 available (10 on hand, 0 reserved for other orders), 8 short',
				},
				{
					field: 'lines[1].modelCode',
					message: 'Stock (库存): CZ-1200 needs 8 boxes; 3 available (3 on hand, 0 reserved for other orders), 5 short',
				},
			]);
			expect(await fingerprint(store)).toBe(before);
		});

		test('cancelling before delivery gives the reserved boxes back; measuring again after preparing releases them too', async () => {
			const store = await fresh();
			const { order } = await orders.createOrder(store, signed(), ctx());
			const n = order.orderNumber;
			const measure = (lines?: unknown) =>
				store.transaction((trx) => orders.recordMeasurement(trx, n, cleanMeasurement(lines ? { lines } : {}, 'Asia/Shanghai', ctx().now), ctx()));
			await measure();
			await store.transaction((trx) => orders.prepareStock(trx, n, ctx()));
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 100, reserved: 18 });
			// The room was larger: measuring again releases, the new lines wait for a new preparation.
			const remeasured = await measure([{ modelCode: 'CZ-600', areaM2: 30 }]);
			expect(remeasured).toMatchObject({ status: 'measured', lines: [{ modelCode: 'CZ-600', piecesNeeded: 88, boxes: 24 }] }); // 31.5 / 0.36 = 87.5
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 100, reserved: 0 });
			await store.transaction((trx) => orders.prepareStock(trx, n, ctx()));
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 100, reserved: 24 });
			const cancelled = await store.transaction((trx) => orders.cancelOrder(trx, n, '客户改用其他品牌', ctx()));
			expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '客户改用其他品牌' });
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 100, reserved: 0 });
			// A cancelled order takes refunds only, up to what the customer paid (the deposit here).
			expect(
				(await refusal(() => store.transaction((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: 10, method: 'cash' }), ctx()))))
					.message,
			).toMatch(/takes refunds only/);
			expect(
				(
					await refusal(() =>
						store.transaction((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: -2000.01, method: 'cash', reason: '退定金' }), ctx())),
					)
				).message,
			).toMatch(/at most ¥2000\.00 can be refunded/);
			await store.transaction((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: -2000, method: 'cash', reason: '退定金' }), ctx()));
		});

		test('order numbers are gap-free per day: a refused order takes no number; one idempotency key makes one order', async () => {
			const store = await fresh();
			expect((await orders.createOrder(store, signed(), ctx())).order.orderNumber).toBe('DD-20261127-0001');
			await expect(orders.createOrder(store, signed({ lines: [{ modelCode: 'NOPE', areaM2: 3 }] }), ctx())).rejects.toThrow(
				/"NOPE" is not a tile model of the stock register/,
			);
			expect((await orders.createOrder(store, signed(), ctx())).order.orderNumber).toBe('DD-20261127-0002');
			expect((await orders.createOrder(store, signed(), { ...ctx(), today: '2026-11-28' })).order.orderNumber).toBe('DD-20261128-0001');
			const a = await orders.createOrder(store, signed({ idempotencyKey: 'k-1' }), ctx());
			const b = await orders.createOrder(store, signed({ idempotencyKey: 'k-1' }), ctx());
			expect([a.duplicate, b.duplicate, b.order.orderNumber]).toEqual([false, true, a.order.orderNumber]);
			const rows = await store.db.selectFrom('tileOrders').select('orderNumber').execute();
			expect(rows).toHaveLength(4);
		});

		test('tile thickness keeps its decimal (9.5 mm, 10.5 mm) after migration 5', async () => {
			const store = await fresh();
			const rows = await store.db.selectFrom('tileModels').select(['modelCode', 'thicknessMm']).orderBy('modelCode').execute();
			expect(rows).toEqual([
				{ modelCode: 'CZ-1200', thicknessMm: 10.5 },
				{ modelCode: 'CZ-600', thicknessMm: 9.5 },
			]);
		});

		test('a stock adjustment never takes the boxes reserved for an order', async () => {
			const store = await fresh();
			const { order } = await orders.createOrder(store, signed(), ctx());
			await store.transaction((trx) => orders.recordMeasurement(trx, order.orderNumber, cleanMeasurement({}, 'Asia/Shanghai', ctx().now), ctx()));
			await store.transaction((trx) => orders.prepareStock(trx, order.orderNumber, ctx()));
			await expect(store.transaction((trx) => adjustStock(trx, { modelCode: 'CZ-600' }, -83, 'breakage', ctx().now))).rejects.toThrow(
				/fewer than the 18 reserved for orders; at most 82 can be taken/,
			);
			await store.transaction((trx) => adjustStock(trx, { modelCode: 'CZ-600' }, -82, 'breakage', ctx().now));
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 18, reserved: 18 });
		});

		// ---- Races, with real processes ----

		async function inProcesses(config: StoreConfig, perProcess: object[][]) {
			const script = resolve(__dirname, 'fixtures/tile-order-steps.js');
			const outputs = await Promise.all(
				perProcess.map((steps) =>
					run(process.execPath, [script], { env: { ...process.env, STORE_CONFIG: JSON.stringify(config), STEPS: JSON.stringify(steps) } }),
				),
			);
			return outputs.map((o) => JSON.parse(o.stdout) as Array<{ ok?: true; error?: string; message?: string }>);
		}
		async function freshWithConfig(onHand: { a: number; b: number }) {
			const config = backend.fresh();
			const store = await Store.open(config);
			opened.push(store);
			await seedModels(store, onHand);
			return { store, config };
		}
		async function measuredOrder(store: Store, lines: object[]) {
			const { order } = await orders.createOrder(store, signed({ lines, processing: false }), ctx());
			await store.transaction((trx) => orders.recordMeasurement(trx, order.orderNumber, cleanMeasurement({}, 'Asia/Shanghai', ctx().now), ctx()));
			return order.orderNumber;
		}

		test('race: six orders reserve the last boxes at once from three processes — exactly those that fit win, the others are told what is short', async () => {
			// 40 boxes; each order needs 18 (21.6 m² of 600×600): two fit, four must be refused.
			const { store, config } = await freshWithConfig({ a: 40, b: 0 });
			const numbers: string[] = [];
			for (let i = 0; i < 6; i++) numbers.push(await measuredOrder(store, [{ modelCode: 'CZ-600', areaM2: 21.6 }]));
			const results = (
				await inProcesses(
					config,
					[numbers.slice(0, 2), numbers.slice(2, 4), numbers.slice(4)].map((ns) => ns.map((orderNumber) => ({ step: 'prepareStock', orderNumber }))),
				)
			).flat();
			expect(results.filter((r) => r.ok)).toHaveLength(2);
			const refused = results.filter((r) => !r.ok);
			expect(refused).toHaveLength(4);
			for (const r of refused)
				expect(r.message).toMatch(/Stock \(库存\): CZ-600 needs 18 boxes; 4 available \(40 on hand, 36 reserved for other orders\), 14 short/);
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 40, reserved: 36 });
			const reservations = await store.db.selectFrom('tileReservations').select(['orderId', 'boxes']).execute();
			expect(reservations).toHaveLength(2);
		});

		test('race: completing one order twice at once decrements the inventory once', async () => {
			const { store, config } = await freshWithConfig({ a: 100, b: 30 });
			const n = await measuredOrder(store, [{ modelCode: 'CZ-600', areaM2: 21.6 }]);
			await store.transaction((trx) => orders.prepareStock(trx, n, ctx()));
			await store.transaction((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: 304, method: 'cash' }), ctx()));
			await store.transaction((trx) => orders.recordDelivery(trx, n, { deliveryDate: '2026-12-05', installer: null }, DEFAULT_VEHICLES, ctx()));
			await store.transaction((trx) => orders.settleOrder(trx, n, ctx()));
			const results = (
				await inProcesses(config, [
					[{ step: 'complete', orderNumber: n }],
					[{ step: 'complete', orderNumber: n }],
					[{ step: 'complete', orderNumber: n }],
				])
			).flat();
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			for (const r of results.filter((x) => !x.ok)) expect(r.message).toMatch(/already completed|changed by someone else/);
			expect(await stock(store, 'CZ-600')).toEqual({ onHand: 82, reserved: 0 });
			expect(await store.db.selectFrom('stockMovements').select('delta').where('reason', 'like', 'order%').execute()).toEqual([{ delta: -18 }]);
		});

		test('race: stock adjustments during an order never take available stock below zero', async () => {
			// 30 boxes; the order reserves 18 while another process takes out 5 boxes six times.
			const { store, config } = await freshWithConfig({ a: 30, b: 0 });
			const n = await measuredOrder(store, [{ modelCode: 'CZ-600', areaM2: 21.6 }]);
			const takes = Array.from({ length: 6 }, () => ({ step: 'adjust', modelCode: 'CZ-600', delta: -5 }));
			const [reserve, adjust] = await inProcesses(config, [[{ step: 'prepareStock', orderNumber: n }], takes]);
			const applied = adjust.filter((r) => r.ok).length;
			const s = await stock(store, 'CZ-600');
			expect(s.onHand).toBe(30 - 5 * applied);
			expect(s.onHand - s.reserved).toBeGreaterThanOrEqual(0);
			if (reserve[0].ok) {
				expect(s.reserved).toBe(18);
				expect(applied).toBeLessThanOrEqual(2); // 30 − 5 × 3 = 15 < 18
			} else {
				expect(s.reserved).toBe(0);
				expect(reserve[0].message).toMatch(/CZ-600 needs 18 boxes/);
			}
			// Every movement's balance follows the one before: none was lost.
			const balances = await store.db.selectFrom('stockMovements').select(['delta', 'balanceAfter']).orderBy('id').execute();
			let b = 0;
			for (const m of balances) expect(m.balanceAfter).toBe((b += m.delta));
		});
	});
}

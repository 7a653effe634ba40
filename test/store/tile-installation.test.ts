/**
 * A completed tile order becomes an installation of its customer (RULES turn 3), on every backend,
 * in the same transaction as the completion; and T5 per model in the store: two rooms of one model
 * reserve and take out what one line of the whole area does. Figures worked by hand: 600×600
 * tiles, 4 a box, ¥128 a box; 10 m² + 11.6 m² = 21.6 m² + 5 % = 63 pieces → 16 boxes + 2 = 18.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { requireTileModel } from '../../nodes/shared/store/registers/tile-models';
import { cleanMeasurement, cleanOrderInput, cleanPayment } from '../../nodes/shared/rules/tile-order-inputs';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import { DEFAULT_VEHICLES } from '../../nodes/shared/rules/tile-vehicles';
import * as orders from '../../nodes/shared/services/tile-orders';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { DEFAULT_RESPONSE_HOURS } from '../../nodes/shared/rules/numbering';
import { rejectionOf } from '../harness/errors';
import { seedTileModels } from '../harness/tiles';
import type { Trx } from '../../nodes/shared/store/schema';

const TODAY = '2026-11-27';
const ctx = (today = TODAY) => ({ actor: 'test', now: new Date().toISOString(), today });

const twoRooms = () =>
	cleanOrderInput({
		customerName: '周先生',
		phone: '13812340888',
		address: '上海市闵行区莘庄路 18 号 602',
		depositYuan: 500,
		processing: false,
		lines: [
			{ modelCode: 'CZ-600', areaM2: 10 },
			{ modelCode: 'cz-600', areaM2: '11.6' },
		],
	});

async function stock(store: Store) {
	const m = await store.transaction((trx) => requireTileModel(trx, { modelCode: 'CZ-600' }));
	return { onHand: m.boxesOnHand, reserved: m.boxesReserved };
}

for (const backend of backends()) {
	describe(`tile order → installation on ${backend.name}`, () => {
		const opened: Store[] = [];
		async function fresh(onHand = 100): Promise<Store> {
			const s = await Store.open(backend.fresh());
			opened.push(s);
			await seedTileModels(s, { 'CZ-600': onHand }, ctx().now);
			return s;
		}
		afterEach(async () => {
			await Promise.all(opened.splice(0).map((s) => s.close()));
		});
		afterAll(() => backend.cleanup());

		/** Signed → measured → stock prepared → paid → delivered → installing → settled. */
		async function settledOrder(store: Store): Promise<string> {
			const { order } = await orders.createOrder(store, twoRooms(), ctx());
			const n = order.orderNumber;
			const step = <T>(fn: (trx: Trx) => Promise<T>) => store.transaction(fn);
			await step((trx) => orders.recordMeasurement(trx, n, cleanMeasurement({ measuredBy: '小张' }, 'Asia/Shanghai', ctx().now), ctx()));
			await step((trx) => orders.prepareStock(trx, n, ctx()));
			// 18 boxes × ¥128 = ¥2,304 − ¥500 deposit = ¥1,804.
			await step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: 1804, method: 'wechat' }), ctx()));
			await step((trx) => orders.recordDelivery(trx, n, { deliveryDate: '2026-11-26', installer: null }, DEFAULT_VEHICLES, ctx()));
			await step((trx) => orders.startInstallation(trx, n, ctx()));
			await step((trx) => orders.settleOrder(trx, n, ctx()));
			return n;
		}

		test('T5 per model: two rooms of one model are 63 pieces and 18 boxes, reserved and taken out of stock as one', async () => {
			const store = await fresh();
			const { order } = await orders.createOrder(store, twoRooms(), ctx());
			expect(order).toMatchObject({ goodsFen: 230_400, totalWeightKg: 468 });
			expect(order.lines.map((l) => [l.areaM2, l.piecesNeeded, l.boxes, l.extraBoxes])).toEqual([
				[10, 30, 10, 2],
				[11.6, 33, 8, 0],
			]);
			expect(order.models).toEqual([
				{
					modelCode: 'CZ-600',
					name: expect.any(String),
					size: '600×600',
					lineNos: [1, 2],
					areaM2: 21.6,
					extraBoxes: 2,
					piecesNeeded: 63,
					boxes: 18,
					weightKg: 468,
					amountFen: 230_400,
					boxesReserved: 0,
					shortBoxes: 0,
				},
			]);
			const n = order.orderNumber;
			await store.transaction((trx) => orders.recordMeasurement(trx, n, cleanMeasurement({ measuredBy: '小张' }, 'Asia/Shanghai', ctx().now), ctx()));
			const prepared = await store.transaction((trx) => orders.prepareStock(trx, n, ctx()));
			expect(prepared.models[0]).toMatchObject({ boxes: 18, boxesReserved: 18, shortBoxes: 0 });
			expect(await stock(store)).toEqual({ onHand: 100, reserved: 18 });
		});

		test('T5 per model: 18 boxes on hand are enough for the two rooms (per line it would have been 21)', async () => {
			const store = await fresh(18);
			const { order } = await orders.createOrder(store, twoRooms(), ctx());
			expect(order.stockSufficient).toBe(true);
			await store.transaction((trx) =>
				orders.recordMeasurement(trx, order.orderNumber, cleanMeasurement({ measuredBy: '小张' }, 'Asia/Shanghai', ctx().now), ctx()),
			);
			await store.transaction((trx) => orders.prepareStock(trx, order.orderNumber, ctx()));
			expect(await stock(store)).toEqual({ onHand: 18, reserved: 18 });
		});

		test('completion registers the installation (serial no = order number, its models, 12 months) with the stock, in one transaction', async () => {
			const store = await fresh();
			const n = await settledOrder(store);
			const done = await store.transaction((trx) => orders.completeOrder(trx, n, ctx()));
			expect(done.status).toBe('completed');
			expect(await stock(store)).toEqual({ onHand: 82, reserved: 0 });
			const units = await store.db.selectFrom('installations').selectAll().execute();
			expect(units).toHaveLength(1);
			const customer = await store.db.selectFrom('customers').select(['id', 'name']).where('name', '=', '周先生').executeTakeFirstOrThrow();
			expect(units[0]).toMatchObject({
				serialNo: n,
				customerId: customer.id,
				completedOn: TODAY,
				warrantyUntil: '2027-11-27',
			});
			expect(units[0].description).toMatch(/^瓷砖铺贴 Tile installation: CZ-600 .+ 600×600 21\.6 m²$/);
			expect(done.history.at(-1)).toMatchObject({
				action: 'complete',
				details: { installation: { serialNo: n, completedOn: TODAY, warrantyUntil: '2027-11-27', created: true } },
			});
		});

		test('one transaction: an installation that cannot be registered (warranty 0 months) leaves the order settled and the stock reserved', async () => {
			const store = await fresh();
			const n = await settledOrder(store);
			const refused = await rejectionOf<Error>([RuleViolation, ValidationError], () =>
				store.transaction((trx) => orders.completeOrder(trx, n, ctx(), { warrantyMonths: 0 })),
			);
			expect(refused.message).toMatch(/Installation warranty \(months\): "0" is not allowed/);
			expect((await store.transaction((trx) => orders.getOrder(trx, n))).status).toBe('settled');
			expect(await stock(store)).toEqual({ onHand: 100, reserved: 18 });
			expect(await store.db.selectFrom('installations').selectAll().execute()).toEqual([]);
		});

		test('the warranty is configurable: 24 months', async () => {
			const store = await fresh();
			const n = await settledOrder(store);
			await store.transaction((trx) => orders.completeOrder(trx, n, ctx(), { warrantyMonths: 24 }));
			expect(await store.db.selectFrom('installations').select(['serialNo', 'warrantyUntil']).execute()).toEqual([
				{ serialNo: n, warrantyUntil: '2028-11-27' },
			]);
		});

		test('a completion refused (balance not settled) registers no installation; a second completion none either', async () => {
			const store = await fresh();
			const { order } = await orders.createOrder(store, twoRooms(), ctx());
			const refused = await rejectionOf<Error>([RuleViolation, ValidationError], () =>
				store.transaction((trx) => orders.completeOrder(trx, order.orderNumber, ctx())),
			);
			expect(refused.message).toMatch(/cannot be completed/);
			expect(await store.db.selectFrom('installations').selectAll().execute()).toEqual([]);
			const n = await settledOrder(store);
			await store.transaction((trx) => orders.completeOrder(trx, n, ctx()));
			await rejectionOf<Error>([RuleViolation, ValidationError], () => store.transaction((trx) => orders.completeOrder(trx, n, ctx())));
			expect(await store.db.selectFrom('installations').select('serialNo').execute()).toEqual([{ serialNo: n }]);
		});

		test('when the customer calls: within 12 months the report finds the unit and is free (C); after them it is not', async () => {
			const store = await fresh();
			const n = await settledOrder(store);
			await store.transaction((trx) => orders.completeOrder(trx, n, ctx()));
			const report = (now: string, today: string) =>
				registerTicket(
					store,
					cleanRepairReport(
						{ customerName: '周先生', phone: '13812340888', address: '上海市闵行区莘庄路 18 号 602', siteSituation: '客厅瓷砖空鼓' },
						'Asia/Shanghai',
						now,
					),
					{ responseHours: DEFAULT_RESPONSE_HOURS, today, actor: 'test', now },
				);
			const within = await report('2027-11-27T02:00:00.000Z', '2027-11-27');
			expect(within.customerCreated).toBe(false);
			expect(within.ticket).toMatchObject({ category: 'C', basis: `Installation ${n} is under warranty until 2027-11-27` });
			const after = await report('2027-11-28T02:00:00.000Z', '2027-11-28');
			expect(after.ticket.category).not.toBe('C');
		});
	});
}

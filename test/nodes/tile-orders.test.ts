/** The tile order (T1–T12) through the Register node on n8n's real engine, on every backend: each step, its documents, its refusals. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const html = (out: INodeExecutionData, key: string) => Buffer.from(out.binary![key].data, 'base64').toString('utf8');

for (const backend of backends()) {
	describe(`tile orders through the Register on ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeAll(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config), companyName: '瓷砖 & 石材店' } };
			const models = [
				{ 型号: 'CZ-600', 名称: '抛光砖', 宽mm: 600, 长mm: 600, 厚mm: '9.5', 每箱片数: 4, 每箱重量kg: 26, 每箱单价: 128, 库存箱数: 100 },
				{
					modelCode: 'CZ-1200',
					name: '岩板',
					widthMm: 600,
					heightMm: 1200,
					thicknessMm: 10.5,
					piecesPerBox: 2,
					boxWeightKg: 28.5,
					pricePerBoxYuan: 188,
					boxesOnHand: 30,
				},
			];
			const seeded = await runWorkflow(
				withItems(models, chain(storeNode('Seed', TYPES.register, { resource: 'import', operation: 'importRows', register: 'tile-models' }))),
				credentials,
			);
			expect(seeded.output('Seed')[0].json).toMatchObject({ created: 2, rejected: [] });
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		async function step(operation: string, item: IDataObject, parameters: IDataObject = {}) {
			const r = await runWorkflow(
				withItems(
					[item],
					chain(storeNode('Step', TYPES.register, { resource: 'tileOrder', operation, ...parameters }, { onError: 'continueRegularOutput' })),
				),
				credentials,
			);
			return r.output('Step')[0];
		}

		test('from the order body to completion, with the documents of each step', async () => {
			const created = await step('create', {
				customerName: '陈女士 <script>x</script>',
				phone: '13812345678',
				address: '上海市徐汇区',
				email: 'Chen@Example.com',
				depositYuan: '2000',
				processing: true,
				installer: { name: '李师傅', phone: '13900000001' },
				lines: [
					{ modelCode: 'CZ-600', areaM2: 21.6 },
					{ modelCode: 'CZ-1200', lengthM: 3, widthM: 2.4 },
				],
			});
			expect(created.json).toMatchObject({
				status: 'signed',
				depositFen: 200_000,
				goodsFen: 380_800,
				totalWeightKg: 696,
				stockSufficient: true,
				duplicate: false,
				customerCreated: true,
				email: 'chen@example.com',
			});
			expect(created.binary).toBeUndefined(); // no document before its step
			const n = String(created.json.orderNumber);
			expect(n).toMatch(/^DD-\d{8}-0001$/);

			expect(
				(
					await step('scheduleMeasurement', {
						orderNumber: n,
						appointmentAt: '2026-11-28 10:00',
						keyHolder: { name: '物业王', phone: '13700000009' },
					})
				).json.appointment,
			).toEqual({
				appointmentAt: '2026-11-28T02:00:00.000Z',
				keyHolder: { name: '物业王', phone: '13700000009' },
				notes: null,
			});
			expect((await step('recordMeasurement', { orderNumber: n, measuredBy: '小张' })).json.status).toBe('measured');
			expect((await step('prepareStock', { orderNumber: n })).json.status).toBe('stock-prepared');

			const sent = await step('sendProcessing', {
				orderNumber: n,
				factory: '佛山精工',
				factoryEmail: 'factory@example.com',
				lines: [{ modelCode: 'CZ-1200', pieces: 6, cutting: '切成 600×600', chamfering: true }],
			});
			expect(sent.json.status).toBe('processing-sent');
			expect(sent.json.processingSheetRows).toEqual([
				{
					序号: 1,
					型号: 'CZ-1200',
					名称: '岩板',
					'规格(mm)': '600×1200',
					加工整砖数: 6,
					切割: '切成 600×600',
					'磨边/倒边': '',
					倒角: '是',
					备注: '',
				},
			]);
			const sheet = html(sent, 'processingSheet');
			expect(sheet).toMatch(/<title>加工单 DD-/);
			expect(sheet).toContain('佛山精工');
			expect(sheet).toContain('瓷砖 &amp; 石材店'); // the letterhead, escaped

			const confirmed = await step('confirmProcessing', { orderNumber: n, completionDate: '2026-12-03', feeYuan: 120 });
			expect(confirmed.json).toMatchObject({ status: 'processed', processingSheet: { completionDate: '2026-12-03', feeFen: 12_000 } });

			const noticed = await step('issuePaymentNotice', { orderNumber: n });
			const notice = html(noticed, 'paymentNotice');
			expect(notice).toMatch(/<title>付款通知单 DD-/);
			expect(notice).toContain('¥1928.00'); // 3808 + 120 − 2000
			expect(notice).toContain('陈女士 &lt;script&gt;x&lt;/script&gt;');
			expect(notice).not.toContain('<script>x');
			const english = await step('get', { orderNumber: n }, { language: 'en' });
			expect(html(english, 'paymentNotice')).toMatch(/<title>Payment Notice DD-/);

			const over = await step('recordPayment', { orderNumber: n, amountYuan: 1928.01, method: 'wechat' });
			expect(over.json).toMatchObject({ details: { kind: 'refused', errors: [{ field: 'amountYuan' }] } });
			expect((await step('recordPayment', { orderNumber: n, amountYuan: 1928, method: 'wechat' })).json).toMatchObject({
				status: 'paid',
				paidFen: 192_800,
				balanceFen: 0,
			});

			const delivered = await step('recordDelivery', { orderNumber: n, deliveryDate: '2026-12-05' });
			expect(delivered.json.delivery).toMatchObject({ freightFen: 15_000, trips: [{ vehicle: 'van', loadKg: 696 }] });
			const note = html(delivered, 'deliveryNote');
			expect(note).toMatch(/<title>送货单 DD-/);
			expect(note).toContain('面包车 (van)');
			expect(note).toContain('696');
			expect(note).not.toContain('150.00'); // the freight is the store's cost, not on the customer's note

			expect((await step('recordPayment', { orderNumber: n, amountYuan: 1, method: 'cash' })).json).toMatchObject({ details: { kind: 'refused' } });
			expect((await step('startInstallation', { orderNumber: n })).json).toMatchObject({
				status: 'installing',
				installationStartedAt: expect.any(String),
			});
			expect((await step('recordSecondary', { orderNumber: n, kind: 'extra', modelCode: 'CZ-600', boxes: 2 })).json.status).toBe('installing');
			const tooMany = await step('recordSecondary', { orderNumber: n, kind: 'return', modelCode: 'CZ-1200', boxes: 9 });
			expect(tooMany.json).toMatchObject({ details: { kind: 'refused', errors: [{ field: 'boxes' }] } });
			await step('recordSecondary', { orderNumber: n, kind: 'return', modelCode: 'CZ-1200', boxes: 3 });
			await step('recordSecondary', { orderNumber: n, kind: 'reprocessing', feeYuan: 50, notes: '补切两片' });

			const settled = await step('settle', { orderNumber: n });
			expect(settled.json.settlement).toEqual({
				goodsFen: 380_800,
				processingFen: 12_000,
				extraFen: 25_600,
				returnsFen: 56_400,
				reprocessingFen: 5_000,
				depositFen: 200_000,
				paidFen: 192_800,
				balanceFen: -25_800,
			});
			const statement = html(settled, 'settlementStatement');
			expect(statement).toMatch(/<title>结算单 DD-/);
			expect(statement).toContain('本店应退还');
			expect(statement).toContain('¥258.00');
			expect((await step('complete', { orderNumber: n })).json).toMatchObject({ details: { kind: 'refused' } });
			await step('recordPayment', { orderNumber: n, amountYuan: -258, method: 'wechat', reason: '退砖退款' });
			// A bad warranty fails the item naming the field; nothing is completed.
			const badWarranty = await step('complete', { orderNumber: n }, { installationWarrantyMonths: 0 });
			expect(badWarranty.json).toMatchObject({ details: { errors: [{ field: 'installationWarrantyMonths' }] } });
			expect(String(badWarranty.json.error)).toMatch(/^铺贴质保月数/);
			const done = await step('complete', { orderNumber: n }, { installationWarrantyMonths: 18 });
			expect(done.json).toMatchObject({ status: 'completed', balanceFen: 0 });
			// The order became an installation of its customer: serial no = the order number, 18 months from today (Shanghai).
			const today = DateTime.now().setZone('Asia/Shanghai').toISODate()!;
			const units = await (
				await getStore(config)
			).db
				.selectFrom('installations')
				.select(['serialNo', 'description', 'completedOn', 'warrantyUntil'])
				.execute();
			expect(units).toEqual([
				{
					serialNo: n,
					description: '瓷砖铺贴 Tile installation: CZ-600 抛光砖 600×600 21.6 m²; CZ-1200 岩板 600×1200 7.2 m²',
					completedOn: today,
					warrantyUntil: DateTime.fromISO(today).plus({ months: 18 }).toISODate(),
				},
			]);
			expect(Object.keys(done.binary!).sort()).toEqual(['deliveryNote', 'paymentNotice', 'processingSheet', 'settlementStatement']);

			const store = await getStore(config);
			expect(
				await store.db.selectFrom('tileModels').select(['modelCode', 'boxesOnHand', 'boxesReserved', 'thicknessMm']).orderBy('modelCode').execute(),
			).toEqual([
				{ modelCode: 'CZ-1200', boxesOnHand: 25, boxesReserved: 0, thicknessMm: 10.5 },
				{ modelCode: 'CZ-600', boxesOnHand: 80, boxesReserved: 0, thicknessMm: 9.5 },
			]);

			const many = await runWorkflow(
				withItems(
					[{}],
					chain(
						storeNode('List', TYPES.register, { resource: 'tileOrder', operation: 'getMany', returnAll: true, filters: { status: ['completed'] } }),
					),
				),
				credentials,
			);
			expect(many.output('List').map((o) => [o.json.orderNumber, o.json.status, o.json.goodsFen, o.json.balanceFen])).toEqual([
				[n, 'completed', 380_800, 0],
			]);
		});

		test('cancelled before delivery: the reserved boxes go back; a cancelled order takes no more steps', async () => {
			const created = await step('create', {
				customerName: '取消客户',
				phone: '13800005555',
				address: '上海',
				depositYuan: 0,
				lines: [{ modelCode: 'CZ-600', areaM2: 3.6 }],
			});
			const n = String(created.json.orderNumber);
			await step('recordMeasurement', { orderNumber: n });
			// 3.6 m² + 5 % = 3.78 / 0.36 = 10.5 → 11 pieces → 3 boxes of 4, + 2 = 5 boxes.
			expect((await step('prepareStock', { orderNumber: n })).json).toMatchObject({ lines: [{ boxes: 5, boxesReserved: 5 }] });
			const store = await getStore(config);
			const reserved = async () =>
				(await store.db.selectFrom('tileModels').select('boxesReserved').where('modelCode', '=', 'CZ-600').executeTakeFirstOrThrow()).boxesReserved;
			const before = await reserved();
			const cancelled = await step('cancel', { orderNumber: n, reason: '客户改用木地板' });
			expect(cancelled.json).toMatchObject({ status: 'cancelled', cancelReason: '客户改用木地板', lines: [{ boxesReserved: 0 }] });
			expect(await reserved()).toBe(before - 5);
			expect((await step('prepareStock', { orderNumber: n })).json).toMatchObject({
				details: { kind: 'refused', errors: [{ field: 'status', message: expect.stringMatching(/it was cancelled/) }] },
			});
		});

		test('an order defined in the node, with an unknown model: refused with the line named, no number taken', async () => {
			const store = await getStore(config);
			const last = async () =>
				(await store.db.selectFrom('tileOrders').select('orderNumber').orderBy('id', 'desc').executeTakeFirstOrThrow()).orderNumber;
			const before = await last();
			const bad = await step(
				'create',
				{},
				{
					dataMode: 'define',
					order: { customerName: '周先生', phone: '13800000002', address: '上海', depositYuan: '0' },
					lines: {
						line: [
							{ modelCode: 'NOPE', areaM2: '10' },
							{ modelCode: 'CZ-600', areaM2: '10', wastagePct: '60' },
						],
					},
				},
			);
			expect(bad.json.details).toEqual({
				kind: 'invalid',
				errors: [{ field: 'lines[1].wastagePct', message: expect.stringMatching(/60 % is out of range/) }],
			});
			const unknown = await step(
				'create',
				{},
				{
					dataMode: 'define',
					order: { customerName: '周先生', phone: '13800000002', address: '上海', depositYuan: '0' },
					lines: { line: [{ modelCode: 'NOPE', areaM2: '10' }] },
				},
			);
			expect(unknown.json.details).toEqual({
				kind: 'invalid',
				errors: [{ field: 'lines[0].modelCode', message: expect.stringMatching(/"NOPE" is not a tile model of the stock register/) }],
			});
			const good = await step(
				'create',
				{},
				{
					dataMode: 'define',
					order: {
						customerName: '周先生',
						phone: '13800000002',
						address: '上海',
						depositYuan: '0',
						installerName: '王工',
						installerPhone: '13900000002',
					},
					lines: { line: [{ modelCode: 'CZ-600', areaM2: '10', layout: 'diagonal' }] },
				},
			);
			expect(good.json).toMatchObject({
				status: 'signed',
				installer: { name: '王工', phone: '13900000002' },
				lines: [{ wastagePct: 10, layout: 'diagonal', piecesNeeded: 31 }],
			}); // 11 / 0.36 = 30.6
			// The refused orders took no number: the next one follows the last before them.
			expect(Number(String(good.json.orderNumber).slice(-4))).toBe(Number(before.slice(-4)) + 1);
			// Get Many's money (grouped queries) is each order's own, as Get gives it.
			const many = (
				await runWorkflow(
					withItems([{}], chain(storeNode('List', TYPES.register, { resource: 'tileOrder', operation: 'getMany', returnAll: true }))),
					credentials,
				)
			).output('List');
			expect(many.length).toBeGreaterThanOrEqual(3);
			for (const o of many) {
				const one = await step('get', { orderNumber: o.json.orderNumber });
				expect([o.json.orderNumber, o.json.goodsFen, o.json.balanceFen, o.json.status]).toEqual([
					one.json.orderNumber,
					one.json.goodsFen,
					one.json.balanceFen,
					one.json.status,
				]);
			}
			expect(many.map((o) => o.json.orderNumber)).toEqual([...many.map((o) => String(o.json.orderNumber))].sort().reverse());
		});
	});
}

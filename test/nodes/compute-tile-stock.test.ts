/** Compute Tile Stock on n8n's real engine: Estimate with no store at all, Check Stock and Reserve for Order on every backend. */
import type { IDataObject, INode, INodeType } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, loadPackageNodeTypes, runWorkflow, storeNode, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const tileStock = (parameters: INode['parameters'], extra: Partial<INode> = {}) => ({ name: 'Stock', type: TYPES.tileStock, parameters, ...extra });

test('the store credential is asked for only in Check Stock and Reserve for Order', async () => {
	const type = (await loadPackageNodeTypes())[TYPES.tileStock] as INodeType;
	expect(type.description.credentials).toEqual([
		{
			name: 'afterSalesStore',
			required: true,
			testedBy: 'afterSalesStoreConnectionTest',
			displayOptions: { show: { mode: ['checkStock', 'reserveForOrder'] } },
		},
	]);
});

describe('Estimate: no store, no credential', () => {
	test('21.6 m² of 600×600 + 5 % is 63 pieces: 16 boxes + 2, weight, amount, a van', async () => {
		const wf = withItems(
			[{ tileWidthMm: 600, tileHeightMm: 600, piecesPerBox: 4, boxWeightKg: 26, pricePerBoxYuan: '128', areaM2: '21.6' }],
			chain(tileStock({ mode: 'estimate' })),
		);
		// No credentials at all: the run must not ask for the store.
		const r = await runWorkflow(wf, {});
		expect(r.error()).toBeUndefined();
		const [out] = r.output('Stock');
		expect(out.pairedItem).toEqual([{ item: 0 }]);
		expect(out.json).toEqual({
			mode: 'estimate',
			lines: [
				{
					modelCode: null,
					name: null,
					tileWidthMm: 600,
					tileHeightMm: 600,
					areaM2: 21.6,
					wastagePct: 5,
					layout: 'straight',
					extraBoxes: 2,
					piecesNeeded: 63,
					boxes: 18,
					weightKg: 468,
					amountFen: 230_400,
					boxesAvailable: null,
					shortBoxes: null,
				},
			],
			models: [
				{
					modelCode: null,
					name: null,
					lines: 1,
					areaM2: 21.6,
					extraBoxes: 2,
					piecesNeeded: 63,
					boxes: 18,
					weightKg: 468,
					amountFen: 230_400,
					boxesAvailable: null,
					shortBoxes: null,
				},
			],
			totals: { piecesNeeded: 63, boxes: 18, weightKg: 468, amountFen: 230_400, shortBoxes: null },
			stockSufficient: null,
			vehiclePlan: {
				trips: [{ vehicle: 'van', vehicleName: '面包车', payloadKg: 1000, loadKg: 468, boxes: 18, freightFen: 15_000 }],
				freightFen: 15_000,
			},
		});
	});

	test('rooms in mm, layouts, extra boxes and an edited vehicle table; one item per line', async () => {
		const items = [
			{ tileWidthMm: 750, tileHeightMm: 1500, piecesPerBox: 2, boxWeightKg: 45, lengthMm: 4500, widthMm: 3000 },
			{ tileWidthMm: 750, tileHeightMm: 1500, piecesPerBox: 2, boxWeightKg: 45, lengthMm: 4500, widthMm: 3000 },
		];
		const wf = withItems(
			items,
			chain(
				tileStock({
					mode: 'estimate',
					areaUnit: 'mm',
					layout: 'herringbone',
					extraBoxes: 0,
					output: 'lines',
					vehicles: { vehicle: [{ code: 'truck', name: '货车', payloadKg: 500, freightYuan: 99.5 }] },
				}),
			),
		);
		const out = (await runWorkflow(wf, {})).output('Stock');
		// 13.5 m² × 1.15 = 15.525 / 1.125 = 13.8 → 14 pieces → 7 boxes, 315 kg each line.
		expect(out.map((o) => [o.pairedItem, o.json.piecesNeeded, o.json.boxes, o.json.weightKg, o.json.wastagePct, o.json.amountFen])).toEqual([
			[{ item: 0 }, 14, 7, 315, 15, null],
			[{ item: 1 }, 14, 7, 315, 15, null],
		]);
		const summary = await runWorkflow(
			withItems(
				items,
				chain(
					tileStock({
						mode: 'estimate',
						areaUnit: 'mm',
						layout: 'herringbone',
						extraBoxes: 0,
						vehicles: { vehicle: [{ code: 'truck', name: '货车', payloadKg: 500, freightYuan: 99.5 }] },
					}),
				),
			),
			{},
		);
		// 630 kg on 500 kg trucks: one full of 11 boxes (495 kg), the rest (135 kg) on another.
		expect(summary.output('Stock')[0].json.vehiclePlan).toEqual({
			trips: [
				{ vehicle: 'truck', vehicleName: '货车', payloadKg: 500, loadKg: 495, boxes: 11, freightFen: 9950 },
				{ vehicle: 'truck', vehicleName: '货车', payloadKg: 500, loadKg: 135, boxes: 3, freightFen: 9950 },
			],
			freightFen: 19_900,
		});
	});

	test('a bad item fails alone, paired, with the field named; without Continue On Fail the node stops at it', async () => {
		const items = [
			{ tileWidthMm: 600, tileHeightMm: 600, piecesPerBox: 4, boxWeightKg: 26, areaM2: 10 },
			{ tileWidthMm: 600, tileHeightMm: 600, piecesPerBox: 4, boxWeightKg: 26, areaM2: 0 },
			{ tileWidthMm: 600, tileHeightMm: 600, piecesPerBox: 4, boxWeightKg: 26, areaM2: 10 },
		];
		const out = (await runWorkflow(withItems(items, chain(tileStock({ mode: 'estimate' }, { onError: 'continueRegularOutput' }))), {})).output(
			'Stock',
		);
		expect(out).toHaveLength(2);
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
		expect((out[0].json.totals as IDataObject).piecesNeeded).toBe(30 + 30); // 10.5 / 0.36 = 29.17 → 30 each
		expect(out[1]).toMatchObject({ pairedItem: { item: 1 }, json: { details: { kind: 'invalid', errors: [{ field: 'areaM2' }] } } });
		expect(String(out[1].json.error)).toMatch(/Area \(面积 m²\): 0 is not allowed; expected square metres greater than 0/);
		const stopped = await runWorkflow(withItems(items, chain(tileStock({ mode: 'estimate' }))), {});
		expect(stopped.error()?.message).toMatch(/Area \(面积 m²\): 0 is not allowed/);
		expect((stopped.error() as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	});

	test('parameters read straight from the item give what n8n’s expression engine gives', async () => {
		const items = [
			{ tileWidthMm: 600, tileHeightMm: 600, piecesPerBox: 4, boxWeightKg: 26, areaM2: '21.6', rooms: 2 },
			{ tileWidthMm: 800, tileHeightMm: 800, piecesPerBox: 3, boxWeightKg: 30, areaM2: 10 },
			{ tileWidthMm: 600, tileHeightMm: 1200, piecesPerBox: 2, boxWeightKg: 28.5 },
		];
		// `={{ $json.areaM2 }}` (the default) is read from the item; the same field in brackets goes through n8n's expressions.
		const fast = (
			await runWorkflow(withItems(items, chain(tileStock({ mode: 'estimate', output: 'lines' }, { onError: 'continueRegularOutput' }))), {})
		).output('Stock');
		const slow = (
			await runWorkflow(
				withItems(
					items,
					chain(
						tileStock(
							{
								mode: 'estimate',
								output: 'lines',
								areaM2: '={{ ($json.areaM2) }}',
								tileWidthMm: '={{ ($json.tileWidthMm) }}',
								extraBoxes: '={{ 2 }}',
							},
							{ onError: 'continueRegularOutput' },
						),
					),
				),
				{},
			)
		).output('Stock');
		expect(fast.map((o) => o.json)).toEqual(slow.map((o) => o.json));
		expect(fast.map((o) => o.json.piecesNeeded ?? o.json.details)).toEqual([
			63,
			17,
			{ kind: 'invalid', errors: [{ field: 'areaM2', message: expect.stringMatching(/is empty/) }] },
		]);
		// Any other expression is n8n's: the area of two rooms.
		const doubled = (
			await runWorkflow(withItems([items[0]], chain(tileStock({ mode: 'estimate', areaM2: '={{ $json.areaM2 * $json.rooms }}' }))), {})
		).output('Stock');
		expect((doubled[0].json.lines as IDataObject[])[0]).toMatchObject({ areaM2: 43.2, piecesNeeded: 126 });
	});

	test('lines from a list in each item, one quote per item; a model code needs Check Stock', async () => {
		const wf = withItems(
			[
				{
					lines: [
						{
							tileWidthMm: 600,
							tileHeightMm: 1200,
							piecesPerBox: 2,
							boxWeightKg: 28.5,
							pricePerBoxYuan: 188,
							lengthM: 3,
							widthM: 2.4,
							wastagePct: '5',
						},
					],
				},
				{ lines: [{ modelCode: 'CZ-600', areaM2: 1 }] },
			],
			chain(tileStock({ mode: 'estimate', linesFrom: 'field', linesField: 'lines' }, { onError: 'continueRegularOutput' })),
		);
		const out = (await runWorkflow(wf, {})).output('Stock');
		expect(out[0].json.totals).toEqual({ piecesNeeded: 11, boxes: 8, weightKg: 228, amountFen: 150_400, shortBoxes: null });
		expect(out[1].json.details).toEqual({
			kind: 'invalid',
			errors: [{ field: 'lines[0].tileWidthMm', message: expect.stringMatching(/use Check Stock for models of the store/) }],
		});
	});
});

for (const backend of backends()) {
	describe(`Check Stock and Reserve for Order on ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeAll(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
			const models = [
				{
					modelCode: 'CZ-600',
					name: '抛光砖',
					widthMm: 600,
					heightMm: 600,
					thicknessMm: '9.5',
					piecesPerBox: 4,
					boxWeightKg: 26,
					pricePerBoxYuan: 128,
					boxesOnHand: 30,
				},
				{
					modelCode: 'CZ-1200',
					name: '岩板',
					widthMm: 600,
					heightMm: 1200,
					thicknessMm: 10.5,
					piecesPerBox: 2,
					boxWeightKg: 28.5,
					pricePerBoxYuan: 188,
					boxesOnHand: 100,
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

		test('models from the store: lines of one model share its available boxes; short boxes and stockSufficient', async () => {
			const wf = withItems(
				[
					{ modelCode: 'cz-600', areaM2: 21.6 },
					{ modelCode: 'CZ-600', areaM2: 10 },
					{ modelCode: 'ＣＺ－１２００', areaM2: 7.2 },
				],
				chain(storeNode('Stock', TYPES.tileStock, { mode: 'checkStock' })),
			);
			const [out] = (await runWorkflow(wf, credentials)).output('Stock');
			const lines = out.json.lines as IDataObject[];
			// T5 per model: 31.6 m² × 1.05 / 0.36 = 92.17 → 93 pieces → 24 boxes + 2 once = 26. The first line
			// takes its 63 pieces, 16 + 2 = 18 boxes of the 30 available; the second adds 30 pieces, 24 − 16 = 8 boxes, in the 12 left.
			expect(lines.map((l) => [l.modelCode, l.boxes, l.boxesAvailable, l.shortBoxes])).toEqual([
				['CZ-600', 18, 30, 0],
				['CZ-600', 8, 30, 0],
				['CZ-1200', 8, 100, 0],
			]);
			const more = withItems(
				[
					{ modelCode: 'CZ-600', areaM2: 21.6 },
					{ modelCode: 'CZ-600', areaM2: 21.6 },
				],
				chain(storeNode('Stock', TYPES.tileStock, { mode: 'checkStock' })),
			);
			const [short] = (await runWorkflow(more, credentials)).output('Stock');
			// 43.2 m² × 1.05 / 0.36 = 126 pieces → 32 boxes + 2 once = 34 (not 2 × 18): 4 short of the 30.
			expect((short.json.lines as IDataObject[]).map((l) => l.shortBoxes)).toEqual([0, 4]);
			expect(short.json).toMatchObject({ stockSufficient: false, totals: { boxes: 34, shortBoxes: 4 } });
			expect(short.json.models).toMatchObject([{ modelCode: 'CZ-600', lines: 2, areaM2: 43.2, piecesNeeded: 126, boxes: 34, shortBoxes: 4 }]);
		});

		test('a model picked from the list, a typed tile next to it, and an unknown model failing alone', async () => {
			const picked = withItems(
				[{ areaM2: 3.6 }],
				chain(storeNode('Stock', TYPES.tileStock, { mode: 'checkStock', model: { __rl: true, mode: 'list', value: 'CZ-1200' } })),
			);
			const [one] = (await runWorkflow(picked, credentials)).output('Stock');
			expect((one.json.lines as IDataObject[]).map((l) => [l.modelCode, l.piecesNeeded, l.boxesAvailable])).toEqual([['CZ-1200', 6, 100]]); // 3.78 / 0.72 = 5.25 → 6
			const mixed = withItems(
				[
					{ modelCode: 'CZ-1200', areaM2: 3.6 },
					{ areaM2: 1, tileWidthMm: 300, tileHeightMm: 300, piecesPerBox: 10, boxWeightKg: 12 },
					{ modelCode: 'NOPE', areaM2: 2 },
				],
				chain(
					storeNode(
						'Stock',
						TYPES.tileStock,
						{ mode: 'checkStock', tileSource: '={{ $json.tileWidthMm ? "dimensions" : "store" }}' },
						{ onError: 'continueRegularOutput' },
					),
				),
			);
			const out = (await runWorkflow(mixed, credentials)).output('Stock');
			expect((out[0].json.lines as IDataObject[]).map((l) => [l.modelCode, l.piecesNeeded, l.boxesAvailable])).toEqual([
				['CZ-1200', 6, 100],
				[null, 12, null], // 1.05 / 0.09 = 11.67 → 12
			]);
			expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
			expect(out[1]).toMatchObject({ pairedItem: { item: 2 }, json: { details: { kind: 'invalid', errors: [{ field: 'model' }] } } });
			expect(String(out[1].json.error)).toMatch(/"NOPE" is not a tile model of the stock register/);
		});

		test('Reserve for Order prepares a measured order’s stock and plans its vehicles; a second reservation is refused', async () => {
			const order = withItems(
				[{ customerName: '预留客户', phone: '13800001234', address: '上海', depositYuan: 500, lines: [{ modelCode: 'CZ-1200', areaM2: 7.2 }] }],
				chain(
					storeNode('Create', TYPES.register, { resource: 'tileOrder', operation: 'create' }),
					storeNode('Measure', TYPES.register, { resource: 'tileOrder', operation: 'recordMeasurement', measuredBy: '小张' }),
				),
			);
			const measured = (await runWorkflow(order, credentials)).output('Measure')[0].json;
			expect(measured.status).toBe('measured');
			const reserve = (n: unknown) =>
				runWorkflow(
					withItems(
						[{ orderNumber: n }],
						chain(storeNode('Stock', TYPES.tileStock, { mode: 'reserveForOrder' }, { onError: 'continueRegularOutput' })),
					),
					credentials,
				);
			const [out] = (await reserve(measured.orderNumber)).output('Stock');
			expect(out.json).toMatchObject({
				orderNumber: measured.orderNumber,
				status: 'stock-prepared',
				lines: [{ modelCode: 'CZ-1200', boxes: 8, boxesReserved: 8, shortBoxes: 0 }],
			});
			expect(out.json.vehiclePlan).toEqual({
				trips: [{ vehicle: 'van', vehicleName: '面包车', payloadKg: 1000, loadKg: 228, boxes: 8, freightFen: 15_000 }],
				freightFen: 15_000,
			});
			const store = await getStore(config);
			expect(await store.db.selectFrom('tileModels').select('boxesReserved').where('modelCode', '=', 'CZ-1200').executeTakeFirst()).toEqual({
				boxesReserved: 8,
			});
			const [again] = (await reserve(measured.orderNumber)).output('Stock');
			expect(again.json).toMatchObject({ details: { kind: 'refused' } });
			expect(String(again.json.error)).toMatch(/cannot have its stock prepared: its stock is already prepared/);
		});
	});
}

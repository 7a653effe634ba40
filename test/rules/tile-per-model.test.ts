/**
 * T5 per model (RULES turn 3): an order's lines of one tile model are summed before rounding
 * (pieces = ⌈total area / tile area × (1 + wastage)⌉) and the two extra boxes are added once per
 * model, not per line. Worked by hand with 600×600 tiles, 4 a box, 26 kg and ¥128 a box.
 */
import fc from 'fast-check';
import { lineFigures, lineQuantityOf, linesFiguresPerModel, quote, type TileFacts } from '../../nodes/shared/rules/tile-stock';

const tile = (over: Partial<TileFacts> = {}): TileFacts => ({
	modelCode: 'CZ-600',
	widthMm: 600,
	heightMm: 600,
	piecesPerBox: 4,
	boxWeightG: 26_000,
	pricePerBoxFen: 12_800,
	...over,
});
const line = (areaM2: string, over: Record<string, unknown> = {}, t: Partial<TileFacts> = {}) => ({
	tile: tile(t),
	quantity: lineQuantityOf({ areaM2, ...over }),
});

describe('T5 per model', () => {
	test('two rooms of one model (10 m² + 11.6 m²) prepare exactly what one 21.6 m² line does: 63 pieces, 16 + 2 boxes', () => {
		const two = quote([line('10'), line('11.6')]);
		const one = quote([line('21.6')]);
		expect(one.totals).toMatchObject({ piecesNeeded: 63, boxes: 18, weightKg: 468, amountFen: 18 * 12_800 });
		expect(two.totals).toEqual(one.totals);
		expect(two.models).toEqual([
			{
				modelCode: 'CZ-600',
				name: null,
				lines: 2,
				areaM2: 21.6,
				extraBoxes: 2,
				piecesNeeded: 63,
				boxes: 18,
				weightKg: 468,
				amountFen: 18 * 12_800,
				boxesAvailable: null,
				shortBoxes: null,
			},
		]);
		expect(two.vehiclePlan).toEqual(one.vehiclePlan);
	});

	test('the old way — each line rounded and given two extra boxes — would have prepared 64 pieces and 21 boxes', () => {
		const a = lineFigures(tile(), lineQuantityOf({ areaM2: '10' }));
		const b = lineFigures(tile(), lineQuantityOf({ areaM2: '11.6' }));
		// 10 × 1.05 / 0.36 = 29.17 → 30 pieces, 8 + 2 boxes; 11.6 × 1.05 / 0.36 = 33.83 → 34 pieces, 9 + 2 boxes.
		expect([a.piecesNeeded + b.piecesNeeded, a.boxes + b.boxes]).toEqual([64, 21]);
	});

	test('each line gets its share: the first line its own need with the extra boxes, the next what it adds to the model', () => {
		const { lines } = linesFiguresPerModel([line('10'), line('11.6')]);
		expect(lines).toEqual([
			{ piecesNeeded: 30, boxes: 10, extraBoxes: 2, weightG: 260_000, amountFen: 128_000 },
			{ piecesNeeded: 33, boxes: 8, extraBoxes: 0, weightG: 208_000, amountFen: 102_400 },
		]);
	});

	test('the extra boxes are added once per model: the largest any of its lines asks for', () => {
		const q = quote([line('10', { extraBoxes: 0 }), line('11.6', { extraBoxes: 3 })]);
		expect(q.models[0]).toMatchObject({ extraBoxes: 3, piecesNeeded: 63, boxes: 19 });
		expect(q.lines.map((l) => l.extraBoxes)).toEqual([3, 0]);
	});

	test('lines of one model with different wastage: each area with its own wastage, summed, then rounded once', () => {
		// 10 × 1.05 + 8 × 1.10 = 10.5 + 8.8 = 19.3 m² of tile over 0.36 = 53.6 → 54 pieces; 14 + 2 boxes.
		const q = quote([line('10'), line('8', { layout: 'diagonal' })]);
		expect(q.models[0]).toMatchObject({ piecesNeeded: 54, boxes: 16 });
	});

	test('a model code typed in another case or full-width is the same model', () => {
		const q = quote([line('10'), line('11.6', {}, { modelCode: 'ｃｚ-600 ' })]);
		expect(q.models).toHaveLength(1);
		expect(q.totals.boxes).toBe(18);
	});

	test('different models are rounded and given their extra boxes each, in the order they first appear', () => {
		const q = quote([line('10'), line('7.2', {}, { modelCode: 'CZ-612', widthMm: 600, heightMm: 1200, piecesPerBox: 2 }), line('11.6')]);
		expect(q.models.map((m) => [m.modelCode, m.lines, m.piecesNeeded, m.boxes])).toEqual([
			['CZ-600', 2, 63, 18],
			// 7.2 × 1.05 / 0.72 = 10.5 → 11 pieces, 6 + 2 boxes.
			['CZ-612', 1, 11, 8],
		]);
		expect(q.totals).toMatchObject({ piecesNeeded: 74, boxes: 26 });
	});

	test('tiles typed without a model code are each their own model', () => {
		const q = quote([line('10', {}, { modelCode: null }), line('11.6', {}, { modelCode: null })]);
		expect(q.models).toHaveLength(2);
		expect(q.totals.boxes).toBe(21);
	});

	test('stock per model: 18 boxes available cover the two rooms; 17 leave one short', () => {
		const withStock = (available: number) =>
			quote([
				{ ...line('10'), available },
				{ ...line('11.6'), available },
			]);
		expect(withStock(18)).toMatchObject({ stockSufficient: true, totals: { shortBoxes: 0 } });
		expect(withStock(17)).toMatchObject({ stockSufficient: false, totals: { shortBoxes: 1 } });
		expect(withStock(17).models[0]).toMatchObject({ boxesAvailable: 17, shortBoxes: 1 });
	});

	test('property: however one model’s area is split into rooms, the model prepares what one line of the whole area does', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 50_000_000 }), { minLength: 1, maxLength: 6 }),
				fc.integer({ min: 0, max: 150 }),
				fc.integer({ min: 1, max: 12 }),
				(areas, wastage, perBox) => {
					const t = tile({ piecesPerBox: perBox });
					const lines = areas.map((areaMm2) => ({ tile: t, quantity: { areaMm2, wastagePermille: wastage, extraBoxes: 2 } }));
					const whole = lineFigures(t, { areaMm2: areas.reduce((s, a) => s + a, 0), wastagePermille: wastage, extraBoxes: 2 });
					const { lines: shares, models } = linesFiguresPerModel(lines);
					expect(models[0]).toMatchObject({ piecesNeeded: whole.piecesNeeded, boxes: whole.boxes, amountFen: whole.amountFen });
					expect(shares.reduce((s, l) => s + l.boxes, 0)).toBe(whole.boxes);
					expect(shares.reduce((s, l) => s + l.piecesNeeded, 0)).toBe(whole.piecesNeeded);
					expect(shares.every((l) => l.boxes >= 0 && l.piecesNeeded >= 0)).toBe(true);
				},
			),
		);
	});
});

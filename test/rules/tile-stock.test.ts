import fc from 'fast-check';
import { RuleViolation } from '../../nodes/shared/rules/errors';
import {
	ceilDiv,
	extraBoxesOf,
	lineFigures,
	lineQuantityOf,
	scaledDecimal,
	shortBoxes,
	typedTileOf,
	wastagePermilleOf,
	type TileFacts,
} from '../../nodes/shared/rules/tile-stock';
import { problemsOf } from '../harness/errors';
import { DEFAULT_VEHICLES, planVehicles } from '../../nodes/shared/rules/tile-vehicles';

const tile = (over: Partial<TileFacts> = {}): TileFacts => ({
	widthMm: 600,
	heightMm: 600,
	piecesPerBox: 4,
	boxWeightG: 26_000,
	pricePerBoxFen: 12_800,
	...over,
});

const problems = (fn: () => unknown) => problemsOf(fn);

describe('pieces, boxes, weight and amount (T5)', () => {
	test('21.6 m² of 600×600 tiles + 5 % is exactly 63 pieces, never 64', () => {
		// The float way: 21.6 * 1.05 / 0.36 = 63.00000000000001 → 64. The rule must not.
		expect(Math.ceil((21.6 * 1.05) / 0.36)).toBe(64);
		const q = lineQuantityOf({ areaM2: 21.6 });
		expect(q).toEqual({ areaMm2: 21_600_000, wastagePermille: 50, layout: null, extraBoxes: 2 });
		const f = lineFigures(tile(), q);
		expect(f.piecesNeeded).toBe(63);
		// 63 pieces at 4 a box: 16 boxes, plus 2 extra.
		expect(f.boxes).toBe(18);
		expect(f.weightG).toBe(18 * 26_000);
		expect(f.amountFen).toBe(18 * 12_800);
	});

	test.each([
		// area m², tile w×h mm, wastage %, pieces — worked by hand
		['21.6', 600, 600, '5', 63], // 21.6 × 1.05 / 0.36 = 63 exactly
		['21.6', 600, 600, '0', 60], // 21.6 / 0.36 = 60 exactly
		['21.61', 600, 600, '5', 64], // a little more area: the next tile
		['10', 800, 800, '5', 17], // 10.5 / 0.64 = 16.40625
		['7.2', 600, 1200, '5', 11], // 7.56 / 0.72 = 10.5
		['14.4', 600, 1200, '5', 21], // 15.12 / 0.72 = 21 exactly
		['33.75', 750, 1500, '0', 30], // 33.75 / 1.125 = 30 exactly
		['33.75', 750, 1500, '10', 33], // 37.125 / 1.125 = 33 exactly
		['0.36', 600, 600, '0', 1],
		['0.000001', 600, 600, '0', 1], // one mm² still needs a tile
		['9', 300, 300, '7.5', 108], // 9.675 / 0.09 = 107.5
	])('%s m² of %d×%d at %s %% is %d pieces', (area, w, h, pct, pieces) => {
		const q = lineQuantityOf({ areaM2: area, wastagePct: pct, extraBoxes: 0 });
		expect(lineFigures(tile({ widthMm: w, heightMm: h, piecesPerBox: 1 }), q).piecesNeeded).toBe(pieces);
	});

	test('the room as length × width in metres or millimetres gives the same pieces as its area', () => {
		const a = lineFigures(tile(), lineQuantityOf({ areaM2: '21.6' }));
		const b = lineFigures(tile(), lineQuantityOf({ lengthM: 4.8, widthM: '4.5' }));
		const c = lineFigures(tile(), lineQuantityOf({ lengthMm: 4800, widthMm: '4500' }));
		expect(b).toEqual(a);
		expect(c).toEqual(a);
	});

	test('layouts waste more: straight 5 %, diagonal 10 %, herringbone 15 %; a wastage given wins', () => {
		expect(wastagePermilleOf({})).toEqual({ wastagePermille: 50, layout: null });
		expect(wastagePermilleOf({ layout: 'diagonal' })).toEqual({ wastagePermille: 100, layout: 'diagonal' });
		expect(wastagePermilleOf({ layout: '人字铺' })).toEqual({ wastagePermille: 150, layout: 'herringbone' });
		expect(wastagePermilleOf({ layout: 'herringbone', wastagePct: 12 })).toEqual({ wastagePermille: 120, layout: 'herringbone' });
		expect(wastagePermilleOf({ wastagePct: '7.5%' }).wastagePermille).toBe(75);
	});

	test('without a price the amount is null (a quick estimate from typed sizes)', () => {
		expect(lineFigures(tile({ pricePerBoxFen: null }), lineQuantityOf({ areaM2: 1 })).amountFen).toBeNull();
	});

	test('short boxes: what the line needs beyond what is available, never negative', () => {
		expect(shortBoxes(18, 20)).toBe(0);
		expect(shortBoxes(18, 18)).toBe(0);
		expect(shortBoxes(18, 5)).toBe(13);
		expect(shortBoxes(18, -3)).toBe(18);
	});
});

describe('bad lines name the field and what is expected', () => {
	test.each([
		[{ areaM2: 0 }, 'areaM2', /greater than 0/],
		[{ areaM2: -3 }, 'areaM2', /greater than 0/],
		[{ areaM2: 'abc' }, 'areaM2', /not a number/],
		[{ areaM2: 200_000 }, 'areaM2', /too large/],
		[{}, 'areaM2', /is empty/],
		[{ lengthM: 4 }, 'widthM', /metres greater than 0/],
		[{ lengthMm: 0, widthMm: 3000 }, 'lengthMm', /millimetres greater than 0/],
		[{ areaM2: 10, wastagePct: 51 }, 'wastagePct', /out of range; expected a percentage from 0 to 50/],
		[{ areaM2: 10, wastagePct: -1 }, 'wastagePct', /out of range/],
		[{ areaM2: 10, wastagePct: '7.55' }, 'wastagePct', /at most one decimal/],
		[{ areaM2: 10, layout: 'zigzag' }, 'layout', /expected one of straight, diagonal, herringbone/],
		[{ areaM2: 10, extraBoxes: 2.5 }, 'extraBoxes', /whole number from 0 to 100/],
	])('%p → %s', (input, field, message) => {
		const p = problems(() => lineQuantityOf(input, 'lines[2]'));
		expect(p.map((x) => x.field)).toContain(`lines[2].${field}`);
		expect(p.find((x) => x.field === `lines[2].${field}`)!.message).toMatch(message);
	});

	test('every problem of a line at once', () => {
		const p = problems(() => lineQuantityOf({ areaM2: -1, wastagePct: 80, extraBoxes: -1 }, 'lines[0]'));
		expect(p.map((x) => x.field)).toEqual(['lines[0].areaM2', 'lines[0].wastagePct', 'lines[0].extraBoxes']);
	});

	test('a typed tile needs its size, pieces per box and box weight; the price is optional', () => {
		const p = problems(() => typedTileOf({ tileWidthMm: 600, tileHeightMm: '9.5', piecesPerBox: 0 }, 'lines[0]'));
		expect(p.map((x) => x.field)).toEqual(['lines[0].tileHeightMm', 'lines[0].piecesPerBox', 'lines[0].boxWeightKg']);
		expect(typedTileOf({ tileWidthMm: 750, tileHeightMm: 1500, piecesPerBox: 2, boxWeightKg: '45.5' })).toMatchObject({
			widthMm: 750,
			heightMm: 1500,
			boxWeightG: 45_500,
			pricePerBoxFen: null,
		});
		expect(typedTileOf({ tileWidthMm: 750, tileHeightMm: 1500, piecesPerBox: 2, boxWeightKg: 45.5, pricePerBoxYuan: '188.5' }).pricePerBoxFen).toBe(
			18_850,
		);
	});

	test('extra boxes default to 2', () => {
		expect(extraBoxesOf(undefined)).toBe(2);
		expect(extraBoxesOf('')).toBe(2);
		expect(extraBoxesOf(0)).toBe(0);
	});
});

describe('scaledDecimal: decimals read exactly', () => {
	test.each([
		['21.6', 6, 21_600_000],
		[21.6, 6, 21_600_000],
		[0.1 + 0.2, 6, 300_000], // 0.30000000000000004 rounds at the scale
		['1,280.5', 2, 128_050],
		['２１．６', 1, 216],
		['.5', 1, 5],
		['7.55', 1, 76],
		['-3', 0, -3],
	])('%p at scale %d is %d', (value, scale, expected) => {
		expect(scaledDecimal(value, scale)).toBe(expected);
	});
	test.each(['', '.', 'abc', '1,20', '1e3x', NaN, Infinity, null, {}])('%p is no decimal', (value) => {
		expect(scaledDecimal(value, 3)).toBeUndefined();
	});

	test('property: any decimal with up to 6 places written as text reads back as its exact integer', () => {
		fc.assert(
			fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 999_999 }), (whole, frac) => {
				const text = `${whole}.${String(frac).padStart(6, '0')}`;
				expect(scaledDecimal(text, 6)).toBe(whole * 1_000_000 + frac);
			}),
		);
	});
});

describe('properties of the quantities', () => {
	const tiles = fc.record({
		widthMm: fc.integer({ min: 50, max: 1600 }),
		heightMm: fc.integer({ min: 50, max: 3200 }),
		piecesPerBox: fc.integer({ min: 1, max: 40 }),
		boxWeightG: fc.integer({ min: 1000, max: 80_000 }),
		pricePerBoxFen: fc.integer({ min: 0, max: 200_000 }),
	});
	const quantities = fc.record({
		areaMm2: fc.integer({ min: 1, max: 5_000 * 1_000_000 }),
		wastagePermille: fc.integer({ min: 0, max: 500 }),
		extraBoxes: fc.integer({ min: 0, max: 10 }),
	});

	test('pieces are the least whole number covering the area with wastage: (p − 1) tiles fall short, p tiles do not', () => {
		fc.assert(
			fc.property(tiles, quantities, (t, q) => {
				const { piecesNeeded: p } = lineFigures(t, q);
				// Exactly, in BigInt: p × tile × 1000 ≥ area × (1000 + w) > (p − 1) × tile × 1000.
				const need = BigInt(q.areaMm2) * BigInt(1000 + q.wastagePermille);
				const one = BigInt(t.widthMm * t.heightMm) * 1000n;
				expect(BigInt(p) * one >= need).toBe(true);
				expect(BigInt(p - 1) * one < need).toBe(true);
			}),
		);
	});

	test('boxes hold the pieces with the extra boxes on top; weight and amount follow the boxes', () => {
		fc.assert(
			fc.property(tiles, quantities, (t, q) => {
				const f = lineFigures(t, q);
				const whole = f.boxes - q.extraBoxes;
				expect(whole * t.piecesPerBox).toBeGreaterThanOrEqual(f.piecesNeeded);
				expect((whole - 1) * t.piecesPerBox).toBeLessThan(f.piecesNeeded);
				expect(f.weightG).toBe(f.boxes * t.boxWeightG);
				expect(f.amountFen).toBe(f.boxes * t.pricePerBoxFen!);
			}),
		);
	});

	test('more area or more wastage never needs fewer pieces', () => {
		fc.assert(
			fc.property(tiles, quantities, fc.nat({ max: 1_000_000 }), fc.nat({ max: 50 }), (t, q, moreArea, moreWaste) => {
				const base = lineFigures(t, q).piecesNeeded;
				expect(lineFigures(t, { ...q, areaMm2: q.areaMm2 + moreArea }).piecesNeeded).toBeGreaterThanOrEqual(base);
				expect(lineFigures(t, { ...q, wastagePermille: Math.min(500, q.wastagePermille + moreWaste) }).piecesNeeded).toBeGreaterThanOrEqual(base);
			}),
		);
	});

	test('an area that is an exact number of tiles with wastage gives exactly that number (the 63 case, generalised)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2000 }), fc.constantFrom([600, 600], [800, 800], [600, 1200], [750, 1500], [300, 300]), (n, [w, h]) => {
				// n tiles of w×h at +5 %: the area is n × w × h / 1.05, an exact number of mm² when it divides.
				const areaTimes1050 = n * w * h * 1000;
				fc.pre(areaTimes1050 % 1050 === 0);
				const areaMm2 = areaTimes1050 / 1050;
				// Through text, as a clerk types it in m² (up to 6 decimals).
				const m2 = `${Math.floor(areaMm2 / 1_000_000)}.${String(areaMm2 % 1_000_000).padStart(6, '0')}`;
				const q = lineQuantityOf({ areaM2: m2, extraBoxes: 0 });
				expect(lineFigures(tile({ widthMm: w, heightMm: h }), q).piecesNeeded).toBe(n);
			}),
		);
	});

	test('ceilDiv is the exact ceiling', () => {
		fc.assert(
			fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 1e12 }), (a, b) => {
				const q = ceilDiv(a, b);
				expect(BigInt(q) * BigInt(b) >= BigInt(a)).toBe(true);
				expect(BigInt(q - 1) * BigInt(b) < BigInt(a)).toBe(true);
			}),
		);
	});
});

describe('vehicle plan (T9)', () => {
	test('the lightest class that carries the load wins, with its freight', () => {
		const plan = planVehicles([{ boxes: 30, boxWeightG: 26_000 }]); // 780 kg
		expect(plan).toEqual({
			trips: [{ vehicle: 'van', vehicleName: '面包车', payloadKg: 1000, loadG: 780_000, boxes: 30, freightFen: 15_000 }],
			totalWeightG: 780_000,
			freightFen: 15_000,
		});
		expect(planVehicles([{ boxes: 40, boxWeightG: 25_000 }]).trips.map((t) => t.vehicle)).toEqual(['van']); // exactly 1000 kg
		expect(planVehicles([{ boxes: 41, boxWeightG: 25_000 }]).trips.map((t) => t.vehicle)).toEqual(['light-truck']);
		expect(planVehicles([{ boxes: 100, boxWeightG: 30_000 }]).trips.map((t) => t.vehicle)).toEqual(['medium-truck']);
		expect(planVehicles([{ boxes: 300, boxWeightG: 30_000 }]).trips.map((t) => t.vehicle)).toEqual(['heavy-truck']);
	});

	test('overweight splits into full heavy trucks, whole boxes each, and the rest on the lightest that carries it', () => {
		// 23,040 kg of 32 kg boxes: 312 boxes (9,984 kg) per heavy truck, twice; 96 boxes (3,072 kg) left → medium truck.
		const plan = planVehicles([{ boxes: 720, boxWeightG: 32_000 }]);
		expect(plan.trips.map((t) => [t.vehicle, t.boxes, t.loadG])).toEqual([
			['heavy-truck', 312, 9_984_000],
			['heavy-truck', 312, 9_984_000],
			['medium-truck', 96, 3_072_000],
		]);
		expect(plan.freightFen).toBe(80_000 + 80_000 + 45_000);
	});

	test('no load, no trip', () => {
		expect(planVehicles([])).toEqual({ trips: [], totalWeightG: 0, freightFen: 0 });
	});

	test('an edited table: its own classes and freights', () => {
		const plan = planVehicles(
			[{ boxes: 10, boxWeightG: 100_000 }],
			[
				{ code: 'tricycle', name: '三轮车', payloadKg: 300, freightFen: 5000 },
				{ code: 'truck', name: '货车', payloadKg: 1500, freightFen: 30000 },
			],
		);
		// 1,000 kg: more than the tricycle's 300, so the truck.
		expect(plan.trips.map((t) => [t.vehicle, t.freightFen])).toEqual([['truck', 30000]]);
	});

	test('a box heavier than any vehicle carries is refused; a bad table names its row', () => {
		expect(() => planVehicles([{ boxes: 1, boxWeightG: 20_000_000 }])).toThrow(RuleViolation);
		const p = problems(() =>
			planVehicles(
				[{ boxes: 1, boxWeightG: 1000 }],
				[
					{ code: 'van', name: 'x', payloadKg: 0, freightFen: 1 },
					{ code: 'van', name: 'y', payloadKg: 10, freightFen: -1 },
				],
			),
		);
		expect(p.map((x) => x.field)).toEqual(['vehicles[0].payloadKg', 'vehicles[1].code', 'vehicles[1].freightYuan']);
		expect(problems(() => planVehicles([], [])).map((x) => x.field)).toEqual(['vehicles']);
	});

	test('property: every box travels once, no trip over its payload, each trip but the last full to within one of its boxes, the last on the lightest class that carries it', () => {
		const loads = fc.array(fc.record({ boxes: fc.integer({ min: 0, max: 400 }), boxWeightG: fc.integer({ min: 5_000, max: 60_000 }) }), {
			maxLength: 5,
		});
		fc.assert(
			fc.property(loads, (ls) => {
				const plan = planVehicles(ls);
				const total = ls.reduce((s, l) => s + l.boxes * l.boxWeightG, 0);
				expect(plan.totalWeightG).toBe(total);
				expect(plan.trips.reduce((s, t) => s + t.loadG, 0)).toBe(total);
				expect(plan.trips.reduce((s, t) => s + t.boxes, 0)).toBe(ls.reduce((s, l) => s + l.boxes, 0));
				expect(plan.freightFen).toBe(plan.trips.reduce((s, t) => s + t.freightFen, 0));
				const heaviest = Math.max(0, ...ls.filter((l) => l.boxes > 0).map((l) => l.boxWeightG));
				for (const [i, t] of plan.trips.entries()) {
					expect(t.loadG).toBeLessThanOrEqual(t.payloadKg * 1000);
					if (i < plan.trips.length - 1) {
						expect(t.vehicle).toBe('heavy-truck');
						expect(t.payloadKg * 1000 - t.loadG).toBeLessThan(heaviest);
					}
				}
				const last = plan.trips.at(-1);
				if (last) {
					const fits = DEFAULT_VEHICLES.filter((v) => v.payloadKg * 1000 >= last.loadG);
					expect(last.vehicle).toBe(fits[0].code);
				}
			}),
		);
	});
});

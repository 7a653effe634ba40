/**
 * Tile quantities (T5, T9): pieces with wastage, boxes with the extra boxes, weight, amount, stock
 * short, and the vehicles that carry the load. Everything is counted in integers — areas in mm²,
 * wastage in per mille, weights in grams, money in fen — so that 21.6 m² of 600×600 tiles + 5 %
 * is exactly 63 pieces, never 64 (binary floating point would make 21.6 × 1.05 / 0.36 = 63.00000000000001).
 */
import { ProblemList, fieldError, shown } from './errors';
import { yuanToFen } from './money';
import { oneOf } from './enums';
import { isBlank } from './records';
import { DEFAULT_VEHICLES, kg, planVehicles, vehiclePlanOutput, type VehicleClass } from './tile-vehicles';

/** Wastage by layout (铺贴方式), per mille: straight 5 % (RULES.md T5), diagonal 10 %, herringbone 15 %. */
export const LAYOUT_WASTAGE_PERMILLE = { straight: 50, diagonal: 100, herringbone: 150 } as const;
export type Layout = keyof typeof LAYOUT_WASTAGE_PERMILLE;
export const LAYOUTS = Object.keys(LAYOUT_WASTAGE_PERMILLE) as Layout[];
export const LAYOUT_LABELS: Record<Layout, { en: string; zh: string }> = {
	straight: { en: 'Straight', zh: '直铺' },
	diagonal: { en: 'Diagonal', zh: '斜铺' },
	herringbone: { en: 'Herringbone', zh: '人字铺' },
};

export const DEFAULT_WASTAGE_PERMILLE = LAYOUT_WASTAGE_PERMILLE.straight;
/** Wastage above 50 % is a typing mistake (50 for 5). */
export const MAX_WASTAGE_PERMILLE = 500;
/** Extra boxes prepared on top of the wastage (T5: 多备两箱). */
export const DEFAULT_EXTRA_BOXES = 2;
export const MAX_EXTRA_BOXES = 100;
/** The largest area one line may cover: 100,000 m² (a typing mistake beyond). */
export const MAX_AREA_MM2 = 100_000 * 1_000_000;
const MM2_PER_M2 = 1_000_000;

export { ceilDiv, lineFigures, linesFiguresPerModel, modelKey } from './tile-pieces';
export type { LineFigures, LineQuantity, LineShare, ModelFigures, TileFacts } from './tile-pieces';
import { linesFiguresPerModel, type LineQuantity, type TileFacts } from './tile-pieces';

/** Boxes short of what is available (never negative). */
export function shortBoxes(boxes: number, available: number): number {
	return Math.max(0, boxes - Math.max(0, available));
}

// ---------------------------------------------------------------------------------------------
// Reading what staff type: decimals as exact integers

/**
 * A decimal (number or text such as "21.6", "1,280.5", full-width "２１．６") as an integer count of
 * 10^-scale units, exactly: "21.6" at scale 6 is 21600000. A number is read through its shortest
 * decimal form (21.6, not 21.600000000000001); digits beyond the scale are rounded half up.
 * Returns undefined when the value is not a plain non-negative or negative decimal.
 */
export function scaledDecimal(value: unknown, scale: number): number | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		text = Math.abs(value) < 1e21 ? String(value) : '';
		if (/e/i.test(text)) text = value.toFixed(20);
	} else if (typeof value === 'string') {
		text = value
			.normalize('NFKC')
			.trim()
			.replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
	} else return undefined;
	const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
	const [, sign, whole, frac = ''] = m;
	const kept = (frac + '0'.repeat(scale)).slice(0, scale);
	let n = Number(whole || '0') * 10 ** scale + Number(kept || '0');
	if (frac.length > scale && Number(frac[scale]) >= 5) n += 1;
	if (!Number.isSafeInteger(n)) return undefined;
	return sign === '-' ? -n : n;
}

/** More decimals than `decimals` places? ("7.55" has 2). Numbers are read through their shortest form. */
function decimalPlaces(value: unknown): number {
	const text =
		typeof value === 'number'
			? String(value)
			: String(value ?? '')
					.normalize('NFKC')
					.trim();
	const m = /\.(\d*?)0*$/.exec(text);
	return m ? m[1].length : 0;
}

export type AreaInput = { areaM2?: unknown; lengthM?: unknown; widthM?: unknown; lengthMm?: unknown; widthMm?: unknown };

/**
 * The area of a line in mm²: `areaM2`, or the room's `lengthM` × `widthM`, or `lengthMm` × `widthMm`.
 * Lengths are counted to the millimetre, areas to the mm². 0, negative, or above 100,000 m² is refused.
 */
export function areaMm2Of(input: AreaInput, field = ''): number {
	const f = (name: string) => (field ? `${field}.${name}` : name);
	const tooBig = `at most ${MAX_AREA_MM2 / MM2_PER_M2} m²`;
	if (!isBlank(input.areaM2)) {
		const mm2 = scaledDecimal(input.areaM2, 6);
		if (mm2 === undefined)
			throw fieldError(
				f('areaM2'),
				`Area (面积 m²): ${shown(input.areaM2)} is not a number; expected square metres greater than 0, for example 21.6`,
			);
		if (mm2 <= 0)
			throw fieldError(
				f('areaM2'),
				`Area (面积 m²): ${String(input.areaM2)} is not allowed; expected square metres greater than 0, for example 21.6`,
			);
		if (mm2 > MAX_AREA_MM2) throw fieldError(f('areaM2'), `Area (面积 m²): ${String(input.areaM2)} is too large; expected ${tooBig}`);
		return mm2;
	}
	const inMetres = !isBlank(input.lengthM) || !isBlank(input.widthM);
	const inMm = !isBlank(input.lengthMm) || !isBlank(input.widthMm);
	if (!inMetres && !inMm) {
		throw fieldError(
			f('areaM2'),
			'Area (面积 m²): is empty; expected areaM2 (square metres), or the room as lengthM and widthM (metres) or lengthMm and widthMm (millimetres)',
		);
	}
	const unit = inMetres
		? { scale: 3, suffix: 'M', name: 'metres', example: '4.5' }
		: { scale: 0, suffix: 'Mm', name: 'millimetres', example: '4500' };
	const problems = new ProblemList();
	const side = (name: 'length' | 'width', zh: string) => {
		const key = `${name}${unit.suffix}`;
		const v = (input as Record<string, unknown>)[key];
		const mm = isBlank(v) ? undefined : scaledDecimal(v, unit.scale);
		if (mm === undefined || mm <= 0) {
			problems.add(
				f(key),
				`Room ${name} (${zh}): ${isBlank(v) ? '""' : shown(v)} is not allowed; expected ${unit.name} greater than 0, for example ${unit.example}`,
			);
			return 0;
		}
		return mm;
	};
	const length = side('length', '长');
	const width = side('width', '宽');
	problems.throwIfAny();
	const mm2 = length * width;
	if (mm2 > MAX_AREA_MM2) throw fieldError(f(`length${unit.suffix}`), `Room (房间): ${length} × ${width} mm is too large; expected ${tooBig}`);
	return mm2;
}

/** The wastage of a line in per mille: `wastagePct` (0–50, one decimal at most) or the layout's. */
export function wastagePermilleOf(input: { wastagePct?: unknown; layout?: unknown }, field = ''): { wastagePermille: number; layout: Layout | null } {
	const f = (name: string) => (field ? `${field}.${name}` : name);
	let layout: Layout | null = null;
	if (!isBlank(input.layout)) {
		const given = typeof input.layout === 'object' ? '' : String(input.layout).trim();
		const key = given.toLowerCase();
		const byZh = LAYOUTS.find((l) => LAYOUT_LABELS[l].zh === given);
		layout = oneOf(LAYOUTS, key) ?? byZh ?? null;
		if (!layout) throw fieldError(f('layout'), `Layout (铺贴方式): ${shown(input.layout)} is not allowed; expected one of ${LAYOUTS.join(', ')}`);
	}
	if (isBlank(input.wastagePct)) return { wastagePermille: layout ? LAYOUT_WASTAGE_PERMILLE[layout] : DEFAULT_WASTAGE_PERMILLE, layout };
	const text = typeof input.wastagePct === 'string' ? input.wastagePct.trim().replace(/%$/, '') : input.wastagePct;
	const permille = scaledDecimal(text, 1);
	const expected = `expected a percentage from 0 to ${MAX_WASTAGE_PERMILLE / 10} with at most one decimal, for example 5 or 7.5`;
	if (permille === undefined || decimalPlaces(text) > 1)
		throw fieldError(f('wastagePct'), `Wastage (损耗 %): ${shown(input.wastagePct)} is not allowed; ${expected}`);
	if (permille < 0 || permille > MAX_WASTAGE_PERMILLE)
		throw fieldError(f('wastagePct'), `Wastage (损耗 %): ${String(input.wastagePct)} % is out of range; ${expected}`);
	return { wastagePermille: permille, layout };
}

/** Extra boxes on top of the wastage: a whole number from 0 to 100; 2 when not given (T5). */
export function extraBoxesOf(value: unknown, field = 'extraBoxes', fallback = DEFAULT_EXTRA_BOXES): number {
	if (isBlank(value)) return fallback;
	const n = typeof value === 'number' ? value : typeof value === 'object' ? NaN : Number(String(value).normalize('NFKC').trim());
	if (!Number.isInteger(n) || n < 0 || n > MAX_EXTRA_BOXES) {
		throw fieldError(field, `Extra boxes (多备箱数): ${shown(value)} is not allowed; expected a whole number from 0 to ${MAX_EXTRA_BOXES}`);
	}
	return n;
}

/** A whole number in a range, for typed tile facts. */
function wholeIn(problems: ProblemList, value: unknown, field: string, label: string, min: number, max: number): number {
	const n = typeof value === 'number' ? value : isBlank(value) || typeof value === 'object' ? NaN : Number(String(value).normalize('NFKC').trim());
	if (!Number.isInteger(n) || n < min || n > max) {
		problems.add(field, `${label}: ${isBlank(value) ? '""' : shown(value)} is not allowed; expected a whole number from ${min} to ${max}`);
		return 0;
	}
	return n;
}

/** Kilograms with up to three decimals as grams: "26.5" → 26500. */
export function gramsOf(value: unknown, field: string, label = 'Box weight (每箱重量 kg)'): number {
	const g = isBlank(value) ? undefined : scaledDecimal(value, 3);
	if (g === undefined || g <= 0 || g > 10_000_000)
		throw fieldError(field, `${label}: ${isBlank(value) ? '""' : shown(value)} is not allowed; expected kilograms greater than 0, for example 26.5`);
	return g;
}

/**
 * A tile typed in instead of picked from the store: `tileWidthMm`, `tileHeightMm`, `piecesPerBox`,
 * `boxWeightKg`, and optionally `pricePerBoxYuan` and `name`.
 */
export function typedTileOf(input: Record<string, unknown>, field = ''): TileFacts & { name: string | null } {
	const f = (name: string) => (field ? `${field}.${name}` : name);
	const problems = new ProblemList();
	const widthMm = wholeIn(problems, input.tileWidthMm, f('tileWidthMm'), 'Tile width (砖宽 mm)', 1, 10000);
	const heightMm = wholeIn(problems, input.tileHeightMm, f('tileHeightMm'), 'Tile length (砖长 mm)', 1, 10000);
	const piecesPerBox = wholeIn(problems, input.piecesPerBox, f('piecesPerBox'), 'Pieces per box (每箱片数)', 1, 1000);
	const boxWeightG = problems.check(() => gramsOf(input.boxWeightKg, f('boxWeightKg'))) ?? 0;
	const pricePerBoxFen = isBlank(input.pricePerBoxYuan)
		? null
		: (problems.check(() => yuanToFen(input.pricePerBoxYuan, f('pricePerBoxYuan'))) ?? null);
	problems.throwIfAny();
	return {
		modelCode: null,
		name: isBlank(input.name) ? null : String(input.name).trim(),
		widthMm,
		heightMm,
		piecesPerBox,
		boxWeightG,
		pricePerBoxFen,
	};
}

/** The quantity part of a line (area, wastage, extra boxes), every problem reported at once. */
export function lineQuantityOf(
	input: Record<string, unknown>,
	field = '',
	extraBoxesFallback = DEFAULT_EXTRA_BOXES,
): LineQuantity & { layout: Layout | null } {
	const problems = new ProblemList();
	const areaMm2 = problems.check(() => areaMm2Of(input, field));
	const wastage = problems.check(() => wastagePermilleOf(input, field));
	const extraBoxes = problems.check(() => extraBoxesOf(input.extraBoxes, field ? `${field}.extraBoxes` : 'extraBoxes', extraBoxesFallback));
	problems.throwIfAny();
	return { areaMm2: areaMm2!, wastagePermille: wastage!.wastagePermille, layout: wastage!.layout, extraBoxes: extraBoxes! };
}

// ---------------------------------------------------------------------------------------------
// A quote: lines, totals, stock and vehicles at once (Compute Tile Stock, the order's figures)

/** A line to quote: the tile, the quantity, and — when the tile is a model of the store — its available boxes. */
export interface QuoteLineInput {
	tile: TileFacts & { name?: string | null };
	quantity: LineQuantity & { layout?: Layout | null };
	/** Boxes available in the store (on hand − reserved); null or undefined: not known (a typed tile). */
	available?: number | null;
}

export interface QuoteLine {
	modelCode: string | null;
	name: string | null;
	tileWidthMm: number;
	tileHeightMm: number;
	areaM2: number;
	wastagePct: number;
	layout: Layout | null;
	extraBoxes: number;
	piecesNeeded: number;
	boxes: number;
	weightKg: number;
	amountFen: number | null;
	boxesAvailable: number | null;
	shortBoxes: number | null;
}

/** One model's lines together (T5 per model): what is prepared for it. */
export interface QuoteModel {
	modelCode: string | null;
	name: string | null;
	lines: number;
	areaM2: number;
	extraBoxes: number;
	piecesNeeded: number;
	boxes: number;
	weightKg: number;
	amountFen: number | null;
	boxesAvailable: number | null;
	shortBoxes: number | null;
}

export interface Quote {
	lines: QuoteLine[];
	/** The lines by model, summed before rounding, the extra boxes once (T5 per model). */
	models: QuoteModel[];
	totals: { piecesNeeded: number; boxes: number; weightKg: number; amountFen: number | null; shortBoxes: number | null };
	/** null when no line is a model of the store (nothing to check). */
	stockSufficient: boolean | null;
	vehiclePlan: {
		trips: Array<{ vehicle: string; vehicleName: string; payloadKg: number; loadKg: number; boxes: number; freightFen: number }>;
		freightFen: number;
	};
}

/** mm² as m²: 21600000 → 21.6 (the decimal of the text, not a float product). */
export function m2(areaMm2: number): number {
	const whole = Math.floor(areaMm2 / MM2_PER_M2);
	const frac = String(areaMm2 % MM2_PER_M2)
		.padStart(6, '0')
		.replace(/0+$/, '');
	return Number(frac ? `${whole}.${frac}` : String(whole));
}

/**
 * Quotes the lines: the figures per model, each line with its share (T5 per model: the lines of a
 * model summed before rounding, the extra boxes once); lines of the same model share its available boxes in
 * order (the first line takes them first); totals; the vehicles for all the boxes.
 */
export function quote(lines: readonly QuoteLineInput[], vehicles: readonly VehicleClass[] = DEFAULT_VEHICLES): Quote {
	const left = new Map<string, number>();
	const perModel = linesFiguresPerModel(lines);
	const out: QuoteLine[] = lines.map((l, i) => {
		const f = perModel.lines[i];
		let available: number | null = null;
		let short: number | null = null;
		if (l.available !== undefined && l.available !== null && l.tile.modelCode) {
			const key = l.tile.modelCode.normalize('NFKC').trim().toUpperCase().toLowerCase();
			available = l.available;
			const remaining = left.get(key) ?? Math.max(0, l.available);
			short = shortBoxes(f.boxes, remaining);
			left.set(key, Math.max(0, remaining - f.boxes));
		}
		return {
			modelCode: l.tile.modelCode ?? null,
			name: l.tile.name ?? null,
			tileWidthMm: l.tile.widthMm,
			tileHeightMm: l.tile.heightMm,
			areaM2: m2(l.quantity.areaMm2),
			wastagePct: l.quantity.wastagePermille / 10,
			layout: l.quantity.layout ?? null,
			extraBoxes: f.extraBoxes,
			piecesNeeded: f.piecesNeeded,
			boxes: f.boxes,
			weightKg: kg(f.weightG),
			amountFen: f.amountFen,
			boxesAvailable: available,
			shortBoxes: short,
		};
	});
	const checked = out.filter((l) => l.shortBoxes !== null);
	const plan = planVehicles(
		lines.map((l, i) => ({ boxes: out[i].boxes, boxWeightG: l.tile.boxWeightG })),
		vehicles,
	);
	const models: QuoteModel[] = perModel.models.map((m) => {
		const first = out[m.lineIndexes[0]];
		const shorts = m.lineIndexes.map((i) => out[i].shortBoxes);
		return {
			modelCode: first.modelCode,
			name: first.name,
			lines: m.lineIndexes.length,
			areaM2: m2(m.areaMm2),
			extraBoxes: m.extraBoxes,
			piecesNeeded: m.piecesNeeded,
			boxes: m.boxes,
			weightKg: kg(m.weightG),
			amountFen: m.amountFen,
			boxesAvailable: first.boxesAvailable,
			shortBoxes: shorts.every((x) => x !== null) ? shorts.reduce((a, b) => a! + b!, 0) : null,
		};
	});
	return {
		lines: out,
		models,
		totals: {
			piecesNeeded: out.reduce((s, l) => s + l.piecesNeeded, 0),
			boxes: out.reduce((s, l) => s + l.boxes, 0),
			weightKg: kg(plan.totalWeightG),
			amountFen: out.every((l) => l.amountFen !== null) ? out.reduce((s, l) => s + l.amountFen!, 0) : null,
			shortBoxes: checked.length ? checked.reduce((s, l) => s + l.shortBoxes!, 0) : null,
		},
		stockSufficient: checked.length ? checked.every((l) => l.shortBoxes === 0) : null,
		vehiclePlan: vehiclePlanOutput(plan),
	};
}

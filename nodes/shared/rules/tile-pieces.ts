/**
 * Pieces needed per model (T5, RULES turn 3 "T5 per model"): the lines of one tile model are summed
 * before rounding — pieces = ⌈Σ area × (1 + wastage) / tile area⌉ — and the extra boxes (多备两箱)
 * are added once per model, not per line. Two rooms of one model (10 m² + 11.6 m²) prepare exactly
 * what one 21.6 m² line does. Integers throughout: areas in mm², wastage in per mille.
 */
import { RuleViolation } from './errors';

/** What the quantities need to know of a tile: its size, how it is boxed, what a box weighs and costs. */
export interface TileFacts {
	modelCode?: string | null;
	widthMm: number;
	heightMm: number;
	piecesPerBox: number;
	boxWeightG: number;
	/** null: no price known (a quick estimate from typed dimensions); the amount is then null. */
	pricePerBoxFen: number | null;
}

/** A line as cleaned: the area in mm², wastage in per mille, the extra boxes. */
export interface LineQuantity {
	areaMm2: number;
	wastagePermille: number;
	extraBoxes: number;
}

export interface LineFigures {
	/** Tiles needed: the area plus wastage over one tile's area, rounded up. */
	piecesNeeded: number;
	/** Boxes to prepare: whole boxes for the pieces, plus the extra boxes. */
	boxes: number;
	weightG: number;
	amountFen: number | null;
}

/** ⌈a / b⌉ for whole numbers a ≥ 0, b > 0, exactly. */
export function ceilDiv(a: number, b: number): number {
	const r = a % b;
	return r === 0 ? a / b : (a - r) / b + 1;
}

function checked(areaNumerator: number, tile: TileFacts): number {
	const denominator = tile.widthMm * tile.heightMm * 1000;
	if (!Number.isSafeInteger(areaNumerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
		throw new RuleViolation(`The area or the tile size ${tile.widthMm}×${tile.heightMm} mm is out of range`, 'areaM2');
	}
	return denominator;
}

/**
 * The quantities of one line on its own (T5): pieces = ⌈area × (1000 + wastage‰) / (tile area × 1000)⌉,
 * boxes = ⌈pieces / pieces per box⌉ + extra boxes, weight = boxes × box weight, amount = boxes × price.
 */
export function lineFigures(tile: TileFacts, q: LineQuantity): LineFigures {
	const numerator = q.areaMm2 * (1000 + q.wastagePermille);
	const piecesNeeded = ceilDiv(numerator, checked(numerator, tile));
	const boxes = ceilDiv(piecesNeeded, tile.piecesPerBox) + q.extraBoxes;
	return {
		piecesNeeded,
		boxes,
		weightG: boxes * tile.boxWeightG,
		amountFen: tile.pricePerBoxFen === null ? null : boxes * tile.pricePerBoxFen,
	};
}

/** Lines of one model share a key (the model code, folded); a tile typed without a code is a model of its own. */
export function modelKey(tile: TileFacts, lineIndex: number): string {
	const code = tile.modelCode ? tile.modelCode.normalize('NFKC').trim().toLowerCase() : '';
	return code ? `model:${code}` : `line:${lineIndex}`;
}

/** One model's figures over all its lines. */
export interface ModelFigures extends LineFigures {
	key: string;
	modelCode: string | null;
	/** The order's lines of this model (indexes), in order. */
	lineIndexes: number[];
	areaMm2: number;
	/** The extra boxes, once for the model: the largest any of its lines asks for. */
	extraBoxes: number;
}

/** A line's share of its model's figures; `extraBoxes` is what the line carries of the model's (its first line carries them). */
export interface LineShare extends LineFigures {
	extraBoxes: number;
}

/**
 * T5 per model: each model's pieces over the sum of its lines' areas with their wastage, rounded
 * once; its boxes for those pieces plus the extra boxes once. Each line gets its share so that
 * the shares add up to the model's figures exactly: line k of a model gets what the model's
 * first k lines need together minus what its first k − 1 lines need (the extra boxes on the
 * first line). A model of one line gets exactly lineFigures.
 */
export function linesFiguresPerModel(lines: ReadonlyArray<{ tile: TileFacts; quantity: LineQuantity }>): {
	lines: LineShare[];
	models: ModelFigures[];
} {
	const groups = new Map<string, number[]>();
	lines.forEach((l, i) => {
		const key = modelKey(l.tile, i);
		groups.set(key, [...(groups.get(key) ?? []), i]);
	});
	const shares: LineShare[] = new Array(lines.length);
	const models: ModelFigures[] = [];
	for (const [key, indexes] of groups) {
		const tile = lines[indexes[0]].tile;
		const extraBoxes = Math.max(...indexes.map((i) => lines[i].quantity.extraBoxes));
		let numerator = 0;
		let pieces = 0;
		let wholeBoxes = 0;
		let areaMm2 = 0;
		for (const [k, i] of indexes.entries()) {
			const q = lines[i].quantity;
			numerator += q.areaMm2 * (1000 + q.wastagePermille);
			areaMm2 += q.areaMm2;
			const piecesSoFar = ceilDiv(numerator, checked(numerator, tile));
			const boxesSoFar = ceilDiv(piecesSoFar, tile.piecesPerBox);
			const extra = k === 0 ? extraBoxes : 0;
			const boxes = boxesSoFar - wholeBoxes + extra;
			const price = lines[i].tile.pricePerBoxFen;
			shares[i] = {
				piecesNeeded: piecesSoFar - pieces,
				boxes,
				extraBoxes: extra,
				weightG: boxes * lines[i].tile.boxWeightG,
				amountFen: price === null ? null : boxes * price,
			};
			pieces = piecesSoFar;
			wholeBoxes = boxesSoFar;
		}
		const boxes = wholeBoxes + extraBoxes;
		const amounts = indexes.map((i) => shares[i].amountFen);
		models.push({
			key,
			modelCode: tile.modelCode ?? null,
			lineIndexes: indexes,
			areaMm2,
			extraBoxes,
			piecesNeeded: pieces,
			boxes,
			weightG: indexes.reduce((s, i) => s + shares[i].weightG, 0),
			amountFen: amounts.every((a) => a !== null) ? amounts.reduce((s, a) => s + a!, 0) : null,
		});
	}
	return { lines: shares, models };
}

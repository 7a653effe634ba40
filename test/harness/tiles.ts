/** The tile store's two models for the store tests, as RULES.md's examples use them. */
import type { Store } from '../../nodes/shared/store/store';
import { createTileModel } from '../../nodes/shared/store/registers/tile-models';

/** 600×600 polished tile: 4 a box, 26 kg, ¥128 a box. */
export const CZ_600 = {
	modelCode: 'CZ-600',
	name: '抛光砖',
	widthMm: 600,
	heightMm: 600,
	thicknessMm: 9.5,
	piecesPerBox: 4,
	boxWeightG: 26_000,
	pricePerBoxFen: 12_800,
} as const;

/** 600×1200 slab: 2 a box, 28.5 kg, ¥188 a box. */
export const CZ_1200 = {
	modelCode: 'CZ-1200',
	name: '岩板',
	widthMm: 600,
	heightMm: 1200,
	thicknessMm: 10.5,
	piecesPerBox: 2,
	boxWeightG: 28_500,
	pricePerBoxFen: 18_800,
} as const;

/** Registers the models given, each with its boxes on hand, in one transaction. */
export async function seedTileModels(store: Store, onHand: { 'CZ-600'?: number; 'CZ-1200'?: number }, now = new Date().toISOString()): Promise<void> {
	await store.transaction(async (trx) => {
		for (const model of [CZ_600, CZ_1200]) {
			const boxes = onHand[model.modelCode];
			if (boxes !== undefined) await createTileModel(trx, { ...model, boxesOnHand: boxes }, now);
		}
	});
}

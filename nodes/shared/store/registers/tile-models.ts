/** Tile models (瓷砖型号) and their stock in boxes (库存). Natural key: `modelCode`. */
import type { Insertable, Selectable } from 'kysely';
import type { TileModelTable } from '../schema';
import type { Trx } from '../schema';
import { NotFoundError } from '../../rules/errors';
import { fenToYuan } from '../../rules/money';
import { adjustedStock } from '../../rules/stock';
import { isPostgres, textSearch, type Page } from './common';
import { foldKey } from '../../rules/natural-keys';

/** A tile model with its stock: box weight in kg, price also in yuan, boxes available (on hand − reserved). */
export type TileModel = Omit<Selectable<TileModelTable>, 'boxWeightG' | 'modelCodeKey'> & {
	boxWeightKg: number;
	pricePerBoxYuan: string;
	boxesAvailable: number;
};

export type TileModelInput = Partial<
	Pick<
		Insertable<TileModelTable>,
		'modelCode' | 'name' | 'widthMm' | 'heightMm' | 'thicknessMm' | 'piecesPerBox' | 'boxWeightG' | 'pricePerBoxFen' | 'boxesOnHand'
	>
>;

export function toTileModel(row: Selectable<TileModelTable>): TileModel {
	const { boxWeightG, modelCodeKey: _key, ...rest } = row;
	return {
		...rest,
		boxWeightKg: boxWeightG / 1000,
		pricePerBoxYuan: fenToYuan(row.pricePerBoxFen),
		boxesAvailable: row.boxesOnHand - row.boxesReserved,
	};
}

type Key = { id?: number; modelCode?: string };

export async function findTileModel(trx: Trx, key: Key, lock = false): Promise<TileModel | undefined> {
	let q = trx.selectFrom('tileModels').selectAll();
	if (key.id !== undefined) q = q.where('id', '=', key.id);
	else if (key.modelCode) q = q.where('modelCodeKey', '=', foldKey(key.modelCode));
	else return undefined;
	if (lock && isPostgres(trx)) q = q.forUpdate();
	const row = await q.executeTakeFirst();
	return row && toTileModel(row);
}

/** The models whose folded code is among `keys`, by that key (one query for a whole order). */
export async function tileModelsByKey(trx: Trx, keys: readonly string[]): Promise<Map<string, TileModel>> {
	if (keys.length === 0) return new Map();
	const rows = await trx.selectFrom('tileModels').selectAll().where('modelCodeKey', 'in', keys).execute();
	return new Map(rows.map((r) => [r.modelCodeKey, toTileModel(r)]));
}

export async function requireTileModel(trx: Trx, key: Key, lock = false): Promise<TileModel> {
	const found = await findTileModel(trx, key, lock);
	if (!found)
		throw new NotFoundError(`No tile model with ${key.id !== undefined ? `id ${key.id}` : `model code "${key.modelCode}"`} is in the register`);
	return found;
}

export async function createTileModel(trx: Trx, input: TileModelInput, now: string): Promise<TileModel> {
	const row = await trx
		.insertInto('tileModels')
		.values({
			modelCode: input.modelCode!,
			modelCodeKey: foldKey(input.modelCode!),
			name: input.name!,
			widthMm: input.widthMm!,
			heightMm: input.heightMm!,
			thicknessMm: input.thicknessMm ?? null,
			piecesPerBox: input.piecesPerBox!,
			boxWeightG: input.boxWeightG!,
			pricePerBoxFen: input.pricePerBoxFen!,
			boxesOnHand: input.boxesOnHand ?? 0,
			boxesReserved: 0,
			createdAt: now,
			updatedAt: now,
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	if (row.boxesOnHand > 0) {
		await trx
			.insertInto('stockMovements')
			.values({ tileModelId: row.id, delta: row.boxesOnHand, reason: 'opening stock', balanceAfter: row.boxesOnHand, createdAt: now })
			.execute();
	}
	return toTileModel(row);
}

/**
 * Updates the model's description. Stock is not set here but moved with adjustStock, so every
 * change of the boxes on hand keeps its reason; an update that carries boxesOnHand records the
 * difference as a stock count.
 */
export async function updateTileModel(trx: Trx, id: number, patch: TileModelInput, now: string): Promise<TileModel> {
	const { boxesOnHand, modelCode, ...rest } = patch;
	// A model code only retyped (full-width, other case) keeps the code as first typed.
	const current = await requireTileModel(trx, { id });
	const recode = modelCode !== undefined && foldKey(modelCode) !== foldKey(current.modelCode) ? { modelCode, modelCodeKey: foldKey(modelCode) } : {};
	const change = { ...rest, ...recode };
	if (Object.keys(change).length > 0) {
		await trx
			.updateTable('tileModels')
			.set({ ...change, updatedAt: now })
			.where('id', '=', id)
			.execute();
	}
	if (boxesOnHand !== undefined) {
		const current = await requireTileModel(trx, { id }, true);
		if (boxesOnHand !== current.boxesOnHand) {
			return (await adjustStock(trx, { id }, boxesOnHand - current.boxesOnHand, 'stock count', now)).model;
		}
	}
	return await requireTileModel(trx, { id });
}

export type StockMovement = {
	modelCode: string;
	delta: number;
	reason: string;
	balanceAfter: number;
	createdAt: string;
};

/**
 * Moves the boxes on hand by `delta` (signed) with a reason. The row is locked for the
 * transaction (PostgreSQL FOR UPDATE; SQLite holds the write lock), so concurrent adjustments
 * queue and none is lost; the rule refuses a result below zero or below the reserved boxes.
 */
export async function adjustStock(
	trx: Trx,
	key: Key,
	delta: number,
	reason: string,
	now: string,
): Promise<{ model: TileModel; movement: StockMovement }> {
	const current = await requireTileModel(trx, key, true);
	const balanceAfter = adjustedStock({ onHand: current.boxesOnHand, reserved: current.boxesReserved, modelCode: current.modelCode }, delta);
	const row = await trx
		.updateTable('tileModels')
		.set({ boxesOnHand: balanceAfter, updatedAt: now })
		.where('id', '=', current.id)
		.returningAll()
		.executeTakeFirstOrThrow();
	await trx.insertInto('stockMovements').values({ tileModelId: current.id, delta, reason, balanceAfter, createdAt: now }).execute();
	return { model: toTileModel(row), movement: { modelCode: current.modelCode, delta, reason, balanceAfter, createdAt: now } };
}

export async function stockMovements(trx: Trx, key: Key, limit = 20): Promise<StockMovement[]> {
	const model = await requireTileModel(trx, key);
	const rows = await trx
		.selectFrom('stockMovements')
		.select(['delta', 'reason', 'balanceAfter', 'createdAt'])
		.where('tileModelId', '=', model.id)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({ modelCode: model.modelCode, ...r }));
}

export interface TileModelFilter extends Page {
	search?: string;
	/** Only models with fewer available boxes than this. */
	availableBelow?: number;
}

export async function listTileModels(trx: Trx, f: TileModelFilter): Promise<TileModel[]> {
	let q = trx.selectFrom('tileModels').selectAll().orderBy('modelCode');
	if (f.search) q = q.where(textSearch(['model_code', 'name'], f.search));
	if (f.availableBelow !== undefined) q = q.where((eb) => eb(eb('boxesOnHand', '-', eb.ref('boxesReserved')), '<', f.availableBelow!));
	if (f.limit !== undefined) q = q.limit(f.limit);
	return (await q.execute()).map(toTileModel);
}

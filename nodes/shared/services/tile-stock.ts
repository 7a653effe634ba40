/**
 * Compute Tile Stock's work on the store: the models of the lines with their available boxes,
 * read in one transaction, and the quote over them (rules/tile-stock.ts).
 */
import type { Store } from '../store/store';
import { ProblemList } from '../rules/errors';
import { foldKey } from '../rules/natural-keys';
import { quote, type LineQuantity, type Layout, type Quote, type TileFacts } from '../rules/tile-stock';
import type { VehicleClass } from '../rules/tile-vehicles';
import { tileModelsByKey, type TileModel } from '../store/registers/tile-models';

/** A line: a model of the store by its code, or a tile typed in; with its quantity. `field` names it in problems. */
export type StockLine =
	| { modelCode: string; quantity: LineQuantity & { layout?: Layout | null }; field: string }
	| { tile: TileFacts & { name?: string | null }; quantity: LineQuantity & { layout?: Layout | null }; field: string };

/** Quotes the lines with the store's models and their available boxes (on hand − reserved), as of one moment. */
export async function quoteWithStock(store: Store, lines: readonly StockLine[], vehicles: readonly VehicleClass[]): Promise<Quote> {
	const codes = [...new Set(lines.flatMap((l) => ('modelCode' in l ? [foldKey(l.modelCode)] : [])))];
	const byKey = codes.length ? await store.transaction((trx) => tileModelsByKey(trx, codes)) : new Map<string, TileModel>();
	const problems = new ProblemList();
	const inputs = lines.map((l) => {
		if (!('modelCode' in l)) return { tile: l.tile, quantity: l.quantity };
		const m = byKey.get(foldKey(l.modelCode));
		if (!m) {
			problems.add(
				`${l.field ? `${l.field}.` : ''}modelCode`,
				`Model code (型号): "${l.modelCode}" is not a tile model of the stock register (瓷砖库存); expected a model code such as those Get Stock lists`,
			);
			return undefined;
		}
		return {
			tile: {
				modelCode: m.modelCode,
				name: m.name,
				widthMm: m.widthMm,
				heightMm: m.heightMm,
				piecesPerBox: m.piecesPerBox,
				boxWeightG: Math.round(m.boxWeightKg * 1000),
				pricePerBoxFen: m.pricePerBoxFen,
			},
			quantity: l.quantity,
			available: m.boxesAvailable,
		};
	});
	problems.throwIfAny();
	return quote(inputs as NonNullable<(typeof inputs)[number]>[], vehicles);
}

/** The models known to the store among `codes` (folded), for checking lines one by one. */
export async function knownModelKeys(store: Store, codes: readonly string[]): Promise<Set<string>> {
	const keys = [...new Set(codes.map(foldKey))];
	if (keys.length === 0) return new Set();
	return new Set((await store.transaction((trx) => tileModelsByKey(trx, keys))).keys());
}

/** Compute Tile Stock's Estimate and Check Stock: lines from the items or from a list in each item, quoted with or without the store. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { forEachItem, pairedToAll, readEachItem, textParameter } from '../shared/n8n/per-item';
import { readLocator } from '../shared/n8n/locator';
import { itemParameters, type ItemParameters } from '../shared/n8n/item-parameter';
import { readVehicleTable } from '../shared/n8n/vehicle-table';
import { ProblemList, fieldError } from '../shared/rules/errors';
import { foldKey } from '../shared/rules/natural-keys';
import { lineQuantityOf, quote, typedTileOf, type Quote, type QuoteLine } from '../shared/rules/tile-stock';
import { knownModelKeys, quoteWithStock, type StockLine } from '../shared/services/tile-stock';
import type { Store } from '../shared/store/store';
import type { Mode } from './description';

/** One line from the node's parameters for item `i` (Each Input Item Is a Line). */
function lineOfItem(ctx: IExecuteFunctions, p: ItemParameters, i: number, mode: Mode): StockLine {
	const problems = new ProblemList();
	const source = mode === 'estimate' ? 'dimensions' : p.get('tileSource', i, 'store');
	if (source !== 'store' && source !== 'dimensions')
		throw fieldError('tileSource', 'Tile: is not one of the choices; expected store (model from the store) or dimensions (size typed in)');
	let code: string | undefined;
	let tile: ReturnType<typeof typedTileOf> | undefined;
	if (source === 'store') {
		const direct = p.locatorValue('model', i);
		code = direct
			? problems.check(() => {
					const value = String(direct.value ?? '').trim();
					if (!value) throw fieldError('model', 'Tile model (瓷砖型号): none chosen; pick one from the list or type its model code');
					return value;
				})
			: problems.check(() => readLocator(ctx, 'model', i, { noun: 'Tile model (瓷砖型号)', key: 'model code' }).key);
	} else {
		const read = (name: string) => p.get(name, i, '');
		tile = problems.check(() =>
			typedTileOf({
				tileWidthMm: read('tileWidthMm'),
				tileHeightMm: read('tileHeightMm'),
				piecesPerBox: read('piecesPerBox'),
				boxWeightKg: read('boxWeightKg'),
				pricePerBoxYuan: read('pricePerBoxYuan'),
			}),
		);
	}
	const unit = p.get('areaUnit', i, 'm2');
	if (unit !== 'm2' && unit !== 'm' && unit !== 'mm')
		throw fieldError(
			'areaUnit',
			'Area Given As: is not one of the choices; expected m2 (area), m (length and width in metres) or mm (in millimetres)',
		);
	const fields = unit === 'm2' ? ['areaM2'] : unit === 'm' ? ['lengthM', 'widthM'] : ['lengthMm', 'widthMm'];
	const area = Object.fromEntries(fields.map((f) => [f, p.get(f, i, '')]));
	const layout = p.get('layout', i, 'straight') as string;
	const wastage = layout === 'custom' ? { wastagePct: p.get('wastagePct', i, 5) } : { layout };
	const quantity = problems.check(() => lineQuantityOf({ ...area, ...wastage, extraBoxes: p.get('extraBoxes', i, 2) }));
	problems.throwIfAny();
	return code !== undefined ? { modelCode: code, quantity: quantity!, field: '' } : { tile: tile!, quantity: quantity!, field: '' };
}

/** Lines of an item's list (A List of Lines in Each Item): a model by modelCode (Check Stock) or a typed tile. */
function linesOfField(value: unknown, field: string, mode: Mode): StockLine[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw fieldError(field, `Lines (${field}): is empty or not a list; expected a list of lines such as [{ "modelCode": "CZ-600", "areaM2": 21.6 }]`);
	}
	const problems = new ProblemList();
	const out: StockLine[] = [];
	for (const [k, raw] of value.entries()) {
		const f = `${field}[${k}]`;
		const line = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
		const quantity = problems.check(() => lineQuantityOf(line, f));
		const byModel = line.modelCode !== undefined && line.modelCode !== null && String(line.modelCode).trim() !== '' && line.tileWidthMm === undefined;
		if (byModel && mode === 'estimate') {
			problems.add(
				`${f}.tileWidthMm`,
				`Line ${k + 1}: an estimate reads no store, so it needs the tile's size (tileWidthMm, tileHeightMm, piecesPerBox, boxWeightKg); use Check Stock for models of the store`,
			);
			continue;
		}
		const tile = byModel ? undefined : problems.check(() => typedTileOf(line, f));
		if (!quantity || (!byModel && !tile)) continue;
		out.push(
			byModel
				? { modelCode: String(line.modelCode).trim(), quantity, field: f }
				: { tile: { ...tile!, modelCode: line.modelCode ? String(line.modelCode) : null }, quantity, field: f },
		);
	}
	problems.throwIfAny();
	return out;
}

/** The quote of `lines`: with the store's models and stock (Check Stock) or from the typed sizes alone (Estimate). */
async function quoteLines(ctx: IExecuteFunctions, mode: Mode, store: () => Promise<Store>, lines: StockLine[], i: number): Promise<Quote> {
	const vehicles = readVehicleTable(ctx, i);
	if (mode === 'checkStock') return await quoteWithStock(await store(), lines, vehicles);
	return quote(
		lines.map((l) => ('tile' in l ? { tile: l.tile, quantity: l.quantity } : (undefined as never))),
		vehicles,
	);
}

function summary(mode: Mode, q: Quote): IDataObject {
	return { mode, ...(q as unknown as IDataObject) };
}

/** Each Input Item Is a Line: every good line in one quote; a bad item fails alone (its own error item with Continue On Fail). */
export async function quoteOfItems(ctx: IExecuteFunctions, mode: Mode, store: () => Promise<Store>): Promise<INodeExecutionData[]> {
	const p = itemParameters(ctx);
	const batch = readEachItem(ctx, (i) => lineOfItem(ctx, p, i, mode));
	if (mode === 'checkStock' && batch.good.length) {
		const known = await knownModelKeys(
			await store(),
			batch.good.flatMap((g) => ('modelCode' in g.value ? [g.value.modelCode] : [])),
		);
		for (const g of [...batch.good]) {
			if ('modelCode' in g.value && !known.has(foldKey(g.value.modelCode))) {
				batch.reject(
					g.item,
					fieldError(
						'model',
						`Tile model (瓷砖型号): "${g.value.modelCode}" is not a tile model of the stock register (瓷砖库存); expected a model code such as those Get Stock lists`,
					),
				);
			}
		}
	}
	const failures = batch.failureItems();
	const out: INodeExecutionData[] = [];
	if (batch.good.length) {
		const q = await quoteLines(
			ctx,
			mode,
			store,
			batch.good.map((g) => g.value),
			0,
		);
		if ((ctx.getNodeParameter('output', 0, 'summary') as string) === 'lines') {
			q.lines.forEach((line: QuoteLine, k) =>
				out.push({ json: { mode, ...(line as unknown as IDataObject) }, pairedItem: { item: batch.good[k].item } }),
			);
		} else {
			out.push({ json: summary(mode, q), pairedItem: batch.good.map((g) => ({ item: g.item })) });
		}
	}
	out.push(...failures);
	if (!out.length) out.push({ json: summary(mode, quote([])), pairedItem: pairedToAll(ctx) });
	return out;
}

/** A List of Lines in Each Item: one quote per item. */
export async function quotePerItem(ctx: IExecuteFunctions, mode: Mode, store: () => Promise<Store>): Promise<INodeExecutionData[]> {
	return await forEachItem(ctx, async (i) => {
		const field = textParameter(ctx, 'linesField', i, 'lines');
		const value = field
			.split('.')
			.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), ctx.getInputData()[i].json);
		return summary(mode, await quoteLines(ctx, mode, store, linesOfField(value, field, mode), i));
	});
}

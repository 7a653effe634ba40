import { DateTime } from 'luxon';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	failureJson,
	failureKind,
	forEachItem,
	forWholeInput,
	nowIso,
	pairedToAll,
	problemsOf,
	textParameter,
	toNodeError,
} from '../shared/n8n/per-item';
import { storeOnDemand, testStoreConnection } from '../shared/n8n/store-access';
import { searchTileModels } from '../shared/n8n/list-search';
import { readLocator } from '../shared/n8n/locator';
import { itemParameters, type ItemParameters } from '../shared/n8n/item-parameter';
import { readVehicleTable, vehicleTableProperty } from '../shared/n8n/vehicle-table';
import { ProblemList, fieldError } from '../shared/rules/errors';
import { foldKey } from '../shared/rules/natural-keys';
import { lineQuantityOf, quote, typedTileOf, type Quote, type QuoteLine } from '../shared/rules/tile-stock';
import { kg, planVehicles } from '../shared/rules/tile-vehicles';
import { knownModelKeys, quoteWithStock, type StockLine } from '../shared/services/tile-stock';
import { prepareStock } from '../shared/services/tile-orders';
import type { Store } from '../shared/store/store';

type Mode = 'estimate' | 'checkStock' | 'reserveForOrder';

const quoting = { mode: ['estimate', 'checkStock'] };
const perItemLine = { ...quoting, linesFrom: ['items'] };

/** A line's parameter, read from the input item by default (`={{ $json.<name> }}`). */
function fromItem(name: string, displayName: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName, name, type: 'string', default: `={{ $json.${name} }}`, ...extra };
}

/** A tile typed in: in Estimate always, in Check Stock when the tile is not a model of the store. */
const TILE_FIELDS: INodeProperties[] = [
	fromItem('tileWidthMm', 'Tile Width (砖宽 mm)', { hint: 'A whole number of millimetres, e.g. 600' }),
	fromItem('tileHeightMm', 'Tile Length (砖长 mm)', { hint: 'A whole number of millimetres, e.g. 1200' }),
	fromItem('piecesPerBox', 'Pieces per Box (每箱片数)'),
	fromItem('boxWeightKg', 'Box Weight (每箱重量 kg)'),
	fromItem('pricePerBoxYuan', 'Price per Box (每箱单价 元)', { description: 'Optional: without a price the amount is left empty' }),
];

export class ComputeTileStock implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Compute Tile Stock',
		name: 'computeTileStock',
		icon: { light: 'file:computeTileStock.svg', dark: 'file:computeTileStock.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle:
			'={{ ({ estimate: "备货计算: estimate", checkStock: "备货计算: check stock", reserveForOrder: "备货: reserve for order" })[$parameter["mode"]] }}',
		description: 'Tile stock preparation (瓷砖备货计算): pieces with wastage, boxes with extra boxes, weight, amount, stock and vehicles',
		defaults: { name: 'Compute Tile Stock' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{
				// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- a store, not an API
				name: 'afterSalesStore',
				required: true,
				testedBy: 'afterSalesStoreConnectionTest',
				// An estimate needs no store: the credential is asked for only where the store is read.
				displayOptions: { show: { mode: ['checkStock', 'reserveForOrder'] } },
			},
		],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Estimate',
						value: 'estimate',
						description: 'Quantities, weight, amount and vehicles from tile sizes typed in; no store needed (a quick quote)',
					},
					{ name: 'Check Stock', value: 'checkStock', description: 'The same with models from the store: available boxes and boxes short (T3)' },
					{
						name: 'Reserve for Order',
						value: 'reserveForOrder',
						description: "Prepare an order's stock (T5): reserve the boxes of its measured lines",
					},
				],
				default: 'estimate',
			},
			{
				displayName: 'Order Number (订单号)',
				name: 'orderNumber',
				type: 'string',
				default: '={{ $json.orderNumber }}',
				required: true,
				placeholder: 'DD-20261127-0001',
				hint: 'The order must be measured; every line’s boxes (wastage and extra boxes included) are reserved, or none when a model is short',
				displayOptions: { show: { mode: ['reserveForOrder'] } },
			},
			{
				displayName: 'Lines From',
				name: 'linesFrom',
				type: 'options',
				options: [
					{ name: 'Each Input Item Is a Line', value: 'items', description: 'One line per item; one quote for all of them' },
					{
						name: 'A List of Lines in Each Item',
						value: 'field',
						description: 'Each item carries its lines (e.g. an order body’s lines); one quote per item',
					},
				],
				default: 'items',
				displayOptions: { show: quoting },
			},
			{
				displayName: 'Lines Field',
				name: 'linesField',
				type: 'string',
				default: 'lines',
				description:
					'The field holding the list of lines: { modelCode or tileWidthMm, tileHeightMm, piecesPerBox, boxWeightKg, pricePerBoxYuan?; areaM2, or lengthM and widthM, or lengthMm and widthMm; wastagePct?; layout?; extraBoxes? }',
				displayOptions: { show: { ...quoting, linesFrom: ['field'] } },
			},
			{
				displayName: 'Tile',
				name: 'tileSource',
				type: 'options',
				options: [
					{ name: 'Model From the Store (型号)', value: 'store', description: 'Size, box, weight, price and stock as the store has them' },
					{
						name: 'Size Typed In (尺寸)',
						value: 'dimensions',
						description: 'A tile not in the store: its size, pieces per box, box weight and price',
					},
				],
				default: 'store',
				displayOptions: { show: { mode: ['checkStock'], linesFrom: ['items'] } },
			},
			{
				displayName: 'Tile Model (瓷砖型号)',
				name: 'model',
				type: 'resourceLocator',
				default: { mode: 'modelCode', value: '={{ $json.modelCode }}' },
				required: true,
				description: 'Picked from the store, or its model code typed in or taken from the input item',
				displayOptions: { show: { mode: ['checkStock'], linesFrom: ['items'], tileSource: ['store'] } },
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTileModels', searchable: true } },
					{ displayName: 'By Model Code', name: 'modelCode', type: 'string', placeholder: 'CZ-600x600-GL' },
				],
			},
			...TILE_FIELDS.map((p) => ({ ...p, displayOptions: { show: { mode: ['estimate'], linesFrom: ['items'] } } })),
			...TILE_FIELDS.map((p) => ({ ...p, displayOptions: { show: { mode: ['checkStock'], linesFrom: ['items'], tileSource: ['dimensions'] } } })),
			{
				displayName: 'Area Given As',
				name: 'areaUnit',
				type: 'options',
				options: [
					{ name: 'Square Metres (面积)', value: 'm2' },
					{ name: 'Room Length × Width in Metres', value: 'm' },
					{ name: 'Room Length × Width in Millimetres', value: 'mm' },
				],
				default: 'm2',
				displayOptions: { show: perItemLine },
			},
			fromItem('areaM2', 'Area (面积 m²)', { hint: 'Greater than 0, e.g. 21.6', displayOptions: { show: { ...perItemLine, areaUnit: ['m2'] } } }),
			fromItem('lengthM', 'Room Length (长 m)', { displayOptions: { show: { ...perItemLine, areaUnit: ['m'] } } }),
			fromItem('widthM', 'Room Width (宽 m)', { displayOptions: { show: { ...perItemLine, areaUnit: ['m'] } } }),
			fromItem('lengthMm', 'Room Length (长 mm)', { displayOptions: { show: { ...perItemLine, areaUnit: ['mm'] } } }),
			fromItem('widthMm', 'Room Width (宽 mm)', { displayOptions: { show: { ...perItemLine, areaUnit: ['mm'] } } }),
			{
				displayName: 'Layout (铺贴方式)',
				name: 'layout',
				type: 'options',
				options: [
					{ name: 'Straight (直铺) · 5 %', value: 'straight' },
					{ name: 'Diagonal (斜铺) · 10 %', value: 'diagonal' },
					{ name: 'Herringbone (人字铺) · 15 %', value: 'herringbone' },
					{ name: 'Custom Wastage', value: 'custom' },
				],
				default: 'straight',
				description: 'The wastage added to the area (T5: 5 % for a straight layout); diagonal and herringbone layouts waste more',
				displayOptions: { show: perItemLine },
			},
			{
				displayName: 'Wastage (损耗 %)',
				name: 'wastagePct',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 50, numberPrecision: 1 },
				default: 5,
				description: 'From 0 to 50, one decimal at most',
				displayOptions: { show: { ...perItemLine, layout: ['custom'] } },
			},
			{
				displayName: 'Extra Boxes (多备箱数)',
				name: 'extraBoxes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 2,
				description: 'Boxes prepared on top of the wastage (T5: two extra boxes)',
				displayOptions: { show: perItemLine },
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'One Summary Item', value: 'summary', description: 'The lines, totals, stock and vehicle plan in one item' },
					{ name: 'One Item per Line', value: 'lines', description: 'Each line with its figures, paired to its input item' },
				],
				default: 'summary',
				displayOptions: { show: perItemLine },
			},
			{ ...vehicleTableProperty(), displayOptions: { show: { mode: ['estimate', 'checkStock', 'reserveForOrder'] } } },
		],
	};

	methods = {
		listSearch: { searchTileModels },
		credentialTest: { afterSalesStoreConnectionTest: testStoreConnection },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as Mode;
		const store = storeOnDemand(this);
		if (mode === 'reserveForOrder') return [await reserveForOrder(this, store)];
		const linesFrom = this.getNodeParameter('linesFrom', 0, 'items') as unknown;
		if (linesFrom === 'field') return [await quotePerItem(this, mode, store)];
		return [
			await forWholeInput(this, async () => {
				if (linesFrom !== 'items')
					throw fieldError(
						'linesFrom',
						'Lines From: is not one of the choices; expected items (each input item is a line) or field (a list of lines in each item)',
					);
				return await quoteOfItems(this, mode, store);
			}),
		];
	}
}

// ---------------------------------------------------------------------------------------------

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
async function quoteOfItems(ctx: IExecuteFunctions, mode: Mode, store: () => Promise<Store>): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const p = itemParameters(ctx);
	const good: Array<{ i: number; line: StockLine }> = [];
	const failed: Array<{ i: number; error: unknown }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			good.push({ i, line: lineOfItem(ctx, p, i, mode) });
		} catch (error) {
			failed.push({ i, error });
		}
	}
	if (mode === 'checkStock' && good.length) {
		const known = await knownModelKeys(
			await store(),
			good.flatMap((g) => ('modelCode' in g.line ? [g.line.modelCode] : [])),
		);
		for (const g of [...good]) {
			if ('modelCode' in g.line && !known.has(foldKey(g.line.modelCode))) {
				failed.push({
					i: g.i,
					error: fieldError(
						'model',
						`Tile model (瓷砖型号): "${g.line.modelCode}" is not a tile model of the stock register (瓷砖库存); expected a model code such as those Get Stock lists`,
					),
				});
				good.splice(good.indexOf(g), 1);
			}
		}
	}
	failed.sort((a, b) => a.i - b.i);
	if (failed.length && !ctx.continueOnFail()) throw toNodeError(ctx, failed[0].error, failed[0].i);
	const out: INodeExecutionData[] = [];
	if (good.length) {
		const q = await quoteLines(
			ctx,
			mode,
			store,
			good.map((g) => g.line),
			0,
		);
		if ((ctx.getNodeParameter('output', 0, 'summary') as string) === 'lines') {
			q.lines.forEach((line: QuoteLine, k) => out.push({ json: { mode, ...(line as unknown as IDataObject) }, pairedItem: { item: good[k].i } }));
		} else {
			out.push({ json: summary(mode, q), pairedItem: good.map((g) => ({ item: g.i })) });
		}
	}
	for (const f of failed) {
		const nodeError = toNodeError(ctx, f.error, f.i);
		out.push({ json: failureJson(nodeError.message, failureKind(f.error), problemsOf(f.error)), pairedItem: { item: f.i } });
	}
	if (!out.length) out.push({ json: summary(mode, quote([])), pairedItem: pairedToAll(ctx) });
	return out;
}

/** A List of Lines in Each Item: one quote per item. */
async function quotePerItem(ctx: IExecuteFunctions, mode: Mode, store: () => Promise<Store>): Promise<INodeExecutionData[]> {
	return await forEachItem(ctx, async (i) => {
		const field = textParameter(ctx, 'linesField', i, 'lines');
		const value = field
			.split('.')
			.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), ctx.getInputData()[i].json);
		return summary(mode, await quoteLines(ctx, mode, store, linesOfField(value, field, mode), i));
	});
}

/** Reserve for Order (T5): the order's stock prepared, its boxes reserved; with the vehicles its weight needs. */
async function reserveForOrder(ctx: IExecuteFunctions, store: () => Promise<Store>): Promise<INodeExecutionData[]> {
	return await forEachItem(ctx, async (i) => {
		const orderNumber = textParameter(ctx, 'orderNumber', i);
		if (!orderNumber) throw fieldError('orderNumber', 'Order number (订单号): is empty; expected a number such as DD-20261127-0001');
		const vehicles = readVehicleTable(ctx, i);
		const now = nowIso();
		const order = await (
			await store()
		).transaction((trx) =>
			prepareStock(trx, orderNumber, { actor: 'Compute Tile Stock', now, today: DateTime.fromISO(now).setZone(ctx.getTimezone()).toISODate()! }),
		);
		const plan = planVehicles(
			order.lines.map((l) => ({ boxes: l.boxes, boxWeightG: Math.round(l.boxWeightKg * 1000) })),
			vehicles,
		);
		return {
			...(order as unknown as IDataObject),
			vehiclePlan: {
				trips: plan.trips.map((t) => ({
					vehicle: t.vehicle,
					vehicleName: t.vehicleName,
					payloadKg: t.payloadKg,
					loadKg: kg(t.loadG),
					boxes: t.boxes,
					freightFen: t.freightFen,
				})),
				freightFen: plan.freightFen,
			},
		};
	});
}

/** Compute Tile Stock's parameters: the modes, the line parameters, the vehicles. */
import type { INodeProperties } from 'n8n-workflow';
import { actorProperty } from '../shared/n8n/context';
import { orderNumberProperty } from '../shared/n8n/record-numbers';
import { vehicleTableProperty } from '../shared/n8n/vehicle-table';
import { numberProperty, optionsProperty, stringProperty } from '../shared/n8n/properties';

export type Mode = 'estimate' | 'checkStock' | 'reserveForOrder';

export const quoting = { mode: ['estimate', 'checkStock'] };
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

/** The node's parameters: the mode, then each mode's own (a new list for each node instance). */
export function computeTileStockProperties(): INodeProperties[] {
	return [
		optionsProperty(
			'mode',
			'Mode',
			[
				['Estimate', 'estimate', 'Quantities, weight, amount and vehicles from tile sizes typed in; no store needed (a quick quote)'],
				['Check Stock', 'checkStock', 'The same with models from the store: available boxes and boxes short (T3)'],
				['Reserve for Order', 'reserveForOrder', "Prepare an order's stock (T5): reserve the boxes of its measured lines"],
			],
			'estimate',
			{ noDataExpression: true },
		),
		orderNumberProperty({
			hint: 'The order must be measured; every line’s boxes (wastage and extra boxes included) are reserved, or none when a model is short',
			displayOptions: { show: { mode: ['reserveForOrder'] } },
		}),
		{
			...actorProperty({ default: 'Compute Tile Stock', description: 'Who prepares the stock; kept in the order’s audit trail' }),
			displayOptions: { show: { mode: ['reserveForOrder'] } },
		},
		optionsProperty(
			'linesFrom',
			'Lines From',
			[
				['Each Input Item Is a Line', 'items', 'One line per item; one quote for all of them'],
				['A List of Lines in Each Item', 'field', 'Each item carries its lines (e.g. an order body’s lines); one quote per item'],
			],
			'items',
			{ displayOptions: { show: quoting } },
		),
		stringProperty('linesField', 'Lines Field', 'lines', {
			description:
				'The field holding the list of lines: { modelCode or tileWidthMm, tileHeightMm, piecesPerBox, boxWeightKg, pricePerBoxYuan?; areaM2, or lengthM and widthM, or lengthMm and widthMm; wastagePct?; layout?; extraBoxes? }',
			displayOptions: { show: { ...quoting, linesFrom: ['field'] } },
		}),
		optionsProperty(
			'tileSource',
			'Tile',
			[
				['Model From the Store (型号)', 'store', 'Size, box, weight, price and stock as the store has them'],
				['Size Typed In (尺寸)', 'dimensions', 'A tile not in the store: its size, pieces per box, box weight and price'],
			],
			'store',
			{ displayOptions: { show: { mode: ['checkStock'], linesFrom: ['items'] } } },
		),
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
		optionsProperty(
			'areaUnit',
			'Area Given As',
			[
				['Square Metres (面积)', 'm2'],
				['Room Length × Width in Metres', 'm'],
				['Room Length × Width in Millimetres', 'mm'],
			],
			'm2',
			{ displayOptions: { show: perItemLine } },
		),
		fromItem('areaM2', 'Area (面积 m²)', { hint: 'Greater than 0, e.g. 21.6', displayOptions: { show: { ...perItemLine, areaUnit: ['m2'] } } }),
		fromItem('lengthM', 'Room Length (长 m)', { displayOptions: { show: { ...perItemLine, areaUnit: ['m'] } } }),
		fromItem('widthM', 'Room Width (宽 m)', { displayOptions: { show: { ...perItemLine, areaUnit: ['m'] } } }),
		fromItem('lengthMm', 'Room Length (长 mm)', { displayOptions: { show: { ...perItemLine, areaUnit: ['mm'] } } }),
		fromItem('widthMm', 'Room Width (宽 mm)', { displayOptions: { show: { ...perItemLine, areaUnit: ['mm'] } } }),
		optionsProperty(
			'layout',
			'Layout (铺贴方式)',
			[
				['Straight (直铺) · 5 %', 'straight'],
				['Diagonal (斜铺) · 10 %', 'diagonal'],
				['Herringbone (人字铺) · 15 %', 'herringbone'],
				['Custom Wastage', 'custom'],
			],
			'straight',
			{
				description: 'The wastage added to the area (T5: 5 % for a straight layout); diagonal and herringbone layouts waste more',
				displayOptions: { show: perItemLine },
			},
		),
		numberProperty('wastagePct', 'Wastage (损耗 %)', 5, {
			typeOptions: { minValue: 0, maxValue: 50, numberPrecision: 1 },
			description: 'From 0 to 50, one decimal at most',
			displayOptions: { show: { ...perItemLine, layout: ['custom'] } },
		}),
		numberProperty('extraBoxes', 'Extra Boxes (多备箱数)', 2, {
			typeOptions: { minValue: 0, maxValue: 100 },
			description: 'Boxes prepared on top of the wastage (T5: two extra boxes)',
			displayOptions: { show: perItemLine },
		}),
		optionsProperty(
			'output',
			'Output',
			[
				['One Summary Item', 'summary', 'The lines, totals, stock and vehicle plan in one item'],
				['One Item per Line', 'lines', 'Each line with its figures, paired to its input item'],
			],
			'summary',
			{ displayOptions: { show: perItemLine } },
		),
		{ ...vehicleTableProperty(), displayOptions: { show: { mode: ['estimate', 'checkStock', 'reserveForOrder'] } } },
	];
}

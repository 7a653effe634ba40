import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { forWholeInput } from '../shared/n8n/per-item';
import { storeOnDemand } from '../shared/n8n/store-access';
import { searchTileModels } from '../shared/n8n/list-search';
import { nodeHeader, storeCredentialTest } from '../shared/n8n/node-shell';
import { fieldError } from '../shared/rules/errors';
import { computeTileStockProperties, type Mode } from './description';
import { quoteOfItems, quotePerItem } from './quote';
import { reserveForOrder } from './reserve';

/** Compute Tile Stock (瓷砖备货计算): a quote without the store (Estimate), with its stock (Check Stock), or an order's stock reserved. */
export class ComputeTileStock implements INodeType {
	description: INodeTypeDescription = {
		...nodeHeader('Compute Tile Stock', 'computeTileStock'),
		icon: { light: 'file:computeTileStock.svg', dark: 'file:computeTileStock.dark.svg' },
		subtitle:
			'={{ ({ estimate: "Estimate (备货计算)", checkStock: "Check Stock (备货计算)", reserveForOrder: "Reserve for Order (备货)" })[$parameter["mode"]] }}',
		description: 'Tile stock preparation (瓷砖备货计算): pieces with wastage, boxes with extra boxes, weight, amount, stock and vehicles',
		usableAsTool: true,
		credentials: [
			{
				name: 'afterSalesStore',
				required: true,
				testedBy: 'afterSalesStoreConnectionTest',
				// An estimate needs no store: the credential is asked for only where the store is read.
				displayOptions: { show: { mode: ['checkStock', 'reserveForOrder'] } },
			},
		],
		properties: computeTileStockProperties(),
	};

	methods = {
		listSearch: { searchTileModels },
		credentialTest: storeCredentialTest,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as Mode;
		if (mode === 'reserveForOrder') return await reserveForOrder(this);
		const store = storeOnDemand(this);
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

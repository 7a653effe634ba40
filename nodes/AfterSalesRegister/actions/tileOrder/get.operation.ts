/** Get a tile order with its figures, steps, history and documents. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { getOrder } from '../../../shared/services/tile-orders';
import { readDocumentLanguage } from '../../../shared/n8n/document-language';
import { tileOrderOutput } from '../../../shared/n8n/tile-order-output';
import { orderDocumentLanguage, orderNumberProperty } from './common';
import { readOrderNumber } from '../../../shared/n8n/record-numbers';

export const { description, execute }: Operation = {
	description: forOperation('tileOrder', 'get', [orderNumberProperty, orderDocumentLanguage]),
	async execute(i, store) {
		const orderNumber = readOrderNumber(this, i);
		const lang = readDocumentLanguage(this, i);
		return await tileOrderOutput(this, await store.transaction((trx) => getOrder(trx, orderNumber)), lang);
	},
};

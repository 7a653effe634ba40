/** Get a tile order with its figures, steps, history and documents. */
import { forOperation, type Operation } from '../common/operation';
import { getOrder } from '../../../shared/services/tile-orders';
import { readDocumentLanguage } from '../../../shared/n8n/document-language';
import { tileOrderOutput } from '../../../shared/n8n/tile-order-output';
import { orderDocumentLanguage, orderNumberProperty, readOrderNumber } from './common';

export const { description, execute }: Operation = {
	description: forOperation('tileOrder', 'get', [orderNumberProperty, orderDocumentLanguage]),
	async execute(i, store) {
		const orderNumber = readOrderNumber(this, i);
		const lang = readDocumentLanguage(this, i);
		return await tileOrderOutput(this, await store.transaction((trx) => getOrder(trx, orderNumber)), lang);
	},
};

/** Parameters and the step shape shared by the tile order operations (瓷砖订单, T1–T12). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { actionContext, actorProperty } from '../../../shared/n8n/context';
import { documentLanguageProperty, readDocumentLanguage } from '../../../shared/n8n/document-language';
import { tileOrderOutput } from '../../../shared/n8n/tile-order-output';
import { orderNumberProperty as orderNumber, readOrderNumber } from '../../../shared/n8n/record-numbers';
import type { Trx } from '../../../shared/store/store';
import type { TileOrderView } from '../../../shared/store/registers/tile-orders';
import type { OrderContext } from '../../../shared/services/tile-orders';

export { fromItem, readInputs } from '../ticket/common';

export const orderNumberProperty = orderNumber({ hint: "Taken from the input item's orderNumber; type a number to work on one order" });

export const orderActorProperty = actorProperty({ description: 'Who records this step; kept in the order’s audit trail' });

/** Language of the order's documents in the output (payment notice, processing sheet, delivery note, settlement). */
export const orderDocumentLanguage = documentLanguageProperty(
	"Language of the order's printable documents: payment notice, processing sheet, delivery note, settlement statement",
);

/**
 * One step on an order: its parameters, how the step's input is read and checked (before the
 * transaction opens, so a bad item never touches the store), and the step itself.
 */
export function orderStep<T>(
	operation: string,
	fields: INodeProperties[],
	read: (ctx: IExecuteFunctions, i: number, context: OrderContext) => T,
	run: (trx: Trx, orderNumber: string, input: T, context: OrderContext) => Promise<TileOrderView>,
): Operation {
	return {
		description: forOperation('tileOrder', operation, [orderNumberProperty, ...fields, orderActorProperty, orderDocumentLanguage]),
		async execute(i, store) {
			const orderNumber = readOrderNumber(this, i);
			const context = actionContext(this, i);
			const input = read(this, i, context);
			const lang = readDocumentLanguage(this, i);
			const order = await store.transaction((trx) => run(trx, orderNumber, input, context));
			return await tileOrderOutput(this, order, lang);
		},
	};
}

/** Send for Processing (发加工, T6–T7): the processing sheet for the factory. */
import { orderStep, fromItem, readInputs } from './common';
import { cleanProcessingSheet } from '../../../shared/rules/tile-order-inputs';
import { sendProcessing } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'sendProcessing',
	[
		fromItem('factory', 'Factory (加工厂)'),
		fromItem('factoryEmail', 'Factory Email (加工厂邮箱)', 'Where the workflow sends the sheet; kept on the order'),
		fromItem(
			'lines',
			'Processing Lines (加工明细)',
			'A list of { modelCode, pieces (whole tiles to process), cutting?, edging?, chamfering?, notes? }',
		),
	],
	(ctx, i) => cleanProcessingSheet(readInputs(ctx, i, ['factory', 'factoryEmail', 'lines'])),
	sendProcessing,
);

/** Record Secondary Item (二次费用, T10): extra tiles, returned tiles, secondary processing. */
import { orderStep, fromItem, readInputs } from './common';
import { cleanSecondary } from '../../../shared/rules/tile-order-inputs';
import { recordSecondary } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'recordSecondary',
	[
		fromItem('kind', 'Kind (类型)', 'extra (补砖), return (退砖) or reprocessing (二次加工)'),
		fromItem('modelCode', 'Model Code (型号)', 'For extra and returned boxes'),
		fromItem('boxes', 'Boxes (箱数)', 'For extra and returned boxes'),
		fromItem('feeYuan', 'Fee (二次加工费 元)', 'For secondary processing'),
		fromItem('notes', 'Notes (备注)'),
	],
	(ctx, i) => cleanSecondary(readInputs(ctx, i, ['kind', 'modelCode', 'boxes', 'feeYuan', 'notes'])),
	recordSecondary,
);

/** Confirm Processing (加工确认, T7): the factory's completion date and fee. */
import { orderStep, fromItem, readInputs } from './common';
import { cleanProcessingConfirmation } from '../../../shared/rules/tile-order-inputs';
import { confirmProcessing } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'confirmProcessing',
	[fromItem('completionDate', 'Completion Date (完成日期)'), fromItem('feeYuan', 'Processing Fee (加工费 元)')],
	(ctx, i) => cleanProcessingConfirmation(readInputs(ctx, i, ['completionDate', 'feeYuan']), ctx.getTimezone()),
	confirmProcessing,
);

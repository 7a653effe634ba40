/** Cancel (取消订单): before delivery; the reserved boxes go back to stock. */
import { orderStep, fromItem, readInputs } from './common';
import { requireText } from '../../../shared/rules/ticket-steps';
import { cancelOrder } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'cancel',
	[fromItem('reason', 'Reason (原因)')],
	(ctx, i) => requireText(readInputs(ctx, i, ['reason']), 'reason', 'Reason (原因)'),
	cancelOrder,
);

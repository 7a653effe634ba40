/** Complete (完成存档, T12): inventory decremented once, net of returns; reservations released; archived. */
import { orderStep } from './common';
import { completeOrder } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'complete',
	[],
	() => undefined,
	(trx, n, _input, ctx) => completeOrder(trx, n, ctx),
);

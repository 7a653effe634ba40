/** Settle (结算, T11): the settlement statement; settling again shows the balance now. */
import { orderStep } from './common';
import { settleOrder } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'settle',
	[],
	() => undefined,
	(trx, n, _input, ctx) => settleOrder(trx, n, ctx),
);

/** Issue Payment Notice (付款通知, T8): goods and fees less deposit and payments; the notice document. */
import { orderStep } from './common';
import { issuePaymentNotice } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'issuePaymentNotice',
	[],
	() => undefined,
	(trx, n, _input, ctx) => issuePaymentNotice(trx, n, ctx),
);

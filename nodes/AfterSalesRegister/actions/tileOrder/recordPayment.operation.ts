/** Record Payment (收款, T8/T11): never more than is owed; a refund is negative with a reason. */
import { orderStep, fromItem, readInputs } from './common';
import { cleanPayment } from '../../../shared/rules/tile-order-inputs';
import { recordPayment } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'recordPayment',
	[
		fromItem('amountYuan', 'Amount (金额 元)', 'Yuan with at most two decimals; a refund is negative'),
		fromItem('method', 'Method (付款方式)', 'cash, wechat, alipay, bank-transfer or card'),
		fromItem('reason', 'Reason (原因)', 'Required for a refund'),
	],
	(ctx, i) => cleanPayment(readInputs(ctx, i, ['amountYuan', 'method', 'reason'])),
	recordPayment,
);

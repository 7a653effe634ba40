/** Start Installation (开始铺贴): after delivery. */
import { orderStep } from './common';
import { startInstallation } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'startInstallation',
	[],
	() => undefined,
	(trx, n, _input, ctx) => startInstallation(trx, n, ctx),
);

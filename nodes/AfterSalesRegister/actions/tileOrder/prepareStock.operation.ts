/** Prepare Stock (备货, T5): each model's boxes reserved (its lines summed before rounding, the extra boxes once), or none when a model is short. */
import { orderStep } from './common';
import { prepareStock } from '../../../shared/services/tile-orders';

export const { description, execute } = orderStep(
	'prepareStock',
	[],
	() => undefined,
	(trx, n, _input, ctx) => prepareStock(trx, n, ctx),
);

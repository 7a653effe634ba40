/**
 * Complete (完成存档, T12): inventory decremented once, net of returns; reservations released;
 * archived; the order becomes an installation of its customer with the installer's warranty.
 */
import { orderStep } from './common';
import { completeOrder } from '../../../shared/services/tile-orders';
import { numberProperty } from '../../../shared/n8n/properties';
import { DEFAULT_TILE_INSTALLATION_WARRANTY_MONTHS, tileWarrantyMonthsOf } from '../../../shared/rules/tile-order-installation';

export const { description, execute } = orderStep(
	'complete',
	[
		numberProperty('installationWarrantyMonths', 'Installation Warranty (Months)', DEFAULT_TILE_INSTALLATION_WARRANTY_MONTHS, {
			typeOptions: { minValue: 1, maxValue: 120 },
			description:
				'铺贴质保: the completed order becomes an installation of its customer (serial no = the order number), in warranty this many months from the completion day',
		}),
	],
	(ctx, i) => ({
		warrantyMonths: tileWarrantyMonthsOf(ctx.getNodeParameter('installationWarrantyMonths', i, DEFAULT_TILE_INSTALLATION_WARRANTY_MONTHS)),
	}),
	(trx, n, input, ctx) => completeOrder(trx, n, ctx, input),
);

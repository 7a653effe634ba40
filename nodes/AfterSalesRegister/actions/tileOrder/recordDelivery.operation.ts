/** Record Delivery (发货, T9): the vehicles for the weight; the freight is the store's cost. */
import { orderStep, fromItem, readInputs } from './common';
import { cleanDelivery } from '../../../shared/rules/tile-order-inputs';
import { recordDelivery } from '../../../shared/services/tile-orders';
import { readVehicleTable, vehicleTableProperty } from '../../../shared/n8n/vehicle-table';

export const { description, execute } = orderStep(
	'recordDelivery',
	[
		fromItem('deliveryDate', 'Delivery Date (送货日期)', 'The date agreed with the installer'),
		fromItem('installer', 'Installer (铺贴工人)', '{ name, phone }; empty: the installer on the order'),
		vehicleTableProperty(),
	],
	(ctx, i) => ({ ...cleanDelivery(readInputs(ctx, i, ['deliveryDate', 'installer']), ctx.getTimezone()), vehicles: readVehicleTable(ctx, i) }),
	(trx, n, d, ctx) => recordDelivery(trx, n, d, d.vehicles, ctx),
);

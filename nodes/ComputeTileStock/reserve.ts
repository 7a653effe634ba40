/** Compute Tile Stock's Reserve for Order (T5): the Register's prepare-stock step, with the vehicles the order's weight needs. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { actionContext } from '../shared/n8n/context';
import { eachItemOnStore } from '../shared/n8n/node-shell';
import { readOrderNumber } from '../shared/n8n/record-numbers';
import { readVehicleTable } from '../shared/n8n/vehicle-table';
import { planVehicles, vehiclePlanOutput } from '../shared/rules/tile-vehicles';
import { prepareStock } from '../shared/services/tile-orders';

/** The order's stock prepared as the Register's Prepare Stock does it (its boxes reserved, or none when a model is short). */
export async function reserveForOrder(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await eachItemOnStore(ctx, async (i, store) => {
		const orderNumber = readOrderNumber(ctx, i);
		const vehicles = readVehicleTable(ctx, i);
		const context = actionContext(ctx, i, { fallbackActor: 'Compute Tile Stock' });
		const order = await (await store()).transaction((trx) => prepareStock(trx, orderNumber, context));
		const plan = planVehicles(
			order.lines.map((l) => ({ boxes: l.boxes, boxWeightG: Math.round(l.boxWeightKg * 1000) })),
			vehicles,
		);
		return { ...(order as unknown as IDataObject), vehiclePlan: vehiclePlanOutput(plan) as unknown as IDataObject };
	});
}

/** Get Stock (查看库存): boxes on hand, reserved and available, with the latest movements. */
import type { IDataObject } from 'n8n-workflow';
import { REGISTERS } from '../registers';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { locatorProperty, readRef } from '../common/parameters';
import { requireRecord } from '../common/record-operations';
import { stockMovements } from '../../../shared/store/registers/tile-models';
import { numberProperty } from '../../../shared/n8n/properties';

const reg = REGISTERS.tileModel;

export const { description, execute }: Operation = {
	description: forOperation('tileModel', 'getStock', [
		locatorProperty(reg),
		numberProperty('movements', 'Movements to Show', 10, {
			typeOptions: { minValue: 0 },
			description: 'How many of the latest stock movements to include',
		}),
	]),
	async execute(i, store) {
		const ref = readRef(this, reg, i);
		const count = this.getNodeParameter('movements', i, 10) as number;
		return await store.transaction(async (trx) => {
			const m = await requireRecord(trx, reg, ref);
			const movements = count > 0 ? await stockMovements(trx, { id: m.id as number }, count) : [];
			return {
				modelCode: m.modelCode,
				name: m.name,
				boxesOnHand: m.boxesOnHand,
				boxesReserved: m.boxesReserved,
				boxesAvailable: m.boxesAvailable,
				piecesPerBox: m.piecesPerBox,
				movements: movements as unknown as IDataObject[],
			} as IDataObject;
		});
	},
};

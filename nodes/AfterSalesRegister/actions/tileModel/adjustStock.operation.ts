/** Adjust Stock (调整库存): boxes in (+) or out (−) with a reason; never below zero or the reserved boxes. */
import { REGISTERS } from '../registers';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { locatorProperty, readRef } from '../common/parameters';
import { requireRecord } from '../common/record-operations';
import { nowIso, textParameter } from '../../../shared/n8n/per-item';
import { fieldError, plainNumber } from '../../../shared/rules/errors';
import { adjustStock } from '../../../shared/store/registers/tile-models';
import { stringProperty, numberProperty } from '../../../shared/n8n/properties';

const reg = REGISTERS.tileModel;

export const { description, execute }: Operation = {
	description: forOperation('tileModel', 'adjustStock', [
		locatorProperty(reg),
		numberProperty('delta', 'Change in Boxes (增减箱数)', 0, {
			required: true,
			description: 'Boxes added to stock (positive) or taken out (negative)',
			hint: 'Stock never goes below zero nor below the boxes reserved for orders',
		}),
		stringProperty('reason', 'Reason (原因)', '', { required: true, placeholder: 'delivery from factory / breakage / stock count' }),
	]),
	async execute(i, store) {
		const ref = readRef(this, reg, i);
		const delta = plainNumber(this.getNodeParameter('delta', i));
		const reason = textParameter(this, 'reason', i);
		if (!reason) throw fieldError('reason', 'Reason (原因): is empty; say why the stock changes, for example "delivery from factory"');
		return await store.transaction(async (trx) => {
			const model = await requireRecord(trx, reg, ref);
			const { model: after, movement } = await adjustStock(trx, { id: model.id as number }, delta, reason, nowIso());
			return { ...after, movement };
		});
	},
};

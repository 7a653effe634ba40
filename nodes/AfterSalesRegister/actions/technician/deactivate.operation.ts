/** Deactivate a technician who left or is on long leave: kept for history, never dispatched. */
import { REGISTERS } from '../registers';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { locatorProperty, readRef } from '../common/parameters';
import { requireRecord } from '../common/record-operations';
import { nowIso } from '../../../shared/n8n/per-item';
import { updateTechnician } from '../../../shared/store/registers/technicians';

const reg = REGISTERS.technician;

export const { description, execute }: Operation = {
	description: forOperation('technician', 'deactivate', [locatorProperty(reg)]),
	async execute(i, store) {
		const ref = readRef(this, reg, i);
		return await store.transaction(async (trx) => {
			const technician = await requireRecord(trx, reg, ref);
			if (!technician.active) return technician;
			return await updateTechnician(trx, technician.id as number, { active: false }, nowIso());
		});
	},
};

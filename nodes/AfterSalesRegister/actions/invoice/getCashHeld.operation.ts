/** Get Cash Held (技术员代收现金): per technician, the cash taken on site not yet handed to finance (P5). */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { normalizeMainlandPhone } from '../../../shared/rules/phone';
import { textParameter } from '../../../shared/n8n/per-item';
import { cashHeld } from '../../../shared/store/registers/invoices';
import { requireTechnician } from '../../../shared/store/registers/technicians';
import { stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('invoice', 'getCashHeld', [
		stringProperty('technicianPhone', 'Technician Phone', '', { description: 'Only this technician; empty: every technician who holds cash' }),
	]),
	async execute(i, store) {
		const phone = textParameter(this, 'technicianPhone', i);
		return await store.transaction(async (trx) => {
			const technicianId = phone ? (await requireTechnician(trx, { phone: normalizeMainlandPhone(phone, 'technicianPhone') })).id : undefined;
			return (await cashHeld(trx, technicianId)) as unknown as Array<Record<string, never>>;
		});
	},
};

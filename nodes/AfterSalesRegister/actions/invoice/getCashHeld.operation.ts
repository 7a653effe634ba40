/**
 * Get Cash Held (技术员代收现金): per technician, the cash taken on site not yet handed to finance (P5).
 * With Queue the Day's List on, the day's list of every technician holding cash is also queued for
 * the staff groups (issue 19) — once a day: a second run the same day queues nothing more.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { normalizeMainlandPhone } from '../../../shared/rules/phone';
import { textParameter } from '../../../shared/n8n/per-item';
import { cashHeld } from '../../../shared/store/registers/invoices';
import { requireTechnician } from '../../../shared/store/registers/technicians';
import { booleanProperty, stringProperty } from '../../../shared/n8n/properties';
import { actionContext } from '../../../shared/n8n/context';
import { queueCashList } from '../../../shared/services/staff-lists';

export const { description, execute }: Operation = {
	description: forOperation('invoice', 'getCashHeld', [
		stringProperty('technicianPhone', 'Technician Phone', '', { description: 'Only this technician; empty: every technician who holds cash' }),
		booleanProperty('queueStaffList', "Queue the Day's List for the Staff Groups", false, {
			description:
				'Whether to queue today’s list of every technician holding cash for the staff groups’ robots (企业微信/钉钉/飞书), once a day; the Outbox sends it',
		}),
	]),
	async execute(i, store) {
		const phone = textParameter(this, 'technicianPhone', i);
		const queue = this.getNodeParameter('queueStaffList', i, false) as boolean;
		const ctx = queue ? actionContext(this, i) : null;
		return await store.transaction(async (trx) => {
			const technicianId = phone ? (await requireTechnician(trx, { phone: normalizeMainlandPhone(phone, 'technicianPhone') })).id : undefined;
			if (ctx) await queueCashList(trx, ctx.today, ctx.now);
			return (await cashHeld(trx, technicianId)) as unknown as Array<Record<string, never>>;
		});
	},
};

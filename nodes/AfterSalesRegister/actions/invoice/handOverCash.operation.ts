/** Record Cash Hand-Over (交款): finance received a technician's cash taken on site; it is no longer held. */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { fieldError } from '../../../shared/rules/errors';
import { normalizeMainlandPhone } from '../../../shared/rules/phone';
import { isBlank, isText, notTextMessage, refuseUnprintable } from '../../../shared/rules/records';
import { handOverCash } from '../../../shared/store/registers/invoices';
import { requireTechnician } from '../../../shared/store/registers/technicians';
import { fromItem, readInputs } from '../ticket/common';
import { invoiceActorProperty } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('invoice', 'handOverCash', [
		fromItem('technicianPhone', 'Technician Phone (技术员电话)'),
		fromItem(
			'invoiceNumbers',
			'Invoice Numbers',
			'Only the cash of these invoices (a list, or numbers separated by commas); empty: all the cash the technician holds',
		),
		{ ...invoiceActorProperty, displayName: 'Received By (财务经办)', description: 'Who in finance received the cash' },
	]),
	async execute(i, store) {
		const ctx = actionContext(this, i);
		const input = readInputs(this, i, ['technicianPhone', 'invoiceNumbers']);
		refuseUnprintable(input);
		if (
			!isBlank(input.invoiceNumbers) &&
			(Array.isArray(input.invoiceNumbers) ? !input.invoiceNumbers.every(isText) : !isText(input.invoiceNumbers))
		) {
			throw fieldError(
				'invoiceNumbers',
				notTextMessage('Invoice numbers (发票号)', input.invoiceNumbers, 'invoice numbers separated by commas, or a list of them'),
			);
		}
		if (isBlank(input.technicianPhone))
			throw fieldError('technicianPhone', 'Technician phone (技术员电话): is empty; expected the phone of the technician handing over cash');
		const phone = normalizeMainlandPhone(input.technicianPhone, 'technicianPhone');
		const raw = input.invoiceNumbers;
		const numbers = isBlank(raw)
			? undefined
			: (Array.isArray(raw) ? raw.map(String) : String(raw).split(/[,，;\s]+/)).map((n) => n.trim()).filter(Boolean);
		return await store.transaction(async (trx) => {
			const technician = await requireTechnician(trx, { phone });
			return (await handOverCash(trx, technician.id, numbers, ctx.actor, ctx.now)) as unknown as Record<string, never>;
		});
	},
};

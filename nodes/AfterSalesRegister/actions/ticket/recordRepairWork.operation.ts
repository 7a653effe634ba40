/** Record Repair Work (修护卡): repair time and parts replaced, on the repair card (P7). */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { cleanRepairWork } from '../../../shared/rules/ticket-steps';
import { recordRepairWork } from '../../../shared/services/ticket-steps';
import { checkStepMoney } from '../../../shared/services/invoicing';
import { feesProperty, readFeeRates } from '../../../shared/n8n/fee-parameters';
import { ticketActorProperty, fromItem, readInputs, readTicketNumber, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';
import { actionContext } from '../../../shared/n8n/context';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'recordRepairWork', [
		ticketNumberProperty,
		fromItem('minutes', 'Repair Time in Minutes (修理工时)', undefined, 'number'),
		fromItem('workedAt', 'Worked At (修理时间)', 'When the repair was done: the work counts on that day in the daily work report (P10); empty: now'),
		fromItem('description', 'Work Done (修理内容)'),
		fromItem('parts', 'Parts Replaced (更换零件)', 'A list of { part, quantity, unitPriceYuan }, or text such as "压缩机 x1 @1200; 电容 x2 @35"'),
		feesProperty('The rates the repair is charged by: a part the customer pays for needs its unit price'),
		ticketActorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = actionContext(this, i);
		const work = cleanRepairWork(readInputs(this, i, ['minutes', 'description', 'parts', 'workedAt']), this.getTimezone(), ctx.now);
		const rates = readFeeRates(this, i);
		return await store.transaction(async (trx) => {
			const t = await recordRepairWork(trx, ticketNumber, work, ctx);
			await checkStepMoney(trx, ticketNumber, rates);
			return await ticketOutput(this, trx, t, i);
		});
	},
};

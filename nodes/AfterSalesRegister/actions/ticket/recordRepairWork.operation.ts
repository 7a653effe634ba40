/** Record Repair Work (修护卡): repair time and parts replaced, on the repair card (P7). */
import { forOperation, type Operation } from '../common/operation';
import { cleanRepairWork } from '../../../shared/rules/ticket-steps';
import { recordRepairWork } from '../../../shared/store/registers/ticket-lifecycle';
import { actorProperty, fromItem, readInputs, readTicketNumber, stepContext, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'recordRepairWork', [
		ticketNumberProperty,
		fromItem('minutes', 'Repair Time in Minutes (修理工时)', undefined, 'number'),
		fromItem('description', 'Work Done (修理内容)'),
		fromItem('parts', 'Parts Replaced (更换零件)', 'A list of { part, quantity }, or text such as "压缩机 x1; 电容 x2"'),
		actorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = stepContext(this, i);
		const work = cleanRepairWork(readInputs(this, i, ['minutes', 'description', 'parts']));
		return await store.transaction(async (trx) => await ticketOutput(this, trx, await recordRepairWork(trx, ticketNumber, work, ctx), i));
	},
};

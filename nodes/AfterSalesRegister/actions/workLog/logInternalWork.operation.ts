/**
 * Log Internal Work (一般行政工作): D work without a ticket — inspection, parts management, tool
 * upkeep, training (P1) — on the day it was done, for the daily work report (P10).
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { cleanInternalWork } from '../../../shared/rules/work-report';
import { logInternalWork } from '../../../shared/store/registers/work-log';
import { ticketActorProperty, fromItem, readInputs } from '../ticket/common';
import { actionContext } from '../../../shared/n8n/context';

const FIELDS = ['technicianPhone', 'category', 'kind', 'minutes', 'workedOn', 'notes'];

export const { description, execute }: Operation = {
	description: forOperation('workLog', 'logInternalWork', [
		fromItem('technicianPhone', 'Technician Phone (技术员电话)', 'The technician who did the work'),
		fromItem('category', 'Category (类别)', 'D (一般行政工作); empty means D. A, B and C work is recorded with its ticket'),
		fromItem('kind', 'Kind (工作类型)', 'inspection (巡检), parts (零件管理), tools (工具保养) or training (培训)'),
		fromItem('minutes', 'Minutes (工时)', 'Time spent, 1 to 1440', 'number'),
		fromItem('workedOn', 'Worked On (工作日期)', 'The day the work was done, YYYY-MM-DD; empty: today. Not in the future'),
		fromItem('notes', 'Notes (备注)'),
		ticketActorProperty,
	]),
	async execute(i, store) {
		const ctx = actionContext(this, i);
		const work = cleanInternalWork(readInputs(this, i, FIELDS), this.getTimezone(), ctx.today);
		return (await store.transaction(async (trx) => await logInternalWork(trx, work, ctx.actor, ctx.now))) as unknown as IDataObject;
	},
};

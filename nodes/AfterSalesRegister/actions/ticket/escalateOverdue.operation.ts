/**
 * Escalate Overdue (超时上报, P9): the unfinished tickets past their due time that were not yet
 * escalated for their current overdue period; each is marked so the next run leaves it alone
 * until another period has passed. Outputs one item per ticket to tell the manager about.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../common/operation';
import { overduePeriod } from '../../../shared/rules/ticket-lifecycle';
import { listTickets, markEscalated } from '../../../shared/store/registers/tickets';
import { actorProperty, stepContext } from './common';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'escalateOverdue', [
		{
			displayName: 'Overdue Period (Hours)',
			name: 'periodHours',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 24,
			description: 'A ticket is escalated when it becomes overdue, then again after each further period',
		},
		actorProperty,
	]),
	async execute(i, store) {
		const ctx = stepContext(this, i);
		const periodHours = this.getNodeParameter('periodHours', i, 24) as number;
		return await store.transaction(async (trx) => {
			const escalated: IDataObject[] = [];
			for (const t of await listTickets(trx, { overdueAt: ctx.now })) {
				const period = overduePeriod(t.dueAt, ctx.now, periodHours);
				if (period > t.escalatedPeriod && (await markEscalated(trx, t.id, period, ctx.actor, ctx.now))) {
					escalated.push({ ...(t as unknown as IDataObject), escalatedPeriod: period });
				}
			}
			return escalated;
		});
	},
};

/**
 * Escalate Overdue (超时上报, P9): the unfinished tickets past their due time that were not yet
 * escalated for their current overdue period. Three steps:
 * - Find and Mark: lists them and marks each, so the next run leaves it alone until another
 *   period has passed;
 * - Find Only: lists them and writes nothing;
 * - Mark the Input's Tickets: marks each input ticket for its period.
 * Find Only → email the manager → Mark marks only what the manager was told about: an email that
 * fails leaves the tickets due, and the next run tells again. Each ticket marked also goes into the
 * staff groups' overdue list (issue 19) in the transaction that marks it: one list for the run's
 * marks, never a ticket twice for one period.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { overduePeriod } from '../../../shared/rules/ticket-lifecycle';
import { numberParameter } from '../../../shared/n8n/per-item';
import { listTickets, requireTicket } from '../../../shared/store/registers/tickets';
import { ticketActorProperty, readTicketNumber, ticketNumberProperty } from './common';
import { actionContext } from '../../../shared/n8n/context';
import { documentLinkBaseProperty, readDocumentLinkBase } from '../../../shared/n8n/document-link-base';
import { escalateTicket } from '../../../shared/services/staff-lists';
import { numberProperty, optionsProperty, stringProperty } from '../../../shared/n8n/properties';

const onlyFor = (...step: string[]) => ({ show: { step } });

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'escalateOverdue', [
		optionsProperty(
			'step',
			'Step',
			[
				['Find and Mark', 'findAndMark', 'List the tickets due for escalation and mark them escalated'],
				['Find Only', 'find', 'List the tickets due for escalation; write nothing'],
				["Mark the Input's Tickets", 'mark', 'Mark each input ticket escalated for its period, e.g. after the email went out'],
			],
			'findAndMark',
		),
		numberProperty('periodHours', 'Overdue Period (Hours)', 24, {
			typeOptions: { minValue: 1 },
			description: 'A ticket is escalated when it becomes overdue, then again after each further period',
			displayOptions: onlyFor('findAndMark', 'find'),
		}),
		{ ...ticketNumberProperty, displayOptions: onlyFor('mark') },
		stringProperty('period', 'Overdue Period Number', '={{ $json.escalatedPeriod }}', {
			description: 'The period the ticket is escalated for, as Find Only gave it (1 = when it first became overdue)',
			displayOptions: onlyFor('mark'),
		}),
		{ ...documentLinkBaseProperty, displayOptions: onlyFor('findAndMark', 'mark') },
		ticketActorProperty,
	]),
	async execute(i, store) {
		const ctx = actionContext(this, i);
		const step = this.getNodeParameter('step', i, 'findAndMark') as string;
		const notice = step === 'find' ? null : { zone: ctx.zone, documentLinkBase: readDocumentLinkBase(this, i) };
		if (step === 'mark') {
			const ticketNumber = readTicketNumber(this, i);
			const period = numberParameter(this, 'period', i, '', {
				label: 'Overdue period number',
				min: 1,
				whole: true,
				hint: 'expected the escalatedPeriod that Find Only gave',
			});
			return await store.transaction(async (trx) => {
				const t = await requireTicket(trx, { ticketNumber });
				const recorded = await escalateTicket(trx, t, period, ctx.actor, ctx.now, notice!);
				// false: another run marked it for this period already; nothing to do twice.
				return { ...(t as unknown as IDataObject), escalatedPeriod: Math.max(t.escalatedPeriod, period), escalationRecorded: recorded };
			});
		}
		const periodHours = this.getNodeParameter('periodHours', i, 24) as number;
		return await store.transaction(async (trx) => {
			const due: IDataObject[] = [];
			for (const t of await listTickets(trx, { overdueAt: ctx.now })) {
				const period = overduePeriod(t.dueAt, ctx.now, periodHours);
				if (period <= t.escalatedPeriod) continue;
				if (step === 'find') {
					due.push({ ...(t as unknown as IDataObject), escalatedPeriod: period });
				} else if (await escalateTicket(trx, t, period, ctx.actor, ctx.now, notice!)) {
					due.push({ ...(t as unknown as IDataObject), escalatedPeriod: period });
				}
			}
			return due;
		});
	},
};

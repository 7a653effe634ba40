/** List tickets of the repair register: by status, technician, report dates, overdue (P9), left over (P12); oldest or newest first. */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { filtersProperty, pagingProperties, statusFilter } from '../../../shared/n8n/paging';
import { nowIso, limitParameter, collectionParameter } from '../../../shared/n8n/per-item';
import { parseDate } from '../../../shared/rules/dates';
import { normalizeMainlandPhone } from '../../../shared/rules/phone';
import { TICKET_STATUSES, TICKET_STATUS_LABELS } from '../../../shared/rules/ticket-lifecycle';
import { listTickets } from '../../../shared/store/registers/tickets';
import { requireTechnician } from '../../../shared/store/registers/technicians';
import { booleanProperty, stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'getMany', [
		...pagingProperties(),
		filtersProperty([
			statusFilter(TICKET_STATUSES, TICKET_STATUS_LABELS),
			stringProperty('technicianPhone', 'Technician Phone', '', { description: 'Only tickets dispatched to this technician' }),
			stringProperty('reportedFrom', 'Reported From', '', { placeholder: '2026-11-01' }),
			stringProperty('reportedTo', 'Reported To', '', { placeholder: '2026-11-30' }),
			booleanProperty('overdue', 'Overdue Only', false, { description: 'Whether to list only unfinished tickets past their due time (P9)' }),
			booleanProperty('leftOver', 'Left Over Only', false, {
				description: 'Whether to list only tickets from earlier days still waiting for dispatch (P12)',
			}),
			booleanProperty('newestFirst', 'Newest First', false, {
				description:
					'Whether to list the newest reported first, so Limit keeps the newest (a staff form’s list of open tickets); otherwise the oldest first',
			}),
		]),
	]),
	async execute(i, store) {
		const zone = this.getTimezone();
		const limit = limitParameter(this, i);
		const f = collectionParameter(this, 'filters', i, ['status']);
		const now = nowIso();
		return await store.transaction(async (trx) => {
			const technicianId = f.technicianPhone
				? (await requireTechnician(trx, { phone: normalizeMainlandPhone(f.technicianPhone, 'technicianPhone') })).id
				: undefined;
			const tickets = await listTickets(trx, {
				status: (f.status as string[] | undefined)?.length ? (f.status as string[]) : undefined,
				technicianId,
				reportedFrom: f.reportedFrom ? parseDate(f.reportedFrom, 'reportedFrom', zone) : undefined,
				reportedTo: f.reportedTo ? parseDate(f.reportedTo, 'reportedTo', zone) : undefined,
				overdueAt: f.overdue ? now : undefined,
				leftOverBefore: f.leftOver ? DateTime.fromISO(now).setZone(zone).toISODate()! : undefined,
				newestFirst: f.newestFirst === true,
				limit,
			});
			return tickets as unknown as IDataObject[];
		});
	},
};

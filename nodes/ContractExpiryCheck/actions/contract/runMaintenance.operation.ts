/**
 * Run Planned Maintenance (保养): the run the daily schedule makes. Each active contract with a
 * maintenance period (保养周期(月)) gets a category B ticket 7 days before each due day, once per
 * due day also when two runs meet. One summary item — `{ created: [{ contractNo, ticketNumber,
 * dueOn, customerName }], alreadyCreated, … }` — whatever the input, also when nothing was due, so a
 * workflow goes on (dispatch the new tickets, answer the webhook).
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type BatchOperation } from '../../../shared/n8n/operations';
import { runPlannedMaintenance } from '../../../shared/services/planned-maintenance';
import { isBlank } from '../../../shared/rules/records';
import { parseDate } from '../../../shared/rules/dates';
import { pairedToAll } from '../../../shared/n8n/per-item';
import { actorProperty, clock, readActor } from '../../../shared/n8n/context';
import { stringProperty } from '../../../shared/n8n/properties';
import { documentLinkBaseProperty, readDocumentLinkBase } from '../../../shared/n8n/document-link-base';

export const { description, executeBatch }: BatchOperation = {
	description: forOperation('contract', 'runMaintenance', [
		stringProperty('date', 'Run For Date (运行日期)', '', {
			placeholder: '2026-12-05',
			description: 'YYYY-MM-DD: the day the run is for (a missed day run again). Empty: today in the workflow’s timezone.',
		}),
		actorProperty({ default: 'daily maintenance run', description: 'Who does this; kept with each ticket' }),
		documentLinkBaseProperty,
	]),
	async executeBatch(store) {
		const c = clock(this);
		const given = this.getNodeParameter('date', 0, '');
		const date = isBlank(given) ? undefined : parseDate(given, 'date', c.zone);
		const documentLinkBase = readDocumentLinkBase(this, 0);
		const r = await runPlannedMaintenance(store, {
			now: c.now,
			zone: c.zone,
			actor: readActor(this, 0, 'daily maintenance run'),
			date,
			documentLinkBase,
		});
		return [{ json: { ...(r as unknown as IDataObject) }, pairedItem: pairedToAll(this) }];
	},
};

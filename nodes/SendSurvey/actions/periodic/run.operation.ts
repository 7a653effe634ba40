/**
 * Run Periodic Follow-Up (定期回访): the monthly run — the installations in normal use (no open
 * ticket) not contacted for 6 months (3 with an active annual contract), listed as calls for the
 * desk (DH-…), once a period: a second run the same month lists nothing new. One item: the day,
 * the period and the calls this run listed.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { runPeriodicFollowUp } from '../../../shared/services/periodic-follow-up';
import { parseDate } from '../../../shared/rules/dates';
import { isBlank } from '../../../shared/documents/html';
import { surveyActorProperty } from '../common';
import { clock, readActor } from '../../../shared/n8n/context';
import { stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('periodic', 'run', [
		stringProperty('date', 'Run Date (日期)', '', {
			placeholder: '2026-12-01',
			description: 'The day the run lists for (YYYY-MM-DD); its month is the period. Empty: today in the workflow’s timezone.',
		}),
		surveyActorProperty('monthly follow-up', 'Who runs it; kept with each call listed'),
	]),
	async execute(i, store) {
		const c = clock(this);
		const given = this.getNodeParameter('date', i, '') as unknown;
		const date = isBlank(given) ? c.today : parseDate(given, 'date', c.zone);
		const run = await runPeriodicFollowUp(store, { date, now: c.now, zone: c.zone, actor: readActor(this, i, 'monthly follow-up') });
		return run as unknown as IDataObject;
	},
};

/**
 * Get Weekly Table (售后服务报修记录表, P11): per technician × category A/B/C/D, the ISO week's
 * jobs and minutes with totals; optionally the week's seven daily reports (the Monday email).
 * One item: the table, and the page as `html`.
 */
import { forOperation, type Operation } from '../common/operation';
import { weeklyWorkTable } from '../../../shared/services/work-report';
import { renderWeeklyWorkTable } from '../../../shared/documents/work-reports';
import { documentLanguageProperty, readDocumentLanguage } from '../../../shared/n8n/document-language';
import { letterheadFor } from '../../../shared/n8n/store-access';
import { parseIsoWeek } from '../../../shared/rules/work-report';

export const { description, execute }: Operation = {
	description: forOperation('workReport', 'weekly', [
		{
			displayName: 'Week (周)',
			name: 'week',
			type: 'string',
			default: '={{ $now.minus({ weeks: 1 }).toFormat("kkkk-\'W\'WW") }}',
			required: true,
			placeholder: '2026-W48',
			description: 'ISO week YYYY-Www (Monday to Sunday); by default last week',
		},
		{
			displayName: 'Include Daily Reports',
			name: 'includeDays',
			type: 'boolean',
			default: false,
			description: "Whether to add the week's seven daily work reports (as `days`, and after the table on the page)",
		},
		{
			displayName: 'Include Page (HTML)',
			name: 'includePage',
			type: 'boolean',
			default: true,
			description: 'Whether to add the printable page as `html`, e.g. for an email body',
		},
		documentLanguageProperty('Language of the page'),
	]),
	async execute(i, store) {
		const zone = this.getTimezone();
		const week = parseIsoWeek(this.getNodeParameter('week', i, '')).week;
		const includeDays = this.getNodeParameter('includeDays', i, false) as boolean;
		const includePage = this.getNodeParameter('includePage', i, true) as boolean;
		const table = { ...(await weeklyWorkTable(store, week, includeDays)), timezone: zone };
		return {
			...table,
			...(includePage ? { html: renderWeeklyWorkTable(table, readDocumentLanguage(this, i), await letterheadFor(this)) } : {}),
		} as never;
	},
};

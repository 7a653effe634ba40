/**
 * Get Weekly Table (售后服务报修记录表, P11): per technician × category A/B/C/D, the ISO week's
 * jobs and minutes with totals; optionally the week's seven daily reports (the Monday email).
 * One item: the table, and the page as `html`.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { weeklyWorkTable } from '../../../shared/services/work-report';
import { renderWeeklyWorkTable } from '../../../shared/documents/work-reports';
import { documentLanguageProperty, readDocumentLanguage } from '../../../shared/n8n/document-language';
import type { IDataObject } from 'n8n-workflow';
import { letterheadFor } from '../../../shared/n8n/store-access';
import { htmlBinary } from '../../../shared/n8n/html-binary';
import { parseIsoWeek } from '../../../shared/rules/work-report';
import { booleanProperty, stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('workReport', 'weekly', [
		stringProperty('week', 'Week (周)', '={{ $now.minus({ weeks: 1 }).toFormat("kkkk-\'W\'WW") }}', {
			required: true,
			placeholder: '2026-W48',
			description: 'ISO week YYYY-Www (Monday to Sunday); by default last week',
		}),
		booleanProperty('includeDays', 'Include Daily Reports', false, {
			description: "Whether to add the week's seven daily work reports (as `days`, and after the table on the page)",
		}),
		booleanProperty('includePage', 'Include Page (HTML)', true, {
			description: 'Whether to add the printable page as `html`, e.g. for an email body, and as the HTML file `weeklyTable`',
		}),
		documentLanguageProperty('Language of the page'),
	]),
	async execute(i, store) {
		const zone = this.getTimezone();
		const week = parseIsoWeek(this.getNodeParameter('week', i, '')).week;
		const includeDays = this.getNodeParameter('includeDays', i, false) as boolean;
		const includePage = this.getNodeParameter('includePage', i, true) as boolean;
		const table = { ...(await weeklyWorkTable(store, week, includeDays)), timezone: zone };
		const json = table as unknown as IDataObject;
		if (!includePage) return { json };
		const html = renderWeeklyWorkTable(table, readDocumentLanguage(this, i), await letterheadFor(this));
		return { json: { ...json, html }, binary: { weeklyTable: await htmlBinary(this, html, `weekly-repair-record-${week}.html`) } };
	},
};

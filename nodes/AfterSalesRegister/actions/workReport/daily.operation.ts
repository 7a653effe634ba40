/**
 * Get Daily Report (技术员工作日报表, P10): per technician, the day's tickets with their category
 * and minutes, and the internal D work — counted on the day the work was done. One item: the
 * report, and the page as `html`.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { dailyWorkReport } from '../../../shared/services/work-report';
import { renderDailyWorkReport } from '../../../shared/documents/work-reports';
import { documentLanguageProperty, readDocumentLanguage } from '../../../shared/n8n/document-language';
import type { IDataObject } from 'n8n-workflow';
import { letterheadFor } from '../../../shared/n8n/store-access';
import { htmlBinary } from '../../../shared/n8n/html-binary';
import { isoWeekOfDate, parseReportDate } from '../../../shared/rules/work-report';
import { booleanProperty, stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('workReport', 'daily', [
		stringProperty('date', 'Date (日期)', '={{ $now.toFormat("yyyy-MM-dd") }}', {
			required: true,
			placeholder: '2026-11-27',
			description: 'YYYY-MM-DD; by default today',
		}),
		booleanProperty('includePage', 'Include Page (HTML)', true, {
			description: 'Whether to add the printable page as `html`, e.g. for an email body, and as the HTML file `dailyReport`',
		}),
		documentLanguageProperty('Language of the page'),
	]),
	async execute(i, store) {
		const zone = this.getTimezone();
		const date = parseReportDate(this.getNodeParameter('date', i, ''), zone);
		const includePage = this.getNodeParameter('includePage', i, true) as boolean;
		const report = { ...(await dailyWorkReport(store, date, isoWeekOfDate(date).week)), timezone: zone };
		const json = report as unknown as IDataObject;
		if (!includePage) return { json };
		const html = renderDailyWorkReport(report, readDocumentLanguage(this, i), await letterheadFor(this));
		return { json: { ...json, html }, binary: { dailyReport: await htmlBinary(this, html, `daily-work-report-${date}.html`) } };
	},
};

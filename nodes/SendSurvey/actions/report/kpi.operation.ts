/**
 * Monthly KPI (月度绩效, P15): per technician, the month's jobs, rated jobs, the mean of each
 * criterion, the overall (mean of the four means) and the complaints; an answer counts in the
 * month it came in (workflow timezone). One item: the report, and the page as `html` for an email
 * or a browser.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { monthlyKpi } from '../../../shared/services/kpi-report';
import { renderKpiReport } from '../../../shared/documents/kpi-report';
import { documentLanguageProperty, readDocumentLanguage } from '../../../shared/n8n/document-language';
import type { IDataObject } from 'n8n-workflow';
import { letterheadFor } from '../../../shared/n8n/store-access';
import { htmlBinary } from '../../../shared/n8n/html-binary';
import { parseMonth } from '../../../shared/rules/kpi';
import { clock } from '../../../shared/n8n/context';
import { booleanProperty, stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('report', 'kpi', [
		stringProperty('month', 'Month (月份)', '={{ $now.minus({ months: 1 }).toFormat("yyyy-MM") }}', {
			required: true,
			placeholder: '2026-11',
			description: 'YYYY-MM; by default last month',
		}),
		booleanProperty('includePage', 'Include Page (HTML)', true, {
			description: 'Whether to add the printable page as `html`, e.g. for an email body, and as the HTML file `kpiReport`',
		}),
		documentLanguageProperty('Language of the page'),
	]),
	async execute(i, store) {
		const month = parseMonth(this.getNodeParameter('month', i, ''));
		const includePage = this.getNodeParameter('includePage', i, true) as boolean;
		const language = readDocumentLanguage(this, i);
		const report = await monthlyKpi(store, month, clock(this).zone);
		const json = report as unknown as IDataObject;
		if (!includePage) return { json };
		const html = renderKpiReport(report, language, await letterheadFor(this));
		return { json: { ...json, html }, binary: { kpiReport: await htmlBinary(this, html, `kpi-${month}.html`) } };
	},
};

/**
 * Monthly KPI (月度绩效, P15): per technician, the month's jobs, rated jobs, the mean of each
 * criterion, the overall (mean of the four means) and the complaints; an answer counts in the
 * month it came in (workflow timezone). One item: the report, and the page as `html` for an email
 * or a browser.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { monthlyKpi } from '../../../shared/services/kpi-report';
import { renderKpiReport } from '../../../shared/documents/kpi-report';
import { parseMonth } from '../../../shared/rules/kpi';
import { clock } from '../../../shared/n8n/context';
import { stringProperty } from '../../../shared/n8n/properties';
import { reportPageProperties, reportWithPage } from '../../../shared/n8n/report-page';

export const { description, execute }: Operation = {
	description: forOperation('report', 'kpi', [
		stringProperty('month', 'Month (月份)', '={{ $now.minus({ months: 1 }).toFormat("yyyy-MM") }}', {
			required: true,
			placeholder: '2026-11',
			description: 'YYYY-MM; by default last month',
		}),
		...reportPageProperties('kpiReport'),
	]),
	async execute(i, store) {
		const month = parseMonth(this.getNodeParameter('month', i, ''));
		const report = await monthlyKpi(store, month, clock(this).zone);
		return await reportWithPage(this, i, report, {
			render: (lang, letterhead) => renderKpiReport(report, lang, letterhead),
			binaryName: 'kpiReport',
			fileName: `kpi-${month}.html`,
		});
	},
};

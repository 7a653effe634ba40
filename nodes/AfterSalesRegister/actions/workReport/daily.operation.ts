/**
 * Get Daily Report (技术员工作日报表, P10): per technician, the day's tickets with their category
 * and minutes, and the internal D work — counted on the day the work was done. One item: the
 * report, and the page as `html`.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { dailyWorkReport } from '../../../shared/services/work-report';
import { renderDailyWorkReport } from '../../../shared/documents/work-reports';
import { isoWeekOfDate, parseReportDate } from '../../../shared/rules/work-report';
import { stringProperty } from '../../../shared/n8n/properties';
import { reportPageProperties, reportWithPage } from '../../../shared/n8n/report-page';

export const { description, execute }: Operation = {
	description: forOperation('workReport', 'daily', [
		stringProperty('date', 'Date (日期)', '={{ $now.toFormat("yyyy-MM-dd") }}', {
			required: true,
			placeholder: '2026-11-27',
			description: 'YYYY-MM-DD; by default today',
		}),
		...reportPageProperties('dailyReport'),
	]),
	async execute(i, store) {
		const zone = this.getTimezone();
		const date = parseReportDate(this.getNodeParameter('date', i, ''), zone);
		const report = { ...(await dailyWorkReport(store, date, isoWeekOfDate(date).week)), timezone: zone };
		return await reportWithPage(this, i, report, {
			render: (lang, letterhead) => renderDailyWorkReport(report, lang, letterhead),
			binaryName: 'dailyReport',
			fileName: `daily-work-report-${date}.html`,
		});
	},
};

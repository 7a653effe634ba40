/**
 * Get Weekly Table (售后服务报修记录表, P11): per technician × category A/B/C/D, the ISO week's
 * jobs and minutes with totals; optionally the week's seven daily reports (the Monday email).
 * One item: the table, and the page as `html`.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { weeklyWorkTable } from '../../../shared/services/work-report';
import { renderWeeklyWorkTable } from '../../../shared/documents/work-reports';
import { parseIsoWeek } from '../../../shared/rules/work-report';
import { booleanProperty, stringProperty } from '../../../shared/n8n/properties';
import { reportPageProperties, reportWithPage } from '../../../shared/n8n/report-page';

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
		...reportPageProperties('weeklyTable'),
	]),
	async execute(i, store) {
		const zone = this.getTimezone();
		const week = parseIsoWeek(this.getNodeParameter('week', i, '')).week;
		const includeDays = this.getNodeParameter('includeDays', i, false) as boolean;
		const table = { ...(await weeklyWorkTable(store, week, includeDays)), timezone: zone };
		return await reportWithPage(this, i, table, {
			render: (lang, letterhead) => renderWeeklyWorkTable(table, lang, letterhead),
			binaryName: 'weeklyTable',
			fileName: `weekly-repair-record-${week}.html`,
		});
	},
};

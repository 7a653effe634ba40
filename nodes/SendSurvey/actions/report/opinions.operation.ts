/**
 * Monthly Opinions (定期整理回访记录, P15): the month's suggestions (survey comments, what customers
 * said on periodic calls) and complaints, each with what was done — the complaint's status and
 * reply, the call's result and the ticket a fault opened. One item: the report, and the page as
 * `html` for an email or a browser.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { monthlyOpinions } from '../../../shared/services/opinions-report';
import { renderOpinionsReport } from '../../../shared/documents/opinions-report';
import { parseMonth } from '../../../shared/rules/kpi';
import { clock } from '../../../shared/n8n/context';
import { stringProperty } from '../../../shared/n8n/properties';
import { reportPageProperties, reportWithPage } from '../../../shared/n8n/report-page';

export const { description, execute }: Operation = {
	description: forOperation('report', 'opinions', [
		stringProperty('month', 'Month (月份)', '={{ $now.minus({ months: 1 }).toFormat("yyyy-MM") }}', {
			required: true,
			placeholder: '2026-11',
			description: 'YYYY-MM; by default last month',
		}),
		...reportPageProperties('opinionsReport'),
	]),
	async execute(i, store) {
		const month = parseMonth(this.getNodeParameter('month', i, ''));
		const report = await monthlyOpinions(store, month, clock(this).zone);
		return await reportWithPage(this, i, report, {
			render: (lang, letterhead) => renderOpinionsReport(report, lang, letterhead),
			binaryName: 'opinionsReport',
			fileName: `opinions-${month}.html`,
		});
	},
};

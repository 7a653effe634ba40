/**
 * Scan Report Answer Page (扫码报修结果页): the page the customer's browser gets after sending a
 * report — thanks with the ticket number, or, for a report not taken, each problem (Chinese
 * first) with a link back to correct it. One item: the page as the binary `page`.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { renderScanAnswerPage } from '../../../shared/documents/scan-report-page';
import { htmlBinary } from '../../../shared/n8n/html-binary';
import { letterheadFor } from '../../../shared/n8n/store-access';
import { textParameter } from '../../../shared/n8n/per-item';
import { booleanProperty, stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('installation', 'scanAnswerPage', [
		stringProperty('ticketNumber', 'Ticket Number (报修单号)', '={{ $json.ticketNumber ?? "" }}', {
			description: 'The ticket made from the report; empty when the report was not taken',
		}),
		stringProperty(
			'problems',
			'Problems (问题)',
			'={{ ($json.details?.errors?.length ? $json.details.errors.map(e => e.message) : [$json.error ?? ""]).join("\\n") }}',
			{ typeOptions: { rows: 3 }, description: 'Why the report was not taken, one problem a line (shown when there is no ticket number)' },
		),
		booleanProperty('canRetry', 'Can Correct (可修改)', true, {
			description: 'Whether to offer a link back to the form (a mistake in the fields), or not (a bad link, too many reports)',
		}),
	]),
	async execute(i) {
		const ticketNumber = textParameter(this, 'ticketNumber', i);
		const letterhead = await letterheadFor(this);
		const html = ticketNumber
			? renderScanAnswerPage({ ok: true, ticketNumber }, letterhead)
			: renderScanAnswerPage(
					{
						ok: false,
						title: '报修未能提交 Your report was not sent',
						problems: textParameter(this, 'problems', i)
							.split('\n')
							.map((p) => p.trim())
							.filter(Boolean),
						canRetry: this.getNodeParameter('canRetry', i, true) === true,
					},
					letterhead,
				);
		return { json: { ticketNumber: ticketNumber || null }, binary: { page: await htmlBinary(this, html, 'report-answer.html') } };
	},
};

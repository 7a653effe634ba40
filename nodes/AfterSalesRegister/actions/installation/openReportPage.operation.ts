/**
 * Open Report Page (打开扫码报修页): the unit a label's token opens, its signature checked first, and
 * the customer's report page (binary `page`): the unit, the customer and the address filled in. A
 * changed or made-up token is refused on the field `token` (a page answers 403); a unit no longer
 * in the store is not found (404).
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { openLabel } from '../../../shared/services/scan-reports';
import { renderReportPage } from '../../../shared/documents/scan-report-page';
import { htmlBinary } from '../../../shared/n8n/html-binary';
import { letterheadFor } from '../../../shared/n8n/store-access';

export const labelTokenProperty = {
	displayName: 'Label Token (标签令牌)',
	name: 'token',
	type: 'string' as const,
	default: '={{ $json.params?.token }}',
	required: true,
	description: 'The last part of the label’s link, from the webhook path',
};

export const { description, execute }: Operation = {
	description: forOperation('installation', 'openReportPage', [labelTokenProperty]),
	async execute(i, store) {
		const token = this.getNodeParameter('token', i, '') as unknown;
		const unit = await openLabel(store, token);
		return {
			json: unit as unknown as IDataObject,
			binary: { page: await htmlBinary(this, renderReportPage(unit, await letterheadFor(this)), 'report.html') },
		};
	},
};

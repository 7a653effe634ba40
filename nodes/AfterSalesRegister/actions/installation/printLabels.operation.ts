/**
 * Print QR Labels (打印扫码报修标签): the sheet of labels of one customer's installations in use,
 * each with a QR code of its signed report link (`report/<token>`, no key needed: the token is
 * the key). One item: the labels as JSON (with each `url`) and the printable page as the binary
 * `labels` (A4). An empty customer code is refused (400), an unknown one not found (404).
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { labelSheet } from '../../../shared/services/scan-reports';
import { renderLabelSheet } from '../../../shared/documents/scan-labels';
import { htmlBinary } from '../../../shared/n8n/html-binary';
import { letterheadFor } from '../../../shared/n8n/store-access';
import { textParameter } from '../../../shared/n8n/per-item';
import { fieldError } from '../../../shared/rules/errors';
import { stringProperty } from '../../../shared/n8n/properties';

const REPORT_PATH = 'webhook/after-sales/report/';

export const { description, execute }: Operation = {
	description: forOperation('installation', 'printLabels', [
		stringProperty('customerCode', 'Customer Code (客户编号)', '={{ $json.query?.customerCode }}', {
			required: true,
			description: 'The customer whose installations get a label each',
		}),
		stringProperty('reportLinkBase', 'Report Page Address (报修页地址)', '', {
			placeholder: 'https://service.example.com/webhook/after-sales/report/',
			description: 'Where customers open the report page; the label token is added at the end. Empty: this n8n’s own address.',
			hint: 'Empty uses this n8n’s address + webhook/after-sales/report/ — set it when customers reach n8n at another address',
		}),
	]),
	async execute(i, store) {
		const given = textParameter(this, 'reportLinkBase', i);
		let base: string;
		if (given) {
			if (!/^https?:\/\/\S+$/i.test(given))
				throw fieldError(
					'reportLinkBase',
					`报修页地址 Report page address: "${given}" is not a web address; expected for example https://service.example.com/webhook/after-sales/report/`,
				);
			base = given.endsWith('/') ? given : `${given}/`;
		} else {
			const own = this.getInstanceBaseUrl();
			base = `${own.endsWith('/') ? own : `${own}/`}${REPORT_PATH}`;
		}
		const raw = this.getNodeParameter('customerCode', i, '') as unknown;
		const sheet = await labelSheet(store, typeof raw === 'number' ? String(raw) : raw);
		const labels = sheet.labels.map((l) => ({ ...l, url: `${base}${l.token}` }));
		const html = renderLabelSheet({ customerName: sheet.customerName, customerCode: sheet.customerCode, labels }, await letterheadFor(this));
		return {
			json: { ...sheet, labels } as unknown as IDataObject,
			binary: { labels: await htmlBinary(this, html, `labels-${sheet.customerCode}.html`) },
		};
	},
};

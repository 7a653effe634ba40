/**
 * Where the document webhooks answer, for the signed links a node puts in the staff groups'
 * messages (issue 19): the parameter when set, else this n8n's own address + webhook/after-sales/.
 * Absolute only — a message is read in WeCom, DingTalk or Feishu, not on a page of this n8n.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fieldError } from '../rules/errors';
import { textParameter } from './per-item';
import { stringProperty } from './properties';

/** The path under n8n's address where the document webhooks answer (RECORDS.md). */
const WEBHOOK_PATH = 'webhook/after-sales/';

export const documentLinkBaseProperty: INodeProperties = stringProperty('documentLinkBase', 'Document Link Base Address', '', {
	placeholder: 'https://service.example.com/webhook/after-sales/',
	description:
		'Where staff open the signed service voucher link of the staff groups’ message (企业微信/钉钉/飞书); the path is added. Empty: this n8n’s own address + webhook/after-sales/.',
});

export function readDocumentLinkBase(ctx: IExecuteFunctions, i: number): string {
	const given = textParameter(ctx, 'documentLinkBase', i);
	if (given) {
		if (!/^https?:\/\/\S+$/i.test(given))
			throw fieldError(
				'documentLinkBase',
				`Document link base address (单据链接地址): "${given}" is not a web address; expected for example https://service.example.com/webhook/after-sales/`,
			);
		return given.endsWith('/') ? given : `${given}/`;
	}
	const base = ctx.getInstanceBaseUrl();
	return `${base.endsWith('/') ? base : `${base}/`}${WEBHOOK_PATH}`;
}

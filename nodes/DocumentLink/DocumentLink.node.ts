import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { nowIso, textParameter } from '../shared/n8n/per-item';
import { eachItemOnStore, nodeHeader, storeCredentialTest } from '../shared/n8n/node-shell';
import { fieldError } from '../shared/rules/errors';
import { checkDocumentAccess, signDocument } from '../shared/services/document-links';

/** The path under n8n's address where the document webhooks answer (RECORDS.md). */
const WEBHOOK_PATH = 'webhook/after-sales/';

/**
 * Document Link (单据链接): printable documents opened from a signed, expiring link without the
 * header key (issue 17 item 2). A document's own webhook keeps n8n's header auth; its signed
 * address (`…/<document path>/<token>`) is a second webhook without auth whose first step is
 * *Check Access*: it lets the request through (the item unchanged, plus `access`) when the token
 * fits the path and has not expired, else fails (a webhook answers 403). *Sign Link* makes the
 * link an answer page, an email or the board gives.
 */
export class DocumentLink implements INodeType {
	description: INodeTypeDescription = {
		...nodeHeader('Document Link', 'documentLink'),
		icon: { light: 'file:documentLink.svg', dark: 'file:documentLink.dark.svg' },
		subtitle: '={{ $parameter["operation"] === "sign" ? "Sign Link" : "Check Access" }}',
		description: 'Signed, expiring links to printable documents (单据链接): sign one, or check a request’s key or link',
		usableAsTool: true,
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Check Access',
						value: 'check',
						description: 'Let a request to a signed document address through when its link token is valid; else fail (403)',
						action: 'Check access to a document',
					},
					{
						name: 'Sign Link',
						value: 'sign',
						description: 'A signed, expiring link to a document, to open without the key',
						action: 'Sign a document link',
					},
				],
				default: 'check',
			},
			{
				displayName: 'Document Path',
				name: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'repairs/BX-20261127-0001/documents/voucher',
				description: 'The document’s path under /webhook/after-sales/',
			},
			{
				displayName: 'Link Token',
				name: 'token',
				// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing -- the last part of a link people get on a page or by email, not a credential; staff need to read it
				type: 'string',
				default: "={{ $json.params?.link ?? '' }}",
				description: 'The last segment of the signed address (expiry.signature), from the webhook path',
				displayOptions: { show: { operation: ['check'] } },
			},
			{
				displayName: 'Link Valid for (Days)',
				name: 'validDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 366 },
				default: 30,
				displayOptions: { show: { operation: ['sign'] } },
			},
			{
				displayName: 'Link Base Address',
				name: 'linkBase',
				type: 'string',
				default: '',
				placeholder: 'https://service.example.com/webhook/after-sales/',
				description: 'Where people reach the document webhooks; the path is added. Empty: this n8n’s own address + webhook/after-sales/.',
				displayOptions: { show: { operation: ['sign'] } },
			},
		],
	};

	methods = { credentialTest: storeCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const items = this.getInputData();
		if (operation === 'sign') {
			return await eachItemOnStore(this, async (i, store) => {
				const days = this.getNodeParameter('validDays', i, 30) as number;
				const link = await signDocument(await store(), textParameter(this, 'path', i), nowIso(), days);
				return { documentPath: link.path, url: `${linkBase(this, i)}${link.urlPath}/${link.token}`, expiresAt: link.expiresAt };
			});
		}
		return await eachItemOnStore(this, async (i, store) => {
			const access = await checkDocumentAccess(await store(), textParameter(this, 'path', i), textParameter(this, 'token', i), nowIso());
			return { json: { ...items[i].json, access }, ...(items[i].binary ? { binary: items[i].binary } : {}) };
		});
	}
}

function linkBase(ctx: IExecuteFunctions, i: number): string {
	const given = textParameter(ctx, 'linkBase', i);
	if (given) {
		if (!/^(https?:\/\/\S+|\/\S*)$/i.test(given))
			throw fieldError(
				'linkBase',
				`Link base address: "${given}" is not a web address; expected for example https://service.example.com/webhook/after-sales/`,
			);
		return given.endsWith('/') ? given : `${given}/`;
	}
	const base = ctx.getInstanceBaseUrl();
	return `${base.endsWith('/') ? base : `${base}/`}${WEBHOOK_PATH}`;
}

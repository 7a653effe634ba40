import { DateTime } from 'luxon';
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { fieldError } from '../shared/rules/errors';
import { forEachItem, nowIso, textParameter } from '../shared/n8n/per-item';
import { storeOnDemand, testStoreConnection } from '../shared/n8n/store-access';
import { documentLanguageProperty } from '../shared/n8n/document-language';
import { feesProperty, readFeeRates } from '../shared/n8n/fee-parameters';
import { invoiceOutput } from '../shared/n8n/invoice-output';
import { issueInvoice, issueInvoiceWhereDue } from '../shared/services/invoicing';

/** Issue Invoice (开具发票): the billing record of a repair ticket (and, once tile orders exist, of an order's stage). */
export class IssueInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Issue Invoice',
		name: 'issueInvoice',
		icon: { light: 'file:issueInvoice.svg', dark: 'file:issueInvoice.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{ "开具发票: " + ($parameter["source"] === "ticket" ? "repair ticket" : $parameter["source"]) }}',
		description: 'Issue an invoice (开具发票) by the fee rules: lines, total in fen and in Chinese capitals, FP-YYYY-NNNNNN numbers, payments collected on site',
		defaults: { name: 'Issue Invoice' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- a store, not an API
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		properties: [
			{
				displayName: 'Invoice For',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Repair Ticket (报修单)', value: 'ticket', description: 'After a chargeable visit solved on site, or on the day a product taken back is returned (P8)' }],
				default: 'ticket',
			},
			{
				displayName: 'Ticket Number (工单号)',
				name: 'ticketNumber',
				type: 'string',
				default: '={{ $json.ticketNumber }}',
				required: true,
				placeholder: 'BX-20261127-0001',
				hint: "Taken from the input item's ticketNumber; a ticket that already has its invoice gives that invoice back",
				displayOptions: { show: { source: ['ticket'] } },
			},
			feesProperty('The fee rules the invoice is worked out by (P5)'),
			{
				displayName: 'When Nothing Is Due',
				name: 'nothingDue',
				type: 'options',
				options: [
					{ name: 'Fail the Item', value: 'error', description: 'Free service, a contract that covers everything, or a take-back not yet returned: an error saying why' },
					{ name: 'Output No Invoice', value: 'skip', description: 'Output { invoiceDue: false, reason } and go on: for a workflow that invoices "where due"' },
				],
				default: 'error',
			},
			{
				displayName: 'Issued By (开票人)',
				name: 'actor',
				type: 'string',
				default: 'n8n',
				description: 'Who issues the invoice; printed on it',
			},
			documentLanguageProperty('Language of the invoice page (收费单)'),
		],
	};

	methods = { credentialTest: { afterSalesStoreConnectionTest: testStoreConnection } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const store = storeOnDemand(this);
		const zone = this.getTimezone();
		return [
			await forEachItem(this, async (i) => {
				const ticketNumber = textParameter(this, 'ticketNumber', i);
				if (!ticketNumber) throw fieldError('ticketNumber', 'Ticket number (工单号): is empty; expected a number such as BX-20261127-0001');
				const rates = readFeeRates(this, i);
				const nothingDue = this.getNodeParameter('nothingDue', i, 'error') as string;
				const now = nowIso();
				const ctx = { now, today: DateTime.fromISO(now).setZone(zone).toISODate()!, actor: textParameter(this, 'actor', i, 'n8n') };
				const source = { kind: 'ticket' as const, ticketNumber };
				const result = nothingDue === 'skip' ? await issueInvoiceWhereDue(await store(), source, rates, ctx) : await issueInvoice(await store(), source, rates, ctx);
				if ('nothingDue' in result) return { invoiceDue: false, ticketNumber, reason: result.nothingDue.reason, message: result.nothingDue.message };
				return await invoiceOutput(this, result.invoice, i, { invoiceDue: true, created: result.created });
			}),
		];
	}
}

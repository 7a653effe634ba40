import { DateTime } from 'luxon';
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { fieldError } from '../shared/rules/errors';
import { forEachItem, nowIso, textParameter } from '../shared/n8n/per-item';
import { storeOnDemand, testStoreConnection } from '../shared/n8n/store-access';
import { documentLanguageProperty } from '../shared/n8n/document-language';
import { feesProperty, readFeeRates } from '../shared/n8n/fee-parameters';
import { invoiceOutput } from '../shared/n8n/invoice-output';
import { issueInvoice, issueInvoiceWhereDue } from '../shared/services/invoicing';
import { orderStage } from '../shared/rules/order-invoice';
import type { InvoiceSource } from '../shared/rules/invoice';

/** What to invoice: a repair ticket (the default) or a tile order's stage; every problem of the item told by field. */
function readSource(ctx: IExecuteFunctions, i: number): InvoiceSource {
	const kind = ctx.getNodeParameter('source', i, 'ticket') as string;
	if (kind === 'order-stage') {
		const orderNumber = textParameter(ctx, 'orderNumber', i);
		if (!orderNumber) throw fieldError('orderNumber', 'Order number (订单号): is empty; expected a tile order number such as DD-20261127-0001');
		return { kind: 'order-stage', orderNumber, stage: orderStage(ctx.getNodeParameter('stage', i, '')) };
	}
	if (kind !== 'ticket') throw fieldError('source', `Invoice For: "${kind}" is not a source of invoices; expected ticket or order-stage`);
	const ticketNumber = textParameter(ctx, 'ticketNumber', i);
	if (!ticketNumber) throw fieldError('ticketNumber', 'Ticket number (工单号): is empty; expected a number such as BX-20261127-0001');
	return { kind: 'ticket', ticketNumber };
}

/** Issue Invoice (开具发票): the billing record of a repair ticket or of a tile order's stage (payment notice, settlement). */
export class IssueInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Issue Invoice',
		name: 'issueInvoice',
		icon: { light: 'file:issueInvoice.svg', dark: 'file:issueInvoice.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{ "开具发票: " + ($parameter["source"] === "ticket" ? "repair ticket" : $parameter["source"]) }}',
		description:
			'Issue an invoice (开具发票) by the fee rules: lines, total in fen and in Chinese capitals, FP-YYYY-NNNNNN numbers, payments collected on site',
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
				options: [
					{
						name: 'Repair Ticket (报修单)',
						value: 'ticket',
						description: 'After a chargeable visit solved on site, or on the day a product taken back is returned (P8)',
					},
					{
						name: 'Tile Order Stage (瓷砖订单)',
						value: 'order-stage',
						description: "A tile order's payment notice (goods and processing, T8) or settlement (extra tiles, secondary processing, returns, T11)",
					},
				],
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
			{
				displayName: 'Order Number (订单号)',
				name: 'orderNumber',
				type: 'string',
				default: '={{ $json.orderNumber }}',
				required: true,
				placeholder: 'DD-20261127-0001',
				hint: "Taken from the input item's orderNumber; a stage that already has its invoice gives that invoice back",
				displayOptions: { show: { source: ['order-stage'] } },
			},
			{
				displayName: 'Stage (阶段)',
				name: 'stage',
				type: 'options',
				options: [
					{
						name: 'Payment Notice (付款通知单)',
						value: 'payment-notice',
						description: 'Goods and processing; the deposit and payments on the order count as paid (T8)',
					},
					{
						name: 'Settlement (结算单)',
						value: 'settlement',
						description: 'Extra tiles and secondary processing, less returned tiles; after the order is settled (T11)',
					},
				],
				default: 'payment-notice',
				description: 'The stage of the order to invoice; with an expression, payment-notice or settlement',
				displayOptions: { show: { source: ['order-stage'] } },
			},
			feesProperty('The fee rules the invoice is worked out by (P5)'),
			{
				displayName: 'When Nothing Is Due',
				name: 'nothingDue',
				type: 'options',
				options: [
					{
						name: 'Fail the Item',
						value: 'error',
						description: 'Free service, a contract that covers everything, or a take-back not yet returned: an error saying why',
					},
					{
						name: 'Output No Invoice',
						value: 'skip',
						description: 'Output { invoiceDue: false, reason } and go on: for a workflow that invoices "where due"',
					},
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
				const source = readSource(this, i);
				const rates = readFeeRates(this, i);
				const nothingDue = this.getNodeParameter('nothingDue', i, 'error') as string;
				const now = nowIso();
				const ctx = { now, today: DateTime.fromISO(now).setZone(zone).toISODate()!, actor: textParameter(this, 'actor', i, 'n8n') };
				const result =
					nothingDue === 'skip'
						? await issueInvoiceWhereDue(await store(), source, rates, ctx)
						: await issueInvoice(await store(), source, rates, ctx);
				if ('nothingDue' in result) {
					const which = source.kind === 'ticket' ? { ticketNumber: source.ticketNumber } : { orderNumber: source.orderNumber, stage: source.stage };
					return { invoiceDue: false, ...which, reason: result.nothingDue.reason, message: result.nothingDue.message };
				}
				return await invoiceOutput(this, result.invoice, i, { invoiceDue: true, created: result.created });
			}),
		];
	}
}

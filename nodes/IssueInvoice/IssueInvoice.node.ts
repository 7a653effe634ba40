import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { fieldError } from '../shared/rules/errors';
import { orderNumberProperty, readOrderNumber, readTicketNumber, ticketNumberProperty } from '../shared/n8n/record-numbers';
import { actionContext, actorProperty } from '../shared/n8n/context';
import { eachItemOnStore, nodeHeader, storeCredentialTest } from '../shared/n8n/node-shell';
import { documentLanguageProperty } from '../shared/n8n/document-language';
import { feesProperty, readFeeRates } from '../shared/n8n/fee-parameters';
import { invoiceOutput } from '../shared/n8n/invoice-output';
import { issueInvoice, issueInvoiceWhereDue } from '../shared/services/invoicing';
import { orderStage } from '../shared/rules/order-invoice';
import type { InvoiceSource } from '../shared/rules/invoice';
import { optionsProperty } from '../shared/n8n/properties';

/** What to invoice: a repair ticket (the default) or a tile order's stage; every problem of the item told by field. */
function readSource(ctx: IExecuteFunctions, i: number): InvoiceSource {
	const kind = ctx.getNodeParameter('source', i, 'ticket') as string;
	if (kind === 'order-stage') {
		return { kind: 'order-stage', orderNumber: readOrderNumber(ctx, i), stage: orderStage(ctx.getNodeParameter('stage', i, '')) };
	}
	if (kind !== 'ticket') throw fieldError('source', `Invoice For: "${kind}" is not a source of invoices; expected ticket or order-stage`);
	return { kind: 'ticket', ticketNumber: readTicketNumber(ctx, i) };
}

/** Issue Invoice (开具发票): the billing record of a repair ticket or of a tile order's stage (payment notice, settlement). */
export class IssueInvoice implements INodeType {
	description: INodeTypeDescription = {
		...nodeHeader('Issue Invoice', 'issueInvoice'),
		icon: { light: 'file:issueInvoice.svg', dark: 'file:issueInvoice.dark.svg' },
		usableAsTool: true,
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		subtitle: '={{ $parameter["source"] === "order-stage" ? "Tile Order Stage (瓷砖订单)" : "Repair Ticket (报修单)" }}',
		description:
			'Issue an invoice (开具发票) by the fee rules: lines, total in fen and in Chinese capitals, FP-YYYY-NNNNNN numbers, payments collected on site',
		properties: [
			optionsProperty(
				'source',
				'Invoice For',
				[
					['Repair Ticket (报修单)', 'ticket', 'After a chargeable visit solved on site, or on the day a product taken back is returned (P8)'],
					[
						'Tile Order Stage (瓷砖订单)',
						'order-stage',
						"A tile order's payment notice (goods and processing, T8) or settlement (extra tiles, secondary processing, returns, T11)",
					],
				],
				'ticket',
				{ noDataExpression: true },
			),
			ticketNumberProperty({
				hint: "Taken from the input item's ticketNumber; a ticket that already has its invoice gives that invoice back",
				displayOptions: { show: { source: ['ticket'] } },
			}),
			orderNumberProperty({
				hint: "Taken from the input item's orderNumber; a stage that already has its invoice gives that invoice back",
				displayOptions: { show: { source: ['order-stage'] } },
			}),
			optionsProperty(
				'stage',
				'Stage (阶段)',
				[
					['Payment Notice (付款通知单)', 'payment-notice', 'Goods and processing; the deposit and payments on the order count as paid (T8)'],
					['Settlement (结算单)', 'settlement', 'Extra tiles and secondary processing, less returned tiles; after the order is settled (T11)'],
				],
				'payment-notice',
				{
					description: 'The stage of the order to invoice; with an expression, payment-notice or settlement',
					displayOptions: { show: { source: ['order-stage'] } },
				},
			),
			feesProperty('The fee rules the invoice is worked out by (P5)'),
			optionsProperty(
				'nothingDue',
				'When Nothing Is Due',
				[
					['Fail the Item', 'error', 'Free service, a contract that covers everything, or a take-back not yet returned: an error saying why'],
					['Output No Invoice', 'skip', 'Output { invoiceDue: false, reason } and go on: for a workflow that invoices "where due"'],
				],
				'error',
			),
			actorProperty({ displayName: 'Issued By (开票人)', description: 'Who issues the invoice; printed on it' }),
			documentLanguageProperty('Language of the invoice page (收费单)'),
		],
	};

	methods = { credentialTest: storeCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await eachItemOnStore(this, async (i, store) => {
			const source = readSource(this, i);
			const rates = readFeeRates(this, i);
			const nothingDue = this.getNodeParameter('nothingDue', i, 'error') as string;
			const ctx = actionContext(this, i);
			const result =
				nothingDue === 'skip' ? await issueInvoiceWhereDue(await store(), source, rates, ctx) : await issueInvoice(await store(), source, rates, ctx);
			if ('nothingDue' in result) {
				const which = source.kind === 'ticket' ? { ticketNumber: source.ticketNumber } : { orderNumber: source.orderNumber, stage: source.stage };
				return { invoiceDue: false, ...which, reason: result.nothingDue.reason, message: result.nothingDue.message };
			}
			return await invoiceOutput(this, result.invoice, i, { invoiceDue: true, created: result.created });
		});
	}
}

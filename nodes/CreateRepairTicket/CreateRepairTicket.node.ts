import { DateTime } from 'luxon';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { forEachItem, nowIso, textParameter } from '../shared/n8n/per-item';
import { letterheadFor, storeOnDemand, testStoreConnection } from '../shared/n8n/store-access';
import { cleanRepairReport } from '../shared/rules/repair-report';
import { DEFAULT_RESPONSE_HOURS } from '../shared/rules/numbering';
import type { Category } from '../shared/rules/service-category';
import { registerTicket } from '../shared/services/repair-intake';
import { documentLanguageProperty, readDocumentLanguage } from '../shared/n8n/document-language';
import { ticketDocuments } from '../shared/documents/ticket-documents';
import { documentBinaries } from '../shared/n8n/ticket-output';

const REPORT_FIELDS = [
	{ name: 'customerName', displayName: 'Customer Name (客户名称)' },
	{ name: 'customerCode', displayName: 'Customer Code (客户编号)' },
	{ name: 'contactPerson', displayName: 'Contact Person (联系人)' },
	{ name: 'phone', displayName: 'Phone (电话)' },
	{ name: 'address', displayName: 'Address (地址)' },
	{ name: 'siteSituation', displayName: 'Site Situation (现场情况)' },
	{ name: 'reportedAt', displayName: 'Report Time (报修时间)' },
	{ name: 'serialNo', displayName: 'Serial No (序列号)' },
	{ name: 'contractNo', displayName: 'Contract No (合同编号)' },
	{ name: 'skill', displayName: 'Required Skill (所需技能)' },
	{ name: 'idempotencyKey', displayName: 'Idempotency Key' },
];

/** Create Repair Ticket (报修登记): a reported problem into the repair register, with its voucher. */
export class CreateRepairTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Create Repair Ticket',
		name: 'createRepairTicket',
		icon: { light: 'file:createRepairTicket.svg', dark: 'file:createRepairTicket.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{ $parameter["dataMode"] === "define" ? "报修登记: report set in the node" : "报修登记: report from the input" }}',
		description:
			'Register a reported problem (报修登记): customer file, warranty and contract check, ticket and voucher numbers, due time, printable forms',
		defaults: { name: 'Create Repair Ticket' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- a store, not an API
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		properties: [
			{
				displayName: 'Report Data',
				name: 'dataMode',
				type: 'options',
				options: [
					{
						name: 'From Input Item',
						value: 'autoMap',
						description: 'Take the report from the input item: customerName, phone, address, siteSituation … (the repair webhook body)',
					},
					{ name: 'Define Below', value: 'define', description: 'Set each field in this node' },
				],
				default: 'autoMap',
			},
			{
				displayName: 'Report',
				name: 'report',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show: { dataMode: ['define'] } },
				options: REPORT_FIELDS.map((f) => ({ ...f, type: 'string' as const, default: '' })),
			},
			{
				displayName: 'Registered By (登记人)',
				name: 'actor',
				type: 'string',
				default: 'n8n',
				description: 'Who takes the report; kept in the audit trail',
			},
			{
				displayName: 'Response Targets (Hours)',
				name: 'responseHours',
				type: 'collection',
				placeholder: 'Change a Target',
				default: {},
				description: 'Hours from the report to the due time, per service category',
				hint: 'A report past its due time and not finished is escalated to the manager (P9)',
				options: [
					{ displayName: 'A Paid (有费服务)', name: 'A', type: 'number', default: 48 },
					{ displayName: 'B Contract (合同服务)', name: 'B', type: 'number', default: 24 },
					{ displayName: 'C Free (免费服务)', name: 'C', type: 'number', default: 24 },
					{ displayName: 'D Internal (一般行政工作)', name: 'D', type: 'number', default: 72 },
				],
			},
			documentLanguageProperty('Language of the repair service form and the service voucher'),
		],
	};

	methods = { credentialTest: { afterSalesStoreConnectionTest: testStoreConnection } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const store = storeOnDemand(this);
		const zone = this.getTimezone();
		return [
			await forEachItem(this, async (i) => {
				const mode = this.getNodeParameter('dataMode', i) as string;
				const input = mode === 'define' ? (this.getNodeParameter('report', i, {}) as IDataObject) : this.getInputData()[i].json;
				const now = nowIso();
				const report = cleanRepairReport(input, zone, now);
				const hours = { ...DEFAULT_RESPONSE_HOURS, ...(this.getNodeParameter('responseHours', i, {}) as Partial<Record<Category, number>>) };
				// Every parameter is read before the ticket is written: a mistake in one writes nothing.
				const language = readDocumentLanguage(this, i);
				const { ticket, duplicate, customerCreated } = await registerTicket(await store(), report, {
					responseHours: hours,
					today: DateTime.fromISO(now).setZone(zone).toISODate()!,
					actor: textParameter(this, 'actor', i, 'n8n'),
					now,
				});
				return {
					pairedItem: { item: i },
					json: { ...(ticket as unknown as IDataObject), duplicate, customerCreated },
					binary: await documentBinaries(this, ticketDocuments(ticket, null, zone, language, await letterheadFor(this))),
				};
			}),
		];
	}
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { letterheadFor } from '../shared/n8n/store-access';
import { actionContext, actorProperty } from '../shared/n8n/context';
import { eachItemOnStore, nodeHeader, storeCredentialTest } from '../shared/n8n/node-shell';
import { cleanRepairReport } from '../shared/rules/repair-report';
import { DEFAULT_RESPONSE_HOURS } from '../shared/rules/numbering';
import type { Category } from '../shared/rules/service-category';
import { registerTicket } from '../shared/services/repair-intake';
import { documentLanguageProperty, readDocumentLanguage } from '../shared/n8n/document-language';
import { ticketDocuments } from '../shared/documents/ticket-documents';
import { documentBinaries } from '../shared/n8n/ticket-output';
import { numberProperty, optionsProperty } from '../shared/n8n/properties';
import { documentLinkBaseProperty, readDocumentLinkBase } from '../shared/n8n/document-link-base';

const REPORT_FIELDS = [
	{ name: 'customerName', displayName: 'Customer Name (客户名称)' },
	{ name: 'customerCode', displayName: 'Customer Code (客户编号)' },
	{ name: 'contactPerson', displayName: 'Contact Person (联系人)' },
	{ name: 'phone', displayName: 'Phone (电话)' },
	{ name: 'email', displayName: 'Email (邮箱)' },
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
		...nodeHeader('Create Repair Ticket', 'createRepairTicket'),
		icon: { light: 'file:createRepairTicket.svg', dark: 'file:createRepairTicket.dark.svg' },
		usableAsTool: true,
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		subtitle: '={{ $parameter["dataMode"] === "define" ? "Report Set in the Node (报修登记)" : "Report From the Input (报修登记)" }}',
		description:
			'Register a reported problem (报修登记): customer file, warranty and contract check, ticket and voucher numbers, due time, printable forms',
		properties: [
			optionsProperty(
				'dataMode',
				'Report Data',
				[
					[
						'From Input Item',
						'autoMap',
						'Take the report from the input item: customerName, phone, email, address, siteSituation … (the repair webhook body)',
					],
					['Define Below', 'define', 'Set each field in this node'],
				],
				'autoMap',
			),
			{
				displayName: 'Report',
				name: 'report',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show: { dataMode: ['define'] } },
				options: REPORT_FIELDS.map((f) => ({ ...f, type: 'string' as const, default: '' })),
			},
			actorProperty({ displayName: 'Registered By (登记人)', description: 'Who takes the report; kept in the audit trail' }),
			{
				displayName: 'Response Targets (Hours)',
				name: 'responseHours',
				type: 'collection',
				placeholder: 'Change a Target',
				default: {},
				description: 'Hours from the report to the due time, per service category',
				hint: 'A report past its due time and not finished is escalated to the manager (P9)',
				options: [
					numberProperty('A', 'A Paid (有费服务)', 48),
					numberProperty('B', 'B Contract (合同服务)', 24),
					numberProperty('C', 'C Free (免费服务)', 24),
					numberProperty('D', 'D Internal (一般行政工作)', 72),
				],
			},
			documentLanguageProperty('Language of the repair service form and the service voucher'),
			documentLinkBaseProperty,
		],
	};

	methods = { credentialTest: storeCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await eachItemOnStore(this, async (i, store) => {
			const mode = this.getNodeParameter('dataMode', i) as string;
			const input = mode === 'define' ? (this.getNodeParameter('report', i, {}) as IDataObject) : this.getInputData()[i].json;
			const { now, today, zone, actor } = actionContext(this, i);
			const report = cleanRepairReport(input, zone, now);
			const hours = { ...DEFAULT_RESPONSE_HOURS, ...(this.getNodeParameter('responseHours', i, {}) as Partial<Record<Category, number>>) };
			// Every parameter is read before the ticket is written: a mistake in one writes nothing.
			const language = readDocumentLanguage(this, i);
			const notice = { zone, documentLinkBase: readDocumentLinkBase(this, i) };
			const { ticket, duplicate, customerCreated } = await registerTicket(await store(), report, { responseHours: hours, today, actor, now, notice });
			return {
				pairedItem: { item: i },
				json: { ...(ticket as unknown as IDataObject), duplicate, customerCreated },
				binary: await documentBinaries(this, ticketDocuments(ticket, null, zone, language, await letterheadFor(this))),
			};
		});
	}
}

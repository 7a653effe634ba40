import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { RESOURCES } from './actions/resources';
import { operationSubtitle, runOperation, tableProperties } from '../shared/n8n/operations';
import { nodeHeader, storeCredentialTest } from '../shared/n8n/node-shell';

/** Send Survey (回访调查): the follow-up after a job — surveys with signed links, answers, complaints, the technicians' monthly KPI. */
export class SendSurvey implements INodeType {
	description: INodeTypeDescription = {
		...nodeHeader('Send Survey', 'sendSurvey'),
		icon: { light: 'file:sendSurvey.svg', dark: 'file:sendSurvey.dark.svg' },
		subtitle: operationSubtitle(RESOURCES),
		description: 'Follow up a finished repair (回访): survey links, answers, complaints (投诉), technicians’ monthly KPI (绩效)',
		usableAsTool: true,
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		properties: tableProperties(RESOURCES, 'survey'),
	};

	methods = { credentialTest: storeCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(RESOURCES, this);
	}
}

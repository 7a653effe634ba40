import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { router } from './actions/router';
import { operationParameters, operationProperties, operationSubtitle, resourceProperty } from './actions/resources';
import { testStoreConnection } from '../shared/n8n/store-access';

/** Send Survey (回访调查): the follow-up after a job — surveys with signed links, answers, complaints, the technicians' monthly KPI. */
export class SendSurvey implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Survey',
		name: 'sendSurvey',
		icon: { light: 'file:sendSurvey.svg', dark: 'file:sendSurvey.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: operationSubtitle(),
		description: 'Follow up a finished repair (回访): survey links, answers, complaints (投诉), technicians’ monthly KPI (绩效)',
		defaults: { name: 'Send Survey' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- a store, not an API
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		properties: [resourceProperty(), ...operationProperties(), ...operationParameters()],
	};

	methods = { credentialTest: { afterSalesStoreConnectionTest: testStoreConnection } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { router } from './actions/router';
import { operationParameters, operationProperties, operationSubtitle, resourceProperty } from './actions/resources';
import { testStoreConnection } from '../shared/n8n/store-access';

/** Contract Expiry Check (合同到期检查): maintenance contracts' expiry notices (P13), renewal tasks, renewals. */
export class ContractExpiryCheck implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Contract Expiry Check',
		name: 'contractExpiryCheck',
		icon: { light: 'file:contractExpiryCheck.svg', dark: 'file:contractExpiryCheck.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: operationSubtitle(),
		description: 'Maintenance contracts about to expire (合同到期检查): expiry notices (保养到期通知书), renewal tasks (续约洽谈), renewals',
		defaults: { name: 'Contract Expiry Check' },
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

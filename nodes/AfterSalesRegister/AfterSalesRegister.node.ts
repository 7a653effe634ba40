import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { router } from './actions/router';
import { operationParameters, operationProperties, operationSubtitle, resourceProperty } from './actions/resources';
import { searchCustomers, searchTechnicians, searchTileModels } from '../shared/n8n/list-search';
import { testStoreConnection } from '../shared/n8n/store-access';

/** After-Sales Register (售后登记簿): the records behind every after-sales workflow. */
export class AfterSalesRegister implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'After-Sales Register',
		name: 'afterSalesRegister',
		icon: { light: 'file:afterSalesRegister.svg', dark: 'file:afterSalesRegister.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: operationSubtitle(),
		description: 'Keep the after-sales registers (售后登记簿): customers, installations, contracts, technicians, tile stock',
		defaults: { name: 'After-Sales Register' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed -- a store, not an API
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		properties: [resourceProperty(), ...operationProperties(), ...operationParameters()],
	};

	methods = {
		listSearch: { searchCustomers, searchTechnicians, searchTileModels },
		credentialTest: { afterSalesStoreConnectionTest: testStoreConnection },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

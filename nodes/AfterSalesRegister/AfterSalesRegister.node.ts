import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { RESOURCES } from './actions/resources';
import { operationSubtitle, runOperation, tableProperties } from '../shared/n8n/operations';
import { nodeHeader, storeCredentialTest } from '../shared/n8n/node-shell';
import { searchCustomers, searchTechnicians, searchTileModels } from '../shared/n8n/list-search';

/** After-Sales Register (售后登记簿): the records behind every after-sales workflow. */
export class AfterSalesRegister implements INodeType {
	description: INodeTypeDescription = {
		...nodeHeader('After-Sales Register', 'afterSalesRegister'),
		icon: { light: 'file:afterSalesRegister.svg', dark: 'file:afterSalesRegister.dark.svg' },
		subtitle: operationSubtitle(RESOURCES),
		description: 'Keep the after-sales registers (售后登记簿): customers, installations, contracts, technicians, tile stock',
		usableAsTool: true,
		credentials: [
			{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' },
			// Where messages go besides email (the outbox's senders); without it only email is sent.
			{ name: 'afterSalesChannels', required: false, testedBy: 'afterSalesChannelsCheck' },
		],
		properties: tableProperties(RESOURCES, 'customer'),
	};

	methods = {
		listSearch: { searchCustomers, searchTechnicians, searchTileModels },
		credentialTest: storeCredentialTest,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(RESOURCES, this);
	}
}

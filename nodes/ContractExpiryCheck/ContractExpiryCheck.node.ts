import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { RESOURCES } from './actions/resources';
import { operationSubtitle, runOperation, tableProperties } from '../shared/n8n/operations';
import { nodeHeader, storeCredentialTest } from '../shared/n8n/node-shell';

/** Contract Expiry Check (合同到期检查): maintenance contracts' expiry notices (P13), renewal tasks, renewals. */
export class ContractExpiryCheck implements INodeType {
	description: INodeTypeDescription = {
		...nodeHeader('Contract Expiry Check', 'contractExpiryCheck'),
		icon: { light: 'file:contractExpiryCheck.svg', dark: 'file:contractExpiryCheck.dark.svg' },
		subtitle: operationSubtitle(RESOURCES),
		description: 'Maintenance contracts about to expire (合同到期检查): expiry notices (保养到期通知书), renewal tasks (续约洽谈), renewals',
		usableAsTool: true,
		credentials: [{ name: 'afterSalesStore', required: true, testedBy: 'afterSalesStoreConnectionTest' }],
		properties: tableProperties(RESOURCES, 'contract'),
	};

	methods = { credentialTest: storeCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(RESOURCES, this);
	}
}

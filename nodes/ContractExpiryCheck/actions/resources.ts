/**
 * Contract Expiry Check's resources and operations, in the order the editor lists them, and the
 * module that carries each (`<resource>/<operation>.operation.ts`).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { BatchOperation, Operation } from './operation';

import * as contractCheckExpiring from './contract/checkExpiring.operation';
import * as contractRenew from './contract/renew.operation';
import * as contractGetExpiryNotice from './contract/getExpiryNotice.operation';

interface OperationDef {
	value: string;
	name: string;
	description: string;
	/** What the node panel lists and an AI agent reads as the tool's purpose. */
	action: string;
	module: Operation | BatchOperation;
}

interface ResourceDef {
	name: string;
	/** The operation a new node starts on: written out, never taken from the list's order. */
	defaultOperation: string;
	operations: OperationDef[];
}

export const RESOURCES: Record<'contract', ResourceDef> = {
	contract: {
		name: 'Maintenance Contract (保养合同)',
		defaultOperation: 'checkExpiring',
		operations: [
			{
				value: 'checkExpiring',
				name: 'Check Expiring Contracts',
				description: 'The expiry scan: a notice (保养到期通知书) and a renewal task for each contract due one, lapsed contracts reported once',
				action: 'Check expiring contracts',
				module: contractCheckExpiring,
			},
			{
				value: 'renew',
				name: 'Renew Contract',
				description: 'The new contract (续约); the old one marked renewed, its renewal task closed',
				action: 'Renew a contract',
				module: contractRenew,
			},
			{
				value: 'getExpiryNotice',
				name: 'Get Expiry Notice',
				description: 'The contract’s latest expiry notice as a printable page (HTML)',
				action: 'Get an expiry notice',
				module: contractGetExpiryNotice,
			},
		],
	},
};

type ResourceName = keyof typeof RESOURCES;

export function resourceProperty(): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: (Object.keys(RESOURCES) as ResourceName[]).map((value) => ({ name: RESOURCES[value].name, value })),
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the options are computed; contract is one
		default: 'contract',
	};
}

export function operationProperties(): INodeProperties[] {
	return (Object.keys(RESOURCES) as ResourceName[]).map((resource) => {
		const def = RESOURCES[resource];
		const options: INodePropertyOptions[] = def.operations.map((o) => ({
			name: o.name,
			value: o.value,
			description: o.description,
			action: o.action,
		}));
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is written per resource (defaultOperation)
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: def.defaultOperation,
		};
	});
}

/** The canvas subtitle: the chosen operation's action label, as the node panel words it. */
export function operationSubtitle(): string {
	const table: Record<string, string> = {};
	for (const resource of Object.keys(RESOURCES) as ResourceName[]) {
		for (const o of RESOURCES[resource].operations) table[`${resource}.${o.value}`] = o.action;
	}
	return `={{ (${JSON.stringify(table)})[$parameter["resource"] + "." + $parameter["operation"]] }}`;
}

export function operationParameters(): INodeProperties[] {
	return (Object.keys(RESOURCES) as ResourceName[]).flatMap((r) => RESOURCES[r].operations.flatMap((o) => o.module.description));
}

export function findOperation(resource: string, operation: string): Operation | BatchOperation | undefined {
	return RESOURCES[resource as ResourceName]?.operations.find((o) => o.value === operation)?.module;
}

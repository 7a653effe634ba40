/**
 * The resource/operation plumbing every node with resources uses (After-Sales Register, Send
 * Survey, Contract Expiry Check): a node keeps only its table of resources and operations; the
 * Resource and Operation properties, the canvas subtitle, the operations' parameters and the
 * router are made from that table here.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';
import type { Store } from '../store/store';
import { forEachItem, forWholeInput, type ItemResult } from './per-item';
import { storeOnDemand } from './store-access';

/** One operation of one resource: its parameters and what it does with one item. */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, store: Store): Promise<ItemResult>;
}

/**
 * An operation on the whole input at once (an import, a sweep, a run that takes work for
 * itself): one run whatever the input. It throws on failure; `runOperation` turns that into the
 * node's error on the shared failure path (`forWholeInput`).
 */
export interface BatchOperation {
	description: INodeProperties[];
	executeBatch(this: IExecuteFunctions, store: Store): Promise<INodeExecutionData[]>;
}

/**
 * An operation that never touches the store (telling the staff groups that a workflow failed:
 * the failure may be the store itself). The router does not open the store for it.
 */
export interface StorelessOperation {
	description: INodeProperties[];
	executeWithoutStore(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult>;
}

export type AnyOperation = Operation | BatchOperation | StorelessOperation;

export interface OperationDef {
	value: string;
	name: string;
	description: string;
	/** What the node panel lists and an AI agent reads as the tool's purpose: "Get many customers". */
	action: string;
	module: AnyOperation;
}

export interface ResourceDef {
	name: string;
	/** The operation a new node starts on: written out, never taken from the list's order. */
	defaultOperation: string;
	operations: OperationDef[];
}

/** A node's resources, in the order the editor lists them. */
export type ResourceTable = Record<string, ResourceDef>;

/** Adds the resource/operation displayOptions to each property. */
export function forOperation(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) => ({
		...p,
		displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

/**
 * The Resource property. A node with one resource hides it (n8n's way: `type: 'hidden'`), so the
 * panel shows only the operations; its value stays the one resource, as saved workflows have it.
 */
export function resourceProperty(table: ResourceTable, defaultResource: string): INodeProperties {
	const resources = Object.keys(table);
	if (resources.length === 1) return { displayName: 'Resource', name: 'resource', type: 'hidden', noDataExpression: true, default: defaultResource };
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((value) => ({ name: table[value].name, value })),
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the options are computed from the table
		default: defaultResource,
	};
}

/** One Operation property per resource, each with its own default. */
export function operationProperties(table: ResourceTable): INodeProperties[] {
	return Object.keys(table).map((resource) => {
		const def = table[resource];
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

/**
 * The node's subtitle on the canvas: the chosen operation's action label ("Get many customers"),
 * looked up in a table written into the expression, so it reads as the node panel does.
 */
export function operationSubtitle(table: ResourceTable): string {
	const labels: Record<string, string> = {};
	for (const resource of Object.keys(table)) {
		for (const o of table[resource].operations) labels[`${resource}.${o.value}`] = o.action;
	}
	return `={{ (${JSON.stringify(labels)})[$parameter["resource"] + "." + $parameter["operation"]] }}`;
}

/** Every operation's own parameters, in the table's order. */
export function operationParameters(table: ResourceTable): INodeProperties[] {
	return Object.values(table).flatMap((r) => r.operations.flatMap((o) => o.module.description));
}

/** Resource, Operation and the operations' parameters: a node's whole `properties`. */
export function tableProperties(table: ResourceTable, defaultResource: string): INodeProperties[] {
	return [resourceProperty(table, defaultResource), ...operationProperties(table), ...operationParameters(table)];
}

export function findOperation(table: ResourceTable, resource: string, operation: string): AnyOperation | undefined {
	if (!Object.prototype.hasOwnProperty.call(table, resource)) return undefined;
	return table[resource].operations.find((o) => o.value === operation)?.module;
}

/**
 * The router: finds the chosen operation and runs it on the shared failure path — for each item,
 * or, for a batch operation, once for the whole input. The store is opened inside that path
 * (never for a storeless operation).
 */
export async function runOperation(table: ResourceTable, ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = findOperation(table, resource, operation);
	if (!op) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	if ('executeWithoutStore' in op) return [await forEachItem(ctx, async (i) => await op.executeWithoutStore.call(ctx, i))];
	const store = storeOnDemand(ctx);
	if ('executeBatch' in op) return [await forWholeInput(ctx, async () => await op.executeBatch.call(ctx, await store()))];
	return [await forEachItem(ctx, async (i) => await op.execute.call(ctx, i, await store()))];
}

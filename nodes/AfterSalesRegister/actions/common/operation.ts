import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { Store } from '../../../shared/store/store';
import type { ItemResult } from '../../../shared/n8n/per-item';

/** One operation of one resource: its parameters and what it does with one item. */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, store: Store): Promise<ItemResult>;
}

/**
 * An operation that treats all input items together (an import): one output for the whole batch.
 * It throws on failure; the router's `forWholeInput` turns that into the node's error.
 */
export interface BatchOperation {
	description: INodeProperties[];
	executeBatch(this: IExecuteFunctions, store: Store): Promise<INodeExecutionData[]>;
}

/** Adds the resource/operation displayOptions to each property. */
export function forOperation(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((p) => ({
		...p,
		displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { forEachItem, forWholeInput } from '../../shared/n8n/per-item';
import { storeOnDemand } from '../../shared/n8n/store-access';
import { findOperation } from './resources';

/**
 * Runs the chosen operation on the shared failure path: per item, or — a sweep, a run that takes
 * work for itself — once for the whole input. The store is opened inside that path.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = findOperation(resource, operation);
	if (!op) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	const store = storeOnDemand(this);
	if ('executeBatch' in op) return [await forWholeInput(this, async () => await op.executeBatch.call(this, await store()))];
	return [await forEachItem(this, async (i) => await op.execute.call(this, i, await store()))];
}

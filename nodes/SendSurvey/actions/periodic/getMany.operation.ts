/** Get Many Periodic Calls: the desk's call list (待回访) — the calls listed and not yet recorded, oldest first. */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { openPeriodicCalls } from '../../../shared/services/periodic-follow-up';

export const { description, execute }: Operation = {
	description: forOperation('periodic', 'getMany', []),
	async execute(_i, store) {
		return (await openPeriodicCalls(store)) as unknown as IDataObject[];
	},
};

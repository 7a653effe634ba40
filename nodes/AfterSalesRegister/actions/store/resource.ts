/** The Register's Store Data resource (数据备份): the nightly backup's operation. */
import type { ResourceDef } from '../../../shared/n8n/operations';
import * as storeBackUp from './backUp.operation';

export const STORE_RESOURCE: ResourceDef = {
	name: 'Store Data (数据备份)',
	defaultOperation: 'backUp',
	operations: [
		{
			value: 'backUp',
			name: 'Back Up the Store',
			description: 'A consistent snapshot of every table into the backup folder, keeping the last N (数据备份)',
			action: 'Back up the store',
			module: storeBackUp,
		},
	],
};

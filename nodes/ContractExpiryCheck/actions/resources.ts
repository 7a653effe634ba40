/**
 * Contract Expiry Check's resources and operations, in the order the editor lists them, and the
 * module that carries each (`<resource>/<operation>.operation.ts`).
 */
import type { ResourceDef } from '../../shared/n8n/operations';

import * as contractCheckExpiring from './contract/checkExpiring.operation';
import * as contractRenew from './contract/renew.operation';
import * as contractGetExpiryNotice from './contract/getExpiryNotice.operation';
import * as contractRunMaintenance from './contract/runMaintenance.operation';

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
			{
				value: 'runMaintenance',
				name: 'Run Planned Maintenance',
				description:
					'Planned maintenance (保养): a category B ticket 7 days before each due day of a contract with a maintenance period, once per due day',
				action: 'Run planned maintenance',
				module: contractRunMaintenance,
			},
		],
	},
};

/** Archive a customer (客户信息存档, T12): kept in the file, left out of lists by default. */
import { REGISTERS } from '../registers';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { locatorProperty, readRef } from '../common/parameters';
import { requireRecord } from '../common/record-operations';
import { nowIso } from '../../../shared/n8n/per-item';
import { archiveCustomer } from '../../../shared/store/registers/customers';

const reg = REGISTERS.customer;

export const { description, execute }: Operation = {
	description: forOperation('customer', 'archive', [locatorProperty(reg)]),
	async execute(i, store) {
		const ref = readRef(this, reg, i);
		return await store.transaction(async (trx) => {
			const customer = await requireRecord(trx, reg, ref);
			if (customer.archived) return customer;
			return await archiveCustomer(trx, customer.id as number, nowIso());
		});
	},
};

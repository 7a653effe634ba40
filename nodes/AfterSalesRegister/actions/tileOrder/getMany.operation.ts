/** List tile orders: by status, customer, text, order dates; newest first. */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { filtersProperty, pagingProperties, statusFilter } from '../../../shared/n8n/paging';
import { parseDate } from '../../../shared/rules/dates';
import { searchTerm } from '../../../shared/rules/records';
import { TILE_ORDER_STATUSES, TILE_ORDER_STATUS_LABELS } from '../../../shared/rules/tile-order-lifecycle';
import { listOrders } from '../../../shared/store/registers/tile-orders';
import { limitParameter, collectionParameter } from '../../../shared/n8n/per-item';
import { stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('tileOrder', 'getMany', [
		...pagingProperties(),
		filtersProperty([
			statusFilter(TILE_ORDER_STATUSES, TILE_ORDER_STATUS_LABELS),
			stringProperty('search', 'Search', '', { description: 'Text found in the order number, customer name, phone or address' }),
			stringProperty('customerCode', 'Customer Code', '', { description: 'Only orders of this customer (客户编号)' }),
			stringProperty('orderedFrom', 'Ordered From', '', { placeholder: '2026-11-01' }),
			stringProperty('orderedTo', 'Ordered To', '', { placeholder: '2026-11-30' }),
		]),
	]),
	async execute(i, store) {
		const zone = this.getTimezone();
		const limit = limitParameter(this, i);
		const f = collectionParameter(this, 'filters', i, ['status']);
		const filter = {
			status: (f.status as string[] | undefined)?.length ? (f.status as string[]) : undefined,
			search: f.search || f.search === 0 ? searchTerm(f.search) : undefined,
			customerCode: f.customerCode || f.customerCode === 0 ? String(f.customerCode) : undefined,
			orderedFrom: f.orderedFrom ? parseDate(f.orderedFrom, 'orderedFrom', zone) : undefined,
			orderedTo: f.orderedTo ? parseDate(f.orderedTo, 'orderedTo', zone) : undefined,
			limit,
		};
		return (await store.transaction((trx) => listOrders(trx, filter))) as unknown as IDataObject[];
	},
};

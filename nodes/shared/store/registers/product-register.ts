/**
 * Product in/out register (客户商品进出登记簿) as the service board shows it: the products taken
 * back, where each is now, and the completion date agreed with the customer (P9).
 */
import type { Trx } from '../schema';
import { PRODUCT_WHEREABOUTS_LABELS, productWhereabouts, type ProductWhereabouts } from '../../rules/repair-corrections';

export interface ProductInRegister {
	ticketNumber: string;
	receiptNumber: string;
	customerCode: string;
	customerName: string;
	product: string;
	serialNo: string | null;
	/** Day it was taken back (the in-entry). */
	takenOn: string;
	/** P9: the completion date agreed at take-back, and the moment the ticket is due (end of that day). */
	promisedBy: string | null;
	dueAt: string;
	/** Day it went back to the customer (the out-entry), or null while it is with us. */
	returnedOn: string | null;
	ticketStatus: string;
	whereNow: ProductWhereabouts;
	whereNowLabel: { en: string; zh: string };
	technician: { name: string; phone: string } | null;
}

/**
 * The products taken back: by default only those still with the service department (not yet
 * returned), earliest agreed date first; `includeReturned` adds those already returned.
 */
export async function productsTakenBack(trx: Trx, f: { includeReturned?: boolean; limit?: number } = {}): Promise<ProductInRegister[]> {
	let q = trx
		.selectFrom('productReceipts as r')
		.innerJoin('tickets as t', 't.id', 'r.ticketId')
		.innerJoin('customers as c', 'c.id', 't.customerId')
		.leftJoin('technicians as k', 'k.id', 't.technicianId')
		.leftJoin('productMovements as o', (j) => j.onRef('o.receiptId', '=', 'r.id').on('o.direction', '=', 'out'))
		.select([
			't.ticketNumber',
			'r.receiptNumber',
			'c.code as customerCode',
			'c.name as customerName',
			'r.product',
			'r.serialNo',
			'r.takenOn',
			't.promisedBy',
			't.dueAt',
			'o.movedOn as returnedOn',
			't.status',
			'k.name as technicianName',
			'k.phone as technicianPhone',
		])
		.orderBy('t.promisedBy')
		.orderBy('r.takenOn')
		.orderBy('r.id');
	if (!f.includeReturned) q = q.where('o.id', 'is', null);
	if (f.limit !== undefined) q = q.limit(f.limit);
	return (await q.execute()).map((row) => {
		const whereNow = row.returnedOn ? 'returned' : productWhereabouts(row.status);
		return {
			ticketNumber: row.ticketNumber,
			receiptNumber: row.receiptNumber,
			customerCode: row.customerCode,
			customerName: row.customerName,
			product: row.product,
			serialNo: row.serialNo,
			takenOn: row.takenOn,
			promisedBy: row.promisedBy,
			dueAt: row.dueAt,
			returnedOn: row.returnedOn ?? null,
			ticketStatus: row.status,
			whereNow,
			whereNowLabel: PRODUCT_WHEREABOUTS_LABELS[whereNow],
			technician: row.technicianName ? { name: row.technicianName, phone: row.technicianPhone! } : null,
		};
	});
}

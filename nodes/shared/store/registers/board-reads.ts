/**
 * The service board's reads (services/board.ts): each section's rows, read in one snapshot.
 */
import { sql } from 'kysely';
import type { Trx } from '../schema';
import { isPostgres } from './common';
import { ticketsWithPeople } from './tickets';

/** Every later read of the transaction sees one moment (PostgreSQL; SQLite's transaction already is one). */
export async function readOnlySnapshot(trx: Trx): Promise<void> {
	if (isPostgres(trx)) await sql`set transaction isolation level repeatable read, read only`.execute(trx);
}

/** The tickets in `statuses` with their customer and technician, for the board. */
export async function openTicketRows(trx: Trx, statuses: readonly string[]) {
	return await ticketsWithPeople(trx)
		.select([
			't.ticketNumber',
			't.status',
			't.category',
			'c.name as customerName',
			't.phone',
			't.address',
			't.siteSituation',
			'k.name as technicianName',
			't.reportedAt',
			't.dueAt',
		])
		// SQLite keeps no histogram: without the hint it takes the board's statuses for a fifth of the register
		// each and reads every customer's tickets (a year of data: 195 ms, not 4 ms). They are a small part.
		.where((eb) => (isPostgres(trx) ? eb('t.status', 'in', [...statuses]) : sql<boolean>`likelihood(${eb('t.status', 'in', [...statuses])}, 0.01)`))
		.execute();
}

/** Every technician with the daily capacity, for the board. */
export async function technicianCapacities(trx: Trx) {
	return await trx.selectFrom('technicians').select(['id', 'name', 'phone', 'dailyCapacity', 'active']).execute();
}

/** The products taken back and not yet returned (no out-entry), with their ticket, customer and technician. */
export async function productsStillIn(trx: Trx) {
	return await trx
		.selectFrom('productReceipts as r')
		.innerJoin('tickets as t', 't.id', 'r.ticketId')
		.innerJoin('customers as c', 'c.id', 't.customerId')
		.leftJoin('technicians as k', 'k.id', 't.technicianId')
		.select([
			't.ticketNumber',
			't.status',
			'r.receiptNumber',
			'r.product',
			'r.serialNo',
			'r.takenOn',
			'c.name as customerName',
			'k.name as technicianName',
		])
		// The completion date agreed at take-back (P9).
		.select('t.promisedBy')
		.where('r.voidedAt', 'is', null)
		.where('t.status', 'in', ['taken-back', 'repaired', 'inspected'])
		// still in: the in/out register has no line out for it
		.where((eb) =>
			eb.not(eb.exists(eb.selectFrom('productMovements as m').select('m.id').whereRef('m.ticketId', '=', 't.id').where('m.direction', '=', 'out'))),
		)
		.execute();
}

/** The invoices issued and not yet paid up or void, with their ticket number. */
export async function issuedInvoiceRows(trx: Trx) {
	return await trx
		.selectFrom('invoices as i')
		.leftJoin('tickets as t', 't.id', 'i.ticketId')
		.select(['i.invoiceNumber', 'i.customerName', 'i.issuedOn', 'i.totalFen', 'i.paidFen', 'i.orderNumber', 't.ticketNumber'])
		.where('i.status', '=', 'issued')
		.execute();
}

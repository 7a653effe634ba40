/**
 * One repair ticket for the store tests, written straight into the register (no intake): an open
 * ticket of a liaison-letter customer, air conditioning, reported at 09:00 Shanghai on its report
 * date. A test names only what it is about.
 */
import type { Trx } from '../../nodes/shared/store/store';
import { insertTicket, type NewTicket, type Ticket } from '../../nodes/shared/store/registers/tickets';

export interface TicketFixture extends Partial<NewTicket> {
	customerId: number;
	/** The number of the ticket in its day: BX-<day>-0001 … */
	n: number;
	/** The report date (YYYY-MM-DD). */
	reportDate: string;
	/** The day in the ticket and voucher numbers (YYYY-MM-DD); the report date unless given. */
	numberedOn?: string;
	dueAt: string;
}

/** The register row of a ticket fixture. */
export function newTicket({ customerId, n, reportDate, numberedOn = reportDate, ...over }: TicketFixture): NewTicket {
	const no = `${numberedOn.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
	return {
		ticketNumber: `BX-${no}`,
		voucherNumber: `PZ-${no}`,
		customerId,
		contactPerson: null,
		phone: '13800000001',
		address: '上海市徐汇区',
		siteSituation: '空调不制冷',
		reportedAt: `${reportDate}T01:00:00.000Z`,
		reportDate,
		serialNo: null,
		contractNo: null,
		skill: '空调',
		customerType: 'liaison-letter',
		category: 'A',
		basis: 'test',
		idempotencyKey: null,
		...over,
	};
}

/** Inserts a ticket fixture as actor `test` at `now`. */
export async function insertTestTicket(trx: Trx, fixture: TicketFixture, now: string): Promise<Ticket> {
	return await insertTicket(trx, newTicket(fixture), 'test', now);
}

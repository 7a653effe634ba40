/**
 * Registering a reported problem (报修登记, P3) in one transaction: find or create the customer
 * file, judge warranty and contracts on the report date, take the day's next ticket and voucher
 * numbers, set the due time, write the ticket and its first audit entry, and queue the new
 * ticket's message for the staff groups in the outbox (issue 19). The same idempotency key always
 * gives back the first ticket (and queues nothing again).
 */
import type { Store } from '../store/store';
import type { RepairReport } from '../rules/repair-report';
import { classifyReport, type Category } from '../rules/service-category';
import { dueAt, ticketNumber, voucherNumber } from '../rules/numbering';
import { NotFoundError } from '../rules/errors';
import { retryOnceIfDuplicate } from './retry';
import { nextInSequences } from '../store/counters';
import { createCustomer, updateCustomer } from '../store/registers/customers';
import { customerWithFacts } from '../store/registers/intake-reads';
import { findTicket, type Ticket } from '../store/registers/tickets';
import { writeNewTicket } from '../store/registers/intake-writes';
import { DEFAULT_NOTICE_ZONE, newTicketOutboxMessage, type NoticeContext } from './outbox-producers';

export interface RegisterOptions {
	responseHours: Record<Category, number>;
	/** Today in the workflow's timezone: the day whose numbers the ticket takes. */
	today: string;
	actor: string;
	now: string;
	/**
	 * The workflow's timezone and n8n's address for the staff message (due time, signed voucher
	 * link); the nodes always give it — without it the due time is read in Asia/Shanghai, with no link.
	 */
	notice?: NoticeContext;
}

export interface Registered {
	ticket: Ticket;
	/** True when the idempotency key had already registered this ticket. */
	duplicate: boolean;
	customerCreated: boolean;
}

async function registerOnce(store: Store, report: RepairReport, o: RegisterOptions): Promise<Registered> {
	return await store.transaction(
		async (trx, run) => {
			if (report.idempotencyKey) {
				const first = await findTicket(trx, { idempotencyKey: report.idempotencyKey });
				// Found after this call's own commit was lost: most likely that commit was kept, so this is the first answer, not a repeat.
				if (first) return { ticket: first, duplicate: !run.afterUnknownCommit, customerCreated: false };
			}
			// The customer with its installations and contracts in one read; a new customer has neither.
			const found = await customerWithFacts(trx, { code: report.customerCode ?? undefined, name: report.customerName, phone: report.phone });
			if (!found && report.customerCode)
				throw new NotFoundError(
					`Customer code (客户编号): "${report.customerCode}" is not in the customer file; leave it empty to register a new customer by name`,
					'customerCode',
				);
			const customerCreated = !found;
			const facts = found ?? {
				customer: await createCustomer(
					trx,
					{
						name: report.customerName,
						phone: report.phone,
						contactPerson: report.contactPerson ?? undefined,
						address: report.address,
						...(report.email ? { email: report.email } : {}),
					},
					o.now,
				),
				installations: [],
				contracts: [],
			};
			const { installations, contracts } = facts;
			// An email given with the report is the customer's address from now on (it decides the channel: email, else the mobile).
			const customer =
				found && report.email && found.customer.email !== report.email
					? await updateCustomer(trx, found.customer.id, { email: report.email }, o.now)
					: facts.customer;
			const c = classifyReport({
				reportDate: report.reportDate,
				installations,
				contracts,
				serialNo: report.serialNo ?? undefined,
				contractNo: report.contractNo ?? undefined,
			});
			// Paid service without warranty or contract: the liaison letter (售后服务联络函) goes with the ticket, its number taken with the ticket's.
			const letter = c.customerType === 'liaison-letter';
			const seqs = await nextInSequences(trx, letter ? ['ticket', 'liaison-letter'] : ['ticket'], o.today);
			const seq = seqs.ticket;
			const newTicket = {
				ticketNumber: ticketNumber(o.today, seq),
				voucherNumber: voucherNumber(o.today, seq),
				customerId: customer.id,
				contactPerson: report.contactPerson,
				phone: report.phone,
				address: report.address,
				siteSituation: report.siteSituation,
				reportedAt: report.reportedAt,
				reportDate: report.reportDate,
				serialNo: c.serialNo ?? report.serialNo,
				contractNo: c.contractNo ?? report.contractNo,
				skill: report.skill,
				customerType: c.customerType,
				category: c.category,
				basis: c.basis,
				dueAt: new Date(dueAt(report.reportedAt, c.category, o.responseHours)).toISOString(),
				idempotencyKey: report.idempotencyKey,
				visitFeeFen: c.visitFeeFen ?? null,
			};
			// Every new ticket reaches the staff groups: queued with the ticket (one statement on PostgreSQL), sent after the commit.
			const message = await newTicketOutboxMessage(
				trx,
				{ ...newTicket, customerName: customer.name },
				o.now,
				o.notice ?? { zone: DEFAULT_NOTICE_ZONE },
			);
			const { ticket } = await writeNewTicket(
				trx,
				newTicket,
				customer,
				letter ? { today: o.today, seq: seqs['liaison-letter'] } : null,
				o.actor,
				o.now,
				message,
			);
			return { ticket, duplicate: false, customerCreated };
		},
		{ idempotent: Boolean(report.idempotencyKey) },
	);
}

export async function registerTicket(store: Store, report: RepairReport, o: RegisterOptions): Promise<Registered> {
	// Two reports at once that both had to create the customer file, or both carry one
	// idempotency key: the loser of the race runs again and finds the winner's customer (or ticket).
	return await retryOnceIfDuplicate(() => registerOnce(store, report, o));
}

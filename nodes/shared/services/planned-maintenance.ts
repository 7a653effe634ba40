/**
 * Planned maintenance (保养) as a use case: the daily run makes, for each active contract with a
 * maintenance period, a category B ticket 7 days before each due day — once per due day, also
 * when two runs meet (the contract row is locked and the unique (contract, due day) has the last
 * word). The tickets are then dispatched like any other (the workflow's Dispatch Technician).
 */
import { dayOf } from '../rules/dates';
import { DuplicateError } from '../rules/errors';
import { ticketNumber, voucherNumber } from '../rules/numbering';
import {
	maintenanceClassification,
	maintenanceDueAt,
	maintenanceDueNow,
	maintenanceHorizon,
	maintenanceSiteSituation,
} from '../rules/planned-maintenance';
import type { Store } from '../store/store';
import { nextInSequence } from '../store/counters';
import { insertTicket } from '../store/registers/tickets';
import { queueNewTicket } from './outbox-producers';
import {
	contractsWithMaintenance,
	findMaintenanceVisit,
	insertMaintenanceVisit,
	lockContractForMaintenance,
} from '../store/registers/maintenance-visits';

export interface MaintenanceOptions {
	now: string;
	/** The workflow's timezone: which day it is, the day of a ticket's number, the end of the due day. */
	zone: string;
	actor: string;
	/** The day the run is for (YYYY-MM-DD); default today in `zone`. */
	date?: string;
	/** Where the document webhooks answer, for the new ticket's signed voucher link in the staff message. */
	documentLinkBase?: string | null;
}

export interface MaintenanceVisitOut {
	contractNo: string;
	ticketNumber: string;
	dueOn: string;
	customerName: string;
}

export interface MaintenanceRunResult {
	today: string;
	/** The due days the run looked at: today through 7 days ahead. */
	range: { from: string; to: string };
	created: MaintenanceVisitOut[];
	/** Due days in the range whose visit an earlier (or a concurrent) run already made. */
	alreadyCreated: number;
}

type Outcome = { created: MaintenanceVisitOut } | 'already' | 'skip';

async function visitOnce(store: Store, contractId: number, dueOn: string, today: string, o: MaintenanceOptions): Promise<Outcome> {
	return await store.transaction(async (trx) => {
		const k = await lockContractForMaintenance(trx, contractId);
		if (!k) return 'skip';
		if (await findMaintenanceVisit(trx, k.id, dueOn)) return 'already';
		// The contract may have changed since it was listed (cancelled, period edited): judge again.
		if (!maintenanceDueNow(k, today).includes(dueOn)) return 'skip';
		const c = maintenanceClassification(k, dueOn);
		const seq = await nextInSequence(trx, 'ticket', today);
		const ticket = await insertTicket(
			trx,
			{
				ticketNumber: ticketNumber(today, seq),
				voucherNumber: voucherNumber(today, seq),
				customerId: k.customerId,
				contactPerson: k.contactPerson,
				phone: k.phone ?? '',
				address: k.address ?? '',
				siteSituation: maintenanceSiteSituation(k, dueOn),
				reportedAt: new Date(o.now).toISOString(),
				reportDate: today,
				serialNo: null,
				contractNo: k.contractNo,
				skill: null,
				customerType: c.customerType,
				category: c.category,
				basis: c.basis,
				dueAt: maintenanceDueAt(dueOn, o.zone),
				idempotencyKey: null,
				visitFeeFen: c.visitFeeFen ?? null,
			},
			o.actor,
			o.now,
		);
		await insertMaintenanceVisit(trx, { contractId: k.id, dueOn, ticketId: ticket.id }, o.actor, o.now);
		// The staff groups see the maintenance visit like any new ticket (issue 19), queued with it.
		await queueNewTicket(trx, ticket, o.now, { zone: o.zone, documentLinkBase: o.documentLinkBase });
		return { created: { contractNo: k.contractNo, ticketNumber: ticket.ticketNumber, dueOn, customerName: k.customerName } };
	});
}

/** The daily run: every due day from today through 7 days ahead gets its visit unless it has one. */
export async function runPlannedMaintenance(store: Store, o: MaintenanceOptions): Promise<MaintenanceRunResult> {
	const today = o.date ?? dayOf(o.now, o.zone);
	const range = { from: today, to: maintenanceHorizon(today) };
	const contracts = await store.transaction(async (trx) => await contractsWithMaintenance(trx, range.from, range.to));
	const created: MaintenanceVisitOut[] = [];
	let alreadyCreated = 0;
	for (const contract of contracts) {
		for (const dueOn of maintenanceDueNow(contract, today)) {
			let outcome: Outcome;
			try {
				outcome = await visitOnce(store, contract.id, dueOn, today, o);
			} catch (error) {
				// The unique (contract, due day) refused a second visit: another run made it.
				if (!(error instanceof DuplicateError)) throw error;
				outcome = 'already';
			}
			if (outcome === 'already') alreadyCreated++;
			else if (outcome !== 'skip') created.push(outcome.created);
		}
	}
	return { today, range, created, alreadyCreated };
}

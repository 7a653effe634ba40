/**
 * Warranty judged again at the visit (RULES turn 3, *Warranty without a serial number*): a report
 * without a serial no is free only when all the customer's units are in warranty; when the visit
 * names the unit (`serialNo`), the category is judged again on that unit — before anything is
 * invoiced or collected, in the visit's transaction — and the change is kept in the ticket's history.
 */
import type { Trx } from '../store/schema';
import { classifyReport } from '../rules/service-category';
import { sameKey } from '../rules/natural-keys';
import { warrantyFactsOf } from '../store/registers/installations';
import { contractFactsOf } from '../store/registers/contracts';
import { recordEvent, requireTicket, updateTicket, type Ticket } from '../store/registers/tickets';

/**
 * The ticket judged again on the unit the visit names; the same ticket when no serial no is named,
 * when it is the one the ticket was already judged on, or for planned maintenance (保养, always B
 * under its contract), or a serial no that is none of the customer's units.
 */
export async function judgeAgainOnVisit(
	trx: Trx,
	t: Ticket,
	serialNo: string | null | undefined,
	ctx: { actor: string; now: string },
): Promise<Ticket> {
	const named = serialNo?.trim();
	if (!named || (t.serialNo && sameKey(t.serialNo, named))) return t;
	if (t.basis.startsWith('Planned maintenance')) return t;
	const installations = await warrantyFactsOf(trx, t.customerId);
	// A serial no that is not one of the customer's units (a product taken back is named freely on
	// its receipt) tells nothing about the warranty: the ticket stays as judged.
	if (!installations.some((i) => sameKey(i.serialNo, named))) return t;
	const c = classifyReport({
		reportDate: t.reportDate,
		installations,
		contracts: await contractFactsOf(trx, t.customerId),
		serialNo: named,
		contractNo: namedContract(t),
	});
	const patch = {
		category: c.category,
		customerType: c.customerType,
		basis: c.basis,
		serialNo: c.serialNo ?? named,
		contractNo: c.contractNo ?? null,
		visitFeeFen: c.visitFeeFen ?? null,
	};
	await updateTicket(trx, t.id, patch);
	await recordEvent(trx, t.id, 'judgeCategoryAgain', t.status, t.status, ctx.actor, ctx.now, {
		serialNo: patch.serialNo,
		fromCategory: t.category,
		toCategory: c.category,
		fromCustomerType: t.customerType,
		toCustomerType: c.customerType,
		basis: c.basis,
	});
	return await requireTicket(trx, { id: t.id });
}

/** The contract the report itself named is kept; one the first judgment chose is chosen again. */
function namedContract(t: Ticket): string | undefined {
	return t.customerType === 'per-visit-contract' || t.customerType === 'annual-contract' ? undefined : (t.contractNo ?? undefined);
}

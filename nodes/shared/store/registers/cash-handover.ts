/**
 * Cash taken on site (现金) by technicians: what each still holds, and finance's receipt of it
 * (交款), payment by payment.
 */
import type { Trx } from '../schema';
import { RuleViolation } from '../../rules/errors';
import { fenToYuan } from '../../rules/money';

/** One technician's cash taken on site and not yet handed to finance. */
export interface CashHeld {
	technician: { name: string; phone: string };
	totalFen: number;
	totalYuan: string;
	payments: Array<{ invoiceNumber: string; ticketNumber: string | null; customerName: string; amountFen: number; paidOn: string; paidAt: string }>;
}

export async function cashHeld(trx: Trx, technicianId?: number): Promise<CashHeld[]> {
	let q = trx
		.selectFrom('payments as p')
		.innerJoin('technicians as k', 'k.id', 'p.technicianId')
		.innerJoin('invoices as i', 'i.id', 'p.invoiceId')
		.leftJoin('tickets as t', 't.id', 'i.ticketId')
		.select([
			'k.id as technicianId',
			'k.name',
			'k.phone',
			'i.invoiceNumber',
			't.ticketNumber',
			'i.customerName',
			'p.amountFen',
			'p.paidOn',
			'p.paidAt',
		])
		.where('p.onSite', '=', 1)
		.where('p.method', '=', 'cash')
		.where('p.handedOverAt', 'is', null)
		.orderBy('k.name')
		.orderBy('k.id')
		.orderBy('p.id');
	if (technicianId !== undefined) q = q.where('k.id', '=', technicianId);
	const by = new Map<number, CashHeld>();
	for (const r of await q.execute()) {
		let held = by.get(r.technicianId);
		if (!held) by.set(r.technicianId, (held = { technician: { name: r.name, phone: r.phone }, totalFen: 0, totalYuan: '0.00', payments: [] }));
		const amountFen = Number(r.amountFen);
		held.totalFen += amountFen;
		held.totalYuan = fenToYuan(held.totalFen);
		held.payments.push({
			invoiceNumber: r.invoiceNumber,
			ticketNumber: r.ticketNumber,
			customerName: r.customerName,
			amountFen,
			paidOn: r.paidOn,
			paidAt: r.paidAt,
		});
	}
	return [...by.values()];
}

/**
 * Finance received a technician's cash (交款): every cash payment they still hold, or only those of
 * the invoices named, is marked handed over. Returns what was handed over.
 */
export async function handOverCash(trx: Trx, technicianId: number, invoiceNumbers: string[] | undefined, by: string, now: string): Promise<CashHeld> {
	const held = (await cashHeld(trx, technicianId))[0];
	const wanted = invoiceNumbers?.length ? new Set(invoiceNumbers.map((n) => n.trim().toUpperCase())) : undefined;
	if (!held || held.payments.length === 0)
		throw new RuleViolation('This technician holds no cash taken on site: nothing to hand over', 'technicianPhone');
	if (wanted) {
		const missing = [...wanted].filter((n) => !held.payments.some((p) => p.invoiceNumber === n));
		if (missing.length) throw new RuleViolation(`No cash of invoice ${missing.join(', ')} is held by this technician`, 'invoiceNumbers');
	}
	const ids = await trx
		.selectFrom('payments as p')
		.innerJoin('invoices as i', 'i.id', 'p.invoiceId')
		.select(['p.id', 'i.invoiceNumber'])
		.where('p.technicianId', '=', technicianId)
		.where('p.onSite', '=', 1)
		.where('p.method', '=', 'cash')
		.where('p.handedOverAt', 'is', null)
		.execute();
	const chosen = ids.filter((r) => !wanted || wanted.has(r.invoiceNumber)).map((r) => r.id);
	await trx
		.updateTable('payments')
		.set({ handedOverAt: now, handedOverBy: by })
		.where('id', 'in', chosen)
		.where('handedOverAt', 'is', null)
		.execute();
	const payments = held.payments.filter((p) => !wanted || wanted.has(p.invoiceNumber));
	const totalFen = payments.reduce((s, p) => s + p.amountFen, 0);
	return { technician: held.technician, totalFen, totalYuan: fenToYuan(totalFen), payments };
}

/**
 * P12: the receiver reconciles the repair register with the vouchers (服务凭证). The query form of
 * rules/repair-corrections.ts `voucherStillOut`: finished tickets signed before `since` and not
 * closed, and closed tickets with no archiving of their voucher recorded.
 */
import type { Trx } from '../schema';
import { ticketsWithPeople } from './tickets';
import { VOUCHER_OUT_REASONS, voucherStillOut, type VoucherOut } from '../../rules/repair-corrections';

export interface VoucherStillOut {
	ticketNumber: string;
	voucherNumber: string;
	customerName: string;
	status: string;
	/** When the customer signed the voucher (the work was finished). */
	signedAt: string | null;
	closedAt: string | null;
	voucherOut: VoucherOut;
	reason: string;
	technician: { name: string; phone: string; email: string | null } | null;
}

export async function vouchersStillOut(trx: Trx, since: string): Promise<VoucherStillOut[]> {
	const rows = await ticketsWithPeople(trx)
		.select([
			't.ticketNumber',
			't.voucherNumber',
			'c.name as customerName',
			't.status',
			't.signedAt',
			't.closedAt',
			't.voucherArchivedAt',
			'k.name as technicianName',
			'k.phone as technicianPhone',
			'k.email as technicianEmail',
		])
		.where((eb) =>
			eb.or([
				eb.and([eb('t.status', 'in', ['solved-on-site', 'returned']), eb('t.signedAt', '<', since)]),
				eb.and([eb('t.status', '=', 'closed'), eb('t.voucherArchivedAt', 'is', null)]),
			]),
		)
		.orderBy('t.signedAt')
		.orderBy('t.id')
		.execute();
	const out: VoucherStillOut[] = [];
	for (const r of rows) {
		const why = voucherStillOut(r, since);
		if (!why) continue;
		out.push({
			ticketNumber: r.ticketNumber,
			voucherNumber: r.voucherNumber,
			customerName: r.customerName,
			status: r.status,
			signedAt: r.signedAt,
			closedAt: r.closedAt,
			voucherOut: why,
			reason: `${VOUCHER_OUT_REASONS[why].zh} / ${VOUCHER_OUT_REASONS[why].en}`,
			technician: r.technicianName ? { name: r.technicianName, phone: r.technicianPhone!, email: r.technicianEmail ?? null } : null,
		});
	}
	return out;
}

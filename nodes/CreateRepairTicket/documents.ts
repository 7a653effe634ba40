/** The ticket's printable forms: the customer repair service form (表1.1) and the service voucher. */
import { DateTime } from 'luxon';
import type { Ticket } from '../shared/store/registers/tickets';
import { renderRepairServiceForm } from '../shared/documents/repair-service-form';
import { renderServiceVoucher } from '../shared/documents/service-voucher';
import type { DocumentLang } from '../shared/documents/html';

/** An instant as staff read it: 2026-11-27 09:30 in the workflow's timezone. */
export function displayTime(iso: string | null | undefined, zone: string): string | null {
	return iso ? DateTime.fromISO(iso).setZone(zone).toFormat('yyyy-MM-dd HH:mm') : null;
}

/** Form 1.1's result box, from where the ticket stands. */
const RESULT: Record<string, 'completed' | 'not-completed-return-repair'> = {
	'solved-on-site': 'completed',
	returned: 'completed',
	closed: 'completed',
	'taken-back': 'not-completed-return-repair',
	repaired: 'not-completed-return-repair',
	inspected: 'not-completed-return-repair',
};

export function ticketDocuments(t: Ticket, zone: string, lang: DocumentLang) {
	const common = {
		ticketNumber: t.ticketNumber,
		voucherNumber: t.voucherNumber,
		customerName: t.customerName,
		contactPerson: t.contactPerson,
		phone: t.phone,
		address: t.address,
		category: t.category as 'A' | 'B' | 'C' | 'D',
		reportedAt: displayTime(t.reportedAt, zone)!,
		dueAt: displayTime(t.dueAt, zone),
	};
	return {
		repairServiceForm: renderRepairServiceForm(
			{
				...common,
				customerType: t.customerType as never,
				serviceContent: t.siteSituation,
				technicianName: t.technician?.name ?? null,
				solution: t.solution ?? null,
				result: RESULT[t.status] ?? null,
			},
			lang,
		),
		serviceVoucher: renderServiceVoucher({ ...common, siteSituation: t.siteSituation, technician: t.technician }, lang),
	};
}

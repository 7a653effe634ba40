/**
 * Get Many invoices: the receivables (unpaid, overdue by days), or any by status, ticket, customer and
 * issue dates. With Queue the Week's Receivables on, every invoice not fully paid is also queued as
 * the week's list for the staff groups (issue 19) — once a week, whatever the filters.
 */
import { DateTime } from 'luxon';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { filtersProperty, pagingProperties, statusFilter } from '../../../shared/n8n/paging';
import { fieldError, shown } from '../../../shared/rules/errors';
import { parseDate } from '../../../shared/rules/dates';
import { INVOICE_STATUSES, INVOICE_STATUS_LABELS, type InvoiceStatus } from '../../../shared/rules/invoice';
import { listInvoices } from '../../../shared/store/registers/invoices';
import { requireCustomer } from '../../../shared/store/registers/customers';
import { invoiceJson } from './common';
import { actionContext } from '../../../shared/n8n/context';
import { limitParameter, collectionParameter } from '../../../shared/n8n/per-item';
import { booleanProperty, stringProperty, numberProperty } from '../../../shared/n8n/properties';
import { documentLinkBaseProperty, readDocumentLinkBase } from '../../../shared/n8n/document-link-base';
import { queueReceivables } from '../../../shared/services/staff-lists';

export const { description, execute }: Operation = {
	description: forOperation('invoice', 'getMany', [
		...pagingProperties(),
		filtersProperty([
			statusFilter(INVOICE_STATUSES, INVOICE_STATUS_LABELS, 'Issued = not fully paid: the receivables'),
			numberProperty('overdueDays', 'Overdue by Days', 0, {
				typeOptions: { minValue: 0 },
				description: 'Only unpaid invoices issued at least this many days ago (0: no such filter)',
			}),
			stringProperty('ticketNumber', 'Ticket Number (工单号)', '', { placeholder: 'BX-20261127-0001' }),
			stringProperty('customerCode', 'Customer Code', '', { description: 'Only invoices of this customer (客户编号)' }),
			stringProperty('issuedFrom', 'Issued From', '', { placeholder: '2026-11-01' }),
			stringProperty('issuedTo', 'Issued To', '', { placeholder: '2026-11-30' }),
		]),
		booleanProperty('queueReceivables', "Queue the Week's Receivables for the Staff Groups", false, {
			description:
				'Whether to queue this week’s list of every invoice not fully paid for the staff groups’ robots (企业微信/钉钉/飞书), once a week; the Outbox sends it',
		}),
		{
			...documentLinkBaseProperty,
			description:
				'Where staff open each invoice’s signed link in the list; the path is added. Empty: this n8n’s own address + webhook/after-sales/.',
			displayOptions: { show: { queueReceivables: [true] } },
		},
	]),
	async execute(i, store) {
		const zone = this.getTimezone();
		const { today, now } = actionContext(this, i);
		const queue = this.getNodeParameter('queueReceivables', i, false) as boolean;
		const documentLinkBase = queue ? readDocumentLinkBase(this, i) : null;
		const limit = limitParameter(this, i);
		const f = collectionParameter(this, 'filters', i, ['status']);
		const status = ((f.status as string[] | undefined) ?? []).filter(Boolean);
		for (const s of status) {
			if (!INVOICE_STATUSES.includes(s as InvoiceStatus))
				throw fieldError('status', `Status (状态): "${s}" is not an invoice status; expected ${INVOICE_STATUSES.join(', ')}`);
		}
		const days = f.overdueDays === undefined || f.overdueDays === '' ? 0 : Number(f.overdueDays);
		if (!Number.isInteger(days) || days < 0)
			throw fieldError('overdueDays', `Overdue by days: ${shown(f.overdueDays)} is not a whole number of 0 or more`);
		return await store.transaction(async (trx) => {
			if (queue) await queueReceivables(trx, today, now, documentLinkBase);
			const invoices = await listInvoices(trx, {
				status: status.length ? (status as InvoiceStatus[]) : undefined,
				ticketNumber: f.ticketNumber ? String(f.ticketNumber).trim() : undefined,
				customerId: f.customerCode ? (await requireCustomer(trx, { code: String(f.customerCode) })).id : undefined,
				issuedFrom: f.issuedFrom ? parseDate(f.issuedFrom, 'issuedFrom', zone) : undefined,
				issuedTo: f.issuedTo ? parseDate(f.issuedTo, 'issuedTo', zone) : undefined,
				issuedOnOrBefore: days > 0 ? DateTime.fromISO(today).minus({ days }).toISODate()! : undefined,
				limit,
			});
			const day = DateTime.fromISO(today);
			return invoices.map((inv) => ({
				...invoiceJson(inv),
				daysOutstanding: inv.status === 'issued' ? Math.max(0, Math.round(day.diff(DateTime.fromISO(inv.issuedOn), 'days').days)) : 0,
			}));
		});
	},
};

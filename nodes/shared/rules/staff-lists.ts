/**
 * The staff groups' lists (issue 19 item 3, RECORDS *Notifications*), pure: overdue work, a serious
 * complaint, the contract notices, the cash still held and the receivables — each item as the group
 * reads it, the keys that queue each once, and the summary line of a digest. No n8n, no SQL, no
 * clock: the caller gives the day, the zone and the signed links.
 */
import { DateTime } from 'luxon';
import type { OutboxMessage } from './outbox';
import type { StaffItem, StaffKind, StaffMessage } from './staff-message';
import { yuanGrouped } from './money';
import { staffTime, technicianText, whoText, type NewTicketFacts } from './outbox-messages';

/** The staff message an outbox row of the staff channel carries. */
export type StaffOutboxMessage = Extract<OutboxMessage, { channel: 'staff' }>;

/** The ISO week a day falls in, e.g. 2026-11-27 → 2026-W48 (the receivables list is weekly). */
export function isoWeekOf(day: string): string {
	const d = DateTime.fromISO(day);
	return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

// ——— overdue work (超时未完成) ———

/** An escalated ticket: what a new ticket's message shows, and its period. */
export interface OverdueFacts extends Omit<NewTicketFacts, 'id'> {
	/** The overdue period the ticket is escalated for (1 = when it first became overdue). */
	period: number;
}

/** The key of the overdue digest a ticket's escalation starts: one a ticket and period. */
export const overdueKey = (ticketNumber: string, period: number): string => `overdue:${ticketNumber}:${period}`;

/** One escalated ticket in the overdue list. */
export function overdueItem(t: OverdueFacts, zone: string, voucherLink?: string | null): StaffItem {
	return {
		ticket: t.ticketNumber,
		customer: whoText(t.customerName, t.contactPerson, t.phone),
		address: t.address,
		...(t.technician ? { technician: technicianText(t.technician) } : {}),
		due: staffTime(t.dueAt, zone),
		text: `${t.period > 1 ? `超时第 ${t.period} 次上报` : '已超时'}｜${t.siteSituation}`,
		...(voucherLink ? { link: voucherLink } : {}),
	};
}

// ——— a serious complaint (严重投诉) ———

export interface SeriousComplaintFacts {
	complaintNumber: string;
	ticketNumber?: string | null;
	orderNumber?: string | null;
	customerName: string;
	contactPerson?: string | null;
	phone?: string | null;
	address?: string | null;
	text: string;
	/** The day the reply is due (YYYY-MM-DD). */
	replyDueOn: string;
	technician?: { name: string; phone?: string | null } | null;
}

export const seriousComplaintKey = (complaintNumber: string): string => `serious-complaint:${complaintNumber}`;

/** The message for a serious complaint: one a complaint. */
export function seriousComplaintMessage(c: SeriousComplaintFacts): StaffOutboxMessage {
	const about = c.ticketNumber ?? c.orderNumber;
	return {
		key: seriousComplaintKey(c.complaintNumber),
		channel: 'staff',
		kind: 'serious-complaint',
		subject: `严重投诉 Serious complaint ${c.complaintNumber}`,
		payload: {
			kind: 'serious-complaint',
			items: [
				{
					ticket: about ? `${c.complaintNumber}（${about}）` : c.complaintNumber,
					customer: whoText(c.customerName, c.contactPerson, c.phone),
					...(c.address ? { address: c.address } : {}),
					...(c.technician ? { technician: technicianText(c.technician) } : {}),
					due: `${c.replyDueOn} 前答复`,
					text: c.text,
				},
			],
		},
	};
}

// ——— contract notices (合同通知) ———

/** The key of a scan day's contract list. */
export const contractNoticeKey = (day: string): string => `contract-notice:${day}`;

/** A contract the scan sent its expiry notice for. */
export function contractNoticedItem(n: {
	contractNo: string;
	customerName: string;
	endsOn: string;
	noticeNumber: string;
	customerEmail: string | null;
	/** The mobile the notice went to by SMS (no email on the file), if any. */
	customerSms?: string | null;
}): StaffItem {
	return {
		ticket: n.contractNo,
		customer: n.customerName,
		due: `${n.endsOn} 到期`,
		text: `新发保养到期通知书 ${n.noticeNumber}｜${n.customerEmail ? `邮件 ${n.customerEmail}` : n.customerSms ? `短信 ${n.customerSms}` : '客户无邮箱，请电话或寄送通知'}｜请安排续约洽谈`,
	};
}

/** A contract whose end passed with its renewal still open (已失效). */
export function contractLapsedItem(l: {
	contractNo: string;
	customerName: string;
	customerPhone: string | null;
	endsOn: string;
	noticeNumber: string;
}): StaffItem {
	return {
		ticket: l.contractNo,
		customer: whoText(l.customerName, null, l.customerPhone),
		due: `${l.endsOn} 已到期`,
		text: `已失效（到期未续约），通知书 ${l.noticeNumber}`,
	};
}

// ——— a digest that grows while it waits ———

/** The summary line of a list of `n` items. */
export const countSummary = (n: number): string => `共 ${n} 项`;

/** A digest of one item, to be queued under `key`. */
export function digestMessage(kind: StaffKind, key: string, subject: string, item: StaffItem): StaffOutboxMessage {
	return { key, channel: 'staff', kind, subject, payload: { kind, summary: countSummary(1), items: [item] } };
}

/** The waiting digest with one item more (null: it lists that item already). */
export function withItem(m: StaffMessage, item: StaffItem): StaffMessage | null {
	const items = m.items ?? [];
	if (items.some((x) => x.ticket === item.ticket && x.text === item.text)) return null;
	return { ...m, summary: countSummary(items.length + 1), items: [...items, item] };
}

// ——— cash still held (现金待交清单) ———

export interface CashHeldFacts {
	technician: { name: string; phone: string };
	totalFen: number;
	payments: Array<{ invoiceNumber: string; ticketNumber: string | null; customerName: string; amountFen: number; paidOn: string }>;
}

export const cashListKey = (day: string): string => `cash-list:${day}`;

/** The day's list of technicians still holding cash taken on site; null when nobody does. */
export function cashListMessage(day: string, held: CashHeldFacts[]): StaffOutboxMessage | null {
	if (!held.length) return null;
	const total = held.reduce((s, h) => s + h.totalFen, 0);
	return {
		key: cashListKey(day),
		channel: 'staff',
		kind: 'cash-list',
		subject: `现金待交清单 Cash held ${day}`,
		payload: {
			kind: 'cash-list',
			title: `现金待交清单 ${day}`,
			summary: `${held.length} 位技术员，合计 ${yuanGrouped(total)}`,
			items: held.map((h) => ({
				technician: technicianText(h.technician),
				amount: yuanGrouped(h.totalFen),
				text: h.payments
					.map((p) => [p.invoiceNumber, p.ticketNumber, p.customerName, yuanGrouped(p.amountFen), p.paidOn].filter(Boolean).join(' · '))
					.join('；'),
			})),
		},
	};
}

// ——— receivables (应收款清单) ———

export interface ReceivableFacts {
	invoiceNumber: string;
	customerName: string;
	ticketNumber: string | null;
	orderNumber: string | null;
	stage?: string | null;
	issuedOn: string;
	totalFen: number;
	balanceFen: number;
}

export const receivablesKey = (week: string): string => `receivables:${week}`;

/** Whole days from `issuedOn` to `today`. */
export function daysOutstanding(issuedOn: string, today: string): number {
	return Math.max(0, Math.round(DateTime.fromISO(today).diff(DateTime.fromISO(issuedOn), 'days').days));
}

/** The week's list of invoices not fully paid, oldest first (as given); null when nothing is owed. */
export function receivablesMessage(today: string, invoices: ReceivableFacts[], links: Record<string, string> = {}): StaffOutboxMessage | null {
	if (!invoices.length) return null;
	const week = isoWeekOf(today);
	const owed = invoices.reduce((s, i) => s + i.balanceFen, 0);
	return {
		key: receivablesKey(week),
		channel: 'staff',
		kind: 'receivables',
		subject: `应收款清单 Receivables ${week}`,
		payload: {
			kind: 'receivables',
			title: `应收款清单 ${week}`,
			summary: `共 ${invoices.length} 张，未收合计 ${yuanGrouped(owed)}`,
			items: invoices.map((i) => {
				const about = i.ticketNumber ?? (i.orderNumber ? [i.orderNumber, i.stage].filter(Boolean).join(' ') : '');
				return {
					ticket: i.invoiceNumber,
					customer: i.customerName,
					amount: `未收 ${yuanGrouped(i.balanceFen)}（合计 ${yuanGrouped(i.totalFen)}）`,
					text: [about, `${i.issuedOn} 开具`, `已 ${daysOutstanding(i.issuedOn, today)} 天`].filter(Boolean).join(' · '),
					...(links[i.invoiceNumber] ? { link: links[i.invoiceNumber] } : {}),
				};
			}),
		},
	};
}

/**
 * The staff groups' lists queued with the changes that cause them (issue 19 item 3): overdue work
 * when a ticket is marked escalated, a serious complaint when its notice is recorded, the contract
 * notices when the scan writes them, and the daily cash list and the weekly receivables when their
 * reads run. Each is called inside the change's (or the read's) own transaction; sending is the
 * outbox's business after the commit.
 */
import type { Trx } from '../store/schema';
import type { StaffMessage } from '../channels/markdown';
import { enqueueMessage } from '../store/registers/outbox';
import { changeWaitingPayload, newestWaitingKey } from '../store/registers/outbox-pending';
import { cashHeld } from '../store/registers/invoices';
import { listInvoices } from '../store/registers/invoices';
import { markEscalated } from '../store/registers/tickets';
import type { StaffItem, StaffKind } from '../rules/staff-message';
import {
	cashListMessage,
	contractLapsedItem,
	contractNoticeKey,
	contractNoticedItem,
	digestMessage,
	overdueItem,
	overdueKey,
	receivablesMessage,
	seriousComplaintMessage,
	withItem,
	type OverdueFacts,
	type SeriousComplaintFacts,
} from '../rules/staff-lists';
import { documentUrlSigner, signedDocumentUrl, type NoticeContext } from './outbox-producers';

/**
 * Puts `item` in a digest still waiting: the one under `into` when given, else the newest waiting
 * message of `kind`; when none waits (or a sender took it), a new digest is queued under `key`, and
 * when `key` is already taken, under `fallbackKey`. The caller calls this once per item, in the
 * transaction that records the item's change, so a retried run never lists an item twice. Answers
 * the key the item went under (null: it was listed already).
 */
export async function queueDigestItem(
	trx: Trx,
	d: { kind: StaffKind; subject: string; key: string; fallbackKey: string; into?: string; item: StaffItem },
	now: string,
): Promise<string | null> {
	const waiting = d.into ?? (await newestWaitingKey(trx, d.kind));
	if (waiting) {
		let listed = false;
		const added = await changeWaitingPayload<StaffMessage>(
			trx,
			waiting,
			(m) => {
				const next = withItem(m, d.item);
				listed = next === null;
				return next;
			},
			now,
		);
		if (added) return waiting;
		if (listed) return null;
	}
	for (const key of [d.key, d.fallbackKey]) {
		if (await enqueueMessage(trx, digestMessage(d.kind, key, d.subject, d.item), now)) return key;
	}
	return null;
}

/**
 * A ticket just marked escalated for `t.period`: into the overdue list waiting to go (one list a
 * run, as the run's marks come before its send), with the ticket's signed voucher link when the
 * node gave the address to sign it under.
 */
export async function queueOverdue(trx: Trx, t: OverdueFacts, now: string, o: NoticeContext): Promise<string | null> {
	const link = o.documentLinkBase ? await signedDocumentUrl(trx, `repairs/${t.ticketNumber}/documents/voucher`, o.documentLinkBase, now) : null;
	const key = overdueKey(t.ticketNumber, t.period);
	return await queueDigestItem(
		trx,
		{ kind: 'overdue', subject: '超时未完成 Overdue tickets', key, fallbackKey: `${key}:${now}`, item: overdueItem(t, o.zone, link) },
		now,
	);
}

/**
 * Marks a ticket escalated for overdue period `period` (P9) and, when this call marked it (not an
 * earlier or concurrent run), puts it in the overdue list — in the caller's transaction.
 */
export async function escalateTicket(
	trx: Trx,
	t: Omit<OverdueFacts, 'period'> & { id: number },
	period: number,
	actor: string,
	now: string,
	o: NoticeContext,
): Promise<boolean> {
	if (!(await markEscalated(trx, t.id, period, actor, now))) return false;
	await queueOverdue(trx, { ...t, period }, now, o);
	return true;
}

/** A serious complaint whose notice was just recorded: once a complaint. */
export async function queueSeriousComplaint(trx: Trx, c: SeriousComplaintFacts, now: string): Promise<boolean> {
	return await enqueueMessage(trx, seriousComplaintMessage(c), now);
}

/** A contract just noticed (or reported lapsed) by the scan of `day`: into that day's list. */
export async function queueContractNotice(
	trx: Trx,
	day: string,
	c: { noticed: Parameters<typeof contractNoticedItem>[0] } | { lapsed: Parameters<typeof contractLapsedItem>[0] },
	now: string,
): Promise<string | null> {
	const key = contractNoticeKey(day);
	const item = 'noticed' in c ? contractNoticedItem(c.noticed) : contractLapsedItem(c.lapsed);
	const which = 'noticed' in c ? `${c.noticed.contractNo}:notice` : `${c.lapsed.contractNo}:lapsed`;
	return await queueDigestItem(
		trx,
		{ kind: 'contract-notice', subject: `合同通知 Contracts ${day}`, key, into: key, fallbackKey: `${key}:${which}`, item },
		now,
	);
}

/** The day's cash list: every technician still holding cash taken on site; once a day, nothing when nobody holds any. */
export async function queueCashList(trx: Trx, day: string, now: string): Promise<boolean> {
	const m = cashListMessage(day, await cashHeld(trx));
	return m ? await enqueueMessage(trx, m, now) : false;
}

/**
 * The week's receivables: every invoice not fully paid, oldest first, each with its signed invoice
 * link when the node gave the address; once a week, nothing when nothing is owed.
 */
export async function queueReceivables(trx: Trx, today: string, now: string, documentLinkBase?: string | null): Promise<boolean> {
	const invoices = await listInvoices(trx, { status: ['issued'] });
	const links: Record<string, string> = {};
	if (documentLinkBase) {
		// One read of the store's secret for the whole list, not one per invoice.
		const sign = await documentUrlSigner(trx, documentLinkBase, now);
		for (const i of invoices) links[i.invoiceNumber] = sign(`invoices/${i.invoiceNumber}/document`);
	}
	const m = receivablesMessage(today, invoices, links);
	return m ? await enqueueMessage(trx, m, now) : false;
}

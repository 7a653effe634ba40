/**
 * Contract expiry (P13) as use cases: the scan the daily schedule runs — an expiry notice
 * (保养到期通知书, TZ-…) and a renewal negotiation task (续约洽谈) for each active contract whose
 * notice day has come, once per end date also when scans run at once; lapsed contracts reported
 * once — and the renewal, which makes the new contract and closes the task. Each contract noticed or
 * reported lapsed goes into the day's list for the staff groups (issue 19) in its own transaction.
 */
import { dayOf } from '../rules/dates';
import type { Store, Trx } from '../store/store';
import { DuplicateError, NotFoundError } from '../rules/errors';
import {
	DEFAULT_NOTICE_WINDOW_MONTHS,
	expiryDecision,
	expiryNoticeNumber,
	noticeFrom,
	noticeRange,
	renewalContractNo,
	renewalDates,
	renewalTaskOutcome,
	type RenewalBody,
} from '../rules/contract-expiry';
import { nextInSequence } from '../store/counters';
import { queueContractNotice } from './staff-lists';
import { findContract, insertRenewal, lockContract, markRenewed, type Contract } from '../store/registers/contracts';
import { findCustomer } from '../store/registers/customers';
import { queueExpirySms } from './outbox-producers';
import {
	closeTasksRenewed,
	contractsInNoticeRange,
	findNoticeFor,
	insertExpiryNotice,
	latestNoticeOf,
	lockContractForNotice,
	openTasksToSettle,
	settleTask,
	type ExpiryNotice,
} from '../store/registers/contract-notices';

export interface ExpiryOptions {
	now: string;
	/** The workflow's timezone: which day it is, the day of a notice's number. */
	zone: string;
	actor: string;
}

export interface NoticedContract {
	contractNo: string;
	customerName: string;
	endsOn: string;
	noticeNumber: string;
	/** The customer's email address (null: none — the manager's list says so). */
	customerEmail: string | null;
	/** The mobile the notice went to by SMS (no email, a mainland mobile on the customer file), else null. */
	customerSms: string | null;
	noticedOn: string;
}

export interface LapsedContract {
	contractNo: string;
	customerName: string;
	customerPhone: string | null;
	endsOn: string;
	noticeNumber: string;
}

export interface ExpiryScanResult {
	/** The day the scan ran for, and the end dates it noticed. */
	today: string;
	range: { from: string; to: string };
	noticed: NoticedContract[];
	/** Contracts in the range already noticed for their end date (by an earlier or a concurrent scan). */
	alreadyNoticed: number;
	/** Contracts whose end passed with the renewal task still open: reported by this scan only. */
	lapsed: LapsedContract[];
}

type NoticeOutcome = { noticed: NoticedContract } | 'already' | 'skip';

async function noticeOne(store: Store, contractId: number, today: string, windowMonths: number, o: ExpiryOptions): Promise<NoticeOutcome> {
	return await store.transaction(async (trx) => {
		// The contract row is locked (PostgreSQL; SQLite holds the write lock): a concurrent scan
		// waits here and then sees this one's notice.
		const k = await lockContractForNotice(trx, contractId);
		if (!k) return 'skip';
		if (await findNoticeFor(trx, k.id, k.endsOn)) return 'already';
		if (expiryDecision(k, today, windowMonths) !== 'notice') return 'skip';
		const notice = await insertExpiryNotice(
			trx,
			{
				noticeNumber: expiryNoticeNumber(today, await nextInSequence(trx, 'expiry-notice', today)),
				contractId: k.id,
				endsOn: k.endsOn,
				noticedOn: today,
				email: k.customerEmail?.trim() || null,
			},
			o.actor,
			o.now,
		);
		// No email on the customer file, a mainland mobile: the notice goes by SMS, queued with it (issue 19).
		const customerSms = await queueExpirySms(
			trx,
			{ contractNo: k.contractNo, noticedOn: today, endsOn: k.endsOn, customerName: k.customerName, contactPerson: k.customerContactPerson },
			{ email: k.customerEmail, phone: k.customerPhone },
			o.now,
		);
		const noticed: NoticedContract = {
			contractNo: k.contractNo,
			customerName: k.customerName,
			endsOn: k.endsOn,
			noticeNumber: notice.noticeNumber,
			customerEmail: notice.email,
			customerSms,
			noticedOn: today,
		};
		// Into the day's list for the staff groups (issue 19), with the notice: once a notice.
		await queueContractNotice(trx, today, { noticed }, o.now);
		return { noticed };
	});
}

/**
 * The expiry scan: every active contract ending from today through the window's reach gets its
 * notice and renewal task unless it has one for that end date; each in its own transaction, so a
 * long register does not hold the store. Then the open tasks are settled: renewed or cancelled
 * contracts close theirs, and a contract whose end passed unrenewed is reported lapsed — once.
 */
export async function scanExpiringContracts(store: Store, o: ExpiryOptions & { windowMonths?: number }): Promise<ExpiryScanResult> {
	const windowMonths = o.windowMonths ?? DEFAULT_NOTICE_WINDOW_MONTHS;
	const today = dayOf(o.now, o.zone);
	const range = noticeRange(today, windowMonths);
	const candidates = await store.transaction(async (trx) => await contractsInNoticeRange(trx, range.from, range.to));
	const noticed: NoticedContract[] = [];
	let alreadyNoticed = 0;
	for (const c of candidates) {
		if (c.noticeId !== null) {
			alreadyNoticed++;
			continue;
		}
		let outcome: NoticeOutcome;
		try {
			outcome = await noticeOne(store, c.id, today, windowMonths, o);
		} catch (error) {
			// The unique (contract, end date) refused a second notice: another scan made it.
			if (!(error instanceof DuplicateError)) throw error;
			outcome = 'already';
		}
		if (outcome === 'already') alreadyNoticed++;
		else if (outcome !== 'skip') noticed.push(outcome.noticed);
	}
	const lapsed = await store.transaction(async (trx) => {
		const out: LapsedContract[] = [];
		for (const t of await openTasksToSettle(trx, today)) {
			const outcome = renewalTaskOutcome({ status: t.contractStatus, endsOn: t.endsOn }, t.endsOn, today);
			if (outcome === 'open') continue;
			const moved = await settleTask(trx, t.id, outcome, o.now);
			if (moved && outcome === 'lapsed') {
				const lapsed: LapsedContract = {
					contractNo: t.contractNo,
					customerName: t.customerName,
					customerPhone: t.customerPhone,
					endsOn: t.endsOn,
					noticeNumber: t.noticeNumber,
				};
				await queueContractNotice(trx, today, { lapsed }, o.now);
				out.push(lapsed);
			}
		}
		return out;
	});
	return { today, range, noticed, alreadyNoticed, lapsed };
}

async function lockedContract(trx: Trx, contractNo: string): Promise<Contract> {
	const found = await findContract(trx, { contractNo });
	if (!found) throw new NotFoundError(`No contract "${contractNo}" is in the contract register (合同登记)`, 'contractNo');
	await lockContract(trx, found.id);
	return (await findContract(trx, { id: found.id }))!;
}

/**
 * Renews a contract: the new contract (number derived: old number + "-R1", or the next "-Rn")
 * from the day after the old one ends unless `startsOn` is given, the same kind, customer and
 * parts terms, the fees given or the old ones; the old contract `renewed`; its renewal task
 * closed. Two renewals at once: the second is refused (already renewed).
 */
export async function renewContract(
	store: Store,
	contractNo: string,
	body: RenewalBody,
	o: ExpiryOptions,
): Promise<{ contract: Contract; renewed: Contract }> {
	return await store.transaction(async (trx) => {
		const old = await lockedContract(trx, contractNo);
		const terms = renewalDates(old, body.startsOn, body.endsOn);
		let newNo = renewalContractNo(old.contractNo);
		while (await findContract(trx, { contractNo: newNo })) newNo = renewalContractNo(newNo);
		const id = await insertRenewal(
			trx,
			old,
			newNo,
			terms,
			{ feeFen: body.feeFen ?? old.feeFen, visitFeeFen: body.visitFeeFen ?? old.visitFeeFen },
			o.now,
		);
		await markRenewed(trx, old.id, o.now);
		await closeTasksRenewed(trx, old.id, id, o.now);
		return { contract: (await findContract(trx, { id }))!, renewed: (await findContract(trx, { id: old.id }))! };
	});
}

/** What the expiry notice page shows: the contract, its customer, and its latest notice (if any). */
export interface ExpiryNoticeView {
	contract: Contract;
	customer: { name: string; contactPerson: string | null; phone: string | null; address: string | null };
	notice: ExpiryNotice;
}

export async function expiryNoticeOf(store: Store, contractNo: string): Promise<ExpiryNoticeView> {
	return await store.transaction(async (trx) => {
		const contract = await findContract(trx, { contractNo });
		if (!contract) throw new NotFoundError(`No contract "${contractNo}" is in the contract register (合同登记)`, 'contractNo');
		const customer = (await findCustomer(trx, { id: contract.customerId }))!;
		const notice = await latestNoticeOf(trx, contract.id);
		if (!notice)
			throw new NotFoundError(
				`Contract ${contract.contractNo} has no expiry notice (保养到期通知书) yet; the expiry scan makes one from ${noticeFrom(contract.endsOn)} (a month before it ends)`,
				'contractNo',
			);
		return { contract, customer, notice };
	});
}

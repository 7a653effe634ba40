/**
 * The service board's contracts section (P13): the contracts with an expiry notice out
 * (保养到期通知书) and their renewal task (续约洽谈), read in the board's transaction.
 */
import type { Trx } from '../store/store';

/** One row: the shape of `contractsWithNoticeOut(trx, now)` in `store/registers/contract-notices.ts`. */
export interface BoardContractNotice {
	contractNo: string;
	customerName: string;
	customerPhone: string | null;
	endsOn: string;
	noticeNumber: string;
	noticedOn: string;
	taskStatus: string;
}

/** Reads the contracts with a notice out, in the board's transaction. */
export type ContractNoticeLoader = (trx: Trx, now: string) => Promise<BoardContractNotice[]>;

/** Until the contract notices register is merged there are none; then this line re-exports `contractsWithNoticeOut`. */
export const loadContractsWithNoticeOut: ContractNoticeLoader = async () => [];

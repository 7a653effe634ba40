/**
 * The service board's contracts section (P13): the contracts with an expiry notice out
 * (保养到期通知书) and their renewal task (续约洽谈), read in the board's transaction.
 */
import { contractsWithNoticeOut, type ContractWithNoticeOut } from '../store/registers/contract-notices';
import type { Trx } from '../store/schema';

/** One row: the shape of `contractsWithNoticeOut(trx, now)` in `store/registers/contract-notices.ts` (a loader may give any task status). */
export type BoardContractNotice = Omit<ContractWithNoticeOut, 'taskStatus'> & { taskStatus: string };

/** Reads the contracts with a notice out, in the board's transaction. */
export type ContractNoticeLoader = (trx: Trx, now: string) => Promise<BoardContractNotice[]>;

/** The contracts with an expiry notice out and an open renewal task (P13), from the contract notices register. */
export const loadContractsWithNoticeOut: ContractNoticeLoader = contractsWithNoticeOut;

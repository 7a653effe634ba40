/**
 * The PostgreSQL advisory locks the store takes, in one place so that no two share an id.
 * SQLite needs none: every transaction holds the file's write lock (BEGIN IMMEDIATE).
 */
import { sql } from 'kysely';
import type { Trx } from './schema';
import { isPostgres } from './registers/common';

export const ADVISORY_LOCKS = {
	/** Migrations: two processes starting at once apply each migration once. */
	migrations: 74_119_301,
	/** Dispatch runs and cancellations: no technician over capacity, no ticket dispatched twice. */
	dispatch: 74_119_302,
	/** Reports sent from a unit's label (扫码报修), with the unit's id as second key: the rate limit per unit holds. */
	scanReports: 74_119_310,
	/** The monthly periodic follow-up run (定期回访): two runs at once number and list each unit once. */
	periodicFollowUp: 74_119_327,
} as const;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;

/** Holds `lock` until the transaction ends (PostgreSQL); on SQLite the write lock already serialises. */
export async function holdLock(trx: Trx, lock: AdvisoryLock): Promise<void> {
	if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS[lock]})`.execute(trx);
}

/** Holds `lock` for one record (`id`) until the transaction ends (PostgreSQL); SQLite's write lock already serialises. */
export async function holdLockOn(trx: Trx, lock: AdvisoryLock, id: number): Promise<void> {
	if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS[lock]}::integer, ${id}::integer)`.execute(trx);
}

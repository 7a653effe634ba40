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
} as const;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;

/** Holds `lock` until the transaction ends (PostgreSQL); on SQLite the write lock already serialises. */
export async function holdLock(trx: Trx, lock: AdvisoryLock): Promise<void> {
	if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS[lock]})`.execute(trx);
}

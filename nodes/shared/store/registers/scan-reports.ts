/**
 * Reports sent from a unit's QR label (扫码报修): one row per idempotency key, counted per unit
 * for the rate limit. Callers hold the unit's lock (locks.ts, `scanReports`) around count and insert.
 */
import type { Trx } from '../schema';
import { holdLockOn } from '../locks';

/** Serialises the reports of one unit until the transaction ends. */
export async function lockUnitReports(trx: Trx, installationId: number): Promise<void> {
	await holdLockOn(trx, 'scanReports', installationId);
}

export async function scanReportExists(trx: Trx, idempotencyKey: string): Promise<boolean> {
	const row = await trx.selectFrom('scanReports').select('id').where('idempotencyKey', '=', idempotencyKey).executeTakeFirst();
	return row !== undefined;
}

/** How many reports the unit has had since `since` (an ISO instant). */
export async function countScanReportsSince(trx: Trx, installationId: number, since: string): Promise<number> {
	const row = await trx
		.selectFrom('scanReports')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('installationId', '=', installationId)
		.where('reportedAt', '>', since)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

export async function insertScanReport(trx: Trx, row: { installationId: number; idempotencyKey: string; reportedAt: string }): Promise<void> {
	await trx.insertInto('scanReports').values(row).execute();
}

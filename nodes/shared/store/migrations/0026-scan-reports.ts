import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

/**
 * Scan to report (扫码报修, issue 17 item 5): each report a customer sends from a unit's QR label,
 * counted per unit so that the rate limit holds across n8n processes and queue-mode workers. The
 * idempotency key is unique: the same report sent twice is one row (and one ticket).
 */
export const migration: Migration = {
	version: 26,
	name: 'scan to report: reports sent from a unit label, for the rate limit',
	async up(db, backend) {
		await sql`create table scan_reports (
			id ${idColumn(backend)},
			installation_id integer not null references installations (id),
			idempotency_key text not null constraint ux_scan_reports_key unique,
			reported_at text not null
		)`.execute(db);
		await sql`create index ix_scan_reports_unit on scan_reports (installation_id, reported_at)`.execute(db);
	},
};

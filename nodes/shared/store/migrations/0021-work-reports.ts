import { sql } from 'kysely';
import type { Migration } from './migration';

/**
 * Work reports (P10, P11): the work log (技术员工作日报表's lines) also holds internal D work
 * logged without a ticket (`ticket_id` null, `kind` inspection / parts / tools / training), with
 * its notes and who entered it; the reports read it by day, so an index on the day.
 */
export const migration: Migration = {
	version: 21,
	name: 'work reports: notes and entry of D work in the work log, index by day',
	async up(db) {
		await sql`alter table work_log add column notes text`.execute(db);
		await sql`alter table work_log add column created_by text`.execute(db);
		await sql`create index ix_work_log_day on work_log (worked_on)`.execute(db);
	},
};

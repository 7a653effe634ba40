import { sql } from 'kysely';
import type { Migration } from './migration';

/**
 * Indexes a year of data asks for (issue 21 item 3, `npm run bench`'s year): the board counts
 * today's dispatched jobs per technician (`jobsOn`: `dispatched_on = today`), which the index on
 * (technician_id, dispatched_on) cannot serve by its second column — without this one, every
 * board and every dispatch run read the whole tickets table.
 */
export const migration: Migration = {
	version: 32,
	name: 'index tickets by dispatch day',
	async up(db) {
		await sql`create index if not exists ix_tickets_dispatched_on on tickets (dispatched_on)`.execute(db);
	},
};

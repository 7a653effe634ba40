import { sql } from 'kysely';
import type { Migration } from './migration';

export const migration: Migration = {
	version: 22,
	name: 'repair corrections: completion date agreed at take-back (P9), replaced installations',
	async up(db) {
		// P9: the completion date agreed with the customer when the product was taken back.
		await sql`alter table tickets add column promised_by text`.execute(db);
		// Visit outcome "replaced" (更换设备): the old unit stays in the register, pointing to its replacement.
		await sql`alter table installations add column replaced_by_id integer references installations (id)`.execute(db);
		await sql`alter table installations add column replaced_on text`.execute(db);
		await sql`alter table installations add column replaced_by_ticket_id integer references tickets (id)`.execute(db);
		await sql`alter table tickets add column replacement_installation_id integer references installations (id)`.execute(db);
		// P12 reconciliation: finished tickets whose voucher has not come back (status, signing time).
		await sql`create index ix_tickets_status_signed on tickets (status, signed_at)`.execute(db);
	},
};

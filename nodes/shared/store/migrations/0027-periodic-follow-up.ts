import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

/**
 * Periodic follow-up (定期回访, issue 18 item 1): the calls the monthly run lists for the desk,
 * one per installation a period (the run's month) — the unique key holds it under two runs at
 * once on either backend — with the call's result, the customer's opinion and the repair ticket
 * a fault opened.
 */
export const migration: Migration = {
	version: 27,
	name: 'periodic follow-up: the calls listed each month and their results',
	async up(db, backend) {
		await sql`create table periodic_follow_ups (
			id ${idColumn(backend)},
			follow_up_number text not null constraint ux_periodic_follow_ups_number unique,
			installation_id integer not null references installations (id),
			period text not null,
			listed_on text not null,
			last_contact_on text not null,
			last_contact_kind text not null,
			due_on text not null,
			interval_months integer not null,
			result text constraint ck_periodic_follow_ups_result check (result in ('normal', 'fault', 'unreachable')),
			opinion text,
			site_situation text,
			ticket_id integer references tickets (id),
			called_at text,
			called_by text,
			created_by text not null,
			created_at text not null,
			updated_at text not null,
			constraint ux_periodic_follow_ups_unit_period unique (installation_id, period)
		)`.execute(db);
		await sql`create index ix_periodic_follow_ups_called on periodic_follow_ups (called_at)`.execute(db);
		await sql`create index ix_periodic_follow_ups_open on periodic_follow_ups (result, listed_on)`.execute(db);
	},
};

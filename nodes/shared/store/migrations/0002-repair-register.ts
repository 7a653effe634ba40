import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

export const migration: Migration = {
	version: 2,
	name: 'repair register: tickets, their audit trail, daily counters',
	async up(db, backend) {
		const ID = idColumn(backend);
		await sql`create table counters (
			name text not null,
			day text not null,
			value integer not null,
			primary key (name, day)
		)`.execute(db);
		await sql`create table tickets (
			id ${ID},
			ticket_number text not null constraint ux_tickets_number unique,
			voucher_number text not null constraint ux_tickets_voucher unique,
			customer_id integer not null references customers (id),
			contact_person text,
			phone text not null,
			address text not null,
			site_situation text not null,
			reported_at text not null,
			report_date text not null,
			serial_no text,
			contract_no text,
			skill text,
			customer_type text not null,
			category text not null constraint ck_tickets_category check (category in ('A', 'B', 'C', 'D')),
			basis text not null,
			due_at text not null,
			status text not null,
			technician_id integer references technicians (id),
			dispatched_at text,
			dispatched_on text,
			dispatch_score text,
			idempotency_key text constraint ux_tickets_idempotency unique,
			escalated_period integer not null default 0,
			created_at text not null,
			updated_at text not null
		)`.execute(db);
		await sql`create index ix_tickets_status on tickets (status)`.execute(db);
		await sql`create index ix_tickets_technician_day on tickets (technician_id, dispatched_on)`.execute(db);
		await sql`create index ix_tickets_customer on tickets (customer_id)`.execute(db);
		await sql`create table ticket_events (
			id ${ID},
			ticket_id integer not null references tickets (id),
			action text not null,
			from_status text,
			to_status text not null,
			actor text not null,
			at text not null,
			details text not null default '{}'
		)`.execute(db);
		await sql`create index ix_ticket_events_ticket on ticket_events (ticket_id)`.execute(db);
	},
};

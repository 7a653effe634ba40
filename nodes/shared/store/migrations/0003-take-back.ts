import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

export const migration: Migration = {
	version: 3,
	name: 'take-back repairs: product receipts, in/out register, repair cards, work log',
	async up(db, backend) {
		const ID = idColumn(backend);
		await sql`create table product_receipts (
			id ${ID},
			receipt_number text not null constraint ux_product_receipts_number unique,
			ticket_id integer not null constraint ux_product_receipts_ticket unique references tickets (id),
			product text not null,
			serial_no text,
			accessories text,
			taken_on text not null,
			customer_signature text,
			voided_at text,
			created_at text not null
		)`.execute(db);
		await sql`create table product_movements (
			id ${ID},
			ticket_id integer not null references tickets (id),
			receipt_id integer not null references product_receipts (id),
			direction text not null constraint ck_product_movements_direction check (direction in ('in', 'out')),
			moved_on text not null,
			note text,
			created_at text not null,
			constraint ux_product_movements_once unique (receipt_id, direction)
		)`.execute(db);
		await sql`create table repair_cards (
			id ${ID},
			card_number text not null constraint ux_repair_cards_number unique,
			ticket_id integer not null constraint ux_repair_cards_ticket unique references tickets (id),
			inspected_by text,
			inspected_at text,
			created_at text not null
		)`.execute(db);
		await sql`create table repair_work (
			id ${ID},
			card_id integer not null references repair_cards (id),
			technician_id integer references technicians (id),
			worked_on text not null,
			minutes integer not null constraint ck_repair_work_minutes check (minutes > 0),
			description text,
			created_at text not null
		)`.execute(db);
		await sql`create table repair_parts (
			id ${ID},
			card_id integer not null references repair_cards (id),
			part text not null,
			quantity integer not null constraint ck_repair_parts_quantity check (quantity > 0),
			created_at text not null
		)`.execute(db);
		await sql`create table work_log (
			id ${ID},
			technician_id integer not null references technicians (id),
			ticket_id integer references tickets (id),
			worked_on text not null,
			category text not null,
			minutes integer not null constraint ck_work_log_minutes check (minutes > 0),
			kind text not null,
			created_at text not null
		)`.execute(db);
		await sql`create index ix_work_log_technician_day on work_log (technician_id, worked_on)`.execute(db);
		await sql`alter table tickets add column solution text`.execute(db);
		await sql`alter table tickets add column customer_signature text`.execute(db);
		await sql`alter table tickets add column signed_at text`.execute(db);
		await sql`alter table tickets add column closed_at text`.execute(db);
		await sql`alter table tickets add column voucher_archived_at text`.execute(db);
		await sql`alter table tickets add column cancel_reason text`.execute(db);
		await sql`alter table tickets add column returned_on text`.execute(db);
	},
};

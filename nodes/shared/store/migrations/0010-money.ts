import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

export const migration: Migration = {
	version: 10,
	name: 'money: priced parts, on-site collection, invoices with lines and payments, liaison letters, contracts that include parts',
	async up(db, backend) {
		const ID = idColumn(backend);
		await sql`alter table contracts add column parts_included integer not null default 0`.execute(db);
		// The per-visit fee judged at intake, kept with the ticket; what the technician collected on site (P5).
		await sql`alter table tickets add column visit_fee_fen bigint`.execute(db);
		await sql`alter table tickets add column collected_fen bigint`.execute(db);
		await sql`alter table tickets add column payment_method text`.execute(db);
		await sql`alter table tickets add column collected_at text`.execute(db);
		await sql`alter table repair_parts add column unit_price_fen bigint`.execute(db);
		await sql`create table visit_parts (
			id ${ID},
			ticket_id integer not null references tickets (id),
			part text not null,
			quantity integer not null constraint ck_visit_parts_quantity check (quantity > 0),
			unit_price_fen bigint constraint ck_visit_parts_price check (unit_price_fen >= 0),
			created_at text not null
		)`.execute(db);
		await sql`create index ix_visit_parts_ticket on visit_parts (ticket_id)`.execute(db);
		await sql`create table invoices (
			id ${ID},
			invoice_number text not null constraint ux_invoices_number unique,
			source_kind text not null constraint ck_invoices_source_kind check (source_kind in ('ticket', 'order-stage')),
			source_key text not null,
			ticket_id integer references tickets (id),
			order_number text,
			order_stage text,
			customer_id integer references customers (id),
			customer_name text not null,
			category text,
			issued_on text not null,
			issued_at text not null,
			issued_by text not null,
			total_fen bigint not null constraint ck_invoices_total check (total_fen >= 0),
			paid_fen bigint not null default 0,
			status text not null constraint ck_invoices_status check (status in ('issued', 'paid', 'void')),
			collected_on_site integer not null default 0,
			void_reason text,
			voided_at text,
			voided_by text,
			replaces_invoice_id integer references invoices (id),
			fapiao_number text,
			fapiao_recorded_at text,
			created_at text not null,
			updated_at text not null,
			constraint ck_invoices_paid check (paid_fen >= 0 and paid_fen <= total_fen)
		)`.execute(db);
		// One live invoice per ticket or order stage; a void one leaves room for its replacement.
		await sql`create unique index ux_invoices_source on invoices (source_key) where status <> 'void'`.execute(db);
		await sql`create index ix_invoices_status on invoices (status, issued_on)`.execute(db);
		await sql`create index ix_invoices_ticket on invoices (ticket_id)`.execute(db);
		await sql`create table invoice_lines (
			id ${ID},
			invoice_id integer not null references invoices (id),
			line_no integer not null,
			kind text not null,
			description text not null,
			quantity integer not null constraint ck_invoice_lines_quantity check (quantity > 0),
			unit_fen bigint not null constraint ck_invoice_lines_unit check (unit_fen >= 0),
			amount_fen bigint not null,
			constraint ck_invoice_lines_amount check (amount_fen = quantity * unit_fen),
			constraint ux_invoice_lines_no unique (invoice_id, line_no)
		)`.execute(db);
		await sql`create table payments (
			id ${ID},
			invoice_id integer not null references invoices (id),
			amount_fen bigint not null constraint ck_payments_amount check (amount_fen > 0),
			method text not null constraint ck_payments_method check (method in ('cash', 'wechat', 'alipay', 'bank-transfer', 'card')),
			paid_at text not null,
			paid_on text not null,
			recorded_by text not null,
			note text,
			on_site integer not null default 0,
			technician_id integer references technicians (id),
			handed_over_at text,
			handed_over_by text,
			moved_from_invoice_id integer references invoices (id),
			created_at text not null
		)`.execute(db);
		await sql`create index ix_payments_invoice on payments (invoice_id)`.execute(db);
		await sql`create index ix_payments_held on payments (technician_id, handed_over_at)`.execute(db);
		await sql`create table liaison_letters (
			id ${ID},
			letter_number text not null constraint ux_liaison_letters_number unique,
			ticket_id integer not null constraint ux_liaison_letters_ticket unique references tickets (id),
			issued_on text not null,
			subject text not null,
			confirmed_by text,
			confirmed_at text,
			feedback text,
			created_at text not null
		)`.execute(db);
	},
};

import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

/**
 * Invoices of a tile order's stages (T8, T11): a settlement invoice credits returned tiles on a
 * line of its own, a negative amount (kind `return`, amount = −quantity × unit price). Every
 * other line stays as it was: amount = quantity × unit price, unit price never negative.
 * PostgreSQL swaps the CHECK; SQLite cannot alter a CHECK, so the table is rebuilt with its rows.
 */
export const migration: Migration = {
	version: 11,
	name: 'order invoices: a returned-tiles line is a credit (negative amount)',
	async up(db, backend) {
		if (backend === 'postgres') {
			await sql`alter table invoice_lines drop constraint ck_invoice_lines_amount`.execute(db);
			await sql`alter table invoice_lines add constraint ck_invoice_lines_amount check (amount_fen = quantity * unit_fen or (kind = 'return' and amount_fen = -(quantity * unit_fen)))`.execute(
				db,
			);
			return;
		}
		await sql`create table invoice_lines_0011 (
			id ${idColumn(backend)},
			invoice_id integer not null references invoices (id),
			line_no integer not null,
			kind text not null,
			description text not null,
			quantity integer not null constraint ck_invoice_lines_quantity check (quantity > 0),
			unit_fen bigint not null constraint ck_invoice_lines_unit check (unit_fen >= 0),
			amount_fen bigint not null,
			constraint ck_invoice_lines_amount check (amount_fen = quantity * unit_fen or (kind = 'return' and amount_fen = -(quantity * unit_fen))),
			constraint ux_invoice_lines_no unique (invoice_id, line_no)
		)`.execute(db);
		await sql`insert into invoice_lines_0011 (id, invoice_id, line_no, kind, description, quantity, unit_fen, amount_fen)
			select id, invoice_id, line_no, kind, description, quantity, unit_fen, amount_fen from invoice_lines`.execute(db);
		await sql`drop table invoice_lines`.execute(db);
		await sql`alter table invoice_lines_0011 rename to invoice_lines`.execute(db);
	},
};

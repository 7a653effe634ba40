/**
 * Numbered migrations, applied in order on first use of a store. All of them run in one
 * transaction that holds the store's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
 * advisory transaction lock), so two processes starting at once apply each migration once.
 * Later issues add migrations at the end of the list; never edit one that has shipped.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { Backend } from './config';

export interface Migration {
	version: number;
	name: string;
	up(db: Kysely<Database>, backend: Backend): Promise<void>;
}

/** Arbitrary constant: the PostgreSQL advisory lock that guards migrations. */
const MIGRATION_LOCK = 74_119_301;

function id(backend: Backend) {
	return backend === 'postgres' ? sql`serial primary key` : sql`integer primary key autoincrement`;
}

export const MIGRATIONS: Migration[] = [
	{
		version: 1,
		name: 'registers: customers, installations, contracts, technicians, tile models with stock',
		async up(db, backend) {
			const ID = id(backend);
			await sql`create table customers (
				id ${ID},
				code text not null constraint ux_customers_code unique,
				name text not null,
				contact_person text,
				phone text,
				address text,
				notes text,
				archived integer not null default 0,
				archived_at text,
				created_at text not null,
				updated_at text not null
			)`.execute(db);
			await sql`create unique index ux_customers_name_phone on customers (name, phone)`.execute(db);
			await sql`create index ix_customers_phone on customers (phone)`.execute(db);
			await sql`create table installations (
				id ${ID},
				serial_no text not null constraint ux_installations_serial_no unique,
				customer_id integer not null references customers (id),
				description text not null,
				completed_on text not null,
				warranty_until text not null,
				created_at text not null,
				updated_at text not null,
				constraint ck_installations_warranty check (warranty_until >= completed_on)
			)`.execute(db);
			await sql`create index ix_installations_customer on installations (customer_id)`.execute(db);
			await sql`create table contracts (
				id ${ID},
				contract_no text not null constraint ux_contracts_contract_no unique,
				customer_id integer not null references customers (id),
				kind text not null constraint ck_contracts_kind check (kind in ('annual', 'per-visit')),
				starts_on text not null,
				ends_on text not null,
				fee_fen bigint not null default 0 constraint ck_contracts_fee check (fee_fen >= 0),
				visit_fee_fen bigint not null default 0 constraint ck_contracts_visit_fee check (visit_fee_fen >= 0),
				status text not null default 'active' constraint ck_contracts_status check (status in ('active', 'cancelled', 'renewed')),
				created_at text not null,
				updated_at text not null,
				constraint ck_contracts_period check (ends_on >= starts_on)
			)`.execute(db);
			await sql`create index ix_contracts_customer on contracts (customer_id)`.execute(db);
			await sql`create index ix_contracts_ends_on on contracts (ends_on)`.execute(db);
			await sql`create table technicians (
				id ${ID},
				name text not null,
				phone text not null constraint ux_technicians_phone unique,
				email text,
				skills text not null default '[]',
				areas text not null default '[]',
				daily_capacity integer not null default 8 constraint ck_technicians_capacity check (daily_capacity >= 1),
				active integer not null default 1,
				deactivated_at text,
				created_at text not null,
				updated_at text not null
			)`.execute(db);
			await sql`create table tile_models (
				id ${ID},
				model_code text not null constraint ux_tile_models_model_code unique,
				name text not null,
				width_mm integer not null,
				height_mm integer not null,
				thickness_mm integer,
				pieces_per_box integer not null constraint ck_tile_models_pieces check (pieces_per_box >= 1),
				box_weight_g integer not null,
				price_per_box_fen bigint not null constraint ck_tile_models_price check (price_per_box_fen >= 0),
				boxes_on_hand integer not null default 0 constraint ck_tile_models_on_hand check (boxes_on_hand >= 0),
				boxes_reserved integer not null default 0 constraint ck_tile_models_reserved check (boxes_reserved >= 0 and boxes_reserved <= boxes_on_hand),
				created_at text not null,
				updated_at text not null
			)`.execute(db);
			await sql`create table stock_movements (
				id ${ID},
				tile_model_id integer not null references tile_models (id),
				delta integer not null,
				reason text not null,
				balance_after integer not null,
				created_at text not null
			)`.execute(db);
			await sql`create index ix_stock_movements_model on stock_movements (tile_model_id)`.execute(db);
		},
	},
	{
		version: 2,
		name: 'repair register: tickets, their audit trail, daily counters',
		async up(db, backend) {
			const ID = id(backend);
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
	},
	{
		version: 3,
		name: 'take-back repairs: product receipts, in/out register, repair cards, work log',
		async up(db, backend) {
			const ID = id(backend);
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
	},
];

/** Applies the migrations not yet applied; returns the versions it applied. */
export async function migrate(
	transaction: <T>(fn: (trx: Transaction<Database>) => Promise<T>) => Promise<T>,
	backend: Backend,
	schema: string | undefined,
	now: () => string,
	migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
	return await transaction(async (trx) => {
		if (backend === 'postgres') {
			await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
			// Only when it is missing: even CREATE SCHEMA IF NOT EXISTS needs the right to create
			// schemas in the database, which a user given one schema by the DBA does not have.
			if (schema && (await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(trx)).rows.length === 0) {
				// sql.raw, not sql.id: the camel-case plugin would rewrite AfterSales as after_sales (the name is checked in config.ts).
				await sql`create schema ${sql.raw(`"${schema}"`)}`.execute(trx);
			}
		}
		await sql`create table if not exists schema_migrations (
			version integer primary key,
			name text not null,
			applied_at text not null
		)`.execute(trx);
		const done = new Set((await trx.selectFrom('schemaMigrations').select('version').execute()).map((r) => Number(r.version)));
		const applied: number[] = [];
		for (const m of migrations) {
			if (done.has(m.version)) continue;
			await m.up(trx, backend);
			await trx.insertInto('schemaMigrations').values({ version: m.version, name: m.name, appliedAt: now() }).execute();
			applied.push(m.version);
		}
		if (backend === 'sqlite' && applied.length > 0) {
			// SQLite migrates with foreign keys off (see Store.open): check every reference before commit.
			const broken = (await sql`pragma foreign_key_check`.execute(trx)).rows;
			if (broken.length > 0) throw new Error(`A migration left ${broken.length} broken reference(s), e.g. ${JSON.stringify(broken[0])}; nothing was changed`);
		}
		return applied;
	});
}

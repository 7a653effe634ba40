import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

export const migration: Migration = {
	version: 1,
	name: 'registers: customers, installations, contracts, technicians, tile models with stock',
	async up(db, backend) {
		const ID = idColumn(backend);
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
};

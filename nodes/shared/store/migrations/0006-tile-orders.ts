import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

const STATUSES = [
	'signed',
	'measured',
	'stock-prepared',
	'processing-sent',
	'processed',
	'paid',
	'delivered',
	'installing',
	'settled',
	'completed',
	'cancelled',
];

/** Tile orders (T1–T12): the order, its lines, reservations, processing sheet, payments, delivery, secondary items, audit trail. */
export const migration: Migration = {
	version: 6,
	name: 'tile orders: lines, reservations, processing, payments, delivery, secondary items, events',
	async up(db, backend) {
		const ID = idColumn(backend);
		await sql`create table tile_orders (
			id ${ID},
			order_number text not null constraint ux_tile_orders_number unique,
			order_day text not null,
			customer_id integer not null references customers (id),
			customer_name text not null,
			contact_person text,
			phone text not null,
			email text,
			address text not null,
			deposit_fen bigint not null constraint ck_tile_orders_deposit check (deposit_fen >= 0),
			processing integer not null default 0,
			installer_name text,
			installer_phone text,
			notes text,
			status text not null constraint ck_tile_orders_status check (status in (${sql.raw(STATUSES.map((s) => `'${s}'`).join(', '))})),
			idempotency_key text constraint ux_tile_orders_idempotency unique,
			appointment_at text,
			key_holder_name text,
			key_holder_phone text,
			appointment_notes text,
			measured_at text,
			measured_by text,
			stock_prepared_at text,
			factory text,
			factory_email text,
			processing_sent_at text,
			processing_completion_date text,
			processing_fee_fen bigint constraint ck_tile_orders_processing_fee check (processing_fee_fen >= 0),
			processing_confirmed_at text,
			payment_notice_at text,
			payment_notice_fen bigint,
			installation_started_at text,
			settled_at text,
			completed_at text,
			archived_at text,
			cancelled_at text,
			cancel_reason text,
			created_at text not null,
			updated_at text not null
		)`.execute(db);
		await sql`create index ix_tile_orders_status on tile_orders (status)`.execute(db);
		await sql`create index ix_tile_orders_customer on tile_orders (customer_id)`.execute(db);
		await sql`create index ix_tile_orders_day on tile_orders (order_day)`.execute(db);
		await sql`create table tile_order_lines (
			id ${ID},
			order_id integer not null references tile_orders (id),
			line_no integer not null,
			tile_model_id integer not null references tile_models (id),
			model_code text not null,
			model_name text not null,
			width_mm integer not null,
			height_mm integer not null,
			pieces_per_box integer not null,
			box_weight_g integer not null,
			price_per_box_fen bigint not null,
			area_mm2 bigint not null constraint ck_tile_order_lines_area check (area_mm2 > 0),
			wastage_permille integer not null constraint ck_tile_order_lines_wastage check (wastage_permille between 0 and 500),
			layout text,
			extra_boxes integer not null,
			pieces_needed integer not null,
			boxes integer not null constraint ck_tile_order_lines_boxes check (boxes >= 0),
			weight_g bigint not null,
			amount_fen bigint not null,
			constraint ux_tile_order_lines_no unique (order_id, line_no)
		)`.execute(db);
		await sql`create table tile_reservations (
			id ${ID},
			order_id integer not null references tile_orders (id),
			tile_model_id integer not null references tile_models (id),
			boxes integer not null constraint ck_tile_reservations_boxes check (boxes > 0),
			source text not null constraint ck_tile_reservations_source check (source in ('order', 'extra')),
			created_at text not null,
			released_at text
		)`.execute(db);
		await sql`create index ix_tile_reservations_order on tile_reservations (order_id)`.execute(db);
		await sql`create table tile_processing_lines (
			id ${ID},
			order_id integer not null references tile_orders (id),
			line_no integer not null,
			tile_model_id integer not null references tile_models (id),
			model_code text not null,
			pieces integer not null constraint ck_tile_processing_lines_pieces check (pieces > 0),
			cutting text,
			edging text,
			chamfering text,
			notes text
		)`.execute(db);
		await sql`create index ix_tile_processing_lines_order on tile_processing_lines (order_id)`.execute(db);
		await sql`create table tile_order_payments (
			id ${ID},
			order_id integer not null references tile_orders (id),
			amount_fen bigint not null constraint ck_tile_order_payments_amount check (amount_fen <> 0),
			method text not null,
			reason text,
			paid_at text not null,
			actor text not null
		)`.execute(db);
		await sql`create index ix_tile_order_payments_order on tile_order_payments (order_id)`.execute(db);
		await sql`create table tile_order_deliveries (
			id ${ID},
			order_id integer not null constraint ux_tile_order_deliveries_order unique references tile_orders (id),
			delivery_date text not null,
			installer_name text,
			installer_phone text,
			weight_g bigint not null,
			freight_fen bigint not null constraint ck_tile_order_deliveries_freight check (freight_fen >= 0),
			trips text not null,
			created_at text not null
		)`.execute(db);
		await sql`create table tile_order_items (
			id ${ID},
			order_id integer not null references tile_orders (id),
			kind text not null constraint ck_tile_order_items_kind check (kind in ('extra', 'return', 'reprocessing')),
			tile_model_id integer references tile_models (id),
			model_code text,
			boxes integer,
			unit_fen bigint,
			amount_fen bigint not null constraint ck_tile_order_items_amount check (amount_fen >= 0),
			notes text,
			created_at text not null,
			actor text not null
		)`.execute(db);
		await sql`create index ix_tile_order_items_order on tile_order_items (order_id)`.execute(db);
		await sql`create table tile_order_events (
			id ${ID},
			order_id integer not null references tile_orders (id),
			action text not null,
			from_status text,
			to_status text not null,
			actor text not null,
			at text not null,
			details text not null default '{}'
		)`.execute(db);
		await sql`create index ix_tile_order_events_order on tile_order_events (order_id)`.execute(db);
	},
};

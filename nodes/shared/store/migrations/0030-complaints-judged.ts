import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

type Db = Parameters<Migration['up']>[0];

/**
 * Complaints judged by the service department (issue 18 item 6) and feedback to the customer (item 5).
 *
 * - A complaint the desk takes by phone may be about a ticket, a tile order, or neither: `ticket_id`
 *   loses its NOT NULL; `order_id` links a tile order; `customer_id` the customer when known (filled
 *   from the ticket for the complaints already in the store); `customer_name` and `phone` keep who
 *   called when no ticket names them.
 * - The customer's choice on the survey page is a proposal (`proposed_severity`); the department's
 *   judgment sets `severity` with a reason (`severity_reason`, `severity_judged_at`, `_by`).
 * - Each complaint has its own history (`complaint_events`): registered, judged, notices, reply,
 *   the reply letter sent or listed for post, closed. The complaints already in the store get their
 *   `registered` entry, so no complaint is without history.
 *
 * PostgreSQL drops the NOT NULL. SQLite cannot, so `complaints` is rebuilt from its own definition
 * (sqlite_master) without it: copied, dropped, renamed, its indexes and autoincrement sequence put
 * back; every row and id is kept. Migrations run with foreign keys off and every reference is
 * checked before commit (migrations/index.ts).
 */
export const migration: Migration = {
	version: 30,
	name: 'complaints judged by the department: ticket optional, tile order and caller, proposed severity, judgment, complaint history',
	async up(db, backend) {
		if (backend === 'postgres') await sql`alter table complaints alter column ticket_id drop not null`.execute(db);
		else await rebuildWithoutTicketNotNull(db);
		await sql`alter table complaints add column order_id integer references tile_orders (id)`.execute(db);
		await sql`alter table complaints add column customer_id integer references customers (id)`.execute(db);
		await sql`alter table complaints add column customer_name text`.execute(db);
		await sql`alter table complaints add column phone text`.execute(db);
		await sql`alter table complaints add column proposed_severity text constraint ck_complaints_proposed_severity check (proposed_severity in ('general', 'serious'))`.execute(
			db,
		);
		await sql`alter table complaints add column severity_reason text`.execute(db);
		await sql`alter table complaints add column severity_judged_at text`.execute(db);
		await sql`alter table complaints add column severity_judged_by text`.execute(db);
		await sql`update complaints set customer_id = (select t.customer_id from tickets t where t.id = complaints.ticket_id) where ticket_id is not null`.execute(
			db,
		);
		// A survey's complaint came from the customer's choice on the page: that choice is now a proposal.
		await sql`update complaints set proposed_severity = severity where survey_id is not null`.execute(db);
		await sql`create index ix_complaints_order on complaints (order_id)`.execute(db);
		await sql`create table complaint_events (
			id ${idColumn(backend)},
			complaint_id integer not null references complaints (id),
			action text not null,
			actor text not null,
			at text not null,
			details text not null
		)`.execute(db);
		await sql`create index ix_complaint_events_complaint on complaint_events (complaint_id, id)`.execute(db);
		await sql`insert into complaint_events (complaint_id, action, actor, at, details)
			select id, 'registered', created_by, received_at, '{"before":"migration 30"}' from complaints order by id`.execute(db);
	},
};

/** SQLite: `complaints` rebuilt from its own definition with `ticket_id` nullable. */
async function rebuildWithoutTicketNotNull(db: Db): Promise<void> {
	const table = 'complaints';
	// The definition SQLite keeps of the table, and its indexes, replayed: DDL takes no bound parameters.
	const run = (statement: string) => sql.raw(statement).execute(db);
	const [definition] = (await sql`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db)).rows as Array<{ sql: string }>;
	const indexes = (await sql`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db))
		.rows as Array<{ sql: string }>;
	const [sequence] = (await sql`select seq from sqlite_sequence where name = ${table}`.execute(db)).rows as Array<{ seq: number }>;
	let ddl = definition.sql.replace(/^(create\s+table\s+)"?complaints"?(?=\s*\()/i, '$1complaints_0030');
	if (ddl === definition.sql) throw new Error(`Migration 30: cannot read the definition of ${table}`);
	const declared = /(\bticket_id\s+integer)\s+not\s+null\b/gi;
	if ((ddl.match(declared) ?? []).length !== 1) throw new Error(`Migration 30: cannot find the column ${table}.ticket_id in its definition`);
	ddl = ddl.replace(declared, '$1');
	await run(ddl);
	await run('insert into complaints_0030 select * from complaints');
	await run('drop table complaints');
	await run('alter table complaints_0030 rename to complaints');
	for (const index of indexes) await run(index.sql);
	if (sequence) {
		await sql`delete from sqlite_sequence where name = ${table}`.execute(db);
		await sql`insert into sqlite_sequence (name, seq) values (${table}, ${sequence.seq})`.execute(db);
	}
}

import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

export const migration: Migration = {
	version: 20,
	name: 'contract expiry notices with their renewal tasks; the index the expiry scan reads',
	async up(db, backend) {
		const ID = idColumn(backend);
		// One notice per contract and end date (P13): the unique constraint is the last word when two
		// scans run at once. The renewal negotiation task (续约洽谈) lives on the notice's row.
		await sql`create table expiry_notices (
			id ${ID},
			notice_number text not null constraint ux_expiry_notices_number unique,
			contract_id integer not null references contracts (id),
			ends_on text not null,
			noticed_on text not null,
			email text,
			task_status text not null constraint ck_expiry_notices_task check (task_status in ('open', 'closed-renewed', 'closed-cancelled', 'lapsed')),
			task_closed_at text,
			renewed_contract_id integer references contracts (id),
			lapse_reported_at text,
			created_by text not null,
			created_at text not null,
			updated_at text not null,
			constraint ux_expiry_notices_contract_end unique (contract_id, ends_on)
		)`.execute(db);
		await sql`create index ix_expiry_notices_task on expiry_notices (task_status, ends_on)`.execute(db);
		// The scan reads active contracts by end date: status first, then the range; with the id the
		// index holds all the scan reads (an index-only scan, in the order the scan wants).
		await sql`create index ix_contracts_status_ends_on on contracts (status, ends_on, id)`.execute(db);
	},
};

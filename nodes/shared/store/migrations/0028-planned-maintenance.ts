import { sql } from 'kysely';
import { idColumn, type Migration } from './migration';

/**
 * Planned maintenance (保养, issue 18 item 3): a contract may name its maintenance period in
 * months (保养周期(月)); each due day gets one maintenance visit, a category B ticket made 7 days
 * before. The unique (contract, due day) is the last word when two runs meet.
 */
export const migration: Migration = {
	version: 28,
	name: 'planned maintenance: the contract maintenance period and one visit per due day',
	async up(db, backend) {
		await sql`alter table contracts add column maintenance_every_months integer
			constraint ck_contracts_maintenance_every check (maintenance_every_months is null or maintenance_every_months between 1 and 120)`.execute(db);
		await sql`create table maintenance_visits (
			id ${idColumn(backend)},
			contract_id integer not null references contracts (id),
			due_on text not null,
			ticket_id integer not null references tickets (id),
			created_by text not null,
			created_at text not null,
			constraint ux_maintenance_visits_due unique (contract_id, due_on)
		)`.execute(db);
		await sql`create index ix_maintenance_visits_ticket on maintenance_visits (ticket_id)`.execute(db);
	},
};

/**
 * Numbered migrations, one file each (`NNNN-name.ts`), applied in order on first use of a store.
 * All of them run in one transaction that holds the store's write lock (SQLite: BEGIN
 * IMMEDIATE; PostgreSQL: an advisory transaction lock), so two processes starting at once apply
 * each migration once. A new migration is a new file added at the end of `MIGRATIONS`; never
 * edit one that has shipped.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema';
import type { Backend } from '../config';
import { holdLock } from '../locks';
import type { Migration } from './migration';
import { migration as registers } from './0001-registers';
import { migration as repairRegister } from './0002-repair-register';
import { migration as takeBack } from './0003-take-back';
import { migration as naturalKeys } from './0004-natural-keys';
import { migration as thicknessOneDecimal } from './0005-thickness-one-decimal';
import { migration as tileOrders } from './0006-tile-orders';
import { migration as money } from './0010-money';
import { migration as orderInvoices } from './0011-order-invoices';
import { migration as followUp } from './0015-follow-up';
import { migration as contractNotices } from './0020-contract-notices';
import { migration as workReports } from './0021-work-reports';
import { migration as repairCorrections } from './0022-repair-corrections';
import { migration as enumChecks } from './0023-enum-checks';
import { migration as ticketPhotos } from './0024-ticket-photos';
import { migration as scanReports } from './0026-scan-reports';
import { migration as periodicFollowUp } from './0027-periodic-follow-up';
import { migration as plannedMaintenance } from './0028-planned-maintenance';
import { migration as complaintsJudged } from './0030-complaints-judged';
import { migration as outbox } from './0031-outbox';
import { migration as yearIndexes } from './0032-year-indexes';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
	registers,
	repairRegister,
	takeBack,
	naturalKeys,
	thicknessOneDecimal,
	tileOrders,
	money,
	orderInvoices,
	followUp,
	contractNotices,
	workReports,
	repairCorrections,
	enumChecks,
	ticketPhotos,
	scanReports,
	periodicFollowUp,
	plannedMaintenance,
	complaintsJudged,
	outbox,
	yearIndexes,
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
			await holdLock(trx, 'migrations');
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
			if (broken.length > 0)
				throw new Error(`A migration left ${broken.length} broken reference(s), e.g. ${JSON.stringify(broken[0])}; nothing was changed`);
		}
		return applied;
	});
}

import { sql, type Expression, type SqlBool } from 'kysely';
import type { Trx } from '../schema';
import { searchTerm } from '../../rules/records';

/** Paging shared by every Get Many: `limit` undefined means all. */
export interface Page {
	limit?: number;
}

/** `lower(col) like %text%` on each column, or-ed: a clerk's "search" box. */
export function textSearch(columns: string[], text: string): Expression<SqlBool> {
	const pattern = `%${searchTerm(text)
		.toLowerCase()
		.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return sql<SqlBool>`(${sql.join(
		columns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '\\'`),
		sql` or `,
	)})`;
}

/** Row lock for read-then-write on PostgreSQL; SQLite already holds the write lock (BEGIN IMMEDIATE). */
export function isPostgres(trx: Trx): boolean {
	return trx.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export function flag(v: number | boolean | null | undefined): boolean {
	return v === 1 || v === true;
}

/**
 * The guarded status move of a step: `to` is written only while the row still has the status the
 * step read (`from`); false when someone else moved it meanwhile.
 */
export async function moveStatus(trx: Trx, table: 'tickets' | 'tileOrders', id: number, from: string, to: string, now: string): Promise<boolean> {
	const r = await trx.updateTable(table).set({ status: to, updatedAt: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

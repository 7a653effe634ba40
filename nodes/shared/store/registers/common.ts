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

/** One entry of a record's history (工单/订单的经过): what was done, from which status to which, by whom and when. */
export interface HistoryEntry {
	action: string;
	fromStatus: string | null;
	toStatus: string;
	actor: string;
	at: string;
	details?: Record<string, unknown>;
}

/** Appends an entry to a ticket's or an order's history, in the caller's transaction. */
export async function appendHistory(trx: Trx, to: { ticketId: number } | { orderId: number }, e: HistoryEntry): Promise<void> {
	const row = {
		action: e.action,
		fromStatus: e.fromStatus,
		toStatus: e.toStatus,
		actor: e.actor,
		at: e.at,
		details: JSON.stringify(e.details ?? {}),
	};
	if ('ticketId' in to)
		await trx
			.insertInto('ticketEvents')
			.values({ ...row, ticketId: to.ticketId })
			.execute();
	else
		await trx
			.insertInto('tileOrderEvents')
			.values({ ...row, orderId: to.orderId })
			.execute();
}

/**
 * What a migration is: a version, a name, and the DDL it runs (in the migrating transaction).
 * Migrations are frozen in time: they see the database as `Kysely<any>` (not today's `Database`
 * type) and keep their own copies of the rules they apply, so a later change to a rule or a
 * schema type cannot change what an old migration does.
 */
import { sql, type Kysely } from 'kysely';
import type { Backend } from '../config';

export interface Migration {
	version: number;
	name: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen in time: not today's schema type
	up(db: Kysely<any>, backend: Backend): Promise<void>;
}

/** The id column of a table: serial on PostgreSQL, autoincrement on SQLite. */
export function idColumn(backend: Backend) {
	return backend === 'postgres' ? sql`serial primary key` : sql`integer primary key autoincrement`;
}

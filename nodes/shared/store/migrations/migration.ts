/** What a migration is: a version, a name, and the DDL it runs (in the migrating transaction). */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Backend } from '../config';

export interface Migration {
	version: number;
	name: string;
	up(db: Kysely<Database>, backend: Backend): Promise<void>;
}

/** The id column of a table: serial on PostgreSQL, autoincrement on SQLite. */
export function idColumn(backend: Backend) {
	return backend === 'postgres' ? sql`serial primary key` : sql`integer primary key autoincrement`;
}

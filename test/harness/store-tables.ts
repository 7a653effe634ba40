import { sql } from 'kysely';
import type { Store } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

/**
 * The store's own tables, by name, sorted. Only this store's: Kysely's introspection reads every
 * schema, and on PostgreSQL other suites create and drop theirs meanwhile (a dropped schema then
 * fails the read with "schema … does not exist").
 */
export async function ownTables(store: Store, config: StoreConfig): Promise<string[]> {
	const names =
		config.backend === 'postgres'
			? await sql<{
					name: string;
				}>`select table_name as name from information_schema.tables where table_schema = ${config.schema} and table_type = 'BASE TABLE'`.execute(
					store.db,
				)
			: await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db);
	return names.rows.map((r) => r.name).sort();
}

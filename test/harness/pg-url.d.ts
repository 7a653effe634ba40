import type { PostgresConfig } from '../../nodes/shared/store/config';

/** A PostgreSQL store in `schema` of the database `url` names. */
export function pgStoreConfig(url: string, schema: string): PostgresConfig;
/** The same URL with another database name. */
export function withDatabase(url: string, database: string): string;

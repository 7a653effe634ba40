/**
 * What the After-Sales Store credential holds, and where the SQLite file lives by default:
 * `after-sales.sqlite` in the n8n user folder (`$N8N_USER_FOLDER/.n8n`, else `~/.n8n`).
 */
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

export type Backend = 'sqlite' | 'postgres';

export interface SqliteConfig {
	backend: 'sqlite';
	file: string;
}

export interface PostgresConfig {
	backend: 'postgres';
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	ssl: boolean;
	sslRejectUnauthorized: boolean;
	schema: string;
}

export type StoreConfig = SqliteConfig | PostgresConfig;

/** The PostgreSQL schema of the store when the credential names none (the credential's default too). */
export const DEFAULT_PG_SCHEMA = 'after_sales';

export function defaultSqliteFile(env: NodeJS.ProcessEnv = process.env): string {
	const userFolder = env.N8N_USER_FOLDER ? join(env.N8N_USER_FOLDER, '.n8n') : join(homedir(), '.n8n');
	return join(userFolder, 'after-sales.sqlite');
}

/** Reads the credential's fields (names as in AfterSalesStore.credentials.ts). */
export function storeConfigFromCredential(data: Record<string, unknown>): StoreConfig {
	if (data.backend === 'postgres') {
		// A cleared Schema field means the default, as the field shows it: never `public` by accident.
		const schema = String(data.schema ?? '').trim() || DEFAULT_PG_SCHEMA;
		if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
			throw new Error(`Schema "${schema}" is not a valid PostgreSQL schema name; expected letters, digits and underscores`);
		}
		return {
			backend: 'postgres',
			host: String(data.host || 'localhost'),
			port: Number(data.port || 5432),
			database: String(data.database || 'postgres'),
			user: String(data.user || 'postgres'),
			password: String(data.password ?? ''),
			ssl: Boolean(data.ssl),
			sslRejectUnauthorized: data.sslRejectUnauthorized !== false,
			schema,
		};
	}
	const file = String(data.file ?? '').trim();
	return { backend: 'sqlite', file: file ? (isAbsolute(file) ? file : join(process.cwd(), file)) : defaultSqliteFile() };
}

/** For messages: names the file or host, never the password. */
export function describeStore(config: StoreConfig): string {
	return config.backend === 'sqlite'
		? `SQLite file ${config.file}`
		: `PostgreSQL ${config.user}@${config.host}:${config.port}/${config.database} (schema ${config.schema})`;
}

/** Where backups go unless told otherwise: `after-sales-backups` next to the default SQLite file (`<user folder>/.n8n`). */
export function defaultBackupDir(env: NodeJS.ProcessEnv = process.env): string {
	return join(dirname(defaultSqliteFile(env)), 'after-sales-backups');
}

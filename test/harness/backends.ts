/**
 * The store backends a suite runs on: SQLite always, PostgreSQL when AFTER_SALES_TEST_PG holds a
 * connection URL (.ci/run sets it). Each call gives a fresh, empty store location.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { pgStoreConfig } from './pg-url';

export interface Backend {
	name: 'sqlite' | 'postgres';
	/** A fresh store location; for PostgreSQL a new schema in the test database. */
	fresh(): StoreConfig;
	/** The same, as the credential's fields. */
	credential(config: StoreConfig): Record<string, string | number | boolean>;
	/** Drops the PostgreSQL schemas made by this backend. */
	cleanup(): Promise<void>;
}

const sqlite: Backend = {
	name: 'sqlite',
	fresh: () => ({ backend: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'after-sales-')), 'store.sqlite') }),
	credential: (c) => ({ backend: 'sqlite', file: (c as { file: string }).file }),
	cleanup: async () => undefined,
};

export { pgStoreConfig };

function postgres(url: string): Backend {
	const schemas: string[] = [];
	let n = 0;
	return {
		name: 'postgres',
		fresh() {
			const schema = `t_${process.pid}_${Date.now().toString(36)}_${++n}`;
			schemas.push(schema);
			return pgStoreConfig(url, schema);
		},
		credential: (c) => ({ ...(c as unknown as Record<string, string | number | boolean>) }),
		async cleanup() {
			if (schemas.length === 0) return;
			const client = new Client({ connectionString: url });
			await client.connect();
			try {
				for (const s of schemas.splice(0)) await client.query(`drop schema if exists "${s}" cascade`);
			} finally {
				await client.end();
			}
		},
	};
}

export function backends(): Backend[] {
	const url = process.env.AFTER_SALES_TEST_PG;
	return url ? [sqlite, postgres(url)] : [sqlite];
}

/**
 * Where `npm start` and the e2e suite find n8n: one install per machine and Node ABI, shared by
 * every clone (scripts/n8n-runtime.js sharedN8nDir), a named folder, or — `off` — this clone's
 * own `.cache/n8n`.
 */
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require('../../scripts/n8n-runtime') as { N8N_VERSION: string; sharedN8nDir(env: Record<string, string | undefined>): string | null };

const place = `n8n-${runtime.N8N_VERSION}-abi${process.versions.modules}`;

test('by default under the user cache folder (XDG_CACHE_HOME when set), named for the n8n version and the Node ABI', () => {
	expect(runtime.sharedN8nDir({ XDG_CACHE_HOME: '/var/cache/u7' })).toBe(join('/var/cache/u7', 'n8n-nodes-after-sales', place));
	expect(runtime.sharedN8nDir({})).toMatch(new RegExp(`[/\\\\]\\.cache[/\\\\]n8n-nodes-after-sales[/\\\\]${place.replace(/\./g, '\\.')}$`));
});

test('AFTER_SALES_N8N_CACHE names another folder, or off for the clone alone', () => {
	expect(runtime.sharedN8nDir({ AFTER_SALES_N8N_CACHE: '/srv/n8n-cache', XDG_CACHE_HOME: '/var/cache/u7' })).toBe(join('/srv/n8n-cache', place));
	expect(runtime.sharedN8nDir({ AFTER_SALES_N8N_CACHE: 'off' })).toBeNull();
});

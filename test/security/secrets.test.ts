/**
 * Passwords never in messages (issue 12, item 5): the After-Sales Store credential's PostgreSQL
 * password does not appear in the error a node gets when the store cannot be opened (a refused
 * connection, an unknown database, a wrong user), nor in the credential test's answer, nor in
 * the store's description; `npm run start:queue` does not print the password of
 * AFTER_SALES_PG_URL when it refuses the URL or cannot connect. Survey links: see
 * test/rules/survey-token.test.ts (any changed character, a stretched expiry, another survey's
 * signature: all refused) and test/store/follow-up.test.ts (the store's own secret).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Store } from '../../nodes/shared/store/store';
import { describeStore, storeConfigFromCredential, type PostgresConfig } from '../../nodes/shared/store/config';
import { testStoreConnection } from '../../nodes/shared/n8n/store-access';
import { pgStoreConfig } from '../harness/backends';

const SECRET = 'Pw-s3cr3t-%40-Zq9#x';
const run = promisify(execFile);

const refused: PostgresConfig = {
	backend: 'postgres',
	host: '127.0.0.1',
	port: 1,
	database: 'after_sales',
	user: 'clerk',
	password: SECRET,
	ssl: false,
	sslRejectUnauthorized: true,
	schema: 'after_sales',
};

async function openError(config: PostgresConfig): Promise<string> {
	try {
		const store = await Store.open(config);
		await store.close();
	} catch (error) {
		const e = error as Error & { stack?: string };
		return `${e.message}\n${e.stack ?? ''}\n${JSON.stringify(e)}`;
	}
	throw new Error('the store opened; expected it to fail');
}

test('a refused connection: the error names the server and user, never the password', async () => {
	const text = await openError(refused);
	expect(text).toContain('Cannot open the after-sales store (PostgreSQL clerk@127.0.0.1:1/after_sales');
	expect(text).not.toContain(SECRET);
	expect(text).not.toContain(encodeURIComponent(SECRET));
});

test('the store description and the credential test answer carry no password', async () => {
	const config = storeConfigFromCredential({
		backend: 'postgres',
		host: '127.0.0.1',
		port: 1,
		database: 'after_sales',
		user: 'clerk',
		password: SECRET,
	});
	expect(describeStore(config)).not.toContain(SECRET);
	const answer = await testStoreConnection.call({} as never, { id: '1', name: 'store', type: 'afterSalesStore', data: { ...config } } as never);
	expect(answer.status).toBe('Error');
	expect(JSON.stringify(answer)).not.toContain(SECRET);
});

const pg = process.env.AFTER_SALES_TEST_PG;
(pg ? test : test.skip)('on a real server: an unknown database and an unknown user are refused without the password in the message', async () => {
	const base = pgStoreConfig(pg!, 'after_sales');
	for (const config of [
		{ ...base, password: SECRET, database: 'no_such_database_x' },
		{ ...base, password: SECRET, user: 'no_such_user_x' },
	]) {
		const text = await openError(config);
		expect(text).toMatch(/does not exist|authentication failed/);
		expect(text).not.toContain(SECRET);
	}
});

describe('npm run start:queue (scripts/start-queue.js)', () => {
	const script = resolve(__dirname, '../../scripts/start-queue.js');
	const start = async (url: string) => {
		try {
			await run(process.execPath, [script], {
				env: { ...process.env, AFTER_SALES_PG_URL: url, N8N_USER_FOLDER: '/nonexistent-after-sales' },
				timeout: 60_000,
			});
		} catch (error) {
			const e = error as { stdout: string; stderr: string; code: number };
			return { code: e.code, out: `${e.stdout}\n${e.stderr}` };
		}
		throw new Error('start:queue kept running; expected it to stop');
	};

	test('a URL that is not postgres:// is refused without its password', async () => {
		const { code, out } = await start(`mysql://clerk:${encodeURIComponent(SECRET)}@127.0.0.1:3306/after_sales`);
		expect(code).toBe(1);
		expect(out).toContain('is not a postgres:// URL');
		expect(out).toContain('mysql://clerk:***@127.0.0.1:3306/after_sales');
		expect(out).not.toContain(SECRET);
		expect(out).not.toContain(encodeURIComponent(SECRET));
	});

	test('a server that refuses the connection: the message names user, host and port, not the password', async () => {
		const { code, out } = await start(`postgres://clerk:${encodeURIComponent(SECRET)}@127.0.0.1:1/after_sales`);
		expect(code).toBe(1);
		expect(out).toContain('PostgreSQL clerk@127.0.0.1:1/after_sales');
		expect(out).not.toContain(SECRET);
		expect(out).not.toContain(encodeURIComponent(SECRET));
	});
});

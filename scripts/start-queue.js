/**
 * npm run start:queue — n8n in queue mode on this machine, as a team runs it: the main process
 * (editor and webhooks) and AFTER_SALES_WORKERS `n8n worker` processes (default 2), Redis between
 * them, n8n's own database and the After-Sales Store on PostgreSQL (one database, two schemas:
 * `n8n` for n8n's tables, `after_sales` for the store). The same credentials, workflows and
 * printout as `npm start`; Ctrl+C stops every process together; a worker that dies is started
 * again. See README, "Queue mode".
 *
 * AFTER_SALES_PG_URL     postgres://user:password@host:port/database (default postgres://postgres@127.0.0.1:5432/after_sales;
 *                        the database is created when missing and the user may create databases)
 * AFTER_SALES_WORKERS    how many workers (default 2)
 * QUEUE_BULL_REDIS_HOST, QUEUE_BULL_REDIS_PORT   Redis (default 127.0.0.1:6379)
 * N8N_PORT, N8N_USER_FOLDER, AFTER_SALES_WEBHOOK_KEY, AFTER_SALES_SMTP_*, AFTER_SALES_COMPANY_*, the channels' AFTER_SALES_*  as for npm start
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { N8N_BIN, defaultUserFolder, freePort, prepare, startN8n, waitForWebhooks } = require('./n8n-runtime');
const { summary } = require('./start');

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/after_sales';
const N8N_SCHEMA = 'n8n';
const STORE_SCHEMA = 'after_sales';

/** The PostgreSQL server and database of AFTER_SALES_PG_URL, as pg and n8n's DB_POSTGRESDB_* take them. */
function pgSettings(url) {
	const u = new URL(url);
	if (!/^postgres(ql)?:$/.test(u.protocol)) {
		// Named without its password: the message ends up in terminals and CI logs.
		const shown = new URL(url);
		if (shown.password) shown.password = '***';
		throw new Error(`AFTER_SALES_PG_URL: "${shown.href}" is not a postgres:// URL`);
	}
	return {
		host: u.hostname || '127.0.0.1',
		port: Number(u.port || 5432),
		database: decodeURIComponent(u.pathname.slice(1)) || 'after_sales',
		user: decodeURIComponent(u.username) || 'postgres',
		password: decodeURIComponent(u.password),
		ssl: u.searchParams.get('sslmode') === 'require',
	};
}

/** The database and n8n's schema, created when missing (the store makes its own schema on first use). */
async function ensureDatabase(pg, log) {
	const connect = async (database) => {
		const client = new Client({ ...pg, database, ssl: pg.ssl ? { rejectUnauthorized: false } : undefined, connectionTimeoutMillis: 10_000 });
		await client.connect();
		return client;
	};
	let client;
	try {
		client = await connect(pg.database);
	} catch (error) {
		if (error.code !== '3D000') throw new Error(`PostgreSQL ${pg.user}@${pg.host}:${pg.port}/${pg.database}: ${error.message}`);
		log(`Creating the database ${pg.database} on ${pg.host}:${pg.port}…`);
		const admin = await connect('postgres');
		try {
			await admin.query(`create database "${pg.database.replace(/"/g, '""')}"`);
		} finally {
			await admin.end();
		}
		client = await connect(pg.database);
	}
	try {
		await client.query(`create schema if not exists ${N8N_SCHEMA}`);
	} finally {
		await client.end();
	}
}

/** A process and, for a worker started in its own group, its children. */
function signal(child, name) {
	for (const pid of [-child.pid, child.pid]) {
		try {
			process.kill(pid, name);
		} catch {}
	}
}

async function main() {
	const log = (m) => console.log(m);
	const port = Number(process.env.N8N_PORT || 5678);
	const workers = Number(process.env.AFTER_SALES_WORKERS || 2);
	if (!Number.isInteger(workers) || workers < 1)
		throw new Error(`AFTER_SALES_WORKERS: "${process.env.AFTER_SALES_WORKERS}" is not a whole number of 1 or more`);
	const pg = pgSettings(process.env.AFTER_SALES_PG_URL || DEFAULT_PG_URL);
	const redis = { host: process.env.QUEUE_BULL_REDIS_HOST || '127.0.0.1', port: process.env.QUEUE_BULL_REDIS_PORT || '6379' };
	await ensureDatabase(pg, log);
	const userFolder = path.resolve(defaultUserFolder());
	const queueEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		DB_POSTGRESDB_SCHEMA: N8N_SCHEMA,
		...(pg.ssl ? { DB_POSTGRESDB_SSL_ENABLED: 'true' } : {}),
		// Workers run the executions; the main process only takes the webhooks and the editor.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	const storeData = {
		backend: 'postgres',
		host: pg.host,
		port: pg.port,
		database: pg.database,
		user: pg.user,
		password: pg.password,
		ssl: pg.ssl,
		sslRejectUnauthorized: false,
		schema: STORE_SCHEMA,
	};
	const { env, version, webhook, workflows, n8nFolder, mail, company, passwords, channels } = prepare({
		userFolder,
		port,
		log,
		envExtra: queueEnv,
		storeData,
	});

	const children = [];
	let stopping = false;
	const stopAll = (code = 0) => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and its workers…');
		for (const child of children) signal(child, 'SIGTERM');
		setTimeout(() => {
			for (const child of children) signal(child, 'SIGKILL');
			process.exit(code);
		}, 10_000).unref();
		Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
	};
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));

	log(`Starting n8n in queue mode on port ${port} with ${workers} worker(s) (user folder ${n8nFolder})…`);
	const logs = path.join(n8nFolder, 'logs');
	fs.mkdirSync(logs, { recursive: true });
	const main = await startN8n(env, { port });
	children.push(main);
	const startWorker = async (i) => {
		const out = fs.openSync(path.join(logs, `worker-${i}.log`), 'a');
		// Each worker has its own task broker and health port.
		const workerEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_PORT: String(await freePort()) };
		return spawn(process.execPath, [N8N_BIN, 'worker', '--concurrency=10'], { env: workerEnv, stdio: ['ignore', out, out], detached: true });
	};
	for (let i = 1; i <= workers; i++) children.push(await startWorker(i));
	// The main process ending ends the queue; a worker that dies (killed, out of memory) is started
	// again, as a service manager would: its jobs are taken over once Bull sees them stalled.
	main.once('exit', (code) => stopping || (log(`n8n's main process ended with code ${code}; stopping the workers.`), stopAll(code || 1)));
	const restarts = [];
	const watch = (worker, i) =>
		worker.once('exit', (code, sig) => {
			if (stopping) return;
			restarts.push(Date.now());
			while (restarts.length && restarts[0] < Date.now() - 60_000) restarts.shift();
			if (restarts.length > 5) {
				log(`Worker ${i} keeps ending (${restarts.length} times in a minute); stopping the queue. See ${logs}.`);
				stopAll(1);
				return;
			}
			log(`Worker ${i} (pid ${worker.pid}) ended (${sig ?? `code ${code}`}); starting it again.`);
			setTimeout(async () => {
				if (stopping) return;
				const again = await startWorker(i);
				children[i] = again;
				log(`Worker ${i} started again (pid ${again.pid}).`);
				watch(again, i);
			}, 2000);
		});
	for (let i = 1; i <= workers; i++) watch(children[i], i);
	await waitForWebhooks(workflows, port);
	const base = `http://localhost:${port}/`;
	const store = `PostgreSQL ${pg.user}@${pg.host}:${pg.port}/${pg.database}, schema ${STORE_SCHEMA} (n8n's own tables in schema ${N8N_SCHEMA})`;
	const running = [
		`Queue:        Redis ${redis.host}:${redis.port}; ${workers} worker(s), pids ${children
			.slice(1)
			.map((c) => c.pid)
			.join(', ')}, logs in ${logs}`,
	];
	console.log(
		summary({ base, version, store, webhook, mail, company, workflows, passwords, running, channels }).replace(
			'Stop with Ctrl+C;',
			'Stop with Ctrl+C (stops the workers too);',
		),
	);
}

main().catch((error) => {
	console.error(`npm run start:queue failed: ${error.message}`);
	process.exit(1);
});

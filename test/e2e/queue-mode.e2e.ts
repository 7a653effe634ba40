/**
 * n8n in queue mode, as a team runs it: one main process taking the webhooks, two workers
 * running the executions (Redis between them), n8n's own database and the after-sales store on
 * PostgreSQL. A burst of repair reports then runs in two processes at once: the numbers must
 * stay unique and no technician may go over capacity. Their staff messages (a loopback WeCom
 * robot in the After-Sales Channels credential, rate-limiting during the burst) then go out by
 * `POST outbox/retry` sent five times at once to both workers: each message reaches WeCom exactly
 * once (issue 19). Needs AFTER_SALES_TEST_PG (.ci/run sets it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Store } from '../../nodes/shared/store/store';
import type { PostgresConfig } from '../../nodes/shared/store/config';
import { awaitOneServiceDay, postTo, serviceDay } from './server';
import { pgStoreConfig } from '../harness/backends';
import { robot, type Robot } from '../harness/robots';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require('../../scripts/n8n-runtime') as {
	N8N_BIN: string;
	CREDENTIALS: { store: { id: string; name: string; type: string } };
	freePort(): Promise<number>;
	n8nCli(args: string[], env: NodeJS.ProcessEnv): string;
	prepare(o: object): { env: NodeJS.ProcessEnv; workflows: object[] };
	startN8n(env: NodeJS.ProcessEnv, o: { port: number; logFile: string }): Promise<ChildProcess>;
	waitForWebhooks(workflows: object[], port: number): Promise<void>;
};

const url = process.env.AFTER_SALES_TEST_PG;
const describeWithPg = url ? describe : describe.skip;
const KEY = 'queue-mode-e2e-key';

describeWithPg('queue mode: main + 2 workers, n8n and the store on PostgreSQL', () => {
	const tag = `${process.pid}_${Date.now().toString(36)}`;
	const n8nDatabase = `after_sales_e2e_n8n_${tag}`;
	const userFolder = mkdtempSync(join(tmpdir(), 'after-sales-queue-'));
	const processes: ChildProcess[] = [];
	const workerLogs = [join(userFolder, 'worker-1.log'), join(userFolder, 'worker-2.log')];
	let port: number;
	let storeConfig: PostgresConfig;
	let store: Store;
	let wecom: Robot;
	/** The tickets of the burst (the first test), whose messages the second test sends. */
	let numbers: string[] = [];

	async function admin(sql: string) {
		const client = new Client({ connectionString: url });
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	}

	const post = (path: string, body: object) => postTo(`http://127.0.0.1:${port}/`, KEY, path, body);

	beforeAll(async () => {
		// The team's store, and n8n's own database beside it on the same server.
		storeConfig = pgStoreConfig(url!, `q_${tag}`);
		await admin(`create database ${n8nDatabase}`);
		port = await runtime.freePort();
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: '6379',
			QUEUE_BULL_PREFIX: `after-sales-e2e-${tag}`,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: storeConfig.host,
			DB_POSTGRESDB_PORT: String(storeConfig.port),
			DB_POSTGRESDB_DATABASE: n8nDatabase,
			DB_POSTGRESDB_USER: storeConfig.user,
			DB_POSTGRESDB_PASSWORD: storeConfig.password,
			N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()),
			N8N_LOG_LEVEL: 'info',
		};
		const log = (m: string) => process.stdout.write(`[queue] ${m}\n`);
		// The staff groups' WeCom robot, set as `npm run start:queue` sets it from the variable; it
		// rate-limits (45009) until the outbox test lets the messages through.
		wecom = await robot('wecom');
		wecom.mode = 'rate-limit';
		const { env, workflows } = runtime.prepare({
			userFolder,
			port,
			key: KEY,
			log,
			mailEnv: {},
			channelsEnv: { AFTER_SALES_WECOM_WEBHOOK_URL: wecom.url },
			envExtra: queueEnv,
		});

		// The After-Sales Store credential pointed at PostgreSQL, as the team would in the editor.
		const credentialFile = join(userFolder, 'store-credential.json');
		writeFileSync(credentialFile, JSON.stringify([{ ...runtime.CREDENTIALS.store, data: storeConfig }]));
		runtime.n8nCli(['import:credentials', `--input=${credentialFile}`], env);
		rmSync(credentialFile);

		log(`starting the main process on 127.0.0.1:${port} and two workers`);
		processes.push(await runtime.startN8n(env, { port, logFile: join(userFolder, 'main.log') }));
		for (const file of workerLogs) {
			const out = openSync(file, 'a');
			const workerEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()) };
			processes.push(
				spawn(process.execPath, [runtime.N8N_BIN, 'worker', '--concurrency=10'], { env: workerEnv, stdio: ['ignore', out, out], detached: true }),
			);
		}
		await runtime.waitForWebhooks(workflows, port);
		store = await Store.open(storeConfig);
	}, 600_000);

	afterAll(async () => {
		await store?.close();
		await wecom?.stop();
		for (const p of processes) {
			try {
				process.kill(-p.pid!, 'SIGTERM');
			} catch {}
		}
		await new Promise((r) => setTimeout(r, 5000));
		for (const p of processes) {
			try {
				process.kill(-p.pid!, 'SIGKILL');
			} catch {}
		}
		await admin(`drop database if exists ${n8nDatabase} with (force)`).catch(() => undefined);
		await admin(`drop schema if exists "q_${tag}" cascade`).catch(() => undefined);
		if (process.env.AFTER_SALES_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	}, 60_000);

	test('40 reports at once, run by two workers: 40 distinct numbers, capacity never exceeded', async () => {
		const techs = await post(
			'import/technicians',
			Array.from({ length: 8 }, (_, i) => ({
				name: `队列技师${i}`,
				phone: `1350002${String(i).padStart(4, '0')}`,
				skills: 'Q并发',
				dailyCapacity: 2,
			})),
		);
		expect(techs.json).toEqual({ created: 8, updated: 0, rejected: [], ignoredColumns: [] });

		// 8 technicians × 2 jobs a day: exactly 16 of the 40 can go out, if all arrive on one day.
		await awaitOneServiceDay(180);
		const day = serviceDay();
		const answers = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				post('repairs', {
					customerName: `队列客户${i}`,
					phone: `1360001${String(i).padStart(4, '0')}`,
					address: '上海市',
					siteSituation: '空调不制冷',
					skill: 'Q并发',
				}),
			),
		);
		expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
		numbers = answers.map((a) => String(a.json.ticketNumber));
		expect(new Set(numbers).size).toBe(40);
		expect(new Set(answers.map((a) => a.json.voucherNumber)).size).toBe(40);
		expect(answers.filter((a) => a.json.status === 'dispatched')).toHaveLength(16);

		const load = await store.db
			.selectFrom('tickets as t')
			.innerJoin('technicians as k', 'k.id', 't.technicianId')
			.select(['k.name', 'k.dailyCapacity', 't.dispatchedOn', (eb) => eb.fn.countAll<number>().as('jobs')])
			.where('t.ticketNumber', 'in', numbers)
			.groupBy(['k.name', 'k.dailyCapacity', 't.dispatchedOn'])
			.execute();
		expect(load).toHaveLength(8);
		for (const l of load) {
			expect(l.dispatchedOn).toBe(day);
			expect(Number(l.jobs)).toBe(2);
		}
		const dispatchEvents = await store.db
			.selectFrom('ticketEvents as e')
			.innerJoin('tickets as t', 't.id', 'e.ticketId')
			.select(['t.ticketNumber', (eb) => eb.fn.countAll<number>().as('n')])
			.where('e.action', '=', 'dispatch')
			.where('t.ticketNumber', 'in', numbers)
			.groupBy('t.ticketNumber')
			.execute();
		expect(dispatchEvents).toHaveLength(16);
		for (const e of dispatchEvents) expect(Number(e.n)).toBe(1);

		// Both workers took part: the work really ran in two processes at once.
		for (const file of workerLogs) expect(readFileSync(file, 'utf8')).toMatch(/started execution/i);
	});

	test('their staff messages, POST outbox/retry five times at once on two workers: each reaches WeCom exactly once', async () => {
		expect(numbers).toHaveLength(40);
		const messages = () =>
			store.db
				.selectFrom('outbox as o')
				.innerJoin('tickets as t', 't.id', 'o.ticketId')
				.select(['o.messageKey', 'o.kind', 'o.status', 't.ticketNumber'])
				.where('t.ticketNumber', 'in', numbers)
				.execute();
		const queued = await messages();
		// a new-ticket message per ticket (and an unassigned one for each the dispatch could give nobody)
		expect(
			queued
				.filter((m) => m.kind === 'new-ticket')
				.map((m) => m.ticketNumber)
				.sort(),
		).toEqual([...numbers].sort());
		expect(queued.every((m) => m.kind === 'new-ticket' || m.kind === 'unassigned')).toBe(true);
		expect(queued.length).toBeGreaterThan(50); // more than one run's batch: the runs share the work
		// WeCom rate-limited every attempt so far: nothing is sent yet
		expect(queued.filter((m) => m.status === 'sent')).toEqual([]);
		expect(wecom.delivered()).toEqual([]);

		wecom.mode = 'ok';
		const retries = await Promise.all(Array.from({ length: 5 }, () => post('outbox/retry', {})));
		expect(retries.map((r) => r.status)).toEqual(Array(5).fill(200));
		expect(retries.reduce((s, r) => s + Number(r.json.sent), 0)).toBeLessThanOrEqual(queued.length);
		// a message another run held then (a send-now run of the burst still recording its 45009)
		// waits its backoff: retried again until every message is sent
		const deadline = Date.now() + 180_000;
		let now = await messages();
		for (let i = 1; now.some((m) => m.status !== 'sent') && Date.now() < deadline; i++) {
			await new Promise((r) => setTimeout(r, 2000));
			if (i % 5 === 0) expect((await post('outbox/retry', {})).status).toBe(200);
			now = await messages();
		}
		expect(now.filter((m) => m.status !== 'sent')).toEqual([]);

		// WeCom received each message once: as many bodies as messages, no two the same, each
		// ticket's bodies as many as its messages
		const bodies = wecom.delivered().map((b) => JSON.stringify(b));
		expect(bodies).toHaveLength(queued.length);
		expect(new Set(bodies).size).toBe(bodies.length);
		for (const ticket of numbers) {
			expect([ticket, bodies.filter((b) => b.includes(ticket)).length]).toEqual([ticket, queued.filter((m) => m.ticketNumber === ticket).length]);
		}
	}, 300_000);
});

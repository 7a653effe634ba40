/**
 * Proof at scale, on `npm run start:queue` as a team runs it: the main process, two workers,
 * Redis, n8n's database and the store on PostgreSQL. A burst of 200 repair reports with
 * idempotency keys while one worker is killed with SIGKILL and the store's PostgreSQL
 * connections are terminated once; what fails is sent again with the same key. Afterwards the
 * records must be whole: exactly one ticket per report, distinct numbers, every ticket with its
 * voucher and history, no technician over capacity, no ticket dispatched twice.
 * Needs AFTER_SALES_TEST_PG and Redis on 127.0.0.1:6379 (.ci/run provides both).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { Store, STORE_APPLICATION_NAME } from '../../nodes/shared/store/store';
import { pgStoreConfig, withDatabase } from '../harness/pg-url';
import { awaitOneServiceDay, postTo } from './server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../scripts/n8n-runtime') as { freePort(): Promise<number> };

const url = process.env.AFTER_SALES_TEST_PG;
const describeWithPg = url ? describe : describe.skip;
const KEY = 'scale-e2e-key';
const ROOT = resolve(__dirname, '../..');

async function admin(sql: string, params: unknown[] = [], database?: string) {
	const client = new Client({ connectionString: database ? withDatabase(url!, database) : url });
	await client.connect();
	try {
		return (await client.query(sql, params)).rows;
	} finally {
		await client.end();
	}
}

describeWithPg('at scale, on npm run start:queue (main + 2 workers, Redis, PostgreSQL)', () => {
	const tag = `${process.pid}_${Date.now().toString(36)}`;
	const database = `after_sales_scale_${tag}`;
	const userFolder = mkdtempSync(join(tmpdir(), 'after-sales-scale-'));
	const logFile = join(userFolder, 'start-queue.log');
	let queue: ChildProcess;
	let port: number;
	let workers: number[] = [];
	let store: Store;

	const output = () => readFileSync(logFile, 'utf8');

	const post = (path: string, body: object, timeoutMs = 120_000) => postTo(`http://127.0.0.1:${port}/`, KEY, path, body, { timeoutMs });

	/** Sends until the answer is `want` (the same body, so the same idempotency key); counts the tries. */
	async function untilAnswered(path: string, body: object, want: number | number[], tries: { n: number; answers: Record<string, number> }) {
		for (let attempt = 1; attempt <= 12; attempt++) {
			tries.n++;
			try {
				const res = await post(path, body);
				tries.answers[res.status] = (tries.answers[res.status] ?? 0) + 1;
				if ([want].flat().includes(res.status)) return res;
				if (res.status >= 400 && res.status < 500 && res.status !== 409) throw new Error(`${path}: ${res.status} ${res.text}`);
			} catch (error) {
				if (String(error).includes(': 4')) throw error;
				const kind = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
				tries.answers[kind] = (tries.answers[kind] ?? 0) + 1;
			}
			await new Promise((r) => setTimeout(r, 1000 * attempt));
		}
		throw new Error(`${path}: no ${want} after 12 tries`);
	}

	beforeAll(async () => {
		port = await freePort();
		const out = openSync(logFile, 'a');
		queue = spawn(process.execPath, [join(ROOT, 'scripts/start-queue.js')], {
			cwd: ROOT,
			detached: true,
			stdio: ['ignore', out, out],
			env: {
				...process.env,
				NODE_ENV: 'production',
				N8N_USER_FOLDER: userFolder,
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				AFTER_SALES_PG_URL: withDatabase(url!, database),
				AFTER_SALES_WORKERS: '2',
				AFTER_SALES_WEBHOOK_KEY: KEY,
				QUEUE_BULL_PREFIX: `after-sales-scale-${tag}`,
				AFTER_SALES_SMTP_HOST: '',
				N8N_LOG_LEVEL: 'info',
			},
		});
		const deadline = Date.now() + 600_000;
		while (!output().includes('n8n is running')) {
			if (queue.exitCode !== null) throw new Error(`npm run start:queue ended early:\n${output().slice(-3000)}`);
			if (Date.now() > deadline) throw new Error(`npm run start:queue did not come up:\n${output().slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 1000));
		}
		workers = (/pids ([\d, ]+), logs/.exec(output())?.[1] ?? '').split(',').map((p) => Number(p.trim()));
		store = await Store.open(pgStoreConfig(withDatabase(url!, database), 'after_sales'));
	}, 900_000);

	afterAll(async () => {
		await store?.close();
		try {
			process.kill(-queue.pid!, 'SIGINT');
		} catch {}
		await new Promise((r) => setTimeout(r, 12_000));
		try {
			process.kill(-queue.pid!, 'SIGKILL');
		} catch {}
		await admin(`drop database if exists ${database} with (force)`).catch(() => undefined);
		if (process.env.AFTER_SALES_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	}, 120_000);

	test('start:queue printed what npm start prints, with its two workers', () => {
		expect(output()).toContain('n8n is running with n8n-nodes-after-sales');
		expect(output()).toMatch(/Queue: +Redis 127\.0\.0\.1:6379; 2 worker\(s\)/);
		expect(output()).toContain(`Webhook key:  ${KEY}`);
		expect(workers).toHaveLength(2);
		for (const pid of workers) expect(pid).toBeGreaterThan(1);
	});

	test('200 reports at once while the store connections are cut twice: every report answered 201 the first time, 200 tickets', async () => {
		const reports = Array.from({ length: 200 }, (_, i) => ({
			customerName: `断线客户${i % 40}`,
			phone: `1380004${String(i % 40).padStart(4, '0')}`,
			address: `上海市徐汇区断线路${i}号`,
			siteSituation: `断线报修 ${i}`,
			skill: 'S断线',
			idempotencyKey: `cut-${tag}-${i}`,
		}));
		let answered = 0;
		const cuts: number[] = [];
		const cutter = (async () => {
			for (const at of [30, 110]) {
				while (answered < at) await new Promise((r) => setTimeout(r, 50));
				const cut = await admin(`select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = $1 and application_name = $2`, [
					database,
					STORE_APPLICATION_NAME,
				]);
				cuts.push(cut.length);
			}
		})();
		const answers = await Promise.all(
			reports.map(async (r) => {
				const res = await post('repairs', r);
				answered++;
				return res;
			}),
		);
		await cutter;
		const statuses: Record<string, number> = {};
		for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
		process.stdout.write(
			`[scale] connections cut twice (${cuts.join(' and ')} store connections): 200 requests answered ${JSON.stringify(statuses)}\n`,
		);
		expect(cuts).toHaveLength(2);
		expect(cuts.every((n) => n > 0)).toBe(true);
		expect(statuses).toEqual({ 201: 200 });
		const numbers = new Set(answers.map((a) => String(a.json?.ticketNumber)));
		expect(numbers.size).toBe(200);
		const rows = await store.db.selectFrom('tickets').select('ticketNumber').where('idempotencyKey', 'like', `cut-${tag}-%`).execute();
		expect(new Set(rows.map((r) => r.ticketNumber))).toEqual(numbers);
	}, 900_000);

	test('200 reports at once while a worker is SIGKILLed and the store connections are cut: 200 whole tickets, numbers distinct, capacity held', async () => {
		const technicians = Array.from({ length: 20 }, (_, i) => ({
			name: `规模技师${i}`,
			phone: `1350003${String(i).padStart(4, '0')}`,
			skills: 'S并发',
			dailyCapacity: 8,
		}));
		expect((await post('import/technicians', technicians)).json).toMatchObject({ created: 20, rejected: [] });
		// 20 technicians × 8 a day = 160 of the 200 can go out, if the burst stays in one service day.
		await awaitOneServiceDay(600);
		const reports = Array.from({ length: 200 }, (_, i) => ({
			customerName: `规模客户${i % 40}`,
			phone: `1380003${String(i % 40).padStart(4, '0')}`,
			address: `上海市徐汇区规模路${i}号`,
			siteSituation: `并发报修 ${i}`,
			skill: 'S并发',
			idempotencyKey: `scale-${tag}-${i}`,
		}));
		const tries = { n: 0, answers: {} as Record<string, number> };
		let answered = 0;
		const faults = (async () => {
			while (answered < 30) await new Promise((r) => setTimeout(r, 200));
			process.kill(-workers[0], 'SIGKILL');
			const cut = await admin(`select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = $1 and application_name = $2`, [
				database,
				STORE_APPLICATION_NAME,
			]);
			return { workerKilled: workers[0], connectionsCut: cut.length };
		})();
		const answers = await Promise.all(
			reports.map(async (r) => {
				const res = await untilAnswered('repairs', r, 201, tries);
				if (++answered % 25 === 0) process.stdout.write(`[scale] ${answered} of 200 answered (${tries.n} requests)\n`);
				return res.json!;
			}),
		);
		const fault = await faults;
		process.stdout.write(
			`[scale] ${tries.n} requests for 200 reports (answers ${JSON.stringify(tries.answers)}); worker ${fault.workerKilled} killed; ${fault.connectionsCut} store connections cut\n`,
		);
		expect(fault.connectionsCut).toBeGreaterThan(0);
		expect(output()).toContain(`Worker 1 (pid ${fault.workerKilled}) ended (SIGKILL); starting it again.`);

		// One ticket per report: the answers name 200 distinct tickets, and so does the register.
		const numbers = answers.map((a) => String(a.ticketNumber));
		expect(new Set(numbers).size).toBe(200);
		const rows = await store.db
			.selectFrom('tickets')
			.select(['id', 'ticketNumber', 'voucherNumber', 'idempotencyKey', 'status', 'technicianId', 'dispatchedOn'])
			.where('idempotencyKey', 'like', `scale-${tag}-%`)
			.execute();
		expect(rows).toHaveLength(200);
		expect(new Set(rows.map((r) => r.ticketNumber))).toEqual(new Set(numbers));
		expect(new Set(rows.map((r) => r.voucherNumber)).size).toBe(200);
		for (const r of rows) expect(r.voucherNumber).toBe(r.ticketNumber.replace(/^BX-/, 'PZ-'));
		// Every ticket whole: its registration in the history, and one dispatch entry if it was dispatched.
		const events = await store.db
			.selectFrom('ticketEvents')
			.select(['ticketId', 'action'])
			.where(
				'ticketId',
				'in',
				rows.map((r) => r.id),
			)
			.execute();
		const byTicket = new Map<number, string[]>();
		for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e.action]);
		for (const r of rows) {
			expect([r.ticketNumber, (byTicket.get(r.id) ?? []).filter((a) => a === 'register').length]).toEqual([r.ticketNumber, 1]);
			expect([r.ticketNumber, (byTicket.get(r.id) ?? []).filter((a) => a === 'dispatch').length]).toEqual([
				r.ticketNumber,
				r.status === 'dispatched' ? 1 : 0,
			]);
		}
		// Capacity per technician per dispatch day, never exceeded.
		const load = new Map<string, number>();
		for (const r of rows.filter((x) => x.technicianId !== null))
			load.set(`${r.technicianId}/${r.dispatchedOn}`, (load.get(`${r.technicianId}/${r.dispatchedOn}`) ?? 0) + 1);
		for (const [who, n] of load) expect([who, n <= 8]).toEqual([who, true]);
		expect(rows.filter((r) => r.status === 'dispatched').length).toBe(Math.min(200, 20 * 8));
	}, 1_800_000);

	/** A live worker killed with SIGKILL (it is started again) and the store's connections cut, once `answered()` reaches `after`. */
	async function faultsWhen(answered: () => number, after: number) {
		while (answered() < after) await new Promise((r) => setTimeout(r, 100));
		// The first burst killed worker 1's first process; its restarted process and worker 2 live.
		const restarted = [...output().matchAll(/Worker \d started again \(pid (\d+)\)/g)].map((m) => Number(m[1]));
		const alive = [...restarted, workers[1]].filter((pid) => {
			try {
				process.kill(pid, 0);
				return true;
			} catch {
				return false;
			}
		});
		const victim = alive[0];
		process.kill(-victim, 'SIGKILL');
		const cut = await admin(`select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = $1 and application_name = $2`, [
			database,
			STORE_APPLICATION_NAME,
		]);
		return { workerKilled: victim, connectionsCut: cut.length };
	}

	test('50 tile orders reserve the same stock at once under the same faults: reserved never above stock, each order reserved once', async () => {
		// 50 m² of 600×600 per order: 50 × 1.05 / 0.36 = 145.8 → 146 pieces → 37 boxes + 2 extra = 39 (T3).
		// Stock for exactly 30 of the 50 orders: 30 × 39 = 1,170 boxes (an import sets only the opening stock).
		const perOrder = 39;
		const onHand = 30 * perOrder;
		expect(
			(
				await post('import/tile-models', [
					{
						modelCode: 'SCALE-600',
						name: '规模砖',
						widthMm: 600,
						heightMm: 600,
						piecesPerBox: 4,
						boxWeightKg: 26,
						pricePerBoxYuan: 100,
						boxesOnHand: onHand,
					},
				])
			).json,
		).toMatchObject({ created: 1, rejected: [] });
		const orders: string[] = [];
		for (let i = 0; i < 50; i++) {
			const body = {
				customerName: `规模订单客户${i}`,
				phone: `1390004${String(i).padStart(4, '0')}`,
				address: `上海市规模路${i}号`,
				depositYuan: 100,
				lines: [{ modelCode: 'SCALE-600', areaM2: 50 }],
				idempotencyKey: `scale-order-${tag}-${i}`,
			};
			const res = await untilAnswered('orders', body, 201, { n: 0, answers: {} });
			expect(res.json).toMatchObject({ stockSufficient: true, lines: [{ boxes: perOrder }] });
			orders.push(String(res.json!.orderNumber));
			await untilAnswered(`orders/${res.json!.orderNumber}/measurement`, {}, 200, { n: 0, answers: {} });
		}

		const tries = { n: 0, answers: {} as Record<string, number> };
		let answered = 0;
		const faults = faultsWhen(() => answered, 8);
		// prepare-stock is not idempotent by key: a lost answer is sent again, and a 400 then means
		// either "short" or "already prepared" — the register below is what counts.
		const outcomes = await Promise.all(
			orders.map(async (n) => {
				for (let attempt = 1; attempt <= 12; attempt++) {
					tries.n++;
					try {
						const res = await post(`orders/${n}/prepare-stock`, {});
						tries.answers[res.status] = (tries.answers[res.status] ?? 0) + 1;
						if (res.status < 500) {
							answered++;
							return res.status;
						}
					} catch (error) {
						const kind = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
						tries.answers[kind] = (tries.answers[kind] ?? 0) + 1;
					}
					await new Promise((r) => setTimeout(r, 1000 * attempt));
				}
				throw new Error(`orders/${n}/prepare-stock: no answer below 500 after 12 tries`);
			}),
		);
		const fault = await faults;
		process.stdout.write(
			`[scale] ${tries.n} requests for 50 reservations (answers ${JSON.stringify(tries.answers)}); worker ${fault.workerKilled} killed; ${fault.connectionsCut} store connections cut\n`,
		);
		expect(outcomes.every((s) => s === 200 || s === 400)).toBe(true);

		const model = await store.db
			.selectFrom('tileModels')
			.select(['id', 'boxesOnHand', 'boxesReserved'])
			.where('modelCode', '=', 'SCALE-600')
			.executeTakeFirstOrThrow();
		const rows = await store.db
			.selectFrom('tileOrders as o')
			.leftJoin('tileReservations as r', (j) => j.onRef('r.orderId', '=', 'o.id').on('r.releasedAt', 'is', null))
			.select(['o.orderNumber', 'o.status', 'o.stockPreparedAt', 'r.boxes'])
			.where('o.orderNumber', 'in', orders)
			.execute();
		const prepared = rows.filter((r) => r.stockPreparedAt !== null);
		// Stock for 30: exactly 30 orders won, each with one live reservation of its boxes, the rest none.
		expect(new Set(prepared.map((r) => r.orderNumber)).size).toBe(30);
		expect(prepared).toHaveLength(30);
		for (const r of prepared) expect([r.orderNumber, Number(r.boxes)]).toEqual([r.orderNumber, perOrder]);
		for (const r of rows.filter((x) => x.stockPreparedAt === null)) expect([r.orderNumber, r.boxes]).toEqual([r.orderNumber, null]);
		expect(Number(model.boxesReserved)).toBe(30 * perOrder);
		expect(Number(model.boxesReserved)).toBeLessThanOrEqual(Number(model.boxesOnHand));
		// Every order answered 200 at least once is among the winners.
		expect(outcomes.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
	}, 1_800_000);

	test('50 invoices at once under the same faults: one invoice per ticket, numbers distinct and gap-free', async () => {
		// 50 of the burst's dispatched tickets (no warranty, no contract: paid service, P5) are solved on site.
		const dispatched = await store.db
			.selectFrom('tickets')
			.select(['id', 'ticketNumber'])
			.where('idempotencyKey', 'like', `scale-${tag}-%`)
			.where('status', '=', 'dispatched')
			.orderBy('id')
			.limit(50)
			.execute();
		expect(dispatched).toHaveLength(50);
		const before = await store.db.selectFrom('invoices').select('invoiceNumber').execute();
		const tries = { n: 0, answers: {} as Record<string, number> };
		let answered = 0;
		const faults = faultsWhen(() => answered, 8);
		await Promise.all(
			dispatched.map(async (t) => {
				const visit = { outcome: 'solved', solution: '更换电容', customerSignature: '客户', minutes: 60 };
				for (let attempt = 1; attempt <= 12; attempt++) {
					tries.n++;
					try {
						const res = await post(`repairs/${t.ticketNumber}/visit`, visit);
						tries.answers[res.status] = (tries.answers[res.status] ?? 0) + 1;
						// 400 after a lost answer: the visit is already recorded.
						if (res.status === 200 || res.status === 400) break;
					} catch (error) {
						const kind = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
						tries.answers[kind] = (tries.answers[kind] ?? 0) + 1;
					}
					await new Promise((r) => setTimeout(r, 1000 * attempt));
				}
				// Then the invoice, twice at once (the visit workflow issued it already): the same number both times.
				const two = await Promise.all([0, 1].map(() => untilAnswered(`repairs/${t.ticketNumber}/invoice`, {}, [200, 201], tries)));
				answered++;
				expect(two[0].json!.invoiceNumber).toBe(two[1].json!.invoiceNumber);
			}),
		);
		const fault = await faults;
		process.stdout.write(
			`[scale] ${tries.n} requests for 50 visits and invoices (answers ${JSON.stringify(tries.answers)}); worker ${fault.workerKilled} killed; ${fault.connectionsCut} store connections cut\n`,
		);
		const rows = await store.db
			.selectFrom('invoices')
			.select(['invoiceNumber', 'ticketId', 'status'])
			.where(
				'ticketId',
				'in',
				dispatched.map((t) => t.id),
			)
			.execute();
		expect(rows).toHaveLength(50);
		expect(new Set(rows.map((r) => r.ticketId)).size).toBe(50);
		const all = await store.db.selectFrom('invoices').select('invoiceNumber').execute();
		expect(all.length - before.length).toBe(50);
		// Gap-free per year: the numbers of the year are 1 … n with none missing or repeated.
		const seq = all.map((r) => Number(r.invoiceNumber.slice(-6))).sort((a, b) => a - b);
		expect(seq).toEqual(Array.from({ length: seq.length }, (_, i) => i + 1));
	}, 1_800_000);
});

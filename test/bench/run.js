/**
 * npm run bench — speed, measured, never asserted; every figure is a ratio to a baseline taken
 * in the same run, or a time with the load of the machine printed beside it.
 *
 * 1. Dispatch: a day of N open tickets × 100 technicians, N = 100 … 1000: the pure plan alone,
 *    and a whole automatic dispatch run on a SQLite store. Medians of 5 runs; growth against the
 *    100-ticket row of this run.
 * 2. The store: tickets created per second through the intake's transaction against single-row
 *    INSERTs per second into a table as wide, on SQLite and (with AFTER_SALES_TEST_PG or
 *    AFTER_SALES_BENCH_PG) on PostgreSQL (test/bench/store-insert.js).
 * 3. The real n8n server: repair-intake executions per second against the same workflow with
 *    n8n's Set nodes in place of ours, driven by autocannon (test/bench/server.js); skipped with
 *    BENCH_SERVER=0.
 *
 * BENCH_JSON=file writes the figures as JSON (keys in README, "Scale and reliability").
 */
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const dist = join(__dirname, '../../dist/nodes');
const { Store } = require(`${dist}/shared/store/store`);
const { planDispatch, DEFAULT_WEIGHTS } = require(`${dist}/shared/rules/dispatch`);
const { dispatchAuto } = require(`${dist}/shared/services/dispatch-run`);
const { createCustomer } = require(`${dist}/shared/store/registers/customers`);
const { createTechnician } = require(`${dist}/shared/store/registers/technicians`);
const { insertTicket } = require(`${dist}/shared/store/registers/tickets`);

const TODAY = '2026-11-27';
const AREAS = ['徐汇', '闵行', '浦东', '静安', '长宁', '普陀', '杨浦', '虹口', '黄浦', '宝山'];
const SKILLS = ['空调', '电梯', '锅炉', '消防', '弱电'];
const SIZES = [100, 250, 500, 1000];
const REPEAT = 5;

const technicians = Array.from({ length: 100 }, (_, i) => ({
	name: `技师${i}`,
	phone: `1370000${String(i).padStart(4, '0')}`,
	skills: [SKILLS[i % 5], SKILLS[(i + 2) % 5]],
	areas: [AREAS[i % 10], AREAS[(i + 3) % 10]],
	dailyCapacity: 12,
}));
const ticket = (i) => ({
	id: i + 1,
	ticketNumber: `BX-20261127-${String(i + 1).padStart(4, '0')}`,
	category: 'ABCD'[i % 4],
	address: `上海市${AREAS[i % 10]}区某路${i}号`,
	skill: SKILLS[i % 5],
	reportedAt: new Date(Date.UTC(2026, 10, 26 + (i % 2), i % 24)).toISOString(),
	reportDate: i % 2 ? TODAY : '2026-11-26',
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function planOnly(n) {
	const tickets = Array.from({ length: n }, (_, i) => ticket(i));
	const pool = technicians.map((t, id) => ({ ...t, id: id + 1, active: true, jobsToday: 0 }));
	const times = [];
	for (let r = 0; r < REPEAT; r++) {
		const t0 = performance.now();
		planDispatch(tickets, pool, DEFAULT_WEIGHTS, TODAY);
		times.push(performance.now() - t0);
	}
	return median(times);
}

async function wholeRun(n) {
	const times = [];
	let assigned = 0;
	for (let r = 0; r < REPEAT; r++) {
		const dir = mkdtempSync(join(tmpdir(), 'after-sales-bench-'));
		const store = await Store.open({ backend: 'sqlite', file: join(dir, 'bench.sqlite') });
		const now = new Date().toISOString();
		await store.transaction(async (trx) => {
			const c = await createCustomer(trx, { name: '基准客户', phone: '13800009999' }, now);
			for (const t of technicians) await createTechnician(trx, t, now);
			for (let i = 0; i < n; i++) {
				const d = ticket(i);
				await insertTicket(
					trx,
					{ ...d, voucherNumber: d.ticketNumber.replace('BX', 'PZ'), customerId: c.id, contactPerson: null, phone: '13800009999', siteSituation: '故障', serialNo: null, contractNo: null, customerType: 'liaison-letter', basis: 'bench', dueAt: '2026-11-29T00:00:00.000Z', idempotencyKey: null },
					'bench',
					now,
				);
			}
		});
		const t0 = performance.now();
		const result = await dispatchAuto(store, DEFAULT_WEIGHTS, { today: TODAY, actor: 'bench', now });
		times.push(performance.now() - t0);
		assigned = result.assignments.length;
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
	return { ms: median(times), assigned };
}

const figures = {};

(async () => {
	console.log(`Dispatch benchmark: N open tickets × ${technicians.length} technicians (median of ${REPEAT}), SQLite store`);
	console.log('tickets | plan only (ms) | growth | whole run (ms) | growth | assigned');
	// Warm-up, not reported: lets the JIT compile the hot paths before anything is timed.
	planOnly(SIZES[0]);
	await wholeRun(SIZES[0]);
	let base;
	for (const n of SIZES) {
		const plan = planOnly(n);
		const whole = await wholeRun(n);
		base ??= { plan, whole: whole.ms };
		if (n === 1000) {
			figures.dispatch1000x100Ms = Number(whole.ms.toFixed(2));
			figures.dispatchPlan1000x100Ms = Number(plan.toFixed(3));
		}
		console.log(
			[String(n).padStart(7), plan.toFixed(2).padStart(14), `${(plan / base.plan).toFixed(2)}x`.padStart(6), whole.ms.toFixed(1).padStart(14), `${(whole.ms / base.whole).toFixed(2)}x`.padStart(6), String(whole.assigned).padStart(8)].join(' | '),
		);
	}
	console.log(`Ticket count grows ${SIZES[SIZES.length - 1] / SIZES[0]}x from the first row to the last.`);

	const pgUrl = process.env.AFTER_SALES_BENCH_PG || process.env.AFTER_SALES_TEST_PG;
	console.log('\nThe store: tickets through the intake transaction against single-row INSERTs into a table as wide (median of 5 × 200)');
	figures.ticketInsertVsRawInsert = {};
	for (const backend of ['sqlite', ...(pgUrl ? ['postgres'] : [])]) {
		const r = await require('./store-insert').measure(backend, { pgUrl });
		figures.ticketInsertVsRawInsert[backend] = Number(r.ratio.toFixed(3));
		console.log(`${backend.padEnd(8)} ${r.tickets.toFixed(0).padStart(6)} tickets/s  ${r.rawInserts.toFixed(0).padStart(6)} inserts/s (${r.width} columns)  ratio ${r.ratio.toFixed(2)} (target ≥ 0.5)`);
	}
	if (!pgUrl) console.log('postgres  skipped: set AFTER_SALES_BENCH_PG (or AFTER_SALES_TEST_PG) to a scratch database URL');

	if (process.env.BENCH_SERVER !== '0') {
		console.log('\nThe real n8n server: repair intake against the same workflow with Set nodes (autocannon, median of 3 × 8 s)');
		const r = await require('./server').measure({ seconds: 8, rounds: 3 });
		figures.intakeVsSetWorkflow = Number(r.ratio.toFixed(3));
		console.log(`concurrency 1: ${r.intakePerSecond.toFixed(1)} vs ${r.setPerSecond.toFixed(1)} executions/s, ratio ${r.ratio.toFixed(2)} (target ≥ 0.85)`);
		console.log(`concurrency 8: ${r.intakePerSecondC8.toFixed(1)} vs ${r.setPerSecondC8.toFixed(1)} executions/s, ratio ${r.ratioC8.toFixed(2)}${r.failedRequests ? `; ${r.failedRequests} requests failed` : ''}`);
	}

	figures.loadAverage = require('node:os').loadavg().map((l) => Number(l.toFixed(2)));
	if (process.env.BENCH_JSON) {
		require('node:fs').writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(figures, null, 2)}\n`);
		console.log(`\nFigures written to ${process.env.BENCH_JSON}`);
	}
})().catch((e) => {
	console.error(e);
	process.exit(1);
});

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
 *
 * 4. Compute Tile Stock over 10,000 lines in one execution on n8n's own engine (n8n-core's
 *    WorkflowExecute, the package loaded from dist as n8n loads it): time per line, and the ratio
 *    to the same 10,000 items through a no-op node in the same run.
 *
 * 5. The contract expiry scan on 1,000,000 contracts: its query through the store's register
 *    code against the bare indexed range query on the same database (test/bench/expiry-scan.js);
 *    key expiryScan1MVsBareSelect: the worst backend measured (target ≤ 2); each backend's under
 *    expiryScan1MVsBareSelectByBackend.
 *
 * 6. A year of a busy department (test/bench/year.js): 100,000 tickets, 10,000 contracts, 50,000
 *    invoices, 60,000 surveys, 2,000 work-log lines a week, filled by the database; the board, the
 *    monthly KPI, the weekly work report and the receivables list through the store's services
 *    against the bare SQL returning the same rows. Keys boardYearVsBareSql, kpiMonthYearVsBareSql,
 *    workWeekYearVsBareSql, receivablesYearVsBareSql (the slower backend; target ≤ 2), each with
 *    …ByBackend and …Ms ({ backend: { serviceMs, bareMs } }). BENCH_YEAR=0 skips it;
 *    BENCH_YEAR_SCALE=0.1 fills a tenth of the year.
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
					{
						...d,
						voucherNumber: d.ticketNumber.replace('BX', 'PZ'),
						customerId: c.id,
						contactPerson: null,
						phone: '13800009999',
						siteSituation: '故障',
						serialNo: null,
						contractNo: null,
						customerType: 'liaison-letter',
						basis: 'bench',
						dueAt: '2026-11-29T00:00:00.000Z',
						idempotencyKey: null,
					},
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

// ---------------------------------------------------------------------------------------------
// Compute Tile Stock on n8n's engine

const { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow } = require('n8n-workflow');

const LINES = 10_000;

/** n8n's No Op node as it is: the input passed through. */
class NoOp {
	description = {
		displayName: 'No Op',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: '',
		defaults: { name: 'No Op' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};
	async execute() {
		return [this.getInputData()];
	}
}
class Trigger {
	description = {
		displayName: 'Manual',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: 'Manual' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};
	async execute() {
		return [[{ json: {} }]];
	}
}
class Credentials extends ICredentialsHelper {
	constructor(data) {
		super();
		this.data = data;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(_c, _t, o) {
		return o;
	}
	async preAuthentication() {}
	async runPreAuthentication() {}
	async getCredentials() {
		throw new Error('not used');
	}
	async getDecrypted(_a, _d, type) {
		return this.data[type];
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return [];
	}
}

async function engine() {
	const loader = new PackageDirectoryLoader(join(__dirname, '../..'));
	await loader.loadAll();
	const types = { 'n8n-nodes-base.manualTrigger': new Trigger(), 'n8n-nodes-base.noOp': new NoOp() };
	for (const [name, data] of Object.entries(loader.nodeTypes)) types[`${loader.packageName}.${name}`] = data.type;
	const nodeTypes = {
		getByName: (n) => types[n],
		getByNameAndVersion: (n, v) => NodeHelpers.getVersionedNodeType(types[n], v),
		getKnownTypes: () => ({}),
	};
	let executions = 0;
	/** Runs Manual → `node` with `items` pinned on the trigger; returns the ms the execution took and the node's output count. */
	return async function run(node, items, credentials = {}) {
		const nodes = [
			{ id: 't', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'n', name: 'Node', typeVersion: 1, position: [200, 0], ...node },
		];
		const connections = { Manual: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } };
		const workflow = new Workflow({
			id: 'bench',
			name: 'bench',
			nodes,
			connections,
			active: false,
			nodeTypes,
			settings: { timezone: 'Asia/Shanghai' },
		});
		const id = String(++executions);
		const additionalData = {
			credentialsHelper: new Credentials(credentials),
			hooks: new ExecutionLifecycleHooks('manual', id, {
				id: 'bench',
				name: 'bench',
				active: false,
				isArchived: false,
				nodes,
				connections,
				createdAt: new Date(),
				updatedAt: new Date(),
			}),
			executionId: id,
			currentNodeExecutionIndex: 0,
			variables: {},
			restApiUrl: 'http://localhost/rest',
			instanceBaseUrl: 'http://localhost/',
			webhookBaseUrl: 'http://localhost/webhook',
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost/webhook-test',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			userId: 'bench',
			executeWorkflow: async () => undefined,
			getRunExecutionData: async () => undefined,
			logAiEvent: () => undefined,
			setExecutionStatus: () => undefined,
			startRunnerTask: async () => undefined,
		};
		const pinData = { Manual: items.map((json) => ({ json })) };
		const t0 = performance.now();
		const result = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: nodes[0], pinData });
		const ms = performance.now() - t0;
		const error = result.data.resultData.error;
		if (error) throw error;
		return { ms, out: result.data.resultData.runData.Node[0].data.main[0].length };
	};
}

async function tileStockBench() {
	const run = await engine();
	const sizes = [
		[600, 600],
		[800, 800],
		[600, 1200],
		[750, 1500],
		[300, 600],
	];
	const typed = Array.from({ length: LINES }, (_, i) => {
		const [w, h] = sizes[i % sizes.length];
		return {
			tileWidthMm: w,
			tileHeightMm: h,
			piecesPerBox: 2 + (i % 4),
			boxWeightKg: 20 + (i % 10) / 2,
			pricePerBoxYuan: 80 + (i % 50),
			areaM2: (5 + (i % 400) / 10).toFixed(1),
		};
	});
	const dir = mkdtempSync(join(tmpdir(), 'after-sales-bench-'));
	const storeFile = join(dir, 'bench.sqlite');
	const store = await Store.open({ backend: 'sqlite', file: storeFile });
	const { createTileModel } = require(`${dist}/shared/store/registers/tile-models`);
	await store.transaction(async (trx) => {
		for (let m = 0; m < 50; m++) {
			const [w, h] = sizes[m % sizes.length];
			await createTileModel(
				trx,
				{
					modelCode: `BM-${m}`,
					name: `基准砖${m}`,
					widthMm: w,
					heightMm: h,
					piecesPerBox: 4,
					boxWeightG: 26000,
					pricePerBoxFen: 12800,
					boxesOnHand: 1_000_000,
				},
				new Date().toISOString(),
			);
		}
	});
	await store.close();
	const stocked = typed.map((l, i) => ({ modelCode: `BM-${i % 50}`, areaM2: l.areaM2 }));
	const credentials = { afterSalesStore: { backend: 'sqlite', file: storeFile } };
	const TILE = 'n8n-nodes-after-sales.computeTileStock';
	const cases = [
		["No Op (n8n's pass-through)", () => run({ type: 'n8n-nodes-base.noOp', parameters: {} }, typed)],
		['Estimate, one summary item', () => run({ type: TILE, parameters: { mode: 'estimate' } }, typed)],
		['Estimate, one item per line', () => run({ type: TILE, parameters: { mode: 'estimate', output: 'lines' } }, typed)],
		[
			'Check Stock (SQLite), summary',
			() =>
				run({ type: TILE, parameters: { mode: 'checkStock' }, credentials: { afterSalesStore: { id: '1', name: 'store' } } }, stocked, credentials),
		],
	];
	// Warm-up, not reported.
	for (const [, fn] of cases) await fn();
	console.log('');
	console.log(`Compute Tile Stock: ${LINES.toLocaleString('en')} lines in one execution (n8n-core WorkflowExecute, median of ${REPEAT})`);
	console.log('node                               | execution (ms) | per line (µs) | ratio to No Op');
	let base;
	for (const [name, fn] of cases) {
		const times = [];
		for (let r = 0; r < REPEAT; r++) times.push((await fn()).ms);
		const ms = median(times);
		base ??= ms;
		console.log(
			[name.padEnd(34), ms.toFixed(0).padStart(14), ((ms * 1000) / LINES).toFixed(1).padStart(13), `${(ms / base).toFixed(2)}x`.padStart(14)].join(
				' | ',
			),
		);
		if (name.startsWith('Estimate') && figures.tileStock10kLinesMs === undefined) {
			figures.tileStock10kLinesMs = Number(ms.toFixed(1));
			figures.tileStock10kLinesVsNoOp = Number((ms / base).toFixed(2));
		}
	}
	const { closeAllStores } = require(`${dist}/shared/store/store`);
	await closeAllStores();
	rmSync(dir, { recursive: true, force: true });
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
			[
				String(n).padStart(7),
				plan.toFixed(2).padStart(14),
				`${(plan / base.plan).toFixed(2)}x`.padStart(6),
				whole.ms.toFixed(1).padStart(14),
				`${(whole.ms / base.whole).toFixed(2)}x`.padStart(6),
				String(whole.assigned).padStart(8),
			].join(' | '),
		);
	}
	console.log(`Ticket count grows ${SIZES[SIZES.length - 1] / SIZES[0]}x from the first row to the last.`);
	await tileStockBench();

	const pgUrl = process.env.AFTER_SALES_BENCH_PG || process.env.AFTER_SALES_TEST_PG;
	console.log('\nThe store: tickets through the intake transaction against single-row INSERTs into a table as wide (median of 5 × 200)');
	figures.ticketInsertVsRawInsert = {};
	for (const backend of ['sqlite', ...(pgUrl ? ['postgres'] : [])]) {
		const r = await require('./store-insert').measure(backend, { pgUrl });
		figures.ticketInsertVsRawInsert[backend] = Number(r.ratio.toFixed(3));
		if (r.ratioBefore !== undefined)
			figures.ticketInsertVsRawInsertBefore = { ...figures.ticketInsertVsRawInsertBefore, [backend]: Number(r.ratioBefore.toFixed(3)) };
		console.log(
			`${backend.padEnd(8)} ${r.tickets.toFixed(0).padStart(6)} tickets/s  ${r.rawInserts.toFixed(0).padStart(6)} inserts/s (${r.width} columns)  ratio ${r.ratio.toFixed(2)} (target ≥ 0.5)${r.ratioBefore === undefined ? '' : `; the build in BENCH_BEFORE_DIST: ${r.ticketsBefore.toFixed(0)} tickets/s, ratio ${r.ratioBefore.toFixed(2)}`}`,
		);
	}
	if (!pgUrl) console.log('postgres  skipped: set AFTER_SALES_BENCH_PG (or AFTER_SALES_TEST_PG) to a scratch database URL');

	console.log(
		"\nThe expiry scan: 1,000,000 contracts, the scan's query through the store against the bare indexed range query (median of 15, test/bench/expiry-scan.js)",
	);
	figures.expiryScan1MVsBareSelectByBackend = {};
	for (const backend of ['sqlite', ...(pgUrl ? ['postgres'] : [])]) {
		const r = await require('./expiry-scan').measure(backend, { pgUrl });
		figures.expiryScan1MVsBareSelectByBackend[backend] = Number(r.ratio.toFixed(3));
		// One figure against the target: the slower backend's.
		figures.expiryScan1MVsBareSelect = Math.max(figures.expiryScan1MVsBareSelect ?? 0, Number(r.ratio.toFixed(3)));
		console.log(
			`${backend.padEnd(8)} ${r.inRange} contracts in range: scan query ${r.scanMs.toFixed(1)} ms, bare select ${r.bareMs.toFixed(1)} ms, ratio ${r.ratio.toFixed(2)} (target ≤ 2)`,
		);
	}

	if (process.env.BENCH_YEAR !== '0') {
		const year = require('./year');
		console.log(
			`\nA year of a busy department (${JSON.stringify(year.SIZE)}): each read through the store's service against its bare SQL (median of 9, test/bench/year.js)`,
		);
		const KEYS = {
			board: 'boardYearVsBareSql',
			kpiMonth: 'kpiMonthYearVsBareSql',
			workWeek: 'workWeekYearVsBareSql',
			receivables: 'receivablesYearVsBareSql',
		};
		for (const backend of ['sqlite', ...(pgUrl ? ['postgres'] : [])]) {
			const r = await year.measure(backend, { pgUrl });
			console.log(`${backend.padEnd(8)} filled in ${(r.fillMs / 1000).toFixed(1)} s`);
			for (const [name, key] of Object.entries(KEYS)) {
				const x = r.results[name];
				const ratio = Number(x.ratio.toFixed(3));
				figures[`${key}ByBackend`] = { ...figures[`${key}ByBackend`], [backend]: ratio };
				figures[`${key}Ms`] = {
					...figures[`${key}Ms`],
					[backend]: { serviceMs: Number(x.serviceMs.toFixed(1)), bareMs: Number(x.bareMs.toFixed(1)) },
				};
				// One figure against the target: the slower backend's.
				figures[key] = Math.max(figures[key] ?? 0, ratio);
				console.log(
					`  ${name.padEnd(12)} service ${x.serviceMs.toFixed(1).padStart(8)} ms, bare SQL ${x.bareMs.toFixed(1).padStart(8)} ms, ratio ${x.ratio.toFixed(2)} (target ≤ 2)`,
				);
			}
		}
	}

	if (process.env.BENCH_SERVER !== '0') {
		console.log('\nThe real n8n server: repair intake against the same workflow with Set nodes (autocannon, median of 3 × 8 s)');
		const r = await require('./server').measure({ seconds: 8, rounds: 3 });
		figures.intakeVsSetWorkflow = Number(r.ratio.toFixed(3));
		console.log(
			`concurrency 1: ${r.intakePerSecond.toFixed(1)} vs ${r.setPerSecond.toFixed(1)} executions/s, ratio ${r.ratio.toFixed(2)} (target ≥ 0.85)`,
		);
		console.log(
			`concurrency 8: ${r.intakePerSecondC8.toFixed(1)} vs ${r.setPerSecondC8.toFixed(1)} executions/s, ratio ${r.ratioC8.toFixed(2)}${r.failedRequests ? `; ${r.failedRequests} requests failed` : ''}`,
		);
	}

	figures.loadAverage = require('node:os')
		.loadavg()
		.map((l) => Number(l.toFixed(2)));
	if (process.env.BENCH_JSON) {
		require('node:fs').writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(figures, null, 2)}\n`);
		console.log(`\nFigures written to ${process.env.BENCH_JSON}`);
	}
})().catch((e) => {
	console.error(e);
	process.exit(1);
});

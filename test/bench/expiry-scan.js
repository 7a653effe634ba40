/**
 * The contract expiry scan on a large register: 1,000,000 contracts (ending over twelve years,
 * 80 % active, the rest cancelled or renewed; a part of the month in range already noticed).
 * The scan's query, through the store's register code (contractsInNoticeRange: Kysely, the
 * camel-case plugin, the left join to the notices), against the bare indexed range query
 * `select id, contract_no, ends_on from contracts where status = 'active' and ends_on between ? and ?`
 * on the same database in the same run, interleaved. Ratio target ≤ 2.
 *
 *   npm run build && npx node test/bench/expiry-scan.js        (SQLite; PostgreSQL too with AFTER_SALES_BENCH_PG or AFTER_SALES_TEST_PG)
 */
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, dirname } = require('node:path');
const { performance } = require('node:perf_hooks');
const { sql } = require('kysely');
const { pgStoreConfig } = require('../harness/pg-url');
const dist = join(__dirname, '../../dist/nodes');
const { Store } = require(`${dist}/shared/store/store`);
const { contractsInNoticeRange } = require(`${dist}/shared/store/registers/contract-notices`);
const { noticeRange } = require(`${dist}/shared/rules/contract-expiry`);

const CONTRACTS = 1_000_000;
const CUSTOMERS = 1_000;
/** The scan's day: its range is 2026-01-31 … 2026-02-28 (31 January reaches the end of February). */
const TODAY = '2026-01-31';
const FIRST_END = '2020-01-01';
const DAYS = 4383; // twelve years of end dates
const ROUNDS = 15;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function configFor(backend, pgUrl) {
	if (backend === 'sqlite') return { config: { backend: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'after-sales-bench-')), 'bench.sqlite') } };
	const schema = `bench_scan_${process.pid}_${Date.now().toString(36)}`;
	return { schema, config: pgStoreConfig(pgUrl, schema) };
}

/** The register, filled by the database itself (a recursive CTE / generate_series): the rows are what the bench needs, not how they got there. */
async function fill(store, backend) {
	const now = '2026-01-01T00:00:00.000Z';
	const db = store.db;
	const series = (n) =>
		backend === 'postgres'
			? sql`select generate_series(1, ${sql.lit(n)}) as i`
			: sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${sql.lit(n)}) select i from s`;
	const endsOn =
		backend === 'postgres'
			? sql`to_char(date ${sql.lit(FIRST_END)} + (((i % ${sql.lit(DAYS)}) * 7919) % ${sql.lit(DAYS)}), 'YYYY-MM-DD')`
			: sql`date(${sql.lit(FIRST_END)}, '+' || (((i % ${sql.lit(DAYS)}) * 7919) % ${sql.lit(DAYS)}) || ' days')`;
	const phone = backend === 'postgres' ? sql`right('00000000' || i, 8)` : sql`substr('00000000' || i, -8)`;
	await sql`insert into customers (code, code_key, name, phone, created_at, updated_at)
		select 'KH-' || i, 'kh-' || i, '客户' || i, '138' || ${phone}, ${now}, ${now} from (${series(CUSTOMERS)}) as s`.execute(db);
	await sql`insert into contracts (contract_no, contract_no_key, customer_id, kind, starts_on, ends_on, fee_fen, visit_fee_fen, status, parts_included, created_at, updated_at)
		select 'HT-B-' || i, 'ht-b-' || i, 1 + (i % ${sql.lit(CUSTOMERS)}), case when i % 2 = 0 then 'annual' else 'per-visit' end,
			${sql.lit(FIRST_END)}, e, 120000, 8000,
			case when i % 10 = 0 then 'cancelled' when i % 10 = 1 then 'renewed' else 'active' end, 0, ${now}, ${now}
		from (select i, ${endsOn} as e from (${series(CONTRACTS)}) as s) as t`.execute(db);
	// The first ten days of the range already noticed by earlier scans.
	await sql`insert into expiry_notices (notice_number, contract_id, ends_on, noticed_on, email, task_status, created_by, created_at, updated_at)
		select 'TZ-B-' || id, id, ends_on, ${TODAY}, null, 'open', 'bench', ${now}, ${now}
		from contracts where status = 'active' and ends_on between '2026-01-31' and '2026-02-09'`.execute(db);
	// As autovacuum leaves a table that is mostly read (PostgreSQL; SQLite: statistics only).
	await sql`${sql.raw(backend === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(db);
}

async function measure(backend, { pgUrl } = {}) {
	const { config, schema } = configFor(backend, pgUrl);
	const store = await Store.open(config);
	try {
		const t0 = performance.now();
		await fill(store, backend);
		const fillMs = performance.now() - t0;
		const { from, to } = noticeRange(TODAY, 1);
		const viaStore = async () => (await store.transaction(async (trx) => await contractsInNoticeRange(trx, from, to))).length;
		const bare = async () =>
			(await sql`select id, contract_no, ends_on from contracts where status = 'active' and ends_on between ${from} and ${to}`.execute(store.db)).rows
				.length;
		// Warm-up, not reported; both must see the same contracts.
		const [a, b] = [await viaStore(), await bare()];
		if (a !== b) throw new Error(`the scan's query found ${a} contracts, the bare query ${b}`);
		const scanTimes = [];
		const bareTimes = [];
		for (let r = 0; r < ROUNDS; r++) {
			let s = performance.now();
			await bare();
			bareTimes.push(performance.now() - s);
			s = performance.now();
			await viaStore();
			scanTimes.push(performance.now() - s);
		}
		const scanMs = median(scanTimes);
		const bareMs = median(bareTimes);
		return { contracts: CONTRACTS, inRange: a, fillMs, scanMs, bareMs, ratio: scanMs / bareMs };
	} finally {
		if (backend === 'postgres') await sql`drop schema ${sql.raw(`"${schema}"`)} cascade`.execute(store.db).catch(() => undefined);
		await store.close();
		if (backend === 'sqlite') rmSync(dirname(config.file), { recursive: true, force: true });
	}
}

module.exports = { measure, _fill: fill };

if (require.main === module) {
	(async () => {
		const pgUrl = process.env.AFTER_SALES_BENCH_PG || process.env.AFTER_SALES_TEST_PG;
		for (const backend of ['sqlite', ...(pgUrl ? ['postgres'] : [])]) {
			const r = await measure(backend, { pgUrl });
			console.log(
				`${backend.padEnd(8)} ${r.contracts.toLocaleString('en')} contracts (filled in ${(r.fillMs / 1000).toFixed(1)} s), ${r.inRange} in range: scan query ${r.scanMs.toFixed(2)} ms, bare select ${r.bareMs.toFixed(2)} ms, ratio ${r.ratio.toFixed(2)} (target ≤ 2)`,
			);
		}
	})().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}

/**
 * Tickets per second through the store (the repair intake's whole transaction: customer file,
 * warranty and contract check, the day's counter, the ticket and its first history entry)
 * against single-row INSERTs per second into a table of the same width on the same database —
 * the floor any store on that database pays for one durable row. Same process, same run.
 *
 * BENCH_BEFORE_DIST=dir (a `dist/nodes` built from an earlier commit, e.g. main before a change)
 * also times that build's intake on its own store in the same rounds, interleaved: the before
 * and after of a change to the intake, measured on the same machine at the same moment.
 */
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { sql } = require('kysely');
const { pgStoreConfig } = require('../harness/pg-url');
const dist = join(__dirname, '../../dist/nodes');
const { Store } = require(`${dist}/shared/store/store`);
const { registerTicket } = require(`${dist}/shared/services/repair-intake`);
const { cleanRepairReport } = require(`${dist}/shared/rules/repair-report`);
const { DEFAULT_RESPONSE_HOURS } = require(`${dist}/shared/rules/numbering`);

/** The store config of a backend: a fresh SQLite file, or a fresh schema in the database of `pgUrl`. */
function configFor(backend, pgUrl) {
	if (backend === 'sqlite') return { config: { backend: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'after-sales-bench-')), 'bench.sqlite') } };
	const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
	return { schema, config: pgStoreConfig(pgUrl, schema) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Rows per second of `write(i)` for `n` rows, one transaction each, median of `rounds`. */
async function rate(n, rounds, write, reset) {
	const rates = [];
	for (let r = 0; r < rounds; r++) {
		await reset?.();
		const t0 = performance.now();
		for (let i = 0; i < n; i++) await write(r * n + i);
		rates.push(n / ((performance.now() - t0) / 1000));
	}
	return median(rates);
}

/**
 * { tickets, rawInserts, ratio } for `backend` ('sqlite' | 'postgres'). Interleaved: raw, store,
 * raw, store …, so that both see the same machine.
 */
async function measure(backend, { pgUrl, n = 200, rounds = 5, beforeDist = process.env.BENCH_BEFORE_DIST } = {}) {
	const { config, schema } = configFor(backend, pgUrl);
	const store = await Store.open(config);
	const before = beforeDist ? { ...configFor(backend, pgUrl), dist: beforeDist } : undefined;
	if (before) {
		before.store = await require(`${before.dist}/shared/store/store`).Store.open(before.config);
		before.registerTicket = require(`${before.dist}/shared/services/repair-intake`).registerTicket;
	}
	try {
		const columns = (await sql`select * from tickets limit 0`.execute(store.db)).rows;
		// As wide as the tickets table: the same number of columns, text and integer as they are there.
		const width =
			backend === 'sqlite'
				? (await sql`select count(*) as n from pragma_table_info('tickets')`.execute(store.db)).rows[0].n
				: (
						await sql`select count(*)::int as n from information_schema.columns where table_schema = current_schema() and table_name = 'tickets'`.execute(
							store.db,
						)
					).rows[0].n;
		void columns;
		const cols = Array.from({ length: Number(width) - 1 }, (_, i) => `c${i}`);
		const id = backend === 'postgres' ? 'serial primary key' : 'integer primary key autoincrement';
		await sql
			.raw(`create table bench_raw (id ${id}, ${cols.map((c, i) => `${c} ${i % 5 === 0 ? 'integer' : 'text'}`).join(', ')})`)
			.execute(store.db);
		const values = (i) => cols.map((c, k) => (k % 5 === 0 ? i : `值 ${c} ${i} 上海市徐汇区漕溪路88号`));
		const insertRaw = sql.raw(
			`insert into bench_raw (${cols.join(', ')}) values (${cols.map((_, k) => (backend === 'postgres' ? `$${k + 1}` : '?')).join(', ')})`,
		);
		void insertRaw;
		const raw = (i) =>
			store.db
				.insertInto('bench_raw')
				.values(Object.fromEntries(cols.map((c, k) => [c, values(i)[k]])))
				.execute();
		const now = new Date().toISOString();
		const zone = 'Asia/Shanghai';
		const ticket = (i, via = { store, registerTicket }) =>
			via.registerTicket(
				via.store,
				cleanRepairReport(
					{
						customerName: `基准客户${i % 50}`,
						phone: `1380000${String(i % 50).padStart(4, '0')}`,
						address: '上海市徐汇区漕溪路88号',
						siteSituation: `空调不制冷 ${i}`,
					},
					zone,
					now,
				),
				{ responseHours: DEFAULT_RESPONSE_HOURS, today: `2026-${String(1 + (Math.floor(i / 9000) % 12)).padStart(2, '0')}-15`, actor: 'bench', now },
			);
		// Warm-up, not counted.
		await rate(20, 1, raw);
		await rate(20, 1, (i) => ticket(100_000 + i));
		if (before) await rate(20, 1, (i) => ticket(100_000 + i, before));
		const raws = [];
		const tickets = [];
		const ticketsBefore = [];
		for (let r = 0; r < rounds; r++) {
			raws.push(await rate(n, 1, (i) => raw(r * n + i)));
			tickets.push(await rate(n, 1, (i) => ticket(r * n + i)));
			if (before) ticketsBefore.push(await rate(n, 1, (i) => ticket(r * n + i, before)));
		}
		const result = { tickets: median(tickets), rawInserts: median(raws) };
		if (before) Object.assign(result, { ticketsBefore: median(ticketsBefore), ratioBefore: median(ticketsBefore) / result.rawInserts });
		return { ...result, ratio: result.tickets / result.rawInserts, rows: n, rounds, width: Number(width) };
	} finally {
		await store.close();
		if (before) await drop(backend, before, pgUrl);
		await drop(backend, { config, schema }, pgUrl);
	}
}

/** Removes a bench store's SQLite folder or PostgreSQL schema (its store closed first). */
async function drop(backend, { store, config, schema }, pgUrl) {
	await store?.close();
	if (backend === 'sqlite') rmSync(join(config.file, '..'), { recursive: true, force: true });
	else {
		const { Client } = require('pg');
		const client = new Client({ connectionString: pgUrl });
		await client.connect();
		await client.query(`drop schema if exists "${schema}" cascade`);
		await client.end();
	}
}

module.exports = { measure };

if (require.main === module) {
	(async () => {
		for (const backend of ['sqlite', ...(process.env.AFTER_SALES_TEST_PG ? ['postgres'] : [])]) {
			const r = await measure(backend, { pgUrl: process.env.AFTER_SALES_TEST_PG });
			console.log(
				`${backend}: ${r.tickets.toFixed(0)} tickets/s, ${r.rawInserts.toFixed(0)} raw inserts/s (${r.width} columns), ratio ${r.ratio.toFixed(2)}${r.ratioBefore === undefined ? '' : `; before: ${r.ticketsBefore.toFixed(0)} tickets/s, ratio ${r.ratioBefore.toFixed(2)}`}`,
			);
		}
	})().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}

/**
 * A year of a busy department (issue 21, P-6): 100,000 tickets, 10,000 contracts (one customer
 * each), 50,000 invoices (two lines each; 45,000 paid with their payment, 5,000 still owed, half
 * of those part-paid), 60,000 surveys (70 % answered), 2,000 work-log lines a week for 52 weeks,
 * 1,000 complaints, 40 technicians, a staff message in the outbox per ticket (sent; one in 1,000
 * given up; the open tickets' of the last two days still waiting) — filled by the database itself (generate_series /
 * a recursive CTE, INSERT … SELECT), so the fill takes seconds.
 *
 * Then four reads the workflows make, each through the store's service (Kysely, the camel-case
 * plugin, the rules) against the bare SQL returning the same rows on the same database, in the
 * same run, interleaved, median of ROUNDS:
 *   board         serviceBoard (GET board) — its nine sections — against their nine SELECTs
 *   kpiMonth      monthlyKpi of October 2026 against its four SELECTs
 *   workWeek      weeklyWorkTable of 2026-W44 against its two SELECTs
 *   receivables   listInvoices({ status: ['issued'] }) (the weekly receivables workflow) against
 *                 three SELECTs: the unpaid invoices, their lines, their payments
 *
 *   npm run build && npx node test/bench/year.js        (SQLite; PostgreSQL too with AFTER_SALES_BENCH_PG or AFTER_SALES_TEST_PG)
 *   BENCH_YEAR_SCALE=0.1 …                              a tenth of the year (any fraction), for a quick look
 *   BENCH_YEAR_EXPLAIN=1 …                              prints the plan of each bare query
 */
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, dirname } = require('node:path');
const { performance } = require('node:perf_hooks');
const { sql } = require('kysely');
const { pgStoreConfig } = require('../harness/pg-url');
// BENCH_YEAR_DIST: another build's dist/nodes (e.g. one from before a change), to time its services on the same year.
const dist = process.env.BENCH_YEAR_DIST || join(__dirname, '../../dist/nodes');
const { Store } = require(`${dist}/shared/store/store`);
const { serviceBoard } = require(`${dist}/shared/services/board`);
const { monthlyKpi } = require(`${dist}/shared/services/kpi-report`);
const { weeklyWorkTable } = require(`${dist}/shared/services/work-report`);
const { listInvoices } = require(`${dist}/shared/store/registers/invoices`);
const { monthBounds } = require(`${dist}/shared/rules/kpi`);
const { SURVEY_STATUSES } = require(`${dist}/shared/rules/follow-up`);
const { BOARD_STATUSES, BOARD_ROWS_MAX } = require(`${dist}/shared/rules/board`);
const { BOARD_NOT_SENT_DAYS, NOT_SENT_PENDING_MINUTES, notSentWindow } = require(`${dist}/shared/rules/outbox`);

const SCALE = Number(process.env.BENCH_YEAR_SCALE || 1);
const n = (x) => Math.max(1, Math.round(x * SCALE));
const SIZE = {
	tickets: n(100_000),
	contracts: n(10_000),
	invoices: n(50_000),
	surveys: n(60_000),
	workLog: n(2_000 * 52),
	complaints: n(1_000),
	technicians: 40,
};
const FIRST_DAY = '2025-12-01';
const DAYS = 365; // 2025-12-01 … 2026-11-30
const ZONE = 'Asia/Shanghai';
/** The board's moment: the last day of the year, 10:00 in Shanghai. */
const NOW = '2026-11-30T02:00:00.000Z';
const TODAY = '2026-11-30';
const MONTH = '2026-10';
const WEEK = { text: '2026-W44', from: '2026-10-26', to: '2026-11-01' };
const ROUNDS = 9;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function configFor(backend, pgUrl) {
	if (backend === 'sqlite') return { config: { backend: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'after-sales-bench-')), 'bench.sqlite') } };
	const schema = `bench_year_${process.pid}_${Date.now().toString(36)}`;
	return { schema, config: pgStoreConfig(pgUrl, schema) };
}

/** SQL helpers of a backend: a series 1 … n, the day `d` days after FIRST_DAY, zero-padded text. */
function dialect(backend) {
	const pg = backend === 'postgres';
	return {
		series: (count) =>
			pg
				? sql`select generate_series(1, ${sql.lit(count)}) as i`
				: sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${sql.lit(count)}) select i from s`,
		day: (d) => (pg ? sql`to_char(date ${sql.lit(FIRST_DAY)} + ((${d})::int), 'YYYY-MM-DD')` : sql`date(${sql.lit(FIRST_DAY)}, (${d}) || ' days')`),
		/** x as a 64-bit integer on PostgreSQL (products of two counts pass 2^31); SQLite's integers already are. */
		big: (x) => (pg ? sql`(${x})::bigint` : x),
		pad: (x, w) => (pg ? sql`lpad((${x})::text, ${sql.lit(w)}, '0')` : sql`substr('0000000000' || (${x}), -${sql.lit(w)})`),
	};
}

/** The year, written by the database. Ticket i was reported on day (i - 1) · DAYS / tickets: the register grows evenly through the year. */
async function fill(store, backend) {
	const db = store.db;
	const { series, day, pad, big } = dialect(backend);
	const T = SIZE.tickets;
	const C = SIZE.contracts;
	const K = SIZE.technicians;
	const at = '2025-12-01T00:00:00.000Z';
	const ticketDay = (id) => sql`(${big(id)} - 1) * ${sql.lit(DAYS)} / ${sql.lit(T)}`;
	await sql`insert into technicians (name, phone, email, skills, areas, daily_capacity, active, created_at, updated_at)
		select '技师' || i, '139' || ${pad(sql`i`, 8)}, null, '["空调"]', '["徐汇"]', 12, case when i % 20 = 0 then 0 else 1 end, ${at}, ${at}
		from (${series(K)}) as s`.execute(db);
	await sql`insert into customers (code, code_key, name, phone, address, created_at, updated_at)
		select 'KH' || ${pad(sql`i`, 6)}, 'kh' || ${pad(sql`i`, 6)}, '客户' || i, '138' || ${pad(sql`i`, 8)}, '上海市徐汇区漕溪路' || i || '号', ${at}, ${at}
		from (${series(C)}) as s`.execute(db);
	await sql`insert into contracts (contract_no, contract_no_key, customer_id, kind, starts_on, ends_on, fee_fen, visit_fee_fen, status, parts_included, created_at, updated_at)
		select 'HT-Y-' || i, 'ht-y-' || i, i, case when i % 2 = 0 then 'annual' else 'per-visit' end, ${day(sql`i % 365 - 365`)}, ${day(sql`i % 365`)},
			120000, 8000, 'active', 0, ${at}, ${at}
		from (${series(C)}) as s`.execute(db);
	// The last two days' tickets are still open or dispatched; one in 500 older ones is still in the workshop; the rest closed.
	const recent = sql`(${ticketDay(sql`i`)}) >= ${sql.lit(DAYS - 2)}`;
	await sql`insert into tickets (ticket_number, voucher_number, customer_id, contact_person, phone, address, site_situation, reported_at, report_date,
			customer_type, category, basis, due_at, status, technician_id, dispatched_at, dispatched_on, signed_at, closed_at, created_at, updated_at)
		select 'BX-Y-' || i, 'PZ-Y-' || i, 1 + i % ${sql.lit(C)}, '联系人', '138' || ${pad(sql`1 + i % ${sql.lit(C)}`, 8)}, '上海市徐汇区漕溪路88号', '空调不制冷',
			d || 'T01:00:00.000Z', d, 'liaison-letter', substr('ABCD', 1 + i % 4, 1), 'bench', d || 'T09:00:00.000Z',
			case when ${recent} then (case when i % 3 = 0 then 'open' else 'dispatched' end)
				when i % 500 = 0 then 'taken-back' else 'closed' end,
			case when ${recent} and i % 3 = 0 then null else 1 + i % ${sql.lit(K)} end,
			case when ${recent} and i % 3 = 0 then null else d || 'T02:00:00.000Z' end,
			case when ${recent} and i % 3 = 0 then null else d end,
			case when ${recent} or i % 500 = 0 then null else d || 'T06:00:00.000Z' end,
			case when ${recent} or i % 500 = 0 then null else d || 'T07:00:00.000Z' end,
			${at}, ${at}
		from (select i, ${day(ticketDay(sql`i`))} as d from (${series(T)}) as s) as x`.execute(db);
	await sql`insert into product_receipts (receipt_number, ticket_id, product, serial_no, taken_on, created_at)
		select 'SJ-Y-' || id, id, '空调室内机', null, report_date, ${at} from tickets where status = 'taken-back'`
		.execute(db)
		.catch(async (e) => {
			throw new Error(`product_receipts: ${e.message}`);
		});
	// Invoice i bills ticket 2i; one in ten is still owed (half of those part-paid), the rest paid.
	const tid = sql`(2 * i)`;
	const owed = sql`i % 10 = 0`;
	const part = sql`i % 20 = 0`;
	await sql`insert into invoices (invoice_number, source_kind, source_key, ticket_id, customer_id, customer_name, category, issued_on, issued_at, issued_by,
			total_fen, paid_fen, status, created_at, updated_at)
		select 'SF-Y-' || i, 'ticket', 'ticket:' || ${tid}, ${tid}, 1 + ${tid} % ${sql.lit(C)}, '客户' || (1 + ${tid} % ${sql.lit(C)}), 'C', d, d || 'T08:00:00.000Z', 'bench',
			12000, case when ${part} then 5000 when ${owed} then 0 else 12000 end, case when ${owed} then 'issued' else 'paid' end, ${at}, ${at}
		from (select i, ${day(ticketDay(tid))} as d from (${series(SIZE.invoices)}) as s) as x`.execute(db);
	await sql`insert into invoice_lines (invoice_id, line_no, kind, description, quantity, unit_fen, amount_fen)
		select id, 1, 'visit', '上门费', 1, 8000, 8000 from invoices
		union all select id, 2, 'labour', '维修工时', 1, 4000, 4000 from invoices`.execute(db);
	await sql`insert into payments (invoice_id, amount_fen, method, paid_at, paid_on, recorded_by, on_site, technician_id, created_at)
		select id, paid_fen, 'wechat', issued_at, issued_on, 'bench', 0, null, ${at} from invoices where paid_fen > 0`.execute(db);
	// Survey i asks about ticket ⌊5i/3⌋ (distinct tickets); 70 % answered two days after the report.
	const sid = sql`(5 * i / 3)`;
	await sql`insert into surveys (survey_number, ticket_id, email, expires_at, answered_at, channel, attitude, skill, arrival, promises, created_by, created_at, updated_at)
		select 'DC-Y-' || i, ${sid}, null, d || 'T00:00:00.000Z',
			case when i % 10 < 7 then ${day(sql`${ticketDay(sid)} + 2`)} || 'T03:00:00.000Z' end,
			case when i % 10 < 7 then 'link' end,
			case when i % 10 < 7 then 1 + i % 4 end, case when i % 10 < 7 then 1 + (i / 4) % 4 end,
			case when i % 10 < 7 then 4 end, case when i % 10 < 7 then 3 end, 'bench', ${at}, ${at}
		from (select i, ${day(sql`${ticketDay(sid)} + 30`)} as d from (${series(SIZE.surveys)}) as s) as x
		where ${sid} <= ${sql.lit(T)}`.execute(db);
	const cid = sql`(97 * i)`;
	await sql`insert into complaints (complaint_number, ticket_id, severity, text, channel, received_at, reply_due_on, reply_due_at, status, created_by, created_at, updated_at)
		select 'TS-Y-' || i, ${cid}, case when i % 10 = 0 then 'serious' else 'general' end, '服务态度', 'phone', d || 'T04:00:00.000Z', d, d || 'T10:00:00.000Z',
			case when i % 50 = 0 then 'open' else 'closed' end, 'bench', ${at}, ${at}
		from (select i, ${day(ticketDay(cid))} as d from (${series(SIZE.complaints)}) as s) as x
		where ${cid} <= ${sql.lit(T)}`.execute(db);
	// Work log line i: on day i · 364 / lines, by technician 1 + i % K; three in four on a ticket of that day, the rest internal D work.
	const wl = SIZE.workLog;
	await sql`insert into work_log (technician_id, ticket_id, worked_on, category, minutes, kind, created_at, notes, created_by)
		select 1 + i % ${sql.lit(K)}, case when i % 4 = 0 then null else 1 + (${big(sql`i`)} * ${sql.lit(T)} / ${sql.lit(wl)}) % ${sql.lit(T)} end,
			${day(sql`${big(sql`i`)} * 364 / ${sql.lit(wl)}`)}, case when i % 4 = 0 then 'D' else substr('ABC', 1 + i % 3, 1) end, 30 + i % 90,
			case when i % 4 = 0 then 'training' else 'visit' end, ${at}, null, 'bench'
		from (${series(wl)}) as s`.execute(db);
	// The outbox: each ticket's new-ticket message, sent at its report; one in 1,000 given up (a wrong robot key) then;
	// the messages of the last two days' open tickets still waiting (a robot down).
	await sql`insert into outbox (message_key, channel, kind, recipient, subject, payload, status, attempts, last_error, delivered, next_attempt_at,
			claimed_until, claim_token, ticket_id, created_at, give_up_at, sent_at, updated_at)
		select 'new-ticket:' || ticket_number, 'staff', 'new-ticket', null, null, '{"kind":"new-ticket","items":[]}',
			case when id % 1000 = 0 then 'failed' when status = 'open' then 'pending' else 'sent' end, 1,
			case when id % 1000 = 0 then 'wecom: 93000 invalid webhook url' when status = 'open' then 'wecom: HTTP 500' end, '[]',
			reported_at, null, null, id, reported_at, reported_at, case when id % 1000 = 0 or status = 'open' then null else reported_at end, reported_at
		from tickets`.execute(db);
	await sql`${sql.raw(backend === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(db);
}

/**
 * The bare SQL of each read: plain SELECTs returning the rows the service returns, no query builder, no mapping.
 * The board's open tickets carry on SQLite the same planner hint as the register's query (registers/board-reads.ts):
 * without it both read the whole register.
 */
function bareQueries(backend) {
	const statuses = sql.join(BOARD_STATUSES.map((s) => sql.lit(s)));
	const surveyed = sql.join(SURVEY_STATUSES.map((s) => sql.lit(s)));
	const { from, to } = monthBounds(MONTH, ZONE);
	const notSent = notSentWindow(NOW, { failedHours: BOARD_NOT_SENT_DAYS * 24, pendingMinutes: NOT_SENT_PENDING_MINUTES });
	const board = [
		sql`select t.ticket_number, t.status, t.category, c.name as customer_name, t.phone, t.address, t.site_situation, k.name as technician_name, t.reported_at, t.due_at
			from tickets t join customers c on c.id = t.customer_id left join technicians k on k.id = t.technician_id
			where ${backend === 'postgres' ? sql`t.status in (${statuses})` : sql`likelihood(t.status in (${statuses}), 0.01)`}`,
		sql`select technician_id, count(*) as n from tickets where dispatched_on = ${TODAY} and technician_id is not null and status <> 'cancelled' group by technician_id`,
		sql`select id, name, phone, daily_capacity, active from technicians`,
		sql`select t.ticket_number, t.status, r.receipt_number, r.product, r.serial_no, r.taken_on, c.name as customer_name, k.name as technician_name, t.promised_by
			from product_receipts r join tickets t on t.id = r.ticket_id join customers c on c.id = t.customer_id left join technicians k on k.id = t.technician_id
			where r.voided_at is null and t.status in ('taken-back', 'repaired', 'inspected')
			and not exists (select 1 from product_movements m where m.ticket_id = t.id and m.direction = 'out')`,
		sql`select k.contract_no, c.name, c.phone, n.ends_on, n.notice_number, n.noticed_on from expiry_notices n join contracts k on k.id = n.contract_id
			join customers c on c.id = k.customer_id where n.task_status = 'open' and k.status = 'active' order by n.ends_on, n.id`,
		sql`select i.invoice_number, i.customer_name, i.issued_on, i.total_fen, i.paid_fen, i.order_number, t.ticket_number
			from invoices i left join tickets t on t.id = i.ticket_id where i.status = 'issued'`,
		sql`select p.*, t.ticket_number, c.name, k.name as technician_name from complaints p left join tickets t on t.id = p.ticket_id
			left join customers c on c.id = p.customer_id left join technicians k on k.id = t.technician_id where p.status = 'open'`,
		sql`select p.*, i.serial_no, c.name from periodic_follow_ups p join installations i on i.id = p.installation_id join customers c on c.id = i.customer_id
			left join tickets t on t.id = p.ticket_id where p.result is null order by p.listed_on, p.follow_up_number`,
		sql`select o.id, o.channel, o.kind, o.recipient, o.subject, o.status, o.attempts, o.last_error, t.ticket_number, o.created_at, o.updated_at,
				count(*) over () as total
			from outbox o left join tickets t on t.id = o.ticket_id
			where ${backend === 'postgres' ? sql`o.status in ('failed', 'pending')` : sql`likelihood(o.status in ('failed', 'pending'), 0.01)`}
			and ((o.status = 'failed' and o.updated_at >= ${notSent.failedSince}) or (o.status = 'pending' and o.created_at <= ${notSent.pendingBefore}))
			order by o.created_at desc, o.id desc limit ${sql.lit(BOARD_ROWS_MAX)}`,
	];
	const kpiMonth = [
		sql`select id, name, phone, active from technicians`,
		sql`select technician_id, count(*) as n from tickets where technician_id is not null and status in (${surveyed}) and signed_at >= ${from} and signed_at < ${to}
			group by technician_id`,
		sql`select t.technician_id, count(*) as n, sum(s.attitude), sum(s.skill), sum(s.arrival), sum(s.promises) from surveys s join tickets t on t.id = s.ticket_id
			where t.technician_id is not null and s.answered_at >= ${from} and s.answered_at < ${to} group by t.technician_id`,
		sql`select t.technician_id, count(*) as n, sum(case when p.severity = 'serious' then 1 else 0 end) from complaints p join tickets t on t.id = p.ticket_id
			where t.technician_id is not null and p.received_at >= ${from} and p.received_at < ${to} group by t.technician_id`,
	];
	const workWeek = [
		sql`select k.phone, w.worked_on, w.category, w.minutes, w.kind, t.ticket_number, c.name, w.notes from work_log w join technicians k on k.id = w.technician_id
			left join tickets t on t.id = w.ticket_id left join customers c on c.id = t.customer_id
			where w.worked_on >= ${WEEK.from} and w.worked_on <= ${WEEK.to} order by w.worked_on, w.id`,
		sql`select name, phone, active from technicians`,
	];
	const unpaid = sql`select id from invoices where status = 'issued'`;
	const receivables = [
		sql`select i.*, t.ticket_number, c.code, r.invoice_number as replaces from invoices i left join tickets t on t.id = i.ticket_id
			left join customers c on c.id = i.customer_id left join invoices r on r.id = i.replaces_invoice_id where i.status = 'issued' order by i.issued_on, i.id`,
		sql`select invoice_id, kind, description, quantity, unit_fen, amount_fen from invoice_lines where invoice_id in (${unpaid}) order by invoice_id, line_no`,
		sql`select p.*, k.name, k.phone from payments p left join technicians k on k.id = p.technician_id where p.invoice_id in (${unpaid}) order by p.invoice_id, p.id`,
	];
	return { board, kpiMonth, workWeek, receivables };
}

/** Each read as the store's service runs it; the count of rows it gives back (checked against the bare SQL's). */
const services = {
	board: async (store) => {
		const b = await serviceBoard(store, { now: NOW, zone: ZONE });
		return { main: b.summary.openTickets, also: b.summary.unpaidInvoices, notSent: b.summary.messagesNotSent };
	},
	kpiMonth: async (store) => {
		const k = await monthlyKpi(store, MONTH, ZONE);
		return { main: k.totals.jobs, also: k.totals.rated };
	},
	workWeek: async (store) => {
		const w = await weeklyWorkTable(store, WEEK.text);
		return { main: w.technicians.length, also: w.totals };
	},
	receivables: async (store) => {
		const list = await store.transaction(async (trx) => await listInvoices(trx, { status: ['issued'] }));
		return { main: list.length, also: list.reduce((s, i) => s + i.lines.length + i.payments.length, 0) };
	},
};

async function runBare(store, queries) {
	return await store.transaction(async (trx) => {
		const counts = [];
		for (const q of queries) counts.push((await q.execute(trx)).rows.length);
		return counts;
	});
}

async function explain(store, backend, queries) {
	const out = [];
	for (const q of queries) {
		const c = q.compile(store.db);
		const text = backend === 'postgres' ? `explain ${c.sql}` : `explain query plan ${c.sql}`;
		const rows = (await store.db.executeQuery({ ...c, sql: text, query: c.query })).rows;
		out.push(
			backend === 'postgres'
				? rows.map((r) => r['QUERY PLAN'] ?? r.queryPlan).join('\n')
				: rows.map((r) => `${r.id}|${r.parent}|${r.detail}`).join('\n'),
		);
	}
	return out;
}

async function measure(backend, { pgUrl, explainPlans = process.env.BENCH_YEAR_EXPLAIN === '1' } = {}) {
	const { config, schema } = configFor(backend, pgUrl);
	const store = await Store.open(config);
	try {
		const t0 = performance.now();
		await fill(store, backend);
		const fillMs = performance.now() - t0;
		const bare = bareQueries(backend);
		const results = {};
		const reads = process.env.BENCH_YEAR_READS?.split(','); // e.g. board,receivables: only those
		for (const [name, service] of Object.entries(services).filter(([k]) => !reads || reads.includes(k))) {
			// Warm-up, not reported; both must see the rows.
			const shown = await service(store);
			const counts = await runBare(store, bare[name]);
			const serviceTimes = [];
			const bareTimes = [];
			for (let r = 0; r < ROUNDS; r++) {
				let s = performance.now();
				await runBare(store, bare[name]);
				bareTimes.push(performance.now() - s);
				s = performance.now();
				await service(store);
				serviceTimes.push(performance.now() - s);
			}
			results[name] = {
				serviceMs: median(serviceTimes),
				bareMs: median(bareTimes),
				ratio: median(serviceTimes) / median(bareTimes),
				shown,
				bareRows: counts,
				plans: explainPlans ? await explain(store, backend, bare[name]) : undefined,
			};
		}
		return { size: SIZE, fillMs, results };
	} finally {
		if (backend === 'postgres') await sql`drop schema ${sql.raw(`"${schema}"`)} cascade`.execute(store.db).catch(() => undefined);
		await store.close();
		if (backend === 'sqlite') rmSync(dirname(config.file), { recursive: true, force: true });
	}
}

module.exports = { measure, SIZE, _fill: fill, _bareQueries: bareQueries };

if (require.main === module) {
	(async () => {
		const pgUrl = process.env.AFTER_SALES_BENCH_PG || process.env.AFTER_SALES_TEST_PG;
		const only = process.env.BENCH_YEAR_ONLY; // sqlite | postgres
		for (const backend of ['sqlite', ...(pgUrl ? ['postgres'] : [])].filter((b) => !only || b === only)) {
			const r = await measure(backend, { pgUrl });
			console.log(`${backend}: filled in ${(r.fillMs / 1000).toFixed(1)} s (${JSON.stringify(r.size)})`);
			for (const [name, x] of Object.entries(r.results)) {
				console.log(
					`  ${name.padEnd(12)} service ${x.serviceMs.toFixed(1).padStart(8)} ms  bare ${x.bareMs.toFixed(1).padStart(8)} ms  ratio ${x.ratio.toFixed(2)} (target ≤ 2)  rows ${JSON.stringify(x.shown)} / ${JSON.stringify(x.bareRows)}`,
				);
				if (x.plans) for (const p of x.plans) console.log(`    ${p.replace(/\n/g, '\n    ')}\n`);
			}
		}
	})().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}

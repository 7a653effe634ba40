/**
 * Your data, as a user runs it on one copy of the project (issue 20, README *Your data*), in order:
 *
 * 1. `npm start` → a ticket and its invoice through the webhooks, with the printed key; a signed
 *    link to its voucher made with the store's secret → `npm run backup` → n8n stopped → the
 *    SQLite store file wiped → `npm run restore -- FILE` → `npm start` again: the link made before
 *    the backup still opens the voucher (the secret came back) and the next ticket, voucher and
 *    invoice numbers follow the last ones (no gap, no reuse).
 * 2. `npm run store:move -- --to postgres://…/<a fresh database>` from that SQLite store →
 *    `npm run start:queue` on that database: the same link opens, and the next ticket, voucher and
 *    invoice numbers follow again.
 *
 * Bad input on the way, each a clear message with nothing changed: a restore into a store that
 * holds data (no --force), a file that is not a backup, a move to a server that does not answer,
 * and the move run a second time. Chain 2 needs AFTER_SALES_TEST_PG (.ci/run sets it) for the server.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Store } from '../../nodes/shared/store/store';
import { tableChecksums } from '../../nodes/shared/store/backup';
import { readBackup } from '../../nodes/shared/store/backup-file';
import { surveySigner } from '../../nodes/shared/store/secrets';
import { documentLinkExpiresAt, signDocumentLink } from '../../nodes/shared/rules/document-link';
import { awaitOneServiceDay, serviceDay } from './server';
import { projectCopy, type ProjectCopy } from './project-copy';

const pgUrl = process.env.AFTER_SALES_TEST_PG;
const SKILL = '链测维修';
const TECHNICIAN = { name: '链师傅', phone: '13500000321', skills: SKILL, dailyCapacity: 20 };

let copy: ProjectCopy;
let running: ChildProcess | undefined;
let key = '';
let storeFile = '';
/** The first ticket, its voucher's signed address (made before the backup), the numbers seen so far. */
let voucherLink = '';
const tickets: string[] = [];
const vouchers: string[] = [];
const invoices: string[] = [];
const tag = `${process.pid}_${Date.now().toString(36)}`;
const chainDatabase = `after_sales_e2e_chain_${tag}`;
const queuePrefix = `after-sales-e2e-chain-${tag}`;
let workerPids: number[] = [];

const day = () => serviceDay().replace(/-/g, '');
const seq = (n: number, width: number) => String(n).padStart(width, '0');
const log = (m: string) => process.stdout.write(`[data-chain] ${m}\n`);

/** A repair report dispatched to 链师傅 and solved on site with a part, paid in cash: its ticket, voucher and invoice numbers. */
async function ticketWithInvoice(n: number): Promise<{ ticket: string; voucher: string; invoice: string }> {
	const repair = await copy.post('repairs', key, {
		customerName: `链测物业${n}`,
		phone: `1390000${seq(7700 + n, 4)}`,
		address: '上海市徐汇区漕溪路 88 号',
		siteSituation: '热水器不点火',
		skill: SKILL,
	});
	expect([repair.status, repair.json.status]).toEqual([201, 'dispatched']);
	const ticket = String(repair.json.ticketNumber);
	const visit = await copy.post(`repairs/${ticket}/visit`, key, {
		outcome: 'solved',
		solution: '更换点火针',
		customerSignature: '陈先生',
		minutes: 40,
		parts: [{ part: '点火针', quantity: 1, unitPriceYuan: 35 }],
		collectedYuan: 165,
		paymentMethod: '现金',
	});
	expect(visit.status).toBe(200);
	const invoice = visit.json.invoice as Record<string, unknown>;
	expect(invoice).toMatchObject({ ticketNumber: ticket, totalFen: 16500, status: 'paid' });
	return { ticket, voucher: String(repair.json.voucherNumber), invoice: String(invoice.invoiceNumber) };
}

/** The numbers the n-th ticket of this chain must have: today's n-th ticket and voucher, this year's n-th invoice. */
function expectNumbers(got: { ticket: string; voucher: string; invoice: string }, n: number) {
	expect(got).toEqual({
		ticket: `BX-${day()}-${seq(n, 4)}`,
		voucher: `PZ-${day()}-${seq(n, 4)}`,
		invoice: `FP-${day().slice(0, 4)}-${seq(n, 6)}`,
	});
}

async function openVoucherLink(): Promise<{ status: number; text: string }> {
	const res = await fetch(`http://127.0.0.1:${copy.port}/webhook/after-sales/${voucherLink}`);
	return { status: res.status, text: await res.text() };
}

async function storeSums(): Promise<Record<string, unknown>> {
	const store = await Store.open({ backend: 'sqlite', file: storeFile });
	try {
		return await store.db.transaction().execute((trx) => tableChecksums(trx.withoutPlugins(), store.backend));
	} finally {
		await store.close();
	}
}

async function stopRunning() {
	if (running) await copy.stop(running);
	running = undefined;
	// The queue's workers run in process groups of their own: wait for them (start:queue stops them), then make sure.
	const deadline = Date.now() + 30_000;
	const alive = () =>
		workerPids.filter((pid) => {
			try {
				process.kill(pid, 0);
				return true;
			} catch {
				return false;
			}
		});
	while (alive().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
	for (const pid of alive()) process.kill(-pid, 'SIGKILL');
	workerPids = [];
}

async function admin(sql: string) {
	const client = new Client({ connectionString: pgUrl });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

beforeAll(async () => {
	// Every number below is today's: no midnight (Asia/Shanghai) inside the chains.
	await awaitOneServiceDay(1200);
	copy = await projectCopy('after-sales-data-chain-');
	storeFile = join(copy.userFolder, '.n8n', 'after-sales.sqlite');
});
afterAll(async () => {
	await stopRunning();
	if (pgUrl) await admin(`drop database if exists ${chainDatabase} with (force)`).catch(() => undefined);
	// The queue's keys in Redis, under this run's own prefix.
	const keys =
		spawnSync('redis-cli', ['--scan', '--pattern', `${queuePrefix}:*`], { encoding: 'utf8' })
			.stdout?.split('\n')
			.filter(Boolean) ?? [];
	if (keys.length > 0) spawnSync('redis-cli', ['del', ...keys]);
	copy?.remove();
}, 120_000);

test('chain 1: npm start → a ticket and its invoice → npm run backup → n8n stopped, store wiped → npm run restore → npm start: the old link opens, the numbers follow', async () => {
	const t0 = Date.now();
	const first = await copy.start();
	running = first.child;
	key = first.output().match(/Webhook key:\s+(\S+)/)![1];
	expect(first.output()).toContain(`Store:        ${storeFile}`);
	expect((await copy.post('import/technicians', key, [TECHNICIAN])).json).toMatchObject({ rejected: [] });
	const one = await ticketWithInvoice(1);
	expectNumbers(one, 1);
	tickets.push(one.ticket);
	vouchers.push(one.voucher);
	invoices.push(one.invoice);

	// The voucher's signed link, made now with the store's own secret (as the desk's answer page makes it).
	const store = await Store.open({ backend: 'sqlite', file: storeFile });
	try {
		const path = `repairs/${one.ticket}/documents/voucher`;
		voucherLink = `${path}/${signDocumentLink(path, documentLinkExpiresAt(new Date().toISOString()), await surveySigner(store.db)).token}`;
	} finally {
		await store.close();
	}
	const before = await openVoucherLink();
	expect(before.status).toBe(200);
	expect(before.text).toContain(one.voucher);
	expect(before.text).toContain(one.ticket);

	// npm run backup while n8n runs: it prints the file it wrote.
	const backup = copy.npmRun(['backup']);
	expect([backup.status, backup.stderr]).toEqual([0, '']);
	expect(backup.stdout).toMatch(/^Backed up SQLite file .*after-sales\.sqlite: \d+ tables, \d+ rows, \d+ bytes\.$/m);
	const file = backup.stdout.trim().split('\n').pop()!;
	expect(file).toMatch(new RegExp(`^${join(copy.userFolder, '.n8n', 'after-sales-backups')}/after-sales-.+\\.backup\\.gz$`));
	expect(existsSync(file)).toBe(true);

	await copy.stop(first.child);
	running = undefined;

	// Bad input, each refused with a clear message and the store left as it was.
	const sums = await storeSums();
	const notForced = copy.npmRun(['restore', '--', file]);
	expect(notForced.status).toBe(1);
	expect(notForced.stderr).toMatch(
		/npm run restore failed: SQLite file .*after-sales\.sqlite already holds data \(.*\); restore replaces it only with --force/,
	);
	expect(notForced.stderr).toContain('nothing was changed');
	const notBackup = copy.npmRun(['restore', '--', join(copy.project, 'README.md')]);
	expect(notBackup.status).toBe(1);
	expect(notBackup.stderr).toContain('npm run restore failed: README.md is not an after-sales store backup (not a gzip file)');
	expect(await storeSums()).toEqual(sums);

	// The disk is lost: the store file and its journal wiped; the backup brings it back.
	for (const f of readdirSync(join(copy.userFolder, '.n8n')).filter((f) => f.startsWith('after-sales.sqlite')))
		rmSync(join(copy.userFolder, '.n8n', f));
	expect(existsSync(storeFile)).toBe(false);
	const restored = copy.npmRun(['restore', '--', file]);
	expect([restored.status, restored.stderr]).toEqual([0, '']);
	expect(restored.stdout).toContain(`into SQLite file ${storeFile}:`);
	expect(restored.stdout).toMatch(/tables, \d+ rows, counts and checksums checked\./);
	// The store is the backup's snapshot, table by table.
	expect(await storeSums()).toEqual(readBackup(file).manifest.tables);

	const second = await copy.start();
	running = second.child;
	expect(second.output()).toContain(`Webhook key:  ${key}`);
	// The link made before the backup still opens: the store's secret was restored with it.
	const after = await openVoucherLink();
	expect(after.status).toBe(200);
	expect(after.text).toContain(one.voucher);
	const two = await ticketWithInvoice(2);
	expectNumbers(two, 2);
	tickets.push(two.ticket);
	vouchers.push(two.voucher);
	invoices.push(two.invoice);
	await copy.stop(second.child);
	running = undefined;
	log(`chain 1 took ${Math.round((Date.now() - t0) / 1000)} s`);
}, 1_200_000);

(pgUrl ? test : test.skip)(
	'chain 2: npm run store:move to a fresh PostgreSQL database → npm run start:queue: the old link opens, the numbers follow',
	async () => {
		expect(invoices).toHaveLength(2);
		const t0 = Date.now();
		const server = new URL(pgUrl!);
		const target = new URL(`/${chainDatabase}`, server).href;

		// A server that does not answer: a clear message, and the credential still names the SQLite file.
		const nowhere = copy.npmRun(['store:move', '--', '--to', 'postgres://postgres@127.0.0.1:1/after_sales']);
		expect(nowhere.status).toBe(1);
		expect(nowhere.stderr).toMatch(
			/npm run store:move failed: PostgreSQL postgres@127\.0\.0\.1:1\/after_sales does not connect: .*; nothing was changed/,
		);

		const moved = copy.npmRun(['store:move', '--', '--to', target]);
		expect([moved.status, moved.stderr]).toEqual([0, '']);
		expect(moved.stdout).toContain(`Creating the database ${chainDatabase}`);
		expect(moved.stdout).toMatch(
			new RegExp(
				`Moved SQLite file ${storeFile} into PostgreSQL \\S+@${server.hostname}:${server.port || 5432}/${chainDatabase} \\(schema after_sales\\): \\d+ tables`,
			),
		);
		expect(moved.stdout).toContain('The After-Sales Store credential now points at PostgreSQL');

		// Run a second time: the credential already names that store.
		const again = copy.npmRun(['store:move', '--', '--to', target]);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('npm run store:move failed: The source and the target are the same store; nothing was changed');

		const queue = await copy.start({ AFTER_SALES_PG_URL: target, AFTER_SALES_WORKERS: '1', QUEUE_BULL_PREFIX: queuePrefix }, 'start:queue');
		running = queue.child;
		const out = queue.output();
		workerPids = [...out.matchAll(/worker\(s\), pids ([\d, ]+),/g)].flatMap((m) => m[1].split(', ').map(Number));
		expect(workerPids).toHaveLength(1);
		expect(out).toContain(
			`Store:        PostgreSQL ${server.username || 'postgres'}@${server.hostname}:${server.port || 5432}/${chainDatabase}, schema after_sales`,
		);
		expect(out).toContain(`Webhook key:  ${key}`);

		const link = await openVoucherLink();
		expect(link.status).toBe(200);
		expect(link.text).toContain(vouchers[0]);
		const three = await ticketWithInvoice(3);
		expectNumbers(three, 3);
		await stopRunning();
		log(`chain 2 took ${Math.round((Date.now() - t0) / 1000)} s`);
	},
	1_200_000,
);

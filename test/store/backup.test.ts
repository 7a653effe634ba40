/**
 * Backups, restore and moving a store (issue 20), on every backend: a backup taken while tickets
 * keep coming restores to a consistent store (every counter equal to what it numbered, the
 * checksums those of the snapshot); a backup of a quiet store equals a snapshot read in one
 * transaction; restore refuses a file that is not a backup, an altered one, and a store that
 * already holds data (unless forced), changing nothing; a SQLite store moved to PostgreSQL (or to
 * another SQLite file without PostgreSQL) goes on with the next ticket, voucher and invoice numbers
 * and its survey links' secret; so does a PostgreSQL store backed up and restored into an empty
 * SQLite store.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { backends, pgStoreConfig, type Backend } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { backupInto, backupStore, tableChecksums } from '../../nodes/shared/store/backup';
import { BackupError, listBackups, readBackup } from '../../nodes/shared/store/backup-file';
import { moveStore, restoreStore } from '../../nodes/shared/store/restore';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { DEFAULT_RESPONSE_HOURS } from '../../nodes/shared/rules/numbering';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician } from '../../nodes/shared/store/registers/tickets';
import { insertTicketPhotos } from '../../nodes/shared/store/registers/ticket-photos';
import { recordVisit } from '../../nodes/shared/services/ticket-steps';
import { checkStepMoney, issueInvoice } from '../../nodes/shared/services/invoicing';
import { DEFAULT_FEE_RATES } from '../../nodes/shared/rules/fees';
import { surveySigner } from '../../nodes/shared/store/secrets';
import { JPEG_BYTES } from '../harness/png';
import { enqueueMessage } from '../../nodes/shared/store/registers/outbox';

const TODAY = '2026-11-27';
const NOW = '2026-11-27T02:00:00.000Z';
const options = { responseHours: DEFAULT_RESPONSE_HOURS, today: TODAY, actor: 'test', now: NOW };
const report = (n: number) =>
	cleanRepairReport({ customerName: `物业${n % 3}`, phone: '13800005555', address: '上海市', siteSituation: `电梯异响 ${n}` }, 'Asia/Shanghai', NOW);

const dir = () => mkdtempSync(join(tmpdir(), 'after-sales-backup-'));

async function ticketNumbers(store: Store): Promise<string[]> {
	return (await store.db.selectFrom('tickets').select('ticketNumber').orderBy('ticketNumber').execute()).map((t) => t.ticketNumber);
}

async function counter(store: Store, name: string, day: string): Promise<number> {
	const row = await store.db.selectFrom('counters').select('value').where('name', '=', name).where('day', '=', day).executeTakeFirst();
	return Number(row?.value ?? 0);
}

/** A ticket registered, visited and solved with parts, and invoiced: tickets, events, visits, money, invoice rows, counters. */
async function invoicedTicket(store: Store, technicianId: number, n: number): Promise<{ ticketNumber: string; invoiceNumber: string }> {
	const { ticket } = await registerTicket(store, report(n), options);
	await store.transaction(async (trx) => {
		await assignTechnician(trx, ticket.id, technicianId, null, TODAY, 'test', '2026-11-27T02:30:00.000Z');
		await recordVisit(
			trx,
			ticket.ticketNumber,
			{
				outcome: 'solved',
				solution: '修好',
				customerSignature: '陈',
				signedAt: '2026-11-27T05:00:00.000Z',
				minutes: 40,
				parts: [{ part: '电容', quantity: 2, unitPriceFen: 3500 }],
				collectedFen: null,
				paymentMethod: null,
			},
			{ today: TODAY, now: '2026-11-27T05:00:00.000Z', actor: 'test' },
		);
		await checkStepMoney(trx, ticket.ticketNumber, DEFAULT_FEE_RATES);
		// The outbox (migration 31, made after backup.ts): found from the schema like every table.
		await enqueueMessage(
			trx,
			{
				key: `voucher:${ticket.ticketNumber}`,
				channel: 'email',
				kind: 'voucher',
				to: 'tech@example.com',
				subject: '派工单',
				payload: { text: '派工' },
				ticketId: ticket.id,
			},
			'2026-11-27T05:00:00.000Z',
		);
		await insertTicketPhotos(
			trx,
			ticket.id,
			[{ fileName: 'site.jpg', contentType: 'image/jpeg', bytes: JPEG_BYTES, size: JPEG_BYTES.length }],
			'test',
			'2026-11-27T05:00:00.000Z',
		);
	});
	const issued = await issueInvoice(store, { kind: 'ticket', ticketNumber: ticket.ticketNumber }, DEFAULT_FEE_RATES, {
		today: TODAY,
		now: '2026-11-27T06:00:00.000Z',
		actor: 'test',
	});
	return { ticketNumber: ticket.ticketNumber, invoiceNumber: issued.invoice.invoiceNumber };
}

async function seed(store: Store): Promise<{ technicianId: number }> {
	const technician = await store.transaction((trx) =>
		createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: ['空调'], areas: [] }, '2026-11-27T00:00:00.000Z'),
	);
	return { technicianId: technician.id };
}

for (const backend of backends()) {
	describe(`backup and restore on ${backend.name}`, () => {
		afterAll(() => backend.cleanup());

		test('a backup taken while tickets keep coming restores to a consistent store; one of a quiet store equals a snapshot read in one transaction', async () => {
			const config = backend.fresh();
			const store = await Store.open(config);
			const out = dir();
			try {
				for (let i = 0; i < 5; i++) await registerTicket(store, report(i), options);
				// Writers go on (two at a time) while the backup runs.
				let stop = false;
				let written = 5;
				const writer = async () => {
					while (!stop) {
						await registerTicket(store, report(written++), options);
						// node:sqlite answers synchronously: let the timers (and the backup) have their turn.
						await new Promise((r) => setImmediate(r));
					}
				};
				const writers = [writer(), writer()];
				await new Promise((r) => setTimeout(r, 150));
				const during = await backupStore(store, join(out, 'during.backup.gz'));
				await new Promise((r) => setTimeout(r, 150));
				stop = true;
				await Promise.all(writers);
				const total = (await ticketNumbers(store)).length;
				expect(total).toBeGreaterThan(during.manifest.tables.tickets.rows);

				const target = backend.fresh();
				const restored = await restoreStore(during.file, target);
				expect(restored.rows).toBe(Object.values(during.manifest.tables).reduce((s, t) => s + t.rows, 0));
				const back = await Store.open(target);
				try {
					const numbers = await ticketNumbers(back);
					// Consistent: the tickets are 0001…000n with no hole, the counter says n, every ticket has its creation event.
					expect(numbers.length).toBeGreaterThanOrEqual(5);
					expect(numbers).toEqual(numbers.map((_, i) => `BX-20261127-${String(i + 1).padStart(4, '0')}`));
					expect(await counter(back, 'ticket', TODAY)).toBe(numbers.length);
					const created = await sql<{ n: number }>`select count(distinct ticket_id) as n from ticket_events`.execute(back.db);
					expect(Number(created.rows[0].n)).toBe(numbers.length);
					// The restored store reads back with the backup's checksums, table by table.
					const sums = await back.db.transaction().execute((trx) => tableChecksums(trx.withoutPlugins(), back.backend));
					expect(sums).toEqual(during.manifest.tables);
					// And it goes on: the next ticket follows the last one restored.
					const next = await registerTicket(back, report(999), options);
					expect(next.ticket.ticketNumber).toBe(`BX-20261127-${String(numbers.length + 1).padStart(4, '0')}`);
				} finally {
					await back.close();
				}

				// Quiet now: the backup equals the source read in one transaction.
				const quiet = await backupStore(store, join(out, 'quiet.backup.gz'));
				const snapshot = await store.db.transaction().execute((trx) => tableChecksums(trx.withoutPlugins(), store.backend));
				expect(quiet.manifest.tables).toEqual(snapshot);
				expect(quiet.manifest.tables.tickets.rows).toBe(total);
				expect(quiet.manifest.tables.counters.rows).toBeGreaterThan(0);
				expect(quiet.manifest.tables.store_secrets.rows).toBe(1);
			} finally {
				await store.close();
			}
		}, 60_000);

		test('restore refuses a file that is not a backup, an altered manifest or row, and a store holding data; nothing changes', async () => {
			const config = backend.fresh();
			const store = await Store.open(config);
			const out = dir();
			try {
				await registerTicket(store, report(1), options);
				const { file } = await backupStore(store, join(out, 'good.backup.gz'));
				const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');

				const notGzip = join(out, 'notes.txt');
				writeFileSync(notGzip, 'hello');
				const notBackup = join(out, 'other.gz');
				writeFileSync(notBackup, gzipSync('{"name":"something else"}\n'));
				const countEdited = join(out, 'count.gz');
				const manifest = JSON.parse(lines[0]);
				manifest.tables.tickets.rows += 1;
				writeFileSync(countEdited, gzipSync([JSON.stringify(manifest), ...lines.slice(1)].join('\n')));
				const rowEdited = join(out, 'row.gz');
				writeFileSync(rowEdited, gzipSync(lines.map((l) => (l.startsWith('{"t":"tickets"') ? l.replace('电梯异响 1', '电梯异响 2') : l)).join('\n')));
				const rowDropped = join(out, 'dropped.gz');
				writeFileSync(rowDropped, gzipSync(lines.filter((l) => !l.startsWith('{"t":"tickets"')).join('\n')));

				const target = backend.fresh();
				await expect(restoreStore(notGzip, target)).rejects.toThrow(/not an after-sales store backup \(not a gzip file\)/);
				await expect(restoreStore(notBackup, target)).rejects.toThrow(/not an after-sales store backup \(no manifest\)/);
				await expect(restoreStore(countEdited, target)).rejects.toThrow(/manifest was altered/);
				await expect(restoreStore(rowEdited, target)).rejects.toThrow(/table tickets does not match its manifest/);
				await expect(restoreStore(rowDropped, target)).rejects.toThrow(/table tickets does not match its manifest \(0 rows, manifest 1/);
				await expect(restoreStore(join(out, 'missing.gz'), target)).rejects.toThrow(BackupError);

				// A store holding data: refused, and unchanged.
				await registerTicket(store, report(2), options);
				await expect(restoreStore(file, config)).rejects.toThrow(
					/already holds data \(counters: 2, customers: 2, .*\); restore replaces it only with --force/,
				);
				expect(await ticketNumbers(store)).toEqual(['BX-20261127-0001', 'BX-20261127-0002']);
				await store.close();

				// With force: replaced by the backup (one ticket), and the numbering goes on from it.
				await restoreStore(file, config, { force: true });
				const again = await Store.open(config);
				try {
					expect(await ticketNumbers(again)).toEqual(['BX-20261127-0001']);
					expect(await counter(again, 'ticket', TODAY)).toBe(1);
					const next = await registerTicket(again, report(3), options);
					expect(next.ticket.ticketNumber).toBe('BX-20261127-0002');
				} finally {
					await again.close();
				}
			} finally {
				await store.close().catch(() => undefined);
			}
		}, 60_000);

		test('a table of another application in the same schema or file is neither backed up nor touched by a restore', async () => {
			const config = backend.fresh();
			const store = await Store.open(config);
			try {
				await registerTicket(store, report(1), options);
				await sql`create table their_notes (id integer primary key, note text)`.execute(store.db);
				await sql`insert into their_notes (id, note) values (1, 'theirs')`.execute(store.db);
				const { file, manifest } = await backupStore(store, join(dir(), 'one.backup.gz'));
				expect(Object.keys(manifest.tables)).not.toContain('their_notes');
				expect(Object.keys(manifest.tables)).toEqual(expect.arrayContaining(['tickets', 'counters', 'store_secrets', 'schema_migrations']));
				await registerTicket(store, report(2), options);
				await store.close();
				await restoreStore(file, config, { force: true });
				const again = await Store.open(config);
				try {
					expect(await ticketNumbers(again)).toEqual(['BX-20261127-0001']);
					const notes = await sql<{ note: string }>`select note from their_notes`.execute(again.db);
					expect(notes.rows).toEqual([{ note: 'theirs' }]);
				} finally {
					await again.close();
				}
			} finally {
				await store.close().catch(() => undefined);
			}
		}, 60_000);

		test('the nightly backup keeps the newest ones only', async () => {
			const store = await Store.open(backend.fresh());
			const out = dir();
			try {
				// The snapshot a move keeps is not one of the nightly ones: never counted, never removed.
				const moved = await backupStore(store, join(out, 'after-sales-move-2026-11-30T18-00-00-000Z.backup.gz'));
				for (let day = 1; day <= 4; day++) await backupInto(store, out, 2, new Date(`2026-12-0${day}T18:00:00.000Z`));
				expect(readBackup(moved.file).manifest.tables.tickets.rows).toBe(0);
				expect(listBackups(out).map((f) => f.slice(out.length + 1))).toEqual([
					'after-sales-2026-12-03T18-00-00-000Z.backup.gz',
					'after-sales-2026-12-04T18-00-00-000Z.backup.gz',
				]);
				expect(readBackup(listBackups(out)[1]).manifest.createdAt).toBe('2026-12-04T18:00:00.000Z');
			} finally {
				await store.close();
			}
		});
	});
}

/** What a filled store was before it was moved or backed up: its checksums, a survey signature, its highest ticket id. */
interface Filled {
	sums: Awaited<ReturnType<typeof tableChecksums>>;
	signature: string;
	maxTicketId: number;
}

/** A store with a technician and two invoiced tickets (photos, outbox, counters, secret), read back as it is. */
async function filledStore(config: StoreConfig): Promise<Filled> {
	const source = await Store.open(config);
	try {
		const { technicianId } = await seed(source);
		await invoicedTicket(source, technicianId, 1);
		const last = await invoicedTicket(source, technicianId, 2);
		expect(last.ticketNumber).toBe('BX-20261127-0002');
		expect(last.invoiceNumber).toBe('FP-2026-000002');
		const sums = await source.db.transaction().execute((trx) => tableChecksums(trx.withoutPlugins(), source.backend));
		const filled = Object.entries(sums)
			.filter(([, s]) => s.rows > 0)
			.map(([t]) => t);
		expect(filled).toEqual(
			expect.arrayContaining([
				'customers',
				'technicians',
				'tickets',
				'ticket_events',
				'ticket_photos',
				'invoices',
				'counters',
				'store_secrets',
				'liaison_letters',
			]),
		);
		const maxTicketId = Number(
			(
				await source.db
					.selectFrom('tickets')
					.select((eb) => eb.fn.max('id').as('m'))
					.executeTakeFirstOrThrow()
			).m,
		);
		return { sums, signature: (await surveySigner(source.db))('HF-1'), maxTicketId };
	} finally {
		await source.close();
	}
}

/** The store at `config` holds what `before` held, signs alike, and the next ticket, voucher and invoice numbers follow. */
async function expectGoesOn(config: StoreConfig, before: Filled) {
	const store = await Store.open(config);
	try {
		const sums = await store.db.transaction().execute((trx) => tableChecksums(trx.withoutPlugins(), store.backend));
		expect(sums).toEqual(before.sums);
		// The survey and document links made before still check after it.
		expect((await surveySigner(store.db))('HF-1')).toBe(before.signature);
		const { technicianId } = { technicianId: (await store.db.selectFrom('technicians').select('id').executeTakeFirstOrThrow()).id };
		const next = await invoicedTicket(store, technicianId, 3);
		expect(next.ticketNumber).toBe('BX-20261127-0003');
		expect(next.invoiceNumber).toBe('FP-2026-000003');
		const voucher = await store.db
			.selectFrom('tickets')
			.select(['voucherNumber', 'id'])
			.where('ticketNumber', '=', next.ticketNumber)
			.executeTakeFirstOrThrow();
		expect(voucher.voucherNumber).toBe('PZ-20261127-0003');
		// Ids go on past the highest one moved (PostgreSQL: the sequences were set).
		expect(voucher.id).toBe(before.maxTicketId + 1);
	} finally {
		await store.close();
	}
}

/** Where the move goes: PostgreSQL when the tests have it, else another SQLite file. */
function moveTarget(): { name: string; backend: Backend; config: () => StoreConfig } {
	const all = backends();
	const pg = all.find((b) => b.name === 'postgres');
	if (pg) return { name: 'PostgreSQL', backend: pg, config: () => pg.fresh() };
	return { name: 'another SQLite file', backend: all[0], config: () => all[0].fresh() };
}

describe(`moving a SQLite store to ${moveTarget().name}`, () => {
	const target = moveTarget();
	afterAll(() => target.backend.cleanup());

	test('copies every row, counter and secret, verifies them, and the next ticket, voucher and invoice numbers follow', async () => {
		const from = backends()[0].fresh();
		const source = await filledStore(from);
		const to = target.config();
		const moved = await moveStore(from, to, dir());
		expect(moved.manifest.tables).toEqual(source.sums);
		await expectGoesOn(to, source);

		// A second move into the same store: refused, it holds data now.
		await expect(moveStore(from, to, dir())).rejects.toThrow(/already holds data/);
	}, 90_000);

	test('a target that does not connect: a clear message, nothing written', async () => {
		const from = backends()[0].fresh();
		await (await Store.open(from)).close();
		const to = { ...pgStoreConfig('postgres://postgres@127.0.0.1:1/nowhere', 'after_sales') };
		await expect(moveStore(from, to, dir())).rejects.toThrow(/Cannot open the after-sales store \(PostgreSQL postgres@127.0.0.1:1\/nowhere/);
	}, 30_000);
});

const postgres = backends().find((b) => b.name === 'postgres');
(postgres ? describe : describe.skip)('a PostgreSQL store backed up and restored into an empty SQLite store', () => {
	afterAll(() => postgres!.cleanup());

	test('the same rows, counts and checksums, the same secret; the next ticket, voucher and invoice numbers follow', async () => {
		const from = postgres!.fresh();
		const source = await filledStore(from);
		const store = await Store.open(from);
		let backup: Awaited<ReturnType<typeof backupStore>>;
		try {
			backup = await backupStore(store, join(dir(), 'from-postgres.backup.gz'));
		} finally {
			await store.close();
		}
		expect(backup.manifest.tables).toEqual(source.sums);

		const to = backends()[0].fresh();
		expect(to.backend).toBe('sqlite');
		const restored = await restoreStore(backup.file, to);
		expect(restored.rows).toBe(Object.values(source.sums).reduce((s, t) => s + t.rows, 0));
		await expectGoesOn(to, source);
	}, 90_000);
});

/**
 * Dispatch under concurrency, on every backend: 20 automatic runs at once from 5 processes never
 * put a technician over capacity nor give a ticket two technicians.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { backends } from '../harness/backends';
import { Store, type Trx } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { requireTicket } from '../../nodes/shared/store/registers/tickets';
import { cancelTicket } from '../../nodes/shared/services/ticket-steps';
import { dispatchAuto } from '../../nodes/shared/services/dispatch-run';
import { DEFAULT_WEIGHTS } from '../../nodes/shared/rules/dispatch';
import { insertTestTicket } from '../harness/tickets';

const run = promisify(execFile);
const TODAY = '2026-11-27';

/** An open ticket reported today, number `seq` of the day. */
async function openTicket(trx: Trx, customerId: number, phone: string, seq: number, reportedAt: string, now: string) {
	await insertTestTicket(
		trx,
		{ customerId, n: seq, reportDate: TODAY, phone, address: '上海市', siteSituation: '不制冷', reportedAt, dueAt: '2026-11-29T00:00:00.000Z' },
		now,
	);
}

for (const backend of backends()) {
	describe(`dispatch on ${backend.name}`, () => {
		afterAll(() => backend.cleanup());

		test('20 parallel dispatch runs: zero over capacity, zero double assignment', async () => {
			const config = backend.fresh();
			const store = await Store.open(config);
			try {
				const now = new Date().toISOString();
				await store.transaction(async (trx) => {
					const c = await createCustomer(trx, { name: '并发客户', phone: '13800009999' }, now);
					for (let i = 0; i < 30; i++) {
						await createTechnician(
							trx,
							{ name: `技师${i}`, phone: `1370000${String(i).padStart(4, '0')}`, skills: ['空调'], areas: [], dailyCapacity: 2 },
							now,
						);
					}
					for (let i = 0; i < 100; i++) await openTicket(trx, c.id, '13800009999', i + 1, `2026-11-27T0${i % 9}:00:00.000Z`, now);
				});
				const script = resolve(__dirname, 'fixtures/dispatch-runs.js');
				const env = { ...process.env, STORE_CONFIG: JSON.stringify(config), RUNS: '4', TODAY };
				const outputs = await Promise.all(Array.from({ length: 5 }, () => run(process.execPath, [script], { env })));
				const perRun = outputs.flatMap((o) => JSON.parse(o.stdout) as number[]);
				expect(perRun).toHaveLength(20);
				// 30 technicians × 2 jobs: exactly 60 assignments in all, however the runs interleaved.
				expect(perRun.reduce((a, b) => a + b, 0)).toBe(60);
				const load = await store.db
					.selectFrom('tickets')
					.select(['technicianId', (eb) => eb.fn.countAll<number>().as('n')])
					.where('technicianId', 'is not', null)
					.groupBy('technicianId')
					.execute();
				expect(load).toHaveLength(30);
				expect(Math.max(...load.map((l) => Number(l.n)))).toBe(2);
				const dispatchEvents = await store.db
					.selectFrom('ticketEvents')
					.select(['ticketId', (eb) => eb.fn.countAll<number>().as('n')])
					.where('action', '=', 'dispatch')
					.groupBy('ticketId')
					.execute();
				expect(dispatchEvents).toHaveLength(60);
				expect(dispatchEvents.every((e) => Number(e.n) === 1)).toBe(true);
			} finally {
				await store.close();
			}
		});

		/** A store with one technician (capacity 1) and `n` open tickets reported today. */
		async function oneTechnician(n: number) {
			const store = await Store.open(backend.fresh());
			const now = new Date().toISOString();
			await store.transaction(async (trx) => {
				const c = await createCustomer(trx, { name: '取消客户', phone: '13800008888' }, now);
				await createTechnician(trx, { name: '独一', phone: '13700009999', skills: ['空调'], areas: [], dailyCapacity: 1 }, now);
				for (let i = 1; i <= n; i++) await openTicket(trx, c.id, '13800008888', i, `2026-11-27T0${i}:00:00.000Z`, now);
			});
			return store;
		}
		const ctx = { today: TODAY, actor: 'test', now: '2026-11-27T02:00:00.000Z' };

		test('a ticket cancelled after dispatch gives the technician his place back the same day', async () => {
			const store = await oneTechnician(2);
			try {
				const first = await dispatchAuto(store, DEFAULT_WEIGHTS, ctx, ['BX-20261127-0001']);
				expect(first.assignments.map((a) => a.ticketNumber)).toEqual(['BX-20261127-0001']);
				expect((await dispatchAuto(store, DEFAULT_WEIGHTS, ctx, ['BX-20261127-0002'])).assignments).toEqual([]);
				await store.transaction((trx) => cancelTicket(trx, 'BX-20261127-0001', '客户撤销', ctx));
				const again = await dispatchAuto(store, DEFAULT_WEIGHTS, ctx, ['BX-20261127-0002']);
				expect(again.assignments.map((a) => [a.ticketNumber, a.technician.name])).toEqual([['BX-20261127-0002', '独一']]);
			} finally {
				await store.close();
			}
		});

		if (backend.name === 'postgres') {
			test('a cancel that is under way makes a dispatch run wait, and the run then leaves the cancelled ticket alone', async () => {
				const store = await oneTechnician(1);
				try {
					let release!: () => void;
					const held = new Promise<void>((r) => (release = r));
					let cancelled!: () => void;
					const cancelInProgress = new Promise<void>((r) => (cancelled = r));
					const cancel = store.transaction(async (trx) => {
						await cancelTicket(trx, 'BX-20261127-0001', '客户撤销', ctx);
						cancelled();
						await held; // the cancel's transaction stays open while the dispatch run starts
					});
					await cancelInProgress;
					const run = dispatchAuto(store, DEFAULT_WEIGHTS, ctx);
					await new Promise((r) => setTimeout(r, 300));
					release();
					await cancel;
					const result = await run;
					expect(result.assignments).toEqual([]);
					const t = await store.transaction((trx) => requireTicket(trx, { ticketNumber: 'BX-20261127-0001' }));
					expect([t.status, t.technician]).toEqual(['cancelled', null]);
				} finally {
					await store.close();
				}
			});
		}
	});
}

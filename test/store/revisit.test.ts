/**
 * Visit outcome "other" (未完成服务·其它, RULES turn 3) on every backend: the ticket goes back to open
 * with no technician, the next day's dispatch run takes it first (a leftover, P12) even ahead of a
 * more urgent new report, every visit is kept with its time and technician, and the work report
 * counts each visit.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician, requireTicket } from '../../nodes/shared/store/registers/tickets';
import { ticketVisits } from '../../nodes/shared/store/registers/ticket-visits';
import { cancelTicket, recordVisit, type StepContext } from '../../nodes/shared/services/ticket-steps';
import { dispatchAuto } from '../../nodes/shared/services/dispatch-run';
import { weeklyWorkTable } from '../../nodes/shared/services/work-report';
import { DEFAULT_WEIGHTS } from '../../nodes/shared/rules/dispatch';
import { RuleViolation } from '../../nodes/shared/rules/errors';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
// Saturday 5 December 2026, 11:00 in Shanghai; the second visit on Monday the 7th.
const DAY1 = { now: '2026-12-05T03:00:00.000Z', today: '2026-12-05' };
const DAY2 = { now: '2026-12-07T02:00:00.000Z', today: '2026-12-07' };
const step = (day: typeof DAY1): StepContext => ({ actor: 'test', zone: ZONE, ...day });

for (const backend of backends()) {
	describe(`visit outcome other on ${backend.name}`, () => {
		let config: StoreConfig;
		let store: Store;
		let customerId: number;
		let wang: number;

		const ticket = async (n: string) => await store.transaction(async (trx) => await requireTicket(trx, { ticketNumber: n }));
		const visits = async (id: number) => await store.transaction(async (trx) => await ticketVisits(trx, id));
		const count = async (table: 'ticketEvents' | 'workLog' | 'visitParts') =>
			Number(
				(
					await store.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n,
			);

		beforeEach(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			await store.transaction(async (trx) => {
				customerId = (await createCustomer(trx, { name: '华东物业', phone: '13800000001' }, DAY1.now)).id;
				// One job a day: whoever the run takes first is the only one dispatched.
				wang = (await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: ['空调'], areas: [], dailyCapacity: 1 }, DAY1.now)).id;
			});
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		/** A category A ticket reported on the 5th and dispatched to 王师傅 that day. */
		async function dispatchedOnDay1(): Promise<string> {
			return await store.transaction(async (trx) => {
				const t = await insertTestTicket(trx, { customerId, n: 1, reportDate: '2026-12-05', dueAt: '2026-12-06T01:00:00.000Z' }, DAY1.now);
				await assignTechnician(trx, t.id, wang, null, '2026-12-05', 'test', DAY1.now);
				return t.ticketNumber;
			});
		}

		test('other → open with no technician; the next day’s run dispatches it first; the second visit solves it; both visits kept; the work report counts two', async () => {
			const n = await dispatchedOnDay1();
			await store.transaction(
				async (trx) =>
					await recordVisit(
						trx,
						n,
						{
							outcome: 'other',
							remarks: '配件在途，压缩机周一到货',
							customerSignature: null,
							signedAt: null,
							solution: '拆检',
							minutes: 30,
							workedOn: '2026-12-05',
							parts: [],
							collectedFen: null,
							paymentMethod: null,
						},
						step(DAY1),
					),
			);
			const back = await ticket(n);
			expect(back).toMatchObject({
				status: 'open',
				technicianId: null,
				technician: null,
				dispatchedOn: null,
				solution: null,
				customerSignature: null,
			});

			// Monday: a category B report (more urgent than A) arrives; the capacity is one job.
			const fresh = await store.transaction(
				async (trx) =>
					await insertTestTicket(trx, { customerId, n: 1, reportDate: '2026-12-07', category: 'B', dueAt: '2026-12-08T01:00:00.000Z' }, DAY2.now),
			);
			const run = await dispatchAuto(store, DEFAULT_WEIGHTS, { today: '2026-12-07', actor: 'dispatch', now: DAY2.now });
			expect(run.assignments.map((a) => [a.ticketNumber, a.leftOver, a.technician.name])).toEqual([[n, true, '王师傅']]);
			expect(run.undispatched.map((u) => u.ticketNumber)).toEqual([fresh.ticketNumber]);

			await store.transaction(
				async (trx) =>
					await recordVisit(
						trx,
						n,
						{
							outcome: 'solved',
							solution: '更换压缩机',
							customerSignature: '陈经理',
							signedAt: DAY2.now,
							minutes: 90,
							workedOn: '2026-12-07',
							remarks: '已试机',
							parts: [],
							collectedFen: null,
							paymentMethod: null,
						},
						step(DAY2),
					),
			);
			const done = await ticket(n);
			expect(done).toMatchObject({ status: 'solved-on-site', solution: '更换压缩机', customerSignature: '陈经理', signedAt: DAY2.now });
			expect(await visits(done.id)).toEqual([
				{
					seq: 1,
					outcome: 'other',
					recordedAt: DAY1.now,
					visitedOn: '2026-12-05',
					technicianId: wang,
					technicianName: '王师傅',
					solution: '拆检',
					remarks: '配件在途，压缩机周一到货',
					customerSignature: null,
					signedAt: null,
					minutes: 30,
				},
				{
					seq: 2,
					outcome: 'solved',
					recordedAt: DAY2.now,
					visitedOn: '2026-12-07',
					technicianId: wang,
					technicianName: '王师傅',
					solution: '更换压缩机',
					remarks: '已试机',
					customerSignature: '陈经理',
					signedAt: DAY2.now,
					minutes: 90,
				},
			]);
			// 2026-W49 runs Monday 30 November to Sunday 6 December; W50 from the 7th: one visit in each.
			const w49 = await weeklyWorkTable(store, '2026-W49');
			const w50 = await weeklyWorkTable(store, '2026-W50');
			expect([w49.totals.byCategory.A, w50.totals.byCategory.A]).toEqual([
				{ jobs: 1, minutes: 30 },
				{ jobs: 1, minutes: 90 },
			]);
			// Both visits in one week: two jobs of one ticket.
			await store.db.updateTable('workLog').set({ workedOn: '2026-12-04' }).where('minutes', '=', 90).execute();
			expect((await weeklyWorkTable(store, '2026-W49')).totals.byCategory.A).toEqual({ jobs: 2, minutes: 120 });
		});

		test('a visit "other" twice, then solved: three visits, none lost; the history says where the ticket went each time', async () => {
			const n = await dispatchedOnDay1();
			const other = (remarks: string) => ({
				outcome: 'other' as const,
				remarks,
				customerSignature: null,
				signedAt: null,
				solution: null,
				parts: [],
				collectedFen: null,
				paymentMethod: null,
			});
			await store.transaction(async (trx) => await recordVisit(trx, n, other('客户不在'), step(DAY1)));
			await store.transaction(async (trx) => {
				const t = await requireTicket(trx, { ticketNumber: n });
				expect(await assignTechnician(trx, t.id, wang, null, '2026-12-06', 'manager', DAY1.now)).toBe(true);
				await recordVisit(trx, n, other('需两人作业'), step(DAY1));
				expect(await assignTechnician(trx, t.id, wang, null, '2026-12-07', 'manager', DAY2.now)).toBe(true);
				await recordVisit(
					trx,
					n,
					{
						outcome: 'solved',
						solution: '两人完成安装',
						customerSignature: '陈经理',
						signedAt: DAY2.now,
						parts: [],
						collectedFen: null,
						paymentMethod: null,
					},
					step(DAY2),
				);
			});
			const t = await ticket(n);
			expect((await visits(t.id)).map((v) => [v.seq, v.outcome, v.remarks])).toEqual([
				[1, 'other', '客户不在'],
				[2, 'other', '需两人作业'],
				[3, 'solved', null],
			]);
			const history = await store.db
				.selectFrom('ticketEvents')
				.select(['action', 'fromStatus', 'toStatus'])
				.where('ticketId', '=', t.id)
				.orderBy('id')
				.execute();
			expect(history.map((h) => `${h.action}:${h.fromStatus}→${h.toStatus}`)).toEqual([
				'register:null→open',
				'dispatch:open→dispatched',
				'recordVisitOther:dispatched→open',
				'dispatch:open→dispatched',
				'recordVisitOther:dispatched→open',
				'dispatch:open→dispatched',
				'recordVisitSolved:dispatched→solved-on-site',
			]);
		});

		test('after a visit "other" the ticket is not cancelled, open or dispatched again; nothing is written', async () => {
			const n = await dispatchedOnDay1();
			await store.transaction(
				async (trx) =>
					await recordVisit(trx, n, { outcome: 'other', remarks: '客户不在', parts: [], collectedFen: null, paymentMethod: null }, step(DAY1)),
			);
			const cancel = async () => {
				try {
					await store.transaction(async (trx) => await cancelTicket(trx, n, '客户不修了', step(DAY2)));
				} catch (e) {
					return e as Error;
				}
				throw new Error('cancelled');
			};
			const events = await count('ticketEvents');
			const refused = await cancel();
			expect(refused).toBeInstanceOf(RuleViolation);
			expect(refused.message).toBe(
				`Ticket ${n} cannot be cancelled: a visit was already recorded on it (其它, not finished); dispatch it again for the next visit`,
			);
			expect((await ticket(n)).status).toBe('open');
			await store.transaction(async (trx) => {
				const t = await requireTicket(trx, { ticketNumber: n });
				await assignTechnician(trx, t.id, wang, null, '2026-12-07', 'manager', DAY2.now);
			});
			expect((await cancel()).message).toMatch(/cannot be cancelled: a visit was already recorded/);
			expect((await ticket(n)).status).toBe('dispatched');
			expect(await count('ticketEvents')).toBe(events + 1);
		});

		test('a visit "other" on a ticket that is open (not dispatched) is refused and nothing is written', async () => {
			const n = await dispatchedOnDay1();
			const other = {
				outcome: 'other' as const,
				remarks: '配件在途',
				parts: [{ part: '保险丝', quantity: 1 }],
				collectedFen: null,
				paymentMethod: null,
			};
			await store.transaction(async (trx) => await recordVisit(trx, n, { ...other, minutes: 10 }, step(DAY1)));
			const before = await Promise.all([count('ticketEvents'), count('workLog'), count('visitParts')]);
			let error: unknown;
			try {
				await store.transaction(async (trx) => await recordVisit(trx, n, { ...other, minutes: 10 }, step(DAY1)));
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(RuleViolation);
			expect((error as Error).message).toBe(`Ticket ${n} cannot have a visit recorded as not finished (other): it was never dispatched`);
			expect(await Promise.all([count('ticketEvents'), count('workLog'), count('visitParts')])).toEqual(before);
		});
	});
}

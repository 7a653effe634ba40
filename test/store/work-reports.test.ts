/**
 * Work reports on every backend (P10, P11): visits and repair work counted on the day they were
 * done (a visit entered the next morning stays in its week), internal D work logged without a
 * ticket, the weekly table per technician × category and the daily reports read back from the store.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician } from '../../nodes/shared/store/registers/tickets';
import { recordRepairWork, recordVisit } from '../../nodes/shared/services/ticket-steps';
import { logInternalWork } from '../../nodes/shared/store/registers/work-log';
import { dailyWorkReport, weeklyWorkTable } from '../../nodes/shared/services/work-report';
import { cleanInternalWork } from '../../nodes/shared/rules/work-report';
import { ValidationError } from '../../nodes/shared/rules/errors';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
let seq = 0;

const zero = { jobs: 0, minutes: 0 };

for (const backend of backends()) {
	describe(`work reports on ${backend.name}`, () => {
		let store: Store;
		let customerId: number;
		const ids: Record<string, number> = {};
		beforeAll(async () => {
			store = await Store.open(backend.fresh());
			const NOW = '2026-11-20T02:00:00.000Z';
			await store.transaction(async (trx) => {
				customerId = (await createCustomer(trx, { name: '华东物业', phone: '13800000001' }, NOW)).id;
				for (const [name, phone] of [
					['王师傅', '13700000001'],
					['李师傅', '13700000002'],
					['赵师傅', '13700000003'],
					['钱师傅', '13700000004'],
					['孙师傅', '13700000005'],
				])
					ids[name] = (await createTechnician(trx, { name, phone, skills: ['空调'], areas: [], dailyCapacity: 8 }, NOW)).id;
			});
			// 钱 left after logging training; 孙 left and did nothing: only 钱 is in the report.
			await store.db.updateTable('technicians').set({ active: 0 }).where('id', 'in', [ids['钱师傅'], ids['孙师傅']]).execute();
		});
		afterAll(async () => {
			await store.close();
			await backend.cleanup();
		});

		async function ticket(category: string, technician: string): Promise<string> {
			return await store.transaction(async (trx) => {
				const t = await insertTestTicket(
					trx,
					{
						customerId,
						n: ++seq,
						reportDate: '2026-11-22',
						numberedOn: '2026-11-23',
						contactPerson: '陈经理',
						customerType: category === 'C' ? 'in-warranty' : category === 'B' ? 'annual-contract' : 'liaison-letter',
						category,
						dueAt: '2026-11-28T01:00:00.000Z',
					},
					'2026-11-22T01:00:00.000Z',
				);
				await assignTechnician(trx, t.id, ids[technician], null, '2026-11-22', 'test', '2026-11-22T01:00:00.000Z');
				return t.ticketNumber;
			});
		}
		/** A step entered on `today` (the clerk's day), about work done on `workedOn`. */
		const ctx = (today: string) => ({ actor: 'test', now: `${today}T01:00:00.000Z`, today });
		const logD = async (phone: string, kind: string, minutes: number, workedOn: string, today: string) =>
			await store.transaction(
				async (trx) =>
					await logInternalWork(
						trx,
						cleanInternalWork({ technicianPhone: phone, kind, minutes, workedOn }, ZONE, today),
						'test',
						`${today}T01:00:00.000Z`,
					),
			);

		let a: string;
		let b: string;
		let c: string;
		beforeAll(async () => {
			a = await ticket('A', '王师傅');
			b = await ticket('B', '李师傅');
			c = await ticket('C', '王师傅');
			// A: taken back on Monday 23rd (entered Tuesday), repaired on Wednesday 25th.
			await store.transaction(async (trx) =>
				recordVisit(
					trx,
					a,
					{
						outcome: 'taken-back',
						product: '空调内机',
						customerSignature: '陈',
						signedAt: '2026-11-23T08:00:00.000Z',
						minutes: 40,
						workedOn: '2026-11-23',
					},
					ctx('2026-11-24'),
				),
			);
			await store.transaction(async (trx) => recordRepairWork(trx, a, { minutes: 60, parts: [], workedOn: '2026-11-25' }, ctx('2026-11-26')));
			// B: solved on Thursday 26th, entered the same day (no workedOn: the step's own day).
			await store.transaction(async (trx) =>
				recordVisit(
					trx,
					b,
					{ outcome: 'solved', solution: '清洗', customerSignature: '陈', signedAt: '2026-11-26T03:00:00.000Z', minutes: 45 },
					ctx('2026-11-26'),
				),
			);
			// C: solved on Sunday 29th, entered Monday morning 30th — it stays in W48.
			await store.transaction(async (trx) =>
				recordVisit(
					trx,
					c,
					{ outcome: 'solved', solution: '复位', customerSignature: '陈', signedAt: '2026-11-29T09:00:00.000Z', minutes: 30, workedOn: '2026-11-29' },
					ctx('2026-11-30'),
				),
			);
			await logD('13700000001', 'inspection', 20, '2026-11-24', '2026-11-24');
			await logD('13700000004', 'training', 90, '2026-11-27', '2026-11-28');
			await logD('13700000001', 'tools', 15, '2026-11-30', '2026-11-30'); // next week
		});

		test('the work log keeps each line on the day the work was done', async () => {
			const rows = await store.db
				.selectFrom('workLog')
				.select(['workedOn', 'kind', 'minutes', 'category', 'notes', 'createdBy'])
				.orderBy('id')
				.execute();
			expect(rows.map((r) => [r.workedOn, r.kind, Number(r.minutes), r.category])).toEqual([
				['2026-11-23', 'visit', 40, 'A'],
				['2026-11-25', 'repair', 60, 'A'],
				['2026-11-26', 'visit', 45, 'B'],
				['2026-11-29', 'visit', 30, 'C'],
				['2026-11-24', 'inspection', 20, 'D'],
				['2026-11-27', 'training', 90, 'D'],
				['2026-11-30', 'tools', 15, 'D'],
			]);
			const card = await store.db.selectFrom('repairWork').select('workedOn').executeTakeFirstOrThrow();
			expect(card.workedOn).toBe('2026-11-25');
			expect(rows[4].createdBy).toBe('test');
		});

		test('the weekly table of 2026-W48: per technician × category, the inactive one with work listed', async () => {
			const t = await weeklyWorkTable(store, '2026-W48');
			expect({ week: t.week, from: t.from, to: t.to }).toEqual({ week: '2026-W48', from: '2026-11-23', to: '2026-11-29' });
			expect(t.technicians.map((r) => [r.name, r.byCategory, r.totalJobs, r.totalMinutes])).toEqual([
				['李师傅', { A: zero, B: { jobs: 1, minutes: 45 }, C: zero, D: zero }, 1, 45],
				['钱师傅', { A: zero, B: zero, C: zero, D: { jobs: 1, minutes: 90 } }, 1, 90],
				['王师傅', { A: { jobs: 1, minutes: 100 }, B: zero, C: { jobs: 1, minutes: 30 }, D: { jobs: 1, minutes: 20 } }, 3, 150],
				['赵师傅', { A: zero, B: zero, C: zero, D: zero }, 0, 0],
			]);
			expect(t.totals).toEqual({
				byCategory: { A: { jobs: 1, minutes: 100 }, B: { jobs: 1, minutes: 45 }, C: { jobs: 1, minutes: 30 }, D: { jobs: 2, minutes: 110 } },
				totalJobs: 5,
				totalMinutes: 285,
			});
			const next = await weeklyWorkTable(store, '2026-W49');
			expect(next.totals.totalMinutes).toBe(15);
		});

		test('the daily reports: a ticket on the day its work was done, with the customer; the D work', async () => {
			const monday = await dailyWorkReport(store, '2026-11-23', '2026-W48');
			expect(monday.technicians.find((r) => r.name === '王师傅')!.entries).toEqual([
				{ ticketNumber: a, customerName: '华东物业', category: 'A', kind: 'visit', minutes: 40, notes: null },
			]);
			const tuesday = await dailyWorkReport(store, '2026-11-24', '2026-W48');
			expect(tuesday.technicians.find((r) => r.name === '王师傅')!.entries).toEqual([
				{ ticketNumber: null, customerName: null, category: 'D', kind: 'inspection', minutes: 20, notes: null },
			]);
			// 钱 is not active and did nothing on Tuesday: not on Tuesday's report
			expect(tuesday.technicians.map((r) => r.name)).toEqual(['李师傅', '王师傅', '赵师傅']);
			const week = await weeklyWorkTable(store, '2026-W48', true);
			expect(week.days!.map((d) => [d.date, d.totals.totalMinutes])).toEqual([
				['2026-11-23', 40],
				['2026-11-24', 20],
				['2026-11-25', 60],
				['2026-11-26', 45],
				['2026-11-27', 90],
				['2026-11-28', 0],
				['2026-11-29', 30],
			]);
		});

		test('D work for a phone not in the register is refused on the field, nothing written', async () => {
			const before = await store.db.selectFrom('workLog').select('id').execute();
			await expect(logD('13700000099', 'parts', 30, '2026-11-27', '2026-11-28')).rejects.toThrow(ValidationError);
			await expect(logD('13700000099', 'parts', 30, '2026-11-27', '2026-11-28')).rejects.toThrow(
				/Technician phone \(技术员电话\): no technician with phone "13700000099"/,
			);
			expect(await store.db.selectFrom('workLog').select('id').execute()).toHaveLength(before.length);
		});
	});
}

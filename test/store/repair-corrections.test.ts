/**
 * Repair register corrections on every backend: the completion date agreed at take-back becomes
 * the ticket's due time (P9), a replacement updates the installation register (the old unit kept,
 * pointing to the new), the vouchers still out (P12), and the in/out register for the board.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { createInstallation, findInstallation, warrantyFactsOf } from '../../nodes/shared/store/registers/installations';
import { assignTechnician, listTickets, requireTicket } from '../../nodes/shared/store/registers/tickets';
import { closeTicket, inspectRepair, recordRepairWork, recordVisit, returnProduct, type StepContext } from '../../nodes/shared/services/ticket-steps';
import { productsTakenBack } from '../../nodes/shared/store/registers/product-register';
import { vouchersStillOut } from '../../nodes/shared/store/registers/voucher-reconciliation';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
// Friday 27 November 2026, 10:00 in Shanghai.
const NOW = '2026-11-27T02:00:00.000Z';
const ctx = (over: Partial<StepContext> = {}): StepContext => ({ actor: 'test', now: NOW, today: '2026-11-27', zone: ZONE, ...over });
let seq = 0;

for (const backend of backends()) {
	describe(`repair corrections on ${backend.name}`, () => {
		let config: StoreConfig;
		let store: Store;
		let customerId: number;
		let otherCustomerId: number;
		let wang: number;

		async function dispatched(serialNo: string | null = null, customer = customerId): Promise<string> {
			return await store.transaction(async (trx) => {
				const t = await insertTestTicket(
					trx,
					{
						customerId: customer,
						n: ++seq,
						reportDate: '2026-11-26',
						contactPerson: '陈经理',
						serialNo,
						customerType: 'in-warranty',
						category: 'C',
						// The intake's response target: 24 hours after the report.
						dueAt: '2026-11-27T01:00:00.000Z',
					},
					NOW,
				);
				await assignTechnician(trx, t.id, wang, null, '2026-11-26', 'test', NOW);
				return t.ticketNumber;
			});
		}

		const ticket = async (n: string) => await store.transaction(async (trx) => await requireTicket(trx, { ticketNumber: n }));
		const count = async (table: 'installations' | 'productReceipts' | 'ticketEvents' | 'workLog') =>
			Number(
				(
					await store.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n,
			);
		async function refusal(fn: () => Promise<unknown>): Promise<Error> {
			try {
				await fn();
			} catch (e) {
				return e as Error;
			}
			throw new Error('expected a refusal');
		}

		beforeEach(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			await store.transaction(async (trx) => {
				customerId = (await createCustomer(trx, { name: '华东物业', phone: '13800000001' }, NOW)).id;
				otherCustomerId = (await createCustomer(trx, { name: '别家公司', phone: '13800000002' }, NOW)).id;
				wang = (await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: ['空调'], areas: [], dailyCapacity: 8 }, NOW)).id;
				await createInstallation(
					trx,
					{ serialNo: 'AC-OLD-1', customer: { id: customerId }, description: '中央空调主机', completedOn: '2025-06-01', warrantyUntil: '2027-06-01' },
					NOW,
				);
				await createInstallation(
					trx,
					{ serialNo: 'AC-OTHER', customer: { id: otherCustomerId }, description: '风机', completedOn: '2025-06-01', warrantyUntil: '2027-06-01' },
					NOW,
				);
			});
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		const takeBack = (promisedBy?: string | null) =>
			({ outcome: 'taken-back', product: '空调主板', customerSignature: '陈经理', signedAt: NOW, promisedBy }) as const;

		test('P9: taken back on Friday without an agreed date: due at the end of Wednesday; the overdue list follows it', async () => {
			const n = await dispatched();
			// Before the take-back the intake's target (27 Nov 01:00 UTC) has passed: overdue and escalated once.
			await store.db.updateTable('tickets').set({ escalatedPeriod: 1 }).where('ticketNumber', '=', n).execute();
			await store.transaction(async (trx) => await recordVisit(trx, n, takeBack(), ctx()));
			const t = await ticket(n);
			// Fri 27 Nov + 3 working days = Wed 2 Dec; its end in Shanghai is 16:00 UTC that day.
			expect(t).toMatchObject({ status: 'taken-back', promisedBy: '2026-12-02', dueAt: '2026-12-02T16:00:00.000Z', escalatedPeriod: 0 });
			const overdue = async (at: string) =>
				(await store.transaction(async (trx) => await listTickets(trx, { overdueAt: at }))).map((x) => x.ticketNumber);
			expect(await overdue('2026-11-30T02:00:00.000Z')).not.toContain(n);
			expect(await overdue('2026-12-02T15:59:59.000Z')).not.toContain(n);
			expect(await overdue('2026-12-02T16:00:01.000Z')).toContain(n);
			const event = (
				await store.db.selectFrom('ticketEvents').select('details').where('action', '=', 'recordVisitTakenBack').executeTakeFirstOrThrow()
			).details;
			expect(JSON.parse(event)).toMatchObject({
				promisedBy: '2026-12-02',
				dueAt: '2026-12-02T16:00:00.000Z',
				previousDueAt: '2026-11-27T01:00:00.000Z',
			});
		});

		test('P9: the agreed date is kept; one before the take-back day is refused and nothing is written', async () => {
			const n = await dispatched();
			const before = await Promise.all([count('productReceipts'), count('ticketEvents')]);
			const error = await refusal(() => store.transaction(async (trx) => await recordVisit(trx, n, takeBack('2026-11-26'), ctx())));
			expect(error).toBeInstanceOf(RuleViolation);
			expect((error as RuleViolation).field).toBe('promisedBy');
			expect(await Promise.all([count('productReceipts'), count('ticketEvents')])).toEqual(before);
			expect((await ticket(n)).status).toBe('dispatched');
			await store.transaction(async (trx) => await recordVisit(trx, n, takeBack('2026-12-31'), ctx()));
			expect(await ticket(n)).toMatchObject({ promisedBy: '2026-12-31', dueAt: '2026-12-31T16:00:00.000Z' });
		});

		test('replaced: the new unit enters the register with 12 months from the visit day; the old one is kept, pointing to it', async () => {
			const n = await dispatched('AC-OLD-1');
			// Signed at 23:30 on 30 November in Shanghai (15:30 UTC): the replacement day is the 30th there.
			const signedAt = '2026-11-30T15:30:00.000Z';
			await store.transaction(async (trx) =>
				recordVisit(
					trx,
					n,
					{ outcome: 'replaced', newSerialNo: 'AC-NEW-1', customerSignature: '陈经理', signedAt },
					ctx({ now: '2026-11-30T15:40:00.000Z', today: '2026-11-30' }),
				),
			);
			const t = await ticket(n);
			expect(t).toMatchObject({ status: 'solved-on-site', serialNo: 'AC-OLD-1', solution: '更换设备 Equipment replaced: AC-OLD-1 → AC-NEW-1' });
			const [old, fresh] = await store.transaction(async (trx) => [
				await findInstallation(trx, { serialNo: 'AC-OLD-1' }),
				await findInstallation(trx, { serialNo: 'ac-new-1' }),
			]);
			expect(fresh).toMatchObject({
				serialNo: 'AC-NEW-1',
				customerId,
				description: '中央空调主机',
				completedOn: '2026-11-30',
				warrantyUntil: '2027-11-30',
				replacedById: null,
			});
			expect(old).toMatchObject({
				serialNo: 'AC-OLD-1',
				completedOn: '2025-06-01',
				warrantyUntil: '2027-06-01',
				replacedById: fresh!.id,
				replacedOn: '2026-11-30',
				replacedByTicketId: t.id,
			});
			expect(t.replacementInstallationId).toBe(fresh!.id);
			// A report that still names the old serial is judged on the new unit's warranty.
			const facts = await store.transaction(async (trx) => await warrantyFactsOf(trx, customerId));
			expect(facts).toEqual([
				{ serialNo: 'AC-OLD-1', completedOn: '2026-11-30', warrantyUntil: '2027-11-30' },
				{ serialNo: 'AC-NEW-1', completedOn: '2026-11-30', warrantyUntil: '2027-11-30' },
			]);
		});

		test('replaced: a new serial already in the register, an old unit unknown, of another customer or already replaced — refused, nothing written', async () => {
			const n = await dispatched('AC-OLD-1');
			const before = await Promise.all([count('installations'), count('ticketEvents')]);
			const cases: [Record<string, string | null>, string, RegExp][] = [
				[{ newSerialNo: 'ac-other' }, 'newSerialNo', /"ac-other" is already in the installation register \(别家公司, 风机\)/],
				[{ newSerialNo: 'AC-NEW-2', serialNo: 'NOPE-1' }, 'serialNo', /"NOPE-1" is not in the installation register/],
				[{ newSerialNo: 'AC-NEW-2', serialNo: 'AC-OTHER' }, 'serialNo', /an installation of 别家公司, not of this ticket's customer/],
			];
			for (const [fields, field, message] of cases) {
				const error = await refusal(() =>
					store.transaction(
						async (trx) =>
							await recordVisit(
								trx,
								n,
								{ outcome: 'replaced', customerSignature: '陈', signedAt: NOW, newSerialNo: fields.newSerialNo!, serialNo: fields.serialNo ?? null },
								ctx(),
							),
					),
				);
				expect(error).toBeInstanceOf(ValidationError);
				expect((error as ValidationError).problems).toEqual([{ field, message: expect.stringMatching(message) }]);
			}
			expect(await Promise.all([count('installations'), count('ticketEvents')])).toEqual(before);
			expect((await ticket(n)).status).toBe('dispatched');
			// A ticket naming no unit at all.
			const bare = await dispatched(null);
			const none = await refusal(() =>
				store.transaction(
					async (trx) =>
						await recordVisit(trx, bare, { outcome: 'replaced', customerSignature: '陈', signedAt: NOW, newSerialNo: 'AC-NEW-3' }, ctx()),
				),
			);
			expect((none as ValidationError).problems[0].field).toBe('serialNo');
			// Once replaced, the old unit cannot be replaced again.
			await store.transaction(
				async (trx) => await recordVisit(trx, n, { outcome: 'replaced', customerSignature: '陈', signedAt: NOW, newSerialNo: 'AC-NEW-1' }, ctx()),
			);
			const second = await dispatched('AC-OLD-1');
			const again = await refusal(() =>
				store.transaction(
					async (trx) =>
						await recordVisit(trx, second, { outcome: 'replaced', customerSignature: '陈', signedAt: NOW, newSerialNo: 'AC-NEW-9' }, ctx()),
				),
			);
			expect((again as ValidationError).problems).toEqual([
				{ field: 'serialNo', message: 'Serial no (序列号): "AC-OLD-1" was already replaced by "AC-NEW-1" on 2026-11-27' },
			]);
		});

		test('replaced: two visits putting in the same new serial at once — one unit, the other visit refused', async () => {
			await store.transaction(async (trx) => {
				await createInstallation(
					trx,
					{ serialNo: 'AC-OLD-2', customer: { id: customerId }, description: '风机盘管', completedOn: '2025-06-01', warrantyUntil: '2027-06-01' },
					NOW,
				);
			});
			const [a, b] = [await dispatched('AC-OLD-1'), await dispatched('AC-OLD-2')];
			const results = await Promise.allSettled(
				[a, b].map((n) =>
					store.transaction(
						async (trx) => await recordVisit(trx, n, { outcome: 'replaced', customerSignature: '陈', signedAt: NOW, newSerialNo: 'AC-TWIN' }, ctx()),
					),
				),
			);
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
			// Refused as a clerk's problem (the check, or the unique serial no when both checked at once), not a crash.
			const reason = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as Error;
			expect(reason instanceof ValidationError || reason instanceof RuleViolation).toBe(true);
			expect(reason.message).toMatch(/AC-TWIN|serial/i);
			const rows = await store.db.selectFrom('installations').select('serialNo').where('serialNoKey', '=', 'ac-twin').execute();
			expect(rows).toHaveLength(1);
			expect([(await ticket(a)).status, (await ticket(b)).status].sort()).toEqual(['dispatched', 'solved-on-site']);
		});

		test('P12: vouchers still out — finished before today and not closed, or closed without the voucher archived', async () => {
			const yesterday = await dispatched();
			const today = await dispatched();
			const closed = await dispatched();
			const legacy = await dispatched();
			const inWorkshop = await dispatched();
			const solved = (n: string, at: string) =>
				store.transaction(
					async (trx) =>
						await recordVisit(
							trx,
							n,
							{ outcome: 'solved', solution: '清洗', customerSignature: '陈', signedAt: at },
							ctx({ now: '2026-11-30T02:00:00.000Z' }),
						),
				);
			await solved(yesterday, '2026-11-29T10:00:00.000Z'); // 18:00 on the 29th in Shanghai
			await solved(today, '2026-11-29T16:30:00.000Z'); // 00:30 on the 30th
			await solved(closed, '2026-11-29T10:00:00.000Z');
			await solved(legacy, '2026-11-29T10:00:00.000Z');
			await store.transaction(async (trx) => {
				await closeTicket(trx, closed, ctx());
				await closeTicket(trx, legacy, ctx());
				await recordVisit(trx, inWorkshop, takeBack(), ctx());
			});
			// An entry closed before archiving was recorded (older data, a hand correction).
			await store.db.updateTable('tickets').set({ voucherArchivedAt: null }).where('ticketNumber', '=', legacy).execute();
			// Today is 30 November in Shanghai: it began at 16:00 UTC on the 29th.
			const out = await store.transaction(async (trx) => await vouchersStillOut(trx, '2026-11-29T16:00:00.000Z'));
			expect(out.map((v) => [v.ticketNumber, v.voucherOut])).toEqual([
				[yesterday, 'not-closed'],
				[legacy, 'closed-not-archived'],
			]);
			expect(out[0]).toMatchObject({
				voucherNumber: yesterday.replace('BX', 'PZ'),
				customerName: '华东物业',
				status: 'solved-on-site',
				technician: { name: '王师傅' },
			});
		});

		test('the in/out register for the board: products taken back with promisedBy and where they are now', async () => {
			const a = await dispatched();
			const b = await dispatched();
			await store.transaction(async (trx) => {
				await recordVisit(trx, a, takeBack('2026-12-10'), ctx());
				await recordVisit(trx, b, { ...takeBack(), product: '风机电机' }, ctx());
			});
			const list = async (includeReturned = false) => await store.transaction(async (trx) => await productsTakenBack(trx, { includeReturned }));
			expect((await list()).map((p) => [p.ticketNumber, p.product, p.takenOn, p.promisedBy, p.whereNow])).toEqual([
				[b, '风机电机', '2026-11-27', '2026-12-02', 'in-repair'],
				[a, '空调主板', '2026-11-27', '2026-12-10', 'in-repair'],
			]);
			expect((await list())[0]).toMatchObject({
				customerName: '华东物业',
				receiptNumber: expect.stringMatching(/^SJ-/),
				returnedOn: null,
				technician: { name: '王师傅' },
			});
			await store.transaction(async (trx) => {
				await recordRepairWork(trx, b, { minutes: 60, parts: [] }, ctx());
				await inspectRepair(trx, b, '张经理', ctx());
			});
			expect((await list()).map((p) => [p.ticketNumber, p.whereNow, p.whereNowLabel.zh])).toEqual([
				[b, 'ready-to-return', '已验讫，待归还'],
				[a, 'in-repair', '修护中'],
			]);
			await store.transaction(async (trx) => await returnProduct(trx, b, { returnedOn: '2026-12-01', customerSignature: '陈' }, ctx()));
			expect((await list()).map((p) => p.ticketNumber)).toEqual([a]);
			expect((await list(true)).find((p) => p.ticketNumber === b)).toMatchObject({
				whereNow: 'returned',
				returnedOn: '2026-12-01',
				promisedBy: '2026-12-02',
			});
		});
	});
}

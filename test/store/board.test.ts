/**
 * The service board's query on every backend: one day's register laid out — overdue first, the
 * rest by status and due time, today's jobs against capacity, the products still in, unpaid
 * invoices, open complaints, and the contracts section from its loader.
 */
import { backends } from '../harness/backends';
import { Store, type Trx } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician, requireTicket } from '../../nodes/shared/store/registers/tickets';
import {
	cancelTicket,
	closeTicket,
	inspectRepair,
	recordRepairWork,
	recordVisit,
	returnProduct,
	type StepContext,
} from '../../nodes/shared/services/ticket-steps';
import { addPayment, insertInvoice, voidInvoice } from '../../nodes/shared/store/registers/invoices';
import { insertComplaint } from '../../nodes/shared/store/registers/complaints';
import { serviceBoard, type BoardContractNotice } from '../../nodes/shared/services/board';
import { createContract } from '../../nodes/shared/store/registers/contracts';
import { renewContract, scanExpiringContracts } from '../../nodes/shared/services/contract-expiry';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 on 27 November in Shanghai
const TODAY = '2026-11-27';

async function ticket(trx: Trx, customerId: number, n: number, dueAt: string): Promise<number> {
	return (await insertTestTicket(trx, { customerId, n, reportDate: '2026-11-20', siteSituation: `故障${n}`, dueAt }, NOW)).id;
}

const ctx = (today: string): StepContext => ({ actor: 'test', now: NOW, today });
const num = (n: number) => `BX-20261120-${String(n).padStart(4, '0')}`;

/** The day described in the file's header: see each line's comment. */
async function seed(store: Store): Promise<void> {
	await store.transaction(async (trx) => {
		const c = await createCustomer(trx, { name: '华东物业', phone: '13800000001' }, NOW);
		const wang = await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: ['空调'], areas: [], dailyCapacity: 2 }, NOW);
		const li = await createTechnician(trx, { name: '李师傅', phone: '13700000002', skills: ['空调'], areas: [], dailyCapacity: 1 }, NOW);
		const zhao = await createTechnician(trx, { name: '赵师傅', phone: '13700000003', skills: ['空调'], areas: [], dailyCapacity: 3 }, NOW);
		await trx.updateTable('technicians').set({ active: 0 }).where('id', '=', zhao.id).execute(); // inactive, no job today: not listed

		const t1 = await ticket(trx, c.id, 1, '2026-11-26T00:00:00.000Z'); // open, 26 h overdue
		const t2 = await ticket(trx, c.id, 2, '2026-11-27T06:00:00.000Z'); // open, due 14:00
		const t3 = await ticket(trx, c.id, 3, '2026-11-27T04:00:00.000Z'); // dispatched today to 王, due 12:00
		await assignTechnician(trx, t3, wang.id, null, TODAY, 'test', NOW);
		const t4 = await ticket(trx, c.id, 4, '2026-11-27T01:00:00.000Z'); // 王 today, taken back: due by the date promised (P9)
		await assignTechnician(trx, t4, wang.id, null, TODAY, 'test', NOW);
		await recordVisit(
			trx,
			num(4),
			{ outcome: 'taken-back', product: '空调室外机', serialNo: 'SN-4', customerSignature: '陈经理', signedAt: NOW },
			ctx(TODAY),
		);
		const t5 = await ticket(trx, c.id, 5, '2026-11-28T00:00:00.000Z'); // 李 yesterday: not today's job
		await assignTechnician(trx, t5, li.id, null, '2026-11-26', 'test', NOW);
		const t6 = await ticket(trx, c.id, 6, '2026-11-27T00:00:00.000Z'); // 李 today, solved and closed: a job today, not on the board
		await assignTechnician(trx, t6, li.id, null, TODAY, 'test', NOW);
		await recordVisit(trx, num(6), { outcome: 'solved', solution: '清洗', customerSignature: '陈经理', signedAt: NOW }, ctx(TODAY));
		await closeTicket(trx, num(6), ctx(TODAY));
		const t7 = await ticket(trx, c.id, 7, '2026-11-25T00:00:00.000Z'); // taken back and returned: out of the in/out register
		await assignTechnician(trx, t7, li.id, null, '2026-11-20', 'test', NOW);
		await recordVisit(trx, num(7), { outcome: 'taken-back', product: '锅炉', customerSignature: '陈经理', signedAt: NOW }, ctx('2026-11-20'));
		await recordRepairWork(trx, num(7), { minutes: 30, parts: [] }, ctx('2026-11-21'));
		await inspectRepair(trx, num(7), '经理', ctx('2026-11-22'));
		await returnProduct(trx, num(7), { returnedOn: '2026-11-23', customerSignature: '陈经理' }, ctx('2026-11-23'));
		const t8 = await ticket(trx, c.id, 8, '2026-11-20T00:00:00.000Z'); // 王 today, cancelled: neither a job nor on the board
		await assignTechnician(trx, t8, wang.id, null, TODAY, 'test', NOW);
		await cancelTicket(trx, num(8), '客户取消', ctx(TODAY));
		const t9 = await ticket(trx, c.id, 9, '2026-11-30T00:00:00.000Z'); // taken back 25 Nov and repaired: awaiting inspection
		await assignTechnician(trx, t9, li.id, null, '2026-11-25', 'test', NOW);
		await recordVisit(trx, num(9), { outcome: 'taken-back', product: '热水器', customerSignature: '陈经理', signedAt: NOW }, ctx('2026-11-25'));
		await recordRepairWork(trx, num(9), { minutes: 45, parts: [] }, ctx('2026-11-26'));
		void t1;
		void t2;

		const invoice = (n: number, ticketId: number, totalFen: number, issuedOn: string) =>
			insertInvoice(
				trx,
				{
					invoiceNumber: `FP-2026-00000${n}`,
					sourceKind: 'ticket',
					sourceKey: `ticket:${num(n)}`,
					ticketId,
					orderNumber: null,
					orderStage: null,
					customerId: c.id,
					customerName: '华东物业',
					category: 'A',
					issuedOn,
					issuedBy: 'test',
					replacesInvoiceId: null,
					lines: [{ kind: 'call-out', description: '上门费', quantity: 1, unitFen: totalFen, amountFen: totalFen }],
					totalFen,
				},
				NOW,
			);
		await invoice(6, t6, 16500, '2026-11-20'); // ¥165, ¥50 paid: ¥115 owed for 7 days
		await addPayment(trx, 'FP-2026-000006', { amountFen: 5000, method: 'wechat', paidAt: NOW, paidOn: TODAY, recordedBy: 'test', note: null }, NOW);
		await invoice(7, t7, 8000, '2026-11-23'); // paid in full: not shown
		await addPayment(trx, 'FP-2026-000007', { amountFen: 8000, method: 'cash', paidAt: NOW, paidOn: TODAY, recordedBy: 'test', note: null }, NOW);
		await invoice(9, t9, 3000, '2026-11-26'); // void: not shown
		await voidInvoice(trx, 'FP-2026-000009', '开错', 'test', NOW);

		const t6Row = await requireTicket(trx, { id: t6 });
		await insertComplaint(
			trx,
			{
				complaintNumber: 'TS-20261125-0001',
				ticketId: t6Row.id,
				surveyId: null,
				severity: 'serious',
				text: '漏水',
				channel: 'phone',
				receivedAt: '2026-11-23T02:00:00.000Z',
				replyDueOn: '2026-11-26',
				replyDueAt: '2026-11-26T16:00:00.000Z',
			},
			'test',
			NOW,
		);
		const closed = await insertComplaint(
			trx,
			{
				complaintNumber: 'TS-20261125-0002',
				ticketId: t6Row.id,
				surveyId: null,
				severity: 'general',
				text: '迟到',
				channel: 'phone',
				receivedAt: '2026-11-23T02:00:00.000Z',
				replyDueOn: '2026-11-30',
				replyDueAt: '2026-11-30T16:00:00.000Z',
			},
			'test',
			NOW,
		);
		await trx.updateTable('complaints').set({ status: 'closed' }).where('id', '=', closed.id).execute();
	});
}

for (const backend of backends()) {
	describe(`service board on ${backend.name}`, () => {
		let store: Store;
		beforeAll(async () => {
			store = await Store.open(backend.fresh());
			await seed(store);
		});
		afterAll(async () => {
			await store.close();
			await backend.cleanup();
		});

		test('open tickets: overdue on top (most overdue first), then by status and due time; finished ones left out', async () => {
			const board = await serviceBoard(store, { now: NOW, zone: ZONE });
			expect(board.today).toBe(TODAY);
			expect(board.tickets.overdue.map((t) => [t.ticketNumber, t.status, t.minutesOverdue])).toEqual([[num(1), 'open', 26 * 60]]);
			// Ticket 4 was 1 h overdue by its response time, but taken back it is due by the completion
			// date agreed (P9; by default 3 working days: Friday 27 → Wednesday 2 December): on time.
			expect(board.tickets.byStatus.map((g) => [g.status, g.tickets.map((t) => t.ticketNumber)])).toEqual([
				['open', [num(2)]],
				['dispatched', [num(3), num(5)]],
				['taken-back', [num(4)]],
				['repaired', [num(9)]],
				['inspected', []],
			]);
			expect(board.tickets.counts).toEqual({ open: 2, dispatched: 2, 'taken-back': 1, repaired: 1, inspected: 0 });
			expect(board.tickets.byStatus[1].tickets[0]).toMatchObject({
				customerName: '华东物业',
				technicianName: '王师傅',
				siteSituation: '故障3',
				overdue: false,
			});
		});

		test('today’s dispatch against capacity: cancelled jobs and other days do not count; an inactive technician without jobs is left out', async () => {
			const board = await serviceBoard(store, { now: NOW, zone: ZONE });
			// 李: ticket 6 (closed, still today's job) of 1; 王: tickets 3 and 4 of 2 (8 cancelled)
			expect(board.dispatch.technicians.map((k) => [k.name, k.jobs, k.dailyCapacity, k.free, k.full])).toEqual([
				['李师傅', 1, 1, 0, true],
				['王师傅', 2, 2, 0, true],
			]);
			expect(board.dispatch.totals).toEqual({ jobs: 3, capacity: 3, free: 0 });
		});

		test('the next day in Shanghai starts at 16:00 UTC: today’s jobs are then none', async () => {
			const board = await serviceBoard(store, { now: '2026-11-27T16:00:00.000Z', zone: ZONE });
			expect(board.today).toBe('2026-11-28');
			expect(board.dispatch.totals.jobs).toBe(0);
		});

		test('products taken back and still in, where they are, the earliest taken first; a returned one is out', async () => {
			const board = await serviceBoard(store, { now: NOW, zone: ZONE });
			expect(board.takenBack.map((p) => [p.ticketNumber, p.product, p.takenOn, p.where, p.promisedBy])).toEqual([
				// promisedBy by default 3 working days after the take-back (P9): Wed 25 → Mon 30; Fri 27 → Wed 2 Dec.
				[num(9), '热水器', '2026-11-25', 'awaiting-inspection', '2026-11-30'],
				[num(4), '空调室外机', TODAY, 'in-repair', '2026-12-02'],
			]);
			expect(board.takenBack[1]).toMatchObject({
				serialNo: 'SN-4',
				receiptNumber: expect.stringMatching(/^\S+-20261127-0001$/),
				technicianName: '王师傅',
				late: false,
			});
		});

		test('unpaid invoices: what is owed and for how long; paid and void ones left out', async () => {
			const board = await serviceBoard(store, { now: NOW, zone: ZONE });
			expect(board.invoices).toEqual([
				{
					invoiceNumber: 'FP-2026-000006',
					customerName: '华东物业',
					source: num(6),
					issuedOn: '2026-11-20',
					totalFen: 16500,
					paidFen: 5000,
					owedFen: 11500,
					days: 7,
				},
			]);
			expect(board.summary.owedFen).toBe(11500);
		});

		test('open complaints only, late ones marked', async () => {
			const board = await serviceBoard(store, { now: NOW, zone: ZONE });
			expect(board.complaints.map((c) => [c.complaintNumber, c.severity, c.overdue])).toEqual([['TS-20261125-0001', 'serious', true]]);
		});

		test('contracts: a loader’s rows in the same transaction, the earliest end first', async () => {
			const rows: BoardContractNotice[] = [
				{
					contractNo: 'HT-2',
					customerName: '乙',
					customerPhone: null,
					endsOn: '2027-01-10',
					noticeNumber: 'TZ-2',
					noticedOn: '2026-12-10',
					taskStatus: 'open',
				},
				{
					contractNo: 'HT-1',
					customerName: '甲',
					customerPhone: '13800000001',
					endsOn: '2026-12-27',
					noticeNumber: 'TZ-1',
					noticedOn: TODAY,
					taskStatus: 'open',
				},
			];
			let sawNow = '';
			const board = await serviceBoard(store, {
				now: NOW,
				zone: ZONE,
				loadContracts: async (trx, now) => {
					sawNow = now;
					// it reads in the board's transaction
					expect(
						Number(
							(
								await trx
									.selectFrom('customers')
									.select((eb) => eb.fn.countAll<number>().as('n'))
									.executeTakeFirstOrThrow()
							).n,
						),
					).toBe(1);
					return rows;
				},
			});
			expect(sawNow).toBe(NOW);
			expect(board.contracts.map((c) => c.contractNo)).toEqual(['HT-1', 'HT-2']);
			expect(board.summary.contractsWithNotice).toBe(2);
		});

		test('the summary counts agree with the sections', async () => {
			const board = await serviceBoard(store, { now: NOW, zone: ZONE });
			expect(board.summary).toEqual({
				openTickets: 6,
				overdueTickets: 1,
				dispatchedToday: 3,
				freeCapacityToday: 0,
				productsTakenBack: 2,
				contractsWithNotice: 0,
				unpaidInvoices: 1,
				owedFen: 11500,
				openComplaints: 1,
				seriousComplaints: 1,
				periodicCalls: 0,
				messagesNotSent: 0,
			});
			expect(board.periodicCalls).toEqual([]);
			expect(board.notSent).toEqual({ messages: [], total: 0 });
		});

		test('contracts: the expiry scan’s notice shows with its open renewal task until the contract is renewed (P13)', async () => {
			expect((await serviceBoard(store, { now: NOW, zone: ZONE })).contracts).toEqual([]);
			await store.transaction((trx) =>
				createContract(
					trx,
					{
						contractNo: 'HT-BOARD-1',
						customer: { name: '华东物业', phone: '13800000001' },
						kind: 'annual',
						startsOn: '2025-12-21',
						endsOn: '2026-12-20',
						feeFen: 360000,
					},
					NOW,
				),
			);
			const o = { now: NOW, zone: ZONE, actor: 'board test' };
			const scan = await scanExpiringContracts(store, o);
			expect(scan.noticed.map((n) => [n.contractNo, n.noticeNumber])).toEqual([['HT-BOARD-1', 'TZ-20261127-0001']]);
			const board = await serviceBoard(store, { now: NOW, zone: ZONE });
			expect(board.contracts).toEqual([
				{
					contractNo: 'HT-BOARD-1',
					customerName: '华东物业',
					customerPhone: '13800000001',
					endsOn: '2026-12-20',
					noticeNumber: 'TZ-20261127-0001',
					noticedOn: TODAY,
					taskStatus: 'open',
				},
			]);
			expect(board.summary.contractsWithNotice).toBe(1);
			await renewContract(store, 'HT-BOARD-1', { endsOn: '2027-12-20' }, o);
			expect((await serviceBoard(store, { now: NOW, zone: ZONE })).contracts).toEqual([]);
		});
	});
}

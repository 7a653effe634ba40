/**
 * Invoices on every backend: issued by the fee rule from a ticket, one per ticket (a second request
 * gives the first back), FP numbers gap-free per year also when 20 are issued at once from several
 * processes, payments never above what is owed, void keeps the number, a replacement takes a new
 * one and the payments with it, cash collected on site held until handed over.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { backends } from '../harness/backends';
import { Store, type Trx } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { createContract } from '../../nodes/shared/store/registers/contracts';
import { assignTechnician } from '../../nodes/shared/store/registers/tickets';
import { recordVisit } from '../../nodes/shared/services/ticket-steps';
import { addPayment, cashHeld, handOverCash, listInvoices, requireInvoice, voidInvoice } from '../../nodes/shared/store/registers/invoices';
import { checkStepMoney, issueInvoice, NothingToInvoice } from '../../nodes/shared/services/invoicing';
import { DEFAULT_FEE_RATES } from '../../nodes/shared/rules/fees';
import { RuleViolation } from '../../nodes/shared/rules/errors';
import { insertTestTicket } from '../harness/tickets';

const run = promisify(execFile);
const TODAY = '2026-11-27';
const ctx = (actor = 'test') => ({ today: TODAY, now: '2026-11-27T06:00:00.000Z', actor });

let seq = 0;
/** A ticket of `category`, dispatched to the technician and solved on site with `minutes` and `parts`. */
async function solvedTicket(
	store: Store,
	ids: { customerId: number; technicianId: number },
	category: 'A' | 'B' | 'C',
	visit: {
		minutes?: number;
		parts?: Array<{ part: string; quantity: number; unitPriceFen: number | null }>;
		collectedFen?: number;
		paymentMethod?: 'cash' | 'wechat';
	} = {},
	contractNo: string | null = null,
): Promise<string> {
	return await store.transaction(async (trx: Trx) => {
		const t = await insertTestTicket(
			trx,
			{
				customerId: ids.customerId,
				n: ++seq,
				reportDate: TODAY,
				phone: '13800001111',
				address: '上海市',
				siteSituation: '不制冷',
				contractNo,
				skill: null,
				customerType: category === 'A' ? 'liaison-letter' : category === 'B' ? 'per-visit-contract' : 'in-warranty',
				category,
				dueAt: '2026-11-29T00:00:00.000Z',
				visitFeeFen: category === 'B' ? 12000 : null,
			},
			'2026-11-27T01:00:00.000Z',
		);
		const ticketNumber = t.ticketNumber;
		await assignTechnician(trx, t.id, ids.technicianId, null, TODAY, 'test', '2026-11-27T02:00:00.000Z');
		await recordVisit(
			trx,
			ticketNumber,
			{
				outcome: 'solved',
				solution: '修好',
				customerSignature: '陈',
				signedAt: '2026-11-27T05:00:00.000Z',
				minutes: visit.minutes,
				parts: visit.parts,
				collectedFen: visit.collectedFen ?? null,
				paymentMethod: visit.paymentMethod ?? null,
			},
			ctx(),
		);
		await checkStepMoney(trx, ticketNumber, DEFAULT_FEE_RATES);
		return ticketNumber;
	});
}

for (const backend of backends()) {
	describe(`invoices on ${backend.name}`, () => {
		let store: Store;
		let ids: { customerId: number; technicianId: number };
		let config: ReturnType<typeof backend.fresh>;
		beforeAll(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			ids = await store.transaction(async (trx) => {
				const c = await createCustomer(trx, { name: '华东物业', phone: '13800001111' }, '2026-11-27T00:00:00.000Z');
				const k = await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: ['空调'], areas: [] }, '2026-11-27T00:00:00.000Z');
				await createContract(
					trx,
					{ contractNo: 'HT-PV', customer: { code: c.code }, kind: 'per-visit', startsOn: '2026-01-01', endsOn: '2026-12-31', visitFeeFen: 12000 },
					'2026-11-27T00:00:00.000Z',
				);
				await createContract(
					trx,
					{
						contractNo: 'HT-PV-INC',
						customer: { code: c.code },
						kind: 'per-visit',
						startsOn: '2026-01-01',
						endsOn: '2026-12-31',
						visitFeeFen: 12000,
						partsIncluded: true,
					},
					'2026-11-27T00:00:00.000Z',
				);
				return { customerId: c.id, technicianId: k.id };
			});
		});
		afterAll(async () => {
			await store.close();
			await backend.cleanup();
		});

		test('category A: call-out, labour per started half hour and parts; a second request gives the first invoice back', async () => {
			const n = await solvedTicket(store, ids, 'A', { minutes: 40, parts: [{ part: '电容', quantity: 2, unitPriceFen: 3500 }] });
			const first = await issueInvoice(store, { kind: 'ticket', ticketNumber: n }, DEFAULT_FEE_RATES, ctx());
			expect(first.created).toBe(true);
			expect(first.invoice).toMatchObject({
				invoiceNumber: expect.stringMatching(/^FP-2026-\d{6}$/),
				ticketNumber: n,
				category: 'A',
				totalFen: 5000 + 8000 + 7000,
				paidFen: 0,
				status: 'issued',
				collectedOnSite: false,
				amountInWords: '贰佰元整',
				issuedOn: TODAY,
			});
			expect(first.invoice.lines.map((l) => l.kind)).toEqual(['call-out', 'labour', 'parts']);
			const again = await issueInvoice(store, { kind: 'ticket', ticketNumber: n }, DEFAULT_FEE_RATES, ctx());
			expect(again).toEqual({ invoice: first.invoice, created: false });
		});

		test('category B per visit: the visit fee and parts, or the visit fee alone when the contract includes parts', async () => {
			const n = await solvedTicket(store, ids, 'B', { parts: [{ part: '滤网', quantity: 1, unitPriceFen: 2000 }] }, 'HT-PV');
			expect((await issueInvoice(store, { kind: 'ticket', ticketNumber: n }, DEFAULT_FEE_RATES, ctx())).invoice.totalFen).toBe(14000);
			const m = await solvedTicket(store, ids, 'B', { parts: [{ part: '滤网', quantity: 1, unitPriceFen: null }] }, 'HT-PV-INC');
			const inv = (await issueInvoice(store, { kind: 'ticket', ticketNumber: m }, DEFAULT_FEE_RATES, ctx())).invoice;
			expect(inv.lines.map((l) => [l.kind, l.amountFen])).toEqual([['visit-fee', 12000]]);
		});

		test('category C: nothing to charge, no invoice and no number taken', async () => {
			const before = await store.db.selectFrom('counters').selectAll().where('name', '=', 'invoice').execute();
			const n = await solvedTicket(store, ids, 'C', { minutes: 60 });
			await expect(issueInvoice(store, { kind: 'ticket', ticketNumber: n }, DEFAULT_FEE_RATES, ctx())).rejects.toThrow(NothingToInvoice);
			expect(await store.db.selectFrom('counters').selectAll().where('name', '=', 'invoice').execute()).toEqual(before);
		});

		test('on-site collection (P5): the invoice is paid, the cash held by the technician until handed over', async () => {
			const n = await solvedTicket(store, ids, 'A', { minutes: 20, collectedFen: 9000, paymentMethod: 'cash' });
			const inv = (await issueInvoice(store, { kind: 'ticket', ticketNumber: n }, DEFAULT_FEE_RATES, ctx())).invoice;
			expect(inv).toMatchObject({ totalFen: 9000, paidFen: 9000, status: 'paid', collectedOnSite: true });
			expect(inv.payments).toEqual([
				expect.objectContaining({
					amountFen: 9000,
					method: 'cash',
					onSite: true,
					technician: { name: '王师傅', phone: '13700000001' },
					handedOverAt: null,
				}),
			]);
			const held = await store.transaction((trx) => cashHeld(trx));
			expect(held.find((h) => h.technician.phone === '13700000001')?.payments.map((p) => p.invoiceNumber)).toContain(inv.invoiceNumber);
			const handed = await store.transaction((trx) => handOverCash(trx, ids.technicianId, [inv.invoiceNumber], '出纳', '2026-11-27T10:00:00.000Z'));
			expect(handed.totalFen).toBe(9000);
			const after = await store.transaction((trx) => cashHeld(trx, ids.technicianId));
			expect(after.flatMap((h) => h.payments.map((p) => p.invoiceNumber))).not.toContain(inv.invoiceNumber);
		});

		test('a collection above the threshold or above the fee is refused at the visit, nothing written', async () => {
			const count = async () =>
				Number(
					(
						await store.db
							.selectFrom('tickets')
							.select((eb) => eb.fn.countAll().as('n'))
							.executeTakeFirstOrThrow()
					).n,
				);
			const before = await count();
			await expect(solvedTicket(store, ids, 'A', { minutes: 300, collectedFen: 10000, paymentMethod: 'cash' })).rejects.toThrow(
				/above the on-site threshold of 300\.00 yuan/,
			);
			await expect(solvedTicket(store, ids, 'A', { minutes: 10, collectedFen: 10000, paymentMethod: 'cash' })).rejects.toThrow(
				/100\.00 yuan is more than the fee of 90\.00 yuan/,
			);
			await expect(solvedTicket(store, ids, 'A', { parts: [{ part: '压缩机', quantity: 1, unitPriceFen: null }] })).rejects.toThrow(
				/Part "压缩机" has no unit price/,
			);
			expect(await count()).toBe(before);
		});

		test('payments: in parts, never more than owed; void keeps the number; a replacement takes a new number and the payments', async () => {
			const n = await solvedTicket(store, ids, 'A', { minutes: 60 });
			const inv = (await issueInvoice(store, { kind: 'ticket', ticketNumber: n }, DEFAULT_FEE_RATES, ctx())).invoice;
			expect(inv.totalFen).toBe(13000);
			const pay = (amountFen: number) =>
				store.transaction((trx) =>
					addPayment(
						trx,
						inv.invoiceNumber,
						{ amountFen, method: 'wechat', paidAt: '2026-11-27T07:00:00.000Z', paidOn: TODAY, recordedBy: 't', note: null },
						'2026-11-27T07:00:00.000Z',
					),
				);
			expect(await pay(3000)).toMatchObject({ paidFen: 3000, status: 'issued', balanceFen: 10000 });
			await expect(pay(10001)).rejects.toThrow(/more than invoice .* still owes \(100\.00 of 130\.00 yuan\)/);
			expect((await store.transaction((trx) => requireInvoice(trx, { invoiceNumber: inv.invoiceNumber }))).paidFen).toBe(3000);
			const voided = await store.transaction((trx) => voidInvoice(trx, inv.invoiceNumber, '工时填错', 'finance', '2026-11-27T08:00:00.000Z'));
			expect(voided).toMatchObject({ status: 'void', voidReason: '工时填错', invoiceNumber: inv.invoiceNumber });
			await expect(pay(1)).rejects.toThrow(/void/);
			await expect(store.transaction((trx) => voidInvoice(trx, inv.invoiceNumber, 'again', 'f', 'now'))).rejects.toThrow(RuleViolation);
			const replacement = await issueInvoice(store, { kind: 'ticket', ticketNumber: n }, DEFAULT_FEE_RATES, ctx());
			expect(replacement.created).toBe(true);
			expect(replacement.invoice.invoiceNumber).not.toBe(inv.invoiceNumber);
			expect(replacement.invoice).toMatchObject({ replacesInvoiceNumber: inv.invoiceNumber, paidFen: 3000, status: 'issued' });
			const all = await store.transaction((trx) => listInvoices(trx, { ticketNumber: n }));
			expect(all.map((i) => [i.invoiceNumber, i.status])).toEqual([
				[inv.invoiceNumber, 'void'],
				[replacement.invoice.invoiceNumber, 'issued'],
			]);
		});

		test('20 invoices at once from 4 processes (each ticket asked for twice): 20 invoices, numbers gap-free', async () => {
			const tickets: string[] = [];
			for (let i = 0; i < 20; i++) tickets.push(await solvedTicket(store, ids, 'A', { minutes: 30 }));
			const before = await store.db.selectFrom('invoices').select('invoiceNumber').execute();
			const script = resolve(__dirname, 'fixtures/issue-invoices.js');
			// Each process asks for 10 tickets; every ticket is asked for by two processes.
			const groups = [tickets.slice(0, 10), tickets.slice(10), tickets.slice(5, 15), [...tickets.slice(0, 5), ...tickets.slice(15)]];
			const outputs = await Promise.all(
				groups.map((g) =>
					run(process.execPath, [script], { env: { ...process.env, STORE_CONFIG: JSON.stringify(config), TICKETS: JSON.stringify(g), TODAY } }),
				),
			);
			const results = outputs.flatMap((o) => JSON.parse(o.stdout) as Array<{ ticketNumber: string; invoiceNumber: string; created: boolean }>);
			expect(results).toHaveLength(40);
			const byTicket = new Map<string, Set<string>>();
			for (const r of results) byTicket.set(r.ticketNumber, (byTicket.get(r.ticketNumber) ?? new Set()).add(r.invoiceNumber));
			expect(byTicket.size).toBe(20);
			for (const numbers of byTicket.values()) expect(numbers.size).toBe(1);
			expect(results.filter((r) => r.created)).toHaveLength(20);
			const after = await store.db.selectFrom('invoices').select('invoiceNumber').orderBy('invoiceNumber').execute();
			const all = after.map((r) => Number(r.invoiceNumber.slice(-6)));
			expect(all).toHaveLength(before.length + 20);
			// Gap-free from the year's first number to its last, none used twice.
			expect(all).toEqual(all.map((_, i) => i + 1));
		});
	});
}

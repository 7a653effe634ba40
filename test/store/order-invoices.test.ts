/**
 * Invoices of a tile order's stages (T8 payment notice, T11 settlement; issue 9) on every
 * backend: the lines from the order with hand-worked figures, one live invoice per order stage
 * (a second request gives the first back, also from several processes at once), FP numbers from
 * the year's one counter, the deposit and payments on the order counted as paid (payment notice
 * first), a payment on the invoice recorded on the order, a settlement that credits the customer
 * refused with nothing to charge and no number taken.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { requireInvoice, voidInvoice, listInvoices, insertInvoice } from '../../nodes/shared/store/registers/invoices';
import { MIGRATIONS } from '../../nodes/shared/store/migrations';
import { cleanMeasurement, cleanOrderInput, cleanPayment, cleanSecondary } from '../../nodes/shared/rules/tile-order-inputs';
import { DEFAULT_VEHICLES } from '../../nodes/shared/rules/tile-vehicles';
import { DEFAULT_FEE_RATES } from '../../nodes/shared/rules/fees';
import { RuleViolation, ValidationError, NotFoundError } from '../../nodes/shared/rules/errors';
import * as orders from '../../nodes/shared/services/tile-orders';
import { issueInvoice, NothingToInvoice, recordInvoicePayment } from '../../nodes/shared/services/invoicing';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { rejectionOf } from '../harness/errors';
import { seedTileModels } from '../harness/tiles';

const run = promisify(execFile);
const TODAY = '2026-11-27';
const ctx = (actor = 'test') => ({ actor, now: new Date().toISOString(), today: TODAY });

/** What `fn` rejects with (each test then names the class it expects). */
const refusal = (fn: () => Promise<unknown>) => rejectionOf(Error, fn);

for (const backend of backends()) {
	describe(`tile order invoices on ${backend.name}`, () => {
		let store: Store;
		let config: StoreConfig;
		beforeAll(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			// 600×600, 4 a box, ¥128 a box.
			await seedTileModels(store, { 'CZ-600': 1000 }, ctx().now);
		});
		afterAll(async () => {
			await store.close();
			await backend.cleanup();
		});

		const step = <T>(fn: (trx: Parameters<Parameters<Store['transaction']>[0]>[0]) => Promise<T>) => store.transaction(fn);
		const issue = (orderNumber: string, stage: string) =>
			issueInvoice(store, { kind: 'order-stage', orderNumber, stage: stage as 'settlement' }, DEFAULT_FEE_RATES, ctx('会计'));
		const invoiceCount = async () => (await store.db.selectFrom('invoices').select('id').execute()).length;

		/** 21.6 m² of 600×600 + 5 % = 63 pieces → 16 boxes + 2 = 18 boxes × ¥128 = ¥2,304; measured, stock prepared, payment notice issued. */
		async function orderAtPaymentNotice(depositYuan: number, customerName = '陈女士'): Promise<string> {
			const { order } = await orders.createOrder(
				store,
				cleanOrderInput({ customerName, phone: '13812345678', address: '上海市徐汇区', depositYuan, lines: [{ modelCode: 'CZ-600', areaM2: 21.6 }] }),
				ctx(),
			);
			const n = order.orderNumber;
			await step((trx) => orders.recordMeasurement(trx, n, cleanMeasurement({ measuredBy: '小张' }, 'Asia/Shanghai', ctx().now), ctx()));
			await step((trx) => orders.prepareStock(trx, n, ctx()));
			await step((trx) => orders.issuePaymentNotice(trx, n, ctx()));
			return n;
		}

		test('payment notice, then settlement: lines, totals, capitals, paid from the order; each issued once', async () => {
			const n = await orderAtPaymentNotice(500);
			const before = await invoiceCount();
			const early = await refusal(() => issue(n, 'settlement'));
			expect(early).toBeInstanceOf(NothingToInvoice);
			expect(early.message).toMatch(/is not settled yet \(结算单\)/);
			expect(await invoiceCount()).toBe(before);

			// T8: goods 18 × ¥128 = ¥2,304; the deposit ¥500 counts as paid; ¥1,804 owed.
			const first = await issue(n, 'payment-notice');
			expect(first.created).toBe(true);
			expect(first.invoice).toMatchObject({
				orderNumber: n,
				stage: 'payment-notice',
				ticketNumber: null,
				source: { kind: 'order-stage', orderNumber: n, stage: 'payment-notice' },
				customerName: '陈女士',
				lines: [{ kind: 'goods', quantity: 18, unitFen: 12_800, amountFen: 230_400 }],
				totalFen: 230_400,
				paidFen: 50_000,
				balanceFen: 180_400,
				status: 'issued',
				amountInWords: '贰仟叁佰零肆元整',
				payments: [],
			});
			expect(first.invoice.lines[0].description).toMatch(/^CZ-600 抛光砖 600×600/);
			expect(first.invoice.invoiceNumber).toMatch(/^FP-2026-\d{6}$/);
			// A second request (also in another spelling) gives the first back.
			const again = await issue(n.toLowerCase(), '付款通知单');
			expect(again).toMatchObject({ created: false, invoice: { invoiceNumber: first.invoice.invoiceNumber } });

			// A payment on the order counts on the invoice; a payment on the invoice is a payment on the order.
			await step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: 1000, method: 'wechat' }), ctx()));
			expect((await step((trx) => requireInvoice(trx, { invoiceNumber: first.invoice.invoiceNumber }))).paidFen).toBe(150_000);
			const pay = (fen: number) =>
				step((trx) =>
					recordInvoicePayment(
						trx,
						first.invoice.invoiceNumber,
						{ amountFen: fen, method: 'cash', paidAt: ctx().now, paidOn: TODAY, recordedBy: '会计', note: null },
						ctx('会计'),
					),
				);
			const over = await refusal(() => pay(80_401));
			expect(over).toBeInstanceOf(RuleViolation);
			expect(over.message).toMatch(/more than invoice FP-2026-\d{6} still owes \(804\.00 of 2304\.00 yuan\)/);
			const paid = await pay(80_400);
			expect(paid).toMatchObject({ status: 'paid', paidFen: 230_400, balanceFen: 0 });
			const order = await step((trx) => orders.getOrder(trx, n));
			expect(order).toMatchObject({ status: 'paid', paidFen: 180_400 });

			// T9–T11: 2 extra boxes (¥256), 1 box returned (¥128 credit), secondary processing ¥50.
			await step((trx) => orders.recordDelivery(trx, n, { deliveryDate: '2026-12-05', installer: null }, DEFAULT_VEHICLES, ctx()));
			await step((trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'extra', modelCode: 'CZ-600', boxes: 2 }), ctx()));
			await step((trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'return', modelCode: 'CZ-600', boxes: 1 }), ctx()));
			await step((trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'reprocessing', feeYuan: 50, notes: '补切' }), ctx()));
			const settled = await step((trx) => orders.settleOrder(trx, n, ctx()));
			// 230,400 + 25,600 + 5,000 − 12,800 − 50,000 − 180,400 = 17,800 owed.
			expect(settled.settlement.balanceFen).toBe(17_800);

			const st = await issue(n, 'settlement');
			expect(st.created).toBe(true);
			expect(st.invoice.lines.map((l) => [l.kind, l.quantity, l.unitFen, l.amountFen])).toEqual([
				['extra', 2, 12_800, 25_600],
				['return', 1, 12_800, -12_800],
				['reprocessing', 1, 5_000, 5_000],
			]);
			expect(st.invoice).toMatchObject({ stage: 'settlement', totalFen: 17_800, paidFen: 0, status: 'issued', amountInWords: '壹佰柒拾捌元整' });
			// The next number of the year's one counter.
			expect(Number(st.invoice.invoiceNumber.slice(-6))).toBe(Number(first.invoice.invoiceNumber.slice(-6)) + 1);
			expect((await issue(n, 'settlement')).created).toBe(false);

			// The receivables list has the settlement invoice with the customer's name; paying the order clears it.
			const open = await step((trx) => listInvoices(trx, { status: ['issued'] }));
			expect(open.filter((i) => i.orderNumber === n).map((i) => [i.invoiceNumber, i.customerName, i.balanceFen])).toEqual([
				[st.invoice.invoiceNumber, '陈女士', 17_800],
			]);
			await step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: 178, method: 'alipay' }), ctx()));
			expect(await step((trx) => requireInvoice(trx, { invoiceNumber: st.invoice.invoiceNumber }))).toMatchObject({
				status: 'paid',
				paidFen: 17_800,
			});
			expect((await step((trx) => orders.completeOrder(trx, n, ctx()))).status).toBe('completed');
		});

		test('a settlement that credits the customer: nothing to charge, no number taken; the credit and a refund keep the payment notice paid', async () => {
			const n = await orderAtPaymentNotice(0, '李先生');
			await step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: 2304, method: 'bank-transfer' }), ctx()));
			const pn = await issue(n, 'payment-notice');
			expect(pn.invoice).toMatchObject({ totalFen: 230_400, paidFen: 230_400, status: 'paid' });
			await step((trx) => orders.recordDelivery(trx, n, { deliveryDate: '2026-12-05', installer: null }, DEFAULT_VEHICLES, ctx()));
			await step((trx) => orders.recordSecondary(trx, n, cleanSecondary({ kind: 'return', modelCode: 'CZ-600', boxes: 3 }), ctx()));
			await step((trx) => orders.settleOrder(trx, n, ctx()));
			const counters = JSON.stringify(await store.db.selectFrom('counters').selectAll().execute());
			const before = await invoiceCount();
			const credit = await refusal(() => issue(n, 'settlement'));
			expect(credit).toBeInstanceOf(NothingToInvoice);
			expect((credit as NothingToInvoice).reason).toBe('nothing-to-charge');
			expect(credit.message).toMatch(/has nothing to charge: it credits the customer 384\.00 yuan/);
			expect(await invoiceCount()).toBe(before);
			expect(JSON.stringify(await store.db.selectFrom('counters').selectAll().execute())).toBe(counters);
			// The refund of 3 × ¥128 = ¥384 on the order: the payment notice stays paid (¥1,920 paid + ¥384 credit).
			await step((trx) => orders.recordPayment(trx, n, cleanPayment({ amountYuan: -384, method: 'bank-transfer', reason: '退砖 3 箱' }), ctx()));
			expect(await step((trx) => requireInvoice(trx, { invoiceNumber: pn.invoice.invoiceNumber }))).toMatchObject({
				status: 'paid',
				paidFen: 230_400,
			});

			// Void keeps the number; issuing again takes a new number, replaces it, and counts the order's payments.
			await step((trx) => voidInvoice(trx, pn.invoice.invoiceNumber, '抬头错误', '会计', ctx().now));
			const again = await issue(n, 'payment-notice');
			expect(again.created).toBe(true);
			expect(again.invoice).toMatchObject({ replacesInvoiceNumber: pn.invoice.invoiceNumber, totalFen: 230_400, paidFen: 230_400, status: 'paid' });
			expect(again.invoice.invoiceNumber).not.toBe(pn.invoice.invoiceNumber);
		});

		test('refused without a trace: unknown order, a stage that is none, a notice not issued, a cancelled order', async () => {
			const before = await invoiceCount();
			expect(await refusal(() => issue('DD-19990101-0001', 'payment-notice'))).toBeInstanceOf(NotFoundError);
			const wrong = await refusal(() => issue('DD-19990101-0001', 'delivery'));
			expect(wrong).toBeInstanceOf(ValidationError);
			expect((wrong as ValidationError).problems).toEqual([
				{ field: 'stage', message: expect.stringMatching(/^Stage \(阶段\): "delivery" is not a stage of a tile order/) },
			]);
			const { order } = await orders.createOrder(
				store,
				cleanOrderInput({ customerName: '王', phone: '13812345679', address: '上海', depositYuan: 0, lines: [{ modelCode: 'CZ-600', areaM2: 1 }] }),
				ctx(),
			);
			expect((await refusal(() => issue(order.orderNumber, 'payment-notice'))).message).toMatch(/has no payment notice \(付款通知单\) yet/);
			const remeasured = await orderAtPaymentNotice(0, '孙');
			await step((trx) =>
				orders.recordMeasurement(
					trx,
					remeasured,
					cleanMeasurement({ measuredBy: '小张', lines: [{ modelCode: 'CZ-600', areaM2: 10 }] }, 'Asia/Shanghai', ctx().now),
					ctx(),
				),
			);
			expect((await refusal(() => issue(remeasured, 'payment-notice'))).message).toMatch(
				/are being worked out again \(it is measured now, after its payment notice\)/,
			);
			const n = await orderAtPaymentNotice(0, '赵');
			const cancelled = await orderAtPaymentNotice(0, '钱');
			await step((trx) => orders.cancelOrder(trx, n, '客户取消', ctx()));
			expect((await refusal(() => issue(n, 'payment-notice'))).message).toMatch(/was cancelled/);
			expect(await invoiceCount()).toBe(before);
			// An order cancelled after its payment notice was invoiced: the invoice is void with it, its number kept.
			const pn = await issue(cancelled, 'payment-notice');
			await step((trx) => orders.cancelOrder(trx, cancelled, '客户不要了', ctx()));
			expect(await step((trx) => requireInvoice(trx, { invoiceNumber: pn.invoice.invoiceNumber }))).toMatchObject({
				status: 'void',
				voidReason: '订单取消 Order cancelled: 客户不要了',
				balanceFen: 0,
			});
			expect((await step((trx) => listInvoices(trx, { status: ['issued'] }))).map((i) => i.invoiceNumber)).not.toContain(pn.invoice.invoiceNumber);
		});

		test('migration 11 on a store that has invoices: their lines kept; a return line may then be a credit, any other line still may not', async () => {
			const cfg = backend.fresh();
			const line = { kind: 'call-out' as const, description: '上门费 Call-out fee', quantity: 1, unitFen: 5000, amountFen: 5000 };
			const inv = (
				invoiceNumber: string,
				lines: Array<{ kind: 'call-out' | 'return'; description: string; quantity: number; unitFen: number; amountFen: number }>,
			) => ({
				invoiceNumber,
				sourceKind: 'ticket' as const,
				sourceKey: `ticket:${invoiceNumber}`,
				ticketId: null,
				orderNumber: null,
				orderStage: null,
				customerId: null,
				customerName: '甲',
				category: 'A',
				issuedOn: TODAY,
				issuedBy: 'test',
				replacesInvoiceId: null,
				lines,
				totalFen: lines.reduce((t, l) => t + l.amountFen, 0),
			});
			const old = await Store.open(
				cfg,
				undefined,
				MIGRATIONS.filter((m) => m.version !== 11),
			);
			await old.transaction((trx) => insertInvoice(trx, inv('FP-2026-000001', [line]), ctx().now));
			// Before migration 11 a credit line is refused by the CHECK.
			await expect(
				old.transaction((trx) =>
					insertInvoice(
						trx,
						inv('FP-2026-000002', [line, { kind: 'return', description: '退砖', quantity: 1, unitFen: 1000, amountFen: -1000 }]),
						ctx().now,
					),
				),
			).rejects.toThrow(/ck_invoice_lines_amount/);
			await old.close();
			const migrated = await Store.open(cfg);
			try {
				expect((await migrated.db.selectFrom('schemaMigrations').select('version').execute()).map((v) => Number(v.version))).toContain(11);
				expect(await migrated.db.selectFrom('invoiceLines').select(['kind', 'quantity', 'unitFen', 'amountFen']).execute()).toEqual([
					{ kind: 'call-out', quantity: 1, unitFen: 5000, amountFen: 5000 },
				]);
				await migrated.transaction((trx) =>
					insertInvoice(
						trx,
						inv('FP-2026-000003', [line, { kind: 'return', description: '退砖', quantity: 1, unitFen: 1000, amountFen: -1000 }]),
						ctx().now,
					),
				);
				expect((await migrated.transaction((trx) => requireInvoice(trx, { invoiceNumber: 'FP-2026-000003' }))).totalFen).toBe(4000);
				// After it, a negative amount is still refused on any line but a return: the same credit as above on a
				// call-out line. (The invoice's total stays positive, so that the line's CHECK is what refuses it, not
				// ck_invoices_total: a lone -5000 line used to be refused by the total alone.)
				await expect(
					migrated.transaction((trx) =>
						insertInvoice(
							trx,
							inv('FP-2026-000004', [line, { kind: 'call-out', description: '上门费', quantity: 1, unitFen: 1000, amountFen: -1000 }]),
							ctx().now,
						),
					),
				).rejects.toThrow(/ck_invoice_lines_amount/);
			} finally {
				await migrated.close();
			}
		});

		test('two requests at once in one process, and 4 processes asking for 5 orders twice each: one invoice per order stage, numbers gap-free', async () => {
			const n = await orderAtPaymentNotice(100);
			const [a, b] = await Promise.all([issue(n, 'payment-notice'), issue(n, 'payment-notice')]);
			expect(a.invoice.invoiceNumber).toBe(b.invoice.invoiceNumber);
			expect([a.created, b.created].sort()).toEqual([false, true]);

			const five: string[] = [];
			for (let i = 0; i < 5; i++) five.push(await orderAtPaymentNotice(100, `客户${i}`));
			const script = resolve(__dirname, 'fixtures/issue-order-invoices.js');
			const outputs = await Promise.all(
				[0, 1, 2, 3].map(() =>
					run(process.execPath, [script], {
						env: { ...process.env, STORE_CONFIG: JSON.stringify(config), ORDERS: JSON.stringify(five), STAGE: 'payment-notice', TODAY },
					}),
				),
			);
			const results = outputs.flatMap(
				(o) => JSON.parse(o.stdout) as Array<{ orderNumber: string; invoiceNumber: string; created: boolean; totalFen: number }>,
			);
			expect(results).toHaveLength(40);
			const byOrder = new Map<string, Set<string>>();
			for (const r of results) byOrder.set(r.orderNumber, (byOrder.get(r.orderNumber) ?? new Set()).add(r.invoiceNumber));
			expect([...byOrder.keys()].sort()).toEqual([...five].sort());
			for (const numbers of byOrder.values()) expect(numbers.size).toBe(1);
			expect(results.filter((r) => r.created)).toHaveLength(5);
			expect(new Set(results.map((r) => r.totalFen))).toEqual(new Set([230_400]));
			const all = (await store.db.selectFrom('invoices').select('invoiceNumber').orderBy('invoiceNumber').execute()).map((r) =>
				Number(r.invoiceNumber.slice(-6)),
			);
			expect(all).toEqual(all.map((_, i) => i + 1));
		});
	});
}

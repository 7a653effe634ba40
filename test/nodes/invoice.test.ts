/** Issue Invoice and the Register's invoice operations on n8n's real engine, on every backend. */
import type { IDataObject, INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores } from '../../nodes/shared/store/store';

for (const backend of backends()) {
	describe(`invoices through the nodes on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeAll(async () => {
			credentials = { afterSalesStore: { ...backend.credential(backend.fresh()), companyName: '安达 & 信达' } };
			const seed = withItems(
				[{ name: '王师傅', phone: '13700000001', skills: '空调', dailyCapacity: 20 }],
				chain(node('Seed', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' })),
			);
			await runWorkflow(seed, credentials);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		let seq = 0;
		/** A new A ticket (liaison letter), dispatched, visited with `visit`; the visit's output item. */
		async function visited(visit: IDataObject, fees: IDataObject = {}) {
			const wf = withItems(
				[
					{
						customerName: `客户${++seq}`,
						phone: `1380000${String(seq).padStart(4, '0')}`,
						address: '上海市徐汇区',
						siteSituation: '空调不制冷',
						skill: '空调',
					},
				],
				chain(
					node('Create', TYPES.createTicket, {}),
					node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' }),
					node('Visit', TYPES.register, { resource: 'ticket', operation: 'recordVisit', ...visit, fees } as INode['parameters'], {
						onError: 'continueRegularOutput',
					}),
				),
			);
			const r = await runWorkflow(wf, credentials);
			expect(r.output('Create')[0].json).toMatchObject({ category: 'A' });
			return { ticketNumber: String(r.output('Create')[0].json.ticketNumber), visit: r.output('Visit')[0] };
		}

		const issue = (parameters: INode['parameters'] = {}) => node('Issue', TYPES.issueInvoice, parameters, { onError: 'continueRegularOutput' });
		async function run(items: IDataObject[], n: ReturnType<typeof node>) {
			return (await runWorkflow(withItems(items, chain(n)), credentials)).output(n.name);
		}

		test('Issue Invoice: lines by the fee rule, capitals, the page as a binary; the second time the same invoice, created false', async () => {
			const { ticketNumber, visit } = await visited({
				outcome: 'solved',
				solution: '加氟',
				customerSignature: '陈',
				minutes: 61,
				parts: [{ part: '冷媒', quantity: 2, unitPriceYuan: '12.5' }],
			});
			expect(visit.json).toMatchObject({
				status: 'solved-on-site',
				parts: [{ part: '冷媒', quantity: 2, unitPriceYuan: '12.50', unitPriceFen: 1250, source: 'visit' }],
				liaisonLetter: { letterNumber: expect.stringMatching(/^LH-/) },
			});
			const [first] = await run([{ ticketNumber }], issue());
			expect(first.json).toMatchObject({
				invoiceDue: true,
				created: true,
				ticketNumber,
				totalFen: 5000 + 3 * 4000 + 2500,
				amountInWords: '壹佰玖拾伍元整',
				status: 'issued',
			});
			const html = Buffer.from(first.binary!.invoice.data, 'base64').toString('utf8');
			expect(html).toContain('收费单');
			expect(html).toContain('壹佰玖拾伍元整');
			expect(html).toContain('安达 &amp; 信达');
			const [second] = await run([{ ticketNumber }], issue({ language: 'en' }));
			expect(second.json).toMatchObject({ invoiceNumber: first.json.invoiceNumber, created: false });
			expect(Buffer.from(second.binary!.invoice.data, 'base64').toString('utf8')).toMatch(/<title>Invoice FP-/);
		});

		test('rates as node parameters: another call-out fee and hourly rate', async () => {
			const { ticketNumber } = await visited({ outcome: 'solved', solution: '调试', customerSignature: '陈', minutes: 30 });
			const [out] = await run([{ ticketNumber }], issue({ fees: { callOutYuan: 60, labourPerHourYuan: 100 } }));
			expect(out.json).toMatchObject({ totalFen: 6000 + 5000 });
		});

		test('nothing due: an error by default, { invoiceDue: false } when asked to pass on', async () => {
			const { ticketNumber } = await visited({ outcome: 'taken-back', product: '主板', customerSignature: '陈' });
			const [failed] = await run([{ ticketNumber }], issue());
			expect(failed.json).toMatchObject({ error: expect.stringMatching(/invoiced on the day it is returned \(P8\)/), details: { kind: 'refused' } });
			const [passed] = await run([{ ticketNumber }], issue({ nothingDue: 'skip' }));
			expect(passed.json).toEqual({ invoiceDue: false, ticketNumber, reason: 'not-due', message: expect.stringContaining('P8') });
		});

		test('on-site collection over the fee is refused at the visit; within it the invoice comes out paid', async () => {
			const over = await visited({
				outcome: 'solved',
				solution: '调试',
				customerSignature: '陈',
				minutes: 30,
				collectedYuan: 100,
				paymentMethod: 'cash',
			});
			expect(over.visit.json).toMatchObject({
				error: expect.stringMatching(/100\.00 yuan is more than the fee of 90\.00 yuan/),
				details: { kind: 'refused', errors: [{ field: 'collectedYuan' }] },
			});
			const ok = await visited({
				outcome: 'solved',
				solution: '调试',
				customerSignature: '陈',
				minutes: 30,
				collectedYuan: 90,
				paymentMethod: '微信',
			});
			expect(ok.visit.json).toMatchObject({ collectedFen: 9000, paymentMethod: 'wechat' });
			const [inv] = await run([{ ticketNumber: ok.ticketNumber }], issue());
			expect(inv.json).toMatchObject({ status: 'paid', paidFen: 9000, collectedOnSite: true, payments: [{ method: 'wechat', onSite: true }] });
			// WeChat goes to the company's account: no cash is held for it.
			const held = await run([{}], node('Held', TYPES.register, { resource: 'invoice', operation: 'getCashHeld' }));
			expect(held.flatMap((h) => ((h.json.payments as IDataObject[]) ?? []).map((p) => p.invoiceNumber))).not.toContain(inv.json.invoiceNumber);
		});

		test('Register: payments, fapiao number, void, get many receivables', async () => {
			const { ticketNumber } = await visited({ outcome: 'solved', solution: '调试', customerSignature: '陈', minutes: 30 });
			const [inv] = await run([{ ticketNumber }], issue());
			const invoiceNumber = String(inv.json.invoiceNumber);
			const op = (operation: string, extra: IDataObject = {}) =>
				node('Op', TYPES.register, { resource: 'invoice', operation, ...extra }, { onError: 'continueRegularOutput' });
			const [paid] = await run([{ invoiceNumber, amountYuan: '40', method: 'alipay' }], op('recordPayment'));
			expect(paid.json).toMatchObject({ paidFen: 4000, balanceFen: 5000, status: 'issued' });
			const [over] = await run([{ invoiceNumber, amountYuan: '50.01', method: 'alipay' }], op('recordPayment'));
			expect(over.json).toMatchObject({ details: { kind: 'refused', errors: [{ field: 'amountYuan' }] } });
			const receivables = await run([{}], op('getMany', { returnAll: true, filters: { status: ['issued'] } }));
			expect(receivables.map((r) => r.json.invoiceNumber)).toContain(invoiceNumber);
			const [fapiao] = await run([{ invoiceNumber, fapiaoNumber: '12345678' }], op('recordFapiaoNumber'));
			expect(fapiao.json.fapiaoNumber).toBe('12345678');
			const [voided] = await run([{ invoiceNumber, reason: '重开' }], op('void'));
			expect(voided.json).toMatchObject({ status: 'void', voidReason: '重开', balanceFen: 0 });
			const after = await run([{}], op('getMany', { returnAll: true, filters: { status: ['issued'] } }));
			expect(after.map((r) => r.json.invoiceNumber)).not.toContain(invoiceNumber);
			const [replacement] = await run([{ ticketNumber }], issue());
			expect(replacement.json).toMatchObject({ created: true, replacesInvoiceNumber: invoiceNumber, paidFen: 4000 });
		});

		test("Invoice For a tile order stage: the payment notice's goods, paid from the deposit; a settlement not reached fails its item alone or passes on; a payment on the invoice pays the order", async () => {
			const reg = (operation: string, extra: IDataObject = {}) =>
				node(
					'Op',
					TYPES.register,
					{ resource: operation.startsWith('import') ? 'import' : 'tileOrder', operation, ...extra },
					{ onError: 'continueRegularOutput' },
				);
			const [models] = await run(
				[
					{
						modelCode: 'INV-600',
						name: '抛光砖',
						widthMm: 600,
						heightMm: 600,
						piecesPerBox: 4,
						boxWeightKg: 26,
						pricePerBoxYuan: 128,
						boxesOnHand: 50,
					},
				],
				reg('importRows', { register: 'tile-models' }),
			);
			expect(models.json.rejected).toEqual([]);
			const [created] = await run(
				[{ customerName: '订单客户', phone: '13812349999', address: '上海', depositYuan: '500', lines: [{ modelCode: 'INV-600', areaM2: 21.6 }] }],
				reg('create'),
			);
			const orderNumber = String(created.json.orderNumber);
			for (const operation of ['recordMeasurement', 'prepareStock', 'issuePaymentNotice'])
				expect((await run([{ orderNumber }], reg(operation)))[0].json.error).toBeUndefined();

			const order = (extra: INode['parameters'] = {}) =>
				issue({ source: 'order-stage', orderNumber: '={{ $json.orderNumber }}', stage: '={{ $json.stage }}', ...extra });
			const out = await run(
				[
					{ orderNumber, stage: 'payment-notice' },
					{ orderNumber, stage: 'settlement' },
					{ orderNumber, stage: '付款通知单' },
				],
				order(),
			);
			expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			// 18 boxes × ¥128 = ¥2,304, the ¥500 deposit paid.
			expect(out[0].json).toMatchObject({
				invoiceDue: true,
				created: true,
				orderNumber,
				stage: 'payment-notice',
				lines: [{ kind: 'goods', quantity: 18, unitFen: 12_800, amountFen: 230_400 }],
				totalFen: 230_400,
				paidFen: 50_000,
				amountInWords: '贰仟叁佰零肆元整',
			});
			expect(Buffer.from(out[0].binary!.invoice.data, 'base64').toString('utf8')).toContain(`订单 ${orderNumber} · 付款通知单`);
			expect(String(out[1].json.error)).toMatch(/is not settled yet \(结算单\)/);
			expect(out[2].json).toMatchObject({ invoiceNumber: out[0].json.invoiceNumber, created: false });
			const [passed] = await run([{ orderNumber, stage: 'settlement' }], order({ nothingDue: 'skip' }));
			expect(passed.json).toMatchObject({ invoiceDue: false, orderNumber, stage: 'settlement', reason: 'not-due' });

			const pay = node('Pay', TYPES.register, { resource: 'invoice', operation: 'recordPayment' }, { onError: 'continueRegularOutput' });
			const [paid] = await run([{ invoiceNumber: out[0].json.invoiceNumber, amountYuan: '1804', method: 'wechat' }], pay);
			expect(paid.json).toMatchObject({ status: 'paid', paidFen: 230_400 });
			const [got] = await run([{ orderNumber }], reg('get'));
			expect(got.json).toMatchObject({ status: 'paid', paidFen: 180_400 });
		});

		test('the liaison letter is confirmed once, and then prints the confirmation', async () => {
			const { ticketNumber } = await visited({ outcome: 'solved', solution: '调试', customerSignature: '陈', minutes: 30 });
			const confirm = node(
				'Confirm',
				TYPES.register,
				{ resource: 'ticket', operation: 'confirmLiaisonLetter' },
				{ onError: 'continueRegularOutput' },
			);
			const [ok] = await run([{ ticketNumber, confirmedBy: '陈先生', feedback: '同意' }], confirm);
			expect(ok.json).toMatchObject({ liaisonLetter: { confirmedBy: '陈先生', feedback: '同意', confirmedAt: expect.any(String) } });
			expect(Buffer.from(ok.binary!.liaisonLetter.data, 'base64').toString('utf8')).toContain('陈先生');
			const [twice] = await run([{ ticketNumber, confirmedBy: '陈先生' }], confirm);
			expect(twice.json).toMatchObject({ details: { kind: 'refused' }, error: expect.stringContaining('already confirmed') });
		});
	});
}

/**
 * The tile store on the live server (T1–T12): from POST orders to complete, the factory's email
 * with its XLSX read back from the SMTP sink, the customer's notices, every document page, the
 * reservation race, bad requests.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Store } from '../../nodes/shared/store/store';
import { KEY_HEADER, getWebhook, postWebhook, state, waitForMail, openStore } from './server';

// n8n's own spreadsheet library (the one Convert to File writes with), from the n8n install.
const n8nRequire = createRequire(join(__dirname, '../../.cache/n8n/node_modules/n8n-nodes-base/package.json'));
const XLSX = n8nRequire('@e965/xlsx') as {
	read(data: Buffer, o: { type: 'buffer' }): { SheetNames: string[]; Sheets: Record<string, unknown> };
	utils: { sheet_to_json(sheet: unknown): Array<Record<string, unknown>> };
};

let store: Store;
beforeAll(async () => {
	store = await openStore();
	const res = await postWebhook('import/tile-models', [
		{
			modelCode: 'DD-E2E-600',
			name: '抛光砖',
			widthMm: 600,
			heightMm: 600,
			thicknessMm: 9.5,
			piecesPerBox: 4,
			boxWeightKg: 26,
			pricePerBoxYuan: 128,
			boxesOnHand: 100,
		},
		{ 型号: 'DD-E2E-1200', 名称: '岩板', 宽mm: 600, 长mm: 1200, 厚mm: '10.5', 每箱片数: 2, 每箱重量kg: 28.5, 每箱单价: 188, 库存箱数: 30 },
		{ modelCode: 'RACE-600', name: '抢货砖', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightKg: 26, pricePerBoxYuan: 100, boxesOnHand: 30 },
	]);
	expect(res.json).toMatchObject({ created: 3, rejected: [] });
});
afterAll(() => store.close());

const order = (over: Record<string, unknown> = {}) => ({
	customerName: '陈女士',
	phone: '13812340001',
	address: '上海市徐汇区漕溪路 88 弄 5 号 1201',
	email: 'chen.e2e@example.com',
	depositYuan: 2000,
	processing: true,
	installer: { name: '李师傅', phone: '13900000001' },
	lines: [
		{ modelCode: 'DD-E2E-600', areaM2: 21.6 },
		{ modelCode: 'DD-E2E-1200', lengthM: 3, widthM: 2.4 },
	],
	...over,
});

async function stockOf(modelCode: string) {
	const res = await getWebhook('stock');
	expect(res.status).toBe(200);
	return (JSON.parse(res.text) as Array<Record<string, unknown>>).find((m) => m.modelCode === modelCode);
}

test('T1–T12 on the real server: POST orders → … → complete, with the emails and every document', async () => {
	// T1–T3: the estimate and the stock check. 21.6 m² of 600×600 + 5 % = 63 pieces = 16 boxes + 2.
	const created = await postWebhook('orders', order());
	expect(created.status).toBe(201);
	expect(created.json).toEqual({
		orderNumber: expect.stringMatching(/^DD-\d{8}-\d{4}$/),
		status: 'signed',
		depositFen: 200_000,
		goodsFen: 380_800,
		totalWeightKg: 696,
		stockSufficient: true,
		lines: [
			{
				modelCode: 'DD-E2E-600',
				areaM2: 21.6,
				wastagePct: 5,
				piecesNeeded: 63,
				boxes: 18,
				weightKg: 468,
				amountFen: 230_400,
				boxesAvailable: 100,
				shortBoxes: 0,
			},
			{
				modelCode: 'DD-E2E-1200',
				areaM2: 7.2,
				wastagePct: 5,
				piecesNeeded: 11,
				boxes: 8,
				weightKg: 228,
				amountFen: 150_400,
				boxesAvailable: 30,
				shortBoxes: 0,
			},
		],
	});
	const n = String(created.json.orderNumber);
	const post = (step: string, body: object = {}) => postWebhook(`orders/${n}/${step}`, body);

	// T4
	expect((await post('appointment', { appointmentAt: '2026-11-28 10:00', keyHolder: { name: '物业王', phone: '13700000009' } })).json).toMatchObject({
		status: 'signed',
		appointment: { keyHolder: { name: '物业王' } },
	});
	expect((await post('prepare-stock')).status).toBe(400); // not measured yet
	expect((await post('measurement', { measuredBy: '小张' })).json).toMatchObject({ status: 'measured' });
	// T5
	const prepared = await post('prepare-stock');
	expect(prepared.status).toBe(200);
	expect(prepared.json).toMatchObject({ status: 'stock-prepared', lines: [{ boxesReserved: 18 }, { boxesReserved: 8 }] });
	expect(await stockOf('DD-E2E-600')).toEqual({ modelCode: 'DD-E2E-600', name: '抛光砖', boxesOnHand: 100, boxesReserved: 18, boxesAvailable: 82 });

	// T6–T7: the sheet to the factory, as an XLSX made by Convert to File and an HTML copy.
	const sent = await post('processing', {
		factory: '佛山精工加工厂',
		factoryEmail: 'jinggong@e2e.test',
		lines: [{ modelCode: 'DD-E2E-1200', pieces: 6, cutting: '切成 600×600', edging: true, notes: '<b>小心</b>' }],
	});
	expect(sent.status).toBe(200);
	expect(sent.json).toMatchObject({ status: 'processing-sent', processingSheet: { factory: '佛山精工加工厂', factoryEmail: 'jinggong@e2e.test' } });
	const factoryMail = await waitForMail((m) => m.to.includes('jinggong@e2e.test') && m.subject.includes(n));
	expect(factoryMail.from).toBe('after-sales@e2e.test');
	expect(factoryMail.subject).toBe(`加工单 Processing sheet ${n} · 佛山精工加工厂`);
	const xlsx = factoryMail.attachments.find((a) => a.filename === `${n}-processing-sheet.xlsx`);
	expect(xlsx?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	const book = XLSX.read(Buffer.from(xlsx!.base64, 'base64'), { type: 'buffer' });
	const filled = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '')));
	expect(filled(XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]]))).toEqual([
		{
			序号: 1,
			型号: 'DD-E2E-1200',
			名称: '岩板',
			'规格(mm)': '600×1200',
			加工整砖数: 6,
			切割: '切成 600×600',
			'磨边/倒边': '是',
			备注: '<b>小心</b>',
		},
	]);
	const sheetPage = factoryMail.attachments.find((a) => a.filename === `${n}-processing-sheet.html`);
	expect(sheetPage?.content).toMatch(/<title>加工单 /);
	expect(sheetPage?.content).toContain('&lt;b&gt;小心&lt;/b&gt;');
	expect((await post('delivery', { deliveryDate: '2026-12-05' })).status).toBe(400); // the factory has not confirmed
	const confirmed = await post('processing', { completionDate: '2026-12-03', feeYuan: 120 });
	expect(confirmed.json).toMatchObject({ status: 'processed', processingSheet: { completionDate: '2026-12-03', feeFen: 12_000 } });

	// T8: the payment notice, emailed to the customer: 3808 + 120 − 2000 = ¥1,928.
	const noticed = await post('payment-notice');
	expect(noticed.json).toMatchObject({ paymentNotice: { amountDueFen: 192_800 } });
	const noticeMail = await waitForMail((m) => m.to.includes('chen.e2e@example.com') && m.subject.includes(`Payment notice ${n}`));
	expect(noticeMail.text).toContain('¥1928.00');
	expect(noticeMail.attachments.find((a) => a.filename === `${n}-payment-notice.html`)?.content).toMatch(/<title>付款通知单 /);
	const over = await post('payments', { amountYuan: '1928.01', method: 'wechat' });
	expect(over.status).toBe(400);
	expect(over.json).toEqual({ errors: [{ field: 'amountYuan', message: expect.stringMatching(/more than is owed; order .* owes ¥1928\.00/) }] });
	expect((await post('payments', { amountYuan: 1928, method: 'wechat' })).json).toMatchObject({ status: 'paid', paidFen: 192_800, balanceFen: 0 });

	// T9: 696 kg on a van; the freight is the store's.
	const delivered = await post('delivery', { deliveryDate: '2026-12-05' });
	expect(delivered.status).toBe(200);
	expect(delivered.json).toEqual({
		orderNumber: n,
		trips: [{ vehicle: 'van', payloadKg: 1000, loadKg: 696, freightFen: 15_000 }],
		freightFen: 15_000,
	});

	// T10
	expect((await post('installation')).json).toMatchObject({ status: 'installing' });
	expect((await post('secondary', { kind: 'extra', modelCode: 'DD-E2E-600', boxes: 2 })).status).toBe(200);
	const tooMany = await post('secondary', { kind: 'return', modelCode: 'DD-E2E-1200', boxes: 9 });
	expect(tooMany.status).toBe(400);
	expect(tooMany.json).toEqual({
		errors: [{ field: 'boxes', message: expect.stringMatching(/more than was delivered; 8 delivered, so at most 8 can be returned/) }],
	});
	expect((await post('secondary', { kind: 'return', modelCode: 'DD-E2E-1200', boxes: 3 })).status).toBe(200);
	expect((await post('secondary', { kind: 'reprocessing', feeYuan: 50, notes: '补切两片' })).status).toBe(200);

	// T11: 3808 + 120 + 256 + 50 − 564 − 2000 − 1928 = −258: the store refunds ¥258.
	const settled = await post('settle');
	expect(settled.json).toEqual({
		orderNumber: n,
		settlement: {
			goodsFen: 380_800,
			processingFen: 12_000,
			extraFen: 25_600,
			returnsFen: 56_400,
			reprocessingFen: 5_000,
			depositFen: 200_000,
			paidFen: 192_800,
			balanceFen: -25_800,
		},
	});
	const settleMail = await waitForMail((m) => m.to.includes('chen.e2e@example.com') && m.subject.includes(`Settlement statement ${n}`));
	expect(settleMail.text).toContain('¥258.00');
	expect((await post('complete')).status).toBe(400);
	expect((await post('payments', { amountYuan: -258, method: 'wechat', reason: '退砖退款' })).json).toMatchObject({ balanceFen: 0 });

	// T12: inventory down once, net of returns.
	const done = await post('complete');
	expect(done.status).toBe(200);
	expect(done.json).toMatchObject({ status: 'completed', archivedAt: expect.any(String) });
	expect((await post('complete')).status).toBe(400);
	expect(await stockOf('DD-E2E-600')).toEqual({ modelCode: 'DD-E2E-600', name: '抛光砖', boxesOnHand: 80, boxesReserved: 0, boxesAvailable: 80 });
	expect(await stockOf('DD-E2E-1200')).toMatchObject({ boxesOnHand: 25, boxesReserved: 0 });

	// Every document page, Chinese and English, with the letterhead.
	const { company } = state();
	for (const [path, title, en] of [
		['payment-notice', '付款通知单', 'Payment Notice'],
		['processing-sheet', '加工单', 'Processing Sheet'],
		['delivery-note', '送货单', 'Delivery Note'],
		['settlement', '结算单', 'Settlement Statement'],
	]) {
		const page = await getWebhook(`orders/${n}/documents/${path}`);
		expect({ path, status: page.status, type: page.contentType }).toEqual({ path, status: 200, type: expect.stringMatching(/text\/html/) });
		expect(page.text).toContain(`<title>${title} ${n}</title>`);
		expect(page.text).toContain(company.name.replace('&', '&amp;'));
		expect((await getWebhook(`orders/${n}/documents/${path}?lang=en`)).text).toContain(`<title>${en} ${n}</title>`);
	}
	const delivery = await getWebhook(`orders/${n}/documents/delivery-note`);
	expect(delivery.text).toContain('面包车 (van)');
	const sheet = await fetch(`${state().baseUrl}webhook/after-sales/orders/${n}/documents/processing-sheet.xlsx`, {
		headers: { [KEY_HEADER]: state().key },
	});
	expect(sheet.status).toBe(200);
	expect(sheet.headers.get('content-type')).toMatch(/spreadsheetml/);
	const served = XLSX.read(Buffer.from(await sheet.arrayBuffer()), { type: 'buffer' });
	expect(XLSX.utils.sheet_to_json(served.Sheets[served.SheetNames[0]])).toHaveLength(1);
	expect((await getWebhook(`orders/${n}/documents/invoice`)).status).toBe(404);
	expect((await getWebhook('orders/DD-19990101-0001/documents/settlement')).status).toBe(404);
});

test('a document not made yet is 404; an order without processing has no sheet', async () => {
	const created = await postWebhook(
		'orders',
		order({ customerName: '王先生', phone: '13812340002', email: undefined, processing: false, lines: [{ modelCode: 'DD-E2E-600', areaM2: 5 }] }),
	);
	const n = String(created.json.orderNumber);
	expect((await getWebhook(`orders/${n}/documents/payment-notice`)).status).toBe(404);
	expect((await getWebhook(`orders/${n}/documents/processing-sheet.xlsx`)).status).toBe(404);
	// Cancelled before delivery: the reservation goes back.
	await postWebhook(`orders/${n}/measurement`, {});
	expect((await postWebhook(`orders/${n}/prepare-stock`, {})).status).toBe(200);
	const cancelled = await postWebhook(`orders/${n}/cancel`, { reason: '客户改期' });
	expect(cancelled.json).toMatchObject({ status: 'cancelled', lines: [{ boxesReserved: 0 }] });
	expect((await postWebhook(`orders/${n}/cancel`, { reason: '再次' })).status).toBe(400);
	expect((await postWebhook('orders/DD-19990101-0001/payments', { amountYuan: 1, method: 'cash' })).status).toBe(404);
});

test('a sheet whose request names no factory email goes to AFTER_SALES_FACTORY_EMAIL (the Settings step)', async () => {
	const created = await postWebhook(
		'orders',
		order({ customerName: '赵女士', phone: '13812340005', email: undefined, lines: [{ modelCode: 'DD-E2E-1200', areaM2: 1.44 }] }),
	);
	const n = String(created.json.orderNumber);
	await postWebhook(`orders/${n}/measurement`, {});
	expect((await postWebhook(`orders/${n}/prepare-stock`, {})).status).toBe(200);
	const sent = await postWebhook(`orders/${n}/processing`, {
		factory: '默认加工厂',
		lines: [{ modelCode: 'DD-E2E-1200', pieces: 2, chamfering: '45°' }],
	});
	expect(sent.json).toMatchObject({ processingSheet: { factoryEmail: 'factory@e2e.test' } });
	const mail = await waitForMail((m) => m.to.includes('factory@e2e.test') && m.subject.includes(n));
	expect(mail.attachments.map((a) => a.filename).sort()).toEqual([`${n}-processing-sheet.html`, `${n}-processing-sheet.xlsx`]);
	// No customer email on the order: the payment notice is not sent, the run shows "no email".
	await postWebhook(`orders/${n}/processing`, { completionDate: '2026-12-10', feeYuan: 30 });
	expect((await postWebhook(`orders/${n}/payment-notice`, {})).status).toBe(200);
});

test('the reservation race: two orders prepare the last boxes at once — one wins, the other is told what is short', async () => {
	// 30 boxes of RACE-600; each order needs 18 (21.6 m² + 5 % = 63 pieces = 16 boxes + 2).
	const numbers: string[] = [];
	for (const phone of ['13812340003', '13812340004']) {
		const res = await postWebhook(
			'orders',
			order({ customerName: `抢货客户${phone.slice(-1)}`, phone, processing: false, lines: [{ modelCode: 'RACE-600', areaM2: 21.6 }] }),
		);
		expect(res.json).toMatchObject({ stockSufficient: true, lines: [{ boxes: 18, boxesAvailable: 30 }] });
		numbers.push(String(res.json.orderNumber));
		await postWebhook(`orders/${res.json.orderNumber}/measurement`, {});
	}
	const answers = await Promise.all(numbers.map((n) => postWebhook(`orders/${n}/prepare-stock`, {})));
	expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
	const lost = answers.find((a) => a.status === 400)!;
	expect(lost.json).toEqual({
		errors: [
			{
				field: 'lines[0].modelCode',
				message: 'Stock (库存): RACE-600 needs 18 boxes; 12 available (30 on hand, 18 reserved for other orders), 6 short',
			},
		],
	});
	expect(await stockOf('RACE-600')).toMatchObject({ boxesOnHand: 30, boxesReserved: 18, boxesAvailable: 12 });
	const reservations = await store.db
		.selectFrom('tileReservations as r')
		.innerJoin('tileModels as m', 'm.id', 'r.tileModelId')
		.select(['r.boxes'])
		.where('m.modelCode', '=', 'RACE-600')
		.where('r.releasedAt', 'is', null)
		.execute();
	expect(reservations).toEqual([{ boxes: 18 }]);
});

test('bad orders get 400 with the field and what is expected, and nothing is written', async () => {
	const before = (await store.db.selectFrom('tileOrders').select('id').execute()).length;
	const cases: Array<[object, string, RegExp]> = [
		[{ lines: [{ modelCode: 'NO-SUCH', areaM2: 10 }] }, 'lines[0].modelCode', /"NO-SUCH" is not a tile model/],
		[{ lines: [{ modelCode: 'DD-E2E-600', areaM2: 0 }] }, 'lines[0].areaM2', /greater than 0/],
		[{ lines: [{ modelCode: 'DD-E2E-600', areaM2: -3 }] }, 'lines[0].areaM2', /greater than 0/],
		[{ lines: [{ modelCode: 'DD-E2E-600', areaM2: 10, wastagePct: 60 }] }, 'lines[0].wastagePct', /expected a percentage from 0 to 50/],
		[{ depositYuan: -1 }, 'depositYuan', /expected yuan of 0 or more/],
		[{ lines: [] }, 'lines', /is empty/],
	];
	for (const [over, field, message] of cases) {
		const res = await postWebhook('orders', order({ customerName: '错单客户', phone: '13812340009', ...over }));
		expect({ field, status: res.status }).toEqual({ field, status: 400 });
		const errors = (res.json as { errors: Array<{ field: string; message: string }> }).errors;
		expect(errors.find((e) => e.field === field)?.message).toMatch(message);
	}
	expect((await store.db.selectFrom('tileOrders').select('id').execute()).length).toBe(before);
	expect((await postWebhook('orders', order(), { key: null })).status).toBeGreaterThanOrEqual(401);
});

test('order invoices (T8, T11): the payment notice and the settlement each invoiced once, paid from the order, on the receivables list and the page', async () => {
	// 21.6 m² of 600×600 + 5 % = 63 pieces = 16 boxes + 2 = 18 boxes × ¥128 = ¥2,304; deposit ¥500.
	const created = await postWebhook(
		'orders',
		order({
			customerName: '开票客户',
			phone: '13812340077',
			email: 'invoice.e2e@example.com',
			depositYuan: 500,
			processing: false,
			lines: [{ modelCode: 'DD-E2E-600', areaM2: 21.6 }],
		}),
	);
	expect(created.status).toBe(201);
	const n = String(created.json.orderNumber);
	const post = (step: string, body: object = {}) => postWebhook(`orders/${n}/${step}`, body);
	const invoice = (stage: unknown) => postWebhook(`orders/${n}/invoice`, { stage });

	expect((await post('measurement', { measuredBy: '小张' })).status).toBe(200);
	expect((await post('prepare-stock')).status).toBe(200);
	const early = await invoice('payment-notice');
	expect(early.status).toBe(400);
	expect(early.json).toEqual({ errors: [{ field: 'stage', message: expect.stringMatching(/has no payment notice \(付款通知单\) yet/) }] });
	expect((await post('payment-notice')).json).toMatchObject({ paymentNotice: { amountDueFen: 180_400 } });

	// Two requests at once for the payment notice: one issues it (201), the other gets it back (200).
	const [a, b] = await Promise.all([invoice('payment-notice'), invoice('payment-notice')]);
	expect([a.status, b.status].sort()).toEqual([200, 201]);
	expect(a.json.invoiceNumber).toBe(b.json.invoiceNumber);
	const notice = a.json;
	expect(notice).toMatchObject({
		invoiceNumber: expect.stringMatching(/^FP-\d{4}-\d{6}$/),
		orderNumber: n,
		stage: 'payment-notice',
		customerName: '开票客户',
		lines: [{ kind: 'goods', description: expect.stringMatching(/^DD-E2E-600 抛光砖 600×600/), quantity: 18, unitFen: 12_800, amountFen: 230_400 }],
		totalFen: 230_400,
		paidFen: 50_000,
		status: 'issued',
		collectedOnSite: false,
		amountInWords: '贰仟叁佰零肆元整',
	});
	const again = await invoice('payment-notice');
	expect(again.status).toBe(200);
	expect(again.json.invoiceNumber).toBe(notice.invoiceNumber);

	// The receivables list has it with the customer's name.
	const open = JSON.parse((await getWebhook('invoices?status=issued')).text) as Array<Record<string, unknown>>;
	expect(open.find((i) => i.invoiceNumber === notice.invoiceNumber)).toMatchObject({
		orderNumber: n,
		stage: 'payment-notice',
		customerName: '开票客户',
		totalFen: 230_400,
		paidFen: 50_000,
	});

	// The page: the goods line, the total in capitals, paid on the order.
	const page = await getWebhook(`invoices/${String(notice.invoiceNumber)}/document`);
	expect(page.status).toBe(200);
	expect(page.text).toContain(`订单 ${n} · 付款通知单`);
	expect(page.text).toMatch(/DD-E2E-600 抛光砖 600×600[^<]*<\/td><td class="num">18<\/td><td class="num">128\.00<\/td><td class="num">2304\.00</);
	expect(page.text).toContain('贰仟叁佰零肆元整');
	expect(page.text).toMatch(/class="num paid">500\.00</);
	expect((await getWebhook(`invoices/${String(notice.invoiceNumber)}/document?lang=en`)).text).toContain(`Order ${n} · Payment notice`);

	// A payment on the invoice is a payment on the order: the order is paid and can be delivered.
	const paid = await postWebhook(`invoices/${String(notice.invoiceNumber)}/payments`, { amountYuan: 1804, method: 'wechat' });
	expect(paid.status).toBe(200);
	expect(paid.json).toMatchObject({ invoiceNumber: notice.invoiceNumber, status: 'paid', paidFen: 230_400 });
	expect((await postWebhook(`orders/${n}/payments`, { amountYuan: 1, method: 'cash' })).status).toBe(400);

	// T9–T11: 2 extra boxes (¥256), 1 returned (−¥128): the settlement charges ¥128.
	expect((await post('delivery', { deliveryDate: '2026-12-05' })).status).toBe(200);
	expect((await post('installation')).status).toBe(200);
	expect((await post('secondary', { kind: 'extra', modelCode: 'DD-E2E-600', boxes: 2 })).status).toBe(200);
	expect((await post('secondary', { kind: 'return', modelCode: 'DD-E2E-600', boxes: 1 })).status).toBe(200);
	expect((await invoice('settlement')).status).toBe(400); // not settled yet
	expect((await post('settle')).json).toMatchObject({ settlement: { balanceFen: 12_800 } });
	const [s1, s2] = await Promise.all([invoice('settlement'), invoice('settlement')]);
	expect([s1.status, s2.status].sort()).toEqual([200, 201]);
	expect(s1.json.invoiceNumber).toBe(s2.json.invoiceNumber);
	expect(s1.json.invoiceNumber).not.toBe(notice.invoiceNumber);
	expect(s1.json).toMatchObject({
		orderNumber: n,
		stage: 'settlement',
		lines: [
			{ kind: 'extra', quantity: 2, unitFen: 12_800, amountFen: 25_600 },
			{ kind: 'return', quantity: 1, unitFen: 12_800, amountFen: -12_800 },
		],
		totalFen: 12_800,
		paidFen: 0,
		status: 'issued',
		amountInWords: '壹佰贰拾捌元整',
	});
	const stPage = await getWebhook(`invoices/${String(s1.json.invoiceNumber)}/document`);
	expect(stPage.text).toContain(`订单 ${n} · 结算单`);
	expect(stPage.text).toMatch(/退砖 Returned tiles DD-E2E-600<\/td><td class="num">1<\/td><td class="num">128\.00<\/td><td class="num">-128\.00</);
	expect((await invoice('settlement')).status).toBe(200);

	// Paying the balance on the order clears the settlement invoice.
	expect((await post('payments', { amountYuan: 128, method: 'alipay' })).json).toMatchObject({ balanceFen: 0 });
	const cleared = JSON.parse((await getWebhook('invoices?status=issued')).text) as Array<Record<string, unknown>>;
	expect(cleared.filter((i) => i.orderNumber === n)).toEqual([]);

	// Bad requests: a stage that is none, an unknown order.
	const wrong = await invoice('delivery');
	expect(wrong.status).toBe(400);
	expect(wrong.json).toEqual({
		errors: [{ field: 'stage', message: expect.stringMatching(/^Stage \(阶段\): "delivery" is not a stage of a tile order/) }],
	});
	const none = await postWebhook(`orders/${n}/invoice`, {});
	expect(none.status).toBe(400);
	expect(none.json).toEqual({ errors: [{ field: 'stage', message: expect.stringMatching(/Stage \(阶段\): is empty/) }] });
	const unknown = await postWebhook('orders/DD-19990101-0001/invoice', { stage: 'settlement' });
	expect(unknown.status).toBe(404);
});

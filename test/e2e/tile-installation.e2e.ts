/**
 * Issue 18 items 8 and 9 on the live server: two rooms of one model prepare what one line of the
 * whole area does (T5 per model), and a completed order becomes an installation of its customer,
 * so a repair report from that customer within 12 months is free (category C). Own model, phone
 * and customer: nothing shared with the other specs.
 */
import { Store } from '../../nodes/shared/store/store';
import { getWebhook, postWebhook, openStore } from './server';

let store: Store;
beforeAll(async () => {
	store = await openStore();
	// 18 boxes: exactly what the two rooms need per model (per line they would need 10 + 11 = 21).
	const res = await postWebhook('import/tile-models', [
		{
			modelCode: 'TI-E2E-600',
			name: '铺贴质保砖',
			widthMm: 600,
			heightMm: 600,
			piecesPerBox: 4,
			boxWeightKg: 26,
			pricePerBoxYuan: 128,
			boxesOnHand: 18,
		},
	]);
	expect(res.json).toMatchObject({ created: 1, rejected: [] });
});
afterAll(() => store.close());

async function stockOf(modelCode: string) {
	const res = await getWebhook('stock');
	expect(res.status).toBe(200);
	return (JSON.parse(res.text) as Array<Record<string, unknown>>).find((m) => m.modelCode === modelCode);
}

test('two rooms of one model → completed → an installation of the customer → their repair report is C', async () => {
	const customer = { customerName: '铺贴质保客户', phone: '13812348801', address: '上海市闵行区莘庄路 18 号 602' };
	// 10 m² + 11.6 m² = 21.6 m² + 5 % = 63 pieces = 16 boxes + 2 once = 18 boxes, ¥2,304, 468 kg.
	const created = await postWebhook('orders', {
		...customer,
		email: 'tile-installation.e2e@example.com',
		depositYuan: 500,
		processing: false,
		lines: [
			{ modelCode: 'TI-E2E-600', areaM2: 10 },
			{ modelCode: 'TI-E2E-600', lengthM: 4, widthM: 2.9 },
		],
	});
	expect(created.status).toBe(201);
	expect(created.json).toMatchObject({ status: 'signed', goodsFen: 230_400, totalWeightKg: 468, stockSufficient: true });
	const lines = created.json.lines as Array<Record<string, unknown>>;
	expect(lines.map((l) => [l.areaM2, l.piecesNeeded, l.boxes, l.shortBoxes])).toEqual([
		[10, 30, 10, 0],
		[11.6, 33, 8, 0],
	]);
	const n = String(created.json.orderNumber);
	const post = (step: string, body: object = {}) => postWebhook(`orders/${n}/${step}`, body);

	expect((await post('measurement', { measuredBy: '小周' })).json).toMatchObject({ status: 'measured' });
	const prepared = await post('prepare-stock');
	expect(prepared.status).toBe(200);
	expect(prepared.json).toMatchObject({
		status: 'stock-prepared',
		models: [{ modelCode: 'TI-E2E-600', lineNos: [1, 2], boxes: 18, boxesReserved: 18 }],
	});
	expect(await stockOf('TI-E2E-600')).toEqual({ modelCode: 'TI-E2E-600', name: '铺贴质保砖', boxesOnHand: 18, boxesReserved: 18, boxesAvailable: 0 });

	// 2304 − 500 = ¥1,804 before delivery.
	expect((await post('payments', { amountYuan: 1804, method: 'wechat' })).json).toMatchObject({ status: 'paid', balanceFen: 0 });
	expect((await post('delivery', { deliveryDate: '2026-12-05' })).status).toBe(200);
	expect((await post('installation')).json).toMatchObject({ status: 'installing' });
	expect((await post('settle')).json).toMatchObject({ orderNumber: n, settlement: { balanceFen: 0 } });
	const done = await post('complete');
	expect(done.status).toBe(200);
	expect(done.json).toMatchObject({ status: 'completed' });
	expect(await stockOf('TI-E2E-600')).toEqual({ modelCode: 'TI-E2E-600', name: '铺贴质保砖', boxesOnHand: 0, boxesReserved: 0, boxesAvailable: 0 });

	// The order is now an installation of its customer: serial no = the order number, 12 months from today.
	const unit = await store.db
		.selectFrom('installations as i')
		.innerJoin('customers as c', 'c.id', 'i.customerId')
		.select(['i.serialNo', 'i.description', 'i.completedOn', 'i.warrantyUntil', 'c.name', 'c.phone'])
		.where('i.serialNo', '=', n)
		.executeTakeFirstOrThrow();
	const [y, m, d] = unit.completedOn.split('-').map(Number);
	expect(unit).toEqual({
		serialNo: n,
		description: '瓷砖铺贴 Tile installation: TI-E2E-600 铺贴质保砖 600×600 21.6 m²',
		completedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
		warrantyUntil: `${y + 1}-${String(m).padStart(2, '0')}-${String(m === 2 && d === 29 ? 28 : d).padStart(2, '0')}`,
		name: '铺贴质保客户',
		phone: '13812348801',
	});

	// The customer calls: the report (no serial no) finds their one unit in warranty → free, category C.
	const report = await postWebhook('repairs', { ...customer, siteSituation: '客厅瓷砖空鼓，需要返修' });
	expect(report.status).toBe(201);
	expect(report.json).toMatchObject({ ticketNumber: expect.stringMatching(/^BX-/), category: 'C' });
});

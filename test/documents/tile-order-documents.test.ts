import type { TileOrderView } from '../../nodes/shared/store/registers/tile-orders';
import {
	processingSheetRows,
	renderDeliveryNote,
	renderPaymentNotice,
	renderProcessingSheet,
	renderSettlementStatement,
	tileOrderDocuments,
} from '../../nodes/shared/documents/tile-order-documents';
import { bodyOf, evil, evilEscaped, expectEscaped, expectFullDocument, expectNoLeaks } from './helpers';

const ZONE = 'Asia/Shanghai';

function view(over: Partial<TileOrderView> = {}): TileOrderView {
	return {
		orderNumber: 'DD-20261127-0001',
		status: 'settled',
		statusLabel: '已结算 Settled',
		orderDay: '2026-11-27',
		customerCode: 'KH000001',
		customerName: evil('customerName'),
		contactPerson: evil('contactPerson'),
		phone: '13812345678',
		email: null,
		address: evil('address'),
		depositFen: 200_000,
		processing: true,
		installer: { name: evil('installer'), phone: '13900000001' },
		notes: null,
		goodsFen: 380_800,
		totalWeightKg: 696,
		stockSufficient: true,
		lines: [
			{
				lineNo: 1,
				modelCode: evil('modelCode'),
				name: '抛光砖',
				size: '600×600',
				areaM2: 21.6,
				wastagePct: 5,
				layout: null,
				extraBoxes: 2,
				piecesNeeded: 63,
				boxes: 18,
				piecesPerBox: 4,
				boxWeightKg: 26,
				weightKg: 468,
				pricePerBoxFen: 12_800,
				amountFen: 230_400,
				boxesAvailable: 82,
				boxesReserved: 18,
				shortBoxes: 0,
			},
			{
				lineNo: 2,
				modelCode: 'CZ-1200',
				name: '岩板',
				size: '600×1200',
				areaM2: 7.2,
				wastagePct: 5,
				layout: null,
				extraBoxes: 2,
				piecesNeeded: 11,
				boxes: 8,
				piecesPerBox: 2,
				boxWeightKg: 28.5,
				weightKg: 228,
				pricePerBoxFen: 18_800,
				amountFen: 150_400,
				boxesAvailable: 22,
				boxesReserved: 8,
				shortBoxes: 0,
			},
		],
		models: [
			{
				...{ modelCode: evil('modelCode'), name: '抛光砖', size: '600×600', lineNos: [1], areaM2: 21.6, extraBoxes: 2 },
				...{ piecesNeeded: 63, boxes: 18, weightKg: 468, amountFen: 230_400, boxesReserved: 18, shortBoxes: 0 },
			},
			{
				...{ modelCode: 'CZ-1200', name: '岩板', size: '600×1200', lineNos: [2], areaM2: 7.2, extraBoxes: 2 },
				...{ piecesNeeded: 11, boxes: 8, weightKg: 228, amountFen: 150_400, boxesReserved: 8, shortBoxes: 0 },
			},
		],
		appointment: null,
		measurement: { measuredAt: '2026-11-28T02:00:00.000Z', measuredBy: '小张' },
		stockPreparedAt: '2026-11-28T03:00:00.000Z',
		processingSheet: {
			factory: evil('factory'),
			factoryEmail: 'factory@example.com',
			sentAt: '2026-11-28T04:00:00.000Z',
			completionDate: '2026-12-03',
			feeFen: 12_000,
			confirmedAt: '2026-11-29T01:00:00.000Z',
			rows: [
				{
					lineNo: 1,
					modelCode: 'CZ-1200',
					name: '岩板',
					size: '600×1200',
					pieces: 6,
					cutting: evil('cutting'),
					edging: '是',
					chamfering: null,
					notes: null,
				},
			],
		},
		paymentNotice: { issuedAt: '2026-11-29T02:00:00.000Z', amountDueFen: 192_800 },
		payments: [{ amountFen: 192_800, method: 'wechat', reason: null, paidAt: '2026-11-29T03:00:00.000Z', actor: 'n8n' }],
		paidFen: 192_800,
		balanceFen: -25_800,
		delivery: {
			deliveryDate: '2026-12-05',
			installer: { name: '李师傅', phone: '13900000001' },
			totalWeightKg: 696,
			trips: [{ vehicle: 'van', vehicleName: '面包车', payloadKg: 1000, loadKg: 696, boxes: 26, freightFen: 15_000 }],
			freightFen: 15_000,
		},
		installationStartedAt: null,
		secondary: [
			{ kind: 'extra', modelCode: 'CZ-600', boxes: 2, unitFen: 12_800, amountFen: 25_600, notes: null, createdAt: '2026-12-06T01:00:00.000Z' },
			{
				kind: 'return',
				modelCode: 'CZ-1200',
				boxes: 3,
				unitFen: 18_800,
				amountFen: 56_400,
				notes: evil('notes'),
				createdAt: '2026-12-07T01:00:00.000Z',
			},
		],
		settlement: {
			goodsFen: 380_800,
			processingFen: 12_000,
			extraFen: 25_600,
			returnsFen: 56_400,
			reprocessingFen: 0,
			depositFen: 200_000,
			paidFen: 192_800,
			balanceFen: -25_800,
		},
		settledAt: '2026-12-08T01:00:00.000Z',
		completedAt: null,
		archivedAt: null,
		cancelledAt: null,
		cancelReason: null,
		createdAt: '2026-11-27T01:00:00.000Z',
		updatedAt: '2026-12-08T01:00:00.000Z',
		history: [],
		...over,
	};
}

describe('payment notice 付款通知单 (T8)', () => {
	test('goods and processing less deposit and payments; Chinese first, English on request; every value escaped', () => {
		const out = renderPaymentNotice(view({ payments: [], paidFen: 0, settlement: { ...view().settlement, paidFen: 0 } }), ZONE);
		expectFullDocument(out, 'zh-CN');
		expect(out).toContain('<title>付款通知单 DD-20261127-0001</title>');
		const body = bodyOf(out);
		// 3808 + 120 − 2000 = 1928
		expect(body).toContain('¥1928.00');
		expect(body).toContain('3928.00'); // total charges: 3808 + 120
		expect(body).toContain('2304.00');
		expect(body).toContain('2026-11-29'); // issued, in the workflow's day
		expectEscaped(out, ['customerName', 'contactPerson', 'address', 'modelCode']);
		expectNoLeaks(out);
		const en = renderPaymentNotice(view(), ZONE, 'en');
		expectFullDocument(en, 'en');
		expect(en).toContain('<title>Payment Notice DD-20261127-0001</title>');
		expect(bodyOf(en)).toContain('¥0.00'); // paid up
	});
});

describe('T5 per model on the documents', () => {
	test('a model on two lines (two rooms) shows its total under them: pieces and boxes as one line of the whole area', () => {
		const v = view();
		// 10 m² + 11.6 m² of one model: 30 + 33 pieces = 63, 10 + 8 boxes = 18 (the extra two once).
		const lines = [
			{ ...v.lines[0], lineNo: 1, areaM2: 10, piecesNeeded: 30, boxes: 10, extraBoxes: 2, amountFen: 128_000 },
			{ ...v.lines[0], lineNo: 2, areaM2: 11.6, piecesNeeded: 33, boxes: 8, extraBoxes: 0, amountFen: 102_400 },
		];
		const models = [{ ...v.models[0], lineNos: [1, 2] }];
		const zh = bodyOf(renderPaymentNotice(view({ lines, models }), ZONE));
		expect(zh).toMatch(
			/<tr class="model-total"><td class="center">1\+2<\/td><td>[^<]*<\/td><td colspan="2">同型号合计（多备箱数按型号计一次）<\/td><td class="num">21.6<\/td><td><\/td><td class="num">63<\/td><td class="num">18<\/td><td><\/td><td class="num">2304.00<\/td><\/tr>/,
		);
		expect(bodyOf(renderPaymentNotice(view({ lines, models }), ZONE, 'en'))).toContain('Model total (extra boxes once per model)');
		// A model on one line has no total row.
		expect(bodyOf(renderPaymentNotice(view(), ZONE))).not.toContain('model-total');
	});
});

describe('processing sheet 加工单 (T7)', () => {
	test('model, size, whole tiles to process, cutting, edging, chamfering, notes; date and fee once confirmed', () => {
		const out = renderProcessingSheet(view(), ZONE);
		expectFullDocument(out, 'zh-CN');
		const body = bodyOf(out);
		for (const heading of ['型号', '规格(mm)', '加工整砖数', '切割', '磨边/倒边', '倒角', '备注']) expect(body).toContain(heading);
		expect(body).toContain('2026-12-03');
		expect(body).toContain('¥120.00');
		expectEscaped(out, ['factory', 'cutting']);
		expectNoLeaks(out);
		const unconfirmed = renderProcessingSheet(
			view({ processingSheet: { ...view().processingSheet!, completionDate: null, feeFen: null } }),
			ZONE,
			'en',
		);
		expect(bodyOf(unconfirmed)).not.toContain('¥');
		expectNoLeaks(unconfirmed);
	});

	test('its rows for the spreadsheet, headed as the factory reads them', () => {
		expect(processingSheetRows(view())).toEqual([
			{ 序号: 1, 型号: 'CZ-1200', 名称: '岩板', '规格(mm)': '600×1200', 加工整砖数: 6, 切割: evil('cutting'), '磨边/倒边': '是', 倒角: '', 备注: '' },
		]);
		expect(Object.keys(processingSheetRows(view(), 'en')[0])).toEqual([
			'No.',
			'Model',
			'Name',
			'Size (mm)',
			'Whole tiles to process',
			'Cutting',
			'Edging',
			'Chamfering',
			'Notes',
		]);
	});
});

describe('delivery note 送货单 (T9)', () => {
	test('boxes, weight and the vehicles; the freight is not a charge on the customer’s note', () => {
		const out = renderDeliveryNote(view(), ZONE);
		expectFullDocument(out, 'zh-CN');
		const body = bodyOf(out);
		expect(body).toContain('面包车 (van)');
		expect(body).toContain('696');
		expect(body).toContain('运费由本店承担');
		expect(body).not.toContain('150.00');
		expectEscaped(out, ['customerName', 'address']);
		expectNoLeaks(out);
	});
});

describe('settlement statement 结算单 (T11)', () => {
	test('the settlement lines and the balance: the store refunds, the customer owes, or settled', () => {
		const refund = renderSettlementStatement(view(), ZONE);
		expectFullDocument(refund, 'zh-CN');
		expect(bodyOf(refund)).toContain('本店应退还');
		expect(bodyOf(refund)).toContain('¥258.00');
		expect(bodyOf(refund)).toContain('−564.00');
		expect(bodyOf(refund)).toContain('微信');
		expectEscaped(refund, ['customerName', 'notes']);
		expectNoLeaks(refund);
		const owes = renderSettlementStatement(view({ settlement: { ...view().settlement, balanceFen: 12_345 } }), ZONE, 'en');
		expect(bodyOf(owes)).toContain('Balance the customer owes');
		expect(bodyOf(owes)).toContain('¥123.45');
		const settled = renderSettlementStatement(view({ settlement: { ...view().settlement, balanceFen: 0 } }), ZONE);
		expect(bodyOf(settled)).toContain('已结清');
	});
});

test('an order has each document once its step was taken', () => {
	expect(tileOrderDocuments(view({ paymentNotice: null, processingSheet: null, delivery: null, settledAt: null }), ZONE, 'zh-CN')).toEqual([]);
	expect(tileOrderDocuments(view(), ZONE, 'zh-CN').map((d) => [d.key, d.fileName])).toEqual([
		['paymentNotice', 'DD-20261127-0001-payment-notice.html'],
		['processingSheet', 'DD-20261127-0001-processing-sheet.html'],
		['deliveryNote', 'DD-20261127-0001-delivery-note.html'],
		['settlementStatement', 'DD-20261127-0001-settlement.html'],
	]);
	const withLetterhead = tileOrderDocuments(view(), ZONE, 'zh-CN', { name: evil('company') });
	for (const d of withLetterhead) expect(d.html).toContain(evilEscaped('company'));
});

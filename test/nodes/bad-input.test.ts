/**
 * Every operation refuses bad input the same way: a message naming the field, Continue On Fail
 * honoured with one error item per bad item (paired to it), and nothing written for it.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const register = (parameters: INode['parameters']) => storeNode('Op', TYPES.register, parameters, { onError: 'continueRegularOutput' });

for (const backend of backends()) {
	describe(`bad input on ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeAll(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
			const seed = async (reg: string, rows: IDataObject[]) =>
				expect(
					(await runWorkflow(withItems(rows, chain(register({ resource: 'import', operation: 'importRows', register: reg }))), credentials)).output(
						'Op',
					)[0].json.rejected,
				).toEqual([]);
			await seed('customers', [{ code: 'KH-1', name: '甲', phone: '13800000001' }]);
			await seed('technicians', [{ name: '王师傅', phone: '13700000001', skills: '空调' }]);
			await seed('tile-models', [
				{ modelCode: 'M1', name: '砖', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightKg: 20, pricePerBoxYuan: 50, boxesOnHand: 5 },
			]);
			const wf = withItems(
				[{ customerName: '甲', phone: '13800000001', address: '上海', siteSituation: '坏了', skill: '空调' }],
				chain(storeNode('Create', TYPES.createTicket, {}), storeNode('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			expect((await runWorkflow(wf, credentials)).output('Dispatch')[0].json.dispatched).toBe(true);
			const order = withItems(
				[{ customerName: '甲', phone: '13800000001', address: '上海', depositYuan: 0, lines: [{ modelCode: 'M1', areaM2: 1 }] }],
				chain(register({ resource: 'tileOrder', operation: 'create' })),
			);
			expect((await runWorkflow(order, credentials)).output('Op')[0].json.status).toBe('signed');
			// After the ticket, so that it stays category A: a unit whose serial no a replacement may not take again.
			await seed('installations', [
				{ serialNo: 'S-1', customerCode: 'KH-1', description: '空调', completedOn: '2026-01-01', warrantyUntil: '2027-01-01' },
			]);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		/** A fingerprint of everything stored, to show a refused item wrote nothing. */
		async function snapshot(): Promise<string> {
			const store = await getStore(config);
			const tables = [
				'customers',
				'technicians',
				'tileModels',
				'stockMovements',
				'tickets',
				'ticketEvents',
				'workLog',
				'productReceipts',
				'repairCards',
			] as const;
			const money = ['visitParts', 'invoices', 'invoiceLines', 'payments', 'liaisonLetters'] as const;
			const tileTables = [
				'tileOrders',
				'tileOrderLines',
				'tileReservations',
				'tileProcessingLines',
				'tileOrderPayments',
				'tileOrderDeliveries',
				'tileOrderItems',
				'tileOrderEvents',
			] as const;
			const followUp = ['surveys', 'complaints', 'counters'] as const;
			const corrections = ['installations', 'productMovements'] as const;
			const contractTables = ['contracts', 'expiryNotices'] as const;
			const rows = await Promise.all(
				[...tables, ...money, ...tileTables, ...followUp, ...corrections, ...contractTables].map((t) => store.db.selectFrom(t).selectAll().execute()),
			);
			return JSON.stringify(rows);
		}

		const locator = (mode: string, value: string) => ({ __rl: true, mode, value });
		const orderOf = async () => {
			const store = await getStore(config);
			return (await store.db.selectFrom('tileOrders').select('orderNumber').executeTakeFirstOrThrow()).orderNumber;
		};
		const ticketOf = async () => {
			const store = await getStore(config);
			return (await store.db.selectFrom('tickets').select('ticketNumber').executeTakeFirstOrThrow()).ticketNumber;
		};

		test.each([
			[
				'customer update with a bad phone',
				{ resource: 'customer', operation: 'update', customer: locator('code', 'KH-1'), dataMode: 'define', fields: { phone: '12' } },
				/Phone \(电话\): "12" is not a valid/,
			],
			[
				'customer update of an unknown code',
				{ resource: 'customer', operation: 'update', customer: locator('code', 'KH-404'), dataMode: 'define', fields: { name: '乙' } },
				/No customer with code "KH-404"/,
			],
			['customer get by a bad id', { resource: 'customer', operation: 'get', customer: locator('id', 'abc') }, /ID: "abc" is not a record id/],
			[
				'customer archive of an unknown code',
				{ resource: 'customer', operation: 'archive', customer: locator('code', 'KH-404') },
				/No customer with code "KH-404"/,
			],
			[
				'technician deactivate by a bad phone',
				{ resource: 'technician', operation: 'deactivate', technician: locator('phone', '123') },
				/not a valid mainland China phone number/,
			],
			[
				'technician upsert without a phone',
				{ resource: 'technician', operation: 'upsert', dataMode: 'define', fields: { name: '无号' } },
				/Phone \(电话\): is empty; Upsert finds the existing technician by it/,
			],
			[
				'contract create with an end before the start',
				{
					resource: 'contract',
					operation: 'create',
					dataMode: 'define',
					fields: { contractNo: 'HT-9', customerCode: 'KH-1', kind: 'annual', startsOn: '2026-05-01', endsOn: '2026-04-01' },
				},
				/End date \(到期日期\): 2026-04-01 is before the start date/,
			],
			[
				'installation create for an unknown customer',
				{
					resource: 'installation',
					operation: 'create',
					dataMode: 'define',
					fields: { serialNo: 'S9', customerCode: 'KH-404', description: '泵', completedOn: '2026-01-01', warrantyUntil: '2027-01-01' },
				},
				/No customer with code "KH-404"/,
			],
			[
				'adjust stock whose reason comes out empty',
				{ resource: 'tileModel', operation: 'adjustStock', tileModel: locator('modelCode', 'M1'), delta: -1, reason: '={{ $json.reason }}' },
				/Reason \(原因\): is empty/,
			],
			[
				'get stock of an unknown model',
				{ resource: 'tileModel', operation: 'getStock', tileModel: locator('modelCode', 'X') },
				/No tile model with model code "X"/,
			],
			[
				'tile model update with a negative width',
				{ resource: 'tileModel', operation: 'update', tileModel: locator('modelCode', 'M1'), dataMode: 'define', fields: { widthMm: -5 } },
				/Width \(mm\) \(宽mm\): -5 is out of range/,
			],
			['ticket get of an unknown number', { resource: 'ticket', operation: 'get', ticketNumber: 'BX-19990101-0001' }, /No ticket BX-19990101-0001/],
			['repair work before any take-back', { resource: 'ticket', operation: 'recordRepairWork', ticketNumber: '=TICKET', minutes: 30 }, /cannot/i],
			[
				'repair work with bad minutes',
				{ resource: 'ticket', operation: 'recordRepairWork', ticketNumber: '=TICKET', minutes: '-3' },
				/Repair time \(修理工时\): "-3" is not a number of minutes/,
			],
			[
				'inspection without the inspector',
				{ resource: 'ticket', operation: 'inspect', ticketNumber: '=TICKET', inspectedBy: '' },
				/Inspected by \(验收经理\): is empty/,
			],
			[
				'return without the customer signature',
				{ resource: 'ticket', operation: 'returnProduct', ticketNumber: '=TICKET', customerSignature: '' },
				/Customer signature \(客户签字\): is empty/,
			],
			['cancel without a reason', { resource: 'ticket', operation: 'cancel', ticketNumber: '=TICKET', reason: '' }, /Reason \(原因\): is empty/],
			[
				'escalation mark with a period that is not a number',
				{ resource: 'ticket', operation: 'escalateOverdue', step: 'mark', ticketNumber: '=TICKET', period: 'x' },
				/Overdue period number: "x" is not a whole number of 1 or more/,
			],
			[
				'escalation mark of an unknown ticket',
				{ resource: 'ticket', operation: 'escalateOverdue', step: 'mark', ticketNumber: 'BX-19990101-0001', period: '1' },
				/No ticket BX-19990101-0001/,
			],
			[
				'manual dispatch to a technician id that is not a whole number',
				{ mode: 'manual', ticketNumber: '=TICKET', technician: locator('id', '7.5') },
				/ID: "7\.5" is not a record id/,
			],
			[
				'manual dispatch of a ticket already dispatched',
				{ mode: 'manual', ticketNumber: '=TICKET', technician: locator('phone', '13700000001') },
				/dispatched/,
			],
			[
				'visit collecting money without saying how',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'solved',
					solution: '修好',
					customerSignature: '陈',
					collectedYuan: '50',
				},
				/Payment method \(付款方式\): is empty/,
			],
			[
				'visit with a part priced in words',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'solved',
					solution: '修好',
					customerSignature: '陈',
					parts: [{ part: '电容', quantity: 1, unitPriceYuan: '三十' }],
				},
				/Parts \(零件\): "三十" is not an amount of money/,
			],
			[
				'visit with an hourly rate that does not halve into fen',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'solved',
					solution: '修好',
					customerSignature: '陈',
					fees: { labourPerHourYuan: 80.01 },
				},
				/Labour per hour \(人工费\/小时\)/,
			],
			[
				'visit replaced without the new serial no',
				{ resource: 'ticket', operation: 'recordVisit', ticketNumber: '=TICKET', outcome: 'replaced', customerSignature: '陈' },
				/New serial no \(新序列号\): is empty/,
			],
			[
				'visit replaced with a new serial no already in the register',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'replaced',
					customerSignature: '陈',
					serialNo: 'S-1',
					newSerialNo: 's-1',
				},
				/New serial no \(新序列号\): "s-1" is already in the installation register/,
			],
			[
				'visit solved with a new serial no',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'solved',
					solution: '修好',
					customerSignature: '陈',
					newSerialNo: 'S-2',
				},
				/New serial no \(新序列号\): only a replacement/,
			],
			[
				'take-back promised before the take-back day',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'taken-back',
					product: '主板',
					customerSignature: '陈',
					promisedBy: '2020-01-01',
				},
				/Promised completion date \(约定完成日期\): 2020-01-01 is before the take-back/,
			],
			[
				'take-back promised on a date that is none',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'taken-back',
					product: '主板',
					customerSignature: '陈',
					promisedBy: '2026-02-30',
				},
				/Promised completion date \(约定完成日期\): "2026-02-30" is not a real calendar date/,
			],
			[
				'visit collecting more than the fee',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'solved',
					solution: '修好',
					customerSignature: '陈',
					minutes: 10,
					collectedYuan: 500,
					paymentMethod: 'cash',
				},
				/above the on-site threshold|more than the fee/,
			],
			[
				'return collecting with an unknown method',
				{
					resource: 'ticket',
					operation: 'returnProduct',
					ticketNumber: '=TICKET',
					customerSignature: '陈',
					collectedYuan: 10,
					paymentMethod: 'gold',
				},
				/Payment method \(付款方式\): "gold" is not allowed/,
			],
			[
				'liaison letter confirmed without a name',
				{ resource: 'ticket', operation: 'confirmLiaisonLetter', ticketNumber: '=TICKET', confirmedBy: '' },
				/Confirmed by \(确认签字\): is empty/,
			],
			[
				'invoice get by something that is no invoice number',
				{ resource: 'invoice', operation: 'get', invoiceNumber: 'BX-1' },
				/Invoice number \(发票编号\): "BX-1" is not an invoice number/,
			],
			['invoice get of an unknown number', { resource: 'invoice', operation: 'get', invoiceNumber: 'FP-1999-000001' }, /No invoice FP-1999-000001/],
			[
				'payment without an amount',
				{ resource: 'invoice', operation: 'recordPayment', invoiceNumber: 'FP-1999-000001', amountYuan: '', method: 'cash' },
				/Amount \(金额\): is empty/,
			],
			[
				'payment on an unknown invoice',
				{ resource: 'invoice', operation: 'recordPayment', invoiceNumber: 'FP-1999-000001', amountYuan: '10', method: 'cash' },
				/No invoice FP-1999-000001/,
			],
			[
				'void without a reason',
				{ resource: 'invoice', operation: 'void', invoiceNumber: 'FP-1999-000001', reason: '' },
				/Reason \(作废原因\): is empty/,
			],
			[
				'fapiao number that is not one',
				{ resource: 'invoice', operation: 'recordFapiaoNumber', invoiceNumber: 'FP-1999-000001', fapiaoNumber: '12-34' },
				/Fapiao number \(发票号码\): "12-34"/,
			],
			[
				'receivables with a status that is none',
				{ resource: 'invoice', operation: 'getMany', filters: { status: ['owed'] } },
				/Status \(状态\): "owed" is not an invoice status/,
			],
			[
				'cash held of a phone that is none',
				{ resource: 'invoice', operation: 'getCashHeld', technicianPhone: '123' },
				/not a valid mainland China phone number/,
			],
			[
				'cash hand-over without the technician',
				{ resource: 'invoice', operation: 'handOverCash', technicianPhone: '' },
				/Technician phone \(技术员电话\): is empty/,
			],
			[
				'cash hand-over by a technician who holds none',
				{ resource: 'invoice', operation: 'handOverCash', technicianPhone: '13700000001' },
				/holds no cash/,
			],
			[
				'service board refreshing every 2.5 seconds',
				{ resource: 'board', operation: 'get', refreshSeconds: 2.5 },
				/Refresh every \(seconds\): "2\.5" is not allowed; expected a whole number from 0 to 3600/,
			],
			[
				'Issue Invoice whose ticket number comes out empty',
				{ __issueInvoice: true, ticketNumber: '={{ $json.ticketNumber }}' },
				/Ticket number \(工单号\): is empty/,
			],
			[
				'Issue Invoice of a ticket not yet visited',
				{ __issueInvoice: true, ticketNumber: '=TICKET' },
				/cannot be invoiced now: no visit has been recorded yet/,
			],
			['Issue Invoice with a bad rate', { __issueInvoice: true, ticketNumber: '=TICKET', fees: { callOutYuan: -1 } }, /Call-out fee \(上门费\)/],
			[
				'Issue Invoice of an unknown tile order',
				{ __issueInvoice: true, source: 'order-stage', orderNumber: 'DD-19990101-0001', stage: 'payment-notice' },
				/No tile order DD-19990101-0001 is in the order register/,
			],
			[
				'Issue Invoice whose order number comes out empty',
				{ __issueInvoice: true, source: 'order-stage', orderNumber: '={{ $json.orderNumber }}', stage: 'payment-notice' },
				/Order number \(订单号\): is empty/,
			],
			[
				'Issue Invoice of an order stage that is not one',
				{ __issueInvoice: true, source: 'order-stage', orderNumber: '=ORDER', stage: 'delivery' },
				/Stage \(阶段\): "delivery" is not a stage of a tile order; expected payment-notice/,
			],
			[
				'Issue Invoice of a payment notice not yet issued',
				{ __issueInvoice: true, source: 'order-stage', orderNumber: '=ORDER', stage: 'payment-notice' },
				/has no payment notice \(付款通知单\) yet/,
			],
			[
				'Issue Invoice of a settlement before the order is settled',
				{ __issueInvoice: true, source: 'order-stage', orderNumber: '=ORDER', stage: 'settlement' },
				/is not settled yet \(结算单\)/,
			],
			['tile order from an empty item', { resource: 'tileOrder', operation: 'create' }, /Customer name \(客户名称\): is empty/],
			[
				'tile order with a negative deposit',
				{
					resource: 'tileOrder',
					operation: 'create',
					dataMode: 'define',
					order: { customerName: '乙', phone: '13800000002', address: '上海', depositYuan: '-1' },
					lines: { line: [{ modelCode: 'M1', areaM2: '1' }] },
				},
				/Deposit \(定金\): "-1" is not allowed; expected yuan of 0 or more/,
			],
			[
				'tile order with an unknown model',
				{
					resource: 'tileOrder',
					operation: 'create',
					dataMode: 'define',
					order: { customerName: '乙', phone: '13800000002', address: '上海', depositYuan: '0' },
					lines: { line: [{ modelCode: 'NOPE', areaM2: '1' }] },
				},
				/"NOPE" is not a tile model/,
			],
			[
				'tile order with an area of 0',
				{
					resource: 'tileOrder',
					operation: 'create',
					dataMode: 'define',
					order: { customerName: '乙', phone: '13800000002', address: '上海', depositYuan: '0' },
					lines: { line: [{ modelCode: 'M1', areaM2: '0' }] },
				},
				/Area \(面积 m²\): 0 is not allowed/,
			],
			[
				'tile order with a wastage over 50 %',
				{
					resource: 'tileOrder',
					operation: 'create',
					dataMode: 'define',
					order: { customerName: '乙', phone: '13800000002', address: '上海', depositYuan: '0' },
					lines: { line: [{ modelCode: 'M1', areaM2: '1', wastagePct: '51' }] },
				},
				/Wastage \(损耗 %\): 51 % is out of range/,
			],
			[
				'tile order get of an unknown number',
				{ resource: 'tileOrder', operation: 'get', orderNumber: 'DD-19990101-0001' },
				/No tile order DD-19990101-0001/,
			],
			[
				'tile order list from a date that is none',
				{ resource: 'tileOrder', operation: 'getMany', filters: { orderedFrom: 'soon' } },
				/orderedFrom.*is not a date/,
			],
			[
				'measurement appointment without its time',
				{ resource: 'tileOrder', operation: 'scheduleMeasurement', orderNumber: '=ORDER', appointmentAt: '' },
				/Appointment time \(预约时间\): is empty/,
			],
			[
				'measurement with an area of 0',
				{ resource: 'tileOrder', operation: 'recordMeasurement', orderNumber: '=ORDER', lines: '={{ [{ modelCode: "M1", areaM2: 0 }] }}' },
				/Area \(面积 m²\): 0 is not allowed/,
			],
			[
				'stock prepared before the measurement',
				{ resource: 'tileOrder', operation: 'prepareStock', orderNumber: '=ORDER' },
				/it has not been measured yet/,
			],
			[
				'processing without the factory',
				{ resource: 'tileOrder', operation: 'sendProcessing', orderNumber: '=ORDER', factory: '' },
				/Factory \(加工厂\): is empty/,
			],
			[
				'processing confirmed with a negative fee',
				{ resource: 'tileOrder', operation: 'confirmProcessing', orderNumber: '=ORDER', completionDate: '2026-12-01', feeYuan: '-1' },
				/Processing fee \(加工费\): "-1" is not allowed/,
			],
			[
				'payment notice before the stock is prepared',
				{ resource: 'tileOrder', operation: 'issuePaymentNotice', orderNumber: '=ORDER' },
				/its stock is not prepared yet/,
			],
			[
				'a payment of more than is owed',
				{ resource: 'tileOrder', operation: 'recordPayment', orderNumber: '=ORDER', amountYuan: '1000', method: 'cash' },
				/Amount \(金额\): ¥1000\.00 is more than is owed/,
			],
			[
				'a payment by an unknown method',
				{ resource: 'tileOrder', operation: 'recordPayment', orderNumber: '=ORDER', amountYuan: '1', method: 'cheque' },
				/Method \(付款方式\): "cheque" is not allowed/,
			],
			[
				'delivery before payment and stock',
				{ resource: 'tileOrder', operation: 'recordDelivery', orderNumber: '=ORDER', deliveryDate: '2026-12-05' },
				/cannot be delivered/,
			],
			[
				'installation before delivery',
				{ resource: 'tileOrder', operation: 'startInstallation', orderNumber: '=ORDER' },
				/has not been delivered yet/,
			],
			[
				'a secondary item of an unknown kind',
				{ resource: 'tileOrder', operation: 'recordSecondary', orderNumber: '=ORDER', kind: 'gift' },
				/Kind \(类型\): "gift" is not allowed/,
			],
			[
				'a return before delivery',
				{ resource: 'tileOrder', operation: 'recordSecondary', orderNumber: '=ORDER', kind: 'return', modelCode: 'M1', boxes: '1' },
				/has not been delivered yet/,
			],
			[
				'settlement before delivery',
				{ resource: 'tileOrder', operation: 'settle', orderNumber: '=ORDER' },
				/cannot be settled: it has not been delivered yet/,
			],
			[
				'completion before settlement',
				{ resource: 'tileOrder', operation: 'complete', orderNumber: '=ORDER' },
				/cannot be completed: it has not been settled yet/,
			],
			[
				'cancellation without a reason',
				{ resource: 'tileOrder', operation: 'cancel', orderNumber: '=ORDER', reason: '' },
				/Reason \(原因\): is empty/,
			],
			['tile stock estimate with no tile size', { mode: 'estimate' }, /Tile width \(砖宽 mm\): "" is not allowed/],
			[
				'tile stock estimate with a wastage over 50 %',
				{
					mode: 'estimate',
					tileWidthMm: '600',
					tileHeightMm: '600',
					piecesPerBox: '4',
					boxWeightKg: '26',
					areaM2: '10',
					layout: 'custom',
					wastagePct: 60,
				},
				/Wastage \(损耗 %\): 60 % is out of range/,
			],
			[
				'tile stock check of an unknown model',
				{ mode: 'checkStock', model: locator('modelCode', 'NOPE'), areaM2: '10' },
				/"NOPE" is not a tile model/,
			],
			['tile stock reserved for an unknown order', { mode: 'reserveForOrder', orderNumber: 'DD-19990101-0001' }, /No tile order DD-19990101-0001/],
			['tile stock reserved for an order not measured', { mode: 'reserveForOrder', orderNumber: '=ORDER' }, /it has not been measured yet/],
			[
				'survey for a ticket not done yet',
				{ resource: 'survey', operation: 'create', ticketNumber: '=TICKET' },
				/cannot get a follow-up survey yet: it is dispatched/,
			],
			['survey for an unknown ticket', { resource: 'survey', operation: 'create', ticketNumber: 'BX-19990101-0001' }, /No ticket BX-19990101-0001/],
			[
				'survey with a page address that is not one',
				{ resource: 'survey', operation: 'create', ticketNumber: '=TICKET', linkBase: 'surveys here' },
				/Survey page address: "surveys here" is not a web address/,
			],
			[
				'survey with a link valid for 0 days',
				{ resource: 'survey', operation: 'create', ticketNumber: '=TICKET', validDays: 0 },
				/Link valid for \(days\): "0" is not allowed/,
			],
			[
				'survey marked emailed that does not exist',
				{ resource: 'survey', operation: 'markEmailed', surveyNumber: 'HF-19990101-0001' },
				/No survey HF-19990101-0001/,
			],
			[
				'survey opened with a changed link',
				{ resource: 'survey', operation: 'open', token: 'HF-19990101-0001.abc.' + 'A'.repeat(43) },
				/This survey link is not valid/,
			],
			[
				'survey answer without a token',
				{ resource: 'survey', operation: 'recordAnswer', token: '', attitude: 4, skill: 4, arrival: 4, promises: 4 },
				/This is not a survey link/,
			],
			[
				'survey answer for an unknown survey number',
				{
					resource: 'survey',
					operation: 'recordAnswer',
					findBy: 'surveyNumber',
					surveyNumber: 'HF-19990101-0001',
					attitude: 4,
					skill: 4,
					arrival: 4,
					promises: 4,
				},
				/No survey HF-19990101-0001/,
			],
			['survey get without a number', { resource: 'survey', operation: 'get', surveyNumber: '' }, /Survey number \(回访编号\): is empty/],
			[
				'survey call list with negative days',
				{ resource: 'survey', operation: 'getMany', which: 'callList', callAfterDays: -1 },
				/Call after \(days\): "-1" is not a number of 0 or more/,
			],
			[
				'complaint with a severity that is not one',
				{ resource: 'complaint', operation: 'create', ticketNumber: '=TICKET', severity: 'urgent', text: '很差' },
				/Complaint severity \(投诉性质\): "urgent" is not allowed/,
			],
			[
				'complaint whose text comes out empty',
				{ resource: 'complaint', operation: 'create', ticketNumber: '=TICKET', severity: 'general', text: '={{ $json.text }}' },
				/Complaint \(投诉内容\): is empty/,
			],
			[
				'complaint with a phone that is not one',
				{
					resource: 'complaint',
					operation: 'create',
					ticketNumber: '=TICKET',
					severity: 'general',
					text: '很差',
					customerName: '李先生',
					phone: '12345',
				},
				/^Phone \(电话\): "12345" is not a valid mainland China phone number/,
			],
			[
				// Since issue 18: a complaint may be about a tile order alone; an order the register does not hold is refused.
				'complaint about a tile order the register does not hold',
				{
					resource: 'complaint',
					operation: 'create',
					ticketNumber: '={{ "" }}',
					orderNumber: 'DD-19990101-0001',
					severity: 'serious',
					text: '瓷砖色差',
				},
				/DD-19990101-0001/,
			],
			[
				'complaint about neither a ticket nor an order, without who called',
				{ resource: 'complaint', operation: 'create', ticketNumber: '={{ "" }}', severity: 'general', text: '服务差' },
				/^Customer name \(客户名称\): is empty; without a ticket or order number, say who complained/,
			],
			[
				'complaint about an unknown ticket',
				{ resource: 'complaint', operation: 'create', ticketNumber: 'BX-19990101-0001', severity: 'general', text: '很差' },
				/No ticket BX-19990101-0001/,
			],
			[
				'complaint get of an unknown number',
				{ resource: 'complaint', operation: 'get', complaintNumber: 'TS-19990101-0001' },
				/No complaint TS-19990101-0001/,
			],
			[
				'complaints with a status that is not one',
				{ resource: 'complaint', operation: 'getMany', status: 'open, pending' },
				/Status: "pending" is not a complaint status/,
			],
			[
				'complaint reply to an unknown number',
				{ resource: 'complaint', operation: 'recordReply', complaintNumber: 'TS-19990101-0001', method: 'letter', text: '答复' },
				/No complaint TS-19990101-0001/,
			],
			[
				'complaint close of an unknown number',
				{ resource: 'complaint', operation: 'close', complaintNumber: 'TS-19990101-0001' },
				/No complaint TS-19990101-0001/,
			],
			[
				'complaint notice that is neither new nor overdue',
				{ resource: 'complaint', operation: 'markNotice', complaintNumber: 'TS-19990101-0001', notice: 'soon' },
				/Notice: "soon" is not allowed/,
			],
			['KPI of a month that does not exist', { resource: 'report', operation: 'kpi', month: '2026-13' }, /Month \(月份\): "2026-13" has no month 13/],
			[
				'internal work of an unknown kind',
				{ resource: 'workLog', operation: 'logInternalWork', technicianPhone: '13700000001', kind: 'cleaning', minutes: '30' },
				/Kind \(工作类型\): "cleaning" is not allowed/,
			],
			[
				'internal work in category A',
				{ resource: 'workLog', operation: 'logInternalWork', technicianPhone: '13700000001', category: 'A', kind: 'parts', minutes: '30' },
				/Category \(类别\): "A" is not allowed here/,
			],
			[
				'internal work of a technician not in the register',
				{ resource: 'workLog', operation: 'logInternalWork', technicianPhone: '13700000099', kind: 'parts', minutes: '30' },
				/no technician with phone "13700000099"/,
			],
			[
				'internal work on a day still to come',
				{
					resource: 'workLog',
					operation: 'logInternalWork',
					technicianPhone: '13700000001',
					kind: 'training',
					minutes: '30',
					workedOn: '2099-01-01',
				},
				/Worked on \(工作日期\): 2099-01-01 is in the future/,
			],
			[
				'visit at a time still to come',
				{
					resource: 'ticket',
					operation: 'recordVisit',
					ticketNumber: '=TICKET',
					outcome: 'solved',
					solution: '修好',
					customerSignature: '陈',
					minutes: 10,
					workedAt: '2099-01-01 10:00',
				},
				/Worked at \(工作时间\): "2099-01-01 10:00" is in the future/,
			],
			[
				'repair work at a time that is none',
				{ resource: 'ticket', operation: 'recordRepairWork', ticketNumber: '=TICKET', minutes: 30, workedAt: 'yesterday' },
				/Worked at \(工作时间\): "yesterday" is not a date and time/,
			],
			[
				'weekly table of a week that does not exist',
				{ resource: 'workReport', operation: 'weekly', week: '2026-W60' },
				/Week \(周\): "2026-W60" does not exist/,
			],
			[
				'daily report of a date that does not exist',
				{ resource: 'workReport', operation: 'daily', date: '2026-02-30' },
				/"2026-02-30" is not a real calendar date/,
			],
			[
				'renewal whose contract number comes out empty',
				{ __contractExpiry: true, resource: 'contract', operation: 'renew', contractNo: '={{ $json.contractNo }}', endsOn: '2028-01-01' },
				/Contract no \(合同编号\): is empty/,
			],
			[
				'renewal whose new end date comes out empty',
				{ __contractExpiry: true, resource: 'contract', operation: 'renew', contractNo: 'HT-404', endsOn: '={{ $json.endsOn }}' },
				/End date \(到期日期\): is empty/,
			],
			[
				'renewal with an end date that is none and a negative fee',
				{ __contractExpiry: true, resource: 'contract', operation: 'renew', contractNo: 'HT-404', endsOn: '2027-02-30', feeYuan: '-1' },
				/End date \(到期日期\): "2027-02-30" is not a real calendar date.*Contract fee \(合同金额\): -1 is negative/,
			],
			[
				'renewal of an unknown contract',
				{ __contractExpiry: true, resource: 'contract', operation: 'renew', contractNo: 'HT-404', endsOn: '2028-01-01' },
				/No contract "HT-404"/,
			],
			[
				'expiry notice of an unknown contract',
				{ __contractExpiry: true, resource: 'contract', operation: 'getExpiryNotice', contractNo: 'HT-404' },
				/No contract "HT-404"/,
			],
			[
				'expiry notice whose contract number comes out empty',
				{ __contractExpiry: true, resource: 'contract', operation: 'getExpiryNotice', contractNo: '={{ $json.contractNo }}' },
				/Contract no \(合同编号\): is empty/,
			],
		] as Array<[string, IDataObject, RegExp]>)('%s', async (_what, parameters, message) => {
			const before = await snapshot();
			const ticket = await ticketOf();
			const order = await orderOf();
			const params = JSON.parse(
				JSON.stringify(parameters).replace('"=TICKET"', JSON.stringify(ticket)).replace('"=ORDER"', JSON.stringify(order)),
			) as INode['parameters'];
			const tileStock = ['estimate', 'checkStock', 'reserveForOrder'].includes(String(parameters.mode));
			const {
				__issueInvoice: issue,
				__contractExpiry: contractExpiry,
				...rest
			} = params as INode['parameters'] & { __issueInvoice?: boolean; __contractExpiry?: boolean };
			const followUp = ['survey', 'complaint', 'report'].includes(String(parameters.resource));
			const node = contractExpiry
				? storeNode('Op', TYPES.contractExpiry, rest, { onError: 'continueRegularOutput' })
				: 'mode' in parameters
					? storeNode('Op', tileStock ? TYPES.tileStock : TYPES.dispatch, params, { onError: 'continueRegularOutput' })
					: issue
						? storeNode('Op', TYPES.issueInvoice, rest, { onError: 'continueRegularOutput' })
						: followUp
							? storeNode('Op', TYPES.sendSurvey, params, { onError: 'continueRegularOutput' })
							: register(params);
			const out = (await runWorkflow(withItems([{}, {}], chain(node)), credentials)).output('Op');
			// Each of the two items failed alone, paired to itself, with the message.
			expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			for (const o of out) expect(String(o.json.error)).toMatch(message);
			expect(await snapshot()).toBe(before);
		});
	});
}

/**
 * The customer's SMS of issue 19 beyond the survey link, on every backend: the product ready after
 * 验讫, the complaint's reply, the tile order's payment notice and the contract's expiry notice.
 * Each is written to the outbox in the transaction of the change that causes it, once per key, for
 * a customer without email and with a mainland mobile; none with an email, none with a landline
 * only, none when the change is refused. Expected values are worked by hand from RECORDS
 * (*Notifications*: the template parameters) and RULES.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { createContract } from '../../nodes/shared/store/registers/contracts';
import { assignTechnician, ticketEvents } from '../../nodes/shared/store/registers/tickets';
import { inspectAndTellCustomer, recordRepairWork, recordVisit } from '../../nodes/shared/services/ticket-steps';
import { createComplaint, replyToComplaint } from '../../nodes/shared/services/complaints';
import { scanExpiringContracts } from '../../nodes/shared/services/contract-expiry';
import * as orders from '../../nodes/shared/services/tile-orders';
import { cleanMeasurement, cleanOrderInput } from '../../nodes/shared/rules/tile-order-inputs';
import { tencentTemplateParamSet } from '../../nodes/shared/channels/sms';
import { RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import { rejectionOf } from '../harness/errors';
import { seedTileModels } from '../harness/tiles';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 in Shanghai
const LATER = '2026-11-28T03:00:00.000Z'; // 11:00 on 28 November in Shanghai
const refusal = (fn: () => Promise<unknown>) => rejectionOf<Error>([RuleViolation, ValidationError], fn);

type Row = { messageKey: string; channel: string; kind: string; recipient: string | null; payload: string; ticketId: number | null; status: string };

for (const backend of backends()) {
	describe(`the customer SMS (ready, reply, payment, expiry) on ${backend.name}`, () => {
		let store: Store;
		const sms = async (): Promise<Row[]> =>
			(await store.db
				.selectFrom('outbox')
				.select(['messageKey', 'channel', 'kind', 'recipient', 'payload', 'ticketId', 'status'])
				.where('channel', '=', 'sms')
				.orderBy('id')
				.execute()) as Row[];
		const params = (r: Row) => JSON.parse(r.payload) as { kind: string; params: Record<string, string | number> };
		beforeEach(async () => {
			store = await Store.open(backend.fresh(), () => NOW);
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		describe('product ready (验讫)', () => {
			let seq = 0;
			/** A ticket of a new customer taken back and repaired, waiting for the manager's inspection. */
			async function repaired(customer: { name: string; phone: string; email?: string }, ticket: { phone: string; contactPerson: string | null }) {
				const n = ++seq;
				return await store.transaction(async (trx) => {
					const c = await createCustomer(trx, customer, NOW);
					const k = await createTechnician(trx, { name: `王师傅${n}`, phone: `1370000${1000 + n}`, skills: [], areas: [], dailyCapacity: 8 }, NOW);
					const t = await insertTestTicket(
						trx,
						{ customerId: c.id, n, reportDate: '2026-11-26', numberedOn: '2026-11-27', dueAt: '2026-11-28T01:00:00.000Z', ...ticket },
						NOW,
					);
					const ctx = { actor: 'test', now: NOW, today: '2026-11-27', zone: ZONE };
					await assignTechnician(trx, t.id, k.id, null, '2026-11-27', 'test', NOW);
					await recordVisit(
						trx,
						t.ticketNumber,
						{ outcome: 'taken-back', product: '空调室外机', customerSignature: '陈', signedAt: NOW, promisedBy: '2026-12-02' },
						ctx,
					);
					await recordRepairWork(trx, t.ticketNumber, { minutes: 30, parts: [] }, ctx);
					return { id: t.id, ticketNumber: t.ticketNumber };
				});
			}
			const inspect = (ticketNumber: string) =>
				store.transaction((trx) =>
					inspectAndTellCustomer(trx, ticketNumber, '张经理', { actor: '张经理', now: LATER, today: '2026-11-28', zone: ZONE }),
				);

			test('no email, the ticket’s mobile: one SMS with the contact, the ticket and the agreed day; the history says sms to that mobile', async () => {
				const t = await repaired({ name: '华东物业', phone: '021-64871111' }, { phone: '139 0000 6666', contactPerson: '陈经理' });
				const { feedback } = await inspect(t.ticketNumber);
				expect(feedback).toMatchObject({ kind: 'product-ready', channel: 'sms', email: null, returnOn: '2026-12-02' });
				const rows = await sms();
				expect(rows).toHaveLength(1);
				expect(rows[0]).toMatchObject({
					messageKey: `ready:${t.ticketNumber}`,
					kind: 'ready',
					recipient: '13900006666',
					status: 'pending',
					ticketId: t.id,
				});
				expect(params(rows[0])).toEqual({ kind: 'ready', params: { name: '陈经理', ticket: t.ticketNumber, date: '2026-12-02' } });
				expect(tencentTemplateParamSet('ready', params(rows[0]).params)).toEqual(['陈经理', t.ticketNumber, '2026-12-02']);
				const events = await store.transaction((trx) => ticketEvents(trx, t.id));
				expect(events.at(-1)).toMatchObject({ action: 'customerMessage', details: { kind: 'product-ready', channel: 'sms', to: '13900006666' } });
				// Inspecting again is refused (the ticket is inspected already) and writes no second SMS.
				await expect(inspect(t.ticketNumber)).rejects.toThrow(RuleViolation);
				expect(await sms()).toHaveLength(1);
			});

			test('the ticket’s number a landline: the mobile of the customer file; no contact person: the customer’s name', async () => {
				const t = await repaired({ name: '西区物业', phone: '13800008888' }, { phone: '021-64872222', contactPerson: null });
				await inspect(t.ticketNumber);
				const rows = await sms();
				expect(rows.map((r) => [r.messageKey, r.recipient])).toEqual([[`ready:${t.ticketNumber}`, '13800008888']]);
				expect(params(rows[0]).params).toEqual({ name: '西区物业', ticket: t.ticketNumber, date: '2026-12-02' });
			});

			test('with an email: no SMS (the email goes as before); landlines only: no SMS, the desk calls', async () => {
				const withEmail = await repaired(
					{ name: '有邮箱', phone: '13800000038', email: 'ready@example.com' },
					{ phone: '13800000038', contactPerson: null },
				);
				const landline = await repaired({ name: '座机', phone: '021-64873333' }, { phone: '021-64874444', contactPerson: null });
				expect((await inspect(withEmail.ticketNumber)).feedback).toMatchObject({ channel: 'email', email: 'ready@example.com' });
				expect((await inspect(landline.ticketNumber)).feedback).toMatchObject({ channel: 'phone', email: null });
				expect(await sms()).toEqual([]);
			});

			test('a refused inspection (the repair not recorded yet) writes no SMS', async () => {
				const t = await store.transaction(async (trx) => {
					const c = await createCustomer(trx, { name: '未修好', phone: '13800000055' }, NOW);
					return await insertTestTicket(trx, { customerId: c.id, n: 90, reportDate: '2026-11-26', dueAt: '2026-11-28T01:00:00.000Z' }, NOW);
				});
				await expect(inspect(t.ticketNumber)).rejects.toThrow(RuleViolation);
				expect(await sms()).toEqual([]);
			});
		});

		describe('the complaint’s reply', () => {
			const opts = (now = LATER) => ({ now, zone: ZONE, actor: 'test' });
			const phoned = (customerName: string, phone: string) =>
				createComplaint(store, { severity: 'general', text: '热线总是占线', channel: 'phone', caller: { customerName, phone } }, opts(NOW));

			test('no email, a mobile: one SMS with the name and the complaint; replying again is refused and writes none', async () => {
				const c = await phoned('路人甲', '139-0000-0033');
				const replied = await replyToComplaint(store, c.complaintNumber, { method: 'letter', text: '已增加热线座席' }, opts());
				expect(replied.replyDelivery).toEqual({ channel: 'sms', email: null, mobile: '13900000033' });
				expect(replied.history?.at(-1)).toMatchObject({
					action: 'customerMessage',
					details: { kind: 'complaint-reply', channel: 'sms', to: '13900000033' },
				});
				const rows = await sms();
				expect(rows).toHaveLength(1);
				expect(rows[0]).toMatchObject({ messageKey: `reply:${c.complaintNumber}`, kind: 'reply', recipient: '13900000033', ticketId: null });
				expect(params(rows[0])).toEqual({ kind: 'reply', params: { name: '路人甲', complaint: c.complaintNumber } });
				await expect(replyToComplaint(store, c.complaintNumber, { method: 'letter', text: '再答复' }, opts())).rejects.toThrow(RuleViolation);
				expect(await sms()).toHaveLength(1);
			});

			test('a complaint about a ticket: the ticket’s contact and mobile, the row tied to the ticket', async () => {
				const t = await store.transaction(async (trx) => {
					const c = await createCustomer(trx, { name: '华东物业', phone: '021-64875555' }, NOW);
					return await insertTestTicket(
						trx,
						{ customerId: c.id, n: 7, reportDate: '2026-11-26', contactPerson: '陈经理', phone: '13800007777', dueAt: '2026-11-28T01:00:00.000Z' },
						NOW,
					);
				});
				const c = await createComplaint(store, { ticketNumber: t.ticketNumber, severity: 'general', text: '师傅迟到', channel: 'phone' }, opts(NOW));
				await replyToComplaint(store, c.complaintNumber, { method: 'phone', text: '已致歉' }, opts());
				const rows = await sms();
				expect(rows.map((r) => [r.messageKey, r.recipient, r.ticketId])).toEqual([[`reply:${c.complaintNumber}`, '13800007777', t.id]]);
				expect(params(rows[0]).params).toEqual({ name: '陈经理', complaint: c.complaintNumber });
			});

			test('with an email: emailed, no SMS; a landline only: printed for post, no SMS; a refused reply: nothing', async () => {
				await store.transaction((trx) => createCustomer(trx, { name: '华南物业', phone: '13800000032', email: 'hn@example.com' }, NOW));
				const withEmail = await phoned('华南物业', '13800000032');
				const landline = await phoned('座机客户', '021-64876666');
				const refused = await phoned('路人乙', '13900000044');
				expect((await replyToComplaint(store, withEmail.complaintNumber, { method: 'letter', text: '已处理' }, opts())).replyDelivery).toEqual({
					channel: 'email',
					email: 'hn@example.com',
					mobile: null,
				});
				expect((await replyToComplaint(store, landline.complaintNumber, { method: 'letter', text: '已处理' }, opts())).replyDelivery).toEqual({
					channel: 'post',
					email: null,
					mobile: null,
				});
				// No text: refused, nothing recorded, no SMS.
				const noText = await refusal(() => replyToComplaint(store, refused.complaintNumber, { method: 'letter', text: ' ' }, opts()));
				expect(noText).toBeInstanceOf(ValidationError);
				expect(await sms()).toEqual([]);
			});
		});

		describe('the tile order’s payment notice', () => {
			const TODAY = '2026-11-27';
			const ctx = () => ({ actor: 'test', now: NOW, today: TODAY });
			/** An order without processing, 21.6 m² of CZ-600 (+5 % = 63 pieces → 16 boxes + 2 = 18 boxes × ¥128 = ¥2,304), measured and its stock prepared. */
			async function prepared(over: Record<string, unknown>): Promise<string> {
				const { order } = await orders.createOrder(
					store,
					cleanOrderInput({
						customerName: '陈女士',
						address: '上海市徐汇区漕溪路 88 弄 5 号 1201',
						depositYuan: 2000,
						processing: false,
						lines: [{ modelCode: 'CZ-600', areaM2: 21.6 }],
						...over,
					}),
					ctx(),
				);
				const n = order.orderNumber;
				await store.transaction((trx) => orders.recordMeasurement(trx, n, cleanMeasurement({ measuredBy: '小张' }, ZONE, NOW), ctx()));
				await store.transaction((trx) => orders.prepareStock(trx, n, ctx()));
				return n;
			}
			const notice = (n: string) => store.transaction((trx) => orders.issuePaymentNotice(trx, n, ctx()));
			beforeEach(() => seedTileModels(store, { 'CZ-600': 200 }, NOW));

			test('no email, a mobile: one SMS, ¥2,304 − ¥2,000 deposit = 30,400 fen, shown ¥304.00; issued again: none more', async () => {
				const n = await prepared({ phone: '138 1234 5678', contactPerson: '陈先生' });
				const noticed = await notice(n);
				expect(noticed.status).toBe('stock-prepared');
				const rows = await sms();
				expect(rows).toHaveLength(1);
				expect(rows[0]).toMatchObject({ messageKey: `payment:${n}`, kind: 'payment', recipient: '13812345678', status: 'pending' });
				expect(params(rows[0])).toEqual({ kind: 'payment', params: { name: '陈先生', order: n, amount: 30_400 } });
				expect(tencentTemplateParamSet('payment', params(rows[0]).params)).toEqual(['陈先生', n, '304.00']);
				await notice(n);
				expect((await sms()).map((r) => r.messageKey)).toEqual([`payment:${n}`]);
			});

			test('with an email, a landline only, nothing due: no SMS; a notice refused (stock not prepared): none', async () => {
				const withEmail = await prepared({ phone: '13812340001', email: 'chen@example.com' });
				const landline = await prepared({ customerName: '座机客户', phone: '021-64877777' });
				const paidUp = await prepared({ customerName: '全款客户', phone: '13812340002', depositYuan: 2304 });
				for (const n of [withEmail, landline, paidUp]) await notice(n);
				const { order } = await orders.createOrder(
					store,
					cleanOrderInput({
						customerName: '未备货',
						phone: '13812340003',
						address: '上海市',
						depositYuan: 0,
						lines: [{ modelCode: 'CZ-600', areaM2: 5 }],
					}),
					ctx(),
				);
				await expect(notice(order.orderNumber)).rejects.toThrow(RuleViolation);
				expect(await sms()).toEqual([]);
			});
		});

		describe('the contract’s expiry notice', () => {
			// 2027-01-31 08:00 in Shanghai: contracts ending from 31 January to 28 February are due their notice.
			const SCAN = '2027-01-31T00:00:00.000Z';
			const scan = () => scanExpiringContracts(store, { now: SCAN, zone: ZONE, actor: 'test' });
			const contract = (
				contractNo: string,
				customer: { name: string; phone: string; email?: string; contactPerson?: string },
				status: 'active' | 'cancelled' = 'active',
			) =>
				store.transaction(async (trx) => {
					const c = await createCustomer(trx, customer, NOW);
					await createContract(
						trx,
						{ contractNo, customer: { id: c.id }, kind: 'annual', startsOn: '2026-03-01', endsOn: '2027-02-28', feeFen: 120000, status },
						NOW,
					);
				});

			test('no email, a mobile: one SMS with the contact, the contract and its end; the next scan writes none', async () => {
				await contract('HT-SMS', { name: '没有邮箱', phone: '13800000002', contactPerson: '李主任' });
				const first = await scan();
				expect(first.noticed).toMatchObject([{ contractNo: 'HT-SMS', customerEmail: null, customerSms: '13800000002', noticedOn: '2027-01-31' }]);
				const rows = await sms();
				expect(rows).toHaveLength(1);
				expect(rows[0]).toMatchObject({ messageKey: 'expiry:HT-SMS:2027-01-31', kind: 'expiry', recipient: '13800000002', ticketId: null });
				expect(params(rows[0])).toEqual({ kind: 'expiry', params: { name: '李主任', contract: 'HT-SMS', date: '2027-02-28' } });
				expect(tencentTemplateParamSet('expiry', params(rows[0]).params)).toEqual(['李主任', 'HT-SMS', '2027-02-28']);
				expect((await scan()).alreadyNoticed).toBe(1);
				expect(await sms()).toHaveLength(1);
			});

			test('with an email, a landline only, a cancelled contract (no notice): no SMS', async () => {
				await contract('HT-EMAIL', { name: '有邮箱', phone: '13800000001', email: 'chen@example.com' });
				await contract('HT-LANDLINE', { name: '座机', phone: '021-64878888' });
				await contract('HT-CANCELLED', { name: '已取消', phone: '13800000003' }, 'cancelled');
				const r = await scan();
				expect(r.noticed.map((x) => [x.contractNo, x.customerSms]).sort()).toEqual([
					['HT-EMAIL', null],
					['HT-LANDLINE', null],
				]);
				expect(await sms()).toEqual([]);
			});
		});
	});
}

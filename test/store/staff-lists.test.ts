/**
 * The staff groups' lists (issue 19 item 3) on every backend: overdue work queued as one list for
 * the run's escalations in the transactions that mark them (never a ticket twice for one period,
 * a retried run adds nothing), a serious complaint once when its notice is recorded (a general one
 * never; one raised to serious when the company manager is told), the day's contract list from the
 * expiry scan (a second scan the same day adds nothing; a contract noticed after the list went out
 * goes on its own), the day's cash list and the week's receivables once each.
 */
import { backends } from '../harness/backends';
import { Store, type Trx } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { createContract } from '../../nodes/shared/store/registers/contracts';
import { assignTechnician, requireTicket } from '../../nodes/shared/store/registers/tickets';
import { addPayment, insertInvoice } from '../../nodes/shared/store/registers/invoices';
import { claimNotices, createComplaint, judgeComplaintSeverity, markNotice } from '../../nodes/shared/services/complaints';
import { scanExpiringContracts } from '../../nodes/shared/services/contract-expiry';
import { checkDocumentAccess } from '../../nodes/shared/services/document-links';
import { escalateTicket, queueCashList, queueReceivables } from '../../nodes/shared/services/staff-lists';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T06:00:00.000Z'; // 14:00 in Shanghai
const LATER = '2026-11-28T03:00:00.000Z';
const BASE = 'https://service.example.com/webhook/after-sales/';
const notice = { zone: ZONE, documentLinkBase: BASE };

type Row = { messageKey: string; channel: string; kind: string; status: string; payload: string };

for (const backend of backends()) {
	describe(`staff lists on ${backend.name}`, () => {
		let store: Store;
		const outbox = async (): Promise<Array<Row & { message: Record<string, unknown> & { items: Array<Record<string, unknown>> } }>> =>
			(
				(await store.db
					.selectFrom('outbox')
					.select(['messageKey', 'channel', 'kind', 'status', 'payload'])
					.where('channel', '=', 'staff')
					.orderBy('id')
					.execute()) as Row[]
			).map((r) => ({ ...r, message: JSON.parse(r.payload) }));
		/** A sender took the message and it went out. */
		const sent = (key: string) =>
			store.db.updateTable('outbox').set({ status: 'sent', attempts: 1, sentAt: NOW }).where('messageKey', '=', key).execute();
		let customerId: number;
		let technicianId: number;
		beforeEach(async () => {
			store = await Store.open(backend.fresh(), () => NOW);
			({ customerId, technicianId } = await store.transaction(async (trx) => {
				const c = await createCustomer(trx, { code: 'C1', name: '华东物业', phone: '13800000001' }, NOW);
				const k = await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: [], areas: [] }, NOW);
				return { customerId: c.id, technicianId: k.id };
			}));
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		describe('overdue work', () => {
			async function tickets(): Promise<void> {
				await store.transaction(async (trx) => {
					const a = await insertTestTicket(
						trx,
						{ customerId, n: 1, reportDate: '2026-11-26', contactPerson: '陈经理', dueAt: '2026-11-27T01:00:00.000Z' },
						NOW,
					);
					await assignTechnician(trx, a.id, technicianId, null, '2026-11-26', 'test', NOW);
					await insertTestTicket(
						trx,
						{ customerId, n: 2, reportDate: '2026-11-26', address: '上海市闵行区', siteSituation: '电梯异响', dueAt: '2026-11-26T10:00:00.000Z' },
						NOW,
					);
					await insertTestTicket(trx, { customerId, n: 3, reportDate: '2026-11-26', dueAt: '2026-11-27T02:30:00.000Z' }, NOW);
				});
			}
			/** What the Mark step does for one ticket, in its own transaction. */
			const escalate = (ticketNumber: string, period: number, now = NOW, o: { zone: string; documentLinkBase?: string } = notice) =>
				store.transaction(async (trx: Trx) => {
					const t = await requireTicket(trx, { ticketNumber });
					return await escalateTicket(trx, t, period, 'overdue escalation', now, o);
				});

			test('one run marking three tickets queues one list of the three, each with its voucher link', async () => {
				await tickets();
				expect(await escalate('BX-20261126-0001', 1)).toBe(true);
				expect(await escalate('BX-20261126-0002', 1)).toBe(true);
				expect(await escalate('BX-20261126-0003', 1)).toBe(true);
				const rows = await outbox();
				expect(rows.map((r) => [r.messageKey, r.channel, r.kind, r.status])).toEqual([['overdue:BX-20261126-0001:1', 'staff', 'overdue', 'pending']]);
				const m = rows[0].message;
				expect(m).toMatchObject({ kind: 'overdue', summary: '共 3 项' });
				expect(m.items.map(({ link, ...rest }) => rest)).toEqual([
					{
						ticket: 'BX-20261126-0001',
						customer: '华东物业 陈经理 13800000001',
						address: '上海市徐汇区',
						technician: '王师傅 13700000001',
						due: '2026-11-27 09:00',
						text: '已超时｜空调不制冷',
					},
					{
						ticket: 'BX-20261126-0002',
						customer: '华东物业 13800000001',
						address: '上海市闵行区',
						due: '2026-11-26 18:00',
						text: '已超时｜电梯异响',
					},
					{
						ticket: 'BX-20261126-0003',
						customer: '华东物业 13800000001',
						address: '上海市徐汇区',
						due: '2026-11-27 10:30',
						text: '已超时｜空调不制冷',
					},
				]);
				for (const [i, n] of ['BX-20261126-0001', 'BX-20261126-0002', 'BX-20261126-0003'].entries()) {
					const prefix = `${BASE}repairs/${n}/documents/voucher/`;
					const link = m.items[i].link as string;
					expect(link.startsWith(prefix)).toBe(true);
					await expect(checkDocumentAccess(store, `repairs/${n}/documents/voucher`, link.slice(prefix.length), NOW)).resolves.toMatchObject({
						by: 'link',
					});
				}
			});

			test('a retried run (the same tickets and periods) adds nothing, also after the list went out; the next period goes in a new list', async () => {
				await tickets();
				await escalate('BX-20261126-0001', 1, NOW, { zone: ZONE });
				await escalate('BX-20261126-0002', 1, NOW, { zone: ZONE });
				const before = await outbox();
				// The run is retried while its list waits: nothing is marked, nothing listed twice.
				expect(await escalate('BX-20261126-0001', 1)).toBe(false);
				expect(await escalate('BX-20261126-0002', 1)).toBe(false);
				expect(await outbox()).toEqual(before);
				expect(before[0].message.items.map((x) => x.ticket)).toEqual(['BX-20261126-0001', 'BX-20261126-0002']);
				expect(before[0].message.items[0].link).toBeUndefined();
				// The list went out; a retry of the same run still adds nothing …
				await sent('overdue:BX-20261126-0001:1');
				expect(await escalate('BX-20261126-0001', 1)).toBe(false);
				// … a ticket that run had not reached, and a later period, go in a new list.
				await escalate('BX-20261126-0003', 1, LATER, { zone: ZONE });
				await escalate('BX-20261126-0001', 2, LATER, { zone: ZONE });
				const rows = await outbox();
				expect(rows.map((r) => r.messageKey)).toEqual(['overdue:BX-20261126-0001:1', 'overdue:BX-20261126-0003:1']);
				expect(rows[1].message.summary).toBe('共 2 项');
				expect(rows[1].message.items.map((x) => [x.ticket, x.text])).toEqual([
					['BX-20261126-0003', '已超时｜空调不制冷'],
					['BX-20261126-0001', '超时第 2 次上报｜空调不制冷'],
				]);
			});

			test('a list a sender has taken is not changed: the next escalation starts its own', async () => {
				await tickets();
				await escalate('BX-20261126-0001', 1, NOW, { zone: ZONE });
				await store.db.updateTable('outbox').set({ claimToken: 'sender-1' }).where('messageKey', '=', 'overdue:BX-20261126-0001:1').execute();
				await escalate('BX-20261126-0002', 1, NOW, { zone: ZONE });
				const rows = await outbox();
				expect(rows.map((r) => [r.messageKey, r.message.items.map((x) => x.ticket)])).toEqual([
					['overdue:BX-20261126-0001:1', ['BX-20261126-0001']],
					['overdue:BX-20261126-0002:1', ['BX-20261126-0002']],
				]);
			});
		});

		describe('a serious complaint', () => {
			const opts = (now = NOW) => ({ now, zone: ZONE, actor: 'test' });
			async function ticket(): Promise<string> {
				return await store.transaction(
					async (trx) =>
						(
							await insertTestTicket(
								trx,
								{ customerId, n: 7, reportDate: '2026-11-27', contactPerson: '陈经理', dueAt: '2026-11-28T01:00:00.000Z' },
								NOW,
							)
						).ticketNumber,
				);
			}

			test('queued once when its notice is recorded, with the complaint; a general one is not', async () => {
				const t = await ticket();
				const serious = await createComplaint(
					store,
					{ ticketNumber: t, severity: 'serious', text: '师傅损坏地板，态度恶劣', channel: 'phone' },
					opts(),
				);
				await createComplaint(store, { ticketNumber: t, severity: 'general', text: '师傅迟到', channel: 'phone' }, opts());
				const due = await claimNotices(store, NOW);
				expect(due.map((n) => n.severity)).toEqual(['serious', 'general']);
				// Nothing queued by the claim: the robots hear of it with the notice recorded.
				expect(await outbox()).toEqual([]);
				for (const n of due) expect((await markNotice(store, n.complaintNumber, n.notice, { now: NOW, actor: 'notices' })).marked).toBe(true);
				// The run retried: the notice is not marked twice, nothing more queued.
				expect((await markNotice(store, due[0].complaintNumber, due[0].notice, { now: NOW, actor: 'notices' })).marked).toBe(false);
				const rows = await outbox();
				expect(rows.map((r) => [r.messageKey, r.kind, r.status])).toEqual([
					[`serious-complaint:${serious.complaintNumber}`, 'serious-complaint', 'pending'],
				]);
				expect(rows[0].message).toEqual({
					kind: 'serious-complaint',
					items: [
						{
							ticket: `${serious.complaintNumber}（BX-20261127-0007）`,
							customer: '华东物业 陈经理 13800000001',
							address: '上海市徐汇区',
							due: '2026-11-30 前答复',
							text: '师傅损坏地板，态度恶劣',
						},
					],
				});
			});

			test('raised to serious: queued when the company manager’s notice is recorded, not by the stale general one', async () => {
				const t = await ticket();
				const made = await createComplaint(store, { ticketNumber: t, severity: 'general', text: '配件不对', channel: 'phone' }, opts());
				const [general] = await claimNotices(store, NOW);
				await judgeComplaintSeverity(store, made.complaintNumber, { severity: 'serious', reason: '影响营业' }, opts(LATER));
				expect((await markNotice(store, made.complaintNumber, general.notice, { now: LATER, actor: 'notices' })).marked).toBe(false);
				expect(await outbox()).toEqual([]);
				const [serious] = await claimNotices(store, LATER);
				expect((await markNotice(store, made.complaintNumber, serious.notice, { now: LATER, actor: 'notices' })).marked).toBe(true);
				const rows = await outbox();
				expect(rows.map((r) => r.messageKey)).toEqual([`serious-complaint:${made.complaintNumber}`]);
				expect(rows[0].message.items[0]).toMatchObject({ text: '配件不对', due: '2026-11-30 前答复' });
			});
		});

		describe('contract notices', () => {
			const SCAN = '2027-01-31T00:00:00.000Z'; // 08:00 in Shanghai, 31 Jan
			const NEXT_DAY = '2027-02-01T00:00:00.000Z';
			const contract = (contractNo: string, endsOn: string, customer: string) =>
				store.transaction((trx) =>
					createContract(trx, { contractNo, customer: { code: customer }, kind: 'annual', startsOn: '2026-01-01', endsOn, feeFen: 120000 }, NOW),
				);
			beforeEach(async () => {
				await store.transaction((trx) => createCustomer(trx, { code: 'C2', name: '滨江大厦', phone: '13800000002', email: 'li@example.com' }, NOW));
				await contract('HT-FEB28', '2027-02-28', 'C2');
				await contract('HT-JAN31', '2027-01-31', 'C1');
				await contract('HT-MAR01', '2027-03-01', 'C2');
			});

			test('one list for the scan day; a second scan that day adds nothing; the next day lists its notices and the lapsed', async () => {
				await scanExpiringContracts(store, { now: SCAN, zone: ZONE, actor: 'test' });
				await scanExpiringContracts(store, { now: SCAN, zone: ZONE, actor: 'test' });
				let rows = await outbox();
				expect(rows.map((r) => [r.messageKey, r.kind])).toEqual([['contract-notice:2027-01-31', 'contract-notice']]);
				expect(rows[0].message).toEqual({
					kind: 'contract-notice',
					summary: '共 2 项',
					items: [
						{
							ticket: 'HT-JAN31',
							customer: '华东物业',
							due: '2027-01-31 到期',
							// C1 has no email and the mobile 13800000001: the notice went by SMS (issue 19), and the list says so.
							text: '新发保养到期通知书 TZ-20270131-0001｜短信 13800000001｜请安排续约洽谈',
						},
						{
							ticket: 'HT-FEB28',
							customer: '滨江大厦',
							due: '2027-02-28 到期',
							text: '新发保养到期通知书 TZ-20270131-0002｜邮件 li@example.com｜请安排续约洽谈',
						},
					],
				});
				await sent('contract-notice:2027-01-31');
				await scanExpiringContracts(store, { now: NEXT_DAY, zone: ZONE, actor: 'test' });
				rows = await outbox();
				expect(rows.map((r) => r.messageKey)).toEqual(['contract-notice:2027-01-31', 'contract-notice:2027-02-01']);
				expect(rows[1].message.items).toEqual([
					{
						ticket: 'HT-MAR01',
						customer: '滨江大厦',
						due: '2027-03-01 到期',
						text: '新发保养到期通知书 TZ-20270201-0001｜邮件 li@example.com｜请安排续约洽谈',
					},
					{
						ticket: 'HT-JAN31',
						customer: '华东物业 13800000001',
						due: '2027-01-31 已到期',
						text: '已失效（到期未续约），通知书 TZ-20270131-0001',
					},
				]);
			});

			test('a contract noticed the same day after the list went out goes on its own; while the list waits it joins it', async () => {
				await scanExpiringContracts(store, { now: SCAN, zone: ZONE, actor: 'test' });
				await contract('HT-FEB10', '2027-02-10', 'C1');
				await scanExpiringContracts(store, { now: SCAN, zone: ZONE, actor: 'test' });
				let rows = await outbox();
				expect(rows.map((r) => [r.messageKey, r.message.summary])).toEqual([['contract-notice:2027-01-31', '共 3 项']]);
				expect(rows[0].message.items.map((x) => x.ticket)).toEqual(['HT-JAN31', 'HT-FEB28', 'HT-FEB10']);
				await sent('contract-notice:2027-01-31');
				await contract('HT-FEB20', '2027-02-20', 'C2');
				await scanExpiringContracts(store, { now: SCAN, zone: ZONE, actor: 'test' });
				rows = await outbox();
				expect(rows.map((r) => r.messageKey)).toEqual(['contract-notice:2027-01-31', 'contract-notice:2027-01-31:HT-FEB20:notice']);
				expect(rows[1].message.items.map((x) => x.ticket)).toEqual(['HT-FEB20']);
			});
		});

		describe('cash and receivables', () => {
			let n = 0;
			/** An invoice of a ticket, issued on `issuedOn`, with `paid` fen taken in cash on site by the technician. */
			async function invoice(trx: Trx, totalFen: number, issuedOn: string, paid = 0, technician = technicianId): Promise<string> {
				const t = await insertTestTicket(trx, { customerId, n: ++n, reportDate: issuedOn, dueAt: `${issuedOn}T10:00:00.000Z` }, NOW);
				const invoiceNumber = `FP-2026-${String(n).padStart(6, '0')}`;
				await insertInvoice(
					trx,
					{
						invoiceNumber,
						sourceKind: 'ticket',
						sourceKey: `ticket:${t.ticketNumber}`,
						ticketId: t.id,
						orderNumber: null,
						orderStage: null,
						customerId,
						customerName: '华东物业',
						category: 'A',
						issuedOn,
						issuedBy: 'test',
						replacesInvoiceId: null,
						totalFen,
						lines: [{ kind: 'call-out', description: '上门费', quantity: 1, unitFen: totalFen, amountFen: totalFen }],
					},
					NOW,
				);
				if (paid)
					await addPayment(
						trx,
						invoiceNumber,
						{
							amountFen: paid,
							method: 'cash',
							paidAt: NOW,
							paidOn: issuedOn,
							recordedBy: 'test',
							note: null,
							onSite: true,
							technicianId: technician,
						},
						NOW,
					);
				return invoiceNumber;
			}

			test('the cash list: once a day with every technician holding cash; nobody holding cash queues nothing', async () => {
				expect(await store.transaction((trx) => queueCashList(trx, '2026-11-27', NOW))).toBe(false);
				expect(await outbox()).toEqual([]);
				await store.transaction(async (trx) => {
					const li = (await createTechnician(trx, { name: '李师傅', phone: '13700000002', skills: [], areas: [] }, NOW)).id;
					n = 0;
					await invoice(trx, 128050, '2026-11-26', 128050);
					await invoice(trx, 9000, '2026-11-27', 9000);
					await invoice(trx, 5000, '2026-11-27', 5000, li);
				});
				expect(await store.transaction((trx) => queueCashList(trx, '2026-11-27', NOW))).toBe(true);
				// A second run the same day, more cash taken meanwhile: nothing more.
				await store.transaction((trx) => invoice(trx, 3000, '2026-11-27', 3000));
				expect(await store.transaction((trx) => queueCashList(trx, '2026-11-27', LATER))).toBe(false);
				const rows = await outbox();
				expect(rows.map((r) => [r.messageKey, r.kind])).toEqual([['cash-list:2026-11-27', 'cash-list']]);
				expect(rows[0].message).toEqual({
					kind: 'cash-list',
					title: '现金待交清单 2026-11-27',
					summary: '2 位技术员，合计 ¥1,420.50',
					items: [
						{
							technician: '李师傅 13700000002',
							amount: '¥50.00',
							text: 'FP-2026-000003 · BX-20261127-0003 · 华东物业 · ¥50.00 · 2026-11-27',
						},
						{
							technician: '王师傅 13700000001',
							amount: '¥1,370.50',
							text: 'FP-2026-000001 · BX-20261126-0001 · 华东物业 · ¥1,280.50 · 2026-11-26；FP-2026-000002 · BX-20261127-0002 · 华东物业 · ¥90.00 · 2026-11-27',
						},
					],
				});
				// The next day lists again.
				expect(await store.transaction((trx) => queueCashList(trx, '2026-11-28', LATER))).toBe(true);
				expect((await outbox()).map((r) => r.messageKey)).toEqual(['cash-list:2026-11-27', 'cash-list:2026-11-28']);
			});

			test('the receivables: once a week, every invoice not fully paid, oldest first, each with its signed invoice link', async () => {
				await store.transaction(async (trx) => {
					n = 10;
					await invoice(trx, 250000, '2026-11-20', 100000); // FP-2026-000011, partly paid
					await invoice(trx, 9000, '2026-11-26', 9000); // FP-2026-000012, paid
					await invoice(trx, 12000, '2026-11-02'); // FP-2026-000013
				});
				// Friday 27 November 2026 is in ISO week 48.
				expect(await store.transaction((trx) => queueReceivables(trx, '2026-11-27', NOW, BASE))).toBe(true);
				// Sunday the same week: nothing more.
				expect(await store.transaction((trx) => queueReceivables(trx, '2026-11-29', LATER, BASE))).toBe(false);
				const rows = await outbox();
				expect(rows.map((r) => [r.messageKey, r.kind])).toEqual([['receivables:2026-W48', 'receivables']]);
				const m = rows[0].message;
				expect({ ...m, items: m.items.map(({ link, ...rest }) => rest) }).toEqual({
					kind: 'receivables',
					title: '应收款清单 2026-W48',
					summary: '共 2 张，未收合计 ¥1,620.00',
					items: [
						{
							ticket: 'FP-2026-000013',
							customer: '华东物业',
							amount: '未收 ¥120.00（合计 ¥120.00）',
							text: 'BX-20261102-0013 · 2026-11-02 开具 · 已 25 天',
						},
						{
							ticket: 'FP-2026-000011',
							customer: '华东物业',
							amount: '未收 ¥1,500.00（合计 ¥2,500.00）',
							text: 'BX-20261120-0011 · 2026-11-20 开具 · 已 7 天',
						},
					],
				});
				const prefix = `${BASE}invoices/FP-2026-000013/document/`;
				expect((m.items[0].link as string).startsWith(prefix)).toBe(true);
				await expect(
					checkDocumentAccess(store, 'invoices/FP-2026-000013/document', (m.items[0].link as string).slice(prefix.length), NOW),
				).resolves.toMatchObject({ by: 'link' });
				// Monday: a new week, a new list.
				expect(await store.transaction((trx) => queueReceivables(trx, '2026-11-30', LATER))).toBe(true);
				expect((await outbox()).map((r) => r.messageKey)).toEqual(['receivables:2026-W48', 'receivables:2026-W49']);
			});

			test('nothing owed: no receivables list', async () => {
				expect(await store.transaction((trx) => queueReceivables(trx, '2026-11-27', NOW))).toBe(false);
				expect(await outbox()).toEqual([]);
			});
		});
	});
}

/**
 * The staff lists through n8n's real engine, on every backend (issue 19 item 3): Escalate Overdue's
 * Find Only → Mark, as the workflow runs it, queues one overdue list of what it marked with the
 * voucher links under the address given (a bad address refused on its field, nothing marked); Get
 * Cash Held and Get Many invoices queue the day's cash list and the week's receivables only when
 * asked, once, and give out what they gave before.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems, type WorkflowJson } from '../harness/engine';
import { closeAllStores, getStore, type Trx } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { addPayment, insertInvoice } from '../../nodes/shared/store/registers/invoices';
import { insertTestTicket } from '../harness/tickets';

const SETUP = '2026-11-20T01:00:00.000Z';
const shanghai = (w: WorkflowJson): WorkflowJson => ({ ...w, settings: { timezone: 'Asia/Shanghai' } });

for (const backend of backends()) {
	describe(`staff lists through the engine on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		let ids: { customerId: number; technicianId: number };
		beforeEach(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
			ids = await (
				await getStore(config)
			).transaction(async (trx) => {
				const c = await createCustomer(trx, { code: 'C1', name: '华东物业', phone: '13800000001' }, SETUP);
				const k = await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: [], areas: [] }, SETUP);
				return { customerId: c.id, technicianId: k.id };
			});
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		const setup = async <T>(fn: (trx: Trx) => Promise<T>): Promise<T> => await (await getStore(config)).transaction(fn);
		const outbox = async () =>
			(await (await getStore(config)).db.selectFrom('outbox').select(['messageKey', 'kind', 'payload']).orderBy('id').execute()).map((r) => ({
				key: r.messageKey,
				kind: r.kind,
				message: JSON.parse(r.payload) as { summary?: string; items: IDataObject[] },
			}));
		const run = async (items: IDataObject[], n: ReturnType<typeof node>) =>
			(await runWorkflow(shanghai(withItems(items, chain(n))), credentials)).output('Op');

		test('Escalate Overdue, Find Only then Mark: one list of what was marked, links under the address given; run again, nothing more', async () => {
			await setup(async (trx) => {
				await insertTestTicket(trx, { customerId: ids.customerId, n: 1, reportDate: '2026-11-19', dueAt: '2026-11-20T01:00:00.000Z' }, SETUP);
				await insertTestTicket(
					trx,
					{ customerId: ids.customerId, n: 2, reportDate: '2026-11-19', siteSituation: '电梯异响', dueAt: '2026-11-21T01:00:00.000Z' },
					SETUP,
				);
			});
			const wf = shanghai(
				chain(
					node('Find', TYPES.register, { resource: 'ticket', operation: 'escalateOverdue', step: 'find', periodHours: 24 }),
					node('Mark', TYPES.register, {
						resource: 'ticket',
						operation: 'escalateOverdue',
						step: 'mark',
						documentLinkBase: 'https://service.example.com/webhook/after-sales',
					}),
				),
			);
			const r = await runWorkflow(wf, credentials);
			expect(r.error()).toBeUndefined();
			const found = r.output('Find').map((i) => [i.json.ticketNumber, i.json.escalatedPeriod]);
			expect(found.map(([n]) => n)).toEqual(['BX-20261119-0001', 'BX-20261119-0002']);
			expect(r.output('Mark').map((i) => i.json.escalationRecorded)).toEqual([true, true]);
			const rows = await outbox();
			expect(rows.map((x) => [x.key, x.kind])).toEqual([[`overdue:BX-20261119-0001:${found[0][1]}`, 'overdue']]);
			expect(rows[0].message.summary).toBe('共 2 项');
			expect(rows[0].message.items.map((x) => [x.ticket, x.due])).toEqual([
				['BX-20261119-0001', '2026-11-20 09:00'],
				['BX-20261119-0002', '2026-11-21 09:00'],
			]);
			expect(rows[0].message.items.map((x) => String(x.text).split('｜')[1])).toEqual(['空调不制冷', '电梯异响']);
			for (const x of rows[0].message.items)
				expect(x.link).toMatch(
					new RegExp(`^https://service\\.example\\.com/webhook/after-sales/repairs/${x.ticket}/documents/voucher/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`),
				);
			const again = await runWorkflow(wf, credentials);
			expect(again.output('Find')).toEqual([]);
			expect(await outbox()).toEqual(rows);
		});

		test('Escalate Overdue with a link base that is no web address: refused on its field, nothing marked, nothing queued', async () => {
			await setup((trx) =>
				insertTestTicket(trx, { customerId: ids.customerId, n: 1, reportDate: '2026-11-19', dueAt: '2026-11-20T01:00:00.000Z' }, SETUP),
			);
			const [out] = await run(
				[{}],
				node(
					'Op',
					TYPES.register,
					{ resource: 'ticket', operation: 'escalateOverdue', documentLinkBase: 'service.example.com' },
					{ onError: 'continueRegularOutput' },
				),
			);
			expect(out.json).toMatchObject({ details: { errors: [{ field: 'documentLinkBase' }] } });
			expect(await outbox()).toEqual([]);
			const t = await (await getStore(config)).db.selectFrom('tickets').select('escalatedPeriod').execute();
			expect(t.map((x) => Number(x.escalatedPeriod))).toEqual([0]);
		});

		/** An invoice of a new ticket, issued on `issuedOn`, `paid` fen of it taken in cash on site by the technician. */
		async function invoice(trx: Trx, n: number, totalFen: number, issuedOn: string, paid = 0): Promise<string> {
			const t = await insertTestTicket(trx, { customerId: ids.customerId, n, reportDate: issuedOn, dueAt: `${issuedOn}T10:00:00.000Z` }, SETUP);
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
					customerId: ids.customerId,
					customerName: '华东物业',
					category: 'A',
					issuedOn,
					issuedBy: 'test',
					replacesInvoiceId: null,
					totalFen,
					lines: [{ kind: 'call-out', description: '上门费', quantity: 1, unitFen: totalFen, amountFen: totalFen }],
				},
				SETUP,
			);
			if (paid)
				await addPayment(
					trx,
					invoiceNumber,
					{
						amountFen: paid,
						method: 'cash',
						paidAt: SETUP,
						paidOn: issuedOn,
						recordedBy: 'test',
						note: null,
						onSite: true,
						technicianId: ids.technicianId,
					},
					SETUP,
				);
			return invoiceNumber;
		}

		test('Get Cash Held: the day’s list queued only when asked, once a day; the output as before', async () => {
			await setup((trx) => invoice(trx, 1, 128050, '2026-11-20', 128050));
			const get = (queueStaffList?: boolean) =>
				run(
					[{}],
					node('Op', TYPES.register, { resource: 'invoice', operation: 'getCashHeld', ...(queueStaffList === undefined ? {} : { queueStaffList }) }),
				);
			const plain = await get();
			expect(await outbox()).toEqual([]);
			const asked = await get(true);
			expect(asked.map((i) => i.json)).toEqual(plain.map((i) => i.json));
			expect(plain.map((i) => [i.json.technician, i.json.totalFen])).toEqual([[{ name: '王师傅', phone: '13700000001' }, 128050]]);
			await get(true);
			const today = DateTime.now().setZone('Asia/Shanghai').toISODate();
			const rows = await outbox();
			expect(rows.map((x) => [x.key, x.kind])).toEqual([[`cash-list:${today}`, 'cash-list']]);
			expect(rows[0].message).toMatchObject({
				summary: '1 位技术员，合计 ¥1,280.50',
				items: [
					{ technician: '王师傅 13700000001', amount: '¥1,280.50', text: 'FP-2026-000001 · BX-20261120-0001 · 华东物业 · ¥1,280.50 · 2026-11-20' },
				],
			});
		});

		test('Get Many invoices: the week’s receivables queued only when asked, with each invoice’s link on n8n’s address', async () => {
			await setup(async (trx) => {
				await invoice(trx, 1, 250000, '2026-11-20', 100000);
				await invoice(trx, 2, 12000, '2026-11-02');
			});
			const get = (more: IDataObject = {}) =>
				run(
					[{}],
					node('Op', TYPES.register, { resource: 'invoice', operation: 'getMany', returnAll: true, filters: { status: ['issued'] }, ...more }),
				);
			const plain = await get();
			expect(plain.map((i) => i.json.invoiceNumber)).toEqual(['FP-2026-000002', 'FP-2026-000001']);
			expect(await outbox()).toEqual([]);
			const asked = await get({ queueReceivables: true });
			expect(asked.map((i) => i.json)).toEqual(plain.map((i) => i.json));
			await get({ queueReceivables: true });
			const now = DateTime.now().setZone('Asia/Shanghai');
			const week = `${now.weekYear}-W${String(now.weekNumber).padStart(2, '0')}`;
			const rows = await outbox();
			expect(rows.map((x) => [x.key, x.kind])).toEqual([[`receivables:${week}`, 'receivables']]);
			expect(rows[0].message.summary).toBe('共 2 张，未收合计 ¥1,620.00');
			expect(rows[0].message.items.map((x) => [x.ticket, x.amount])).toEqual([
				['FP-2026-000002', '未收 ¥120.00（合计 ¥120.00）'],
				['FP-2026-000001', '未收 ¥1,500.00（合计 ¥2,500.00）'],
			]);
			for (const x of rows[0].message.items)
				expect(x.link).toMatch(new RegExp(`^http://localhost:5678/webhook/after-sales/invoices/${x.ticket}/document/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
		});
	});
}

/**
 * Planned maintenance (保养) and the warranty judged again at the visit, on every backend: a
 * category B ticket 7 days before each due day, once per due day also when runs meet in separate
 * processes (ticket numbers without gaps); a report without a serial no for a customer with one
 * unit out of warranty is not free, and the visit naming the unit in warranty makes it C, kept
 * in the history before any money.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createContract } from '../../nodes/shared/store/registers/contracts';
import { createInstallation } from '../../nodes/shared/store/registers/installations';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician, findTicket, ticketEvents } from '../../nodes/shared/store/registers/tickets';
import { runPlannedMaintenance, type MaintenanceRunResult } from '../../nodes/shared/services/planned-maintenance';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { recordVisit } from '../../nodes/shared/services/ticket-steps';
import { DEFAULT_RESPONSE_HOURS } from '../../nodes/shared/rules/numbering';
import type { StoreConfig } from '../../nodes/shared/store/config';

const run = promisify(execFile);
const ZONE = 'Asia/Shanghai';
// 2026-12-08 09:00 in Shanghai: 7 days before 2026-12-15.
const NOW = '2026-12-08T01:00:00.000Z';
const opts = (now = NOW) => ({ now, zone: ZONE, actor: 'test' });

for (const backend of backends()) {
	describe(`planned maintenance on ${backend.name}`, () => {
		let config: StoreConfig;
		let store: Store;
		beforeEach(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			await store.transaction(async (trx) => {
				const a = (
					await createCustomer(
						trx,
						{ code: 'M1', name: '保养物业', contactPerson: '周经理', phone: '13800001001', address: '上海市徐汇区保养路1号' },
						NOW,
					)
				).id;
				const k = (contractNo: string, extra: Record<string, unknown>) =>
					createContract(
						trx,
						{ contractNo, customer: { id: a }, kind: 'annual', startsOn: '2026-09-15', endsOn: '2027-09-14', feeFen: 120000, ...extra },
						NOW,
					);
				await k('HT-M3', { maintenanceEveryMonths: 3 }); // due 2026-12-15: made today
				await k('HT-M-PV', { kind: 'per-visit', visitFeeFen: 15000, startsOn: '2026-11-10', maintenanceEveryMonths: 1 }); // due 2026-12-10
				await k('HT-M-CANCEL', { maintenanceEveryMonths: 3, status: 'cancelled' });
				await k('HT-M-NONE', {}); // no maintenance period
				await k('HT-M-ENDED', { startsOn: '2026-06-15', endsOn: '2026-12-14', maintenanceEveryMonths: 6 }); // due 12-15 is after its end
				await k('HT-M-LATER', { startsOn: '2026-09-16', maintenanceEveryMonths: 3 }); // due 2026-12-16: 8 days ahead, not yet
			});
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		test('a run makes a category B ticket for each due day 7 days ahead, once; a second run and the next day make none', async () => {
			const first = await runPlannedMaintenance(store, opts());
			expect(first.today).toBe('2026-12-08');
			expect(first.range).toEqual({ from: '2026-12-08', to: '2026-12-15' });
			expect(first.created).toEqual([
				{ contractNo: 'HT-M3', ticketNumber: 'BX-20261208-0001', dueOn: '2026-12-15', customerName: '保养物业' },
				{ contractNo: 'HT-M-PV', ticketNumber: 'BX-20261208-0002', dueOn: '2026-12-10', customerName: '保养物业' },
			]);
			expect(first.alreadyCreated).toBe(0);
			const t = await store.transaction(async (trx) => await findTicket(trx, { ticketNumber: 'BX-20261208-0001' }));
			expect(t).toMatchObject({
				status: 'open',
				category: 'B',
				customerType: 'annual-contract',
				contractNo: 'HT-M3',
				contactPerson: '周经理',
				phone: '13800001001',
				address: '上海市徐汇区保养路1号',
				reportDate: '2026-12-08',
				dueAt: '2026-12-15T15:59:59.999Z',
			});
			expect(t!.basis).toContain('Planned maintenance (保养) due on 2026-12-15');
			const pv = await store.transaction(async (trx) => await findTicket(trx, { ticketNumber: 'BX-20261208-0002' }));
			expect(pv).toMatchObject({ category: 'B', customerType: 'per-visit-contract', visitFeeFen: 15000 });

			const second = await runPlannedMaintenance(store, opts());
			expect(second.created).toEqual([]);
			expect(second.alreadyCreated).toBe(2);
			const nextDay = await runPlannedMaintenance(store, opts('2026-12-09T01:00:00.000Z'));
			expect(nextDay.created).toEqual([
				{ contractNo: 'HT-M-LATER', ticketNumber: 'BX-20261209-0001', dueOn: '2026-12-16', customerName: '保养物业' },
			]);
			expect(nextDay.alreadyCreated).toBe(2);
			expect(await store.db.selectFrom('maintenanceVisits').select('id').execute()).toHaveLength(3);
			expect(await store.db.selectFrom('tickets').select('id').execute()).toHaveLength(3);
		});

		test('the run for a given date: the due days from that day', async () => {
			const r = await runPlannedMaintenance(store, { ...opts(), date: '2027-03-10' });
			expect(r.created.map((c) => [c.contractNo, c.dueOn, c.ticketNumber])).toEqual([
				['HT-M3', '2027-03-15', 'BX-20270310-0001'],
				['HT-M-PV', '2027-03-10', 'BX-20270310-0002'],
				['HT-M-LATER', '2027-03-16', 'BX-20270310-0003'],
			]);
		});

		test('runs at once from several processes: one ticket per contract and due day, numbers without gaps', async () => {
			await store.close();
			const script = resolve(__dirname, 'fixtures/maintenance-runs.js');
			const env = { ...process.env, STORE_CONFIG: JSON.stringify(config), RUNS: '3', NOW };
			const outputs = await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, [script], { env })));
			store = await Store.open(config);
			const results = outputs.flatMap((o) => JSON.parse(o.stdout) as MaintenanceRunResult[]);
			expect(results).toHaveLength(12);
			expect(results.flatMap((r) => r.created.map((c) => c.contractNo)).sort()).toEqual(['HT-M-PV', 'HT-M3']);
			for (const r of results) expect(r.created.length + r.alreadyCreated).toBe(2);
			const tickets = await store.db.selectFrom('tickets').select('ticketNumber').orderBy('ticketNumber').execute();
			expect(tickets.map((t) => t.ticketNumber)).toEqual(['BX-20261208-0001', 'BX-20261208-0002']);
		});

		test('the unique constraint refuses a second visit for the same contract and due day', async () => {
			await runPlannedMaintenance(store, opts());
			const v = await store.db.selectFrom('maintenanceVisits').selectAll().executeTakeFirstOrThrow();
			const { id: _id, ...copy } = v;
			await expect(store.transaction((trx) => trx.insertInto('maintenanceVisits').values(copy).execute())).rejects.toThrow(
				/maintenance visit|ux_maintenance_visits_due|UNIQUE constraint failed: maintenance_visits\.contract_id, maintenance_visits\.due_on/,
			);
		});
	});

	describe(`warranty without a serial number on ${backend.name}`, () => {
		let store: Store;
		beforeEach(async () => {
			store = await Store.open(backend.fresh());
			await store.transaction(async (trx) => {
				await createCustomer(trx, { code: 'W1', name: '两台设备', phone: '13800002001' }, NOW);
				await createInstallation(
					trx,
					{ serialNo: 'SN-W-IN', customer: { code: 'W1' }, description: '空调', completedOn: '2026-06-01', warrantyUntil: '2027-06-01' },
					NOW,
				);
				await createInstallation(
					trx,
					{ serialNo: 'SN-W-OUT', customer: { code: 'W1' }, description: '锅炉', completedOn: '2020-01-01', warrantyUntil: '2022-01-01' },
					NOW,
				);
				await createTechnician(trx, { name: '保修师傅', phone: '13700002001', skills: [], areas: [], dailyCapacity: 5 }, NOW);
			});
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		test('a report without serial is not free; the visit naming the unit in warranty judges it again as C, in the history', async () => {
			const { ticket } = await registerTicket(
				store,
				{
					customerCode: 'W1',
					contactPerson: null,
					phone: '13800002001',
					address: '上海市',
					siteSituation: '不制冷',
					reportedAt: NOW,
					reportDate: '2026-12-08',
					serialNo: null,
					contractNo: null,
					skill: null,
					idempotencyKey: null,
				},
				{ responseHours: DEFAULT_RESPONSE_HOURS, today: '2026-12-08', actor: 'test', now: NOW },
			);
			expect(ticket).toMatchObject({ category: 'A', customerType: 'liaison-letter' });
			expect(ticket.basis).toContain('the warranty was not assumed');
			const after = await store.transaction(async (trx) => {
				const k = await trx.selectFrom('technicians').select('id').executeTakeFirstOrThrow();
				await assignTechnician(trx, ticket.id, k.id, null, '2026-12-08', 'test', NOW);
				return await recordVisit(
					trx,
					ticket.ticketNumber,
					{ outcome: 'solved', solution: '清洗', serialNo: 'sn-w-in', customerSignature: '张', signedAt: NOW },
					{ actor: 'tech', now: NOW, today: '2026-12-08', zone: ZONE },
				);
			});
			expect(after).toMatchObject({ category: 'C', customerType: 'in-warranty', serialNo: 'SN-W-IN', status: 'solved-on-site' });
			const events = await store.transaction(async (trx) => await ticketEvents(trx, ticket.id));
			const judged = events.find((e) => e.action === 'judgeCategoryAgain');
			expect(judged).toMatchObject({ details: { fromCategory: 'A', toCategory: 'C', serialNo: 'SN-W-IN' } });
			// judged before the visit itself is recorded
			expect(events.findIndex((e) => e.action === 'judgeCategoryAgain')).toBeLessThan(events.findIndex((e) => e.action === 'recordVisitSolved'));
		});

		test('a serial the customer does not have (a product named on its receipt) leaves the category as judged, no history entry', async () => {
			const { ticket } = await registerTicket(
				store,
				{
					customerCode: 'W1',
					contactPerson: null,
					phone: '13800002001',
					address: '上海市',
					siteSituation: '漏水',
					reportedAt: NOW,
					reportDate: '2026-12-08',
					serialNo: null,
					contractNo: null,
					skill: null,
					idempotencyKey: null,
				},
				{ responseHours: DEFAULT_RESPONSE_HOURS, today: '2026-12-08', actor: 'test', now: NOW },
			);
			await store.transaction(async (trx) => {
				const k = await trx.selectFrom('technicians').select('id').executeTakeFirstOrThrow();
				await assignTechnician(trx, ticket.id, k.id, null, '2026-12-08', 'test', NOW);
			});
			const after = await store.transaction((trx) =>
				recordVisit(
					trx,
					ticket.ticketNumber,
					{ outcome: 'taken-back', product: '水泵', serialNo: 'SN-NOBODY', customerSignature: '张', signedAt: NOW },
					{ actor: 'tech', now: NOW, today: '2026-12-08', zone: ZONE },
				),
			);
			expect(after).toMatchObject({ category: 'A', customerType: 'liaison-letter', status: 'taken-back' });
			const events = await store.transaction(async (trx) => await ticketEvents(trx, ticket.id));
			expect(events.filter((e) => e.action === 'judgeCategoryAgain')).toEqual([]);
		});
	});
}

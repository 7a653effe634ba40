/**
 * The repair corrections through the nodes on n8n's real engine, on every backend: a take-back
 * with its agreed completion date (P9), a visit that replaces the unit (更换设备) as the installation
 * register then shows it, bad input refused with nothing written, and the daily dispatch listing
 * the vouchers still out (P12).
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { addWorkingDays } from '../../nodes/shared/rules/repair-corrections';

const REGISTER = TYPES.register;
const ZONE = 'Asia/Shanghai';
const step = (operation: string, extra: Record<string, unknown> = {}) =>
	node('Step', REGISTER, { resource: 'ticket', operation, ...extra }, { onError: 'continueRegularOutput' });
const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

for (const backend of backends()) {
	describe(`repair corrections through the engine on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		let phone = 0;
		beforeEach(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
			const seed = async (register: string, rows: IDataObject[]) => {
				const out = (
					await runWorkflow(withItems(rows, chain(node('Seed', REGISTER, { resource: 'import', operation: 'importRows', register }))), credentials)
				).output('Seed');
				expect(out[0].json.rejected).toEqual([]);
			};
			await seed('technicians', [{ name: '王师傅', phone: '13700000001', skills: '空调', dailyCapacity: 50 }]);
			await seed('customers', [{ code: 'KH-1', name: '华东物业', phone: '13800001111' }]);
			await seed('installations', [
				{ serialNo: 'AC-OLD-1', customerCode: 'KH-1', description: '中央空调主机', completedOn: '2025-06-01', warrantyUntil: '2025-12-01' },
				{ serialNo: 'AC-TAKEN', customerCode: 'KH-1', description: '风机', completedOn: '2025-06-01', warrantyUntil: '2025-12-01' },
			]);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		async function dispatchedTicket(serialNo?: string, reportedAt?: string): Promise<string> {
			const wf = withItems(
				[
					{
						customerName: '华东物业',
						phone: '13800001111',
						address: `上海市徐汇区${++phone}号`,
						siteSituation: '空调不制冷',
						skill: '空调',
						...(serialNo ? { serialNo } : {}),
						...(reportedAt ? { reportedAt } : {}),
					},
				],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const out = (await runWorkflow(wf, credentials)).output('Dispatch');
			expect(out[0].json.dispatched).toBe(true);
			return String(out[0].json.ticketNumber);
		}
		async function run(ticketNumber: string, operation: string, fields: IDataObject = {}, parameters: IDataObject = {}) {
			return (await runWorkflow(withItems([{ ticketNumber, ...fields }], chain(step(operation, parameters))), credentials)).output('Step')[0];
		}
		const installation = async (serialNo: string) =>
			(
				await runWorkflow(
					withItems([{}], chain(node('Get', REGISTER, { resource: 'installation', operation: 'get', installation: locator('serialNo', serialNo) }))),
					credentials,
				)
			).output('Get')[0].json;

		test('taken back with an agreed date: the ticket is due at its end; escalation does not list it before', async () => {
			// Reported 5 days ago: the intake's response target (48 hours, category A) has passed.
			const n = await dispatchedTicket(undefined, DateTime.now().setZone(ZONE).minus({ days: 5 }).toISO()!);
			const overdueNow = async () =>
				(await runWorkflow(withItems([{}], chain(step('escalateOverdue', { step: 'find' }))), credentials))
					.output('Step')
					.map((o) => o.json.ticketNumber);
			expect(await overdueNow()).toContain(n);
			const today = DateTime.now().setZone(ZONE).toISODate()!;
			const promised = DateTime.now().setZone(ZONE).plus({ days: 10 }).toISODate()!;
			const taken = await run(n, 'recordVisit', { outcome: 'taken-back', product: '室内机主板', customerSignature: '陈经理', promisedBy: promised });
			expect(taken.json).toMatchObject({
				status: 'taken-back',
				promisedBy: promised,
				dueAt: DateTime.fromISO(promised, { zone: ZONE }).plus({ days: 1 }).toUTC().toISO(),
			});
			// Without a date: 3 working days after today (the rule's own counting is tested by hand in test/rules).
			const m = await dispatchedTicket();
			expect((await run(m, 'recordVisit', { outcome: 'taken-back', product: '风机', customerSignature: '陈' })).json.promisedBy).toBe(
				addWorkingDays(today, 3),
			);
			// The intake's response target no longer counts: the overdue scan leaves it until the agreed date has passed.
			expect(await overdueNow()).not.toContain(n);
		});

		test('replaced: the ticket is solved, the register gets the new unit with 12 months from today, the old one points to it', async () => {
			const n = await dispatchedTicket('AC-OLD-1');
			const today = DateTime.now().setZone(ZONE).toISODate()!;
			const visited = await run(n, 'recordVisit', { outcome: 'replaced', newSerialNo: 'AC-NEW-1', customerSignature: '陈经理', minutes: 50 });
			expect(visited.json).toMatchObject({
				status: 'solved-on-site',
				serialNo: 'AC-OLD-1',
				solution: '更换设备 Equipment replaced: AC-OLD-1 → AC-NEW-1',
			});
			const history = visited.json.history as IDataObject[];
			expect(history[history.length - 1]).toMatchObject({
				action: 'recordVisitReplaced',
				toStatus: 'solved-on-site',
				details: { oldSerialNo: 'AC-OLD-1', newSerialNo: 'AC-NEW-1', replacedOn: today },
			});
			const fresh = await installation('AC-NEW-1');
			expect(fresh).toMatchObject({
				serialNo: 'AC-NEW-1',
				customerCode: 'KH-1',
				description: '中央空调主机',
				completedOn: today,
				warrantyUntil: DateTime.fromISO(today).plus({ months: 12 }).toISODate(),
				replacedById: null,
			});
			expect(await installation('AC-OLD-1')).toMatchObject({
				serialNo: 'AC-OLD-1',
				warrantyUntil: '2025-12-01',
				replacedById: fresh.id,
				replacedOn: today,
			});
			// A new report naming the old serial is judged on the new unit's warranty: in warranty, C.
			const again = await runWorkflow(
				withItems(
					[{ customerName: '华东物业', phone: '13800001111', address: '上海', siteSituation: '又坏了', serialNo: 'AC-OLD-1' }],
					chain(node('Create', TYPES.createTicket, {})),
				),
				credentials,
			);
			expect(again.output('Create')[0].json).toMatchObject({ customerType: 'in-warranty', category: 'C' });
		});

		test('replaced with another warranty length from the node parameter', async () => {
			const n = await dispatchedTicket('AC-OLD-1');
			const today = DateTime.now().setZone(ZONE).toISODate()!;
			await run(n, 'recordVisit', { outcome: 'replaced', newSerialNo: 'AC-NEW-6', customerSignature: '陈' }, { replacementWarrantyMonths: 6 });
			expect((await installation('AC-NEW-6')).warrantyUntil).toBe(DateTime.fromISO(today).plus({ months: 6 }).toISODate());
		});

		test('bad input: each item fails alone with its fields, Continue On Fail honoured, nothing written', async () => {
			const n = await dispatchedTicket('AC-OLD-1');
			const store = await getStore(config);
			const before = JSON.stringify(
				await Promise.all([
					store.db.selectFrom('installations').selectAll().execute(),
					store.db.selectFrom('tickets').selectAll().execute(),
					store.db.selectFrom('ticketEvents').selectAll().execute(),
				]),
			);
			const items = [
				{ ticketNumber: n, outcome: 'replaced', customerSignature: '陈' },
				{ ticketNumber: n, outcome: 'replaced', customerSignature: '陈', newSerialNo: 'ac-taken' },
				{ ticketNumber: n, outcome: 'solved', solution: '修好', customerSignature: '陈', newSerialNo: 'AC-NEW-2', promisedBy: '2026-12-01' },
				{ ticketNumber: n, outcome: 'taken-back', product: '主板', customerSignature: '陈', promisedBy: '2020-01-01' },
				{ ticketNumber: n, outcome: 'taken-back', product: '主板', customerSignature: '陈', promisedBy: '下周' },
			];
			const out = (await runWorkflow(withItems(items, chain(step('recordVisit'))), credentials)).output('Step');
			expect(out.map((o) => o.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			const errors = out.map((o) => (o.json.details as IDataObject).errors);
			expect(errors).toEqual([
				[{ field: 'newSerialNo', message: 'New serial no (新序列号): is empty; a value is required' }],
				[
					{
						field: 'newSerialNo',
						message:
							'New serial no (新序列号): "ac-taken" is already in the installation register (华东物业, 风机); expected the serial no of the new unit',
					},
				],
				[
					{ field: 'promisedBy', message: expect.stringMatching(/^Promised completion date \(约定完成日期\): only a product taken back/) },
					{ field: 'newSerialNo', message: expect.stringMatching(/^New serial no \(新序列号\): only a replacement/) },
				],
				[
					{
						field: 'promisedBy',
						message: expect.stringMatching(/^Promised completion date \(约定完成日期\): 2020-01-01 is before the take-back on \d{4}-\d{2}-\d{2}/),
					},
				],
				[{ field: 'promisedBy', message: expect.stringMatching(/^Promised completion date \(约定完成日期\): "下周" is not a date/) }],
			]);
			expect(
				JSON.stringify(
					await Promise.all([
						store.db.selectFrom('installations').selectAll().execute(),
						store.db.selectFrom('tickets').selectAll().execute(),
						store.db.selectFrom('ticketEvents').selectAll().execute(),
					]),
				),
			).toBe(before);
		});

		test('daily dispatch with the P12 reconciliation: a ticket solved yesterday and not closed is listed; off by default', async () => {
			const late = await dispatchedTicket();
			const closed = await dispatchedTicket();
			const fresh = await dispatchedTicket();
			const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 }).set({ hour: 12 }).toISO()!;
			await run(late, 'recordVisit', { outcome: 'solved', solution: '清洗', customerSignature: '陈', signedAt: yesterday });
			await run(closed, 'recordVisit', { outcome: 'solved', solution: '清洗', customerSignature: '陈', signedAt: yesterday });
			await run(closed, 'close');
			await run(fresh, 'recordVisit', { outcome: 'solved', solution: '清洗', customerSignature: '陈' });
			const dispatch = async (reconcileVouchers?: boolean) =>
				(
					await runWorkflow(
						withItems(
							[{}],
							chain(
								node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'all', ...(reconcileVouchers === undefined ? {} : { reconcileVouchers }) }),
							),
						),
						credentials,
					)
				).output('Dispatch');
			const listed = (await dispatch(true)).filter((o) => o.json.reconciliation === 'voucherStillOut');
			expect(listed.map((o) => o.json.ticketNumber)).toEqual([late]);
			expect(listed[0].json).toMatchObject({
				voucherNumber: late.replace('BX', 'PZ'),
				voucherOut: 'not-closed',
				customerName: '华东物业',
				technician: { name: '王师傅' },
				reason: expect.stringContaining('凭证未交回'),
			});
			expect(listed[0].pairedItem).toEqual({ item: 0 });
			expect((await dispatch()).filter((o) => o.json.reconciliation)).toEqual([]);
		});
	});
}

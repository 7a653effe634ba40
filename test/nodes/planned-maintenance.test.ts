/**
 * Planned maintenance (保养) on n8n's real engine, on every backend: contracts imported with the
 * header 保养周期(月); Contract Expiry Check's Run Planned Maintenance makes one category B ticket
 * per due day (a second run none), Dispatch Technician dispatches it like any ticket, the visit
 * counts as B in the technician's daily work report; a bad date is refused on its field with
 * Continue On Fail. A report without serial for a customer with one unit out of warranty is not
 * free, and the visit naming the unit judges it again.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

for (const backend of backends()) {
	describe(`planned maintenance on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		const run = async (items: IDataObject[], n: ReturnType<typeof node>) => (await runWorkflow(withItems(items, chain(n)), credentials)).output('Op');
		const op = (type: string, parameters: INodeParameters) => node('Op', type, parameters, { onError: 'continueRegularOutput' });
		const importRows = async (register: string, rows: IDataObject[]) =>
			expect((await run(rows, op(TYPES.register, { resource: 'import', operation: 'importRows', register })))[0].json.rejected).toEqual([]);

		beforeAll(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config), companyName: '安达售后' } };
			await importRows('customers', [
				{ code: 'PM1', name: '保养大厦', contactPerson: '周经理', phone: '13800003001', address: '上海市徐汇区保养路8号' },
				{ code: 'PM2', name: '两台机组', phone: '13800003002', address: '上海市静安区' },
			]);
			await importRows('technicians', [{ name: '保养师傅', phone: '13700003001', skills: '空调', dailyCapacity: 20 }]);
			await importRows('contracts', [
				{
					合同编号: 'HT-PM-1',
					客户编号: 'PM1',
					合同类型: '按年',
					开始日期: '2026-03-15',
					到期日期: '2027-03-14',
					合同金额: '3600',
					'保养周期(月)': '3',
				},
				{ 合同编号: 'HT-PM-0', 客户编号: 'PM1', 合同类型: '按年', 开始日期: '2026-03-15', 到期日期: '2027-03-14', 合同金额: '1000' },
			]);
			await importRows('installations', [
				{ serialNo: 'SN-PM-IN', customerCode: 'PM2', description: '空调', completedOn: '2026-06-01', warrantyUntil: '2027-06-01' },
				{ serialNo: 'SN-PM-OUT', customerCode: 'PM2', description: '锅炉', completedOn: '2019-01-01', warrantyUntil: '2021-01-01' },
			]);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		test('the import keeps 保养周期(月) as maintenanceEveryMonths', async () => {
			const [k] = await run(
				[{}],
				op(TYPES.register, { resource: 'contract', operation: 'get', contract: { __rl: true, mode: 'contractNo', value: 'HT-PM-1' } }),
			);
			expect(k.json).toMatchObject({ contractNo: 'HT-PM-1', maintenanceEveryMonths: 3 });
		});

		test('the run makes one B ticket per due day, dispatched like any ticket, counted as B in the work report', async () => {
			const [first, ...more] = await run(
				[{}, {}],
				op(TYPES.contractExpiry, { resource: 'contract', operation: 'runMaintenance', date: '2026-06-08' }),
			);
			expect(more).toEqual([]);
			expect(first.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);

			expect(first.json).toMatchObject({
				today: '2026-06-08',
				alreadyCreated: 0,
				created: [{ contractNo: 'HT-PM-1', ticketNumber: 'BX-20260608-0001', dueOn: '2026-06-15', customerName: '保养大厦' }],
			});
			const [again] = await run([{}], op(TYPES.contractExpiry, { resource: 'contract', operation: 'runMaintenance', date: '2026-06-08' }));
			expect(again.json).toMatchObject({ created: [], alreadyCreated: 1 });

			const [dispatched] = await run([{ ticketNumber: 'BX-20260608-0001' }], op(TYPES.dispatch, { mode: 'auto', tickets: 'input' }));
			expect(dispatched.json).toMatchObject({ ticketNumber: 'BX-20260608-0001', dispatched: true, category: 'B', technician: { name: '保养师傅' } });

			const [visit] = await run(
				[
					{
						ticketNumber: 'BX-20260608-0001',
						outcome: 'solved',
						solution: '季度保养：清洗、检测',
						customerSignature: '周经理',
						minutes: 90,
						workedAt: '2026-06-15 10:00',
					},
				],
				op(TYPES.register, { resource: 'ticket', operation: 'recordVisit' }),
			);
			expect(visit.json).toMatchObject({ status: 'solved-on-site', category: 'B' });
			const [day] = await run([{}], op(TYPES.register, { resource: 'workReport', operation: 'daily', date: '2026-06-15', includePage: false }));
			const rows = day.json.technicians as Array<IDataObject & { entries: IDataObject[] }>;
			expect(rows.find((r) => r.name === '保养师傅')!.entries).toEqual([
				expect.objectContaining({ ticketNumber: 'BX-20260608-0001', category: 'B', minutes: 90 }),
			]);
		});

		test('a run date that is not a date is refused on its field, nothing made', async () => {
			const [bad] = await run([{}], op(TYPES.contractExpiry, { resource: 'contract', operation: 'runMaintenance', date: '2026-02-30' }));
			expect(bad.json).toMatchObject({ details: { kind: 'invalid', errors: [{ field: 'date' }] } });
			expect(String(bad.json.error)).toMatch(/^date: .*2026-02-30/);
		});

		test('a report without serial, one unit out of warranty: not free; the visit naming the unit in warranty makes it C', async () => {
			const wf = withItems(
				[
					{
						customerCode: 'PM2',
						customerName: '两台机组',
						phone: '13800003002',
						address: '上海市静安区',
						siteSituation: '空调不制冷',
						skill: '空调',
					},
				],
				chain(node('Op', TYPES.createTicket, {})),
			);
			const [t] = (await runWorkflow(wf, credentials)).output('Op');
			expect(t.json).toMatchObject({ category: 'A', customerType: 'liaison-letter' });
			expect(String(t.json.basis)).toContain('the warranty was not assumed');
			await run([{ ticketNumber: t.json.ticketNumber }], op(TYPES.dispatch, { mode: 'auto', tickets: 'input' }));
			const [visit] = await run(
				[{ ticketNumber: t.json.ticketNumber, outcome: 'solved', solution: '清洗', serialNo: 'SN-PM-IN', customerSignature: '王' }],
				op(TYPES.register, { resource: 'ticket', operation: 'recordVisit' }),
			);
			expect(visit.json).toMatchObject({ category: 'C', customerType: 'in-warranty', serialNo: 'SN-PM-IN' });
			const store = await getStore(config);
			const events = await store.db.selectFrom('ticketEvents').select('action').where('action', '=', 'judgeCategoryAgain').execute();
			expect(events).toHaveLength(1);
		});
	});
}

/**
 * Work reports on n8n's real engine, on every backend (P10, P11): a visit recorded the next
 * morning with its own time counts on its day; D work logged per item with bad items refused
 * alone; the weekly table and the daily report read back through the After-Sales Register.
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const ZONE = 'Asia/Shanghai';
const zero = { jobs: 0, minutes: 0 };

for (const backend of backends()) {
	describe(`work reports on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		let ticketNumber: string;
		beforeAll(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config), companyName: '安达售后' } };
			await run(
				[
					{ name: '王师傅', phone: '13700000001', skills: '空调', dailyCapacity: 20 },
					{ name: '李师傅', phone: '13700000002', skills: '锅炉', dailyCapacity: 20 },
				],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' }),
			);
			const wf = withItems(
				[{ customerName: '华东物业', phone: '13800000001', address: '上海市徐汇区', siteSituation: '空调不制冷', skill: '空调' }],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			ticketNumber = String((await runWorkflow(wf, credentials)).output('Dispatch')[0].json.ticketNumber);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		const run = async (items: IDataObject[], n: ReturnType<typeof node>) => (await runWorkflow(withItems(items, chain(n)), credentials)).output('Op');
		const op = (resource: string, operation: string, extra: IDataObject = {}) =>
			node('Op', TYPES.register, { resource, operation, ...extra }, { onError: 'continueRegularOutput' });

		test('a visit recorded with its own time counts on that day, not the day it was entered', async () => {
			const [visit] = await run(
				[{ ticketNumber, outcome: 'solved', solution: '清洗滤网', customerSignature: '陈经理', minutes: 40, workedAt: '2026-11-23 16:00' }],
				op('ticket', 'recordVisit'),
			);
			expect(visit.json.status).toBe('solved-on-site');
			const store = await getStore(config);
			const log = await store.db.selectFrom('workLog').select(['workedOn', 'minutes', 'category', 'kind']).execute();
			expect(log.map((r) => [r.workedOn, Number(r.minutes), r.category, r.kind])).toEqual([['2026-11-23', 40, 'A', 'visit']]);
		});

		test('D work per item: good items logged, a bad one refused alone with its field, nothing written for it', async () => {
			const out = await run(
				[
					{ technicianPhone: '13700000001', category: 'D', kind: 'inspection', minutes: 20, workedOn: '2026-11-24' },
					{ technicianPhone: '13700000001', category: 'D', kind: 'cleaning', minutes: 20, workedOn: '2026-11-24' },
					{ technicianPhone: '13700000002', kind: 'training', minutes: 60, workedOn: '2026-11-24', notes: '安全培训' },
				],
				op('workLog', 'logInternalWork'),
			);
			expect(out).toHaveLength(3);
			expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(out[0].json).toMatchObject({
				technician: { name: '王师傅', phone: '13700000001' },
				category: 'D',
				kind: 'inspection',
				minutes: 20,
				workedOn: '2026-11-24',
				notes: null,
			});
			expect(out[1].json).toEqual({
				error: expect.stringMatching(/^Kind \(工作类型\): "cleaning" is not allowed; expected one of inspection/),
				details: { kind: 'invalid', errors: [{ field: 'kind', message: expect.stringMatching(/"cleaning"/) }] },
			});
			expect(out[2].json).toMatchObject({ technician: { name: '李师傅' }, kind: 'training', minutes: 60, notes: '安全培训', createdBy: 'n8n' });
			const store = await getStore(config);
			expect(await store.db.selectFrom('workLog').select('id').where('ticketId', 'is', null).execute()).toHaveLength(2);
		});

		test('without Continue On Fail the node stops on the bad item, naming it', async () => {
			const result = await runWorkflow(
				withItems(
					[
						{ technicianPhone: '13700000001', kind: 'tools', minutes: 10 },
						{ technicianPhone: '13700000001', kind: 'tools', minutes: 0 },
					],
					chain(node('Op', TYPES.register, { resource: 'workLog', operation: 'logInternalWork' })),
				),
				credentials,
			);
			const error = result.error('Op') as Error & { context?: { itemIndex?: number } };
			expect(error.message).toMatch(/Minutes \(工时\): "0" is not a number of minutes/);
			expect(error.context?.itemIndex).toBe(1);
		});

		test('the weekly table of 2026-W48 with the daily reports and the page', async () => {
			const [table] = await run([{}], op('workReport', 'weekly', { week: '2026-W48', includeDays: true }));
			expect(table.json).toMatchObject({ week: '2026-W48', from: '2026-11-23', to: '2026-11-29', timezone: ZONE });
			expect((table.json.technicians as IDataObject[]).map((t) => [t.name, t.byCategory, t.totalMinutes])).toEqual([
				['李师傅', { A: zero, B: zero, C: zero, D: { jobs: 1, minutes: 60 } }, 60],
				['王师傅', { A: { jobs: 1, minutes: 40 }, B: zero, C: zero, D: { jobs: 1, minutes: 20 } }, 60],
			]);
			expect(table.json.totals).toMatchObject({ totalJobs: 3, totalMinutes: 120 });
			expect((table.json.days as IDataObject[]).map((d) => d.date)).toEqual([
				'2026-11-23',
				'2026-11-24',
				'2026-11-25',
				'2026-11-26',
				'2026-11-27',
				'2026-11-28',
				'2026-11-29',
			]);
			const html = String(table.json.html);
			expect(html).toContain('售后服务报修记录表');
			expect(html).toContain('技术员工作日报表 2026-11-24');
			expect(html).toContain('安达售后');
		});

		test('the daily report of a day, in English; by default last week and today', async () => {
			const [day] = await run([{}], op('workReport', 'daily', { date: '2026-11-24', language: 'en' }));
			expect(day.json).toMatchObject({ date: '2026-11-24', week: '2026-W48' });
			const rows = day.json.technicians as Array<IDataObject & { entries: IDataObject[] }>;
			expect(rows.find((r) => r.name === '王师傅')!.entries).toEqual([
				{ ticketNumber: null, customerName: null, category: 'D', kind: 'inspection', minutes: 20, notes: null },
			]);
			expect(rows.find((r) => r.name === '李师傅')!.internalWork).toEqual([
				{ ticketNumber: null, customerName: null, category: 'D', kind: 'training', minutes: 60, notes: '安全培训' },
			]);
			expect(String(day.json.html)).toContain('Technician Daily Work Report');
			const now = DateTime.now().setZone(ZONE);
			const [week] = await run([{}], node('Op', TYPES.register, { resource: 'workReport', operation: 'weekly', includePage: false }));
			expect(week.json.week).toBe(now.minus({ weeks: 1 }).toFormat("kkkk-'W'WW"));
			expect(week.json.html).toBeUndefined();
			const [today] = await run([{}], node('Op', TYPES.register, { resource: 'workReport', operation: 'daily', includePage: false }));
			expect(today.json.date).toBe(now.toISODate());
		});

		test('a week or a date that is none: an error item on the field', async () => {
			const [badWeek] = await run([{}], op('workReport', 'weekly', { week: '2027-W53' }));
			expect(badWeek.json).toEqual({
				error: expect.stringMatching(/Week \(周\): "2027-W53" does not exist; 2027 has weeks W01 to W52/),
				details: { kind: 'invalid', errors: [expect.objectContaining({ field: 'week' })] },
			});
			const [badDate] = await run([{}], op('workReport', 'daily', { date: '2026-02-30' }));
			expect(badDate.json.details).toEqual({ kind: 'invalid', errors: [expect.objectContaining({ field: 'date' })] });
		});
	});
}

/**
 * Visit outcome "other" (未完成服务·其它, RULES turn 3) on n8n's real engine, on every backend: Record
 * Visit sends the ticket back to open with its remarks on Form 1.1 (其它 ticked), Dispatch
 * Technician dispatches it again, the second visit solves it; the ticket's `visits` keep both, Form
 * 1.1 ticks 已完成服务 with both visits' remarks, and the weekly work report counts two visits.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores } from '../../nodes/shared/store/store';

const html = (item: INodeExecutionData, key: string) => Buffer.from(item.binary![key].data, 'base64').toString('utf8');
const resultRow = (form: string) => /处理结果<\/th><td colspan="3">(.*?)<\/td>/.exec(form)?.[1] ?? '';

for (const backend of backends()) {
	describe(`visit outcome other on ${backend.name} (engine)`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;

		async function visit(json: IDataObject) {
			const wf = chain(node('Op', TYPES.register, { resource: 'ticket', operation: 'recordVisit' }, { onError: 'continueRegularOutput' }));
			return (await runWorkflow({ ...wf, pinData: { 'Manual Trigger': [{ json }] } }, credentials)).output('Op')[0];
		}

		beforeAll(async () => {
			const config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config), companyName: '安达售后' } };
			const wf = withItems(
				[{ name: '周师傅', phone: '13700000009', skills: '空调', dailyCapacity: 20 }],
				chain(node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' })),
			);
			await runWorkflow(wf, credentials);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		test('other → open (其它 on Form 1.1 with 备注) → dispatched again → solved: both visits kept, Form 1.1 完成, two visits in the work report', async () => {
			const created = withItems(
				[{ customerName: '华东物业', phone: '13800000009', address: '上海市徐汇区', siteSituation: '空调不制冷', skill: '空调' }],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const ticketNumber = String((await runWorkflow(created, credentials)).output('Dispatch')[0].json.ticketNumber);

			const first = await visit({
				ticketNumber,
				outcome: 'other',
				solution: '拆检，压缩机损坏',
				remarks: '配件在途 <压缩机>',
				minutes: 30,
				workedAt: '2026-12-01 10:00',
			});
			expect(first.json.error).toBeUndefined();
			expect(first.json).toMatchObject({ status: 'open', technician: null, customerSignature: null });
			expect((first.json.visits as IDataObject[]).map((v) => [v.seq, v.outcome, v.remarks, v.technicianName, v.visitedOn])).toEqual([
				[1, 'other', '配件在途 <压缩机>', '周师傅', '2026-12-01'],
			]);
			const waiting = html(first, 'repairServiceForm');
			expect(resultRow(waiting)).toContain('☑ 未完成服务');
			expect(resultRow(waiting)).toContain('☑ 其它见备注');
			expect(waiting).toContain('配件在途 &lt;压缩机&gt;');

			const again = withItems([{ ticketNumber }], chain(node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })));
			expect((await runWorkflow(again, credentials)).output('Dispatch')[0].json).toMatchObject({ ticketNumber, technician: { name: '周师傅' } });

			const second = await visit({
				ticketNumber,
				outcome: 'solved',
				solution: '更换压缩机',
				customerSignature: '陈经理',
				signedAt: '2026-12-02 15:00',
				minutes: 90,
				workedAt: '2026-12-02 14:00',
			});
			expect(second.json.error).toBeUndefined();
			expect(second.json.status).toBe('solved-on-site');
			expect((second.json.visits as IDataObject[]).map((v) => [v.seq, v.outcome, v.minutes, v.visitedOn])).toEqual([
				[1, 'other', 30, '2026-12-01'],
				[2, 'solved', 90, '2026-12-02'],
			]);
			const done = html(second, 'repairServiceForm');
			expect(resultRow(done)).toContain('☑ 已完成服务');
			expect(resultRow(done)).toContain('☐ 其它见备注');
			expect(done).toContain('2026-12-01 其它：配件在途 &lt;压缩机&gt;');
			expect(done).toContain('客户签字确认</th><td><span class="value">陈经理</span></td><th>日期</th><td><span class="value">2026-12-02</span>');

			const report = chain(node('Op', TYPES.register, { resource: 'workReport', operation: 'weekly', week: '2026-W49', includePage: false }));
			const [week] = (await runWorkflow(report, credentials)).output('Op');
			const zhou = (week.json.technicians as IDataObject[]).find((t) => t.name === '周师傅') as IDataObject;
			expect(zhou).toMatchObject({ totalJobs: 2, totalMinutes: 120 });
		});
	});
}

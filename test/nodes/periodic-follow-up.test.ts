/**
 * Send Survey's periodic follow-up (定期回访) and monthly opinions (定期整理回访记录) on n8n's real
 * engine, on every backend: the monthly run lists the units due once a period, a bad result is
 * the item's error naming the field (nothing written), a fault opens a repair ticket that the
 * Dispatch node takes, the call list empties, and the month's opinions page shows the call's
 * opinion with the ticket it opened.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores } from '../../nodes/shared/store/store';

const periodic = (operation: string, extra: Record<string, unknown> = {}) =>
	node('Op', TYPES.sendSurvey, { resource: 'periodic', operation, ...extra }, { onError: 'continueRegularOutput' });
const html = (item: INodeExecutionData, key: string) => Buffer.from(item.binary![key].data, 'base64').toString('utf8');

for (const backend of backends()) {
	describe(`periodic follow-up on n8n's engine, ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		const run = async (items: IDataObject[], ...nodes: Array<ReturnType<typeof periodic>>) =>
			await runWorkflow(withItems(items, chain(...nodes)), credentials);

		beforeAll(async () => {
			credentials = { afterSalesStore: { ...backend.credential(backend.fresh()), companyName: '安达售后' } };
			await run(
				[{ name: '回访师傅', phone: '13700000027', skills: '空调', dailyCapacity: 20 }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' }),
			);
			await run(
				[{ code: 'KH-DQ', name: '定期<物业>', contactPerson: '周经理', phone: '13800002727', address: '上海市回访路1号' }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'customers' }),
			);
			await run(
				[
					{ serialNo: 'DQ-1', completedOn: '2026-03-01' },
					{ serialNo: 'DQ-2', completedOn: '2026-11-01' },
				].map((u) => ({ ...u, customerCode: 'KH-DQ', description: '空调', warrantyUntil: '2099-01-01' })),
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'installations' }),
			);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		test('the run, the result, the fault’s ticket dispatched, the call list and the month’s opinions', async () => {
			// The run on 1 December: DQ-1 (completed in March) is due, DQ-2 (November) is not.
			const [first] = (await run([{ date: '2026-12-01' }], periodic('run', { date: '={{ $json.date }}' }))).output('Op');
			expect(first.json).toMatchObject({ date: '2026-12-01', period: '2026-12' });
			const due = first.json.due as IDataObject[];
			expect(due.map((d) => [d.serialNo, d.customerName, d.phone, d.lastContactOn])).toEqual([['DQ-1', '定期<物业>', '13800002727', '2026-03-01']]);
			const number = String(due[0].followUpNumber);
			expect(number).toBe('DH-20261201-0001');
			// Again the same month: nothing new.
			const [again] = (await run([{}], periodic('run', { date: '2026-12-15' }))).output('Op');
			expect(again.json.due).toEqual([]);
			// A bad date: the item's error names the field.
			const [badDate] = (await run([{}], periodic('run', { date: '2026-13-01' }))).output('Op');
			expect(badDate.json).toMatchObject({ details: { kind: 'invalid', errors: [{ field: 'date' }] } });

			// A fault without the site situation: refused, nothing written.
			const [refused] = (await run([{ followUpNumber: number, result: '故障' }], periodic('recordResult'))).output('Op');
			expect(refused.json).toMatchObject({
				details: { kind: 'invalid', errors: [{ field: 'siteSituation', message: expect.stringMatching(/^现场情况/) }] },
			});
			const [unknown] = (await run([{ followUpNumber: 'DH-20261201-0099', result: 'normal' }], periodic('recordResult'))).output('Op');
			expect(unknown.json).toMatchObject({ details: { kind: 'not-found' } });
			expect((await run([{}], periodic('getMany'))).output('Op').map((i) => i.json.followUpNumber)).toEqual([number]);
			// The desk's call list on the service board, the number opening the form 回访结果 filled in.
			const board = async () => (await run([{}], node('Op', TYPES.register, { resource: 'board', operation: 'get' }))).output('Op')[0];
			const before = await board();
			expect((before.json.periodicCalls as IDataObject[]).map((c) => c.followUpNumber)).toEqual([number]);
			expect(html(before, 'board')).toContain(`<a class="doc" href="/form/after-sales/follow-up-call?followUpNumber=${number}">${number}</a>`);

			// The fault: a ticket for DQ-1, taken by Dispatch Technician.
			const faulted = await run(
				[{ followUpNumber: number, result: 'fault', opinion: '师傅服务好', siteSituation: '不制冷' }],
				periodic('recordResult', { actor: '前台' }),
				node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' }),
			);
			const [recorded] = faulted.output('Op');
			expect(recorded.json).toMatchObject({ followUpNumber: number, status: 'fault', serialNo: 'DQ-1', calledBy: '前台' });
			const ticketNumber = String(recorded.json.ticketNumber);
			expect(ticketNumber).toMatch(/^BX-\d{8}-\d{4}$/);
			const dispatched = faulted.output('Dispatch').find((i) => i.json.ticketNumber === ticketNumber)!;
			expect(dispatched.json).toMatchObject({ dispatched: true, technician: { name: '回访师傅' } });
			const [ticket] = (await run([{ ticketNumber }], node('Op', TYPES.register, { resource: 'ticket', operation: 'get' }))).output('Op');
			expect(ticket.json).toMatchObject({ serialNo: 'DQ-1', siteSituation: '不制冷', customerName: '定期<物业>', address: '上海市回访路1号' });
			// Recorded once: the call list is empty.
			expect((await run([{}], periodic('getMany'))).output('Op')).toEqual([]);
			expect((await board()).json.periodicCalls).toEqual([]);

			// The month's opinions: the call's opinion and the ticket it opened; the page escapes the customer's name.
			const month = DateTime.now().setZone('Asia/Shanghai').toFormat('yyyy-MM');
			const [report] = (
				await run([{}], node('Op', TYPES.sendSurvey, { resource: 'report', operation: 'opinions', month }, { onError: 'continueRegularOutput' }))
			).output('Op');
			expect(report.json.suggestions).toEqual([
				expect.objectContaining({ source: 'call', number, text: '师傅服务好', result: 'fault', ticketNumber, serialNo: 'DQ-1' }),
			]);
			expect((report.json.suggestions as Array<{ done: { zh: string } }>)[0].done.zh).toContain(ticketNumber);
			const page = html(report, 'opinionsReport');
			expect(page).toContain('回访意见月度汇总');
			expect(page).toContain('定期&lt;物业&gt;');
			expect(page).toContain(ticketNumber);
			const [badMonth] = (
				await run(
					[{}],
					node('Op', TYPES.sendSurvey, { resource: 'report', operation: 'opinions', month: '2026-13' }, { onError: 'continueRegularOutput' }),
				)
			).output('Op');
			expect(badMonth.json).toMatchObject({ details: { kind: 'invalid', errors: [{ field: 'month' }] } });
		});
	});
}

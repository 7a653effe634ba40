/**
 * The manager's dispatch through n8n's real engine, with the very parameters of the webhooks'
 * decide steps in workflows/repair-dispatch.json, on every store backend: the body's fields in,
 * the ticket or field errors out (error output), and two executions at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { Store } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const workflow = JSON.parse(readFileSync(join(__dirname, '../../workflows/repair-dispatch.json'), 'utf8')) as { nodes: INode[] };
const paramsOf = (name: string) => workflow.nodes.find((n) => n.name === name)!.parameters;
const DISPATCH = paramsOf('Dispatch (派工) · decide (经理派工)');
const CANCEL = paramsOf('Cancel (取消) · decide (经理派工)');
const FORM = paramsOf('Manager decides (经理派工)');

for (const backend of backends()) {
	describe(`manager's dispatch in the engine on ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let ticketNumber: string;
		beforeEach(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
			const seed = async (register: string, rows: IDataObject[]) =>
				await runWorkflow(
					withItems(rows, chain(node('Seed', TYPES.register, { resource: 'import', operation: 'importRows', register }))),
					credentials,
				);
			await seed('technicians', [
				{ name: '甲', phone: '13700000001', skills: '空调', dailyCapacity: 1 },
				{ name: '乙', phone: '13700000002', skills: '空调', dailyCapacity: 1 },
				{ name: '丙', phone: '13700000003', skills: '空调', dailyCapacity: 1 },
			]);
			const created = await runWorkflow(
				withItems(
					[
						{
							customerName: '华东物业',
							contactPerson: '陈经理',
							phone: '13800001111',
							address: '上海市徐汇区',
							siteSituation: '空调不制冷',
							skill: '空调',
							reportedAt: '2026-11-26T09:30:00+08:00',
						},
					],
					chain(node('Create', TYPES.createTicket, {})),
				),
				credentials,
			);
			ticketNumber = created.output('Create')[0].json.ticketNumber as string;
		});
		afterAll(async () => {
			await closePackageStores();
			await backend.cleanup();
		});

		const decide = async (parameters: INode['parameters'], body: IDataObject) => {
			const r = await runWorkflow(
				withItems([{ ticketNumber, ...body }], chain(node('Decide', TYPES.dispatch, parameters, { onError: 'continueErrorOutput' }))),
				credentials,
			);
			return { ok: r.output('Decide', 0).map((i) => i.json), refused: r.output('Decide', 1).map((i) => i.json) };
		};
		const history = async () => {
			const store = await Store.open(config);
			try {
				return await store.db
					.selectFrom('ticketEvents as e')
					.innerJoin('tickets as t', 't.id', 'e.ticketId')
					.select(['e.action', 'e.actor', 'e.details'])
					.where('t.ticketNumber', '=', ticketNumber)
					.orderBy('e.id')
					.execute();
			} finally {
				await store.close();
			}
		};

		test('the webhook body assigns, reassigns and cancels; `by` and the reason go into the history', async () => {
			const assigned = await decide(DISPATCH, { technicianPhone: '137 0000 0001', by: '王经理' });
			expect(assigned.ok.map((t) => [t.decision, t.status, (t.technician as IDataObject).name])).toEqual([['assign', 'dispatched', '甲']]);
			const moved = await decide(DISPATCH, { technicianPhone: '13700000002', reason: '甲请假', by: '李经理' });
			expect(moved.ok.map((t) => [t.decision, (t.technician as IDataObject).name, (t.previousTechnician as IDataObject).name])).toEqual([
				['reassign', '乙', '甲'],
			]);
			const noReason = await decide(CANCEL, { by: '王经理' });
			expect(noReason.refused.map((e) => [(e.details as IDataObject).kind, ((e.details as IDataObject).errors as IDataObject[])[0].field])).toEqual([
				['invalid', 'reason'],
			]);
			const cancelled = await decide(CANCEL, { reason: '客户撤销', by: '王经理' });
			expect(cancelled.ok.map((t) => [t.status, t.cancelReason])).toEqual([['cancelled', '客户撤销']]);
			const events = await history();
			expect(events.map((e) => [e.action, e.actor, JSON.parse(e.details).reason ?? null])).toEqual([
				['register', 'n8n', null],
				['dispatch', '王经理', null],
				['reassign', '李经理', '甲请假'],
				['cancel', '王经理', '客户撤销'],
			]);
		});

		test('bad bodies get field errors (400) and an unknown ticket not-found (404); nothing is written', async () => {
			const before = await history();
			const cases: Array<[IDataObject, string, string]> = [
				[{}, 'refused', 'technicianPhone'],
				[{ technicianPhone: '12345' }, 'invalid', 'technicianPhone'],
				[{ technicianPhone: '13799999999' }, 'refused', 'technicianPhone'],
				[{ technicianPhone: '13700000001', reason: { a: 1 } }, 'invalid', 'reason'],
				[{ technicianPhone: '13700000001', force: true }, 'invalid', 'reason'],
				[{ technicianPhone: '13700000001', ticketNumber: 'BX-19990101-0001' }, 'not-found', 'ticketNumber'],
			];
			for (const [body, kind, field] of cases) {
				const r = await decide(DISPATCH, body);
				expect([
					r.ok,
					r.refused.map((e) => [(e.details as IDataObject).kind, ((e.details as IDataObject).errors as IDataObject[])[0].field]),
				]).toEqual([[], [[kind, field]]]);
			}
			expect(await history()).toEqual(before);
		});

		test("the form's decision: 改派 on an undispatched ticket is refused naming 工单号; 改派 forced over capacity needs 原因", async () => {
			const wrong = await decide(FORM, { decision: 'reassign', technicianPhone: '13700000001' });
			expect(((wrong.refused[0].details as IDataObject).errors as IDataObject[])[0]).toMatchObject({
				field: 'ticketNumber',
				message: expect.stringMatching(/^Ticket number \(工单号\): /),
			});
			await decide(DISPATCH, { technicianPhone: '13700000001' });
			// Reassigned twice as the form sends it; forcing (超出当日容量) without 原因 is refused.
			await decide(FORM, { decision: 'reassign', technicianPhone: '13700000002' });
			const full = await decide(FORM, { decision: 'reassign', technicianPhone: '13700000003', force: false });
			expect(full.ok).toHaveLength(1);
			const noReason = await decide(FORM, { decision: 'reassign', technicianPhone: '13700000001', force: true, reason: '' });
			expect(((noReason.refused[0].details as IDataObject).errors as IDataObject[])[0].field).toBe('reason');
		});

		test('two executions reassigning at once: one after the other, each from the technician the other left, history complete', async () => {
			await decide(DISPATCH, { technicianPhone: '13700000001', by: '王经理' });
			const [one, two] = await Promise.all([
				decide(DISPATCH, { technicianPhone: '13700000002', by: '经理一' }),
				decide(DISPATCH, { technicianPhone: '13700000003', by: '经理二' }),
			]);
			const done = [...one.ok, ...two.ok];
			for (const r of [...one.refused, ...two.refused]) expect((r.details as IDataObject).kind).toBe('refused');
			expect(done.length).toBeGreaterThanOrEqual(1);
			const events = (await history()).filter((e) => e.action === 'reassign').map((e) => JSON.parse(e.details) as IDataObject);
			expect(events).toHaveLength(done.length);
			// Chained: the second reassignment starts where the first one left the ticket.
			if (events.length === 2) expect(events[1].fromTechnicianId).toBe(events[0].technicianId);
		});
	});
}

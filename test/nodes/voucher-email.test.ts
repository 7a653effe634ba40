/**
 * The technician's voucher email through the outbox, on n8n's real engine and every backend, with
 * the very parameters of workflows/repair-dispatch.json (the manager's decide step, *Ticket with its
 * voucher* and the Queue Email *Send the voucher to the technician*; the same key in every workflow
 * that dispatches: test/workflows/voucher-emails.test.ts). One email per dispatch of the ticket to a
 * technician: a retried run of the same dispatch queues nothing, a reassignment is a new email to
 * the new technician, and back to the first one later is a new email again — the voucher attached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems, type WorkflowJson } from '../harness/engine';
import { Store } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const workflow = JSON.parse(readFileSync(join(__dirname, '../../workflows/repair-dispatch.json'), 'utf8')) as { nodes: INode[] };
const nodeOf = (name: string) => workflow.nodes.find((n) => n.name === name)!;
const DISPATCH = nodeOf('Dispatch (派工) · decide (经理派工)').parameters;
const TICKET = nodeOf('Ticket with its voucher (工单与服务凭证)');
const VOUCHER = nodeOf('Send the voucher to the technician (发送服务凭证)');
const SETTINGS = 'Settings (设置)';

const JIA = { name: '甲', phone: '13700000001', email: 'jia@example.test' };
const YI = { name: '乙', phone: '13700000002', email: 'yi@example.test' };

for (const backend of backends()) {
	describe(`the voucher email on ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let ticketNumber: string;
		beforeEach(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
			await runWorkflow(
				withItems(
					[JIA, YI].map((t) => ({ ...t, skills: '空调', dailyCapacity: 3 })),
					chain(node('Seed', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' })),
				),
				credentials,
			);
			const created = await runWorkflow(
				withItems(
					[{ customerName: '华东物业', phone: '13800001111', address: '上海市徐汇区', siteSituation: '空调不制冷', skill: '空调' }],
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

		const decide = async (body: IDataObject) => {
			const r = await runWorkflow(withItems([{ ticketNumber, ...body }], chain(node('Decide', TYPES.dispatch, DISPATCH))), credentials);
			expect(r.error('Decide')).toBeUndefined();
			return r.output('Decide')[0].json;
		};
		/** The workflow's email branch after a decision: Settings (the decision with the form's link) → the ticket → Queue Email. */
		const voucherEmail = async (decision: string) => {
			const wf = chain({ ...TICKET, credentials: TICKET.credentials }, { ...VOUCHER, credentials: VOUCHER.credentials }) as WorkflowJson;
			wf.nodes[0] = { ...wf.nodes[0], name: SETTINGS };
			wf.connections = { [SETTINGS]: wf.connections['Manual Trigger'], [TICKET.name]: wf.connections[TICKET.name] };
			wf.pinData = {
				[SETTINGS]: [{ json: { ticketNumber, decision, emailEnabled: true, visitFormUrl: 'http://localhost:5678/form/after-sales/visit-result' } }],
			};
			const r = await runWorkflow(wf, credentials);
			expect(r.error(VOUCHER.name)).toBeUndefined();
			return r.output(VOUCHER.name).map((i) => i.json);
		};
		const outbox = async () => {
			const store = await Store.open(config);
			try {
				const rows = await store.db.selectFrom('outbox').selectAll().where('channel', '=', 'email').orderBy('id').execute();
				return rows.map((m) => ({ ...m, payload: typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload }));
			} finally {
				await store.close();
			}
		};

		test('one email per dispatch: a retried run queues nothing, a reassignment and the way back are new emails', async () => {
			await decide({ technicianPhone: JIA.phone, by: '王经理' });
			const first = await voucherEmail('assign');
			expect(first).toEqual([{ queued: true, key: expect.stringMatching(new RegExp(`^voucher-email:${ticketNumber}:\\d+:\\d{4}-\\d\\d-\\d\\dT`)) }]);
			// The same dispatch's email branch run again (a retried run): nothing new.
			expect(await voucherEmail('assign')).toEqual([{ queued: false, key: first[0].key }]);

			await decide({ technicianPhone: YI.phone, reason: '甲请假', by: '王经理' });
			const moved = await voucherEmail('reassign');
			expect(moved).toEqual([{ queued: true, key: expect.stringMatching(/^voucher-email:/) }]);
			expect(moved[0].key).not.toBe(first[0].key);
			expect(await voucherEmail('reassign')).toEqual([{ queued: false, key: moved[0].key }]);

			// Back to the first technician later: a new dispatch, a new email (not the first one's key).
			await new Promise((r) => setTimeout(r, 5));
			await decide({ technicianPhone: JIA.phone, reason: '乙的车坏了', by: '王经理' });
			const back = await voucherEmail('reassign');
			expect(back).toEqual([{ queued: true, key: expect.stringMatching(/^voucher-email:/) }]);
			expect(new Set([first[0].key, moved[0].key, back[0].key]).size).toBe(3);

			const mails = await outbox();
			expect(mails.map((m) => [m.kind, m.recipient, m.subject, m.status])).toEqual([
				['voucher-email', JIA.email, `派工 Dispatch ${ticketNumber} · 华东物业`, 'pending'],
				['voucher-email', YI.email, `改派 Reassigned ${ticketNumber} · 华东物业`, 'pending'],
				['voucher-email', JIA.email, `改派 Reassigned ${ticketNumber} · 华东物业`, 'pending'],
			]);
			for (const [m, tech] of [
				[mails[0], JIA],
				[mails[1], YI],
				[mails[2], JIA],
			] as const) {
				expect(m.payload.text).toContain(`${tech.name}，您好`);
				expect(m.payload.text).toContain(`visit-result?ticketNumber=${ticketNumber}`);
				expect(m.payload.attachments).toHaveLength(1);
				expect(m.payload.attachments[0].filename).toMatch(/-service-voucher\.html$/);
				expect(m.payload.attachments[0].contentType).toMatch(/^text\/html/);
				const voucher = Buffer.from(m.payload.attachments[0].base64, 'base64').toString('utf8');
				expect(voucher).toContain(ticketNumber);
				expect(voucher).toContain(tech.name);
			}
		});
	});
}

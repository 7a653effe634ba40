/**
 * The complaint notices' emails through the outbox (issue 19 item 3), with the workflow's own nodes
 * (workflows/complaint-notices.json: Take Notices Due → Queue Email → Mark Notice Sent) on n8n's real
 * engine, on every backend. Each notice is queued once per Message Key and marked once queued:
 * - a run that queued and died before the mark (its lease run out) queues nothing again and marks;
 * - a general complaint told to the service manager, then raised to serious, is a NEW notice to the
 *   company manager (the service manager on it too), with the reply letter;
 * - a late reply escalated is its own notice per period.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IConnections, IDataObject, INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode, withItems, type WorkflowJson } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const TAKE = 'Notices due (待发通知)';
const QUEUE = 'Email the manager (通知经理)';
const MARK = 'Mark notice sent (标记已通知)';
const SETTINGS = { managerEmail: 'manager@example.test', companyManagerEmail: 'company-manager@example.test' };

const shipped = JSON.parse(readFileSync(join(__dirname, '../../workflows/complaint-notices.json'), 'utf8')) as { nodes: INode[] };
const from = (name: string) => {
	const n = shipped.nodes.find((x) => x.name === name);
	if (!n) throw new Error(`complaint-notices.json has no node ${name}`);
	return n;
};

/** Settings (the trigger, its item the Settings the workflow reads) → the workflow's nodes in a line, up to `last`. */
function notices(last: string): WorkflowJson {
	const names = [TAKE, QUEUE, MARK].slice(0, [TAKE, QUEUE, MARK].indexOf(last) + 1);
	const nodes: INode[] = [
		{ id: 'settings', name: 'Settings (设置)', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...names.map((n) => from(n)),
	];
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { nodes, connections, pinData: { 'Settings (设置)': [{ json: SETTINGS }] } };
}

for (const backend of backends()) {
	describe(`complaint notices through the outbox, ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeEach(() => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});
		const complaint = async (operation: string, item: IDataObject) =>
			(await runWorkflow(withItems([item], chain(storeNode('Op', TYPES.sendSurvey, { resource: 'complaint', operation }))), credentials)).output(
				'Op',
			)[0].json;
		const outbox = async () =>
			(await getStore(config)).db
				.selectFrom('outbox')
				.select(['messageKey', 'kind', 'recipient', 'subject', 'payload'])
				.where('channel', '=', 'email')
				.orderBy('id')
				.execute();
		const run = async (last = MARK) => {
			const r = await runWorkflow(notices(last), credentials);
			expect(r.error()).toBeUndefined();
			return { queued: r.output(QUEUE).map((i) => i.json), refused: r.output(QUEUE, 1), marked: r.output(MARK).map((i) => i.json) };
		};

		test('queued once per notice, marked once queued; a run that died before the mark queues nothing again; raised to serious is a new notice', async () => {
			const made = await complaint('create', { customerName: '来电客户', phone: '13900000051', severity: 'general', text: '等了很久' });
			const n = String(made.complaintNumber);

			// A run that queued the general notice and died before marking it.
			const died = await run(QUEUE);
			expect(died.queued).toEqual([
				{ queued: true, key: expect.stringMatching(new RegExp(`^complaint-notice-email:${n}:new:general:service-manager:`)) },
			]);
			// Its lease over, the next run takes the notice again: nothing is queued twice, and now it is marked.
			await (await getStore(config)).db.updateTable('complaints').set({ noticeClaimedAt: null }).execute();
			const next = await run();
			expect(next.queued).toEqual([{ queued: false, key: died.queued[0].key }]);
			expect(next.marked).toEqual([expect.objectContaining({ complaintNumber: n, marked: true })]);
			expect(await run()).toEqual({ queued: [], refused: [], marked: [] });
			const general = await outbox();
			expect(general).toEqual([expect.objectContaining({ kind: 'complaint-notice-email', recipient: 'manager@example.test' })]);
			expect(general[0].subject).toBe(`客户投诉 Complaint ${n} · 来电客户`);

			// The department raises it to serious: the company manager is told, in a new notice with the reply letter.
			const judged = await complaint('judgeSeverity', { complaintNumber: n, severity: 'serious', reason: '多次投诉未处理' });
			expect(judged).toMatchObject({ severity: 'serious', noticeDue: true });
			const serious = await run();
			expect(serious.queued).toEqual([
				{ queued: true, key: expect.stringMatching(new RegExp(`^complaint-notice-email:${n}:new:serious:company-manager:`)) },
			]);
			expect(serious.marked).toEqual([expect.objectContaining({ marked: true, severity: 'serious' })]);
			const both = await outbox();
			expect(both).toHaveLength(2);
			expect(both[1]).toMatchObject({ recipient: 'company-manager@example.test, manager@example.test' });
			expect(both[1].subject).toBe(`重大投诉 Serious complaint ${n} · 来电客户`);
			const payload = JSON.parse(both[1].payload) as { text: string; attachments: Array<{ filename: string; base64: string }> };
			expect(payload.text).toContain('同时发送服务部经理 / Also sent to the service manager.');
			expect(payload.attachments.map((a) => a.filename)).toEqual([`${n}-reply-letter.html`]);
			expect(Buffer.from(payload.attachments[0].base64, 'base64').toString('utf8')).toContain('客户投诉答复函');
			expect(await run()).toEqual({ queued: [], refused: [], marked: [] });

			// The reply late: escalated once per period, each its own notice.
			const past = new Date(Date.now() - 3600_000).toISOString();
			await (await getStore(config)).db.updateTable('complaints').set({ replyDueAt: past }).execute();
			const late = await run();
			expect(late.queued).toEqual([
				{ queued: true, key: expect.stringMatching(new RegExp(`^complaint-notice-email:${n}:overdue:1:company-manager:`)) },
			]);
			expect(late.marked).toEqual([expect.objectContaining({ marked: true })]);
			expect(await run()).toEqual({ queued: [], refused: [], marked: [] });
			expect((await outbox()).map((m) => m.subject)).toEqual([
				`客户投诉 Complaint ${n} · 来电客户`,
				`重大投诉 Serious complaint ${n} · 来电客户`,
				`投诉答复超期 Complaint reply overdue ${n} · 来电客户`,
			]);
		});

		test('a notice the outbox refuses (no valid address) is on the error output and not marked', async () => {
			const made = await complaint('create', { customerName: '无地址', phone: '13900000052', severity: 'general', text: '收费不明' });
			const wf = notices(MARK);
			wf.pinData = { 'Settings (设置)': [{ json: { ...SETTINGS, managerEmail: 'not an address' } }] };
			const r = await runWorkflow(wf, credentials);
			expect(r.output(QUEUE)).toEqual([]);
			expect(r.output(QUEUE, 1).map((i) => i.json.error)).toEqual([expect.stringMatching(/"not an address" is not an email address/)]);
			expect(r.output(MARK)).toEqual([]);
			const row = await (
				await getStore(config)
			).db
				.selectFrom('complaints')
				.select('notifiedAt')
				.where('complaintNumber', '=', String(made.complaintNumber))
				.executeTakeFirstOrThrow();
			expect(row.notifiedAt).toBeNull();
			expect(await outbox()).toEqual([]);
		});
	});
}

/**
 * Register › Outbox › Queue Email (放入发件箱) on n8n's real engine, on every backend: a scan's
 * digest email is written to the outbox once per Message Key (a retried run queues nothing), with
 * its attachment from the item's binary; Send Due Messages then hands it on to Send Email as it was
 * given. Bad input (no To, a To that is no address, no key) is refused per item with a clerk's
 * message; with continue-on-fail the other items still go; every output is paired to its item.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode, type WorkflowJson } from '../harness/engine';
import { closeAllStores } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const QUEUE = {
	toEmail: '={{ $json.to }}',
	subject: '={{ "技术员代收现金 Cash held by technicians: " + $json.day }}',
	text: '={{ "以下现场收取的现金尚未交财务\\n" + $json.day }}',
	html: '={{ $json.html ?? "" }}',
	messageKey: "={{ 'cash-list-email:' + $json.day }}",
	attachments: '={{ $json.files ?? "" }}',
};

const op = (operation: string, extra: Record<string, unknown> = {}, onError?: 'continueRegularOutput') =>
	storeNode('Op', TYPES.register, { resource: 'outbox', operation, ...extra }, onError ? { onError } : {});

/** The Manual Trigger's items, pinned with their files (binary) as a workflow's earlier node gives them. */
const pinned = (wf: WorkflowJson, items: Array<{ json: IDataObject; binary?: INodeExecutionData['binary'] }>): WorkflowJson => ({
	...wf,
	pinData: { 'Manual Trigger': items.map((i) => ({ json: i.json, ...(i.binary ? { binary: i.binary } : {}) })) },
});

for (const backend of backends()) {
	describe(`Queue Email on ${backend.name}`, () => {
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
		const run = async (n: ReturnType<typeof op>, items: Array<{ json: IDataObject; binary?: INodeExecutionData['binary'] }>) => {
			const r = await runWorkflow(pinned(chain(n), items), credentials);
			return { out: r.output('Op'), error: r.error('Op') };
		};

		test('queued once per key, with its attachment; Send Due Messages hands it on as it was given', async () => {
			const xlsx = Buffer.from('PK fake xlsx bytes');
			const item = {
				json: { to: 'accountant@example.test', day: '2026-12-05', html: '<p>现金</p>', files: 'tableXlsx' },
				binary: {
					tableXlsx: {
						data: xlsx.toString('base64'),
						mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
						fileName: '报修记录表.xlsx',
					},
				},
			};
			const first = await run(op('queueEmail', QUEUE), [item]);
			expect(first.error).toBeUndefined();
			expect(first.out.map((i) => i.json)).toEqual([{ queued: true, key: 'cash-list-email:2026-12-05' }]);
			expect(first.out[0].pairedItem).toEqual({ item: 0 });
			// The same run again (retried): nothing more is queued.
			const again = await run(op('queueEmail', QUEUE), [item]);
			expect(again.out.map((i) => i.json)).toEqual([{ queued: false, key: 'cash-list-email:2026-12-05' }]);

			const listed = (await run(op('list', { returnAll: true }), [{ json: {} }])).out.map((i) => i.json);
			expect(listed).toHaveLength(1);
			expect(listed[0]).toMatchObject({
				channel: 'email',
				kind: 'cash-list-email',
				to: 'accountant@example.test',
				subject: '技术员代收现金 Cash held by technicians: 2026-12-05',
				status: 'pending',
			});

			const sent = await run(op('send'), [{ json: {} }]);
			expect(sent.out).toHaveLength(1);
			expect(sent.out[0].json).toMatchObject({
				to: 'accountant@example.test',
				subject: '技术员代收现金 Cash held by technicians: 2026-12-05',
				text: '以下现场收取的现金尚未交财务\n2026-12-05',
				html: '<p>现金</p>',
				emailFormat: 'both',
				attachments: 'attachment0',
				kind: 'cash-list-email',
			});
			expect(sent.out[0].binary?.attachment0).toMatchObject({ fileName: '报修记录表.xlsx' });
			expect(Buffer.from(sent.out[0].binary!.attachment0.data, 'base64').equals(xlsx)).toBe(true);
		});

		test('bad input refused per item with a clerk-readable message; continue-on-fail lets the good items through', async () => {
			const items = [
				{ json: { to: '', day: 'd1' } },
				{ json: { to: 'not an address', day: 'd2' } },
				{ json: { to: 'manager@example.test', day: 'd3' } },
				{ json: { to: 'manager@example.test', day: '' } },
			];
			const keyless = { ...QUEUE, messageKey: '={{ $json.day ? "weekly-table-email:" + $json.day : "" }}' };
			const r = await run(op('queueEmail', keyless, 'continueRegularOutput'), items);
			expect(r.out).toHaveLength(4);
			expect(r.out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			expect(r.out[0].json.error).toMatch(/To \(收件人\): is empty/);
			expect(r.out[1].json.error).toMatch(/"not an address" is not an email address/);
			expect(r.out[2].json).toEqual({ queued: true, key: 'weekly-table-email:d3' });
			expect(r.out[3].json.error).toMatch(/Message Key \(消息键\): is empty/);

			// Without continue-on-fail the node stops on the item, named.
			const stopped = await run(op('queueEmail', QUEUE), [{ json: { to: 'nobody', day: 'd9' } }]);
			expect(stopped.error?.message).toMatch(/"nobody" is not an email address/);
			expect((stopped.error as { context?: { itemIndex?: number } } | undefined)?.context?.itemIndex).toBe(0);
			const listed = (await run(op('list', { returnAll: true }), [{ json: {} }])).out.map((i) => i.json.to);
			expect(listed).toEqual(['manager@example.test']);
		});
	});
}

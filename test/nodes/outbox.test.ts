/**
 * The Register's Outbox operations on n8n's real engine, on every backend, with a loopback WeCom
 * robot: Send Due Messages sends the staff message through the After-Sales Channels credential
 * and hands the email on as an item (its attachment as binary); WeCom rate-limiting → the message
 * waits, and goes once when WeCom takes it again; no channel credential → skipped and the run says
 * so (an execution hint); Record Email Outcome only with the run's claim token; List Messages as
 * GET outbox answers; Run Result as POST outbox/retry answers.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { enqueueMessage } from '../../nodes/shared/store/registers/outbox';
import { channelCredentialFromEnv } from '../../nodes/shared/channels/config';
import type { OutboxMessage } from '../../nodes/shared/rules/outbox';
import { robot, type Robot } from '../harness/robots';

const WITH_CHANNELS = { afterSalesStore: { id: '1', name: 'After-Sales Store' }, afterSalesChannels: { id: '2', name: 'After-Sales Channels' } };

const op = (operation: string, extra: Record<string, unknown> = {}, channels = true) => ({
	...storeNode('Op', TYPES.register, { resource: 'outbox', operation, ...extra }, { onError: 'continueRegularOutput' as const }),
	...(channels ? { credentials: WITH_CHANNELS } : {}),
});

const messages = (): OutboxMessage[] => [
	{
		key: 'new-ticket:BX-20261205-0001',
		channel: 'staff',
		kind: 'new-ticket',
		payload: {
			kind: 'new-ticket',
			items: [{ ticket: 'BX-20261205-0001', customer: '华东物业', address: '上海市徐汇区漕溪路88号', text: '空调不制冷' }],
		},
	},
	{
		key: 'survey:BX-20261205-0001:13800000001',
		channel: 'sms',
		kind: 'survey',
		to: '13800000001',
		payload: { kind: 'survey', params: { name: '陈经理', ticket: 'BX-20261205-0001', url: 'https://example.test/s/1' } },
	},
	{
		key: 'ready:BX-20261205-0001:chen@example.test',
		channel: 'email',
		kind: 'ready',
		to: 'chen@example.test',
		subject: '产品已修好 Your product is ready · BX-20261205-0001',
		payload: {
			text: '您好，您的产品已修好。',
			html: '<p>您好，您的产品已修好。</p>',
			attachments: [{ filename: 'receipt.html', contentType: 'text/html', base64: Buffer.from('<h1>回单</h1>').toString('base64') }],
		},
	},
];

for (const backend of backends()) {
	describe(`the Outbox operations on ${backend.name}`, () => {
		let wecom: Robot;
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeAll(async () => {
			wecom = await robot('wecom');
		});
		beforeEach(async () => {
			wecom.mode = 'ok';
			wecom.received = [];
			config = backend.fresh();
			credentials = {
				afterSalesStore: backend.credential(config),
				afterSalesChannels: channelCredentialFromEnv({ AFTER_SALES_WECOM_WEBHOOK_URL: wecom.url }) as Record<string, string>,
			};
			const store = await getStore(config);
			const now = new Date().toISOString();
			await store.transaction(async (trx) => {
				for (const m of messages()) await enqueueMessage(trx, m, now);
			});
		});
		afterAll(async () => {
			await wecom.stop();
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		const run = async (n: ReturnType<typeof op>, items: IDataObject[] = [{}]) => {
			const r = await runWorkflow(withItems(items, chain(n)), credentials);
			return { out: r.output('Op'), hints: (r.run.data.resultData.runData.Op?.[0]?.hints ?? []).map((h) => h.message), error: r.error('Op') };
		};
		const list = async (status = '') => (await run(op('list', { status, returnAll: true }))).out.map((i) => i.json);

		test('WeCom rate-limiting: the staff message waits, then goes once; the email comes out for Send Email; SMS off is skipped and said', async () => {
			wecom.mode = 'rate-limit';
			const first = await run(op('send'));
			expect(first.error).toBeUndefined();
			expect(first.out).toHaveLength(1);
			const email = first.out[0] as INodeExecutionData;
			expect(email.json).toMatchObject({
				to: 'chen@example.test',
				subject: '产品已修好 Your product is ready · BX-20261205-0001',
				text: '您好，您的产品已修好。',
				html: '<p>您好，您的产品已修好。</p>',
				emailFormat: 'both',
				attachments: 'attachment0',
				kind: 'ready',
			});
			expect(email.binary?.attachment0).toMatchObject({ fileName: 'receipt.html', mimeType: 'text/html' });
			expect(Buffer.from(email.binary!.attachment0.data, 'base64').toString('utf8')).toBe('<h1>回单</h1>');
			expect(first.hints.join('\n')).toMatch(/未设置短信服务 \(no SMS provider is set\)/);
			expect(first.hints.join('\n')).toMatch(/稍后重试/);
			const byChannel = Object.fromEntries((await list()).map((m) => [m.channel, m]));
			expect(byChannel.staff).toMatchObject({ status: 'pending', attempts: 1, to: null, kind: 'new-ticket', sentAt: null });
			expect(byChannel.staff.lastError).toMatch(/45009/);
			expect(byChannel.sms).toMatchObject({ status: 'skipped', attempts: 0, to: '13800000001' });
			expect(byChannel.email).toMatchObject({ status: 'pending', attempts: 0 });

			// Send Email failed: recorded with the run's token, tried again later; a wrong token records nothing.
			const wrong = await run(op('recordEmail', { outcome: 'failed', error: 'x' }), [{ outboxId: email.json.outboxId, claimToken: 'not-the-token' }]);
			expect(wrong.out[0].json).toMatchObject({ recorded: false, status: 'pending', attempts: 0 });
			const failed = await run(op('recordEmail', { outcome: 'failed' }), [{ ...email.json, error: 'Connection timeout' }]);
			expect(failed.out[0].json).toMatchObject({ recorded: true, status: 'pending', attempts: 1, channel: 'email' });
			expect(failed.out[0].json.lastError).toMatch(/Connection timeout/);
			expect(await run(op('runResult', { claimToken: email.json.claimToken }))).toMatchObject({
				out: [{ json: { sent: 0, failed: 2, skipped: 1, waiting: 2 } }],
			});

			// WeCom takes messages again: retry now sends the staff message (once) and hands the email again.
			wecom.mode = 'ok';
			const retry = await run(op('send', { retryNow: true, summaryItem: true }));
			expect(retry.out).toHaveLength(2);
			expect(retry.out[0].json.run).toMatchObject({ sent: 1, failed: 0, skipped: 0, emails: 1 });
			const sent = await run(op('recordEmail', { outcome: 'sent' }), [retry.out[1].json]);
			expect(sent.out[0].json).toMatchObject({ recorded: true, status: 'sent', attempts: 2, lastError: null });
			const token = (retry.out[0].json.run as IDataObject).claimToken;
			expect((await run(op('runResult', { claimToken: token }))).out[0].json).toEqual({ sent: 2, failed: 0, skipped: 0, waiting: 0 });
			const again = await run(op('send', { retryNow: true }));
			expect(again.out).toEqual([]);
			expect(wecom.received.map((r) => r.answered)).toEqual(['rate-limit', 'ok']);
			expect(JSON.stringify(wecom.delivered()[0])).toContain('BX-20261205-0001');
			expect((await list('sent')).map((m) => m.channel).sort()).toEqual(['email', 'staff']);
		});

		test('no channels credential on the node: the staff message is skipped and the run says no channel is set; email off: skipped', async () => {
			const r = await run(op('send', { emailEnabled: false }, false));
			expect(r.out).toEqual([]);
			expect(r.hints.join('\n')).toMatch(/未设置员工群通知渠道 \(no staff channel is set\)/);
			expect(r.hints.join('\n')).toMatch(/邮件未开启|email is off/);
			const rows = await list('skipped');
			expect(rows.map((m) => m.channel).sort()).toEqual(['email', 'sms', 'staff']);
			expect(Object.keys(rows[0]).sort()).toEqual([
				'attempts',
				'channel',
				'createdAt',
				'id',
				'kind',
				'lastError',
				'sentAt',
				'status',
				'subject',
				'to',
			]);
			expect(wecom.received).toHaveLength(0);
		});

		test('a channels credential with a problem is named in the run; bad input is refused on its field', async () => {
			credentials.afterSalesChannels = { wecomWebhookUrl: 'not a url' };
			const r = await run(op('send', { emailEnabled: false }));
			expect(r.hints.join('\n')).toMatch(/AFTER_SALES_WECOM_WEBHOOK_URL 不是有效的网址/);
			const bad = await run(op('list', { status: 'lost' }));
			expect(bad.out[0].json.error).toMatch(/status/);
			const noId = await run(op('recordEmail', { outcome: 'sent' }), [{ claimToken: 'x' }]);
			expect(noId.out[0].json.error).toMatch(/Message ID/);
			const limit = await run(op('send', { limit: 0 }));
			expect(limit.out[0].json.error).toMatch(/Messages per run/);
		});
	});
}

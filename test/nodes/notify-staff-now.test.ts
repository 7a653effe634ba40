/**
 * Register › Notify › Tell Staff Groups Now (issue 19 item 5), through n8n's real engine: the item
 * n8n's Error Trigger gives for a failed execution reaches loopback servers playing the WeCom group
 * robot and the DingTalk robot (which checks its signature on arrival), once per failed execution,
 * with the workflow's name, the failed node, the error and the execution's link — and the store is
 * never opened: the harness is given no store credential, so any attempt to open it would fail the
 * run ("No credential of type afterSalesStore given to the harness").
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { TYPES, chain, runWorkflow, withItems } from '../harness/engine';

type Received = { path: string; query: URLSearchParams; body: string };

interface Robot {
	url: string;
	received: Received[];
	answer: (r: Received) => { status: number; body: unknown };
	close(): Promise<void>;
}

async function robot(answer: Robot['answer']): Promise<Robot> {
	const r = { received: [] as Received[], answer } as Robot;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://loopback');
			const got = { path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8') };
			r.received.push(got);
			const reply = r.answer(got);
			res.writeHead(reply.status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(reply.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	r.close = () => new Promise((resolve) => server.close(() => resolve()));
	return r;
}

const WECOM_KEY = 'errors-wecom-key';
const DT_SECRET = 'SECerrors-dingtalk-secret';
const wecomOk = (r: Received) =>
	r.path === '/cgi-bin/webhook/send' && r.query.get('key') === WECOM_KEY
		? { status: 200, body: { errcode: 0, errmsg: 'ok' } }
		: { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
/** DingTalk's documented check: sign = Base64(HmacSHA256(secret, timestamp + "\n" + secret)), timestamp within an hour. */
const dingtalkOk = (r: Received) => {
	const timestamp = r.query.get('timestamp') ?? '';
	const expected = createHmac('sha256', DT_SECRET).update(`${timestamp}\n${DT_SECRET}`).digest('base64');
	if (r.query.get('access_token') !== 'dt-token') return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } };
	if (r.query.get('sign') !== expected || Math.abs(Date.now() - Number(timestamp)) > 3600_000)
		return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
	return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
};

let wecom: Robot;
let dingtalk: Robot;
beforeAll(async () => {
	wecom = await robot(wecomOk);
	dingtalk = await robot(dingtalkOk);
});
afterAll(async () => {
	await wecom.close();
	await dingtalk.close();
});
beforeEach(() => {
	wecom.received = [];
	dingtalk.received = [];
	wecom.answer = wecomOk;
	dingtalk.answer = dingtalkOk;
});

const channelsCredential = (): ICredentialDataDecryptedObject => ({
	wecomWebhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
	dingtalkWebhookUrl: `${dingtalk.url}/robot/send?access_token=dt-token`,
	dingtalkSecret: DT_SECRET,
	smsProvider: 'none',
});

/** What n8n's Error Trigger emits for a failed execution (n8n execute-error-workflow.js). */
const failure = (id: string, message: string) => ({
	execution: {
		id,
		url: `http://localhost:5678/workflow/afterSalesDaily001/executions/${id}`,
		error: { message, stack: 'Error: at somewhere (node_modules/x.js:1:1)' },
		lastNodeExecuted: 'Dispatch the day (派工)',
		mode: 'trigger',
	},
	workflow: { id: 'afterSalesDaily001', name: 'Daily dispatch at 08:00 (每日派工)' },
});

/** The Register node on Notify › Tell Staff Groups Now, its parameters left at their defaults, with the store and (optionally) the channels credential. */
const notifyNode = (withChannels: boolean, parameters: Record<string, unknown> = {}) => ({
	name: 'Tell the staff groups (通知员工群)',
	type: TYPES.register,
	parameters: { resource: 'notify', operation: 'staffNow', ...parameters },
	credentials: {
		afterSalesStore: { id: '1', name: 'After-Sales Store' },
		...(withChannels ? { afterSalesChannels: { id: '2', name: 'After-Sales Channels' } } : {}),
	},
});
const NODE = 'Tell the staff groups (通知员工群)';

test('a failed execution reaches WeCom and DingTalk once each: workflow, failed node, error, execution link; no store opened', async () => {
	const wf = withItems([failure('42', 'Cannot open the after-sales store (PostgreSQL 127.0.0.1:5432): connection refused')], chain(notifyNode(true)));
	const r = await runWorkflow(wf, { afterSalesChannels: channelsCredential() });
	expect(r.error()).toBeUndefined();
	expect(wecom.received).toHaveLength(1);
	expect(dingtalk.received).toHaveLength(1);
	expect(JSON.parse(wecom.received[0].body)).toEqual({
		msgtype: 'markdown',
		markdown: {
			content:
				'### 工作流运行失败\n\n' +
				'请查看执行记录并处理 (a workflow run failed: open the execution to see why)\n\n' +
				'**Daily dispatch at 08:00 (每日派工)**\n' +
				'内容：节点「Dispatch the day (派工)」：Cannot open the after-sales store (PostgreSQL 127.0.0.1:5432): connection refused\n' +
				'[查看执行记录](http://localhost:5678/workflow/afterSalesDaily001/executions/42)',
		},
	});
	const dt = JSON.parse(dingtalk.received[0].body);
	expect(dt.msgtype).toBe('markdown');
	expect(dt.markdown.title).toBe('售后 · 工作流运行失败');
	expect(dt.markdown.text).toContain('[查看执行记录](http://localhost:5678/workflow/afterSalesDaily001/executions/42)');
	expect(dt.markdown.text).toContain('节点「Dispatch the day (派工)」');
	// The stack is not sent to a chat group.
	expect(wecom.received[0].body + dingtalk.received[0].body).not.toContain('node_modules');
	expect(r.output(NODE).map((i) => i.json)).toEqual([
		{
			kind: 'workflow-failed',
			channels: ['WeCom', 'DingTalk'],
			sent: 2,
			failed: 0,
			deliveries: [
				{ channel: 'wecom', ok: true },
				{ channel: 'dingtalk', ok: true },
			],
		},
	]);
});

test('two failed executions are two messages to each robot, each with its own link', async () => {
	const wf = withItems([failure('7', 'first'), failure('8', 'second')], chain(notifyNode(true)));
	const r = await runWorkflow(wf, { afterSalesChannels: channelsCredential() });
	expect(r.error()).toBeUndefined();
	const links = wecom.received.map((x) => /executions\/(\d+)\)/.exec(JSON.parse(x.body).markdown.content)?.[1]);
	expect(links).toEqual(['7', '8']);
	expect(dingtalk.received).toHaveLength(2);
	expect(r.output(NODE).map((i) => [i.json.sent, i.pairedItem])).toEqual([
		[2, { item: 0 }],
		[2, { item: 1 }],
	]);
});

test('no channels credential on the node: nothing sent, the item says why, the run does not fail', async () => {
	const r = await runWorkflow(withItems([failure('9', 'boom')], chain(notifyNode(false))), {});
	expect(r.error()).toBeUndefined();
	expect(wecom.received).toHaveLength(0);
	const [item] = r.output(NODE);
	expect(item.json).toMatchObject({ kind: 'workflow-failed', sent: 0, failed: 0, deliveries: [], channels: [] });
	expect(String(item.json.nothingSent)).toMatch(/^未设置员工群机器人，未发送 \(no staff group robot is set: nothing was sent\)/);
	expect(String(item.json.nothingSent)).toContain('no After-Sales Channels credential');
});

test('a channels credential with no robot (SMS only) and one with a broken robot URL: nothing sent, the problems named', async () => {
	const r = await runWorkflow(withItems([failure('10', 'boom')], chain(notifyNode(true))), {
		afterSalesChannels: { wecomWebhookUrl: 'not a url', smsProvider: 'none' },
	});
	expect(r.error()).toBeUndefined();
	const [item] = r.output(NODE);
	expect(item.json.sent).toBe(0);
	expect(String(item.json.nothingSent)).toMatch(/^未设置员工群机器人/);
	expect(item.json.problems).toEqual([expect.stringContaining('AFTER_SALES_WECOM_WEBHOOK_URL 不是有效的网址')]);
});

test('WeCom at its rate limit and DingTalk down: both reported on the item, the run does not fail', async () => {
	wecom.answer = () => ({ status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } });
	const down = await robot(dingtalkOk);
	await down.close();
	const r = await runWorkflow(withItems([failure('11', 'boom')], chain(notifyNode(true))), {
		afterSalesChannels: { ...channelsCredential(), dingtalkWebhookUrl: `${down.url}/robot/send?access_token=dt-token` },
	});
	expect(r.error()).toBeUndefined();
	const [item] = r.output(NODE);
	expect(item.json).toMatchObject({ sent: 0, failed: 2 });
	expect(item.json.deliveries).toEqual([
		{ channel: 'wecom', ok: false, error: 'WeCom errcode 45009: api freq out of limit' },
		{ channel: 'dingtalk', ok: false, error: expect.stringContaining('网络错误 (network error)') },
	]);
});

test('markup in a workflow name or an error cannot make links or bold; a javascript: link is left out', async () => {
	const f = failure('12', '**bold** [x](http://evil.example) <font>');
	f.execution.url = 'javascript:alert(1)';
	const r = await runWorkflow(withItems([f], chain(notifyNode(true))), { afterSalesChannels: channelsCredential() });
	expect(r.error()).toBeUndefined();
	const content = JSON.parse(wecom.received[0].body).markdown.content as string;
	expect(content).toContain('＊＊bold＊＊ ［x］(http://evil.example) ＜font＞');
	expect(content).not.toContain('javascript');
	expect(content).not.toContain('[查看执行记录]');
});

test('another kind: a new ticket with its record fields, sent as that kind', async () => {
	const node = notifyNode(true, {
		kind: 'new-ticket',
		summary: '今日第 3 张',
		record: { ticket: 'BX-20261205-0003', customer: '华东物业', technician: '王师傅 13700000001', text: '空调不制冷' },
	});
	const r = await runWorkflow(withItems([{}], chain(node)), { afterSalesChannels: channelsCredential() });
	expect(r.error()).toBeUndefined();
	expect(JSON.parse(wecom.received[0].body).markdown.content).toBe(
		'### 新报修\n\n今日第 3 张\n\n**BX-20261205-0003 · 华东物业**\n技术员：王师傅 13700000001\n内容：空调不制冷',
	);
	expect(r.output(NODE)[0].json).toMatchObject({ kind: 'new-ticket', sent: 2 });
});

test('a kind that is no staff message kind is refused on `kind`, nothing sent', async () => {
	const node = { ...notifyNode(true, { kind: '={{ "nonsense" }}' }), onError: 'continueErrorOutput' as const };
	const r = await runWorkflow(withItems([failure('13', 'boom')], chain(node)), { afterSalesChannels: channelsCredential() });
	expect(wecom.received).toHaveLength(0);
	// n8n's error output keeps the input item's fields beside error and details.
	expect(r.output(NODE, 1).map((i) => i.json)).toEqual([
		expect.objectContaining({
			error: expect.stringContaining('"nonsense" is not a staff message kind'),
			details: { kind: 'invalid', errors: [expect.objectContaining({ field: 'kind' })] },
		}),
	]);
	expect(r.output(NODE, 0)).toEqual([]);
});

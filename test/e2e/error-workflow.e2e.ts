/**
 * The error workflow on the real server (issue 19 item 5): a workflow that names
 * `afterSalesErrors01` as its error workflow fails — its store cannot be opened, the failure the
 * error workflow exists for — and the manager's email arrives in the SMTP sink once, with the
 * workflow's name, the failed node, the error and the execution's link; the staff group robot (a
 * loopback server playing WeCom, given to the error workflow through an After-Sales Channels
 * credential) receives the same once.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rest, state, waitForMail, type SentMail } from './server';

const ERRORS = 'afterSalesErrors01';
const KEY = 'e2e-wecom-key';
const received: Array<{ path: string; key: string | null; body: string }> = [];
let wecom: Server;
let wecomUrl: string;

beforeAll(async () => {
	wecom = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://loopback');
			received.push({ path: url.pathname, key: url.searchParams.get('key'), body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
		});
	});
	await new Promise<void>((resolve) => wecom.listen(0, '127.0.0.1', resolve));
	wecomUrl = `http://127.0.0.1:${(wecom.address() as AddressInfo).port}/cgi-bin/webhook/send?key=${KEY}`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => wecom.close(() => resolve()));
});

interface WorkflowData {
	id: string;
	versionId: string;
	active: boolean;
	nodes: Array<{ name: string; type: string; credentials?: Record<string, { id: string; name: string }> }>;
}

test('the error workflow is imported under its id and published (n8n runs only a published error workflow)', async () => {
	const { status, body } = await rest<{ data: WorkflowData }>(`rest/workflows/${ERRORS}`);
	expect(status).toBe(200);
	expect(body.data.active).toBe(true);
	expect(body.data.nodes.map((n) => n.type)).toContain('n8n-nodes-base.errorTrigger');
});

test('a channels credential with a WeCom robot, attached to the error workflow’s Notify node and published again', async () => {
	const credential = await rest<{ data: { id: string; name: string } }>('rest/credentials', {
		method: 'POST',
		body: JSON.stringify({
			name: 'After-Sales Channels (e2e)',
			type: 'afterSalesChannels',
			data: { wecomWebhookUrl: wecomUrl, smsProvider: 'none' },
		}),
	});
	expect(credential.status).toBe(200);
	const { body } = await rest<{ data: WorkflowData }>(`rest/workflows/${ERRORS}`);
	const nodes = body.data.nodes.map((n) =>
		n.type === 'n8n-nodes-after-sales.afterSalesRegister'
			? { ...n, credentials: { ...n.credentials, afterSalesChannels: { id: credential.body.data.id, name: credential.body.data.name } } }
			: n,
	);
	const updated = await rest<{ data: WorkflowData }>(`rest/workflows/${ERRORS}`, {
		method: 'PATCH',
		body: JSON.stringify({ versionId: body.data.versionId, nodes }),
	});
	expect(updated.status).toBe(200);
	const published = await rest(`rest/workflows/${ERRORS}/activate`, {
		method: 'POST',
		body: JSON.stringify({ versionId: updated.body.data.versionId }),
	});
	expect(published.status).toBe(200);
});

test('a workflow whose store cannot be opened fails: the manager’s email arrives once with the execution link, and the WeCom group gets it once', async () => {
	// A store credential whose SQLite file lies under a regular file: the folder cannot be made.
	const dir = mkdtempSync(join(tmpdir(), 'after-sales-e2e-errors-'));
	writeFileSync(join(dir, 'not-a-folder'), 'a file, not a folder');
	const credential = await rest<{ data: { id: string; name: string } }>('rest/credentials', {
		method: 'POST',
		body: JSON.stringify({
			name: 'After-Sales Store (unopenable, errors e2e)',
			type: 'afterSalesStore',
			data: { backend: 'sqlite', file: join(dir, 'not-a-folder', 'store.sqlite') },
		}),
	});
	expect(credential.status).toBe(200);
	const name = `Failing on purpose (e2e 故意失败) ${Date.now().toString(36)}`;
	const created = await rest<{ data: { id: string; versionId: string } }>('rest/workflows', {
		method: 'POST',
		body: JSON.stringify({
			name,
			nodes: [
				{
					parameters: { httpMethod: 'POST', path: 'after-sales-e2e-errors/fail', options: {} },
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'after-sales-e2e-errors',
				},
				{
					parameters: { resource: 'customer', operation: 'getMany', returnAll: true },
					name: 'Read the customers (读取客户)',
					type: 'n8n-nodes-after-sales.afterSalesRegister',
					typeVersion: 1,
					position: [220, 0],
					credentials: { afterSalesStore: { id: credential.body.data.id, name: credential.body.data.name } },
				},
			],
			connections: { Webhook: { main: [[{ node: 'Read the customers (读取客户)', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', errorWorkflow: ERRORS },
		}),
	});
	expect(created.status).toBe(200);
	const workflowId = created.body.data.id;
	const activated = await rest(`rest/workflows/${workflowId}/activate`, {
		method: 'POST',
		body: JSON.stringify({ versionId: created.body.data.versionId }),
	});
	expect(activated.status).toBe(200);

	const send = () =>
		fetch(`${state().baseUrl}webhook/after-sales-e2e-errors/fail`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
	let res = await send();
	for (let i = 0; res.status === 404 && i < 60; i++) {
		await new Promise((r) => setTimeout(r, 500));
		res = await send();
	}
	// The webhook answers when it is received; the run fails after.
	expect(res.status).toBe(200);

	const isOurs = (m: SentMail) => m.subject.includes(name);
	const mail = await waitForMail(isOurs, 60_000);
	expect(mail.to).toEqual(['manager@e2e.test']);
	expect(mail.subject).toBe(`工作流运行失败 Workflow failed: ${name}`);
	expect(mail.text).toContain(`工作流 Workflow: ${name} (${workflowId})`);
	expect(mail.text).toContain('失败节点 Failed node: Read the customers (读取客户)');
	expect(mail.text).toContain('Cannot open the after-sales store');
	const link = new RegExp(`执行记录 Execution: (http://\\S+/workflow/${workflowId}/executions/(\\d+))`).exec(mail.text);
	expect(link).not.toBeNull();
	const executionId = (link as RegExpExecArray)[2];
	const execution = await rest<{ data: { status: string; workflowId: string } }>(`rest/executions/${executionId}`);
	expect(execution.body.data).toMatchObject({ status: 'error', workflowId });

	// The group robot got the same failure (the error workflow tells it first, then emails).
	const deadline = Date.now() + 20_000;
	while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
	expect(received).toHaveLength(1);
	expect(received[0]).toMatchObject({ path: '/cgi-bin/webhook/send', key: KEY });
	const content = JSON.parse(received[0].body).markdown.content as string;
	expect(content).toContain('### 工作流运行失败');
	expect(content).toContain(`**${name}**`);
	expect(content).toContain('节点「Read the customers (读取客户)」：Cannot open the after-sales store');
	expect(content).toContain(`[查看执行记录](${link?.[1]})`);

	// Once: no second email or message for the same failure.
	await new Promise((r) => setTimeout(r, 5000));
	const ours = readdirSync(state().mailFolder).filter((f) => isOurs(JSON.parse(readFileSync(join(state().mailFolder, f), 'utf8')) as SentMail));
	expect(ours).toHaveLength(1);
	expect(received).toHaveLength(1);
});

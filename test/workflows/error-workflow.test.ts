/**
 * The error workflow (issue 19 item 5): every shipped workflow names `afterSalesErrors01` as its
 * error workflow, so that n8n starts it once for each failed run; the error workflow itself names
 * none (n8n would not run it for its own failure anyway, and a loop is no help), starts from n8n's
 * Error Trigger, lets the other workflows call it (n8n checks the caller policy before it runs an
 * error workflow), tells the staff groups through the Register's store-free Notify operation —
 * never through the outbox — and emails the manager the execution's link.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface WorkflowNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	settings: Record<string, unknown>;
}

const ERROR_WORKFLOW_ID = 'afterSalesErrors01';
const dir = join(__dirname, '../../workflows');
const all = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({ file, wf: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Workflow }));
const errorWorkflow = all.find((w) => w.file === 'error-notice.json')?.wf as Workflow;
const others = all.filter((w) => w.file !== 'error-notice.json');
const node = (type: string) => errorWorkflow.nodes.filter((n) => n.type === type);

test('workflows/error-notice.json is the error workflow afterSalesErrors01, named in Chinese too', () => {
	expect(errorWorkflow.id).toBe(ERROR_WORKFLOW_ID);
	expect(errorWorkflow.name).toMatch(/[\u4e00-\u9fff]/);
	expect(all.filter((w) => w.wf.id === ERROR_WORKFLOW_ID).map((w) => w.file)).toEqual(['error-notice.json']);
});

test('every other shipped workflow names it in settings.errorWorkflow', () => {
	expect(others.length).toBeGreaterThan(30);
	const missing = others.filter((w) => w.wf.settings?.errorWorkflow !== ERROR_WORKFLOW_ID).map((w) => w.file);
	expect(missing).toEqual([]);
});

test('the error workflow names no error workflow itself, and lets the workflows of its owner call it', () => {
	expect(errorWorkflow.settings.errorWorkflow).toBeUndefined();
	expect(['workflowsFromSameOwner', 'any']).toContain(errorWorkflow.settings.callerPolicy);
	expect(errorWorkflow.settings.timezone).toBe('Asia/Shanghai');
});

test('it starts from n8n’s Error Trigger, and no other workflow has one', () => {
	expect(node('n8n-nodes-base.errorTrigger')).toHaveLength(1);
	expect(others.filter((w) => w.wf.nodes.some((n) => n.type === 'n8n-nodes-base.errorTrigger')).map((w) => w.file)).toEqual([]);
});

test('the staff groups are told by Notify › Tell Staff Groups Now, from the Error Trigger’s fields, not through the outbox', () => {
	const [notify] = node('n8n-nodes-after-sales.afterSalesRegister');
	expect(node('n8n-nodes-after-sales.afterSalesRegister')).toHaveLength(1);
	expect(notify.parameters).toMatchObject({
		resource: 'notify',
		operation: 'staffNow',
		kind: 'workflow-failed',
		workflowName: expect.stringContaining('$json.workflow'),
		failedNode: expect.stringContaining('$json.execution?.lastNodeExecuted'),
		errorMessage: expect.stringContaining('$json.execution?.error?.message'),
		executionUrl: expect.stringContaining('$json.execution?.url'),
	});
	expect(node('n8n-nodes-base.executeWorkflow')).toEqual([]);
	expect(JSON.stringify(errorWorkflow)).not.toMatch(/afterSalesOutbox01|"resource":\s*"outbox"/);
});

test('the manager gets an email with the workflow, the failed node, the error and the execution link, when email is on', () => {
	const [settings] = node('n8n-nodes-base.set').filter((n) => n.name.startsWith('Settings'));
	const assignments = (settings.parameters.assignments as { assignments: Array<{ name: string }> }).assignments.map((a) => a.name);
	expect(assignments).toEqual(expect.arrayContaining(['emailEnabled', 'fromEmail', 'managerEmail']));
	const [email] = node('n8n-nodes-base.emailSend');
	expect(email.parameters.toEmail).toContain('.managerEmail');
	expect(email.credentials?.smtp?.id).toBe('afterSalesSmtp001');
	for (const part of ['$json.workflow?.name', '$json.execution?.lastNodeExecuted', '$json.execution?.error?.message', '$json.execution?.url'])
		expect([part, String(email.parameters.text).includes(part)]).toEqual([part, true]);
	const [ifNode] = node('n8n-nodes-base.if');
	expect(errorWorkflow.connections[ifNode.name].main[0].map((c) => c.node)).toEqual([email.name]);
});

test('the staff groups are told before the email is tried (a mail server down must not keep the robots silent)', () => {
	// n8n's execution order v1 runs the branches of a node top to bottom.
	expect(errorWorkflow.settings.executionOrder).toBe('v1');
	const [notify] = node('n8n-nodes-after-sales.afterSalesRegister');
	const [ifNode] = node('n8n-nodes-base.if');
	const settingsName = node('n8n-nodes-base.set')[0].name;
	expect(errorWorkflow.connections[settingsName].main[0].map((c) => c.node).sort()).toEqual([notify.name, ifNode.name].sort());
	expect(notify.position[1]).toBeLessThan(ifNode.position[1]);
});

test('npm start and the e2e server import it under its own id (the id the others name)', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const runtime = require('../../scripts/n8n-runtime') as { workflowFiles(): Array<{ json: { id: string; settings: Record<string, unknown> } }> };
	const imported = runtime.workflowFiles().map((w) => w.json);
	expect(imported.map((w) => w.id)).toContain(ERROR_WORKFLOW_ID);
	expect(imported.filter((w) => w.id !== ERROR_WORKFLOW_ID).every((w) => w.settings.errorWorkflow === ERROR_WORKFLOW_ID)).toBe(true);
});

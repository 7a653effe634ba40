/**
 * Every message goes through the outbox (issue 19 item 3): across all shipped workflows, n8n's Send
 * Email node is left in two places only — the outbox's own sender (outbox.json: the queued emails
 * and the manager's daily line of failures) and the error workflow (error-notice.json), which must
 * reach the manager when the store itself is what failed. Every Queue Email step has *Send the
 * messages now* (the Outbox workflow) after it, so its email leaves within seconds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}
interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }> | null> }>;
}

const DIR = join(__dirname, '../../workflows');
const workflows = readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({ file, wf: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Workflow }));

function downstream(wf: Workflow, from: string): Set<string> {
	const seen = new Set<string>();
	const todo = [from];
	while (todo.length)
		for (const out of wf.connections[todo.pop()!]?.main ?? [])
			for (const c of out ?? [])
				if (!seen.has(c.node)) {
					seen.add(c.node);
					todo.push(c.node);
				}
	return seen;
}

test('Send Email nodes are left only in the outbox sender and the error workflow', () => {
	const sending = workflows.filter(({ wf }) => wf.nodes.some((n) => n.type === 'n8n-nodes-base.emailSend')).map(({ file }) => file);
	expect(sending.sort()).toEqual(['error-notice.json', 'outbox.json']);
});

test('every Queue Email step is followed by Send the messages now (the Outbox workflow)', () => {
	const queued = workflows.flatMap(({ file, wf }) =>
		wf.nodes
			.filter((n) => n.type === 'n8n-nodes-after-sales.afterSalesRegister' && n.parameters.resource === 'outbox' && n.parameters.operation === 'queueEmail')
			.map((n) => ({ file, wf, node: n.name })),
	);
	// The digests, the vouchers, the steps' and the scans' emails: far more than a handful.
	expect(queued.length).toBeGreaterThanOrEqual(25);
	const withoutSend = queued.filter(({ wf, node }) => {
		const after = downstream(wf, node);
		return !wf.nodes.some(
			(n) =>
				after.has(n.name) &&
				n.type === 'n8n-nodes-base.executeWorkflow' &&
				(n.parameters.workflowId as { value?: string } | undefined)?.value === 'afterSalesOutbox01',
		);
	});
	expect(withoutSend.map(({ file, node }) => `${file}: ${node}`)).toEqual([]);
});

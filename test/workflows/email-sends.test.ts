/**
 * Every message goes through the outbox (issue 19 item 3): across all shipped workflows, n8n's Send
 * Email node is left in two places only — the outbox's own sender (outbox.json: the queued emails
 * and the manager's daily line of failures) and the error workflow (error-notice.json), which must
 * reach the manager when the store itself is what failed. Every Queue Email step has *Send the
 * messages now* (the Outbox workflow) after it, so its email leaves within seconds.
 */
import { allWorkflows, downstream } from '../harness/workflow-json';

const workflows = allWorkflows();

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

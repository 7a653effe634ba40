/**
 * The technician's voucher email (发送服务凭证) goes through the outbox (issue 19 item 3) in every
 * workflow that dispatches: Register › Outbox › Queue Email to the technician, the voucher attached,
 * once per dispatch (`voucher-email:<ticket>:<technician>:<dispatchedAt>`), behind the "email the
 * technician?" IF as before, then *Send the messages now* (the Outbox workflow). No Send Email node
 * sends it any more. What the key does on the engine (a retried run, a reassignment, back to the
 * first technician): test/nodes/voucher-email.test.ts.
 */
import { loadWorkflow, type Workflow } from '../harness/workflow-json';


const SEND_EMAIL = 'n8n-nodes-base.emailSend';
const REGISTER = 'n8n-nodes-after-sales.afterSalesRegister';
const VOUCHER = 'Send the voucher to the technician (发送服务凭证)';
const TICKET = 'Ticket with its voucher (工单与服务凭证)';
const IF_EMAIL = 'Email the technician? (通知技术员)';
const SEND_NOW = 'Send the messages now (立即发送消息)';
const KEY = "={{ 'voucher-email:' + $json.ticketNumber + ':' + $json.technician.id + ':' + $json.dispatchedAt }}";

const WORKFLOWS = [
	'daily-dispatch.json',
	'follow-up-call-form.json',
	'maintenance-run.json',
	'repair-dispatch.json',
	'repair-intake.json',
	'repair-report-form.json',
	'scan-to-report.json',
];

const node = (wf: Workflow, name: string) => wf.nodes.find((n) => n.name === name)!;
/** The nodes that lead into `to` (their output index). */
const into = (wf: Workflow, to: string) =>
	Object.entries(wf.connections).flatMap(([from, c]) => c.main.flatMap((out, i) => ((out ?? []).some((x) => x.node === to) ? [[from, i]] : [])));

describe.each(WORKFLOWS)('%s', (file) => {
	const wf = loadWorkflow(file);

	test('no Send Email node is left', () => {
		expect(wf.nodes.filter((n) => n.type === SEND_EMAIL).map((n) => n.name)).toEqual([]);
	});

	test('the voucher is queued to the technician once per dispatch, attached, behind the email IF', () => {
		const q = node(wf, VOUCHER);
		expect(q.type).toBe(REGISTER);
		expect(q.parameters).toMatchObject({
			resource: 'outbox',
			operation: 'queueEmail',
			toEmail: '={{ $json.technician.email }}',
			messageKey: KEY,
			attachments: 'serviceVoucher',
		});
		expect(String(q.parameters.subject)).toMatch(/\{\{ \$json\.ticketNumber \}\}/);
		expect(String(q.parameters.text)).toContain('服务凭证 Voucher: {{ $json.voucherNumber }}');
		expect(q.credentials).toEqual({ afterSalesStore: { id: 'afterSalesStore01', name: 'After-Sales Store' } });
		// A refused address (not an email address) does not stop the run: the ticket is dispatched all the same.
		expect(q.onError).toBe('continueRegularOutput');

		// Fed by the ticket as it stands after the dispatch (its voucher as the binary serviceVoucher) …
		expect(into(wf, VOUCHER)).toEqual([[TICKET, 0]]);
		expect(node(wf, TICKET).parameters).toMatchObject({ resource: 'ticket', operation: 'get', ticketNumber: '={{ $json.ticketNumber }}' });
		// … behind the IF that asks for a dispatch, an address and email on.
		expect(into(wf, TICKET)).toEqual([[IF_EMAIL, 0]]);
		const cond = JSON.stringify(node(wf, IF_EMAIL).parameters);
		expect(cond).toContain('emailEnabled === true');
		expect(cond).toContain('$json.technician?.email');
	});

	test('Send the messages now runs right after the voucher is queued', () => {
		expect(wf.connections[VOUCHER].main).toEqual([[{ node: SEND_NOW, type: 'main', index: 0 }]]);
		const send = node(wf, SEND_NOW);
		expect(send.type).toBe('n8n-nodes-base.executeWorkflow');
		expect(send.parameters).toMatchObject({
			source: 'database',
			workflowId: { __rl: true, mode: 'list', value: 'afterSalesOutbox01', cachedResultName: 'Outbox (发件箱): staff groups, SMS, email' },
		});
		// Once with all its items (the Execute Workflow's default mode), not once per technician.
		expect(send.parameters.mode ?? 'once').toBe('once');
		expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.executeWorkflow')).toHaveLength(1);
	});
});

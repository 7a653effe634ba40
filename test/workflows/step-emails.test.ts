/**
 * The emails the steps send go through the outbox (issue 19 item 3): the invoice to the accountant
 * (visit result, return), the product-ready email (验讫), the processing sheet to the factory, the
 * tile order's payment notice and settlement, the complaint's reply letter. Each is Register ›
 * Outbox › Queue Email — once per Message Key, behind the "email on?" IF as before, with the same
 * recipient, subject, text and attachments — and *Send the messages now* (the Outbox workflow)
 * runs after it and after the IF's other branch where the step itself queued an SMS. No Send Email
 * node is left in these workflows.
 */
import { downstream, loadWorkflow, type Workflow } from '../harness/workflow-json';


const SEND_EMAIL = 'n8n-nodes-base.emailSend';
const REGISTER = 'n8n-nodes-after-sales.afterSalesRegister';
const SEND_NOW = 'Send the messages now (立即发送消息)';

interface Queued {
	/** The Queue Email node (the Send Email's name, kept). */
	name: string;
	/** The key's expression, exactly. */
	key: string;
	/** The binary properties attached ('' for none). */
	attachments: string;
	/** The expression of the recipient (as the Send Email had it). */
	to: string;
	/** The IF's false branch that leads into Send now too (the step queued an SMS), if any. */
	otherBranch?: string;
}

const INVOICE_KEY = "={{ 'invoice-email:' + $json.invoiceNumber }}";
const READY_KEY = "={{ 'ready-email:' + $json.ticketNumber }}";

const WORKFLOWS: Record<string, Queued[]> = {
	'repair-steps-form.json': [
		{
			name: 'Send the invoice to the accountant (发送收费单)',
			key: INVOICE_KEY,
			attachments: 'invoice',
			to: "={{ $('Settings (设置)').first().json.accountantEmail }}",
		},
		{
			name: 'Email the customer: ready (通知客户：已修妥)',
			key: READY_KEY,
			attachments: '',
			to: '={{ $json.feedback.email }}',
			otherBranch: 'No email: the desk calls the customer (电话通知客户)',
		},
	],
	'repair-visit-result.json': [
		{
			name: 'Visit result (上门结果) · send the invoice to the accountant (发送收费单)',
			key: INVOICE_KEY,
			attachments: 'invoice',
			to: "={{ $('Settings (设置) · visit').first().json.accountantEmail }}",
		},
		{
			name: 'Product returned (归还商品) · send the invoice to the accountant (发送收费单)',
			key: INVOICE_KEY,
			attachments: 'invoice',
			to: "={{ $('Settings (设置) · return').first().json.accountantEmail }}",
		},
		{
			name: 'Manager inspection (经理验讫) · email the customer: ready (通知客户：已修妥)',
			key: READY_KEY,
			attachments: '',
			to: '={{ $json.feedback.email }}',
			otherBranch: 'Manager inspection (经理验讫) · no email: the desk calls the customer (电话通知客户)',
		},
	],
	'visit-result-form.json': [
		{
			name: 'Send the invoice to the accountant (发送收费单)',
			key: INVOICE_KEY,
			attachments: 'invoice',
			to: "={{ $('Settings (设置)').first().json.accountantEmail }}",
		},
	],
	'tile-order-processing.json': [
		{
			name: 'Send the sheet to the factory (发送加工单)',
			key: "={{ 'processing-sheet-email:' + $json.orderNumber + ':' + $json.processingSheet.sentAt }}",
			attachments: 'processingSheetXlsx,processingSheet',
			to: '={{ $json.processingSheet.factoryEmail }}',
		},
	],
	'tile-order-notices.json': [
		{
			name: 'Payment notice (付款通知) · email to the customer',
			key: "={{ 'payment-notice-email:' + $json.orderNumber + ':' + $json.paymentNotice.amountDueFen }}",
			attachments: 'paymentNotice',
			to: '={{ $json.email }}',
			otherBranch: 'Payment notice (付款通知) · no email: no address or SMTP off',
		},
		{
			name: 'Settlement (结算) · email to the customer',
			key: "={{ 'settlement-email:' + $json.orderNumber + ':' + $json.settlement.balanceFen }}",
			attachments: 'settlementStatement',
			to: '={{ $json.email }}',
		},
	],
	'complaints.json': [
		{
			name: 'Reply to the customer (答复客户) · email the letter to the customer (邮寄答复函)',
			key: "={{ 'reply-letter-email:' + $('Reply to the customer (答复客户) · record').first().json.complaintNumber }}",
			attachments: 'replyLetter',
			to: "={{ $('Reply to the customer (答复客户) · record').first().json.replyDelivery.email }}",
			otherBranch: 'Reply to the customer (答复客户) · no email: printed for post (打印邮寄)',
		},
	],
};



/** The nodes with a connection into `to`, with the output they use. */
function parents(wf: Workflow, to: string): Array<{ node: string; output: number }> {
	const found: Array<{ node: string; output: number }> = [];
	for (const [node, c] of Object.entries(wf.connections))
		c.main.forEach((out, output) => {
			if ((out ?? []).some((x) => x.node === to)) found.push({ node, output });
		});
	return found;
}

describe.each(Object.entries(WORKFLOWS))('%s', (file, queued) => {
	const wf = loadWorkflow(file);
	const byName = (name: string) => wf.nodes.find((n) => n.name === name);

	test('no email is sent by a Send Email node; each is a Queue Email', () => {
		expect(wf.nodes.filter((n) => n.type === SEND_EMAIL).map((n) => n.name)).toEqual([]);
		const queues = wf.nodes.filter((n) => n.type === REGISTER && n.parameters.resource === 'outbox' && n.parameters.operation === 'queueEmail');
		expect(queues.map((n) => n.name).sort()).toEqual(queued.map((q) => q.name).sort());
	});

	test.each(queued.map((q) => [q.name, q] as const))('%s: queued once per key behind the email-on IF, then Send now', (_name, q) => {
		const node = byName(q.name)!;
		expect(node.type).toBe(REGISTER);
		expect(node.credentials?.afterSalesStore?.id).toBe('afterSalesStore01');
		expect(node.parameters).toMatchObject({ resource: 'outbox', operation: 'queueEmail', toEmail: q.to, messageKey: q.key });
		expect(String(node.parameters.messageKey)).toMatch(/^=\{\{ '[a-z-]+-email:' \+ /);
		expect(node.parameters.attachments ?? '').toBe(q.attachments);
		expect(String(node.parameters.subject)).not.toBe('');
		expect(String(node.parameters.text)).not.toBe('');
		// A refused address (no mail server involved any more) shows in the run; the branch goes on to Send now.
		expect(node.onError).toBe('continueRegularOutput');

		// Reached from the IF's true branch, as the Send Email was (directly or through the letter's node).
		const ifs = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.if' && JSON.stringify(n.parameters).includes('emailEnabled === true'));
		const guarding = ifs.filter((n) => (wf.connections[n.name]?.main[0] ?? []).some((c) => c.node === q.name || downstream(wf, c.node).has(q.name)));
		expect(guarding).toHaveLength(1);
		expect((wf.connections[guarding[0].name]?.main[1] ?? []).map((c) => c.node)).not.toContain(q.name);

		const send = byName(SEND_NOW)!;
		expect(send.type).toBe('n8n-nodes-base.executeWorkflow');
		expect(send.parameters).toMatchObject({ source: 'database', workflowId: { value: 'afterSalesOutbox01' } });
		expect((wf.connections[q.name]?.main[0] ?? []).map((c) => c.node)).toEqual([SEND_NOW]);
		if (q.otherBranch) {
			expect((wf.connections[guarding[0].name]?.main[1] ?? []).map((c) => c.node)).toEqual([q.otherBranch]);
			expect((wf.connections[q.otherBranch]?.main[0] ?? []).map((c) => c.node)).toEqual([SEND_NOW]);
		}
	});

	test('one Send now, and it runs after what is queued, never before it on the same path', () => {
		const sends = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.executeWorkflow' && (n.parameters.workflowId as { value?: string })?.value === 'afterSalesOutbox01');
		expect(sends.map((n) => n.name)).toEqual([SEND_NOW]);
		// Every node feeding Send now is a queued email or the IF's other branch: none is a step
		// whose email is still to be queued further down its path.
		for (const p of parents(wf, SEND_NOW)) {
			expect(p.output).toBe(0);
			expect([...queued.map((q) => q.name), ...queued.flatMap((q) => (q.otherBranch ? [q.otherBranch] : []))]).toContain(p.node);
		}
	});
});

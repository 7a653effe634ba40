/**
 * The scans' digest emails go through the outbox (issue 19 item 3): in each digest workflow the
 * email to the manager or the accountant is Register › Outbox › Queue Email — once per Message Key,
 * behind the "email on?" IF as before — and *Send the messages now* (the Outbox workflow) runs after
 * it, so the email goes out at once and is tried again when the mail server is down. The digest's
 * run waits for that send (a scan's run ends after it, so the digest has gone when the run ends).
 * These workflows have no Send Email node left: every email is queued (email-sends.test.ts).
 */
import { downstream, loadWorkflow } from '../harness/workflow-json';


const SEND_EMAIL = 'n8n-nodes-base.emailSend';
const REGISTER = 'n8n-nodes-after-sales.afterSalesRegister';

/** Each digest workflow: the Settings address its digest goes to, and the Send Email nodes it still has (not digests). */
const DIGESTS: Record<string, { to: string; otherSendEmails: string[] }> = {
	'cash-held-daily.json': { to: 'accountantEmail', otherSendEmails: [] },
	'receivables-weekly.json': { to: 'accountantEmail', otherSendEmails: [] },
	'weekly-work-reports.json': { to: 'managerEmail', otherSendEmails: [] },
	'monthly-kpi.json': { to: 'managerEmail', otherSendEmails: [] },
	'contract-expiry.json': { to: 'managerEmail', otherSendEmails: [] },
	'daily-dispatch.json': { to: 'managerEmail', otherSendEmails: [] },
};



describe.each(Object.entries(DIGESTS))('%s', (file, digest) => {
	const wf = loadWorkflow(file);

	test('no digest is sent by a Send Email node', () => {
		expect(wf.nodes.filter((n) => n.type === SEND_EMAIL).map((n) => n.name)).toEqual(digest.otherSendEmails);
	});

	test('the digest is queued once per key to the same address, behind the email-on IF, then Send now runs', () => {
		// The digest is the Queue Email to the Settings address (contract-expiry also queues each customer's
		// notice, the daily dispatch each technician's voucher email).
		const queued = wf.nodes.filter(
			(n) =>
				n.type === REGISTER &&
				n.parameters.resource === 'outbox' &&
				n.parameters.operation === 'queueEmail' &&
				n.parameters.toEmail === `={{ $('Settings (设置)').first().json.${digest.to} }}`,
		);
		expect(queued).toHaveLength(1);
		const q = queued[0];
		expect(q.parameters.toEmail).toBe(`={{ $('Settings (设置)').first().json.${digest.to} }}`);
		expect(String(q.parameters.subject)).not.toBe('');
		expect(String(q.parameters.text ?? q.parameters.html ?? '')).not.toBe('');
		expect(String(q.parameters.messageKey)).toMatch(/^=\{\{ '[a-z-]+-email:' \+ /);

		const ifs = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.if' && (wf.connections[n.name]?.main[0] ?? []).some((c) => c.node === q.name));
		expect(ifs).toHaveLength(1);
		expect(JSON.stringify(ifs[0].parameters)).toContain('emailEnabled === true');

		const send = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.executeWorkflow');
		expect(send).toHaveLength(1);
		expect(send[0].parameters).toMatchObject({ workflowId: { value: 'afterSalesOutbox01' }, options: { waitForSubWorkflow: true } });
		expect(downstream(wf, q.name).has(send[0].name)).toBe(true);
	});
});

/**
 * The scans that mark their record after the email go through the outbox (issue 19 item 3): the
 * overdue escalation, the survey links and the call list, the complaint notices, the customers'
 * contract expiry notices, the monthly opinions and the fault's voucher to the technician. Each
 * email is Register › Outbox › Queue Email with a Message Key (a retried run queues nothing new),
 * behind the "email on?" IF as before; the record is marked after the email is QUEUED (on the
 * success output, never on the refusal); a message the outbox refuses (no valid address) goes
 * where the Send Email's "not sent" went; and a *Send the messages now* that waits for the Outbox
 * workflow runs after it, so the email leaves at once. No Send Email node is left in these workflows.
 */
import { downstream, loadWorkflow, type Workflow } from '../harness/workflow-json';


const REGISTER = 'n8n-nodes-after-sales.afterSalesRegister';
const S = "$('Settings (设置)').first().json";

interface QueuedEmail {
	/** the key's first part (the message's kind in GET outbox) */
	kind: string;
	toEmail: string;
	attachments?: string;
	/** the node that marks the record, on the success output (mark after queued) */
	marks?: string;
	/** where a refused message goes (the Send Email's "not sent") */
	refused?: string;
	/** the key is one per run's list (executeOnce), else one per item */
	once?: boolean;
}

const SCANS: Record<string, Record<string, QueuedEmail>> = {
	'overdue-escalation.json': {
		'Escalate to the manager (上报经理)': { kind: 'overdue-email', toEmail: `={{ ${S}.managerEmail }}`, once: true },
	},
	'follow-up-surveys.json': {
		'Email the survey link (发送回访链接)': {
			kind: 'survey-email',
			toEmail: '={{ $json.email }}',
			marks: 'Mark emailed (标记已发送)',
			refused: 'Not sent: taken again later (未发送，稍后重试)',
		},
		'Email the call list to the manager (发送回访电话清单)': { kind: 'call-list-email', toEmail: `={{ ${S}.managerEmail }}`, once: true },
	},
	'complaint-notices.json': {
		'Email the manager (通知经理)': {
			kind: 'complaint-notice-email',
			toEmail: `={{ $json.notifyTo === 'company-manager' ? ${S}.companyManagerEmail + ', ' + ${S}.managerEmail : ${S}.managerEmail }}`,
			attachments: 'replyLetter',
			marks: 'Mark notice sent (标记已通知)',
			refused: 'Not sent: taken again later (未发送，稍后重试)',
		},
	},
	'contract-expiry.json': {
		'Email the notice to the customer (邮件通知客户)': {
			kind: 'expiry-notice-email',
			toEmail: '={{ $json.email }}',
			attachments: 'expiryNotice',
			refused: 'Not sent: see the error (未发送)',
		},
	},
	'periodic-follow-up.json': {
		'Email the manager the opinions (发送回访意见)': {
			kind: 'opinions-email',
			toEmail: `={{ ${S}.managerEmail }}`,
			attachments: 'opinionsReport',
		},
		'Send the voucher to the technician (发送服务凭证)': {
			kind: 'voucher-email',
			toEmail: '={{ $json.technician.email }}',
			attachments: 'serviceVoucher',
			refused: 'No email to the technician (未通知技术员)',
		},
	},
};

/** Queue Email nodes of these workflows tested as digests by digest-emails.test.ts. */
const DIGESTS: Record<string, string[]> = { 'contract-expiry.json': ['Queue the list for the manager (发送到期清单)'] };



const onOutput = (wf: Workflow, from: string, output: number) => (wf.connections[from]?.main[output] ?? []).map((c) => c.node);

describe.each(Object.entries(SCANS))('%s', (file, emails) => {
	const wf = loadWorkflow(file);

	test('no Send Email node is left: every email is queued in the outbox', () => {
		expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.emailSend').map((n) => n.name)).toEqual([]);
		const queued = wf.nodes.filter((n) => n.type === REGISTER && n.parameters.resource === 'outbox' && n.parameters.operation === 'queueEmail');
		expect(queued.map((n) => n.name).sort()).toEqual([...Object.keys(emails), ...(DIGESTS[file] ?? [])].sort());
	});

	describe.each(Object.entries(emails))('%s', (name, e) => {
		const q = wf.nodes.find((n) => n.name === name)!;

		test('Queue Email to the same recipient, with its attachments and a Message Key of its kind', () => {
			expect(q.type).toBe(REGISTER);
			expect(q.credentials?.afterSalesStore?.id).toBe('afterSalesStore01');
			expect(q.parameters).toMatchObject({ resource: 'outbox', operation: 'queueEmail', toEmail: e.toEmail });
			expect(String(q.parameters.subject)).not.toBe('');
			expect(String(q.parameters.text ?? '') + String(q.parameters.html ?? '')).not.toBe('');
			expect(q.parameters.attachments).toBe(e.attachments);
			expect(String(q.parameters.messageKey).startsWith(`={{ '${e.kind}:' + `)).toBe(true);
			expect(q.executeOnce === true).toBe(e.once === true);
		});

		test('behind the email-on IF', () => {
			const ifs = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.if' && JSON.stringify(n.parameters).includes('emailEnabled === true'));
			expect(ifs.some((i) => downstream(wf, i.name, 0).has(name) && !downstream(wf, i.name, 1).has(name))).toBe(true);
		});

		test('the record is marked once the email is queued, a refused email goes to "not sent", and Send now follows', () => {
			if (e.marks) expect(onOutput(wf, name, 0)).toContain(e.marks);
			if (e.refused) {
				expect(q.onError).toBe('continueErrorOutput');
				expect(onOutput(wf, name, 1)).toEqual([e.refused]);
				if (e.marks) expect(downstream(wf, name, 1).has(e.marks)).toBe(false);
			} else expect(q.onError).toBeUndefined();
			const sendNow = [...downstream(wf, name, 0)]
				.map((n) => wf.nodes.find((x) => x.name === n)!)
				.filter((n) => n.type === 'n8n-nodes-base.executeWorkflow');
			expect(sendNow).toHaveLength(1);
			expect(sendNow[0].parameters).toMatchObject({
				source: 'database',
				workflowId: { __rl: true, value: 'afterSalesOutbox01', cachedResultName: 'Outbox (发件箱): staff groups, SMS, email' },
				options: { waitForSubWorkflow: true },
			});
			expect(sendNow[0].executeOnce).toBe(true);
		});
	});
});

test('overdue escalation: the tickets are marked only after the list is queued (or email is off), then Send now', () => {
	const wf = loadWorkflow('overdue-escalation.json');
	const merge = 'Once the manager is told (告知经理后)';
	expect(onOutput(wf, 'Escalate to the manager (上报经理)', 0)).toEqual([merge]);
	expect(wf.connections['Escalate to the manager (上报经理)'].main[0]![0].index).toBe(1);
	expect(onOutput(wf, merge, 0)).toEqual(['Mark them escalated (标记已上报)']);
	expect(onOutput(wf, 'Mark them escalated (标记已上报)', 0)).toEqual(['Send the messages now (立即发送消息)']);
});

test('the keys name what makes each message one', () => {
	const key = (file: string, name: string) => String(loadWorkflow(file).nodes.find((n) => n.name === name)!.parameters.messageKey);
	// Overdue: each ticket with its period and its due time (a new promisedBy starts the periods again).
	expect(key('overdue-escalation.json', 'Escalate to the manager (上报经理)')).toContain(
		"i.json.ticketNumber + '#' + i.json.escalatedPeriod + '@' + i.json.dueAt",
	);
	// A complaint's notice: its kind, severity (new) or period (overdue), who is told, and the judgment it follows,
	// so a complaint raised to serious after its general notice gets a new notice to the company manager.
	const notice = key('complaint-notices.json', 'Email the manager (通知经理)');
	for (const part of ['$json.complaintNumber', '$json.notice.kind', '$json.notice.severity', '$json.notice.period', '$json.notifyTo', '$json.judgment?.judgedAt'])
		expect(notice).toContain(part);
	expect(key('follow-up-surveys.json', 'Email the survey link (发送回访链接)')).toContain('$json.surveyNumber');
	expect(key('contract-expiry.json', 'Email the notice to the customer (邮件通知客户)')).toContain('$json.noticeNumber');
	// The voucher: one per dispatch of the ticket to a technician (a reassignment is a new dispatch).
	const voucher = key('periodic-follow-up.json', 'Send the voucher to the technician (发送服务凭证)');
	for (const part of ['$json.ticketNumber', '$json.technicianId', '$json.dispatchedAt']) expect(voucher).toContain(part);
});

/**
 * The scheduled workflows, run once each on the live installation from their *Run now* trigger
 * (the editor's manual run, on the server), emails to the sink.
 */
import { join } from 'node:path';
import { Store } from '../../nodes/shared/store/store';
import { getWebhook, postWebhook, state, waitForMail, openStore, runWorkflow } from './server';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

let store: Store;
beforeAll(async () => {
	store = await openStore();
});
afterAll(() => store.close());

const mailsMentioning = (text: string) =>
	readdirSync(state().mailFolder)
		.map((f) => JSON.parse(readFileSync(join(state().mailFolder, f), 'utf8')) as { to: string[]; text: string })
		.filter((m) => m.to.includes('manager@e2e.test') && m.text.includes(text));

test('daily dispatch: what cannot be dispatched is emailed to the manager with the reason', async () => {
	// A technician exists, but nobody has the skill this report needs.
	expect((await postWebhook('import/technicians', [{ name: '钱师傅', phone: '13500000099', skills: 'E2E别的' }])).json).toMatchObject({
		rejected: [],
	});
	const res = await postWebhook('repairs', {
		customerName: '无人会修',
		phone: '13300000001',
		address: '上海',
		siteSituation: '奇怪的设备',
		skill: 'E2E没人会',
	});
	expect(res.json.status).toBe('open');
	await runWorkflow('afterSalesDaily001');
	const mail = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.text.includes(String(res.json.ticketNumber)));
	expect(mail.text).toContain('E2E没人会');
});

test('daily dispatch: a ticket that waited is dispatched, and its technician gets the voucher by email', async () => {
	const res = await postWebhook('repairs', {
		customerName: '等人来修',
		phone: '13300000003',
		address: '上海市静安区',
		siteSituation: '热水器不点火',
		skill: 'E2E晨派',
	});
	expect(res.json).toMatchObject({ status: 'open', technician: null });
	const n = String(res.json.ticketNumber);
	expect(
		(await postWebhook('import/technicians', [{ name: '陈师傅', phone: '13500000098', email: 'chen@e2e.test', skills: 'E2E晨派' }])).json,
	).toMatchObject({ rejected: [] });
	await runWorkflow('afterSalesDaily001');
	const mail = await waitForMail((m) => m.to.includes('chen@e2e.test') && m.subject.includes(n));
	const voucher = mail.attachments.find((a) => a.filename.endsWith('service-voucher.html'));
	expect(voucher?.content).toContain(n);
	expect(voucher?.content).toContain('陈师傅');
});

/** A report from long ago that nobody can take: overdue, and its ticket number. */
async function overdueTicket(customerName: string, phone: string, reportedAt: string): Promise<string> {
	const res = await postWebhook('repairs', { customerName, phone, address: '上海', siteSituation: '一直没修好', skill: 'E2E没人会', reportedAt });
	expect(res.status).toBe(201);
	return String(res.json.ticketNumber);
}

/** The overdue escalation emails that name ticket `n`, as the outbox holds them. */
const overdueEmails = (n: string) =>
	store.db
		.selectFrom('outbox')
		.select(['id', 'channel', 'recipient', 'status', 'attempts', 'lastError'])
		.where('kind', '=', 'overdue-email')
		.where('payload', 'like', `%${n}%`)
		.execute();

test('overdue escalation: while the mail server is down the email waits in the outbox and the ticket is marked; once it is back the email goes once', async () => {
	const n = await overdueTicket('邮件失败时', '13300000004', '2026-01-07T09:00:00+08:00');
	const down = `${state().mailFolder}.down`;
	writeFileSync(down, '');
	try {
		// The sink refuses every recipient with 451 (smtp-sink.js). The run queues the email (outbox),
		// marks the ticket and ends well: the mail server is the outbox's business now, not the run's.
		await runWorkflow('afterSalesOverdue1');
		const marked = await store.db.selectFrom('tickets').select('escalatedPeriod').where('ticketNumber', '=', n).executeTakeFirstOrThrow();
		expect(marked.escalatedPeriod).toBeGreaterThan(0);
		// Send now tried it at once; it waits, pending, with the refusal, and GET outbox lists it.
		const waiting = await overdueEmails(n);
		expect(waiting).toEqual([expect.objectContaining({ channel: 'email', recipient: 'manager@e2e.test', status: 'pending', attempts: 1 })]);
		expect(waiting[0].lastError).toMatch(/451/);
		const pending = JSON.parse((await getWebhook('outbox?status=pending')).text) as Array<Record<string, unknown>>;
		expect(pending.find((r) => Number(r.id) === Number(waiting[0].id))).toMatchObject({ kind: 'overdue-email', status: 'pending' });
		expect(mailsMentioning(n)).toHaveLength(0);
		// The next hour's run, the server still down: the ticket is marked, so nothing more is queued for it.
		await runWorkflow('afterSalesOverdue1');
		expect(await overdueEmails(n)).toHaveLength(1);
	} finally {
		rmSync(down);
	}
	// The server back: the outbox's retry delivers the email, once.
	expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	await waitForMail((m) => m.to.includes('manager@e2e.test') && m.text.includes(n));
	expect(await overdueEmails(n)).toEqual([expect.objectContaining({ status: 'sent' })]);
	expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	await runWorkflow('afterSalesOverdue1');
	expect(mailsMentioning(n)).toHaveLength(1);
});

test('overdue escalation: an overdue ticket is reported once per overdue period', async () => {
	const n = await overdueTicket('早就报修', '13300000002', '2026-01-05T09:00:00+08:00');
	await runWorkflow('afterSalesOverdue1');
	await waitForMail((m) => m.to.includes('manager@e2e.test') && m.text.includes(n));
	await runWorkflow('afterSalesOverdue1');
	expect(mailsMentioning(n)).toHaveLength(1);
	const row = await store.db.selectFrom('tickets').select('escalatedPeriod').where('ticketNumber', '=', n).executeTakeFirstOrThrow();
	expect(row.escalatedPeriod).toBeGreaterThan(0);
});

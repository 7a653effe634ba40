/**
 * The scheduled workflows, run once each on the live installation from their *Run now* trigger
 * (the editor's manual run, on the server), emails to the sink.
 */
import { join } from 'node:path';
import { Store } from '../../nodes/shared/store/store';
import { postWebhook, state, waitForMail, openStore, runWorkflow } from './server';
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

test('overdue escalation: while the mail server is down nothing is marked, and the next run tells the manager', async () => {
	const n = await overdueTicket('邮件失败时', '13300000004', '2026-01-07T09:00:00+08:00');
	const down = `${state().mailFolder}.down`;
	writeFileSync(down, '');
	try {
		// The sink refuses every recipient with 451 (smtp-sink.js): the run fails on that refusal, not on anything else.
		await expect(runWorkflow('afterSalesOverdue1')).rejects.toThrow(/451/);
	} finally {
		rmSync(down);
	}
	const before = await store.db.selectFrom('tickets').select('escalatedPeriod').where('ticketNumber', '=', n).executeTakeFirstOrThrow();
	expect(before.escalatedPeriod).toBe(0);
	await runWorkflow('afterSalesOverdue1');
	await waitForMail((m) => m.to.includes('manager@e2e.test') && m.text.includes(n));
	const after = await store.db.selectFrom('tickets').select('escalatedPeriod').where('ticketNumber', '=', n).executeTakeFirstOrThrow();
	expect(after.escalatedPeriod).toBeGreaterThan(0);
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

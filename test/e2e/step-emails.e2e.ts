/**
 * The steps' emails go through the outbox (issue 19 item 3) on the live server: while the mail
 * server is down (the SMTP sink refuses every recipient, smtp-sink.js) the manager's 验讫 and the
 * product's return are recorded as always — the ticket moves on, the history has the customer's
 * message, the invoice is issued — and their two emails (the product-ready email to the customer,
 * the invoice to the accountant) wait in the outbox (`GET outbox?status=pending`, tried once, with
 * the server's error). Once the server is back, `POST outbox/retry` delivers each exactly once; a
 * second retry and the Outbox workflow's own run send nothing more.
 */
import { rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { Store } from '../../nodes/shared/store/store';
import { getWebhook, openStore, postWebhook, runWorkflow, state, waitForMail, type SentMail } from './server';

const stamp = Date.now().toString().slice(-4);
const SKILL = `E2E发件箱${stamp}`;
const EMAIL = `ready-outbox-${stamp}@e2e.test`;

let store: Store;
beforeAll(async () => {
	store = await openStore();
	expect(
		(await postWebhook('import/technicians', [{ name: '发件箱师傅', phone: `1376666${stamp}`, skills: SKILL, dailyCapacity: 9 }])).json,
	).toMatchObject({
		rejected: [],
	});
});
afterAll(async () => {
	rmSync(`${state().mailFolder}.down`, { force: true });
	await store?.close();
});

interface OutboxRow {
	id: number;
	kind: string;
	channel: string;
	to: string | null;
	subject: string | null;
	status: string;
	attempts: number;
	lastError: string | null;
}

const listed = async (status: string) => JSON.parse((await getWebhook(`outbox?status=${status}`)).text) as OutboxRow[];
const mails = (match: (m: SentMail) => boolean) =>
	readdirSync(state().mailFolder)
		.map((f) => JSON.parse(readFileSync(`${state().mailFolder}/${f}`, 'utf8')) as SentMail)
		.filter(match);

/** Waits until `pick` finds the rows it wants among the pending messages. */
async function pendingUntil(pick: (rows: OutboxRow[]) => OutboxRow[], count: number, timeoutMs = 30_000): Promise<OutboxRow[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = pick(await listed('pending'));
		if (rows.length === count || Date.now() > deadline) return rows;
		await new Promise((r) => setTimeout(r, 300));
	}
}

test('mail server down: 验讫 and the return are recorded, their emails wait in the outbox; back up, one retry delivers each once', async () => {
	const customerName = `发件箱客户${stamp}`;
	const phone = `1377777${stamp}`;
	expect((await postWebhook('import/customers', [{ name: customerName, phone, email: EMAIL }])).json).toMatchObject({ rejected: [] });
	const report = await postWebhook('repairs', { customerName, phone, address: '上海市静安区 9 号', siteSituation: '热水器漏水', skill: SKILL });
	expect(report.json).toMatchObject({ status: 'dispatched' });
	const n = String(report.json.ticketNumber);
	expect(
		(await postWebhook(`repairs/${n}/visit`, { outcome: 'taken-back', product: '电热水器', customerSignature: '客户', minutes: 30 })).json,
	).toMatchObject({
		status: 'taken-back',
	});
	expect((await postWebhook(`repairs/${n}/repair-work`, { minutes: 60, description: '更换密封圈', parts: '密封圈 x1 @20' })).json).toMatchObject({
		status: 'repaired',
	});

	const down = `${state().mailFolder}.down`;
	writeFileSync(down, '');
	let invoiceNumber: string;
	try {
		const inspected = await postWebhook(`repairs/${n}/inspect`, { inspectedBy: '张经理' });
		expect([inspected.status, inspected.json?.status]).toEqual([200, 'inspected']);
		expect(inspected.json).toMatchObject({ feedback: { kind: 'product-ready', channel: 'email', email: EMAIL } });
		const returned = await postWebhook(`repairs/${n}/return`, { customerSignature: '客户' });
		expect([returned.status, returned.json?.status]).toEqual([200, 'returned']);
		expect(returned.json.invoice).toMatchObject({ status: 'issued', paidFen: 0 });
		invoiceNumber = String((returned.json.invoice as { invoiceNumber: string }).invoiceNumber);

		// Both emails were tried by Send now, refused by the server, and wait with its error.
		const waiting = await pendingUntil((rows) => rows.filter((r) => r.channel === 'email' && (r.subject ?? '').includes(n) && r.attempts >= 1), 1);
		const invoiceWaiting = await pendingUntil(
			(rows) => rows.filter((r) => r.channel === 'email' && (r.subject ?? '').includes(invoiceNumber) && r.attempts >= 1),
			1,
		);
		expect(waiting).toEqual([expect.objectContaining({ kind: 'ready-email', to: EMAIL, status: 'pending', attempts: 1 })]);
		expect(waiting[0].lastError).toMatch(/451/);
		expect(invoiceWaiting).toEqual([expect.objectContaining({ kind: 'invoice-email', to: 'accountant@e2e.test', status: 'pending', attempts: 1 })]);
		expect(invoiceWaiting[0].lastError).toMatch(/451/);
		expect(mails((m) => m.subject.includes(n) || m.subject.includes(invoiceNumber))).toEqual([]);
	} finally {
		rmSync(down, { force: true });
	}

	// The record moved on regardless: returned, with the customer's message in its history.
	const ticket = await store.db.selectFrom('tickets').select(['id', 'status']).where('ticketNumber', '=', n).executeTakeFirstOrThrow();
	expect(ticket.status).toBe('returned');
	const messages = await store.db
		.selectFrom('ticketEvents')
		.select('action')
		.where('ticketId', '=', ticket.id)
		.where('action', '=', 'customerMessage')
		.execute();
	expect(messages).toHaveLength(1);

	const retry = await postWebhook('outbox/retry', {});
	expect(retry.status).toBe(200);
	const ready = await waitForMail((m) => m.to.includes(EMAIL) && m.subject.includes(n));
	expect(ready.subject).toBe(`您的送修商品已修妥 Your product is repaired · ${n}`);
	expect(ready.from).toBe('after-sales@e2e.test');
	const invoice = await waitForMail((m) => m.to.includes('accountant@e2e.test') && m.subject.includes(invoiceNumber));
	expect(invoice.attachments.find((a) => a.filename.endsWith('invoice.html'))?.content).toContain(invoiceNumber);

	// Nothing goes twice: another retry and the Outbox workflow's own run find nothing of these.
	await postWebhook('outbox/retry', {});
	await runWorkflow('afterSalesOutbox01', 'Every 2 minutes (每2分钟)');
	expect(mails((m) => m.subject.includes(n))).toHaveLength(1);
	expect(mails((m) => m.subject.includes(invoiceNumber))).toHaveLength(1);
	const sent = (await listed('sent')).filter((r) => (r.subject ?? '').includes(n) || (r.subject ?? '').includes(invoiceNumber));
	expect(sent.map((r) => [r.kind, r.attempts]).sort()).toEqual([
		['invoice-email', 2],
		['ready-email', 2],
	]);
});

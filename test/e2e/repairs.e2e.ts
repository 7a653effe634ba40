/** The repair service on the live server: intake, dispatch, email, visit, take-back repair, close. */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Store } from '../../nodes/shared/store/store';
import { awaitOneServiceDay, getWebhook, postWebhook, serviceDay, state, waitForMail, openStore, type SentMail } from './server';

let store: Store;
beforeAll(async () => {
	store = await openStore();
});
afterAll(() => store.close());

async function technicians(rows: object[]) {
	const res = await postWebhook('import/technicians', rows);
	expect(res.json).toMatchObject({ rejected: [] });
}

let phoneSeq = 0;
const report = (skill: string, over: Record<string, unknown> = {}) => ({
	customerName: `报修客户${++phoneSeq}`,
	contactPerson: '陈经理',
	phone: `1360000${String(phoneSeq).padStart(4, '0')}`,
	address: '上海市徐汇区漕溪路 88 号',
	siteSituation: '空调不制冷 <script>x</script>',
	skill,
	...over,
});

test('intake → dispatch → voucher emailed to the technician → solved on site → close', async () => {
	await technicians([{ name: '周师傅', phone: '13500000001', email: 'zhou@e2e.test', skills: 'E2E空调', areas: '徐汇', dailyCapacity: 5 }]);
	const res = await postWebhook('repairs', report('E2E空调'));
	expect(res.status).toBe(201);
	expect(res.json).toEqual({
		ticketNumber: expect.stringMatching(/^BX-\d{8}-\d{4}$/),
		voucherNumber: expect.stringMatching(/^PZ-\d{8}-\d{4}$/),
		customerType: 'liaison-letter',
		category: 'A',
		status: 'dispatched',
		technician: { name: '周师傅', phone: '13500000001' },
		dueAt: expect.any(String),
	});
	const n = String(res.json.ticketNumber);
	const mail = await waitForMail((m) => m.to.includes('zhou@e2e.test') && m.subject.includes(n));
	expect(mail.from).toBe('after-sales@e2e.test');
	const voucher = mail.attachments.find((a) => a.filename.endsWith('service-voucher.html'));
	expect(voucher?.content).toContain('服务凭证');
	expect(voucher?.content).toContain(n);
	expect(voucher?.content).not.toContain('<script>x</script>');
	// The service company heads the page, as npm start took it from AFTER_SALES_COMPANY_* (escaped: its name has an &).
	const { company } = state();
	expect(voucher?.content).toContain(company.name.replace('&', '&amp;'));

	// The printable pages, as a newcomer opens them in a browser.
	const page = await getWebhook(`repairs/${n}/documents/voucher`);
	expect(page.status).toBe(200);
	expect(page.contentType).toMatch(/text\/html/);
	expect(page.text).toMatch(/<title>服务凭证/);
	expect(page.text).toContain('周师傅');
	const english = await getWebhook(`repairs/${n}/documents/voucher?lang=en`);
	expect(english.text).toMatch(/<title>Service Voucher/);
	expect(english.text).toContain('周师傅');
	const form = await getWebhook(`repairs/${n}/documents/form`);
	expect(form.text).toMatch(/<title>客户报修服务单/);
	for (const served of [page, english, form]) {
		expect(served.text).toContain(company.name.replace('&', '&amp;'));
		expect(served.text).toContain(company.address);
		expect(served.text).toContain(company.phone);
	}
	expect(form.text).toContain('&lt;script&gt;x&lt;/script&gt;');
	expect((await getWebhook(`repairs/${n}/documents/receipt`)).status).toBe(404);
	expect((await getWebhook('repairs/BX-19990101-0001/documents/voucher')).status).toBe(404);

	const visit = await postWebhook(`repairs/${n}/visit`, { outcome: 'solved', solution: '清洗滤网', customerSignature: '陈经理', minutes: 40 });
	expect(visit.status).toBe(200);
	expect(visit.json).toMatchObject({ ticketNumber: n, status: 'solved-on-site', solution: '清洗滤网' });
	const closed = await postWebhook(`repairs/${n}/close`, {});
	expect(closed.status).toBe(200);
	expect(closed.json).toMatchObject({ status: 'closed', voucherArchivedAt: expect.any(String) });
});

/** The mails the sink took so far to `to` about `text` (its subject). */
const mailsAbout = (to: string, text: string) =>
	readdirSync(state().mailFolder)
		.map((f) => JSON.parse(readFileSync(`${state().mailFolder}/${f}`, 'utf8')) as SentMail)
		.filter((m) => m.to.includes(to) && m.subject.includes(text));

test('mail server down: the ticket is dispatched and its voucher email waits in the outbox; the retry delivers it once, a retried report adds none', async () => {
	await technicians([{ name: '钱师傅', phone: '13500000009', email: 'qian@e2e.test', skills: 'E2E发件箱', dailyCapacity: 5 }]);
	const down = `${state().mailFolder}.down`;
	writeFileSync(down, '');
	const body = report('E2E发件箱', { idempotencyKey: `e2e-outbox-voucher-${Date.now()}` });
	let n = '';
	try {
		const res = await postWebhook('repairs', body);
		expect(res.status).toBe(201);
		expect(res.json).toMatchObject({ status: 'dispatched', technician: { name: '钱师傅' } });
		n = String(res.json.ticketNumber);
		// Send the messages now tried it: the sink refused (451), the email waits with the error, to be tried again.
		const deadline = Date.now() + 30_000;
		let row: { status: string; attempts: number; lastError: string | null; recipient: string | null; messageKey: string } | undefined;
		while (Date.now() < deadline) {
			row = await store.db
				.selectFrom('outbox')
				.select(['status', 'attempts', 'lastError', 'recipient', 'messageKey'])
				.where('kind', '=', 'voucher-email')
				.where('subject', 'like', `%${n}%`)
				.executeTakeFirst();
			if (row && row.attempts > 0) break;
			await new Promise((r) => setTimeout(r, 300));
		}
		expect(row).toMatchObject({ status: 'pending', attempts: 1, recipient: 'qian@e2e.test' });
		expect(row!.messageKey).toMatch(new RegExp(`^voucher-email:${n}:\\d+:`));
		expect(row!.lastError).toMatch(/451/);
		expect(mailsAbout('qian@e2e.test', n)).toEqual([]);
	} finally {
		rmSync(down);
	}
	// The mail server back: the outbox's retry sends it, once.
	expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	const mail = await waitForMail((m) => m.to.includes('qian@e2e.test') && m.subject.includes(n));
	expect(mail.attachments.find((a) => a.filename.endsWith('service-voucher.html'))?.content).toContain(n);
	// The same report sent again (its idempotency key): the same ticket, the same dispatch — no second voucher email.
	const again = await postWebhook('repairs', body);
	expect([again.status, again.json.ticketNumber]).toEqual([201, n]);
	expect((await postWebhook('outbox/retry', {})).status).toBe(200);
	expect(mailsAbout('qian@e2e.test', n)).toHaveLength(1);
	const rows = await store.db
		.selectFrom('outbox')
		.select(['status'])
		.where('kind', '=', 'voucher-email')
		.where('subject', 'like', `%${n}%`)
		.execute();
	expect(rows).toEqual([{ status: 'sent' }]);
});

test('intake → taken back → repair work → inspect → return → close', async () => {
	await technicians([{ name: '吴师傅', phone: '13500000002', email: 'wu@e2e.test', skills: 'E2E电梯', dailyCapacity: 5 }]);
	const res = await postWebhook('repairs', report('E2E电梯'));
	expect(res.status).toBe(201);
	const n = String(res.json.ticketNumber);
	const taken = await postWebhook(`repairs/${n}/visit`, {
		outcome: 'taken-back',
		product: '电梯控制板',
		serialNo: 'CTRL-9',
		customerSignature: '陈经理',
	});
	expect(taken.json).toMatchObject({ status: 'taken-back', takeBack: { receipt: { product: '电梯控制板', voidedAt: null } } });
	expect((await postWebhook(`repairs/${n}/repair-work`, { minutes: 120, description: '更换继电器', parts: '继电器 x2 @25' })).json).toMatchObject({
		status: 'repaired',
	});
	expect((await postWebhook(`repairs/${n}/inspect`, { inspectedBy: '张经理' })).json).toMatchObject({ status: 'inspected' });
	const again = await postWebhook(`repairs/${n}/inspect`, { inspectedBy: '张经理' });
	expect(again.status).toBe(400);
	expect(JSON.stringify(again.json)).toMatch(/inspect/i);
	const returned = await postWebhook(`repairs/${n}/return`, { customerSignature: '陈经理' });
	expect(returned.json).toMatchObject({ status: 'returned', takeBack: { receipt: { voidedAt: expect.any(String) } } });
	expect((await postWebhook(`repairs/${n}/close`, {})).json).toMatchObject({ status: 'closed' });
});

test('a report from an earlier day still waiting goes ahead of a new one (P12); its technician gets its voucher', async () => {
	// Reported on an earlier day when nobody could take it…
	const earlier = await postWebhook('repairs', report('E2E补派', { reportedAt: '2026-01-06T10:00:00+08:00' }));
	expect(earlier.json).toMatchObject({ status: 'open', technician: null });
	const leftover = String(earlier.json.ticketNumber);
	// …then a technician for it joins, with room for one job today, and a new report arrives.
	await technicians([{ name: '郑师傅', phone: '13500000003', email: 'zheng@e2e.test', skills: 'E2E补派', dailyCapacity: 1 }]);
	const fresh = await postWebhook('repairs', report('E2E补派'));
	expect(fresh.status).toBe(201);
	expect(fresh.json).toMatchObject({ status: 'open', technician: null });
	const mail = await waitForMail((m) => m.to.includes('zheng@e2e.test') && m.subject.includes(leftover));
	const voucher = mail.attachments.find((a) => a.filename.endsWith('service-voucher.html'));
	expect(voucher?.content).toContain(leftover);
	expect(voucher?.content).toContain('郑师傅');
	const row = await store.db.selectFrom('tickets').select(['status']).where('ticketNumber', '=', leftover).executeTakeFirstOrThrow();
	expect(row.status).toBe('dispatched');
});

test('50 concurrent intake requests: 50 tickets, 50 distinct numbers, no technician over capacity', async () => {
	await technicians(
		Array.from({ length: 10 }, (_, i) => ({
			name: `并发技师${i}`,
			phone: `1350001${String(i).padStart(4, '0')}`,
			skills: 'E2E并发',
			dailyCapacity: 3,
		})),
	);
	// 10 technicians × 3 jobs a day: exactly 30 of the 50 can go out, if all 50 arrive on one day.
	await awaitOneServiceDay(120);
	const day = serviceDay();
	const answers = await Promise.all(Array.from({ length: 50 }, () => postWebhook('repairs', report('E2E并发'))));
	expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
	const numbers = answers.map((a) => a.json.ticketNumber);
	expect(new Set(numbers).size).toBe(50);
	expect(answers.filter((a) => a.json.status === 'dispatched')).toHaveLength(30);
	const load = await store.db
		.selectFrom('tickets as t')
		.innerJoin('technicians as k', 'k.id', 't.technicianId')
		.select(['k.name', 'k.dailyCapacity', 't.dispatchedOn', (eb) => eb.fn.countAll<number>().as('jobs')])
		.where('t.ticketNumber', 'in', numbers as string[])
		.groupBy(['k.name', 'k.dailyCapacity', 't.dispatchedOn'])
		.execute();
	expect(load).toHaveLength(10);
	for (const l of load) {
		expect(l.dispatchedOn).toBe(day);
		expect(Number(l.jobs)).toBeLessThanOrEqual(l.dailyCapacity);
	}
});

test('the same request twice with one idempotency key makes one ticket', async () => {
	const key = `e2e-${Date.now()}`;
	const body = report('E2E无人', { idempotencyKey: key });
	const [a, b] = [await postWebhook('repairs', body), await postWebhook('repairs', body)];
	expect(a.status).toBe(201);
	expect(b.status).toBe(201);
	expect(b.json.ticketNumber).toBe(a.json.ticketNumber);
	const rows = await store.db.selectFrom('tickets').select('id').where('idempotencyKey', '=', key).execute();
	expect(rows).toHaveLength(1);
});

test('a bad report gets 400 with each field problem and no ticket', async () => {
	const before = await store.db
		.selectFrom('tickets')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const res = await postWebhook('repairs', { customerName: '', phone: '12', address: '上海' });
	expect(res.status).toBe(400);
	expect(res.json).toEqual({
		errors: [
			{ field: 'customerName', message: expect.stringContaining('is empty') },
			{ field: 'phone', message: expect.stringContaining('not a valid mainland China phone number') },
			{ field: 'siteSituation', message: expect.stringContaining('is empty') },
		],
	});
	expect(res.text).not.toMatch(/at \w+ \(|node_modules/);
	const after = await store.db
		.selectFrom('tickets')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	expect(Number(after.n)).toBe(Number(before.n));
	expect((await postWebhook('repairs', report('E2E空调'), { key: null })).status).toBeGreaterThanOrEqual(401);
});

test('a step for a ticket the register does not hold gets 404, naming the ticket number', async () => {
	const res = await postWebhook('repairs/BX-19990101-0001/visit', { outcome: 'solved', solution: '清洗滤网', customerSignature: '陈经理' });
	expect(res.status).toBe(404);
	expect(res.json).toEqual({ errors: [{ field: 'ticketNumber', message: 'No ticket BX-19990101-0001 is in the repair register (报修登记簿)' }] });
	expect((await postWebhook('repairs/BX-19990101-0001/close', {})).status).toBe(404);
});

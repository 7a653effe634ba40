/**
 * The outbox's producers (issue 19 items 1, 2, 6) on every backend: a new ticket queues its staff
 * message in the ticket's own transaction (once, also when the report is sent again; never without
 * the ticket), the dispatch that follows names the technician while the message waits, a report
 * nobody can take is told once, the survey link goes by SMS only to a customer without email, and
 * the intake keeps the email it is given on the customer file.
 */
import { sql } from 'kysely';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { dispatchAuto } from '../../nodes/shared/services/dispatch-run';
import { createSurvey } from '../../nodes/shared/services/follow-up';
import { recordVisit } from '../../nodes/shared/services/ticket-steps';
import { checkDocumentAccess } from '../../nodes/shared/services/document-links';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { DEFAULT_WEIGHTS } from '../../nodes/shared/rules/dispatch';
import { NotFoundError, ValidationError } from '../../nodes/shared/rules/errors';
import { createCustomer, findCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician } from '../../nodes/shared/store/registers/tickets';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 in Shanghai
const TODAY = '2026-11-27';
const BASE = 'https://service.example.com/webhook/after-sales/';
const HOURS = { A: 24, B: 24, C: 24, D: 24 };
const options = { responseHours: HOURS, today: TODAY, actor: 'test', now: NOW, notice: { zone: ZONE, documentLinkBase: BASE } };
const report = (over: Record<string, unknown> = {}) =>
	cleanRepairReport(
		{
			customerName: '华东物业',
			contactPerson: '陈经理',
			phone: '138 0000 5555',
			address: '上海市徐汇区漕溪路88号',
			siteSituation: '电梯异响，三楼停靠不平',
			reportedAt: '2026-11-27T09:30:00+08:00',
			...over,
		},
		ZONE,
		NOW,
	);

type Row = { messageKey: string; channel: string; kind: string; recipient: string | null; payload: string; ticketId: number | null; status: string };

for (const backend of backends()) {
	describe(`outbox producers on ${backend.name}`, () => {
		let store: Store;
		const outbox = async (): Promise<Row[]> =>
			(await store.db
				.selectFrom('outbox')
				.select(['messageKey', 'channel', 'kind', 'recipient', 'payload', 'ticketId', 'status'])
				.orderBy('id')
				.execute()) as Row[];
		beforeEach(async () => {
			store = await Store.open(backend.fresh(), () => NOW);
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		test('a new ticket queues one staff message with its content and a voucher link that opens the voucher', async () => {
			const { ticket } = await registerTicket(store, report(), options);
			expect(ticket.ticketNumber).toBe('BX-20261127-0001');
			const rows = await outbox();
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				messageKey: 'new-ticket:BX-20261127-0001',
				channel: 'staff',
				kind: 'new-ticket',
				recipient: null,
				status: 'pending',
				ticketId: ticket.id,
			});
			const payload = JSON.parse(rows[0].payload);
			expect(payload.kind).toBe('new-ticket');
			expect(payload.items).toHaveLength(1);
			const item = payload.items[0];
			// Reported 09:30 Shanghai, 24 hours to respond: due the next day at 09:30 Shanghai time.
			expect(item).toMatchObject({
				ticket: 'BX-20261127-0001',
				customer: '华东物业 陈经理 13800005555',
				address: '上海市徐汇区漕溪路88号',
				due: '2026-11-28 09:30',
				text: '电梯异响，三楼停靠不平',
			});
			expect(item.technician).toBeUndefined();
			const prefix = `${BASE}repairs/BX-20261127-0001/documents/voucher/`;
			expect(item.link.startsWith(prefix)).toBe(true);
			// The link carries a token the document webhook lets through (signed with the store's secret).
			const token = item.link.slice(prefix.length);
			await expect(checkDocumentAccess(store, 'repairs/BX-20261127-0001/documents/voucher', token, NOW)).resolves.toMatchObject({ by: 'link' });
			await expect(checkDocumentAccess(store, 'repairs/BX-20261127-0002/documents/voucher', token, NOW)).rejects.toThrow();
		});

		test('the same report sent again (its idempotency key) queues nothing more; without a link base the message has no link', async () => {
			const o = { ...options, notice: { zone: ZONE } };
			const first = await registerTicket(store, report({ idempotencyKey: 'call-17' }), o);
			const again = await registerTicket(store, report({ idempotencyKey: 'call-17' }), o);
			expect(again.duplicate).toBe(true);
			expect(again.ticket.ticketNumber).toBe(first.ticket.ticketNumber);
			const rows = await outbox();
			expect(rows.map((r) => r.messageKey)).toEqual(['new-ticket:BX-20261127-0001']);
			expect(JSON.parse(rows[0].payload).items[0].link).toBeUndefined();
		});

		test('a refused report queues nothing: bad input, an unknown customer code', async () => {
			expect(() => report({ email: 'chen at example' })).toThrow(ValidationError);
			await expect(registerTicket(store, report({ customerName: undefined, customerCode: 'KH-404' }), options)).rejects.toThrow(NotFoundError);
			expect(await outbox()).toEqual([]);
			expect(await store.db.selectFrom('tickets').select('id').execute()).toEqual([]);
		});

		test('the message cannot be written: the ticket is not kept either (one transaction)', async () => {
			// The store refuses this one message (a trigger standing for a failed write); the intake must roll back whole.
			if (backend.name === 'postgres') {
				await sql`create function refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox refused by the test'; end $$`.execute(
					store.db,
				);
				await sql`create trigger refuse_outbox before insert on outbox for each row when (new.message_key = 'new-ticket:BX-20261127-0001') execute function refuse_outbox()`.execute(
					store.db,
				);
			} else {
				await sql`create trigger refuse_outbox before insert on outbox when new.message_key = 'new-ticket:BX-20261127-0001' begin select raise(abort, 'outbox refused by the test'); end`.execute(
					store.db,
				);
			}
			await expect(registerTicket(store, report(), options)).rejects.toThrow(/outbox refused by the test/);
			expect(await outbox()).toEqual([]);
			expect(await store.db.selectFrom('tickets').select('id').execute()).toEqual([]);
			expect(await store.db.selectFrom('customers').select('id').execute()).toEqual([]);
		});

		test('the dispatch right after the intake names the technician in the waiting message; one already taken by a sender stays as it was', async () => {
			await store.transaction(async (trx) => {
				await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: [], areas: [], dailyCapacity: 8 }, NOW);
			});
			const a = (await registerTicket(store, report(), options)).ticket;
			const b = (await registerTicket(store, report({ siteSituation: '门不关' }), options)).ticket;
			// A sender has taken b's message (claimed it): the dispatch must not change what it is sending.
			await store.db.updateTable('outbox').set({ claimToken: 'sender-1' }).where('messageKey', '=', `new-ticket:${b.ticketNumber}`).execute();
			const result = await dispatchAuto(store, DEFAULT_WEIGHTS, { today: TODAY, actor: 'test', now: NOW, zone: ZONE }, [
				a.ticketNumber,
				b.ticketNumber,
			]);
			expect(result.assignments.map((x) => x.ticketNumber).sort()).toEqual([a.ticketNumber, b.ticketNumber]);
			const rows = await outbox();
			expect(rows.map((r) => r.messageKey)).toEqual([`new-ticket:${a.ticketNumber}`, `new-ticket:${b.ticketNumber}`]);
			expect(JSON.parse(rows[0].payload).items[0].technician).toBe('王师傅 13700000001');
			expect(JSON.parse(rows[1].payload).items[0].technician).toBeUndefined();
			// The rest of the message is as the intake wrote it.
			expect(JSON.parse(rows[0].payload).items[0]).toMatchObject({ ticket: a.ticketNumber, due: '2026-11-28 09:30' });
		});

		test('a new report nobody can take: the groups are told once, with the reason', async () => {
			const t = (await registerTicket(store, report({ skill: '电梯' }), options)).ticket;
			const ctx = { today: TODAY, actor: 'test', now: NOW, zone: ZONE };
			const first = await dispatchAuto(store, DEFAULT_WEIGHTS, ctx, [t.ticketNumber]);
			expect(first.assignments).toEqual([]);
			expect(first.undispatched.map((u) => u.ticketNumber)).toEqual([t.ticketNumber]);
			await dispatchAuto(store, DEFAULT_WEIGHTS, ctx, [t.ticketNumber]);
			const rows = await outbox();
			expect(rows.map((r) => r.messageKey)).toEqual([`new-ticket:${t.ticketNumber}`, `unassigned:${t.ticketNumber}`]);
			const item = JSON.parse(rows[1].payload).items[0];
			expect(rows[1]).toMatchObject({ channel: 'staff', kind: 'unassigned', ticketId: t.id });
			expect(item).toMatchObject({ ticket: t.ticketNumber, address: '上海市徐汇区漕溪路88号', due: '2026-11-28 09:30' });
			expect(item.text).toContain(first.undispatched[0].reason);
			expect(item.text).toContain('电梯异响');
		});

		test('the intake keeps the email it is given on the customer file, lower case', async () => {
			await registerTicket(store, report({ email: 'Chen.Jl@Example.COM' }), options);
			const c = await store.transaction((trx) => findCustomer(trx, { name: '华东物业', phone: '13800005555' }));
			expect(c?.email).toBe('chen.jl@example.com');
			// A later report of the same customer with another address: the file takes the new one.
			await registerTicket(store, report({ email: 'service@huadong.example', siteSituation: '门不关' }), options);
			const again = await store.transaction((trx) => findCustomer(trx, { name: '华东物业', phone: '13800005555' }));
			expect(again?.email).toBe('service@huadong.example');
			// A report without an email leaves the file's address alone.
			await registerTicket(store, report({ siteSituation: '灯不亮' }), options);
			expect((await store.transaction((trx) => findCustomer(trx, { name: '华东物业', phone: '13800005555' })))?.email).toBe(
				'service@huadong.example',
			);
		});

		describe('the survey link by SMS', () => {
			const LINK = 'https://service.example.com/webhook/after-sales/surveys/';
			let seq = 0;
			/** A ticket of `customer` solved on site, ready for its survey. */
			async function solved(customer: { name: string; phone: string | null; email: string | null }, ticketPhone: string): Promise<string> {
				return await store.transaction(async (trx) => {
					const c = await createCustomer(trx, { name: customer.name, phone: customer.phone, email: customer.email, address: '上海市' }, NOW);
					const k = await createTechnician(
						trx,
						{ name: `技术员${++seq}`, phone: `1370000${String(1000 + seq)}`, skills: [], areas: [], dailyCapacity: 8 },
						NOW,
					);
					const t = await insertTestTicket(
						trx,
						{ customerId: c.id, n: seq, reportDate: '2026-11-26', contactPerson: '陈经理', phone: ticketPhone, dueAt: '2026-11-27T01:00:00.000Z' },
						NOW,
					);
					await assignTechnician(trx, t.id, k.id, null, '2026-11-26', 'test', NOW);
					await recordVisit(
						trx,
						t.ticketNumber,
						{ outcome: 'solved', solution: '清洗', customerSignature: '陈', signedAt: NOW },
						{ actor: 'test', now: NOW, today: TODAY },
					);
					return t.ticketNumber;
				});
			}
			const survey = (ticketNumber: string) => createSurvey(store, ticketNumber, { now: NOW, zone: ZONE, actor: 'test', linkBase: LINK });
			const sms = async () => (await outbox()).filter((r) => r.channel === 'sms');

			test('no email, a mobile: one SMS with name, ticket and the survey link; the same survey asked again queues nothing more', async () => {
				const n = await solved({ name: '华东物业', phone: '13800005555', email: null }, '139-0000-6666');
				const { survey: s, created } = await survey(n);
				expect(created).toBe(true);
				await survey(n);
				const rows = await sms();
				expect(rows).toHaveLength(1);
				expect(rows[0]).toMatchObject({ messageKey: `survey:${n}`, kind: 'survey', recipient: '13900006666', status: 'pending' });
				expect(JSON.parse(rows[0].payload)).toEqual({ kind: 'survey', params: { name: '陈经理', ticket: n, url: `${LINK}${s.token}` } });
			});

			test('with an email the link goes by email as today: no SMS', async () => {
				const n = await solved({ name: '华南物业', phone: '13800007777', email: 'hn@example.com' }, '13800007777');
				const { survey: s } = await survey(n);
				expect(s.email).toBe('hn@example.com');
				expect(await sms()).toEqual([]);
			});

			test('no email, the job’s number a landline: the mobile of the customer file; no mobile at all: no SMS (the desk calls)', async () => {
				const withFileMobile = await solved({ name: '西区物业', phone: '13800008888', email: null }, '021-64871234');
				const landlineOnly = await solved({ name: '北区物业', phone: '010-12345678', email: null }, '021-64871235');
				await survey(withFileMobile);
				await survey(landlineOnly);
				const rows = await sms();
				expect(rows.map((r) => [r.messageKey, r.recipient])).toEqual([[`survey:${withFileMobile}`, '13800008888']]);
			});
		});
	});
}

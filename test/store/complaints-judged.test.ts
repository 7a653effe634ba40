/**
 * Complaints judged by the service department (issue 18 item 6) and feedback to the customer
 * (item 5) on every backend: migration 30 keeps the complaints already stored (ticket, ids,
 * indexes) and gives each its history; a phoned complaint about a tile order alone, or about
 * neither; the department's judgment with its reason in the complaint's history and the reply due
 * day following it; the reply letter to the customer (email, or printed for post) and the
 * product-ready message after 验讫, each an entry in the history.
 */
import { sql } from 'kysely';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { MIGRATIONS } from '../../nodes/shared/store/migrations';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician, ticketEvents } from '../../nodes/shared/store/registers/tickets';
import { complaintHistory, requireComplaint } from '../../nodes/shared/store/registers/complaints';
import { inspectAndTellCustomer, recordRepairWork, recordVisit } from '../../nodes/shared/services/ticket-steps';
import {
	claimNotices,
	closeComplaint,
	createComplaint,
	getComplaint,
	judgeComplaintSeverity,
	markNotice,
	replyToComplaint,
} from '../../nodes/shared/services/complaints';
import { answerSurvey, createSurvey } from '../../nodes/shared/services/follow-up';
import { cleanOrderInput } from '../../nodes/shared/rules/tile-order-inputs';
import * as orders from '../../nodes/shared/services/tile-orders';
import { NotFoundError, RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import { rejectionOf } from '../harness/errors';
import { seedTileModels } from '../harness/tiles';
import { insertTestTicket } from '../harness/tickets';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 in Shanghai
const LATER = '2026-11-28T03:00:00.000Z';
const opts = (now = NOW, actor = 'test') => ({ now, zone: ZONE, actor });
const BEFORE_30 = MIGRATIONS.filter((m) => m.version < 30);
const refusal = (fn: () => Promise<unknown>) => rejectionOf<Error>([RuleViolation, ValidationError, NotFoundError], fn);

async function ticketOf(store: Store, customerId: number, n: number, phone = '13800000001'): Promise<{ id: number; ticketNumber: string }> {
	return await store.transaction(async (trx) => {
		const t = await insertTestTicket(
			trx,
			{ customerId, n, reportDate: '2026-11-26', numberedOn: '2026-11-27', contactPerson: '陈经理', phone, dueAt: '2026-11-28T01:00:00.000Z' },
			NOW,
		);
		return { id: t.id, ticketNumber: t.ticketNumber };
	});
}

for (const backend of backends()) {
	describe(`complaints judged and feedback to the customer on ${backend.name}`, () => {
		const opened: Store[] = [];
		async function open(config = backend.fresh(), migrations = MIGRATIONS): Promise<Store> {
			const s = await Store.open(config, () => NOW, migrations);
			opened.push(s);
			return s;
		}
		afterEach(async () => {
			await Promise.all(opened.splice(0).map((s) => s.close()));
		});
		afterAll(() => backend.cleanup());

		test('migration 30 keeps the complaints already stored — ticket, customer, ids, indexes — and gives each its registered entry', async () => {
			const config = backend.fresh();
			const old = await open(config, BEFORE_30);
			const customer = await old.transaction((trx) => createCustomer(trx, { name: '老客户', phone: '13800000031' }, NOW));
			const t = await ticketOf(old, customer.id, 1);
			// Two complaints as the store held them before: one from a survey-less desk entry, one more.
			for (const [n, severity] of [
				['TS-20261127-0001', 'general'],
				['TS-20261127-0002', 'serious'],
			] as const) {
				await sql`insert into complaints (complaint_number, ticket_id, survey_id, severity, text, channel, received_at, reply_due_on, reply_due_at, status, escalated_period, created_by, created_at, updated_at)
					values (${n}, ${t.id}, null, ${severity}, '迟到', 'phone', ${NOW}, '2026-12-04', '2026-12-04T16:00:00.000Z', 'open', 0, 'desk', ${NOW}, ${NOW})`.execute(
					old.db,
				);
			}
			await old.close();
			opened.pop();

			const store = await open(config);
			const versions = (await store.db.selectFrom('schemaMigrations').select('version').execute()).map((v) => Number(v.version));
			expect(versions).toContain(30);
			const rows = await store.db.selectFrom('complaints').selectAll().orderBy('id').execute();
			expect(rows.map((r) => [r.id, r.complaintNumber, r.ticketId, r.customerId, r.severity, r.proposedSeverity, r.orderId])).toEqual([
				[1, 'TS-20261127-0001', t.id, customer.id, 'general', null, null],
				[2, 'TS-20261127-0002', t.id, customer.id, 'serious', null, null],
			]);
			const c = await getComplaint(store, 'TS-20261127-0002', NOW);
			expect(c).toMatchObject({ ticketNumber: t.ticketNumber, orderNumber: null, customerName: '老客户', judgment: null });
			expect(c.history).toEqual([{ action: 'registered', actor: 'desk', at: NOW, details: { before: 'migration 30' } }]);
			// The id sequence goes on; a complaint without a ticket is now allowed by the table.
			await sql`insert into complaints (complaint_number, ticket_id, survey_id, severity, text, channel, received_at, reply_due_on, reply_due_at, status, escalated_period, created_by, created_at, updated_at)
				values ('TS-20261127-0003', null, null, 'general', '无工单', 'phone', ${NOW}, '2026-12-04', '2026-12-04T16:00:00.000Z', 'open', 0, 'desk', ${NOW}, ${NOW})`.execute(
				store.db,
			);
			expect(
				Number((await store.db.selectFrom('complaints').select('id').where('complaintNumber', '=', 'TS-20261127-0003').executeTakeFirstOrThrow()).id),
			).toBe(3);
			if (backend.name === 'sqlite') {
				const indexes = (
					await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'complaints'`.execute(store.db)
				).rows
					.map((r) => r.name)
					.sort();
				expect(indexes).toEqual(
					expect.arrayContaining(['ix_complaints_order', 'ix_complaints_received', 'ix_complaints_status', 'ix_complaints_ticket']),
				);
				expect((await sql`pragma foreign_key_check`.execute(store.db)).rows).toEqual([]);
				expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db)).rows).toEqual([{ integrityCheck: 'ok' }]);
			}
		});

		test('a phoned complaint about a tile order alone: linked to the order and its customer, the reply letter to the order’s email', async () => {
			const store = await open();
			await seedTileModels(store, { 'CZ-600': 100, 'CZ-1200': 30 }, NOW);
			const input = cleanOrderInput({
				customerName: '投诉陈女士',
				phone: '13812340030',
				address: '上海市徐汇区漕溪路 88 弄',
				email: 'chen-order@example.com',
				depositYuan: 500,
				lines: [{ modelCode: 'CZ-600', areaM2: 10 }],
			});
			const { order } = await orders.createOrder(store, input, { actor: 'test', now: NOW, today: '2026-11-27' });
			const made = await createComplaint(
				store,
				{
					orderNumber: order.orderNumber,
					severity: 'general',
					text: '瓷砖色差',
					channel: 'phone',
					caller: { customerName: '陈女士', phone: '13812340030' },
				},
				opts(),
			);
			expect(made).toMatchObject({
				ticketNumber: null,
				orderNumber: order.orderNumber,
				customerName: '投诉陈女士',
				phone: '13812340030',
				email: 'chen-order@example.com',
				severity: 'general',
				replyDueOn: '2026-12-04',
				status: 'open',
			});
			const replied = await replyToComplaint(store, made.complaintNumber, { method: 'letter', text: '已更换同批次瓷砖' }, opts(LATER));
			expect(replied.replyDelivery).toEqual({ channel: 'email', email: 'chen-order@example.com', mobile: null });
			expect(replied.history?.map((h) => [h.action, h.details.channel ?? null, h.details.to ?? null])).toEqual([
				['registered', null, null],
				['replied', null, null],
				['customerMessage', 'email', 'chen-order@example.com'],
			]);
		});

		test('a complaint about neither: the caller kept; the customer file found by name and phone; without an address or a mobile the letter is printed for post', async () => {
			const store = await open();
			const known = await store.transaction((trx) => createCustomer(trx, { name: '华东物业', phone: '13800000032', email: 'hd@example.com' }, NOW));
			const aboutService = await createComplaint(
				store,
				{ severity: 'general', text: '电话总是占线', channel: 'phone', caller: { customerName: '华东物业', phone: '13800000032' } },
				opts(),
			);
			expect(aboutService).toMatchObject({ ticketNumber: null, orderNumber: null, customerName: '华东物业', email: 'hd@example.com' });
			expect((await store.transaction((trx) => requireComplaint(trx, { complaintNumber: aboutService.complaintNumber }))).customerId).toBe(known.id);

			const stranger = await createComplaint(
				store,
				{ severity: 'serious', text: '上门人员态度恶劣', channel: 'phone', caller: { customerName: '路人甲', phone: '02164870033' } },
				opts(),
			);
			expect(stranger).toMatchObject({ customerName: '路人甲', phone: '02164870033', email: null, severity: 'serious', replyDueOn: '2026-11-30' });
			const replied = await replyToComplaint(store, stranger.complaintNumber, { method: 'letter', text: '已约谈当事员工' }, opts(LATER));
			expect(replied.replyDelivery).toEqual({ channel: 'post', email: null, mobile: null });
			// Listed for post from then on: the register gives each replied complaint's channel.
			expect((await getComplaint(store, stranger.complaintNumber, LATER)).replyDelivery).toEqual({ channel: 'post', email: null, mobile: null });
			expect((await getComplaint(store, aboutService.complaintNumber, LATER)).replyDelivery).toBeUndefined();
			expect(replied.history?.at(-1)).toEqual({
				action: 'customerMessage',
				actor: 'test',
				at: LATER,
				details: { complaintNumber: stranger.complaintNumber, kind: 'complaint-reply', document: 'reply-letter', channel: 'post' },
			});
		});

		test('a ticket and an order of different customers are refused together, nothing written; an unknown order is 404', async () => {
			const store = await open();
			await seedTileModels(store, { 'CZ-600': 100 }, NOW);
			const a = await store.transaction((trx) => createCustomer(trx, { name: '甲', phone: '13800000034' }, NOW));
			const t = await ticketOf(store, a.id, 34);
			const { order } = await orders.createOrder(
				store,
				cleanOrderInput({
					customerName: '乙',
					phone: '13800000035',
					address: '某路 1 号',
					depositYuan: 0,
					lines: [{ modelCode: 'CZ-600', areaM2: 5 }],
				}),
				{ actor: 'test', now: NOW, today: '2026-11-27' },
			);
			const mixed = await refusal(() =>
				createComplaint(
					store,
					{ ticketNumber: t.ticketNumber, orderNumber: order.orderNumber, severity: 'general', text: 'x', channel: 'phone' },
					opts(),
				),
			);
			expect(mixed).toMatchObject({ field: 'orderNumber' });
			const unknown = await refusal(() =>
				createComplaint(store, { orderNumber: 'DD-19990101-0001', severity: 'general', text: 'x', channel: 'phone' }, opts()),
			);
			expect(unknown).toBeInstanceOf(NotFoundError);
			expect(await store.db.selectFrom('complaints').select('id').execute()).toEqual([]);
		});

		test('the department judges: reason required; raised to serious → 3 days from the day it came in, the company manager told again; history keeps both', async () => {
			const store = await open();
			const c = await store.transaction((trx) => createCustomer(trx, { name: '判定物业', phone: '13800000036' }, NOW));
			const t = await ticketOf(store, c.id, 36);
			const made = await createComplaint(
				store,
				{ ticketNumber: t.ticketNumber, severity: 'general', text: '师傅损坏地板', channel: 'phone' },
				opts(),
			);
			expect(made.replyDueOn).toBe('2026-12-04');
			// The service manager is told of it as a general complaint.
			const [first] = await claimNotices(store, NOW);
			expect(first).toMatchObject({ complaintNumber: made.complaintNumber, notifyTo: 'service-manager' });
			await markNotice(store, made.complaintNumber, first.notice, { now: NOW, actor: 'notices' });

			const noReason = await refusal(() => judgeComplaintSeverity(store, made.complaintNumber, { severity: 'serious', reason: ' ' }, opts(LATER)));
			expect(noReason).toMatchObject({ problems: [expect.objectContaining({ field: 'reason' })] });
			expect((await getComplaint(store, made.complaintNumber, LATER)).severity).toBe('general');

			const judged = await judgeComplaintSeverity(store, made.complaintNumber, { severity: '重大', reason: '损失超过两千元' }, opts(LATER, '张经理'));
			expect(judged).toMatchObject({
				severity: 'serious',
				replyDueOn: '2026-11-30',
				notifyTo: 'company-manager',
				notifiedAt: null,
				noticeDue: true,
				judgment: { severity: 'serious', reason: '损失超过两千元', judgedAt: LATER, judgedBy: '张经理' },
			});
			expect(judged.history?.at(-1)).toEqual({
				action: 'severityJudged',
				actor: '张经理',
				at: LATER,
				details: {
					complaintNumber: made.complaintNumber,
					from: 'general',
					severity: 'serious',
					reason: '损失超过两千元',
					replyDueOn: '2026-11-30',
					previousReplyDueOn: '2026-12-04',
				},
			});
			// The company manager is told now, once.
			const again = await claimNotices(store, LATER);
			expect(again.map((n) => [n.complaintNumber, n.notifyTo, n.notice.kind])).toEqual([[made.complaintNumber, 'company-manager', 'new']]);
			await markNotice(store, made.complaintNumber, again[0].notice, { now: LATER, actor: 'notices' });
			expect(await claimNotices(store, LATER, 24, 0)).toEqual([]);
			// The ticket's history notes the judgment too.
			const events = await store.transaction((trx) => ticketEvents(trx, t.id));
			expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['complaint', 'complaintNotice', 'complaintSeverity']));

			// Lowered again: 7 days, no new notice.
			const lowered = await judgeComplaintSeverity(store, made.complaintNumber, { severity: 'general', reason: '经核实损失较小' }, opts(LATER));
			expect(lowered).toMatchObject({ severity: 'general', replyDueOn: '2026-12-04', noticeDue: false });
			const id = (await store.transaction((trx) => requireComplaint(trx, { complaintNumber: made.complaintNumber }))).id;
			expect((await store.transaction((trx) => complaintHistory(trx, id))).map((h) => h.action)).toEqual([
				'registered',
				'notified',
				'severityJudged',
				'notified',
				'severityJudged',
			]);
		});

		test('raised to serious while the general notice was out: that notice does not count as the company manager told; the next run tells them, once', async () => {
			const store = await open();
			const c = await store.transaction((trx) => createCustomer(trx, { name: '交错物业', phone: '13800000037' }, NOW));
			const t = await ticketOf(store, c.id, 37);
			const made = await createComplaint(store, { ticketNumber: t.ticketNumber, severity: 'general', text: '师傅迟到', channel: 'phone' }, opts());
			// The notice run started by the complaint takes it as general …
			const [general] = await claimNotices(store, NOW);
			expect(general).toMatchObject({ notifyTo: 'service-manager', notice: { kind: 'new', severity: 'general' } });
			// … the manager raises it before that run marks its email …
			await judgeComplaintSeverity(store, made.complaintNumber, { severity: 'serious', reason: '客户家中地板被划伤' }, opts(LATER));
			// … the run started by the judgment takes it as serious (the judgment released the claim) …
			const serious = await claimNotices(store, LATER);
			expect(serious.map((n) => [n.complaintNumber, n.notifyTo, n.notice])).toEqual([
				[made.complaintNumber, 'company-manager', { kind: 'new', period: 0, severity: 'serious' }],
			]);
			// … and the first run's mark, arriving late, does not count as the company manager told.
			expect((await markNotice(store, made.complaintNumber, general.notice, { now: LATER, actor: 'notices' })).marked).toBe(false);
			expect((await getComplaint(store, made.complaintNumber, LATER)).notifiedAt).toBeNull();
			expect((await markNotice(store, made.complaintNumber, serious[0].notice, { now: LATER, actor: 'notices' })).marked).toBe(true);
			expect(await claimNotices(store, LATER, 24, 0)).toEqual([]);
		});

		test('raised to serious while the general notice was out, and that run marks first: still due to the company manager', async () => {
			const store = await open();
			const c = await store.transaction((trx) => createCustomer(trx, { name: '晚标物业', phone: '13800000038' }, NOW));
			const t = await ticketOf(store, c.id, 38);
			const made = await createComplaint(store, { ticketNumber: t.ticketNumber, severity: 'general', text: '配件不对', channel: 'phone' }, opts());
			const [general] = await claimNotices(store, NOW);
			await judgeComplaintSeverity(store, made.complaintNumber, { severity: 'serious', reason: '影响营业' }, opts(LATER));
			// The general run marks before the serious run takes it: still due for the company manager.
			expect((await markNotice(store, made.complaintNumber, general.notice, { now: LATER, actor: 'notices' })).marked).toBe(false);
			const serious = await claimNotices(store, LATER);
			expect(serious.map((n) => n.notifyTo)).toEqual(['company-manager']);
		});

		test('a survey’s severity is a proposal: kept as proposed, the judgment sets the severity; a closed complaint is not judged', async () => {
			const store = await open();
			const c = await store.transaction((trx) => createCustomer(trx, { name: '提议物业', phone: '13800000037' }, NOW));
			const t = await ticketOf(store, c.id, 37);
			const wang = await store.transaction((trx) =>
				createTechnician(trx, { name: '提议师傅', phone: '13700000037', skills: [], areas: [], dailyCapacity: 8 }, NOW),
			);
			await store.transaction(async (trx) => {
				await assignTechnician(trx, t.id, wang.id, null, '2026-11-27', 'test', NOW);
				await recordVisit(
					trx,
					t.ticketNumber,
					{ outcome: 'solved', solution: '清洗', customerSignature: '陈', signedAt: NOW },
					{ actor: 'test', now: NOW, today: '2026-11-27' },
				);
			});
			const { survey } = await createSurvey(store, t.ticketNumber, opts());
			const answered = await answerSurvey(
				store,
				{ token: survey.token },
				{ attitude: 1, skill: 2, arrival: 1, promises: 2, complaint: { severity: 'serious', text: '很差' } },
				opts(),
			);
			const proposed = answered.complaint!;
			expect(proposed).toMatchObject({ severity: 'serious', proposedSeverity: 'serious', judgment: null, replyDueOn: '2026-11-30' });
			const judged = await judgeComplaintSeverity(store, proposed.complaintNumber, { severity: 'general', reason: '仅一次迟到十分钟' }, opts(LATER));
			expect(judged).toMatchObject({ severity: 'general', proposedSeverity: 'serious', replyDueOn: '2026-12-04' });
			expect(judged.history?.at(-1)?.details).toMatchObject({ from: 'serious', severity: 'general', proposedSeverity: 'serious' });
			await replyToComplaint(store, proposed.complaintNumber, { method: 'phone', text: '已致歉' }, opts(LATER));
			await closeComplaint(store, proposed.complaintNumber, opts(LATER));
			const closed = await refusal(() =>
				judgeComplaintSeverity(store, proposed.complaintNumber, { severity: 'serious', reason: '复核' }, opts(LATER)),
			);
			expect(closed.message).toMatch(/is closed/);
		});

		test('验讫 tells the customer the product is ready and when it comes back: email with an address, a call with neither address nor mobile; an entry in the ticket’s history', async () => {
			const store = await open();
			const wang = await store.transaction((trx) =>
				createTechnician(trx, { name: '王师傅', phone: '13700000038', skills: [], areas: [], dailyCapacity: 8 }, NOW),
			);
			const withEmail = await store.transaction((trx) =>
				createCustomer(trx, { name: '有邮箱', phone: '13800000038', email: 'ready@example.com' }, NOW),
			);
			const without = await store.transaction((trx) => createCustomer(trx, { name: '无邮箱', phone: '021-64870039' }, NOW));
			const ctx = (today: string, now: string) => ({ actor: '张经理', now, today, zone: ZONE });
			const run = async (customerId: number, n: number, promisedBy?: string, phone?: string) => {
				const t = await ticketOf(store, customerId, n, phone);
				return await store.transaction(async (trx) => {
					await assignTechnician(trx, t.id, wang.id, null, '2026-11-27', 'test', NOW);
					await recordVisit(
						trx,
						t.ticketNumber,
						{ outcome: 'taken-back', product: '空调室外机', customerSignature: '陈', signedAt: NOW, ...(promisedBy ? { promisedBy } : {}) },
						ctx('2026-11-27', NOW),
					);
					await recordRepairWork(trx, t.ticketNumber, { minutes: 30, parts: [] }, ctx('2026-11-27', NOW));
					return await inspectAndTellCustomer(trx, t.ticketNumber, '张经理', ctx('2026-11-28', LATER));
				});
			};
			const a = await run(withEmail.id, 38, '2026-12-02');
			expect(a.feedback).toMatchObject({ kind: 'product-ready', channel: 'email', email: 'ready@example.com', returnOn: '2026-12-02' });
			expect(a.feedback.text).toContain('2026-12-02');
			expect(a.ticket.status).toBe('inspected');
			const events = await store.transaction((trx) => ticketEvents(trx, a.ticket.id));
			expect(events.slice(-2).map((e) => [e.action, e.details.channel ?? null, e.details.returnOn ?? null])).toEqual([
				['inspect', null, null],
				['customerMessage', 'email', '2026-12-02'],
			]);
			// No address and no mobile (landlines only): the desk calls; the agreed day passed already → back today.
			const b = await run(without.id, 39, '2026-11-27', '021-64870040');
			expect(b.feedback).toMatchObject({ channel: 'phone', email: null, returnOn: '2026-11-28' });
		});
	});
}

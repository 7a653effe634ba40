/**
 * The follow-up register on every backend: surveys made once per finished ticket with gap-free
 * HF- numbers, links signed by the store's own secret, one answer however many come at once
 * (separate processes), complaints with their deadlines and notices taken by one run at a time,
 * the call list, and the monthly KPI counted by the day the answer came in.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { createHmac } from 'node:crypto';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { assignTechnician, insertTicket, requireTicket } from '../../nodes/shared/store/registers/tickets';
import { closeTicket, recordVisit } from '../../nodes/shared/services/ticket-steps';
import {
	answerSurvey,
	createMissingSurveys,
	createSurvey,
	findSurveys,
	markSurveyEmailed,
	openSurvey,
	surveysToEmail,
	TokenRefused,
} from '../../nodes/shared/services/follow-up';
import { claimNotices, closeComplaint, createComplaint, markNotice, replyToComplaint } from '../../nodes/shared/services/complaints';
import { openComplaints } from '../../nodes/shared/store/registers/complaints';
import { monthlyKpi } from '../../nodes/shared/services/kpi-report';
import { makeSurveyToken } from '../../nodes/shared/rules/survey-token';
import { NotFoundError, RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { insertTestTicket } from '../harness/tickets';

const run = promisify(execFile);
const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 in Shanghai
const opts = (now = NOW) => ({ now, zone: ZONE, actor: 'test' });
let seq = 0;

/** A ticket dispatched to `technicianId` and solved on site at `signedAt`; closed when asked. */
async function finishedTicket(store: Store, customerId: number, technicianId: number, signedAt = NOW, close = false): Promise<string> {
	return await store.transaction(async (trx) => {
		const t = await insertTestTicket(
			trx,
			{ customerId, n: ++seq, reportDate: '2026-11-26', numberedOn: '2026-11-27', contactPerson: '陈经理', dueAt: '2026-11-28T01:00:00.000Z' },
			NOW,
		);
		await assignTechnician(trx, t.id, technicianId, null, '2026-11-26', 'test', NOW);
		const ctx = { actor: 'test', now: NOW, today: '2026-11-27' };
		await recordVisit(trx, t.ticketNumber, { outcome: 'solved', solution: '清洗', customerSignature: '陈', signedAt }, ctx);
		if (close) await closeTicket(trx, t.ticketNumber, ctx);
		return t.ticketNumber;
	});
}

const LEVELS = { attitude: 4, skill: 3, arrival: 2, promises: 1 };

for (const backend of backends()) {
	describe(`follow-up on ${backend.name}`, () => {
		let config: StoreConfig;
		let store: Store;
		let customerId: number;
		let noEmailCustomerId: number;
		let wang: number;
		let li: number;
		beforeEach(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			await store.transaction(async (trx) => {
				customerId = (await createCustomer(trx, { name: '华东物业', phone: '13800000001', email: 'chen@example.com' }, NOW)).id;
				noEmailCustomerId = (await createCustomer(trx, { name: '没有邮箱', phone: '13800000002' }, NOW)).id;
				wang = (await createTechnician(trx, { name: '王师傅', phone: '13700000001', skills: ['空调'], areas: [], dailyCapacity: 8 }, NOW)).id;
				li = (await createTechnician(trx, { name: '李师傅', phone: '13700000002', skills: ['空调'], areas: [], dailyCapacity: 8 }, NOW)).id;
			});
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		test('the store makes its survey secret once; it is the same after a restart', async () => {
			const secret = async (s: Store) =>
				(await s.db.selectFrom('storeSecrets').select('value').where('name', '=', 'survey-token').executeTakeFirstOrThrow()).value;
			const first = await secret(store);
			expect(Buffer.from(first, 'base64url')).toHaveLength(32);
			const again = await Store.open(config);
			try {
				expect(await secret(again)).toBe(first);
			} finally {
				await again.close();
			}
			// Another store has its own: its links do not open this store's surveys.
			const other = await Store.open(backend.fresh());
			try {
				expect(await secret(other)).not.toBe(first);
			} finally {
				await other.close();
			}
		});

		test('deleting the secret invalidates every link: the next use makes a new one', async () => {
			const { survey } = await createSurvey(store, await finishedTicket(store, customerId, wang), opts());
			await store.db.deleteFrom('storeSecrets').execute();
			await expect(openSurvey(store, survey.token, NOW)).rejects.toMatchObject({ reason: 'tampered' });
			const fresh = await openSurvey(store, (await createSurvey(store, survey.ticketNumber, opts())).survey.token, NOW);
			expect(fresh.surveyNumber).toBe(survey.surveyNumber);
			expect(fresh.token).not.toBe(survey.token);
			expect(await store.db.selectFrom('storeSecrets').select('name').execute()).toHaveLength(1);
		});

		test('one survey per finished ticket, HF- numbers gap-free per day; a ticket not done yet gets none', async () => {
			const a = await finishedTicket(store, customerId, wang);
			const b = await finishedTicket(store, noEmailCustomerId, wang, NOW, true);
			const first = await createSurvey(store, a, opts());
			expect(first).toMatchObject({
				created: true,
				survey: {
					surveyNumber: 'HF-20261127-0001',
					ticketNumber: a,
					email: 'chen@example.com',
					status: 'waiting',
					expiresAt: '2026-12-27T02:00:00.000Z',
				},
			});
			expect(await createSurvey(store, a, opts())).toEqual({ created: false, survey: first.survey });
			expect((await createSurvey(store, b, opts())).survey).toMatchObject({ surveyNumber: 'HF-20261127-0002', email: null, callDueAt: NOW });
			// An open ticket: refused, and its refusal takes no number.
			const open = await store.transaction(async (trx) => {
				const t = await requireTicket(trx, { ticketNumber: a });
				const fields = [
					'customerId',
					'contactPerson',
					'phone',
					'address',
					'siteSituation',
					'reportedAt',
					'reportDate',
					'serialNo',
					'contractNo',
					'skill',
					'customerType',
					'category',
					'basis',
					'dueAt',
				] as const;
				const copy = Object.fromEntries(fields.map((f) => [f, t[f]])) as Pick<typeof t, (typeof fields)[number]>;
				return (
					await insertTicket(trx, { ...copy, ticketNumber: 'BX-20261127-0999', voucherNumber: 'PZ-20261127-0999', idempotencyKey: null }, 'test', NOW)
				).ticketNumber;
			});
			await expect(createSurvey(store, open, opts())).rejects.toThrow(/cannot get a follow-up survey yet: it is open/);
			expect((await createSurvey(store, await finishedTicket(store, customerId, li), opts())).survey.surveyNumber).toBe('HF-20261127-0003');
			await expect(createSurvey(store, 'BX-19990101-0001', opts())).rejects.toBeInstanceOf(NotFoundError);
		});

		test('two requests for one ticket at once make one survey', async () => {
			const a = await finishedTicket(store, customerId, wang);
			const results = await Promise.all(Array.from({ length: 4 }, () => createSurvey(store, a, opts())));
			expect(new Set(results.map((r) => r.survey.surveyNumber)).size).toBe(1);
			expect(results.filter((r) => r.created)).toHaveLength(1);
			expect(await store.db.selectFrom('surveys').select('id').execute()).toHaveLength(1);
		});

		test('the link opens its survey; a changed, foreign or expired link does not', async () => {
			const { survey } = await createSurvey(store, await finishedTicket(store, customerId, wang), opts());
			expect(await openSurvey(store, survey.token, NOW)).toMatchObject({
				surveyNumber: survey.surveyNumber,
				technician: { name: '王师傅' },
				customerName: '华东物业',
			});
			const tampered = survey.token.slice(0, -1) + (survey.token.endsWith('A') ? 'B' : 'A');
			await expect(openSurvey(store, tampered, NOW)).rejects.toMatchObject({ reason: 'tampered', field: 'token' });
			const foreign = makeSurveyToken(survey.surveyNumber, survey.expiresAt, (m) =>
				createHmac('sha256', 'not this store').update(m).digest('base64url'),
			);
			await expect(openSurvey(store, foreign, NOW)).rejects.toBeInstanceOf(TokenRefused);
			await expect(openSurvey(store, survey.token, '2026-12-27T02:00:00.000Z')).rejects.toMatchObject({ reason: 'expired' });
			await expect(openSurvey(store, ':token', NOW)).rejects.toMatchObject({ reason: 'malformed' });
		});

		test('an answer is recorded once, with its complaint; a second is refused and changes nothing', async () => {
			const ticket = await finishedTicket(store, customerId, wang);
			const { survey } = await createSurvey(store, ticket, opts());
			const answered = await answerSurvey(
				store,
				{ token: survey.token },
				{ ...LEVELS, accepted: true, delivered: 'yes', comments: '准时', complaint: { severity: 'serious', text: '态度差' } },
				opts('2026-11-27T15:30:00.000Z'),
			);
			expect(answered.survey).toMatchObject({
				status: 'answered',
				channel: 'link',
				answer: {
					...LEVELS,
					overallLevel: 3,
					satisfaction: 'satisfied',
					dissatisfactionReasons: ['response'],
					accepted: true,
					delivered: 'yes',
					comments: '准时',
				},
			});
			// 23:30 in Shanghai: the complaint is the 27th's, due 3 days later.
			expect(answered.complaint).toMatchObject({
				complaintNumber: 'TS-20261127-0001',
				severity: 'serious',
				replyDueOn: '2026-11-30',
				status: 'open',
				notifyTo: 'company-manager',
				ticketNumber: ticket,
			});
			const before = await store.db.selectFrom('surveys').selectAll().execute();
			await expect(answerSurvey(store, { token: survey.token }, { ...LEVELS, attitude: 1 }, opts())).rejects.toMatchObject({
				field: 'answeredAt',
				message: expect.stringMatching(/already answered/),
			});
			expect(await store.db.selectFrom('surveys').selectAll().execute()).toEqual(before);
			expect(await store.db.selectFrom('complaints').select('id').execute()).toHaveLength(1);
			const history = await store.db.selectFrom('ticketEvents').select('action').orderBy('id').execute();
			expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['survey', 'followUp', 'complaint']));
		});

		test('bad levels are refused with every field named, and write nothing', async () => {
			const { survey } = await createSurvey(store, await finishedTicket(store, customerId, wang), opts());
			const error = await answerSurvey(store, { token: survey.token }, { attitude: 5, skill: 'x', arrival: 2 }, opts()).catch((e) => e);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).problems.map((p) => p.field)).toEqual(['attitude', 'skill', 'promises']);
			expect((await openSurvey(store, survey.token, NOW)).status).toBe('waiting');
		});

		test('a clerk records a follow-up call by the survey number: channel phone, also after the link expired', async () => {
			const { survey } = await createSurvey(store, await finishedTicket(store, noEmailCustomerId, wang), opts());
			const r = await answerSurvey(
				store,
				{ surveyNumber: survey.surveyNumber },
				{ ...LEVELS },
				{ ...opts('2027-01-15T02:00:00.000Z'), actor: '回访员小张' },
			);
			expect(r.survey).toMatchObject({ channel: 'phone', answer: { answeredBy: '回访员小张' } });
		});

		test('answers sent at once from several processes: exactly one stored, one complaint', async () => {
			const { survey } = await createSurvey(store, await finishedTicket(store, customerId, wang), opts());
			await store.close();
			const script = resolve(__dirname, 'fixtures/answer-survey.js');
			const env = { ...process.env, STORE_CONFIG: JSON.stringify(config), ANSWERS: '3', TOKEN: survey.token };
			const outputs = await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, [script], { env })));
			store = await Store.open(config);
			const results = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
			expect(results).toHaveLength(12);
			expect(results.filter((r) => r === 'stored')).toHaveLength(1);
			expect(results.filter((r) => r === 'answered-already')).toHaveLength(11);
			expect(await store.db.selectFrom('complaints').select('id').execute()).toHaveLength(1);
			expect(await store.db.selectFrom('ticketEvents').select('id').where('action', '=', 'followUp').execute()).toHaveLength(1);
		});

		test('surveys to email: taken by one run at a time, again after the lease, never after the mark', async () => {
			const a = (await createSurvey(store, await finishedTicket(store, customerId, wang), opts())).survey;
			await createSurvey(store, await finishedTicket(store, noEmailCustomerId, wang), opts());
			const [first, second] = await Promise.all([surveysToEmail(store, NOW), surveysToEmail(store, NOW)]);
			expect([...first, ...second].map((s) => s.surveyNumber)).toEqual([a.surveyNumber]);
			expect(await surveysToEmail(store, '2026-11-27T02:29:00.000Z')).toEqual([]);
			expect((await surveysToEmail(store, '2026-11-27T02:31:00.000Z')).map((s) => s.surveyNumber)).toEqual([a.surveyNumber]);
			expect((await markSurveyEmailed(store, a.surveyNumber, '2026-11-27T02:32:00.000Z')).marked).toBe(true);
			expect((await markSurveyEmailed(store, a.surveyNumber, '2026-11-27T02:33:00.000Z')).marked).toBe(false);
			expect(await surveysToEmail(store, '2026-11-28T00:00:00.000Z')).toEqual([]);
		});

		test('the call list: no email at once; with an email three days after it went out; never once answered', async () => {
			const withEmail = (await createSurvey(store, await finishedTicket(store, customerId, wang), opts())).survey;
			const without = (await createSurvey(store, await finishedTicket(store, noEmailCustomerId, wang), opts())).survey;
			await markSurveyEmailed(store, withEmail.surveyNumber, NOW);
			const calls = async (now: string) => (await findSurveys(store, { callList: true }, now)).map((s) => s.surveyNumber);
			expect(await calls(NOW)).toEqual([without.surveyNumber]);
			expect(await calls('2026-11-30T01:59:00.000Z')).toEqual([without.surveyNumber]);
			expect(await calls('2026-11-30T02:00:00.000Z')).toEqual([withEmail.surveyNumber, without.surveyNumber]);
			await answerSurvey(store, { surveyNumber: without.surveyNumber }, LEVELS, opts());
			expect(await calls('2026-11-30T02:00:00.000Z')).toEqual([withEmail.surveyNumber]);
			expect(await calls('2026-12-27T02:00:00.000Z')).toEqual([]); // expired
		});

		test('the daily sweep makes the surveys missed, for jobs finished since the given time', async () => {
			const recent = await finishedTicket(store, customerId, wang, '2026-11-26T02:00:00.000Z');
			await finishedTicket(store, customerId, wang, '2026-09-01T02:00:00.000Z');
			const made = await createMissingSurveys(store, '2026-10-28T02:00:00.000Z', opts());
			expect(made.map((s) => s.ticketNumber)).toEqual([recent]);
			expect(await createMissingSurveys(store, '2026-10-28T02:00:00.000Z', opts())).toEqual([]);
		});

		test('complaints: reply then close; a serious one is answered in writing; steps out of order are refused', async () => {
			const ticket = await finishedTicket(store, customerId, wang);
			const serious = await createComplaint(store, { ticketNumber: ticket, severity: 'serious', text: '屡修不好', channel: 'phone' }, opts());
			const general = await createComplaint(store, { ticketNumber: ticket, severity: 'general', text: '来晚了', channel: 'visit' }, opts());
			expect([serious.complaintNumber, general.complaintNumber, serious.replyDueOn, general.replyDueOn]).toEqual([
				'TS-20261127-0001',
				'TS-20261127-0002',
				'2026-11-30',
				'2026-12-04',
			]);
			await expect(closeComplaint(store, serious.complaintNumber, opts())).rejects.toThrow(/no reply to the customer has been recorded yet/);
			await expect(replyToComplaint(store, serious.complaintNumber, { method: 'phone', text: '电话' }, opts())).rejects.toBeInstanceOf(
				ValidationError,
			);
			const replied = await replyToComplaint(
				store,
				serious.complaintNumber,
				{ method: 'letter', text: '已书面致歉并免费返修' },
				opts('2026-11-28T01:00:00.000Z'),
			);
			expect(replied).toMatchObject({
				status: 'replied',
				reply: { method: 'letter', text: '已书面致歉并免费返修', repliedAt: '2026-11-28T01:00:00.000Z', repliedBy: 'test' },
			});
			await expect(replyToComplaint(store, serious.complaintNumber, { method: 'letter', text: '再答复' }, opts())).rejects.toBeInstanceOf(
				RuleViolation,
			);
			expect(await closeComplaint(store, serious.complaintNumber, opts())).toMatchObject({ status: 'closed', closedBy: 'test' });
			// The board: what still awaits a reply, serious first.
			const third = await createComplaint(store, { ticketNumber: ticket, severity: 'serious', text: '第二次投诉', channel: 'phone' }, opts());
			const board = await store.transaction((trx) => openComplaints(trx, '2026-12-01T00:00:00.000Z'));
			expect(board.map((b) => [b.complaintNumber, b.severity, b.replyDueOn, b.overdue])).toEqual([
				[third.complaintNumber, 'serious', '2026-11-30', true],
				[general.complaintNumber, 'general', '2026-12-04', false],
			]);
		});

		test('notices: each complaint taken by one run, told once, then escalated once per overdue period', async () => {
			const ticket = await finishedTicket(store, customerId, wang);
			const c = await createComplaint(store, { ticketNumber: ticket, severity: 'serious', text: '漏水', channel: 'phone' }, opts());
			const [a, b] = await Promise.all([claimNotices(store, NOW), claimNotices(store, NOW)]);
			expect([...a, ...b].map((n) => [n.complaintNumber, n.notice, n.notifyTo])).toEqual([
				[c.complaintNumber, { kind: 'new', period: 0, severity: 'serious' }, 'company-manager'],
			]);
			// The email failed: nothing marked; after the lease the next run takes it again.
			expect(await claimNotices(store, '2026-11-27T02:10:00.000Z')).toEqual([]);
			const retry = await claimNotices(store, '2026-11-27T02:16:00.000Z');
			expect(retry.map((n) => n.notice)).toEqual([{ kind: 'new', period: 0, severity: 'serious' }]);
			expect((await markNotice(store, c.complaintNumber, retry[0].notice, { now: '2026-11-27T02:16:01.000Z', actor: 'test' })).marked).toBe(true);
			expect(await claimNotices(store, '2026-11-30T15:00:00.000Z')).toEqual([]);
			// Late from the end of the 30th in Shanghai (16:00 UTC).
			const late = await claimNotices(store, '2026-11-30T16:30:00.000Z');
			expect(late.map((n) => n.notice)).toEqual([{ kind: 'overdue', period: 1 }]);
			await markNotice(store, c.complaintNumber, late[0].notice, { now: '2026-11-30T16:30:01.000Z', actor: 'test' });
			expect(await claimNotices(store, '2026-12-01T15:00:00.000Z')).toEqual([]);
			expect((await claimNotices(store, '2026-12-01T16:30:00.000Z')).map((n) => n.notice)).toEqual([{ kind: 'overdue', period: 2 }]);
			// Marking a period twice does nothing the second time.
			expect((await markNotice(store, c.complaintNumber, late[0].notice, { now: '2026-12-01T16:31:00.000Z', actor: 'test' })).marked).toBe(false);
		});

		test('the monthly KPI: jobs, ratings by the day the answer came in (Shanghai), means, complaints', async () => {
			// 王: two jobs in November, answers 4/3/2/1 and 4/4/4/3; 李: one job, one answer in December (Shanghai) though 30 Nov in UTC.
			const w1 = await finishedTicket(store, customerId, wang, '2026-11-05T02:00:00.000Z');
			const w2 = await finishedTicket(store, customerId, wang, '2026-11-20T02:00:00.000Z');
			const l1 = await finishedTicket(store, customerId, li, '2026-11-29T02:00:00.000Z');
			const token = async (t: string) => (await createSurvey(store, t, opts('2026-11-29T03:00:00.000Z'))).survey.token;
			await answerSurvey(
				store,
				{ token: await token(w1) },
				{ ...LEVELS, complaint: { severity: 'serious', text: '差' } },
				opts('2026-11-29T04:00:00.000Z'),
			);
			await answerSurvey(store, { token: await token(w2) }, { attitude: 4, skill: 4, arrival: 4, promises: 3 }, opts('2026-11-30T15:59:59.000Z'));
			await answerSurvey(store, { token: await token(l1) }, { attitude: 4, skill: 4, arrival: 4, promises: 4 }, opts('2026-11-30T16:00:00.000Z'));
			const nov = await monthlyKpi(store, '2026-11', ZONE);
			expect(nov.month).toBe('2026-11');
			expect(nov.technicians).toEqual([
				{
					name: '李师傅',
					phone: '13700000002',
					jobs: 1,
					rated: 0,
					attitude: null,
					skill: null,
					arrival: null,
					promises: null,
					overall: null,
					complaints: 0,
					seriousComplaints: 0,
				},
				// attitude (4+4)/2, skill (3+4)/2, arrival (2+4)/2, promises (1+3)/2; overall 25/8 = 3.125 → 3.13
				{
					name: '王师傅',
					phone: '13700000001',
					jobs: 2,
					rated: 2,
					attitude: 4,
					skill: 3.5,
					arrival: 3,
					promises: 2,
					overall: 3.13,
					complaints: 1,
					seriousComplaints: 1,
				},
			]);
			expect(nov.totals).toEqual({ jobs: 3, rated: 2, complaints: 1, seriousComplaints: 1, overall: 3.13 });
			const dec = await monthlyKpi(store, '2026-12', ZONE);
			expect(dec.technicians.find((t) => t.name === '李师傅')).toMatchObject({ jobs: 0, rated: 1, overall: 4 });
			await expect(monthlyKpi(store, '2026-13', ZONE)).rejects.toThrow(/Month \(月份\)/);
		});
	});
}

/**
 * The manager's dispatch (经理派工, P3) on every backend: assign, reassign before the visit, cancel
 * with a reason; capacity held unless forced with a reason; every decision one history entry with
 * who and why; a refusal writes nothing; two managers at once (two connections) stay consistent.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createTechnician } from '../../nodes/shared/store/registers/technicians';
import { requireTicket, ticketEvents } from '../../nodes/shared/store/registers/tickets';
import { decideDispatch, type ManagerDispatchInput } from '../../nodes/shared/services/manager-dispatch';
import { DEFAULT_WEIGHTS } from '../../nodes/shared/rules/dispatch';
import { NotFoundError, RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';
import { insertTestTicket } from '../harness/tickets';
import type { StoreConfig } from '../../nodes/shared/store/config';

const run = promisify(execFile);
const TODAY = '2026-11-27';

type Outcome = { ok: true; technician: string } | { ok: false; error: { name: string; field?: string; message: string } };

/** Managers deciding at the same moment, each in his own process with his own connection (real parallel runs). */
async function managersAtOnce(config: StoreConfig, decisions: Array<Record<string, unknown>>): Promise<Outcome[]> {
	const script = resolve(__dirname, 'fixtures/manager-decision.js');
	const outputs = await Promise.all(
		decisions.map((d) =>
			run(process.execPath, [script], { env: { ...process.env, STORE_CONFIG: JSON.stringify(config), TODAY, DECISION: JSON.stringify(d) } }),
		),
	);
	return outputs.map((o) => JSON.parse(o.stdout) as Outcome);
}
const T1 = 'BX-20261127-0001';
const T2 = 'BX-20261127-0002';
const T3 = 'BX-20261127-0003';
const PHONES = { a: '13700000001', b: '13700000002', c: '13700000003', idle: '13700000004', lift: '13700000005' };

for (const backend of backends()) {
	describe(`manager's dispatch on ${backend.name}`, () => {
		afterAll(() => backend.cleanup());

		let config: StoreConfig;
		let store: Store;
		const ctx = (actor = '王经理') => ({ today: TODAY, actor, now: '2026-11-27T02:00:00.000Z' });
		const decide = (input: Partial<ManagerDispatchInput>, s = store, actor?: string) =>
			decideDispatch(s, { ticketNumber: T1, decision: 'assignOrReassign', ...input }, DEFAULT_WEIGHTS, ctx(actor));
		const ticket = (n: string) => store.transaction((trx) => requireTicket(trx, { ticketNumber: n }));
		const history = async (n: string) => store.transaction(async (trx) => ticketEvents(trx, (await requireTicket(trx, { ticketNumber: n })).id));
		const eventCount = async () =>
			Number(
				(
					await store.db
						.selectFrom('ticketEvents')
						.select((eb) => eb.fn.countAll().as('n'))
						.executeTakeFirstOrThrow()
				).n,
			);
		const tech = (phone: string) => ({ phone });

		beforeEach(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			const now = '2026-11-27T01:00:00.000Z';
			await store.transaction(async (trx) => {
				const c = await createCustomer(trx, { name: '派工客户', phone: '13800008888' }, now);
				await createTechnician(trx, { name: '甲', phone: PHONES.a, skills: ['空调'], areas: [], dailyCapacity: 1 }, now);
				await createTechnician(trx, { name: '乙', phone: PHONES.b, skills: ['空调'], areas: [], dailyCapacity: 1 }, now);
				await createTechnician(trx, { name: '丙', phone: PHONES.c, skills: ['空调'], areas: [], dailyCapacity: 3 }, now);
				await createTechnician(trx, { name: '闲', phone: PHONES.idle, skills: ['空调'], areas: [], dailyCapacity: 3, active: false }, now);
				await createTechnician(trx, { name: '梯', phone: PHONES.lift, skills: ['电梯'], areas: [], dailyCapacity: 3 }, now);
				for (let n = 1; n <= 3; n++) await insertTestTicket(trx, { customerId: c.id, n, reportDate: TODAY, dueAt: '2026-11-29T00:00:00.000Z' }, now);
			});
		});
		afterEach(async () => await store.close());

		/** Runs `act`, expects it refused with `kind` on `field`, and nothing written. */
		async function refused(
			act: () => Promise<unknown>,
			kind: typeof RuleViolation | typeof ValidationError | typeof NotFoundError,
			field: string,
			text: RegExp,
		) {
			const before = await eventCount();
			const statuses = await store.db
				.selectFrom('tickets')
				.select(['ticketNumber', 'status', 'technicianId', 'dispatchedOn'])
				.orderBy('id')
				.execute();
			const error = await act().then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(kind);
			const fields = error instanceof ValidationError ? error.problems.map((p) => p.field) : [(error as RuleViolation).field];
			expect(fields).toEqual([field]);
			expect((error as Error).message).toMatch(text);
			expect(await eventCount()).toBe(before);
			expect(await store.db.selectFrom('tickets').select(['ticketNumber', 'status', 'technicianId', 'dispatchedOn']).orderBy('id').execute()).toEqual(
				statuses,
			);
		}

		test('assign, reassign before the visit, cancel with a reason: each one history entry naming who and why', async () => {
			const a = await decide({ decision: 'assign', technician: tech(PHONES.a) });
			expect([a.decision, a.status, a.technician?.name]).toEqual(['assign', 'dispatched', '甲']);
			const b = await decide({ technician: tech(PHONES.b), reason: '甲今天请假' }, store, '李经理');
			expect([b.decision, b.status, b.technician?.name, b.previousTechnician?.name]).toEqual(['reassign', 'dispatched', '乙', '甲']);
			const c = await decide({ decision: 'cancel', reason: '客户来电撤销' }, store, '王经理');
			expect([c.decision, c.status, c.cancelReason]).toEqual(['cancel', 'cancelled', '客户来电撤销']);

			const events = (await history(T1)).map((e) => [e.action, e.fromStatus, e.toStatus, e.actor, e.details.reason ?? null]);
			expect(events).toEqual([
				['register', null, 'open', 'test', null],
				['dispatch', 'open', 'dispatched', '王经理', null],
				['reassign', 'dispatched', 'dispatched', '李经理', '甲今天请假'],
				['cancel', 'dispatched', 'cancelled', '王经理', '客户来电撤销'],
			]);
			const [, dispatch, reassign] = await history(T1);
			const ids = await store.db.selectFrom('technicians').select(['id', 'name']).execute();
			const id = (name: string) => ids.find((t) => t.name === name)!.id;
			expect([dispatch.details.technicianId, reassign.details.fromTechnicianId, reassign.details.technicianId]).toEqual([
				id('甲'),
				id('甲'),
				id('乙'),
			]);
		});

		test("a reassignment frees the first technician's place that day; the new one's capacity counts", async () => {
			await decide({ technician: tech(PHONES.a) });
			await refused(
				() => decide({ ticketNumber: T2, technician: tech(PHONES.a) }),
				RuleViolation,
				'technicianPhone',
				/Technician \(技术员\): .*甲.*capacity.*1 of 1/,
			);
			await decide({ technician: tech(PHONES.b) });
			const t2 = await decide({ ticketNumber: T2, technician: tech(PHONES.a) });
			expect(t2.technician?.name).toBe('甲');
			// 乙 is full with T1 now: T3 cannot go to him without forcing.
			await refused(() => decide({ ticketNumber: T3, technician: tech(PHONES.b) }), RuleViolation, 'technicianPhone', /乙.*capacity/);
		});

		test('capacity forced only with a reason, and the history says it was over capacity', async () => {
			await decide({ technician: tech(PHONES.a) });
			await refused(
				() => decide({ ticketNumber: T2, technician: tech(PHONES.a), force: true }),
				ValidationError,
				'reason',
				/^Reason \(原因\): required when/,
			);
			await refused(
				() => decide({ ticketNumber: T2, technician: tech(PHONES.a), force: true, reason: '   ' }),
				ValidationError,
				'reason',
				/required/,
			);
			const forced = await decide({ ticketNumber: T2, technician: tech(PHONES.a), force: true, reason: '老客户，甲熟悉现场' });
			expect([forced.technician?.name, forced.forced, forced.overCapacity]).toEqual(['甲', true, true]);
			const last = (await history(T2)).at(-1)!;
			expect([last.action, last.details.force, last.details.overCapacity, last.details.reason]).toEqual([
				'dispatch',
				true,
				true,
				'老客户，甲熟悉现场',
			]);
			// Forcing waives capacity only: an inactive technician or one without the skill stays refused.
			await refused(
				() => decide({ ticketNumber: T3, technician: tech(PHONES.idle), force: true, reason: 'x' }),
				RuleViolation,
				'technicianPhone',
				/闲 is not active/,
			);
			await refused(
				() => decide({ ticketNumber: T3, technician: tech(PHONES.lift), force: true, reason: 'x' }),
				RuleViolation,
				'technicianPhone',
				/skill 空调/,
			);
		});

		test('refusals name the field and write nothing', async () => {
			await refused(
				() => decide({ ticketNumber: 'BX-19990101-0001', technician: tech(PHONES.a) }),
				NotFoundError,
				'ticketNumber',
				/^Ticket number \(工单号\): no ticket BX-19990101-0001/,
			);
			await refused(
				() => decide({ decision: 'reassign', technician: tech(PHONES.a) }),
				RuleViolation,
				'ticketNumber',
				/not dispatched yet.*assign it \(派工\)/,
			);
			await refused(() => decide({ technician: tech('13799999999') }), RuleViolation, 'technicianPhone', /no technician with phone "13799999999"/);
			await refused(() => decide({ technician: undefined }), RuleViolation, 'technicianPhone', /none chosen/);
			await refused(() => decide({ decision: 'cancel' }), ValidationError, 'reason', /^Reason \(原因\): required to cancel/);
			await decide({ technician: tech(PHONES.a) });
			await refused(
				() => decide({ decision: 'assign', technician: tech(PHONES.c) }),
				RuleViolation,
				'ticketNumber',
				/already dispatched; reassign it \(改派\)/,
			);
			await refused(() => decide({ technician: tech(PHONES.a) }), RuleViolation, 'technicianPhone', /already with 甲/);
			// Once the visit is recorded: neither reassigned nor cancelled.
			await store.db.updateTable('tickets').set({ status: 'solved-on-site' }).where('ticketNumber', '=', T1).execute();
			await refused(() => decide({ technician: tech(PHONES.c) }), RuleViolation, 'ticketNumber', /cannot be assigned: its visit is already recorded/);
			await refused(
				() => decide({ decision: 'reassign', technician: tech(PHONES.c) }),
				RuleViolation,
				'ticketNumber',
				/cannot be reassigned: its visit is already recorded/,
			);
			await refused(
				() => decide({ decision: 'cancel', reason: '撤销' }),
				RuleViolation,
				'ticketNumber',
				/cannot be cancelled: its visit is already recorded/,
			);
		});

		test('two managers reassigning the same ticket at once: both served in turn, the history a complete chain', async () => {
			await decide({ technician: tech(PHONES.a) });
			const outcomes = await managersAtOnce(config, [
				{ ticketNumber: T1, decision: 'assignOrReassign', technician: tech(PHONES.b), reason: '经理一', actor: '经理一' },
				{ ticketNumber: T1, decision: 'reassign', technician: tech(PHONES.c), reason: '经理二', actor: '经理二' },
			]);
			const won = outcomes.filter((o) => o.ok);
			expect(won.length).toBeGreaterThanOrEqual(1);
			// A manager served second either moves it on from the first one's technician, or is told clearly why not.
			for (const o of outcomes) if (!o.ok) expect(o.error).toMatchObject({ name: 'RuleViolation', field: 'technicianPhone' });
			const events = (await history(T1)).filter((e) => e.action !== 'register');
			expect(events.map((e) => e.action)).toEqual(['dispatch', ...won.map(() => 'reassign')]);
			expect(
				events
					.slice(1)
					.map((e) => e.actor)
					.sort(),
			).toEqual(outcomes.flatMap((o, i) => (o.ok ? [`经理${'一二'[i]}`] : [])).sort());
			// Each reassignment starts from the technician the one before it left.
			for (let i = 1; i < events.length; i++) expect(events[i].details.fromTechnicianId).toBe(events[i - 1].details.technicianId);
			const t = await ticket(T1);
			expect(t.technicianId).toBe(events.at(-1)!.details.technicianId);
			expect(['乙', '丙']).toContain(t.technician?.name);
		});

		test("two managers giving different tickets to a technician's last place at once: one wins, never over capacity", async () => {
			const outcomes = await managersAtOnce(config, [
				{ ticketNumber: T1, decision: 'assign', technician: tech(PHONES.b), actor: '经理一' },
				{ ticketNumber: T2, decision: 'assign', technician: tech(PHONES.b), actor: '经理二' },
			]);
			expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
			const lost = outcomes.find((o) => !o.ok) as Extract<Outcome, { ok: false }>;
			expect(lost.error).toMatchObject({ name: 'RuleViolation', field: 'technicianPhone' });
			expect(lost.error.message).toMatch(/乙 is at capacity today: 1 of 1/);
			const b = await store.db.selectFrom('technicians').select('id').where('phone', '=', PHONES.b).executeTakeFirstOrThrow();
			const jobs = await store.db.selectFrom('tickets').select('ticketNumber').where('technicianId', '=', b.id).execute();
			expect(jobs).toHaveLength(1);
			const dispatches = await store.db.selectFrom('ticketEvents').select('ticketId').where('action', '=', 'dispatch').execute();
			expect(dispatches).toHaveLength(1);
		});
	});
}

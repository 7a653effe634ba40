/**
 * Periodic follow-up (定期回访) on every backend: the monthly run lists each installation due
 * once a period — also under two runs at once — a fault opens one repair ticket for the unit
 * through the intake, unreachable comes back next month, normal does not, and an annual
 * contract makes it 3 months.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createInstallation } from '../../nodes/shared/store/registers/installations';
import { createContract } from '../../nodes/shared/store/registers/contracts';
import { openPeriodicCalls, recordPeriodicCall, runPeriodicFollowUp } from '../../nodes/shared/services/periodic-follow-up';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { DEFAULT_RESPONSE_HOURS } from '../../nodes/shared/rules/numbering';
import { NotFoundError, RuleViolation, ValidationError } from '../../nodes/shared/rules/errors';

const ZONE = 'Asia/Shanghai';
const DEC = { date: '2026-12-01', now: '2026-12-01T00:30:00.000Z', zone: ZONE, actor: 'monthly run' };
const JAN = { date: '2027-01-01', now: '2027-01-01T00:30:00.000Z', zone: ZONE, actor: 'monthly run' };
const desk = (now: string) => ({ now, zone: ZONE, actor: '前台小王' });

for (const backend of backends()) {
	describe(`periodic follow-up on ${backend.name}`, () => {
		let store: Store;
		beforeEach(async () => {
			store = await Store.open(backend.fresh());
			const t0 = '2026-01-01T00:00:00.000Z';
			await store.transaction(async (trx) => {
				await createCustomer(trx, { code: 'KH-P1', name: '周期一', contactPerson: '李', phone: '13900000001', address: '上海市1号' }, t0);
				await createCustomer(trx, { code: 'KH-P2', name: '年约客户', phone: '13900000002', address: '上海市2号' }, t0);
				await createCustomer(trx, { code: 'KH-P3', name: '新装客户', phone: '13900000003', address: '上海市3号' }, t0);
				const unit = (serialNo: string, code: string, completedOn: string) =>
					createInstallation(trx, { serialNo, description: `空调 ${serialNo}`, completedOn, warrantyUntil: '2027-12-31', customer: { code } }, t0);
				await unit('PF-001', 'KH-P1', '2026-05-20'); // due 2026-11-20
				await unit('PF-002', 'KH-P1', '2026-06-01'); // due 2026-12-01, but a ticket below
				await unit('PF-003', 'KH-P2', '2026-08-15'); // annual contract: due 2026-11-15
				await unit('PF-004', 'KH-P3', '2026-07-01'); // no contract: due 2027-01-01
				await createContract(
					trx,
					{
						contractNo: 'HT-P2',
						kind: 'annual',
						startsOn: '2026-01-01',
						endsOn: '2026-12-31',
						feeFen: 100000,
						visitFeeFen: 0,
						status: 'active',
						customer: { code: 'KH-P2' },
					},
					t0,
				);
			});
			// PF-002 has an open ticket (reported in November): not in normal use.
			await registerTicket(
				store,
				cleanRepairReport(
					{ customerCode: 'KH-P1', phone: '13900000001', address: '上海市1号', siteSituation: '异响', serialNo: 'PF-002' },
					ZONE,
					'2026-11-10T02:00:00.000Z',
				),
				{ responseHours: DEFAULT_RESPONSE_HOURS, today: '2026-11-10', actor: 'test', now: '2026-11-10T02:00:00.000Z' },
			);
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		const rows = async () => await store.db.selectFrom('periodicFollowUps').select(['installationId', 'period', 'followUpNumber']).execute();

		test('two runs at once the same month: each unit due listed once, numbered, the second run lists nothing new', async () => {
			const [a, b] = await Promise.all([runPeriodicFollowUp(store, DEC), runPeriodicFollowUp(store, DEC)]);
			const listed = [...a.due, ...b.due];
			expect(listed.map((d) => d.serialNo).sort()).toEqual(['PF-001', 'PF-003']);
			expect(listed.map((d) => d.followUpNumber).sort()).toEqual(['DH-20261201-0001', 'DH-20261201-0002']);
			const p1 = listed.find((d) => d.serialNo === 'PF-001')!;
			expect(p1).toMatchObject({
				customerName: '周期一',
				phone: '13900000001',
				lastContactOn: '2026-05-20',
				lastContactKind: 'installation',
				intervalMonths: 6,
				status: 'open',
			});
			expect(listed.find((d) => d.serialNo === 'PF-003')).toMatchObject({ lastContactOn: '2026-08-15', dueOn: '2026-11-15', intervalMonths: 3 });
			expect(await rows()).toHaveLength(2);
			expect((await runPeriodicFollowUp(store, { ...DEC, date: '2026-12-20' })).due).toEqual([]);
			expect((await openPeriodicCalls(store)).map((c) => c.serialNo)).toEqual(['PF-001', 'PF-003']);
		});

		test('the unique key holds in the store: a second row for a unit and month is refused', async () => {
			await runPeriodicFollowUp(store, DEC);
			const [first] = await rows();
			const copy = store.db
				.insertInto('periodicFollowUps')
				.values({
					followUpNumber: 'DH-20261201-0099',
					installationId: first.installationId,
					period: '2026-12',
					listedOn: '2026-12-01',
					lastContactOn: '2026-05-20',
					lastContactKind: 'installation',
					dueOn: '2026-11-20',
					intervalMonths: 6,
					createdBy: 'x',
					createdAt: DEC.now,
					updatedAt: DEC.now,
				})
				.execute();
			await expect(copy).rejects.toThrow();
		});

		test('a fault opens one repair ticket for that unit through the intake, even sent twice at once; the unit is then off the list', async () => {
			const { due } = await runPeriodicFollowUp(store, DEC);
			const n = due.find((d) => d.serialNo === 'PF-001')!.followUpNumber;
			const send = () =>
				recordPeriodicCall(store, n, { result: 'fault', opinion: '师傅很好', siteSituation: '不制冷' }, desk('2026-12-02T03:00:00.000Z'));
			const [a, b] = await Promise.all([send(), send()]);
			expect(a.ticketNumber).toMatch(/^BX-20261202-\d{4}$/);
			expect(b.ticketNumber).toBe(a.ticketNumber);
			const t = await store.db.selectFrom('tickets').selectAll().where('ticketNumber', '=', a.ticketNumber!).executeTakeFirstOrThrow();
			expect([t.serialNo, t.siteSituation, t.phone, t.address, t.status]).toEqual(['PF-001', '不制冷', '13900000001', '上海市1号', 'open']);
			expect(a.call).toMatchObject({
				status: 'fault',
				opinion: '师傅很好',
				siteSituation: '不制冷',
				ticketNumber: a.ticketNumber,
				calledBy: '前台小王',
			});
			await expect(recordPeriodicCall(store, n, { result: 'normal' }, desk('2026-12-03T03:00:00.000Z'))).rejects.toBeInstanceOf(RuleViolation);
			// The ticket is open: not listed next month.
			expect((await runPeriodicFollowUp(store, JAN)).due.map((d) => d.serialNo)).not.toContain('PF-001');
		});

		test('unreachable is listed again next month; normal is not (the call is the last contact)', async () => {
			const { due } = await runPeriodicFollowUp(store, DEC);
			const num = (s: string) => due.find((d) => d.serialNo === s)!.followUpNumber;
			await expect(recordPeriodicCall(store, num('PF-001'), { result: 'unreachable' }, desk('2026-12-05T03:00:00.000Z'))).resolves.toMatchObject({
				ticketNumber: null,
				call: { status: 'unreachable' },
			});
			await recordPeriodicCall(store, num('PF-003'), { result: 'normal', opinion: '希望提前预约' }, desk('2026-12-05T03:00:00.000Z'));
			// Not again in December …
			expect((await runPeriodicFollowUp(store, { ...DEC, date: '2026-12-31' })).due).toEqual([]);
			// … in January: the unreachable one again, the new one due from its completion, not the one called normally.
			const jan = await runPeriodicFollowUp(store, JAN);
			expect(jan.due.map((d) => d.serialNo).sort()).toEqual(['PF-001', 'PF-004']);
			expect(jan.due.find((d) => d.serialNo === 'PF-001')).toMatchObject({ lastContactOn: '2026-05-20', period: '2027-01' });
		});

		test('bad input: 400 with the field, unknown number 404, nothing written', async () => {
			const { due } = await runPeriodicFollowUp(store, DEC);
			await expect(recordPeriodicCall(store, due[0].followUpNumber, { result: 'fault' }, desk(DEC.now))).rejects.toBeInstanceOf(ValidationError);
			await expect(recordPeriodicCall(store, 'DH-20261201-0999', { result: 'normal' }, desk(DEC.now))).rejects.toBeInstanceOf(NotFoundError);
			expect((await openPeriodicCalls(store)).length).toBe(2);
			expect(await store.db.selectFrom('tickets').select('id').execute()).toHaveLength(1);
		});
	});
}

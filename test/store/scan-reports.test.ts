/**
 * Scan to report on every backend: the label sheet of a customer, the unit a label opens, and
 * reports sent from a label at the same moment — the rate limit per unit holds (counted in the
 * store under the unit's lock), the same report sent twice at once is one report and one ticket,
 * and a refused report writes nothing.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createInstallation } from '../../nodes/shared/store/registers/installations';
import { acceptScanReport, labelSheet, openLabel, LabelRefused, type AcceptedScanReport } from '../../nodes/shared/services/scan-reports';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';
import { DEFAULT_RESPONSE_HOURS } from '../../nodes/shared/rules/numbering';
import { RateLimited } from '../../nodes/shared/rules/scan-report';
import { NotFoundError, ValidationError } from '../../nodes/shared/rules/errors';

const ZONE = 'Asia/Shanghai';
const NOW = '2026-11-27T02:00:00.000Z';
const o = { now: NOW, zone: ZONE, limit: 3, windowHours: 24 };

for (const backend of backends()) {
	describe(`scan to report on ${backend.name}`, () => {
		let store: Store;
		let tokens: string[];
		beforeEach(async () => {
			store = await Store.open(backend.fresh());
			await store.transaction(async (trx) => {
				await createCustomer(
					trx,
					{ code: 'KH-SCAN', name: '宏达<物业>', contactPerson: '陈经理', phone: '13800001111', address: '上海市浦东新区1号' },
					NOW,
				);
				await createCustomer(trx, { code: 'KH-OTHER', name: '别家', phone: '13800002222' }, NOW);
				for (const [serialNo, customer] of [
					['AC-001', 'KH-SCAN'],
					['AC-002', 'KH-SCAN'],
					['XX-009', 'KH-OTHER'],
				])
					await createInstallation(
						trx,
						{ serialNo, description: `空调 ${serialNo}`, completedOn: '2026-01-10', warrantyUntil: '2027-01-09', customer: { code: customer } },
						NOW,
					);
			});
			tokens = (await labelSheet(store, 'kh-scan')).labels.map((l) => l.token);
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		const rows = async () => (await store.db.selectFrom('scanReports').select(['installationId', 'idempotencyKey']).execute()).length;

		test('the sheet: one label per unit of the customer, each opening its own unit; unknown or no customer refused', async () => {
			const sheet = await labelSheet(store, 'KH-SCAN');
			expect(sheet.customerName).toBe('宏达<物业>');
			expect(sheet.labels.map((l) => l.serialNo)).toEqual(['AC-001', 'AC-002']);
			for (const l of sheet.labels) {
				const unit = await openLabel(store, l.token);
				expect([unit.serialNo, unit.customerName, unit.address]).toEqual([l.serialNo, '宏达<物业>', '上海市浦东新区1号']);
			}
			await expect(labelSheet(store, 'KH-NONE')).rejects.toBeInstanceOf(NotFoundError);
			await expect(labelSheet(store, ' ')).rejects.toBeInstanceOf(ValidationError);
			await expect(openLabel(store, `${tokens[0].slice(0, -2)}xx`)).rejects.toBeInstanceOf(LabelRefused);
		});

		test('eight different reports for one unit at once: three taken, five refused 429, three rows; the other unit still free', async () => {
			const results = await Promise.allSettled(
				Array.from({ length: 8 }, (_, n) => acceptScanReport(store, tokens[0], { siteSituation: `故障 ${n}`, phone: '13812345678' }, o)),
			);
			const taken = results.filter((r) => r.status === 'fulfilled');
			const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
			expect(taken).toHaveLength(3);
			expect(refused).toHaveLength(5);
			for (const r of refused) expect(r.reason).toBeInstanceOf(RateLimited);
			expect(await rows()).toBe(3);
			await expect(acceptScanReport(store, tokens[1], { siteSituation: '漏水', phone: '13812345678' }, o)).resolves.toMatchObject({
				serialNo: 'AC-002',
			});
			// A day later the window has moved on.
			await expect(
				acceptScanReport(store, tokens[0], { siteSituation: '又坏了', phone: '13812345678' }, { ...o, now: '2026-11-28T02:00:01.000Z' }),
			).resolves.toMatchObject({ duplicate: false });
		});

		test('the same report sent four times at once: one row, one ticket for every sender, not counted twice', async () => {
			const send = () => acceptScanReport(store, tokens[0], { siteSituation: '不制冷', phone: '138 1234 5678', contactPerson: '王' }, o);
			const accepted = await Promise.all(Array.from({ length: 4 }, send));
			expect(accepted.filter((a) => !a.duplicate)).toHaveLength(1);
			expect(new Set(accepted.map((a) => a.idempotencyKey)).size).toBe(1);
			expect(await rows()).toBe(1);
			const intake = (a: AcceptedScanReport) =>
				registerTicket(store, cleanRepairReport(a as unknown as Record<string, unknown>, ZONE, NOW), {
					responseHours: DEFAULT_RESPONSE_HOURS,
					today: '2026-11-27',
					actor: 'test',
					now: NOW,
				});
			const tickets = await Promise.all(accepted.map(intake));
			expect(new Set(tickets.map((t) => t.ticket.ticketNumber)).size).toBe(1);
			expect(tickets[0].ticket).toMatchObject({
				serialNo: 'AC-001',
				customerCode: 'KH-SCAN',
				phone: '13812345678',
				contactPerson: '王',
				address: '上海市浦东新区1号',
			});
			expect(tickets[0].ticket.customerType).toBe('in-warranty');
			// Two more different reports still fit the limit of three.
			await send();
			await acceptScanReport(store, tokens[0], { siteSituation: '异响', phone: '13812345678' }, o);
			await acceptScanReport(store, tokens[0], { siteSituation: '漏水', phone: '13812345678' }, o);
			await expect(acceptScanReport(store, tokens[0], { siteSituation: '第四次', phone: '13812345678' }, o)).rejects.toBeInstanceOf(RateLimited);
		});

		test('a bad phone or a changed token writes nothing', async () => {
			await expect(acceptScanReport(store, tokens[0], { siteSituation: '不制冷', phone: '12345' }, o)).rejects.toMatchObject({
				problems: [{ field: 'phone', message: expect.stringMatching(/^电话 Phone/) }],
			});
			await expect(acceptScanReport(store, `${tokens[0]}x`, { siteSituation: '不制冷', phone: '13812345678' }, o)).rejects.toBeInstanceOf(
				LabelRefused,
			);
			expect(await rows()).toBe(0);
		});
	});
}

/**
 * Registering reports at once, on every backend (PostgreSQL through a pool of connections):
 * two first reports from one new customer make one customer file and two tickets, and one
 * idempotency key sent four times at once makes one ticket.
 */
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { registerTicket } from '../../nodes/shared/services/repair-intake';
import { DEFAULT_RESPONSE_HOURS } from '../../nodes/shared/rules/numbering';
import { cleanRepairReport } from '../../nodes/shared/rules/repair-report';

const NOW = '2026-11-27T02:00:00.000Z';
const options = { responseHours: DEFAULT_RESPONSE_HOURS, today: '2026-11-27', actor: 'test', now: NOW };
const report = (over: Record<string, unknown> = {}) =>
	cleanRepairReport({ customerName: '新到物业', phone: '13800005555', address: '上海市', siteSituation: '电梯异响', ...over }, 'Asia/Shanghai', NOW);

for (const backend of backends()) {
	describe(`reports at once on ${backend.name}`, () => {
		let store: Store;
		beforeEach(async () => {
			store = await Store.open(backend.fresh());
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		test('two first reports from one new customer: one customer file, two tickets', async () => {
			const results = await Promise.all([
				registerTicket(store, report(), options),
				registerTicket(store, report({ siteSituation: '门不关' }), options),
			]);
			expect(new Set(results.map((r) => r.ticket.ticketNumber)).size).toBe(2);
			expect(new Set(results.map((r) => r.ticket.customerCode)).size).toBe(1);
			const customers = await store.db.selectFrom('customers').select('id').execute();
			expect(customers).toHaveLength(1);
		});

		test('one idempotency key four times at once: one ticket, the same one for every caller', async () => {
			const results = await Promise.all(Array.from({ length: 4 }, () => registerTicket(store, report({ idempotencyKey: 'same-call' }), options)));
			expect(new Set(results.map((r) => r.ticket.ticketNumber)).size).toBe(1);
			expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
			const tickets = await store.db.selectFrom('tickets').select('ticketNumber').execute();
			expect(tickets.map((t) => t.ticketNumber)).toEqual(['BX-20261127-0001']);
		});
	});
}

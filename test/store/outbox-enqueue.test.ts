/**
 * The outbox's first step (migration 31): a message is queued inside the change's transaction, once
 * per key, and vanishes with the change when that transaction rolls back. Both backends.
 */
import { Store } from '../../nodes/shared/store/store';
import { enqueueMessage } from '../../nodes/shared/store/registers/outbox';
import { backends } from '../harness/backends';

const NOW = '2026-11-27T02:00:00.000Z';

for (const backend of backends()) {
	describe(`the outbox: queued with the change on ${backend.name}`, () => {
		let store: Store;
		beforeAll(async () => {
			store = await Store.open(backend.fresh(), () => NOW);
		});
		afterAll(async () => {
			await store.close();
			await backend.cleanup();
		});

		test('one key is queued once; the row waits to be sent, given up 24 hours later', async () => {
			const sms = {
				key: 'survey:BX-20261127-0001:13800000001',
				channel: 'sms' as const,
				kind: 'survey' as const,
				to: '13800000001',
				payload: { kind: 'survey' as const, params: { name: '陈经理', ticket: 'BX-20261127-0001', url: 'https://example.test/s/1' } },
			};
			expect(await store.transaction((trx) => enqueueMessage(trx, sms, NOW))).toBe(true);
			expect(await store.transaction((trx) => enqueueMessage(trx, sms, NOW))).toBe(false);
			const rows = await store.transaction((trx) => trx.selectFrom('outbox').selectAll().execute());
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				channel: 'sms',
				kind: 'survey',
				recipient: '13800000001',
				subject: null,
				status: 'pending',
				attempts: 0,
				delivered: '[]',
				nextAttemptAt: NOW,
				giveUpAt: '2026-11-28T02:00:00.000Z',
			});
			expect(JSON.parse(rows[0].payload)).toEqual(sms.payload);
		});

		test('a change that rolls back takes its message with it', async () => {
			const staff = {
				key: 'new-ticket:rolled-back',
				channel: 'staff' as const,
				kind: 'new-ticket' as const,
				payload: { kind: 'new-ticket' as const, items: [{ ticket: 'BX-20261127-0009', customer: '华东物业' }] },
			};
			await expect(
				store.transaction(async (trx) => {
					await enqueueMessage(trx, staff, NOW);
					throw new Error('the change failed');
				}),
			).rejects.toThrow('the change failed');
			const keys = (await store.transaction((trx) => trx.selectFrom('outbox').select('messageKey').execute())).map((r) => r.messageKey);
			expect(keys).not.toContain('new-ticket:rolled-back');
		});
	});
}

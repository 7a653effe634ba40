/**
 * Ticket › Get Many for a staff form's list of open tickets (issue 17): Newest First with a Limit
 * keeps the newest reports, newest first; without it the list stays oldest first. On every backend,
 * through n8n's real engine.
 */
import type { INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores } from '../../nodes/shared/store/store';

const REGISTER = TYPES.register;

for (const backend of backends()) {
	describe(`ticket list, newest first, on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeEach(() => {
			credentials = { afterSalesStore: backend.credential(backend.fresh()) };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		test('Newest First with Limit 2 gives the two latest reports, latest first; the default order is oldest first', async () => {
			// Reported on three days, registered out of order: the order is the report time, not the insertion.
			const reports = [
				{ customerName: '乙物业', siteSituation: '空调漏水', reportedAt: '2026-03-02T09:00:00+08:00' },
				{ customerName: '甲物业', siteSituation: '空调不制冷', reportedAt: '2026-03-01T09:00:00+08:00' },
				{ customerName: '丙物业', siteSituation: '不开机', reportedAt: '2026-03-03T09:00:00+08:00' },
			];
			const created = (
				await runWorkflow(
					withItems(
						reports.map((r, n) => ({ ...r, phone: `1380000111${n}`, address: '上海市徐汇区' })),
						chain(node('Create', TYPES.createTicket, {})),
					),
					credentials,
				)
			)
				.output('Create')
				.map((o) => ({ number: String(o.json.ticketNumber), customer: String(o.json.customerName), status: String(o.json.status) }));
			expect(created.map((c) => [c.customer, c.status])).toEqual([
				['乙物业', 'open'],
				['甲物业', 'open'],
				['丙物业', 'open'],
			]);
			const byCustomer = Object.fromEntries(created.map((c) => [c.customer, c.number]));

			const list = async (parameters: INode['parameters']) =>
				(await runWorkflow(chain(node('List', REGISTER, { resource: 'ticket', operation: 'getMany', ...parameters })), credentials))
					.output('List')
					.map((o) => [o.json.ticketNumber, o.json.customerName, o.json.siteSituation]);

			expect(await list({ limit: 2, filters: { status: ['open'], newestFirst: true } })).toEqual([
				[byCustomer['丙物业'], '丙物业', '不开机'],
				[byCustomer['乙物业'], '乙物业', '空调漏水'],
			]);
			expect(await list({ returnAll: true, filters: { status: ['open'] } })).toEqual([
				[byCustomer['甲物业'], '甲物业', '空调不制冷'],
				[byCustomer['乙物业'], '乙物业', '空调漏水'],
				[byCustomer['丙物业'], '丙物业', '不开机'],
			]);
			expect(await list({ limit: 2, filters: { status: ['dispatched'], newestFirst: true } })).toEqual([]);
		});
	});
}

/**
 * Regressions found by the fuzz campaign (test/e2e/fuzz.e2e.ts), on n8n's real engine: an answer
 * whose `complaint` is no object (`5`, `"x"`, a list) was taken without any complaint (200) — now
 * refused on the field `complaint`, the survey still unanswered; a repair report with an object
 * as the customer's name made a ticket for "[object Object]" — now refused, nothing written.
 */
import type { IDataObject } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

const survey = (operation: string) => node('Op', TYPES.sendSurvey, { resource: 'survey', operation }, { onError: 'continueRegularOutput' });

for (const backend of backends()) {
	describe(`wrong types on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let config: StoreConfig;
		beforeEach(() => {
			config = backend.fresh();
			credentials = { afterSalesStore: { ...backend.credential(config) } };
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});
		const run = async (items: IDataObject[], n: ReturnType<typeof survey>) =>
			(await runWorkflow(withItems(items, chain(n)), credentials)).output('Op');

		test('a survey answer whose complaint is no object is refused on `complaint`; the survey stays open for the real answer', async () => {
			await run(
				[{ name: '王师傅', phone: '13700000001', skills: '空调', dailyCapacity: 20 }],
				node('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'technicians' }),
			);
			const wf = withItems(
				[{ customerName: '华东物业', phone: '13800000001', address: '上海市徐汇区', siteSituation: '空调不制冷', skill: '空调' }],
				chain(node('Create', TYPES.createTicket, {}), node('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const n = String((await runWorkflow(wf, credentials)).output('Dispatch')[0].json.ticketNumber);
			const step = (operation: string, fields: IDataObject) =>
				run([{ ticketNumber: n, ...fields }], node('Op', TYPES.register, { resource: 'ticket', operation }));
			await step('recordVisit', { outcome: 'solved', solution: '清洗', customerSignature: '陈经理' });
			await step('close', {});
			const [made] = await run([{ ticketNumber: n }], survey('create'));
			const levels = { token: made.json.token, attitude: 4, skill: 4, arrival: 4, promises: 4 };
			// {}: also what n8n's webhook hands on for { "toString": "x" } (the key does not survive its JSON handling).
			for (const wrong of [5, 'x', ['维修后漏水'], true, {}, { note: '晚了' }]) {
				const [refused] = await run([{ ...levels, complaint: wrong }], survey('recordAnswer'));
				expect(refused.json).toMatchObject({
					details: { kind: 'invalid', errors: [{ field: 'complaint', message: expect.stringContaining('expected { severity, text }') }] },
				});
			}
			// An object String() cannot print (from JSON: { "toString": "x" }).
			const [unprintable] = await run([{ ...levels, complaint: { toString: 'x' } }], survey('recordAnswer'));
			expect(unprintable.json).toMatchObject({
				details: { kind: 'invalid', errors: [{ field: 'complaint', message: expect.stringContaining('expected a plain value') }] },
			});
			const [answered] = await run([{ ...levels, complaint: { severity: 'general', text: '来晚了' } }], survey('recordAnswer'));
			expect(answered.json).toMatchObject({ status: 'answered', complaint: { severity: 'general' } });
		});

		test('a repair report with an object or a list as a text field is refused, and no ticket or customer is written', async () => {
			const report = { customerName: '华东物业', phone: '13800000001', address: '上海市徐汇区', siteSituation: '空调不制冷' };
			for (const [field, wrong] of [
				['customerName', { a: 'x' }],
				['address', ['a', 'b']],
				['siteSituation', {}],
				['contactPerson', [{}]],
			] as const) {
				const out = (
					await runWorkflow(
						withItems([{ ...report, [field]: wrong }], chain(node('Op', TYPES.createTicket, {}, { onError: 'continueRegularOutput' }))),
						credentials,
					)
				).output('Op');
				expect(out[0].json).toMatchObject({ details: { errors: [{ field, message: expect.stringMatching(/is not text/) }] } });
			}
			const store = await getStore(config);
			const count = async (t: 'tickets' | 'customers') =>
				Number(
					(
						await store.db
							.selectFrom(t)
							.select((eb) => eb.fn.countAll().as('n'))
							.executeTakeFirstOrThrow()
					).n,
				);
			expect([await count('tickets'), await count('customers')]).toEqual([0, 0]);
		});
	});
}

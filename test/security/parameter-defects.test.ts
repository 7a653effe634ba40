/**
 * Regressions found by fuzzing the node parameters (test/security/node-parameters.test.ts), on
 * n8n's real engine with "Continue (using error output)". Before the fixes each of these ended as
 * a `failed` item (the 500-class "the store could not do it") with a developer's message, or
 * quoted "[object Object]" to the clerk:
 * - a text parameter (ticket number …) whose expression gave `{ toString: "x" }`: "Cannot convert
 *   object to primitive value"; given `{ a: 1 }`: "No ticket [object Object] is in the register";
 * - a locator whose value an expression made an object: the same TypeError;
 * - a search filter of 100 kB: SQLite's "LIKE or GLOB pattern too complex";
 * - a limit of 1e21: SQLite's "datatype mismatch"; a record id of 3.5e21: PostgreSQL's "invalid
 *   input syntax for type integer";
 * - Compute Tile Stock with a tile source that is none of its choices: n8n's "Could not get
 *   parameter \"model\""; Find Survey By given an object: "parameterName.split is not a function".
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';
import { plainNumber, shown } from '../../nodes/shared/rules/errors';
import { parseDate, parseDateTime } from '../../nodes/shared/rules/dates';
import { parseIsoWeek } from '../../nodes/shared/rules/work-report';
import { searchTerm } from '../../nodes/shared/rules/records';
import { ValidationError } from '../../nodes/shared/rules/errors';

const UNPRINTABLE = { toString: 'x' };

describe('rule helpers never print an object', () => {
	test('shown quotes text and numbers as given, names objects and lists, and does not throw for { toString: "x" }', () => {
		expect(shown('2026-02-30')).toBe('"2026-02-30"');
		expect(shown(' a ', true)).toBe('"a"');
		expect(shown(12.5)).toBe('"12.5"');
		expect(shown({ a: 1 })).toBe('an object');
		expect(shown(UNPRINTABLE)).toBe('an object');
		expect(shown(Object.create(null))).toBe('an object');
		expect(shown(['a', 'b'])).toBe('a list');
	});

	test('plainNumber reads numbers and text as Number() does, and objects or lists as NaN (Number([5]) is 5)', () => {
		expect(plainNumber(30)).toBe(30);
		expect(plainNumber('30')).toBe(30);
		expect(plainNumber(true)).toBe(1);
		expect(plainNumber([5])).toBeNaN();
		expect(plainNumber(UNPRINTABLE)).toBeNaN();
		expect(plainNumber(Object.create(null))).toBeNaN();
	});

	const message = (fn: () => unknown) => {
		try {
			fn();
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			return (error as Error).message;
		}
		throw new Error('accepted');
	};

	test('dates, date-times and weeks given an object are refused naming it as one', () => {
		expect(message(() => parseDate({ a: 1 }, 'date', 'Asia/Shanghai'))).toBe(
			'date: an object is not a date; expected a date as YYYY-MM-DD (or YYYY/M/D), for example 2026-11-27',
		);
		expect(message(() => parseDate(UNPRINTABLE, 'date', 'Asia/Shanghai'))).toMatch(/^date: an object is not a date/);
		expect(message(() => parseDateTime(['2026-01-01'], 'workedAt', 'Asia/Shanghai'))).toMatch(/: a list is not a date and time/);
		expect(message(() => parseIsoWeek({ a: 1 }))).toBe('Week (周): an object is not a week; expected an ISO week as YYYY-Www, for example 2026-W48');
	});

	test('a search of more than 200 characters is refused on `search`; 200 are taken', () => {
		expect(message(() => searchTerm('x'.repeat(201)))).toBe('Search: 201 characters is too long; expected at most 200');
		expect(searchTerm(` ${'x'.repeat(200)} `)).toBe('x'.repeat(200));
		expect(searchTerm(10086)).toBe('10086');
		expect(message(() => searchTerm({}))).toBe('Search: an object is not text; expected plain text');
	});
});

for (const backend of backends()) {
	describe(`parameters of the wrong kind on the engine (${backend.name})`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		beforeAll(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
			const rows = [{ code: 'KH-1', name: '甲', phone: '13800000001' }];
			const out = (
				await runWorkflow(
					withItems(rows, chain(storeNode('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'customers' }))),
					credentials,
				)
			).output('Op');
			expect(out[0].json.rejected).toEqual([]);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		/** Runs the node on one item under "Continue (using error output)"; gives its error items and its success items. */
		async function run(type: string, parameters: INode['parameters'], item: IDataObject = {}) {
			const result = await runWorkflow(withItems([item], chain(storeNode('Op', type, parameters, { onError: 'continueErrorOutput' }))), credentials);
			return { ok: result.output('Op', 0), failed: result.output('Op', 1) };
		}
		const counts = async () => {
			const store = await getStore(config);
			const n = async (t: 'customers' | 'tickets' | 'tileOrders') =>
				Number(
					(
						await store.db
							.selectFrom(t)
							.select((eb) => eb.fn.countAll().as('n'))
							.executeTakeFirstOrThrow()
					).n,
				);
			return [await n('customers'), await n('tickets'), await n('tileOrders')];
		};

		test('available below a fraction lists the models below its next whole box (PostgreSQL: invalid input syntax for type integer: "0.005")', async () => {
			const models = [
				{ modelCode: 'Z0', name: '零', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightKg: 20, pricePerBoxYuan: 50, boxesOnHand: 0 },
				{ modelCode: 'Z1', name: '一', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightKg: 20, pricePerBoxYuan: 50, boxesOnHand: 1 },
			];
			const imported = (
				await runWorkflow(
					withItems(models, chain(storeNode('Op', TYPES.register, { resource: 'import', operation: 'importRows', register: 'tile-models' }))),
					credentials,
				)
			).output('Op');
			expect(imported[0].json.rejected).toEqual([]);
			for (const [below, codes] of [
				[0.005, ['Z0']],
				[1, ['Z0']],
				[1.5, ['Z0', 'Z1']],
			] as const) {
				const { ok, failed } = await run(TYPES.register, {
					resource: 'tileModel',
					operation: 'getMany',
					returnAll: true,
					filters: { availableBelow: below },
				});
				expect(failed).toEqual([]);
				expect(ok.map((o) => o.json.modelCode).sort()).toEqual(codes);
			}
		});

		test.each([
			[
				'a ticket number that is { toString: "x" }',
				TYPES.register,
				{ resource: 'ticket', operation: 'get', ticketNumber: '={{ $json.v }}' },
				UNPRINTABLE,
				'ticketNumber',
				'ticketNumber: an object is not text; expected plain text',
			],
			[
				'a ticket number that is an object',
				TYPES.register,
				{ resource: 'ticket', operation: 'close', ticketNumber: '={{ $json.v }}' },
				{ a: 1 },
				'ticketNumber',
				'ticketNumber: an object is not text; expected plain text',
			],
			[
				'a tile order number that is a list',
				TYPES.register,
				{ resource: 'tileOrder', operation: 'settle', orderNumber: '={{ $json.v }}' },
				['DD-1'],
				'orderNumber',
				'orderNumber: a list is not text; expected plain text',
			],
			[
				'an actor that is { toString: "x" }',
				TYPES.register,
				{ resource: 'ticket', operation: 'cancel', ticketNumber: 'BX-19990101-0001', reason: '重复', actor: '={{ $json.v }}' },
				UNPRINTABLE,
				'actor',
				'actor: an object is not text; expected plain text',
			],
			[
				'a customer picked by an object',
				TYPES.register,
				{ resource: 'customer', operation: 'get', customer: { __rl: true, mode: 'code', value: '={{ $json.v }}' } },
				UNPRINTABLE,
				'customer',
				'Customer: an object is not text; expected its code as text',
			],
			[
				'a record id of 3.5e21 (PostgreSQL: invalid input syntax for type integer)',
				TYPES.register,
				{ resource: 'contract', operation: 'get', contract: { __rl: true, mode: 'id', value: '={{ $json.v }}' } },
				3.5e21,
				'contract',
				'ID: "3.5e+21" is not a record id; expected a whole number such as 42',
			],
			[
				'a record id of 2147483648',
				TYPES.register,
				{ resource: 'customer', operation: 'get', customer: { __rl: true, mode: 'id', value: '={{ $json.v }}' } },
				2147483648,
				'customer',
				'ID: "2147483648" is not a record id; expected a whole number such as 42',
			],
			[
				'available below Infinity',
				TYPES.register,
				{ resource: 'tileModel', operation: 'getMany', filters: { availableBelow: '={{ $json.v }}' } },
				Infinity,
				'availableBelow',
				'Available below (boxes): Infinity is not a number of boxes; expected a whole number such as 10',
			],
			[
				'a search of 100 kB',
				TYPES.register,
				{ resource: 'customer', operation: 'getMany', filters: { search: '={{ $json.v }}' } },
				'x'.repeat(100_000),
				'search',
				'Search: 100000 characters is too long; expected at most 200',
			],
			[
				'a filter that is an object',
				TYPES.register,
				{ resource: 'contract', operation: 'getMany', filters: { customerCode: '={{ $json.v }}' } },
				{ a: 1 },
				'customerCode',
				'Customer code (客户编号): an object is not text; expected a single value',
			],
			[
				'a limit of 1e21',
				TYPES.register,
				{ resource: 'customer', operation: 'getMany', limit: '={{ $json.v }}' },
				1e21,
				'limit',
				'Limit: "1e+21" is not allowed; expected a whole number of 1 or more, for example 50',
			],
			[
				'a tile model (per item) that is { toString: "x" }',
				TYPES.tileStock,
				{ mode: 'checkStock', tileSource: 'store', model: { __rl: true, mode: 'modelCode', value: '={{ $json.v }}' }, areaM2: '10' },
				UNPRINTABLE,
				'model',
				'model: an object is not text; expected its key as text',
			],
			[
				'a tile source that is no choice',
				TYPES.tileStock,
				{ mode: 'checkStock', tileSource: 'x' },
				{},
				'tileSource',
				'Tile: is not one of the choices; expected store (model from the store) or dimensions (size typed in)',
			],
			[
				'find survey by an object',
				TYPES.sendSurvey,
				{ resource: 'survey', operation: 'get', findBy: '={{ $json.v }}' },
				{ a: 1 },
				'findBy',
				'Find by: is not one of the choices; expected surveyNumber or ticketNumber',
			],
			[
				'a call-after that is an object without a prototype',
				TYPES.sendSurvey,
				{ resource: 'survey', operation: 'getMany', which: 'callList', callAfterDays: '={{ $json.v }}' },
				Object.create(null),
				'callAfterDays',
				'Call after (days): an object is not a number of 0 or more',
			],
		] as Array<[string, string, INode['parameters'], unknown, string, string]>)(
			'%s is refused on its field; nothing is written',
			async (_what, type, parameters, value, field, expected) => {
				const before = await counts();
				const { ok, failed } = await run(type, parameters, { v: value } as IDataObject);
				expect(ok).toEqual([]);
				expect(failed).toHaveLength(1);
				expect(failed[0].pairedItem).toEqual({ item: 0 });
				// n8n's error output carries the input item's fields beside the error.
				expect(failed[0].json).toMatchObject({ error: expected, details: { kind: 'invalid', errors: [{ field, message: expected }] } });
				expect(await counts()).toEqual(before);
			},
		);
	});
}

/**
 * Bad input at volume, over every node's PARAMETERS (issue 12 item 3), through n8n's real engine.
 *
 * For every node in package.json `n8n.nodes` and every resource/operation its loaded description
 * offers (or, for a node without resources, every value of its first top-level option such as
 * `mode` or `source`), fast-check builds parameter sets from the description itself: each
 * parameter that `displayOptions` shows for that operation gets a hostile value — a wrong type
 * (object, list, number for text, text for a number), empty, 100 kB of text, SQL and HTML,
 * impossible dates and phones, negative and sub-fen money, `{ toString: "x" }` — or a plausible
 * one (so that later checks are reached), given either as the saved value or through an
 * expression `={{ $json.… }}` reading it from the input item (how wrong types reach a node in
 * practice). A new operation or parameter is covered without touching this file.
 *
 * Each parameter set runs on two input items with "On Error: Continue (using error output)" on
 * a seeded store, and for every run:
 * - the engine neither rejects nor ends with an error that is not one of n8n's own;
 * - every output item is paired to an input item, and is either a success item or an error item
 *   whose message a clerk can read (no "Cannot read properties", "[object Object]", stack or
 *   driver text) and whose kind is not `failed` (the 500-class "the store could not do it");
 * - nothing reads "[object Object]", in the output or in the store;
 * - when a run gave only error items, every table of the store is unchanged (row counts and
 *   a checksum of all rows).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import fc from 'fast-check';
import {
	ExecutionBaseError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { sql } from 'kysely';
import { backends } from '../harness/backends';
import { ownTables } from '../harness/store-tables';
import { PACKAGE_DIR, TYPES, chain, closePackageStores, runWorkflow, storeNode, withItems } from '../harness/engine';
import { closeAllStores, getStore } from '../../nodes/shared/store/store';
import type { StoreConfig } from '../../nodes/shared/store/config';

// Fixed so that `npm test` is repeatable; PARAM_FUZZ_SEED / PARAM_FUZZ_RUNS explore further by hand.
// Back Up the Store writes files: into a temporary user folder (its default), never the runner's home.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'after-sales-fuzz-'));
const BACKUP_FOLDER = join(process.env.N8N_USER_FOLDER, 'backups');

const RUNS_PER_OPERATION = Number(process.env.PARAM_FUZZ_RUNS ?? 10);
const SEED = Number(process.env.PARAM_FUZZ_SEED ?? 20261130);

// ---------------------------------------------------------------- the nodes, from package.json

interface NodeUnderTest {
	type: string;
	description: INodeTypeDescription;
}

function packageNodes(): NodeUnderTest[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const pkg = require(resolve(PACKAGE_DIR, 'package.json')) as { name: string; n8n: { nodes: string[] } };
	return pkg.n8n.nodes.map((file) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(resolve(PACKAGE_DIR, file)) as Record<string, new () => INodeType>;
		const node = new mod[basename(file, '.node.js')]();
		return { type: `${pkg.name}.${node.description.name}`, description: node.description };
	});
}

type Params = Record<string, unknown>;

/** Whether `p` shows given the parameters chosen so far (n8n's displayOptions: show / hide). */
function shows(p: INodeProperties, chosen: Params, all: INodeProperties[]): boolean {
	const current = (name: string) => (name in chosen ? chosen[name] : all.find((q) => q.name === name && shows(q, chosen, all))?.default);
	for (const [name, values] of Object.entries(p.displayOptions?.show ?? {})) {
		if (name.startsWith('@')) continue;
		if (!(values as unknown[]).includes(current(name))) return false;
	}
	for (const [name, values] of Object.entries(p.displayOptions?.hide ?? {})) {
		if (name.startsWith('@')) continue;
		if ((values as unknown[]).includes(current(name))) return false;
	}
	return true;
}

interface Operation {
	label: string;
	selector: Params;
}

/** Every resource/operation of a node, from its description. */
function operationsOf(d: INodeTypeDescription): Operation[] {
	const props = d.properties;
	// A node with one resource hides it (`type: 'hidden'`): its default is that resource.
	const resource = props.find((p) => p.name === 'resource' && (p.type === 'options' || p.type === 'hidden') && !p.displayOptions);
	if (resource) {
		const resources = resource.type === 'hidden' ? [{ value: String(resource.default) }] : (resource.options as Array<{ value: string }>);
		return resources.flatMap(({ value: r }) =>
			props
				.filter((p) => p.name === 'operation' && p.type === 'options' && shows(p, { resource: r }, props))
				.flatMap((p) =>
					(p.options as Array<{ value: string }>).map(({ value: o }) => ({ label: `${r}.${o}`, selector: { resource: r, operation: o } })),
				),
		);
	}
	const first = props.find((p) => p.type === 'options' && !p.displayOptions);
	if (!first) return [{ label: '(only operation)', selector: {} }];
	return (first.options as Array<{ value: string }>).map(({ value }) => ({ label: `${first.name}=${value}`, selector: { [first.name]: value } }));
}

// ---------------------------------------------------------------- values

const HUGE = '长'.repeat(50_000) + 'x'.repeat(50_000);
const hostileText = fc.constantFrom<unknown>(
	'',
	'   ',
	HUGE,
	"'; DROP TABLE tickets; --",
	"Robert'); DELETE FROM customers; --",
	'1 OR 1=1',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'2026-02-30',
	'2026-13-01',
	'0000-00-00',
	'yesterday',
	'2026-W60',
	'9999-99-99 99:99',
	'123',
	'1380000000a',
	'+86 138',
	'138000000011',
	'-1',
	'-0.001',
	'0.001',
	'1.005',
	'1e309',
	'NaN',
	'Infinity',
	'¥-5.5',
	'null',
	'undefined',
	// Names every object inherits: no enum field (payment method, survey level, outcome …) may take one (issue 16 item 5).
	'constructor',
	'__proto__',
	'toString',
	'hasOwnProperty',
);
const hostileType = fc.oneof(
	fc.constantFrom<unknown>(
		{ toString: 'x' },
		{ toString: 'x', valueOf: 'y' },
		{},
		[],
		[null],
		[{}],
		{ a: { b: 1 } },
		true,
		false,
		null,
		NaN,
		Infinity,
		-Infinity,
		-0,
		-1,
		-0.001,
		0.005,
		1e21,
		Number.MAX_SAFE_INTEGER + 2,
	),
	fc.integer({ min: -1_000_000, max: 1_000_000 }),
	fc.double({ noNaN: false }),
	fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 3 }),
	fc.string({ maxLength: 20, unit: 'grapheme' }),
);
const hostile = fc.oneof(hostileText, hostileType);

interface Seeded {
	ticket: string;
	order: string;
}

/** A value the operation could accept, chosen from the parameter's name, so that checks after the first are reached. */
function plausible(name: string, type: string, seeded: Seeded): fc.Arbitrary<unknown> {
	const n = name.toLowerCase();
	if (type === 'boolean') return fc.boolean();
	if (n.includes('ticketnumber')) return fc.constantFrom(seeded.ticket, 'BX-19990101-0001');
	if (n.includes('ordernumber')) return fc.constantFrom(seeded.order, 'DD-19990101-0001');
	if (n.includes('phone')) return fc.constantFrom('13800000001', '13700000001', '13900000009');
	if (n.includes('code') || n === 'model') return fc.constantFrom('KH-1', 'M1', 'HT-1', 'KH-9');
	if (n.includes('serial')) return fc.constantFrom('S-1', 'S-9');
	if (n.includes('contractno')) return fc.constantFrom('HT-1', 'HT-404');
	if (/(on|at|date|from|to|before|after)$/.test(n) || n.includes('date')) return fc.constantFrom('2026-01-01', '2026-11-01 10:00', '2027-06-30');
	if (n === 'week') return fc.constantFrom('2026-W10', '2026-W48');
	if (n === 'month') return fc.constantFrom('2026-10', '2026-11');
	if (type === 'number' || /(yuan|minutes|boxes|mm|kg|m2|days|pct|hours|capacity|months|count|limit|delta|seconds|lengthm|widthm|movements)/.test(n))
		return fc.constantFrom(0, 1, 5, '2', '10.5', 30);
	if (n.includes('email')) return fc.constantFrom('a@example.com', 'not-an-email');
	if (n === 'folder') return fc.constantFrom(BACKUP_FOLDER, 'backups');
	return fc.constantFrom('王师傅', '空调', 'solved', 'cash', 'general', '陈', 'ok');
}

interface Delivery {
	/** The parameters to save on the node. */
	parameters: Params;
	/** The fields each of the two input items carries for the expressions. */
	items: [IDataObject, IDataObject];
	/** Short description for the failure report. */
	shown: string[];
}

type Gen = fc.GeneratorValue;

/** A leaf value: hostile or plausible, saved as is or read from the items through an expression. */
function leaf(g: Gen, path: string, name: string, type: string, seeded: Seeded, d: Delivery): unknown {
	const pick = () => g(() => fc.oneof({ arbitrary: hostile, weight: 3 }, { arbitrary: plausible(name, type, seeded), weight: 2 }));
	if (g(fc.boolean)) {
		const key = `f_${path.replace(/\W/g, '_')}`;
		d.items[0][key] = pick() as IDataObject[string];
		d.items[1][key] = pick() as IDataObject[string];
		return `={{ $json.${key} }}`;
	}
	return pick();
}

function optionValues(p: { options?: unknown }): unknown[] {
	return ((p.options ?? []) as Array<{ value?: unknown }>).filter((o) => 'value' in o).map((o) => o.value);
}

/** A value for one property of the description. */
function valueFor(g: Gen, p: INodeProperties, path: string, seeded: Seeded, d: Delivery): unknown {
	switch (p.type) {
		case 'options': {
			const values = optionValues(p);
			// Mostly a real option, so the branches behind it are reached.
			return values.length && g(() => fc.integer({ min: 0, max: 3 })) > 0
				? g(() => fc.constantFrom(...values))
				: leaf(g, path, p.name, 'string', seeded, d);
		}
		case 'multiOptions': {
			const values = optionValues(p);
			return g(fc.boolean) && values.length ? g(() => fc.subarray(values)) : leaf(g, path, p.name, 'string', seeded, d);
		}
		case 'string':
		case 'number':
		case 'boolean':
		case 'dateTime':
			return leaf(g, path, p.name, p.type, seeded, d);
		case 'resourceLocator': {
			const modes = (p.modes ?? []).map((m) => m.name);
			const mode = g(() => fc.constantFrom(...(modes.length ? modes : ['id']), 'id'));
			let value = leaf(g, path, p.name, 'string', seeded, d);
			if (typeof value === 'object' && value !== null) {
				// A saved locator holds text: n8n's own check before a run (validateResourceLocatorParameter)
				// calls value.toString() and throws a TypeError for { toString: "x" } before any node runs.
				// An object reaches the node through an expression, as it would in a real workflow.
				const key = `f_${path.replace(/\W/g, '_')}_rl`;
				d.items[0][key] = value as IDataObject[string];
				d.items[1][key] = value as IDataObject[string];
				value = `={{ $json.${key} }}`;
			}
			return { __rl: true, mode, value };
		}
		case 'collection': {
			const subs = (p.options ?? []) as INodeProperties[];
			const chosen = g(() => fc.subarray(subs));
			return Object.fromEntries(chosen.map((s) => [s.name, valueFor(g, s, `${path}.${s.name}`, seeded, d)]));
		}
		case 'fixedCollection': {
			const groups = (p.options ?? []) as Array<{ name: string; values: INodeProperties[] }>;
			const out: Params = {};
			for (const group of g(() => fc.subarray(groups))) {
				const entry = () =>
					Object.fromEntries(g(() => fc.subarray(group.values)).map((s) => [s.name, valueFor(g, s, `${path}.${group.name}.${s.name}`, seeded, d)]));
				out[group.name] = p.typeOptions?.multipleValues ? Array.from({ length: g(() => fc.integer({ min: 0, max: 3 })) }, entry) : entry();
			}
			return out;
		}
		default:
			return undefined; // notices, hidden fields: nothing to give
	}
}

/** A parameter set for `op`: the operation's own parameters (as displayOptions show them) with generated values. */
function parameterSet(g: Gen, description: INodeTypeDescription, op: Operation, seeded: Seeded): Delivery {
	const d: Delivery = { parameters: { ...op.selector }, items: [{}, {}], shown: [] };
	for (const p of description.properties) {
		if (p.name in op.selector || !shows(p, d.parameters, description.properties)) continue;
		if (p.name in d.parameters) continue; // a second definition of the same name for another branch
		const v = valueFor(g, p, p.name, seeded, d);
		if (v !== undefined) d.parameters[p.name] = v;
	}
	return d;
}

// ---------------------------------------------------------------- the checks

/** Words that show the message was written for a developer, not a clerk. */
const NOT_FOR_A_CLERK = [
	/Cannot read propert/i,
	/\[object Object\]/,
	/is not a function/,
	/is not iterable/,
	/Cannot convert/i,
	/undefined is not/i,
	/\bTypeError\b|\bRangeError\b|\bReferenceError\b|\bSyntaxError\b/,
	/\n\s+at .+:\d+:\d+/, // a stack
	/SQLITE_|sqlite|syntax error at or near|violates .* constraint|relation ".*" does not exist|invalid input syntax/i,
	/Maximum call stack/i,
];

function clerkReadable(message: unknown): string | undefined {
	if (typeof message !== 'string' || message.trim() === '') return `the message is ${JSON.stringify(message)}`;
	const bad = NOT_FOR_A_CLERK.find((re) => re.test(message));
	return bad ? `the message matches ${bad}: ${message.slice(0, 3000)}` : undefined;
}

interface Tally {
	runs: number;
	/** Runs n8n itself refused to start (WorkflowHasIssuesError: a required parameter is empty). */
	refusedByN8n: number;
	errors: number;
	successes: number;
}

for (const backend of backends()) {
	describe(`node parameters fuzzed on ${backend.name}`, () => {
		let config: StoreConfig;
		let credentials: Record<string, Record<string, string | number | boolean>>;
		const seeded: Seeded = { ticket: '', order: '' };
		const tally = new Map<string, Tally>();
		const started = Date.now();

		beforeAll(async () => {
			config = backend.fresh();
			credentials = { afterSalesStore: backend.credential(config) };
			const register = (parameters: INode['parameters']) => storeNode('Op', TYPES.register, parameters);
			const seed = async (reg: string, rows: IDataObject[]) =>
				expect(
					(await runWorkflow(withItems(rows, chain(register({ resource: 'import', operation: 'importRows', register: reg }))), credentials)).output(
						'Op',
					)[0].json.rejected,
				).toEqual([]);
			await seed('customers', [{ code: 'KH-1', name: '甲', phone: '13800000001' }]);
			await seed('technicians', [{ name: '王师傅', phone: '13700000001', skills: '空调' }]);
			await seed('tile-models', [
				{ modelCode: 'M1', name: '砖', widthMm: 600, heightMm: 600, piecesPerBox: 4, boxWeightKg: 20, pricePerBoxYuan: 50, boxesOnHand: 5 },
			]);
			await seed('contracts', [
				{ contractNo: 'HT-1', customerCode: 'KH-1', kind: 'annual', startsOn: '2026-01-01', endsOn: '2026-12-31', feeYuan: 1000 },
			]);
			const wf = withItems(
				[{ customerName: '甲', phone: '13800000001', address: '上海', siteSituation: '坏了', skill: '空调' }],
				chain(storeNode('Create', TYPES.createTicket, {}), storeNode('Dispatch', TYPES.dispatch, { mode: 'auto', tickets: 'input' })),
			);
			const dispatched = (await runWorkflow(wf, credentials)).output('Dispatch')[0].json;
			expect(dispatched.dispatched).toBe(true);
			seeded.ticket = String(dispatched.ticketNumber);
			const order = withItems(
				[{ customerName: '甲', phone: '13800000001', address: '上海', depositYuan: 0, lines: [{ modelCode: 'M1', areaM2: 1 }] }],
				chain(register({ resource: 'tileOrder', operation: 'create' })),
			);
			const made = (await runWorkflow(order, credentials)).output('Op')[0].json;
			expect(made.status).toBe('signed');
			seeded.order = String(made.orderNumber);
			await seed('installations', [
				{ serialNo: 'S-1', customerCode: 'KH-1', description: '空调', completedOn: '2026-01-01', warrantyUntil: '2027-01-01' },
			]);
		});
		afterAll(async () => {
			const rows = [...tally.entries()].map(
				([node, t]) =>
					`${node.padEnd(28)} ${String(t.runs).padStart(5)} runs ${String(t.refusedByN8n).padStart(4)} refused by n8n ${String(t.errors).padStart(6)} error items ${String(t.successes).padStart(6)} success items`,
			);
			const total = [...tally.values()].reduce(
				(a, t) => ({
					runs: a.runs + t.runs,
					refusedByN8n: a.refusedByN8n + t.refusedByN8n,
					errors: a.errors + t.errors,
					successes: a.successes + t.successes,
				}),
				{ runs: 0, refusedByN8n: 0, errors: 0, successes: 0 },
			);
			console.log(
				`node parameters fuzzed on ${backend.name} (seed ${SEED}, ${RUNS_PER_OPERATION} runs per operation, ${((Date.now() - started) / 1000).toFixed(1)} s)\n${rows.join('\n')}\n${'all'.padEnd(28)} ${String(total.runs).padStart(5)} runs ${String(total.refusedByN8n).padStart(4)} refused by n8n ${String(total.errors).padStart(6)} error items ${String(total.successes).padStart(6)} success items`,
			);
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		/** Row counts and a checksum of every table of the store. */
		async function snapshot(): Promise<{ digest: string; text: string }> {
			const store = await getStore(config);
			const tables = await ownTables(store, config);
			// Not vacuous: the store's own registers are there.
			expect(tables).toEqual(expect.arrayContaining(['customers', 'tickets', 'invoices', 'tile_orders', 'expiry_notices']));
			const parts: string[] = [];
			for (const t of tables) {
				const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(store.db);
				// Sorted: PostgreSQL returns rows in no fixed order without ORDER BY.
				parts.push(
					`${t}:${rows.rows.length}:${rows.rows
						.map((r) => JSON.stringify(r))
						.sort()
						.join('\n')}`,
				);
			}
			const text = parts.join('\n');
			return { digest: createHash('sha256').update(text).digest('hex'), text };
		}

		for (const node of packageNodes()) {
			describe(node.description.displayName, () => {
				test.each(operationsOf(node.description).map((op) => [op.label, op] as const))('%s', async (_label, op) => {
					const t = tally.get(node.description.displayName) ?? { runs: 0, refusedByN8n: 0, errors: 0, successes: 0 };
					tally.set(node.description.displayName, t);
					await fc.assert(
						fc.asyncProperty(fc.gen(), async (g) => {
							const d = parameterSet(g, node.description, op, seeded);
							const before = await snapshot();
							const n = storeNode('Op', node.type, d.parameters as INode['parameters'], { onError: 'continueErrorOutput' });
							const wf = withItems(d.items, chain(n));
							t.runs++;
							let result: Awaited<ReturnType<typeof runWorkflow>>;
							try {
								result = await runWorkflow(wf, credentials);
							} catch (error) {
								// n8n's own check before a run (a required parameter left empty: the editor shows
								// the same); anything else escaping the engine is a defect.
								expect(error).toBeInstanceOf(ExecutionBaseError);
								expect((error as Error).name).toBe('WorkflowHasIssuesError');
								t.refusedByN8n++;
								return;
							}
							const ended = result.error() ?? result.error('Op');
							if (ended) {
								expect(ended).toBeInstanceOf(ExecutionBaseError);
								expect(clerkReadable(ended.message)).toBeUndefined();
							}
							const ok = result.output('Op', 0);
							const failed = result.output('Op', 1);
							t.errors += failed.length;
							t.successes += ok.length;
							for (const item of [...ok, ...failed] as INodeExecutionData[]) {
								expect(item.pairedItem).toBeDefined();
								const pairs = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
								for (const p of pairs) expect([0, 1]).toContain(typeof p === 'number' ? p : p?.item);
							}
							for (const item of failed) {
								expect(clerkReadable(item.json.error)).toBeUndefined();
								expect((item.json.details as IDataObject | undefined)?.kind).not.toBe('failed');
							}
							for (const item of ok) {
								expect(item.json.error).toBeUndefined();
								expect(JSON.stringify(item.json)).not.toContain('[object Object]');
							}
							const after = await snapshot();
							expect(after.text).not.toContain('[object Object]');
							if (failed.length > 0 && ok.length === 0) expect(after.digest).toBe(before.digest);
						}),
						{ numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
					);
				});
			});
		}
	});
}

/**
 * The node contract: what saved workflows depend on. n8n saves only the parameters that differ
 * from their defaults, so a renamed parameter, a changed type or default, a removed or renamed
 * option value silently changes every workflow staff have saved. This test pins, per node type
 * and version, each parameter's name, type, default, where it shows (displayOptions), its option
 * values and the action labels, against `node-contract.json`.
 *
 * A deliberate change ships as a new node version (README, "Versioning"); then pin it again:
 * `UPDATE_NODE_CONTRACT=1 npx jest test/contract/node-contract.test.ts` rewrites the file, and
 * the diff of node-contract.json is what a reviewer reads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IVersionedNodeType,
} from 'n8n-workflow';
import { loadPackageNodeTypes } from '../harness/engine';

const FILE = join(__dirname, 'node-contract.json');

type Option = INodePropertyOptions | INodeProperties | INodePropertyCollection;

function pinOption(o: Option): unknown {
	if ('type' in o) return pinProperty(o as INodeProperties); // a collection's field
	if ('values' in o) return { name: o.name, values: (o as INodePropertyCollection).values.map(pinProperty) }; // a fixedCollection's group
	const opt = o as INodePropertyOptions;
	return { value: opt.value, ...(opt.action ? { action: opt.action } : {}) };
}

function pinProperty(p: INodeProperties): unknown {
	return {
		name: p.name,
		type: p.type,
		default: p.default,
		...(p.required ? { required: true } : {}),
		...(p.noDataExpression ? { noDataExpression: true } : {}),
		...(p.displayOptions ? { displayOptions: p.displayOptions } : {}),
		...(p.options ? { options: (p.options as Option[]).map(pinOption) } : {}),
		...(p.modes ? { modes: p.modes.map((m) => m.name) } : {}),
	};
}

function pinDescription(d: INodeTypeDescription): unknown {
	return {
		inputs: d.inputs,
		outputs: d.outputs,
		credentials: (d.credentials ?? []).map((c) => c.name),
		properties: d.properties.map(pinProperty),
	};
}

/** Every node type of the package, each version with its description. */
async function currentContract(): Promise<Record<string, Record<string, unknown>>> {
	const types = await loadPackageNodeTypes();
	const contract: Record<string, Record<string, unknown>> = {};
	for (const [name, type] of Object.entries(types).sort(([a], [b]) => a.localeCompare(b))) {
		if (!name.startsWith('n8n-nodes-after-sales.')) continue;
		const versions: Record<string, unknown> = {};
		if ('nodeVersions' in type) {
			for (const [v, t] of Object.entries((type as IVersionedNodeType).nodeVersions)) versions[v] = pinDescription(t.description);
		} else {
			const d = (type as INodeType).description;
			for (const v of Array.isArray(d.version) ? d.version : [d.version]) versions[String(v)] = pinDescription(d);
		}
		contract[name] = versions;
	}
	return contract;
}

/** JSON with each object or list that fits on a line written on one line: a diff a reviewer can read. */
function readable(value: unknown, indent = ''): string {
	const flat = JSON.stringify(value);
	if (flat === undefined || typeof value !== 'object' || value === null || flat.length + indent.length <= 120) return flat ?? 'null';
	const inner = `${indent}\t`;
	if (Array.isArray(value)) return `[\n${value.map((v) => inner + readable(v, inner)).join(',\n')}\n${indent}]`;
	return `{\n${Object.entries(value)
		.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${readable(v, inner)}`)
		.join(',\n')}\n${indent}}`;
}

test('every node version matches its pinned contract (names, types, defaults, option values, action labels)', async () => {
	const current = await currentContract();
	if (process.env.UPDATE_NODE_CONTRACT === '1') writeFileSync(FILE, `${readable(current)}\n`);
	const pinned = JSON.parse(readFileSync(FILE, 'utf8'));
	expect(current).toEqual(pinned);
});

test('every node lists its versions, so that a new version can be added beside the old', async () => {
	for (const [name, type] of Object.entries(await loadPackageNodeTypes())) {
		if (!name.startsWith('n8n-nodes-after-sales.') || 'nodeVersions' in type) continue;
		expect([name, Array.isArray((type as INodeType).description.version)]).toEqual([name, true]);
	}
});

test('the default of every option list is one of its values', async () => {
	for (const [name, type] of Object.entries(await loadPackageNodeTypes())) {
		if (!name.startsWith('n8n-nodes-after-sales.')) continue;
		const visit = (props: INodeProperties[]) => {
			for (const p of props) {
				if (p.type === 'options')
					expect([name, p.name, (p.options as INodePropertyOptions[]).map((o) => o.value)]).toEqual([
						name,
						p.name,
						expect.arrayContaining([p.default]),
					]);
				if (p.type === 'collection') visit(p.options as INodeProperties[]);
			}
		};
		visit((type as INodeType).description.properties);
	}
});

test('action labels read as n8n writes them: sentence case, a/an right, no doubled words', async () => {
	const types = await loadPackageNodeTypes();
	const actions = Object.entries(types)
		.filter(([name]) => name.startsWith('n8n-nodes-after-sales.'))
		.flatMap(([, t]) => (t as INodeType).description.properties)
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => o.action ?? ''));
	expect(actions.length).toBeGreaterThan(30);
	for (const action of actions) {
		expect(action).toMatch(/^[A-Z][a-z]/);
		expect(action).not.toMatch(/\b(\w+) \1\b/i); // "Get Many many"
		expect(action).not.toMatch(/\ba [aeiou]/i); // "a installation"
		expect(action).not.toMatch(/ [A-Z][a-z]+ [A-Z]/); // "Record Visit a ticket": title case inside
	}
	expect(actions).toEqual(
		expect.arrayContaining(['Get many customers', 'Create an installation', 'Record a visit', 'Adjust stock', 'Import rows into a register']),
	);
});

/**
 * Every workflow of workflows/ reads cleanly when opened in the n8n editor: nodes do not crowd
 * each other, sticky notes cover neither a node nor its name, and the wiring names nodes that
 * exist. n8n draws a node as a 100×100 box whose `position` is the top-left corner, with its
 * name in up to two lines below it; a sticky note is `parameters.width` × `parameters.height`
 * (240 × 160 when not set) from its `position`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	position: [number, number];
	parameters: Record<string, unknown>;
}

interface Connection {
	node: string;
	type: string;
	index: number;
}

interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, Record<string, Array<Connection[] | null>>>;
}

interface Rect {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

const STICKY = 'n8n-nodes-base.stickyNote';
/** n8n's node box. */
const NODE_SIZE = 100;
/** Two lines of the node's name below the box. */
const LABEL_HEIGHT = 40;
/** The name wraps (two lines at most) at about twice the node's width. */
const LABEL_MAX_WIDTH = 200;
/** Two nodes are at least this far apart in x or in y. */
const MIN_DISTANCE = 160;
/** n8n's size for a sticky note without width/height. */
const STICKY_DEFAULT = { width: 240, height: 160 };

/** Roughly how wide n8n prints a name: CJK and full-width characters ~14 px, the rest ~7.5 px. */
function nameWidth(name: string): number {
	let width = 0;
	for (const ch of name) width += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u.test(ch) ? 14 : 7.5;
	return Math.min(LABEL_MAX_WIDTH, Math.max(NODE_SIZE, Math.ceil(width)));
}

const isSticky = (n: WorkflowNode) => n.type === STICKY;

function nodeBox(n: WorkflowNode): Rect {
	const [x, y] = n.position;
	return { left: x, top: y, right: x + NODE_SIZE, bottom: y + NODE_SIZE };
}

/** The name below the box, centred under it. */
function labelBox(n: WorkflowNode): Rect {
	const [x, y] = n.position;
	const half = nameWidth(n.name) / 2;
	const centre = x + NODE_SIZE / 2;
	return { left: centre - half, top: y + NODE_SIZE, right: centre + half, bottom: y + NODE_SIZE + LABEL_HEIGHT };
}

function stickyBox(n: WorkflowNode): Rect {
	const [x, y] = n.position;
	const width = typeof n.parameters.width === 'number' ? n.parameters.width : STICKY_DEFAULT.width;
	const height = typeof n.parameters.height === 'number' ? n.parameters.height : STICKY_DEFAULT.height;
	return { left: x, top: y, right: x + width, bottom: y + height };
}

/** True when the two rectangles share some area (touching edges do not count). */
function overlaps(a: Rect, b: Rect): boolean {
	return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Pairs of (non-sticky) nodes closer than MIN_DISTANCE in both x and y. */
function crowdedPairs(wf: Workflow): string[] {
	const nodes = wf.nodes.filter((n) => !isSticky(n));
	const found: string[] = [];
	for (let i = 0; i < nodes.length; i++) {
		for (let j = i + 1; j < nodes.length; j++) {
			const [a, b] = [nodes[i], nodes[j]];
			const dx = Math.abs(a.position[0] - b.position[0]);
			const dy = Math.abs(a.position[1] - b.position[1]);
			if (dx < MIN_DISTANCE && dy < MIN_DISTANCE) found.push(`"${a.name}" and "${b.name}": dx ${dx}, dy ${dy}`);
		}
	}
	return found;
}

/** Sticky notes that cover a node's box or its name. */
function coveredNodes(wf: Workflow): string[] {
	const found: string[] = [];
	for (const sticky of wf.nodes.filter(isSticky)) {
		const note = stickyBox(sticky);
		for (const node of wf.nodes.filter((n) => !isSticky(n))) {
			if (overlaps(note, nodeBox(node))) found.push(`"${sticky.name}" covers the node "${node.name}"`);
			else if (overlaps(note, labelBox(node))) found.push(`"${sticky.name}" covers the name of "${node.name}"`);
		}
	}
	return found;
}

/** Sticky notes lying on each other. */
function overlappingStickies(wf: Workflow): string[] {
	const stickies = wf.nodes.filter(isSticky);
	const found: string[] = [];
	for (let i = 0; i < stickies.length; i++) {
		for (let j = i + 1; j < stickies.length; j++) {
			if (overlaps(stickyBox(stickies[i]), stickyBox(stickies[j]))) found.push(`"${stickies[i].name}" and "${stickies[j].name}"`);
		}
	}
	return found;
}

/** Connections whose source or target is not a node of the workflow. */
function danglingConnections(wf: Workflow): string[] {
	const names = new Set(wf.nodes.map((n) => n.name));
	const found: string[] = [];
	for (const [source, outputs] of Object.entries(wf.connections ?? {})) {
		if (!names.has(source)) found.push(`from "${source}" (no such node)`);
		for (const [type, branches] of Object.entries(outputs)) {
			for (const branch of branches) {
				for (const target of branch ?? []) if (!names.has(target.node)) found.push(`"${source}" ${type} → "${target.node}" (no such node)`);
			}
		}
	}
	return found;
}

function duplicates(values: readonly string[]): string[] {
	return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

const DIR = join(__dirname, '..', '..', 'workflows');
const files = readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.sort();
const workflows = files.map((file) => [file, JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Workflow] as const);

describe('the checks themselves', () => {
	const node = (name: string, x: number, y: number): WorkflowNode => ({
		id: name,
		name,
		type: 'n8n-nodes-base.noOp',
		position: [x, y],
		parameters: {},
	});
	const sticky = (name: string, x: number, y: number, width?: number, height?: number): WorkflowNode => ({
		id: name,
		name,
		type: STICKY,
		position: [x, y],
		parameters: { content: 'note', ...(width === undefined ? {} : { width }), ...(height === undefined ? {} : { height }) },
	});
	const wf = (nodes: WorkflowNode[], connections: Workflow['connections'] = {}): Workflow => ({ id: 'w', name: 'w', nodes, connections });

	test('two nodes closer than 160 px in both x and y are crowded; 160 px in either is enough', () => {
		expect(crowdedPairs(wf([node('a', 660, -40), node('b', 660, 60)]))).toEqual(['"a" and "b": dx 0, dy 100']);
		expect(crowdedPairs(wf([node('a', 0, 0), node('b', 159, 159)]))).toHaveLength(1);
		expect(crowdedPairs(wf([node('a', 0, 0), node('b', 160, 0)]))).toEqual([]);
		expect(crowdedPairs(wf([node('a', 0, 0), node('b', 20, -160)]))).toEqual([]);
		// Sticky notes are not nodes for this rule.
		expect(crowdedPairs(wf([node('a', 0, 0), sticky('s', 0, 0)]))).toEqual([]);
	});

	test('a sticky note on a node, on its name, or with the default size reaching it is found; one beside it is not', () => {
		expect(coveredNodes(wf([node('a', 300, 300), sticky('s', 250, 250, 100, 100)]))).toEqual(['"s" covers the node "a"']);
		// The name: 40 px below the box, up to 200 px wide, centred.
		expect(coveredNodes(wf([node('Long name of a node (节点名称很长)', 300, 300), sticky('s', 300, 420, 300, 100)]))).toEqual([
			'"s" covers the name of "Long name of a node (节点名称很长)"',
		]);
		expect(coveredNodes(wf([node('Long name of a node (节点名称很长)', 300, 300), sticky('s', 390, 402, 300, 100)]))).toHaveLength(1);
		expect(coveredNodes(wf([node('Long name of a node (节点名称很长)', 300, 300), sticky('s', 451, 402, 300, 100)]))).toEqual([]);
		expect(coveredNodes(wf([node('a', 300, 300), sticky('s', 300, 440, 300, 100)]))).toEqual([]);
		// Default 240 × 160.
		expect(coveredNodes(wf([node('a', 300, 300), sticky('s', 70, 150)]))).toHaveLength(1);
		expect(coveredNodes(wf([node('a', 300, 300), sticky('s', 60, 140)]))).toEqual([]);
	});

	test('overlapping sticky notes, dangling connections and duplicates are found', () => {
		expect(overlappingStickies(wf([sticky('s', 720, -60, 400, 240), sticky('t', 1040, -60, 420, 280)]))).toEqual(['"s" and "t"']);
		expect(overlappingStickies(wf([sticky('s', 0, 0, 400, 240), sticky('t', 400, 0)]))).toEqual([]);
		expect(
			danglingConnections(
				wf([node('a', 0, 0), node('b', 200, 0)], {
					a: { main: [[{ node: 'b', type: 'main', index: 0 }], [{ node: 'gone', type: 'main', index: 0 }]] },
					ghost: { main: [[{ node: 'a', type: 'main', index: 0 }]] },
				}),
			),
		).toEqual(['"a" main → "gone" (no such node)', 'from "ghost" (no such node)']);
		expect(duplicates(['x', 'y', 'x', 'z', 'x'])).toEqual(['x']);
	});
});

test('workflows/ holds the workflows', () => {
	expect(files).toEqual(expect.arrayContaining(['repair-intake.json', 'repair-visit-result.json', 'daily-dispatch.json']));
});

test('workflow ids are unique across workflows/', () => {
	expect(duplicates(workflows.map(([, wf]) => wf.id))).toEqual([]);
});

describe.each(workflows)('%s', (_file, wf) => {
	test('every two nodes are at least 160 px apart in x or in y', () => {
		expect(crowdedPairs(wf)).toEqual([]);
	});

	test('sticky notes cover no node and no node name', () => {
		expect(coveredNodes(wf)).toEqual([]);
	});

	test('sticky notes do not lie on each other', () => {
		expect(overlappingStickies(wf)).toEqual([]);
	});

	test('every connection names nodes of the workflow', () => {
		expect(danglingConnections(wf)).toEqual([]);
	});

	test('node names and node ids are unique', () => {
		expect(duplicates(wf.nodes.map((n) => n.name))).toEqual([]);
		expect(duplicates(wf.nodes.map((n) => n.id))).toEqual([]);
	});
});

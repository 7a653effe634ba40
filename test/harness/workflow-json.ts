/** The shipped workflows as JSON, for the wiring tests in test/workflows: load one, list them, follow connections. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string }>;
	executeOnce?: boolean;
	onError?: string;
}
export interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; index: number }> | null> }>;
}

export const WORKFLOWS_DIR = join(__dirname, '../../workflows');

/** A file of workflows/ (`repair-intake.json`), parsed. */
export const loadWorkflow = (file: string): Workflow => JSON.parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as Workflow;

/** Every shipped workflow with its file name. */
export const allWorkflows = (): Array<{ file: string; wf: Workflow }> =>
	readdirSync(WORKFLOWS_DIR)
		.filter((f) => f.endsWith('.json'))
		.map((file) => ({ file, wf: loadWorkflow(file) }));

/** The names of the nodes reached from `from` (not itself, unless a loop leads back), from all its outputs or only `output`. */
export function downstream(wf: Workflow, from: string, output?: number): Set<string> {
	const seen = new Set<string>();
	const first = wf.connections[from]?.main ?? [];
	const todo = (output === undefined ? first : [first[output]]).flatMap((o) => (o ?? []).map((c) => c.node));
	for (const n of todo) seen.add(n);
	while (todo.length)
		for (const out of wf.connections[todo.pop()!]?.main ?? [])
			for (const c of out ?? [])
				if (!seen.has(c.node)) {
					seen.add(c.node);
					todo.push(c.node);
				}
	return seen;
}

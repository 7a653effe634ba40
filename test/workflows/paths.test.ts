/**
 * No two triggers of workflows/ claim the same address. n8n keeps the paths of Webhook nodes and
 * Form Triggers in one register (method + path; `/webhook/…` and `/form/…` are the same entry), so
 * a form at `/form/after-sales/work-log` takes the POST of `/webhook/after-sales/work-log` and the
 * workflow published second is left "partially published", its webhook answering 404. A path with
 * parameters (`orders/:orderNumber/payments`) is registered under the node's webhookId.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAFF_FORMS } from '../../nodes/shared/documents/board-links';

interface WorkflowNode {
	name: string;
	type: string;
	webhookId?: string;
	disabled?: boolean;
	parameters: Record<string, unknown>;
}

const dir = join(__dirname, '../../workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Each trigger address of a node as n8n registers it: `METHOD path`. */
export function addressesOf(node: WorkflowNode): string[] {
	const p = node.parameters;
	const key = (path: string) => {
		const trimmed = path.replace(/^\/+|\/+$/g, '');
		return trimmed.includes(':') ? `${node.webhookId ?? ''}/${trimmed}` : trimmed;
	};
	if (node.disabled) return [];
	if (node.type === 'n8n-nodes-base.webhook') {
		const methods = Array.isArray(p.httpMethod) ? (p.httpMethod as string[]) : [String(p.httpMethod ?? 'GET')];
		return methods.map((m) => `${m} ${key(String(p.path ?? ''))}`);
	}
	if (node.type === 'n8n-nodes-base.formTrigger') {
		const path = String((p.options as Record<string, unknown> | undefined)?.path ?? p.path ?? '');
		return ['GET', 'POST'].map((m) => `${m} ${key(path)}`);
	}
	return [];
}

test('every webhook and form address is claimed by one trigger only', () => {
	const claimed = new Map<string, string[]>();
	for (const file of files) {
		const wf = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: WorkflowNode[] };
		for (const node of wf.nodes)
			for (const a of addressesOf(node)) claimed.set(a, [...(claimed.get(a) ?? []), `${file}: ${node.name}`]);
	}
	expect(claimed.size).toBeGreaterThan(20);
	const twice = [...claimed].filter(([, by]) => by.length > 1);
	expect(twice).toEqual([]);
});

test('the check sees a form on a webhook’s path (the clash it guards against)', () => {
	const webhook: WorkflowNode = { name: 'w', type: 'n8n-nodes-base.webhook', parameters: { httpMethod: 'POST', path: 'after-sales/work-log' } };
	const form: WorkflowNode = { name: 'f', type: 'n8n-nodes-base.formTrigger', parameters: { options: { path: 'after-sales/work-log' } } };
	expect(addressesOf(form)).toContain(addressesOf(webhook)[0]);
	const param: WorkflowNode = { ...webhook, webhookId: 'after-sales', parameters: { httpMethod: 'POST', path: 'orders/:orderNumber/payments' } };
	expect(addressesOf(param)).toEqual(['POST after-sales/orders/:orderNumber/payments']);
});

test('every form the board lists for a role is a Form Trigger of workflows/ behind that role’s login', () => {
	const forms = new Map<string, string | undefined>();
	for (const file of files) {
		const wf = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Array<WorkflowNode & { credentials?: Record<string, { name: string }> }> };
		for (const node of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.formTrigger' && !n.disabled)) {
			const path = String((node.parameters.options as Record<string, unknown> | undefined)?.path ?? '');
			forms.set(path, node.credentials?.httpBasicAuth?.name);
		}
	}
	const listed = STAFF_FORMS.flatMap((r) => r.forms.map((f) => [`after-sales/${f.path}`, r.role]));
	expect(listed.length).toBeGreaterThanOrEqual(8);
	for (const [path, role] of listed) expect([path, forms.get(path)]).toEqual([path, expect.stringContaining(`Login: ${role} `)]);
});

/**
 * The manager's daily line in the Outbox workflow (issue 19): a Schedule at 08:00 → its Settings
 * (filled by `npm start` with the manager's address and whether email is on) → Register › Outbox ›
 * Messages Not Sent (the last 24 hours) → an IF that goes on only when some were given up and email
 * is on → n8n's Send Email to the manager with the operation's text; else nothing is sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
}
interface Workflow {
	id: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	settings: Record<string, unknown>;
}

const wf = JSON.parse(readFileSync(join(__dirname, '../../workflows/outbox.json'), 'utf8')) as Workflow;
const byName = (name: string) => wf.nodes.find((n) => n.name === name)!;
const next = (name: string, output = 0) => (wf.connections[name]?.main[output] ?? []).map((c) => byName(c.node));

test('08:00 every day: Settings → Messages Not Sent → IF some and email on → Send Email to the manager', () => {
	const schedules = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
	const daily = schedules.find((n) => JSON.stringify(n.parameters) === JSON.stringify({ rule: { interval: [{ field: 'days', triggerAtHour: 8 }] } }));
	expect(daily).toBeDefined();
	expect(wf.settings).toMatchObject({ timezone: 'Asia/Shanghai', errorWorkflow: 'afterSalesErrors01' });

	const [settings] = next(daily!.name);
	expect(settings.type).toBe('n8n-nodes-base.set');
	expect(settings.name.startsWith('Settings')).toBe(true); // npm start fills it
	const values = (settings.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments;
	expect(values.map((a) => a.name).sort()).toEqual(['emailEnabled', 'fromEmail', 'managerEmail']);
	expect(values.find((a) => a.name === 'emailEnabled')!.value).toBe(false);

	const [notSent] = next(settings.name);
	expect(notSent).toMatchObject({ type: 'n8n-nodes-after-sales.afterSalesRegister', parameters: { resource: 'outbox', operation: 'notSent' } });
	expect(notSent.parameters.hours).toBeUndefined(); // the default: the last 24 hours
	expect(notSent.credentials?.afterSalesStore?.id).toBe('afterSalesStore01');

	const [gate] = next(notSent.name);
	expect(gate.type).toBe('n8n-nodes-base.if');
	const condition = JSON.stringify(gate.parameters.conditions);
	expect(condition).toContain('$json.count > 0');
	expect(condition).toContain(`$('${settings.name}').first().json.emailEnabled === true`);

	const [email] = next(gate.name, 0);
	expect(email.type).toBe('n8n-nodes-base.emailSend');
	expect(email.parameters).toMatchObject({
		toEmail: `={{ $('${settings.name}').first().json.managerEmail }}`,
		fromEmail: `={{ $('${settings.name}').first().json.fromEmail }}`,
		emailFormat: 'text',
		text: '={{ $json.text }}',
	});
	expect(String(email.parameters.subject)).toContain('{{ $json.count }}');
	expect(email.credentials?.smtp?.id).toBe('afterSalesSmtp001');
	expect(next(gate.name, 1).map((n) => n.type)).toEqual(['n8n-nodes-base.noOp']);
});

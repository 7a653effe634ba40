/** The package as n8n sees it: node types, credentials, every workflow of workflows/ imported and published. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_HEADER, postWebhook, rest, state } from './server';

interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
}

const dir = join(__dirname, '../../workflows');
const workflows: WorkflowFile[] = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));

test('the server knows the package node types', async () => {
	const { status, body } = await rest<Array<{ name: string }>>('types/nodes.json');
	expect(status).toBe(200);
	expect(body.map((t) => t.name)).toEqual(expect.arrayContaining(['n8n-nodes-after-sales.afterSalesRegister']));
});

describe('dropdowns in the editor, filled from the store', () => {
	// What the editor asks when a clerk opens a "From List" picker and types in its search box.
	async function search(node: string, parameter: string, methodName: string, filter: string, currentNodeParameters: Record<string, unknown>) {
		const { status, body } = await rest<{ data: { results: Array<{ name: string; value: string }> } }>(
			'rest/dynamic-node-parameters/resource-locator-results',
			{
				method: 'POST',
				body: JSON.stringify({
					path: `parameters.${parameter}`,
					nodeTypeAndVersion: { name: `n8n-nodes-after-sales.${node}`, version: 1 },
					methodName,
					filter,
					currentNodeParameters,
					credentials: { afterSalesStore: { id: 'afterSalesStore01', name: 'After-Sales Store' } },
				}),
			},
		);
		expect(status).toBe(200);
		return body.data.results;
	}

	beforeAll(async () => {
		const techs = await postWebhook('import/technicians', [
			{ name: '下拉甲师傅', phone: '13500007001', areas: '静安' },
			{ name: '下拉乙师傅', phone: '13500007002', active: false },
		]);
		expect(techs.json).toMatchObject({ rejected: [] });
		const customers = await postWebhook('import/customers', [{ code: 'DD-1', name: '下拉物业', phone: '13800007001' }]);
		expect(customers.json).toMatchObject({ rejected: [] });
	});

	test('Dispatch Technician (manual) lists technicians matching the search, inactive ones marked', async () => {
		const results = await search('dispatchTechnician', 'technician', 'searchTechnicians', '下拉', { mode: 'manual' });
		expect(results.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
			{ name: '下拉甲师傅 13500007001 · 静安', value: '13500007001' },
			{ name: '下拉乙师傅 13500007002 (inactive)', value: '13500007002' },
		]);
		expect(await search('dispatchTechnician', 'technician', 'searchTechnicians', '没有这个人', { mode: 'manual' })).toEqual([]);
	});

	test('After-Sales Register lists customers by name or phone', async () => {
		const params = { resource: 'customer', operation: 'get' };
		expect(await search('afterSalesRegister', 'customer', 'searchCustomers', '下拉物业', params)).toEqual([
			{ name: '下拉物业 (DD-1) 13800007001', value: 'DD-1' },
		]);
		expect(await search('afterSalesRegister', 'customer', 'searchCustomers', '13800007001', params)).toEqual([
			{ name: '下拉物业 (DD-1) 13800007001', value: 'DD-1' },
		]);
	});
});

describe('"Test connection" of the After-Sales Store credential, in the editor', () => {
	async function testCredential(data: Record<string, unknown>) {
		const { status, body } = await rest<{ data: { status: string; message: string } }>('rest/credentials/test', {
			method: 'POST',
			body: JSON.stringify({ credentials: { id: 'afterSalesStore01', name: 'After-Sales Store', type: 'afterSalesStore', data } }),
		});
		expect(status).toBe(200);
		return body.data;
	}

	test('the SQLite store of this installation connects', async () => {
		const result = await testCredential({ backend: 'sqlite', file: '' });
		expect(result).toEqual({ status: 'OK', message: `Connected to the SQLite file ${state().userFolder}/.n8n/after-sales.sqlite` });
	});

	test('a PostgreSQL server that is not there is named, and the password is not shown', async () => {
		const result = await testCredential({
			backend: 'postgres',
			host: '127.0.0.1',
			port: 1,
			database: 'after_sales',
			user: 'clerk',
			password: 'Pw-Not-Shown-7',
			ssl: false,
			schema: 'after_sales',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/127\.0\.0\.1:1\b/);
		expect(result.message).not.toContain('Pw-Not-Shown-7');
	});
});

test('the After-Sales Store credential carries the company from AFTER_SALES_COMPANY_* (the letterhead of every page)', async () => {
	const { status, body } = await rest<{ data: { type: string; data: Record<string, unknown> } }>(
		'rest/credentials/afterSalesStore01?includeData=true',
	);
	expect(status).toBe(200);
	expect(body.data.type).toBe('afterSalesStore');
	// global-setup's distinctive company, with an ampersand and Chinese.
	expect(state().company.name).toMatch(/&/);
	expect(body.data.data).toMatchObject({
		backend: 'sqlite',
		companyName: state().company.name,
		companyAddress: state().company.address,
		companyPhone: state().company.phone,
	});
});

test('workflows/ is not empty', () => {
	expect(workflows.map((w) => w.id)).toContain('afterSalesImport01');
});

describe.each(workflows.map((w) => [w.name, w] as const))('workflow %s', (_name, wf) => {
	test('is imported and published', async () => {
		const { body } = await rest<{ data: Array<{ id: string; active: boolean }> }>('rest/workflows');
		expect(body.data.find((w) => w.id === wf.id)).toMatchObject({ active: true });
	});

	test('uses only node types the server knows, of this package or n8n-nodes-base', async () => {
		const { body } = await rest<Array<{ name: string }>>('types/nodes.json');
		const known = new Set(body.map((t) => t.name));
		for (const node of wf.nodes) {
			expect(node.type).toMatch(/^(n8n-nodes-after-sales|n8n-nodes-base)\./);
			expect([node.name, known.has(node.type)]).toEqual([node.name, true]);
		}
	});

	test('uses only credentials that exist, by id, name and type', async () => {
		const { body } = await rest<{ data: Array<{ id: string; name: string; type: string }> }>('rest/credentials');
		for (const node of wf.nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				expect(body.data).toContainEqual(expect.objectContaining({ id: ref.id, name: ref.name, type }));
			}
		}
	});

	// The survey page (surveys/:token) has no key header: its signed token is its key (RECORDS.md), and
	// the literal path segment ":token" is a wrong token, refused with 403 as a wrong key is.
	test('its webhooks answer and refuse a request without the key', async () => {
		for (const hook of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) {
			// Paths with parameters are served under the node's webhookId, `after-sales` in our workflows.
			const path = String(hook.parameters.path);
			const url = `${state().baseUrl}webhook/${path.includes(':') ? `${(hook as { webhookId?: string }).webhookId}/${path}` : path}`;
			const method = String(hook.parameters.httpMethod ?? 'GET');
			const res = await fetch(url, { method });
			expect([path, [401, 403].includes(res.status)]).toEqual([path, true]);
			// The service board (GET board) is opened in a browser: n8n's Basic Auth, which answers a wrong password with 401.
			const basicAuth = hook.parameters.authentication === 'basicAuth';
			const wrongHeaders: Record<string, string> = basicAuth
				? { Authorization: `Basic ${Buffer.from('after-sales:not-the-key').toString('base64')}` }
				: { [KEY_HEADER]: 'not-the-key' };
			const wrong = await fetch(url, { method, headers: wrongHeaders });
			expect([path, wrong.status]).toEqual([path, basicAuth ? 401 : 403]);
		}
	});
});

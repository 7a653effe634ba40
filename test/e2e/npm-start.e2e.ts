/**
 * `npm start`, the main job, as a newcomer runs it — twice on one user folder: what it prints,
 * that data and the webhook key survive a restart, that a code change is installed by the next
 * start, and that a store credential the user edited is not reset (only its company fields follow
 * AFTER_SALES_COMPANY_*, when set). It runs in a copy of the
 * project (sharing node_modules and the installed n8n), so the code change stays in the copy.
 */
import { type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_HEADER, projectCopy, runtime, type ProjectCopy } from './project-copy';

let copy: ProjectCopy;
let project: string;
let userFolder: string;
let work: string;
let port: number;
let brokerPort: number;
const npmStart = (userEnv: Record<string, string> = {}) => copy.start(userEnv);
const stop = (child: ChildProcess) => copy.stop(child);
const post = (path: string, key: string, body: unknown) => copy.post(path, key, body);

let running: ChildProcess | undefined;
beforeAll(async () => {
	copy = await projectCopy('after-sales-npm-start-');
	({ project, userFolder, work, port, brokerPort } = copy);
});
afterAll(async () => {
	if (running) await stop(running);
	copy?.remove();
});

const workflowNames = () =>
	[
		'import-registers',
		'repair-intake',
		'repair-visit-result',
		'repair-documents',
		'daily-dispatch',
		'overdue-escalation',
		'invoices',
		'cash-held-daily',
		'receivables-weekly',
	].map((f) => (JSON.parse(readFileSync(join(runtime.ROOT, 'workflows', `${f}.json`), 'utf8')) as { name: string }).name);

let key = '';
let ticketNumber = '';

test('first start: prints the editor, a new webhook key, every workflow with its webhooks, and a first curl', async () => {
	const started = await npmStart();
	running = started.child;
	const out = started.output();
	expect(out).toContain(`Editor:       http://localhost:${port}/`);
	const keyLine = out.match(/Webhook key:\s+(\S+)\s+\(header X-After-Sales-Key; from (.+)\)/);
	expect(keyLine?.[2]).toBe(`${join(userFolder, '.n8n', 'after-sales-webhook-key')} (new)`);
	key = keyLine![1];
	expect(key.length).toBeGreaterThanOrEqual(24);
	expect(out).toContain('Email:        off');
	expect(out).toContain('Letterhead:   as the After-Sales Store credential has it (or set AFTER_SALES_COMPANY_NAME …)');
	for (const name of workflowNames()) expect(out).toContain(`    ${name}\n`);
	expect(out).toContain(`POST http://localhost:${port}/webhook/after-sales/repairs`);
	expect(out).toContain(`curl -s -X POST http://localhost:${port}/webhook/after-sales/import/customers`);

	// The first curl works as printed, and a repair report gets its ticket (its email skipped: no SMTP set).
	const imported = await post('import/customers', key, [{ code: 'KH-START', name: '启动物业', phone: '13800006001' }]);
	expect(imported).toEqual({ status: 200, json: { created: 1, updated: 0, rejected: [], ignoredColumns: [] } });
	const repair = await post('repairs', key, { customerName: '启动物业', phone: '13800006001', address: '上海市静安区', siteSituation: '水管漏水' });
	expect(repair.status).toBe(201);
	expect(repair.json.status).toBe('open');
	ticketNumber = String(repair.json.ticketNumber);
	await stop(started.child);
	running = undefined;
}, 600_000);

test('second start after a code change and a credential edit: new build installed, data, key and credential kept, company fields from the environment', async () => {
	expect(key).not.toBe('');
	// A developer changes the code…
	const source = join(project, 'nodes', 'CreateRepairTicket', 'CreateRepairTicket.node.ts');
	const changed = readFileSync(source, 'utf8').replace("nodeHeader('Create Repair Ticket',", "nodeHeader('Create Repair Ticket (build 2)',");
	expect(changed).toContain('build 2');
	writeFileSync(source, changed);
	// …and the user pointed the store credential at an explicit file (as they might at PostgreSQL)
	// and typed the company's address and phone in it.
	const env = runtime.n8nEnv({ userFolder, port, extra: { N8N_RUNNERS_BROKER_PORT: String(brokerPort), N8N_LOG_LEVEL: 'warn' } });
	const storeFile = join(userFolder, '.n8n', 'after-sales.sqlite');
	const edit = join(work, 'edit.json');
	const userData = { backend: 'sqlite', file: storeFile, companyAddress: '北京市朝阳区建国路 1 号', companyPhone: '010-0000 0001' };
	writeFileSync(edit, JSON.stringify([{ id: 'afterSalesStore01', name: 'After-Sales Store', type: 'afterSalesStore', data: userData }]));
	runtime.n8nCli(['import:credentials', `--input=${edit}`], env);

	// The next start sets the company's name and phone from the environment (not its address).
	const started = await npmStart({ AFTER_SALES_COMPANY_NAME: ' 启动 & 服务有限公司 ', AFTER_SALES_COMPANY_PHONE: '021-6488 0002' });
	running = started.child;
	const out = started.output();
	expect(out).toContain(`Webhook key:  ${key}   (header X-After-Sales-Key; from ${join(userFolder, '.n8n', 'after-sales-webhook-key')})`);
	expect(out).toContain('Letterhead:   启动 & 服务有限公司, 021-6488 0002   (from AFTER_SALES_COMPANY_*, saved in the After-Sales Store credential)');

	const installed = join(
		userFolder,
		'.n8n',
		'nodes',
		'node_modules',
		'n8n-nodes-after-sales',
		'dist',
		'nodes',
		'CreateRepairTicket',
		'CreateRepairTicket.node.js',
	);
	expect(readFileSync(installed, 'utf8')).toContain('Create Repair Ticket (build 2)');

	// The records of the first run are still there.
	expect(await post('import/customers', key, [{ code: 'KH-START', name: '启动物业', phone: '13800006001' }])).toEqual({
		status: 200,
		json: { created: 0, updated: 1, rejected: [], ignoredColumns: [] },
	});
	const page = await fetch(`http://127.0.0.1:${port}/webhook/after-sales/repairs/${ticketNumber}/documents/voucher`, {
		headers: { [KEY_HEADER]: key },
	});
	expect(page.status).toBe(200);
	expect(await page.text()).toContain(ticketNumber);
	// The service board: its address printed, its Basic Auth login (user after-sales, password the key) made by npm start.
	expect(out).toContain(`  http://localhost:${port}/webhook/after-sales/board`);
	const board = await fetch(`http://127.0.0.1:${port}/webhook/after-sales/board`, {
		headers: { Authorization: `Basic ${Buffer.from(`after-sales:${key}`).toString('base64')}` },
	});
	expect(board.status).toBe(200);
	expect(await board.text()).toContain('<div class="company-name">启动 &amp; 服务有限公司</div>');
	expect((await fetch(`http://127.0.0.1:${port}/webhook/after-sales/board`)).status).toBe(401);
	await stop(started.child);
	running = undefined;

	const exported = join(work, 'exported.json');
	runtime.n8nCli(['export:credentials', '--id=afterSalesStore01', '--decrypted', `--output=${exported}`], env);
	expect(existsSync(exported)).toBe(true);
	// The user's settings kept; only the company fields whose variables were set changed.
	expect(JSON.parse(readFileSync(exported, 'utf8'))[0].data).toEqual({
		backend: 'sqlite',
		file: storeFile,
		companyName: '启动 & 服务有限公司',
		companyAddress: '北京市朝阳区建国路 1 号',
		companyPhone: '021-6488 0002',
	});
	// Nothing of the credential's decrypted export is left behind in the user folder.
	expect(readdirSync(join(userFolder, '.n8n')).filter((f) => f.startsWith('.after-sales-'))).toEqual([]);
}, 600_000);

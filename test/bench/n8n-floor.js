/**
 * Where n8n's own time per execution goes: the same seven-node workflow (Webhook → 5 × Set →
 * Respond to Webhook, n8n's nodes only) on several n8n instances started side by side, each with
 * one group of settings, driven in turns by autocannon so that all share the machine's load.
 * Prints executions per second at concurrency 1 and 8 and the median latency per variant.
 * FLOOR_VARIANTS=n8nDefault,shipped,legacy is the short run the README's figures come from.
 *
 *   node test/bench/n8n-floor.js [seconds per run, default 8] [rounds, default 2]
 *   FLOOR_VARIANTS=n8nDefault,shipped,...  to choose variants
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const runtime = require('../../scripts/n8n-runtime');

/** The seven-node workflow of DESIGN.md's measurement, on its own webhook path. */
function setWorkflow(id, webhookPath) {
	const set = (i) => ({
		id: `set${i}`,
		name: `Set ${i}`,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [220 * (i + 1), 0],
		parameters: {
			assignments: { assignments: [{ id: `a${i}`, name: `field${i}`, value: `={{ $json.body?.n ?? ${i} }}`, type: 'string' }] },
			includeOtherFields: true,
			options: {},
		},
	});
	const nodes = [
		{
			id: 'hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: id,
			parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'responseNode', options: {} },
		},
		...[0, 1, 2, 3, 4].map(set),
		{
			id: 'respond',
			name: 'Respond',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.5,
			position: [1320, 0],
			parameters: { respondWith: 'json', responseBody: '={{ { ok: true, n: $json.field4 } }}', options: {} },
		},
	];
	const names = nodes.map((n) => n.name);
	const connections = Object.fromEntries(names.slice(0, -1).map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
	return { id, name: `Floor probe ${id}`, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/**
 * Settings under test: what each group changes from the environment `npm start` uses (which
 * already sets N8N_EXPRESSION_ENGINE_POOL_SIZE to one sandbox per core: `shipped`). `n8nDefault`
 * puts back n8n's own default, one sandbox, to show the floor before that setting.
 */
const VARIANTS = {
	n8nDefault: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '1' },
	shipped: {},
	sqlitePool: { DB_SQLITE_POOL_SIZE: '4' },
	noSave: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false', EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false' },
	noInsights: { N8N_DISABLED_MODULES: 'insights' },
	// n8n 2.x evaluates expressions in isolated-vm isolates (`vm`), from a pool of ONE by default.
	vmPool4: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '4' },
	noObservability: { N8N_EXPRESSION_ENGINE_OBSERVABILITY_ENABLED: 'false', N8N_EXPRESSION_ENGINE_TRACES_ENABLED: 'false' },
	vmCache: { N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	legacy: { N8N_EXPRESSION_ENGINE: 'legacy' },
};

async function startVariant(name, extra) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `after-sales-floor-${name}-`));
	const port = await runtime.freePort();
	const env = runtime.n8nEnv({
		userFolder,
		port,
		extra: { N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()), N8N_LOG_LEVEL: 'warn', ...extra },
	});
	const file = path.join(userFolder, 'wf.json');
	const wf = setWorkflow(`floor${name}`, `floor-${name}`);
	fs.writeFileSync(file, JSON.stringify(wf));
	runtime.n8nCli(['import:workflow', `--input=${file}`], env);
	runtime.n8nCli(['publish:workflow', `--id=${wf.id}`], env);
	const child = await runtime.startN8n(env, { port, logFile: path.join(userFolder, 'n8n.log') });
	const url = `http://127.0.0.1:${port}/webhook/floor-${name}`;
	for (let i = 0; i < 120; i++) {
		const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' }).catch(() => ({ status: 0 }));
		if (r.status === 200) break;
		await new Promise((res) => setTimeout(res, 500));
	}
	return { name, url, child, userFolder };
}

function cannon(url, connections, duration) {
	return new Promise((resolve, reject) => {
		autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":7}', connections, duration }, (error, result) =>
			error ? reject(error) : resolve(result),
		);
	});
}

async function main() {
	const seconds = Number(process.argv[2] || 8);
	const rounds = Number(process.argv[3] || 2);
	const chosen = (process.env.FLOOR_VARIANTS || Object.keys(VARIANTS).join(',')).split(',');
	const instances = [];
	try {
		for (const name of chosen) instances.push(await startVariant(name, VARIANTS[name]));
		const rows = Object.fromEntries(chosen.map((n) => [n, { c1: [], c8: [], p50: [] }]));
		for (let round = 0; round < rounds; round++) {
			for (const inst of instances) {
				const one = await cannon(inst.url, 1, seconds);
				const eight = await cannon(inst.url, 8, seconds);
				rows[inst.name].c1.push(one.requests.average);
				rows[inst.name].c8.push(eight.requests.average);
				rows[inst.name].p50.push(one.latency.p50);
				if (one.non2xx || eight.non2xx) console.log(`${inst.name}: ${one.non2xx + eight.non2xx} answers were not 2xx`);
			}
		}
		const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
		const base = median(rows.n8nDefault?.c1 ?? rows[chosen[0]].c1);
		console.log(
			`\nn8n ${runtime.N8N_VERSION}, seven-node Webhook → 5 × Set → Respond workflow, ${seconds} s per run, ${rounds} round(s), medians; load average ${os
				.loadavg()
				.map((l) => l.toFixed(1))
				.join(' ')}`,
		);
		console.log('variant        exec/s c=1   exec/s c=8   p50 ms c=1   c=1 vs n8nDefault');
		for (const name of chosen) {
			const r = rows[name];
			console.log(
				`${name.padEnd(14)} ${median(r.c1).toFixed(1).padStart(10)}   ${median(r.c8).toFixed(1).padStart(10)}   ${String(median(r.p50)).padStart(10)}   ${(median(r.c1) / base).toFixed(2).padStart(14)}`,
			);
		}
		if (process.env.FLOOR_JSON) fs.writeFileSync(process.env.FLOOR_JSON, JSON.stringify(rows, null, 2));
	} finally {
		for (const inst of instances) {
			try {
				process.kill(-inst.child.pid, 'SIGKILL');
			} catch {}
			if (process.env.FLOOR_KEEP !== '1') fs.rmSync(inst.userFolder, { recursive: true, force: true });
		}
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

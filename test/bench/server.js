/**
 * The package's cost on the real n8n server, as a ratio: repair-intake executions per second
 * against the same-shape workflow with n8n's Set nodes in place of ours (same nodes, names,
 * connections, expressions and webhook), both published on one n8n started as `npm start`
 * starts it, driven in turns by autocannon. n8n's own time per execution is in both; what is
 * left is ours: the store's transaction, the rules, the documents.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const runtime = require('../../scripts/n8n-runtime');

const OURS = 'n8n-nodes-after-sales.';

/** repair-intake.json with each of our nodes replaced by a Set node giving the fields the next nodes read. */
function setShapedIntake(intake) {
	const ticket = {
		ticketNumber: 'BX-20261130-9999',
		voucherNumber: 'PZ-20261130-9999',
		customerType: 'liaison-letter',
		category: 'A',
		status: 'open',
		technician: null,
		dueAt: '2026-12-02T00:00:00.000Z',
	};
	const stand = (node, json) => ({
		id: node.id,
		name: node.name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: node.position,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify(json), options: {} },
	});
	const nodes = intake.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.webhook')
			return { ...node, parameters: { ...node.parameters, path: 'after-sales/bench-set-intake' }, webhookId: 'after-sales-bench' };
		if (!node.type.startsWith(OURS)) return node;
		if (node.type.endsWith('.dispatchTechnician')) return stand(node, { ticketNumber: ticket.ticketNumber, dispatched: false, reason: 'bench' });
		return stand(node, ticket);
	});
	return { ...intake, id: 'afterSalesBenchSet1', name: 'Bench: repair intake with Set nodes', nodes };
}

function cannon(url, key, body, connections, duration) {
	return new Promise((resolve, reject) => {
		autocannon(
			{
				url,
				method: 'POST',
				headers: { 'content-type': 'application/json', [runtime.WEBHOOK_KEY_HEADER]: key },
				body: JSON.stringify(body),
				connections,
				duration,
			},
			(error, result) => (error ? reject(error) : resolve(result)),
		);
	});
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** { intake, set, ratio } executions per second at concurrency 1 (and 8), medians of `rounds`. */
async function measure({ seconds = 8, rounds = 3, log = () => undefined, envExtra = {} } = {}) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'after-sales-bench-server-'));
	const port = await runtime.freePort();
	const key = 'bench-key';
	let child;
	try {
		const { env, workflows } = runtime.prepare({
			userFolder,
			port,
			key,
			log,
			mailEnv: {},
			companyEnv: {},
			envExtra: { N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()), N8N_LOG_LEVEL: 'warn', ...envExtra },
		});
		const intake = runtime.workflowFiles().find((w) => w.json.id === 'afterSalesIntake01' || path.basename(w.file) === 'repair-intake.json').json;
		const file = path.join(userFolder, 'bench-set.json');
		const shaped = setShapedIntake(intake);
		fs.writeFileSync(file, JSON.stringify(shaped));
		runtime.n8nCli(['import:workflow', `--input=${file}`], env);
		runtime.n8nCli(['publish:workflow', `--id=${shaped.id}`], env);
		child = await runtime.startN8n(env, { port, logFile: path.join(userFolder, 'n8n.log') });
		await runtime.waitForWebhooks([...workflows, shaped], port);
		const base = `http://127.0.0.1:${port}/webhook/after-sales/`;
		const report = { customerName: '基准物业', phone: '13800001234', address: '上海市徐汇区漕溪路88号', siteSituation: '空调不制冷' };
		// Warm-up, not counted.
		await cannon(`${base}repairs`, key, report, 1, 2);
		await cannon(`${base}bench-set-intake`, key, report, 1, 2);
		const runs = { intake: [], set: [], intake8: [], set8: [] };
		let bad = 0;
		for (let r = 0; r < rounds; r++) {
			for (const [name, url] of [
				['intake', `${base}repairs`],
				['set', `${base}bench-set-intake`],
			]) {
				const one = await cannon(url, key, report, 1, seconds);
				const eight = await cannon(url, key, report, 8, seconds);
				runs[name].push(one.requests.average);
				runs[`${name}8`].push(eight.requests.average);
				bad += one.non2xx + eight.non2xx + one.errors + eight.errors;
			}
		}
		const result = {
			intakePerSecond: median(runs.intake),
			setPerSecond: median(runs.set),
			intakePerSecondC8: median(runs.intake8),
			setPerSecondC8: median(runs.set8),
			failedRequests: bad,
		};
		return {
			...result,
			ratio: result.intakePerSecond / result.setPerSecond,
			ratioC8: result.intakePerSecondC8 / result.setPerSecondC8,
			seconds,
			rounds,
		};
	} finally {
		if (child) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}
		if (process.env.BENCH_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

module.exports = { measure, setShapedIntake };

if (require.main === module) {
	measure({ seconds: Number(process.argv[2] || 8), rounds: Number(process.argv[3] || 3), log: (m) => console.log(m) })
		.then((r) => console.log(JSON.stringify(r, null, 2)))
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}

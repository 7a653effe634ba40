/**
 * npm start — the main job: n8n 2.41 with this package and its workflows, on embedded defaults.
 * Honours N8N_PORT (5678), N8N_USER_FOLDER (home), AFTER_SALES_WEBHOOK_KEY, AFTER_SALES_SMTP_* and
 * AFTER_SALES_COMPANY_* and the channels' AFTER_SALES_WECOM_… / _DINGTALK_… / _FEISHU_… / _SMS_… (see README).
 */
'use strict';
const path = require('node:path');
const {
	ROLES,
	WEBHOOK_KEY_HEADER,
	channelProblemLines,
	channelsLine,
	defaultUserFolder,
	formUrls,
	prepare,
	startN8n,
	waitForWebhooks,
	webhookUrls,
} = require('./n8n-runtime');

/**
 * What npm start (and npm run start:queue) prints once n8n answers: the editor, the store, the
 * key, mail, letterhead, the workflows with their webhooks and a first curl to try.
 */
function summary({ base, version, store, webhook, mail, company, workflows, passwords = {}, running = [], channels }) {
	const forms = workflows.flatMap((w) => formUrls(w, base));
	return [
		'',
		`n8n is running with n8n-nodes-after-sales ${version}.`,
		`  Editor:       ${base}  (first visit: create the owner account)`,
		`  Store:        ${store}`,
		...running.map((line) => `  ${line}`),
		`  Webhook key:  ${webhook.key}   (header ${WEBHOOK_KEY_HEADER}; from ${webhook.source})`,
		mail.enabled
			? `  Email:        via ${mail.host}:${mail.port}, from ${mail.from}; manager ${mail.manager}; company manager (serious complaints) ${mail.companyManager}${mail.factory ? `; processing factory ${mail.factory}` : ''}`
			: '  Email:        off (set AFTER_SALES_SMTP_HOST …); workflows skip their emails with a note',
		Object.keys(company).length > 0
			? `  Letterhead:   ${[company.companyName, company.companyAddress, company.companyPhone].filter(Boolean).join(', ') || '(cleared)'}   (from AFTER_SALES_COMPANY_*, saved in the After-Sales Store credential)`
			: '  Letterhead:   as the After-Sales Store credential has it (or set AFTER_SALES_COMPANY_NAME …)',
		channelsLine(channels),
		...channelProblemLines(channels).map((line) => `  ${line}`),
		`  Outbox:       ${base}webhook/after-sales/outbox?status=failed   (messages given up; POST …/outbox/retry sends what is pending now)`,
		'  Active workflows:',
		...workflows.flatMap((w) => [`    ${w.name}`, ...webhookUrls(w, base).map((u) => `      ${u}`)]),
		'',
		'Try it: import two customers from JSON',
		`  curl -s -X POST ${base}webhook/after-sales/import/customers \\`,
		`    -H '${WEBHOOK_KEY_HEADER}: ${webhook.key}' -H 'Content-Type: application/json' \\`,
		`    -d '[{"code":"KH-1","name":"华东物业","phone":"13800000001"},{"name":"张三","phone":"12"}]'`,
		'',
		'Then report a repair, and open its service voucher in a browser:',
		`  curl -s -X POST ${base}webhook/after-sales/repairs -H '${WEBHOOK_KEY_HEADER}: ${webhook.key}' -H 'Content-Type: application/json' \\`,
		`    -d '{"customerName":"华东物业","phone":"13800000001","address":"上海市徐汇区漕溪路88号","siteSituation":"空调不制冷"}'`,
		`  curl -s ${base}webhook/after-sales/repairs/<ticketNumber>/documents/voucher -H '${WEBHOOK_KEY_HEADER}: ${webhook.key}' -o voucher.html`,
		'',
		'The service board (服务看板), to keep open in a browser or on a wall screen: user after-sales, password the webhook key',
		`  ${base}webhook/after-sales/board`,
		'',
		"Staff screens (n8n forms), each behind its role's login (user = the role):",
		...ROLES.filter((role) => passwords[role]).map(
			(role) => `  ${role.padEnd(11)} password ${passwords[role].password}   (from ${passwords[role].source})`,
		),
		...forms.map((f) => `  ${f.url}   (${f.role ?? 'no login'}${f.title ? `; ${f.title}` : ''})`),
		'',
		'Stop with Ctrl+C; data stays in the user folder for the next start.',
		'',
	].join('\n');
}

async function main() {
	const port = Number(process.env.N8N_PORT || 5678);
	const userFolder = path.resolve(defaultUserFolder());
	const { env, version, webhook, workflows, n8nFolder, mail, company, passwords, channels } = prepare({ userFolder, port });
	console.log(`Starting n8n on port ${port} (user folder ${n8nFolder})…`);
	const child = await startN8n(env, { port });
	await waitForWebhooks(workflows, port);
	const base = `http://localhost:${port}/`;
	console.log(summary({ base, version, store: path.join(n8nFolder, 'after-sales.sqlite'), webhook, mail, company, workflows, passwords, channels }));
	const stop = () => child.kill('SIGTERM');
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	child.on('exit', (code) => process.exit(code ?? 0));
}

module.exports = { summary };

if (require.main === module) {
	main().catch((error) => {
		console.error(`npm start failed: ${error.message}`);
		process.exit(1);
	});
}

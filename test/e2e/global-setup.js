/**
 * Starts one n8n for the e2e specs: a free loopback port, a throwaway user folder, the package
 * installed from its tarball, credentials created and workflows published the way `npm start`
 * does it. The specs read where it runs from the state file named in AFTER_SALES_E2E_STATE.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort, prepare, startN8n, waitForWebhooks } = require('../../scripts/n8n-runtime');
const { startSmtpSink } = require('./smtp-sink');
const { editorLogin } = require('./editor-login');

module.exports = async function globalSetup() {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'after-sales-e2e-'));
	const port = await freePort();
	const brokerPort = await freePort();
	const key = `e2e-${Date.now().toString(36)}-key`;
	const log = (m) => process.stdout.write(`[e2e] ${m}\n`);
	const logFile = path.join(userFolder, 'n8n.log');
	const stateFile = path.join(userFolder, 'e2e-state.json');
	const mailFolder = path.join(userFolder, 'mail');
	const sink = await startSmtpSink(mailFolder);
	globalThis.__afterSalesSmtpSink = sink.server;
	const mailEnv = {
		AFTER_SALES_SMTP_HOST: '127.0.0.1',
		AFTER_SALES_SMTP_PORT: String(sink.port),
		AFTER_SALES_MAIL_FROM: 'after-sales@e2e.test',
		AFTER_SALES_MANAGER_EMAIL: 'manager@e2e.test',
		AFTER_SALES_ACCOUNTANT_EMAIL: 'accountant@e2e.test',
		AFTER_SALES_FACTORY_EMAIL: 'factory@e2e.test',
		AFTER_SALES_COMPANY_MANAGER_EMAIL: 'company-manager@e2e.test',
	};
	log(`SMTP sink on 127.0.0.1:${sink.port}`);
	// The service company, as `npm start` takes it from the environment: distinctive, with an
	// ampersand and Chinese, so that a spec can find it (escaped) on a printed page. Set in
	// process.env so that the specs' own runs of the runtime see it too.
	const company = { name: 'E2E 安达 & 信达售后服务有限公司', address: '上海市徐汇区漕溪路 88 号 E2E 楼', phone: '021-6488 7700' };
	Object.assign(process.env, {
		AFTER_SALES_COMPANY_NAME: company.name,
		AFTER_SALES_COMPANY_ADDRESS: company.address,
		AFTER_SALES_COMPANY_PHONE: company.phone,
	});
	// The staff screens' role passwords (RECORDS.md, Staff screens): distinct, so that a spec can show that one role's does not open another's form.
	const stamp = Date.now().toString(36);
	const passwords = { desk: `e2e-desk-${stamp}`, manager: `e2e-manager-${stamp}`, technician: `e2e-tech-${stamp}`, accountant: `e2e-acct-${stamp}` };
	const { env, workflows } = prepare({
		userFolder,
		port,
		key,
		rolePasswordsGiven: passwords,
		// No schedule fires by the clock during the specs: they run the scheduled workflows themselves.
		holdSchedules: true,
		log,
		mailEnv,
		envExtra: { N8N_RUNNERS_BROKER_PORT: String(brokerPort), N8N_LOG_LEVEL: 'warn' },
	});
	log(`starting n8n on 127.0.0.1:${port} (log ${logFile})`);
	const child = await startN8n(env, { port, logFile });
	// Stop it with the test process whatever happens; global-teardown does the same on a normal end.
	process.on('exit', () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	});
	await waitForWebhooks(workflows, port);
	// The editor's owner, logged in once for all specs (a login per spec file reached n8n's rate limit).
	const restCookie = await editorLogin(`http://127.0.0.1:${port}/`);
	fs.writeFileSync(
		stateFile,
		JSON.stringify({
			port,
			pid: child.pid,
			userFolder,
			key,
			passwords,
			baseUrl: `http://127.0.0.1:${port}/`,
			logFile,
			mailFolder,
			company,
			schedulesHeld: true,
			restCookie,
		}),
	);
	process.env.AFTER_SALES_E2E_STATE = stateFile;
	log(`n8n is up (pid ${child.pid})`);
};

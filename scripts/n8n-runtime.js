/**
 * Bringing up the real n8n with this package, shared by `npm start` and the e2e suite:
 * install n8n once into .cache/n8n, install this package's `npm pack` tarball into the user
 * folder the way a user would, create the credentials, import and publish the workflows, start.
 * Run on Node 24 (npm scripts put the pinned `node` package first on PATH).
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const N8N_VERSION = '2.41.1';
const CACHE = path.join(ROOT, '.cache');
const N8N_PREFIX = path.join(CACHE, 'n8n');
const N8N_BIN = path.join(N8N_PREFIX, 'node_modules', 'n8n', 'bin', 'n8n');
const WORKFLOWS_DIR = path.join(ROOT, 'workflows');
/** The user name of the service board's Basic Auth login (RECORDS.md: `GET board`). */
const BOARD_USER = 'after-sales';

/** Stable ids and names of the credentials the workflows use (referenced by name in the JSON). */
const CREDENTIALS = {
	store: { id: 'afterSalesStore01', name: 'After-Sales Store', type: 'afterSalesStore' },
	webhookKey: { id: 'afterSalesKey0001', name: 'After-Sales Webhook Key', type: 'httpHeaderAuth' },
	smtp: { id: 'afterSalesSmtp001', name: 'After-Sales SMTP', type: 'smtp' },
	/** The service board's login (GET board, opened in a browser): n8n's Basic Auth, user after-sales, password the webhook key. */
	boardLogin: { id: 'afterSalesBoard01', name: 'After-Sales Board Login', type: 'httpBasicAuth' },
	/** The staff screens' logins (RECORDS.md, Staff screens): n8n's Basic Auth, one per role, user = the role. */
	deskLogin: { id: 'afterSalesRoleDsk', name: 'After-Sales Login: desk (信息接收员)', type: 'httpBasicAuth' },
	managerLogin: { id: 'afterSalesRoleMgr', name: 'After-Sales Login: manager (部门经理)', type: 'httpBasicAuth' },
	technicianLogin: { id: 'afterSalesRoleTec', name: 'After-Sales Login: technician (技术员)', type: 'httpBasicAuth' },
	accountantLogin: { id: 'afterSalesRoleAcc', name: 'After-Sales Login: accountant (会计)', type: 'httpBasicAuth' },
	/** Where messages go besides email (RECORDS *Notifications*): filled from AFTER_SALES_WECOM_… / _DINGTALK_… / _FEISHU_… / _SMS_…. */
	channels: { id: 'afterSalesChan001', name: 'After-Sales Channels', type: 'afterSalesChannels' },
};

/** The package's node type that takes the channels credential (the outbox's sender is one of its operations). */
const REGISTER_NODE_TYPE = 'n8n-nodes-after-sales.afterSalesRegister';

/** The staff roles, each with its own form login (user name = the role, password from AFTER_SALES_PASSWORD_<ROLE>). */
const ROLES = ['desk', 'manager', 'technician', 'accountant'];

/** Mail settings from the environment; without AFTER_SALES_SMTP_HOST the workflows skip their emails. */
function mailSettings(env = process.env) {
	return {
		enabled: Boolean(env.AFTER_SALES_SMTP_HOST),
		host: env.AFTER_SALES_SMTP_HOST || 'localhost',
		port: Number(env.AFTER_SALES_SMTP_PORT || 25),
		user: env.AFTER_SALES_SMTP_USER || '',
		password: env.AFTER_SALES_SMTP_PASSWORD || '',
		secure: env.AFTER_SALES_SMTP_SECURE === 'true',
		from: env.AFTER_SALES_MAIL_FROM || 'after-sales@localhost',
		manager: env.AFTER_SALES_MANAGER_EMAIL || 'service-manager@localhost',
		accountant: env.AFTER_SALES_ACCOUNTANT_EMAIL || 'accountant@localhost',
		// The processing factory (加工厂) for orders that name no factoryEmail; empty: those sheets are not emailed.
		factory: env.AFTER_SALES_FACTORY_EMAIL || '',
		companyManager: env.AFTER_SALES_COMPANY_MANAGER_EMAIL || 'company-manager@localhost',
		// Where customers open the survey page; empty: n8n's own address (the WEBHOOK_URL set below).
		surveyLinkBase: env.AFTER_SALES_PUBLIC_URL ? `${env.AFTER_SALES_PUBLIC_URL.trim().replace(/\/+$/, '')}/webhook/after-sales/surveys/` : '',
	};
}

/** The variables that fill the company (letterhead) fields of the After-Sales Store credential. */
const COMPANY_VARIABLES = {
	companyName: 'AFTER_SALES_COMPANY_NAME',
	companyAddress: 'AFTER_SALES_COMPANY_ADDRESS',
	companyPhone: 'AFTER_SALES_COMPANY_PHONE',
};

/**
 * The company fields that this start sets, from the variables that are set (trimmed; one set to
 * the empty string clears its field). A variable that is not set leaves its field as it is.
 */
function companySettings(env = process.env) {
	const fields = {};
	for (const [field, variable] of Object.entries(COMPANY_VARIABLES)) if (typeof env[variable] === 'string') fields[field] = env[variable].trim();
	return fields;
}
const WEBHOOK_KEY_HEADER = 'X-After-Sales-Key';

/**
 * The channels from the AFTER_SALES_* variables, checked by the package's own code (built into
 * dist before this runs): the credential's data (only the variables set), every problem (a URL that
 * is no URL, a missing template …, each naming its variable) and the channels on. `fromEnv`: at
 * least one channel variable is set, so the credential follows the variables this start.
 */
function channelSettings(env = process.env) {
	const config = require(path.join(ROOT, 'dist', 'nodes', 'shared', 'channels', 'config.js'));
	const data = config.channelCredentialFromEnv(env);
	const { channels, problems } = config.channelsFromEnv(env);
	return { data, problems, on: config.channelNames(channels), fromEnv: Object.keys(data).length > 0 };
}

function run(cmd, args, options = {}) {
	const r = spawnSync(cmd, args, { stdio: options.quiet ? 'pipe' : 'inherit', encoding: 'utf8', ...options });
	if (r.status !== 0) {
		const output = options.quiet ? `\n${r.stdout ?? ''}${r.stderr ?? ''}` : '';
		throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed with exit code ${r.status}${output}`);
	}
	return r.stdout;
}

const npm = (args, options) => run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, options);

/**
 * Where n8n is installed once per machine (and Node ABI, for its native sqlite3), shared by every
 * clone of the project as npm's own cache is: `~/.cache/n8n-nodes-after-sales/n8n-2.41.1-abi137`;
 * `.cache/n8n` is then a link to it. AFTER_SALES_N8N_CACHE names another folder, or `off` to install
 * into `.cache/n8n` of this clone alone.
 */
function sharedN8nDir(env = process.env) {
	const setting = (env.AFTER_SALES_N8N_CACHE || '').trim();
	if (setting === 'off') return null;
	const base = setting || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-after-sales');
	return path.join(base, `n8n-${N8N_VERSION}-abi${process.versions.modules}`);
}

/** Installs n8n into `prefix` (see DESIGN.md: --ignore-scripts, then build sqlite3 for this Node), its marker last. */
function installN8nInto(prefix) {
	fs.mkdirSync(prefix, { recursive: true });
	const pkg = path.join(prefix, 'package.json');
	if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, JSON.stringify({ name: 'n8n-runtime', private: true }, null, 2));
	npm(['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: prefix });
	// n8n's own database driver is native: build it for the Node that runs n8n.
	const headers = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node');
	const env = fs.existsSync(headers) ? { ...process.env, npm_config_nodedir: path.dirname(path.dirname(process.execPath)) } : process.env;
	npm(['rebuild', 'sqlite3', '--foreground-scripts', '--loglevel=error'], { cwd: prefix, env, quiet: true });
	fs.writeFileSync(path.join(prefix, `.installed-${N8N_VERSION}`), new Date().toISOString());
}

/** n8n 2.41.1 at .cache/n8n: the machine's shared install (made once, about 5 minutes), or this clone's own. */
function ensureN8n(log = console.log) {
	const marker = path.join(N8N_PREFIX, `.installed-${N8N_VERSION}`);
	if (fs.existsSync(marker) && fs.existsSync(N8N_BIN)) return;
	const shared = sharedN8nDir();
	if (!shared) {
		log(`Installing n8n ${N8N_VERSION} into ${path.relative(ROOT, N8N_PREFIX)} (once; about 5 minutes)…`);
		installN8nInto(N8N_PREFIX);
		return;
	}
	if (!fs.existsSync(path.join(shared, `.installed-${N8N_VERSION}`))) {
		log(`Installing n8n ${N8N_VERSION} into ${shared} (once on this machine, for every clone; about 5 minutes)…`);
		// Installed beside its place and moved there whole: a clone never links to half an install.
		const partial = `${shared}.partial-${process.pid}`;
		fs.rmSync(partial, { recursive: true, force: true });
		installN8nInto(partial);
		try {
			fs.renameSync(partial, shared);
		} catch (error) {
			// Another clone finished first: use its install.
			fs.rmSync(partial, { recursive: true, force: true });
			if (!fs.existsSync(path.join(shared, `.installed-${N8N_VERSION}`))) throw error;
		}
	}
	fs.mkdirSync(CACHE, { recursive: true });
	fs.rmSync(N8N_PREFIX, { recursive: true, force: true });
	fs.symlinkSync(shared, N8N_PREFIX, 'dir');
	log(`n8n ${N8N_VERSION}: ${shared} (installed once on this machine)`);
}

/** Builds the package and packs it as a user would get it from the registry. */
function buildAndPack(log = console.log) {
	log('Building the package…');
	npm(['run', 'build', '--silent'], { cwd: ROOT, quiet: true });
	fs.mkdirSync(CACHE, { recursive: true });
	const out = npm(['pack', '--pack-destination', CACHE, '--json', '--loglevel=error'], { cwd: ROOT, quiet: true });
	return path.join(CACHE, JSON.parse(out)[0].filename);
}

/** Installs the tarball into <userFolder>/.n8n/nodes with npm, as n8n's community-package install does. */
function installPackage(n8nFolder, tarball, log = console.log) {
	const nodesDir = path.join(n8nFolder, 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkg = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	log(`Installing ${path.basename(tarball)} into ${nodesDir}…`);
	// --install-links=false keeps npm from caching an older copy of a tarball with the same version.
	npm(['install', tarball, '--omit=dev', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], {
		cwd: nodesDir,
		quiet: true,
	});
	const installed = path.join(nodesDir, 'node_modules', 'n8n-nodes-after-sales', 'package.json');
	return JSON.parse(fs.readFileSync(installed, 'utf8')).version;
}

/** The environment n8n runs with: embedded defaults, no calls home, community packages on. */
function n8nEnv({ userFolder, port, extra = {} }) {
	return {
		...process.env,
		// Jest sets NODE_ENV=test, which n8n reads as its own test mode.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// n8n's task broker listens on a second port (5679 by default): keep it next to ours.
		N8N_RUNNERS_BROKER_PORT: process.env.N8N_RUNNERS_BROKER_PORT || String(port + 1),
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE || 'Asia/Shanghai',
		// n8n 2 evaluates expressions in isolated V8 sandboxes, one at a time by default: with one
		// sandbox per core, concurrent webhook executions overlap (README, "Scale and reliability").
		N8N_EXPRESSION_ENGINE_POOL_SIZE: process.env.N8N_EXPRESSION_ENGINE_POOL_SIZE || String(Math.max(2, os.availableParallelism())),
		...extra,
	};
}

function n8nCli(args, env, options = {}) {
	return run(process.execPath, [N8N_BIN, ...args], { env, quiet: true, ...options });
}

/** The webhook key: AFTER_SALES_WEBHOOK_KEY, else the one saved in the user folder, else a new one. */
function webhookKey(n8nFolder, fromEnv = process.env.AFTER_SALES_WEBHOOK_KEY) {
	if (fromEnv) return { key: fromEnv, source: 'AFTER_SALES_WEBHOOK_KEY' };
	const file = path.join(n8nFolder, 'after-sales-webhook-key');
	if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), source: file };
	const key = crypto.randomBytes(24).toString('base64url');
	fs.mkdirSync(n8nFolder, { recursive: true });
	fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return { key, source: `${file} (new)` };
}

/**
 * The staff roles' passwords: AFTER_SALES_PASSWORD_<ROLE>, else the one saved in
 * <user folder>/.n8n/after-sales-passwords.json, else a new one (saved there, mode 0600).
 * `given` (the e2e suite's own) wins over both. Returns { role: { password, source } }.
 */
function rolePasswords(n8nFolder, env = process.env, given = {}) {
	const file = path.join(n8nFolder, 'after-sales-passwords.json');
	let saved = {};
	if (fs.existsSync(file)) {
		try {
			saved = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch (error) {
			throw new Error(`${file} is not valid JSON (${error.message}); fix or delete it to have new passwords made`);
		}
	}
	const result = {};
	let changed = false;
	for (const role of ROLES) {
		const variable = `AFTER_SALES_PASSWORD_${role.toUpperCase()}`;
		if (given[role]) result[role] = { password: given[role], source: 'given' };
		else if (env[variable]) result[role] = { password: env[variable], source: variable };
		else if (typeof saved[role] === 'string' && saved[role]) result[role] = { password: saved[role], source: file };
		else {
			saved[role] = crypto.randomBytes(12).toString('base64url');
			changed = true;
			result[role] = { password: saved[role], source: `${file} (new)` };
		}
	}
	if (changed) {
		fs.mkdirSync(n8nFolder, { recursive: true });
		fs.writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
	}
	return result;
}

/** The ids of the credentials this n8n already holds (n8n's export fails when there are none). */
function existingCredentialIds(env, n8nFolder) {
	const file = path.join(n8nFolder, '.after-sales-existing-credentials.json');
	try {
		const r = spawnSync(process.execPath, [N8N_BIN, 'export:credentials', '--all', `--output=${file}`], { env, encoding: 'utf8' });
		if (r.status !== 0) {
			if (/No credentials found/.test(`${r.stdout}${r.stderr}`)) return new Set();
			throw new Error(`n8n export:credentials failed with exit code ${r.status}\n${r.stdout}${r.stderr}`);
		}
		return new Set(JSON.parse(fs.readFileSync(file, 'utf8')).map((c) => c.id));
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * The After-Sales Store credential as n8n holds it, decrypted (n8n is stopped while this runs).
 * The file n8n writes holds the store's password in plain text: it lives in a folder only we can
 * read and is removed at once; nothing of it is printed.
 */
function exportedStoreCredential(env, n8nFolder) {
	const dir = fs.mkdtempSync(path.join(n8nFolder, '.after-sales-store-')); // mode 0700
	try {
		const file = path.join(dir, 'store.json');
		n8nCli(['export:credentials', `--id=${CREDENTIALS.store.id}`, '--decrypted', `--output=${file}`], env);
		const [credential] = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (!credential || typeof credential.data !== 'object' || credential.data === null) {
			throw new Error(`n8n export:credentials gave no data for the credential ${CREDENTIALS.store.id}`);
		}
		return credential;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Creates the credentials the workflows reference by name. The webhook key and SMTP credentials
 * follow this start's settings (key file or AFTER_SALES_WEBHOOK_KEY, AFTER_SALES_SMTP_*) every
 * time; the After-Sales Store credential is created once and then left to the user: whoever
 * pointed it at PostgreSQL in the editor keeps that across restarts. Only its company fields
 * (the letterhead) follow AFTER_SALES_COMPANY_* when those are set: the rest of its data is
 * read back from n8n and imported again unchanged.
 */
function provisionCredentials(env, n8nFolder, { key, storeFile, storeData, mail, company = {}, passwords = {}, channels }) {
	const existing = existingCredentialIds(env, n8nFolder);
	const credentials = [
		{ ...CREDENTIALS.webhookKey, data: { name: WEBHOOK_KEY_HEADER, value: key } },
		{ ...CREDENTIALS.boardLogin, data: { user: BOARD_USER, password: key } },
		...ROLES.filter((role) => passwords[role]).map((role) => ({
			...CREDENTIALS[`${role}Login`],
			data: { user: role, password: passwords[role].password },
		})),
		{
			...CREDENTIALS.smtp,
			data: {
				host: mail.host,
				port: mail.port,
				user: mail.user,
				password: mail.password,
				secure: mail.secure,
				disableStartTls: !mail.secure && !mail.user,
			},
		},
	];
	// The channels: set from the variables when any is set (a field whose variable is not set is
	// cleared); with none set, created empty once and then left to the editor.
	if (channels && (channels.fromEnv || !existing.has(CREDENTIALS.channels.id))) {
		credentials.push({ ...CREDENTIALS.channels, data: { smsProvider: 'none', ...channels.data } });
	}
	if (!existing.has(CREDENTIALS.store.id)) {
		credentials.unshift({ ...CREDENTIALS.store, data: { ...(storeData ?? { backend: 'sqlite', file: storeFile ?? '' }), ...company } });
	} else if (Object.keys(company).length > 0) {
		const current = exportedStoreCredential(env, n8nFolder);
		// The user may have renamed it in the editor: keep its name.
		credentials.unshift({ id: current.id, name: current.name, type: current.type, data: { ...current.data, ...company } });
	}
	// The file holds the SMTP password (and the store's, when it is re-imported): a fresh folder, mode 0700.
	const dir = fs.mkdtempSync(path.join(n8nFolder, '.after-sales-credentials-'));
	try {
		const file = path.join(dir, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		n8nCli(['import:credentials', `--input=${file}`], env);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function workflowFiles() {
	return fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: path.join(WORKFLOWS_DIR, f), json: JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, f), 'utf8')) }));
}

/**
 * Imports every workflow of workflows/ and publishes it (n8n is stopped while this runs). A
 * published workflow cannot be re-imported over, so ours are unpublished first; the user's own
 * workflows are left as they are.
 */
function importAndPublishWorkflows(env, n8nFolder, mail, { holdSchedules = false } = {}) {
	const ours = workflowFiles().map((w) => (holdSchedules ? heldSchedules : (x) => x)(withChannels(withSettings(w.json, mail))));
	const dir = fs.mkdtempSync(path.join(n8nFolder, '.after-sales-workflows-'));
	try {
		for (const w of ours) fs.writeFileSync(path.join(dir, `${w.id}.json`), JSON.stringify(w));
		const active = new Set(n8nCli(['list:workflow', '--active=true', '--onlyId'], env).split(/\s+/).filter(Boolean));
		const published = ours.filter((w) => active.has(w.id)).map((w) => w.id);
		if (published.length > 0) publishAll('unpublish', published, env);
		n8nCli(['import:workflow', '--separate', `--input=${dir}`], env);
		publishAll(
			'publish',
			ours.map((w) => w.id),
			env,
		);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	return ours;
}

/**
 * What `n8n publish:workflow --id=…` (or `unpublish:workflow`) does, for many workflows in one n8n
 * process (scripts/n8n-publish.js): each CLI call boots n8n's database layer again.
 */
function publishAll(mode, ids, env) {
	run(process.execPath, [path.join(__dirname, 'n8n-publish.js'), mode, ...ids], {
		env: { ...env, AFTER_SALES_N8N_DIR: path.dirname(path.dirname(N8N_BIN)) },
		quiet: true,
	});
}

/**
 * The end-to-end server's switch for the schedules: every Schedule Trigger fires only on 1 January
 * at 03:00, so that no scheduled run writes to the store while a spec compares it before and after
 * (the hourly escalation and complaint notices used to make the fuzz spec wait out the hour). The
 * specs run a scheduled workflow themselves (`n8n execute --id`, from its trigger). Not for `npm start`.
 */
const HELD_SCHEDULE = { interval: [{ field: 'cronExpression', expression: '0 0 3 1 1 *' }] };
function heldSchedules(workflow) {
	for (const node of workflow.nodes)
		if (node.type === 'n8n-nodes-base.scheduleTrigger') node.parameters = { ...node.parameters, rule: HELD_SCHEDULE };
	return workflow;
}

/**
 * Gives every After-Sales Register node the After-Sales Channels credential (optional on that node):
 * the outbox's sender and any other operation that sends finds the channels set at start-up.
 */
function withChannels(workflow) {
	for (const node of workflow.nodes) {
		if (node.type !== REGISTER_NODE_TYPE) continue;
		node.credentials = { ...node.credentials, afterSalesChannels: { id: CREDENTIALS.channels.id, name: CREDENTIALS.channels.name } };
	}
	return workflow;
}

/** Fills a workflow's "Settings (设置)" node with this installation's mail settings. */
function withSettings(workflow, mail) {
	const values = {
		emailEnabled: mail.enabled,
		fromEmail: mail.from,
		managerEmail: mail.manager,
		accountantEmail: mail.accountant,
		factoryEmail: mail.factory,
		companyManagerEmail: mail.companyManager,
		surveyLinkBase: mail.surveyLinkBase,
	};
	for (const node of workflow.nodes) {
		if (node.type !== 'n8n-nodes-base.set' || !node.name.startsWith('Settings')) continue;
		for (const a of node.parameters.assignments?.assignments ?? []) if (a.name in values) a.value = values[a.name];
	}
	return workflow;
}

/**
 * The production webhook URLs of a workflow: `POST http://…/webhook/<path>`. A path with
 * parameters (`repairs/:ticketNumber/visit`) is served under the node's webhookId, which our
 * workflows set to `after-sales`.
 */
function webhookUrls(workflow, baseUrl) {
	return workflow.nodes
		.filter((n) => n.type === 'n8n-nodes-base.webhook')
		.map((n) => {
			const p = n.parameters.path;
			return `${n.parameters.httpMethod ?? 'GET'} ${baseUrl}webhook/${p.includes(':') ? `${n.webhookId}/${p}` : p}`;
		});
}

/**
 * The staff screens of a workflow: `GET http://…/form/<path>` of each Form Trigger (typeVersion
 * 2.2 and later take the path in options.path), with the role whose login opens it.
 */
function formUrls(workflow, baseUrl) {
	return workflow.nodes
		.filter((n) => n.type === 'n8n-nodes-base.formTrigger' && n.parameters.options?.path)
		.map((n) => {
			const login = Object.entries(CREDENTIALS).find(([, c]) => c.id === n.credentials?.httpBasicAuth?.id);
			return {
				url: `${baseUrl}form/${n.parameters.options.path}`,
				role: login ? login[0].replace(/Login$/, '') : null,
				title: n.parameters.formTitle ?? '',
			};
		});
}

function get(url) {
	return new Promise((resolve) => {
		const req = http.get(url, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		req.on('error', () => resolve(0));
		req.setTimeout(2000, () => req.destroy());
	});
}

/** Starts `n8n start`; resolves when /healthz answers 200 (rejects if n8n exits first). */
async function startN8n(env, { port, logFile, timeoutMs = 180_000 } = {}) {
	const out = logFile ? fs.openSync(logFile, 'a') : 'inherit';
	const child = spawn(process.execPath, [N8N_BIN, 'start'], { env, stdio: ['ignore', out, out], detached: Boolean(logFile) });
	let exited = null;
	child.on('exit', (code) => (exited = code ?? -1));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited !== null) throw new Error(`n8n exited with code ${exited} while starting${logFile ? `; see ${logFile}` : ''}`);
		if ((await get(`http://127.0.0.1:${port}/healthz/readiness`)) === 200) return child;
		await new Promise((r) => setTimeout(r, 500));
	}
	child.kill('SIGKILL');
	throw new Error(`n8n did not answer on port ${port} within ${timeoutMs / 1000} s`);
}

function request(method, url) {
	return new Promise((resolve) => {
		const body = method === 'GET' ? '' : '{}';
		const req = http.request(url, { method, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		req.on('error', () => resolve(0));
		req.setTimeout(5000, () => req.destroy());
		req.end(body);
	});
}

/**
 * n8n answers /healthz before it has activated every published workflow: wait until each
 * workflow's webhooks are registered (a request without the key is refused, not 404).
 */
async function waitForWebhooks(workflows, port, timeoutMs = 120_000) {
	const base = `http://127.0.0.1:${port}/`;
	const hooks = workflows.flatMap((w) => [...webhookUrls(w, base).map((u) => u.split(' ')), ...formUrls(w, base).map((f) => ['GET', f.url])]);
	const deadline = Date.now() + timeoutMs;
	for (const [method, url] of hooks) {
		while ((await request(method, url)) === 404) {
			if (Date.now() > deadline) throw new Error(`the webhook ${url} was not registered within ${timeoutMs / 1000} s`);
			await new Promise((r) => setTimeout(r, 500));
		}
	}
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/** The start-up message for the channels' problems: one line each, a channel with a problem stays off. */
function channelProblemLines(channels) {
	if (!channels || channels.problems.length === 0) return [];
	return [`通知渠道设置有误 (channel settings with problems; these channels stay off until fixed):`, ...channels.problems.map((p) => `  - ${p}`)];
}

/** The summary line of the channels: which are on and where they come from. */
function channelsLine(channels) {
	if (!channels) return '  Channels:     as the After-Sales Channels credential has them';
	if (channels.fromEnv)
		return channels.on.length
			? `  Channels:     ${channels.on.join(', ')}   (from AFTER_SALES_*, saved in the After-Sales Channels credential)`
			: '  Channels:     none on: every channel variable set has a problem (listed below); staff and SMS messages are skipped';
	return '  Channels:     as the After-Sales Channels credential has them (empty unless edited: staff and SMS messages are skipped; set AFTER_SALES_WECOM_WEBHOOK_URL …)';
}

/** Everything but starting: install n8n and the package, credentials, workflows. */
/** `storeData`: the After-Sales Store credential's fields when it is created (default: SQLite, `storeFile`). */
/** `rolePasswordsGiven`: { desk, manager, … } passwords to use instead of the environment's or the saved ones. */
/** `holdSchedules`: the e2e server's switch (see heldSchedules). */
function prepare({
	userFolder,
	port,
	key,
	storeFile,
	storeData,
	log = console.log,
	envExtra = {},
	mailEnv = process.env,
	companyEnv = process.env,
	channelsEnv = process.env,
	rolePasswordsGiven = {},
	holdSchedules = false,
}) {
	ensureN8n(log);
	const n8nFolder = path.join(userFolder, '.n8n');
	const tarball = buildAndPack(log);
	const version = installPackage(n8nFolder, tarball, log);
	const env = n8nEnv({ userFolder, port, extra: envExtra });
	const webhook = key ? { key, source: 'given' } : webhookKey(n8nFolder);
	const mail = mailSettings(mailEnv);
	const company = companySettings(companyEnv);
	const passwords = rolePasswords(n8nFolder, process.env, rolePasswordsGiven);
	const channels = channelSettings(channelsEnv);
	for (const line of channelProblemLines(channels)) log(line);
	log('Creating the credentials and importing the workflows…');
	provisionCredentials(env, n8nFolder, { key: webhook.key, storeFile, storeData, mail, company, passwords, channels });
	const workflows = importAndPublishWorkflows(env, n8nFolder, mail, { holdSchedules });
	return { env, n8nFolder, version, webhook, workflows, mail, company, passwords, channels };
}

module.exports = {
	COMPANY_VARIABLES,
	CREDENTIALS,
	N8N_BIN,
	N8N_VERSION,
	ROLES,
	ROOT,
	WEBHOOK_KEY_HEADER,
	channelProblemLines,
	channelSettings,
	channelsLine,
	ensureN8n,
	sharedN8nDir,
	formUrls,
	freePort,
	n8nEnv,
	n8nCli,
	prepare,
	rolePasswords,
	startN8n,
	waitForWebhooks,
	webhookUrls,
	workflowFiles,
	defaultUserFolder: () => process.env.N8N_USER_FOLDER || os.homedir(),
};

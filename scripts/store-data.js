/**
 * The store's data from the command line (README, "Your data"), on the store of N8N_USER_FOLDER's
 * After-Sales Store credential, as `npm start` uses it:
 *
 *   npm run backup [-- --out DIR]               a consistent snapshot while n8n runs; prints the file
 *                                               (default DIR <user folder>/.n8n/after-sales-backups)
 *   npm run restore -- FILE [--force]           n8n stopped: the backup into the store (one that
 *                                               holds data only with --force)
 *   npm run store:move -- --to postgres://user:password@host:port/database[?schema=after_sales]
 *                                               n8n stopped: the whole store into PostgreSQL, checked,
 *                                               and the credential pointed at it
 *
 * The credential is read with n8n's CLI (`export:credentials --decrypted`, into a folder only we can
 * read, removed at once); without an n8n database yet, the store is the default SQLite file.
 * Uses dist (built first when missing).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { Client } = require('pg');
const { CREDENTIALS, N8N_BIN, ROOT, defaultUserFolder, n8nCli, n8nEnv } = require('./n8n-runtime');

const DIST = path.join(ROOT, 'dist', 'nodes', 'shared', 'store');
const DEFAULT_SCHEMA = 'after_sales';

function dist(name) {
	if (!fs.existsSync(path.join(DIST, 'restore.js'))) {
		console.log('Building the package (dist is missing)…');
		const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
		if (r.status !== 0) throw new Error('npm run build failed');
	}
	return require(path.join(DIST, name));
}

/** --flag value and positional arguments. */
function parseArgs(argv, flags, switches = []) {
	const out = { positional: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [name, inline] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s, 2) : [null, null];
		if (name && flags.includes(name)) {
			const value = inline ?? argv[++i];
			if (value === undefined || value === '') throw new Error(`--${name} needs a value`);
			out[name] = value;
		} else if (name && switches.includes(name)) out[name] = true;
		else if (name) throw new Error(`Unknown option --${name}`);
		else out.positional.push(a);
	}
	return out;
}

/**
 * The After-Sales Store credential as n8n holds it, decrypted; null when n8n holds none (one call of
 * n8n's CLI, which takes some seconds to start). The file lives in a folder only we can read and is
 * removed at once; nothing of it is printed.
 */
function storeCredential(env, n8nFolder) {
	const dir = fs.mkdtempSync(path.join(n8nFolder, '.after-sales-store-'));
	try {
		const file = path.join(dir, 'store.json');
		const r = spawnSync(process.execPath, [N8N_BIN, 'export:credentials', `--id=${CREDENTIALS.store.id}`, '--decrypted', `--output=${file}`], {
			env,
			encoding: 'utf8',
		});
		if (r.status !== 0) {
			if (/No credentials found/.test(`${r.stdout}${r.stderr}`)) return null;
			throw new Error(`n8n export:credentials failed with exit code ${r.status}\n${r.stdout}${r.stderr}`);
		}
		const [credential] = JSON.parse(fs.readFileSync(file, 'utf8'));
		return credential && typeof credential.data === 'object' && credential.data !== null ? credential : null;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * The user folder, its .n8n folder, the environment n8n's CLI runs with, and the After-Sales Store
 * credential (null when n8n has no database yet or holds no such credential).
 */
function context() {
	const userFolder = path.resolve(defaultUserFolder());
	const n8nFolder = path.join(userFolder, '.n8n');
	process.env.N8N_USER_FOLDER = userFolder;
	const env = n8nEnv({ userFolder, port: Number(process.env.N8N_PORT || 5678) });
	const hasN8nDatabase = fs.existsSync(path.join(n8nFolder, 'database.sqlite')) || Boolean(process.env.DB_TYPE);
	let credential = null;
	if (hasN8nDatabase) {
		if (!fs.existsSync(N8N_BIN)) throw new Error(`n8n is not installed in ${path.dirname(N8N_BIN)}: run npm start once first`);
		credential = storeCredential(env, n8nFolder);
	}
	const { storeConfigFromCredential } = dist('config.js');
	const config = storeConfigFromCredential(credential ? credential.data : { backend: 'sqlite', file: '' });
	return { userFolder, n8nFolder, env, credential, config };
}

/** A postgres:// URL as the After-Sales Store credential's fields (`?schema=`, `?sslmode=require`). */
function pgFromUrl(url) {
	let u;
	try {
		u = new URL(url);
	} catch {
		throw new Error(`--to: "${url}" is not a URL; expected postgres://user:password@host:port/database`);
	}
	if (!/^postgres(ql)?:$/.test(u.protocol)) {
		if (u.password) u.password = '***';
		throw new Error(`--to: "${u.href}" is not a postgres:// URL`);
	}
	return {
		backend: 'postgres',
		host: u.hostname || 'localhost',
		port: Number(u.port || 5432),
		database: decodeURIComponent(u.pathname.slice(1)) || 'after_sales',
		user: decodeURIComponent(u.username) || 'postgres',
		password: decodeURIComponent(u.password),
		ssl: u.searchParams.get('sslmode') === 'require',
		sslRejectUnauthorized: false,
		schema: u.searchParams.get('schema') || DEFAULT_SCHEMA,
	};
}

/** The database, created when missing (as npm run start:queue does). A server that does not answer: a clear message. */
async function ensureDatabase(pg) {
	const connect = async (database) => {
		const client = new Client({
			host: pg.host,
			port: pg.port,
			user: pg.user,
			password: pg.password,
			database,
			ssl: pg.ssl ? { rejectUnauthorized: false } : undefined,
			connectionTimeoutMillis: 10_000,
		});
		await client.connect();
		return client;
	};
	const where = `PostgreSQL ${pg.user}@${pg.host}:${pg.port}/${pg.database}`;
	try {
		await (await connect(pg.database)).end();
	} catch (error) {
		if (error.code !== '3D000') throw new Error(`${where} does not connect: ${error.message}; nothing was changed`);
		console.log(`Creating the database ${pg.database} on ${pg.host}:${pg.port}…`);
		const admin = await connect('postgres');
		try {
			await admin.query(`create database "${pg.database.replace(/"/g, '""')}"`);
		} finally {
			await admin.end();
		}
	}
}

function backupDir(n8nFolder) {
	return path.join(n8nFolder, 'after-sales-backups');
}

async function backup(argv) {
	const args = parseArgs(argv, ['out']);
	if (args.positional.length > 0) throw new Error(`Unexpected argument ${args.positional[0]}; usage: npm run backup [-- --out DIR]`);
	const { n8nFolder, config } = context();
	const { Store } = dist('store.js');
	const { backupInto } = dist('backup.js');
	const store = await Store.open(config);
	try {
		const out = path.resolve(args.out ?? backupDir(n8nFolder));
		const { file, bytes, manifest } = await backupInto(store, out);
		const rows = Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0);
		console.log(`Backed up ${store.description}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${bytes} bytes.`);
		console.log(file);
	} finally {
		await store.close();
	}
}

async function restore(argv) {
	const args = parseArgs(argv, [], ['force']);
	if (args.positional.length !== 1) throw new Error('usage: npm run restore -- FILE [--force]   (with n8n stopped)');
	const file = path.resolve(args.positional[0]);
	const { config } = context();
	const { restoreStore } = dist('restore.js');
	const r = await restoreStore(file, config, { force: Boolean(args.force) });
	console.log(`Restored ${path.basename(file)} into ${r.target}: ${r.tables} tables, ${r.rows} rows, counts and checksums checked.`);
	if (r.schemaVersion.store !== r.schemaVersion.backup)
		console.log(`The store was migrated from version ${r.schemaVersion.backup} to ${r.schemaVersion.store}.`);
	console.log('Start n8n again (npm start).');
}

async function move(argv) {
	const args = parseArgs(argv, ['to']);
	if (!args.to || args.positional.length > 0)
		throw new Error('usage: npm run store:move -- --to postgres://user:password@host:port/database   (with n8n stopped)');
	const target = pgFromUrl(args.to);
	const { n8nFolder, env, credential, config } = context();
	const { storeConfigFromCredential, describeStore } = dist('config.js');
	const to = storeConfigFromCredential(target);
	await ensureDatabase(target);
	const { moveStore } = dist('restore.js');
	const r = await moveStore(config, to, backupDir(n8nFolder));
	console.log(`Moved ${r.source} into ${describeStore(to)}: ${r.tables} tables, ${r.rows} rows, counts and checksums checked.`);
	console.log(`The snapshot it moved is kept: ${r.file}`);
	if (!fs.existsSync(N8N_BIN)) {
		console.log('n8n is not installed here yet: point the After-Sales Store credential at this PostgreSQL store in the editor.');
		return;
	}
	// The credential now names PostgreSQL (its letterhead fields kept); npm start and npm run start:queue use it from now on.
	const data = { ...(credential ? credential.data : {}), ...target };
	const entry = credential ? { id: credential.id, name: credential.name, type: credential.type, data } : { ...CREDENTIALS.store, data };
	const dir = fs.mkdtempSync(path.join(n8nFolder, '.after-sales-credentials-'));
	try {
		const file = path.join(dir, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify([entry]), { mode: 0o600 });
		n8nCli(['import:credentials', `--input=${file}`], env);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	console.log(`The After-Sales Store credential now points at ${describeStore(to)}.`);
	console.log(`Next: npm start, or AFTER_SALES_PG_URL=<the same URL without ?schema> npm run start:queue (store schema ${to.schema}).`);
	console.log(`The SQLite file ${config.backend === 'sqlite' ? config.file : ''} is left as it was; keep it until you are sure.`);
}

const COMMANDS = { backup, restore, move };

if (require.main === module) {
	const [command, ...argv] = process.argv.slice(2);
	const fn = COMMANDS[command];
	if (!fn) {
		console.error(`usage: node scripts/store-data.js ${Object.keys(COMMANDS).join('|')} …`);
		process.exit(2);
	}
	fn(argv).then(
		() => process.exit(0),
		(error) => {
			console.error(`npm run ${command === 'move' ? 'store:move' : command} failed: ${error.message}`);
			process.exit(1);
		},
	);
}

module.exports = { parseArgs, pgFromUrl };

/**
 * A copy of the project as a newcomer's clone would have it (node_modules and the installed n8n
 * shared), with its own user folder and ports, run with the npm scripts a user types: `npm start`,
 * `npm run start:queue`, `npm run backup` … Used by the specs that run the project's own commands
 * (npm-start.e2e.ts, data-chain.e2e.ts); a code change made in the copy stays in the copy.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const runtime = require('../../scripts/n8n-runtime') as {
	ROOT: string;
	N8N_BIN: string;
	freePort(): Promise<number>;
	n8nEnv(o: { userFolder: string; port: number; extra?: Record<string, string> }): NodeJS.ProcessEnv;
	n8nCli(args: string[], env: NodeJS.ProcessEnv): string;
};

export const KEY_HEADER = 'X-After-Sales-Key';

export interface ProjectCopy {
	/** the temporary folder holding the copy and its user folder (removed by remove()) */
	work: string;
	project: string;
	userFolder: string;
	port: number;
	brokerPort: number;
	/** Runs `npm <script>` (start, start:queue) until it prints that n8n is running; the process and all it printed. */
	start(userEnv?: Record<string, string>, script?: string): Promise<{ child: ChildProcess; output: () => string }>;
	/** Stops what start() started (its whole process group), SIGKILL after 30 s. */
	stop(child: ChildProcess): Promise<void>;
	/** `npm run <args>` to its end, in a user's shell on this copy's user folder. */
	npmRun(args: string[], userEnv?: Record<string, string>): { status: number | null; stdout: string; stderr: string };
	/** POST JSON to a production webhook of the running copy, with the key. */
	post(path: string, key: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
	remove(): void;
}

/**
 * A user's shell: none of the npm run variables of this test run, no key or mail settings (only
 * what the test gives), the copy's user folder and ports.
 */
function userShell(copy: ProjectCopy, userEnv: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|AFTER_SALES_|N8N_|NODE_ENV$|JEST)/i.test(k)) env[k] = v;
	return Object.assign(env, userEnv, {
		N8N_USER_FOLDER: copy.userFolder,
		N8N_PORT: String(copy.port),
		N8N_RUNNERS_BROKER_PORT: String(copy.brokerPort),
		N8N_LOG_LEVEL: 'warn',
	});
}

export async function projectCopy(prefix: string): Promise<ProjectCopy> {
	const work = mkdtempSync(join(tmpdir(), prefix));
	const project = join(work, 'project');
	mkdirSync(project);
	for (const entry of [
		'nodes',
		'credentials',
		'scripts',
		'workflows',
		'package.json',
		'package-lock.json',
		'tsconfig.json',
		'gulpfile.js',
		'README.md',
	]) {
		cpSync(join(runtime.ROOT, entry), join(project, entry), { recursive: true });
	}
	symlinkSync(join(runtime.ROOT, 'node_modules'), join(project, 'node_modules'));
	mkdirSync(join(project, '.cache'));
	symlinkSync(join(runtime.ROOT, '.cache', 'n8n'), join(project, '.cache', 'n8n'));

	const copy: ProjectCopy = {
		work,
		project,
		userFolder: join(work, 'home'),
		port: await runtime.freePort(),
		brokerPort: await runtime.freePort(),
		async start(userEnv = {}, script = 'start') {
			const args = script === 'start' ? ['start'] : ['run', script];
			const child = spawn('npm', args, { cwd: project, env: userShell(copy, userEnv), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
			let text = '';
			child.stdout!.on('data', (d) => (text += d));
			child.stderr!.on('data', (d) => (text += d));
			let exited: number | null = null;
			child.on('exit', (code) => (exited = code ?? -1));
			while (!text.includes('Stop with Ctrl+C')) {
				if (exited !== null) throw new Error(`npm ${args.join(' ')} exited with code ${exited}:\n${text}`);
				await new Promise((r) => setTimeout(r, 500));
			}
			return { child, output: () => text };
		},
		async stop(child) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((r) => child.on('exit', r));
			process.kill(-child.pid!, 'SIGTERM');
			const timeout = setTimeout(() => {
				try {
					process.kill(-child.pid!, 'SIGKILL');
				} catch {}
			}, 30_000);
			await exited;
			clearTimeout(timeout);
		},
		npmRun(args, userEnv = {}) {
			const r = spawnSync('npm', ['run', '--silent', ...args], { cwd: project, env: userShell(copy, userEnv), encoding: 'utf8' });
			return { status: r.status, stdout: r.stdout, stderr: r.stderr };
		},
		async post(path, key, body) {
			const res = await fetch(`http://127.0.0.1:${copy.port}/webhook/after-sales/${path}`, {
				method: 'POST',
				headers: { [KEY_HEADER]: key, 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
			return { status: res.status, json: (await res.json()) as Record<string, unknown> };
		},
		remove() {
			rmSync(work, { recursive: true, force: true });
		},
	};
	return copy;
}

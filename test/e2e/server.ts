/** What a spec needs to talk to the e2e n8n: where it runs, the webhook key, a logged-in REST client. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Store } from '../../nodes/shared/store/store';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const runtime = require('../../scripts/n8n-runtime') as {
	N8N_BIN: string;
	freePort(): Promise<number>;
	n8nEnv(o: { userFolder: string; port: number; extra?: Record<string, string> }): NodeJS.ProcessEnv;
};

export interface E2eState {
	port: number;
	pid: number;
	userFolder: string;
	key: string;
	/** the staff screens' Basic Auth passwords, one per role (user = the role) */
	passwords: Record<'desk' | 'manager' | 'technician' | 'accountant', string>;
	baseUrl: string;
	logFile: string;
	mailFolder: string;
	/** the service company global-setup put in AFTER_SALES_COMPANY_*: the letterhead of every page */
	company: { name: string; address: string; phone: string };
	/** the workflows' Schedule Triggers fire only on 1 January 03:00 (scripts/n8n-runtime.js heldSchedules) */
	schedulesHeld?: boolean;
	/** the editor's session cookie, logged in once by global setup for every spec (editor-login.js) */
	restCookie?: string;
}

export interface SentMail {
	to: string[];
	from: string | null;
	subject: string;
	text: string;
	/** the HTML body, '' for a text email */
	html?: string;
	cc?: string[];
	attachments: Array<{ filename: string; contentType: string; content: string; base64: string }>;
}

/** Waits until a message matching `match` has reached the SMTP sink (n8n sends after answering). */
export async function waitForMail(match: (m: SentMail) => boolean, timeoutMs = 30_000): Promise<SentMail> {
	const { readdirSync } = await import('node:fs');
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		for (const f of readdirSync(state().mailFolder).sort()) {
			const m = JSON.parse(readFileSync(`${state().mailFolder}/${f}`, 'utf8')) as SentMail;
			if (match(m)) return m;
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('no matching email reached the SMTP sink in time');
}

/** The timezone the e2e server's workflows run in (scripts/n8n-runtime.js sets GENERIC_TIMEZONE; the workflows say Asia/Shanghai). */
export const SERVICE_TIMEZONE = 'Asia/Shanghai';

/**
 * Waits, if need be, so that the next `seconds` fall inside one service day in the workflows'
 * timezone. Daily capacity and daily numbers restart at midnight there, so a burst that
 * straddles midnight has two days of capacity; a spec that counts one day's dispatches calls
 * this first (a CI run at 15:59 UTC once did straddle it).
 */
export async function awaitOneServiceDay(seconds: number): Promise<void> {
	const now = DateTime.now().setZone(SERVICE_TIMEZONE);
	const untilMidnight = now.plus({ days: 1 }).startOf('day').diff(now).as('milliseconds');
	if (untilMidnight < seconds * 1000) await new Promise((r) => setTimeout(r, untilMidnight + 1000));
}

/** Today's date (YYYY-MM-DD) in the workflows' timezone. */
export const serviceDay = () => DateTime.now().setZone(SERVICE_TIMEZONE).toISODate() as string;

export function state(): E2eState {
	const file = process.env.AFTER_SALES_E2E_STATE;
	if (!file) throw new Error('AFTER_SALES_E2E_STATE is not set: run the specs with npm run test:e2e');
	return JSON.parse(readFileSync(file, 'utf8')) as E2eState;
}

export const KEY_HEADER = 'X-After-Sales-Key';

/**
 * POST to a production webhook under /webhook/after-sales/ of the n8n at `baseUrl` (the e2e
 * server's, or one a spec starts itself): the status, the body as text, and as JSON (undefined
 * when it is not JSON). `key` null sends no key header.
 */
export async function postTo(
	baseUrl: string,
	key: string | null,
	path: string,
	body: FormData | string | object,
	options: { headers?: Record<string, string>; timeoutMs?: number } = {},
) {
	const headers: Record<string, string> = { ...options.headers };
	if (key !== null) headers[KEY_HEADER] = key;
	let payload: FormData | string;
	if (body instanceof FormData || typeof body === 'string') payload = body;
	else {
		payload = JSON.stringify(body);
		headers['Content-Type'] = 'application/json';
	}
	const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
	const res = await fetch(`${baseUrl}webhook/after-sales/${path}`, { method: 'POST', body: payload, headers, signal });
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json: json as Record<string, unknown> };
}

/** POST to a production webhook of the e2e server, with its key unless `key` says otherwise. */
export async function postWebhook(
	path: string,
	body: FormData | string | object,
	options: { key?: string | null; headers?: Record<string, string> } = {},
) {
	const s = state();
	return await postTo(s.baseUrl, options.key === undefined ? s.key : options.key, path, body, { headers: options.headers });
}

/** The e2e server's After-Sales Store (SQLite in its user folder), opened by the spec beside n8n. */
export async function openStore(): Promise<Store> {
	return await Store.open({ backend: 'sqlite', file: join(state().userFolder, '.n8n', 'after-sales.sqlite') });
}

/**
 * A workflow of the e2e server run once from its *Run now (立即运行)* trigger (or the trigger
 * named, a schedule without a Run now as the editor runs it), as staff run a
 * scheduled workflow from the editor: n8n's own manual run (`POST /rest/workflows/:id/run`, the
 * editor's *Execute workflow*) on the running server, awaited until the execution ends. (Each
 * `n8n execute --id` booted a second n8n for every run, ten seconds and more apiece.) When the
 * run does not succeed, the error names its status and carries n8n's record of it.
 */
export async function runWorkflow(workflowId: string, triggerName?: string, timeoutMs = 170_000): Promise<void> {
	const wf = await rest<{ data: { nodes: Array<{ name: string; type: string }> } }>(`rest/workflows/${workflowId}`);
	if (wf.status !== 200) throw new Error(`workflow ${workflowId}: ${wf.status} ${JSON.stringify(wf.body).slice(0, 500)}`);
	const nodes = wf.body.data.nodes;
	const trigger = triggerName ? nodes.find((n) => n.name === triggerName) : nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) {
		const triggers = nodes.filter((n) => /trigger$/i.test(n.type)).map((n) => n.name);
		throw new Error(
			`workflow ${workflowId} has no ${triggerName ?? 'Run now (Manual Trigger)'} to start from; name one of its triggers: ${triggers.join(', ')}`,
		);
	}
	const run = await rest<{ data?: { executionId?: string } }>(`rest/workflows/${workflowId}/run`, {
		method: 'POST',
		body: JSON.stringify({ triggerToStartFrom: { name: trigger.name } }),
	});
	const executionId = run.body?.data?.executionId;
	if (run.status !== 200 || !executionId) throw new Error(`running ${workflowId}: ${run.status} ${JSON.stringify(run.body).slice(0, 1000)}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const e = await rest<{ data?: { status?: string; finished?: boolean; data?: string } }>(`rest/executions/${executionId}`);
		const status = e.body?.data?.status ?? '';
		if (['success', 'error', 'crashed', 'canceled'].includes(status)) {
			if (status === 'success') return;
			// n8n keeps the run as one flatted string: show the part around its error.
			const record = String(e.body?.data?.data ?? '');
			const at = Math.max(0, record.search(/"message"|"error"/));
			throw new Error(`workflow ${workflowId}, execution ${executionId}: ${status}\n${record.slice(Math.max(0, at - 500), at + 2500)}`);
		}
		if (Date.now() > deadline)
			throw new Error(`workflow ${workflowId}, execution ${executionId}: still ${status || 'starting'} after ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** GET a production webhook under /webhook/after-sales/ with the key. */
export async function getWebhook(path: string) {
	const s = state();
	const res = await fetch(`${s.baseUrl}webhook/after-sales/${path}`, { headers: { [KEY_HEADER]: s.key } });
	return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { editorLogin } = require('./editor-login') as { editorLogin(baseUrl: string): Promise<string> };
let cookie: Promise<string> | undefined;

/** The editor's session: the one global setup logged in with, or a new login when that one is refused. */
async function login(fresh = false): Promise<string> {
	const s = state();
	if (!fresh && s.restCookie) return s.restCookie;
	return await editorLogin(s.baseUrl);
}

export async function rest<T = unknown>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
	cookie ??= login();
	const send = async () =>
		await fetch(`${state().baseUrl}${path}`, {
			...init,
			headers: { 'Content-Type': 'application/json', cookie: await cookie, ...(init.headers as Record<string, string>) },
		});
	let res: Response;
	try {
		res = await send();
	} catch (error) {
		// A kept-alive socket n8n closed meanwhile (its keep-alive timeout, after a long step): "other side
		// closed". A read is sent once more on a new connection; anything else fails as it came.
		if ((init.method ?? 'GET').toUpperCase() !== 'GET') throw error;
		res = await send();
	}
	if (res.status === 401 && !(init.headers as Record<string, string> | undefined)?.cookie) {
		// The shared session refused (n8n restarted its secret, or it expired): log in anew, once.
		cookie = login(true);
		res = await send();
	}
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

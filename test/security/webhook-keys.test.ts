/**
 * Every webhook of the shipped workflows asks for the key (issue 12, item 5): n8n's header auth
 * with the After-Sales Webhook Key credential (header X-After-Sales-Key). The exceptions are
 * listed with the reason: the customer's survey page, whose signed token is its key (checked by
 * our node: test/rules/survey-token.test.ts), and — when it lands — the board with Basic Auth.
 *
 * Note (n8n 2.41.1, checked in .cache/n8n/node_modules/n8n-nodes-base/dist/nodes/Webhook/utils.js,
 * validateWebhookAuthentication): header auth compares the header with `!==`, and Basic Auth
 * compares user and password with `!==` — neither in constant time; only Basic Auth's
 * x-auth-token path uses crypto.timingSafeEqual. See the report of issue 12.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKFLOWS = join(__dirname, '../../workflows');

/** Webhooks without the header key, by path, with the reason and the authentication they use instead. */
const EXCEPTIONS: Record<string, { authentication: string; reason: string }> = {
	'surveys/:token': {
		authentication: 'none',
		reason: 'opened by customers from the emailed link; the HMAC-signed token is the key, checked by Send Survey before anything is read',
	},
	'report/:token': {
		authentication: 'none',
		reason:
			'scan to report (扫码报修): opened by customers from the QR label on a unit; the HMAC-signed label token is the key, checked by Take Scan Report / Open Report Page before anything is read (test/rules/scan-report.test.ts)',
	},
	'after-sales/board': { authentication: 'basicAuth', reason: 'opened in a browser; Basic Auth (user after-sales, password the webhook key)' },
	// Signed document links (issue 17 item 2): the document's own address keeps the key; its signed
	// address (one more segment, the link token) is checked by Document Link before anything is read.
	...Object.fromEntries(
		[
			'repairs/:ticketNumber/documents/:document/:link',
			'orders/:orderNumber/documents/:document/:link',
			'invoices/:invoiceNumber/document/:link',
			'contracts/:contractNo/documents/expiry-notice/:link',
			'complaints/:complaintNumber/documents/reply-letter/:link',
		].map((path) => [
			path,
			{
				authentication: 'none',
				reason: 'a signed, expiring link to a printable document: its token is its key, checked by Document Link (test/rules/document-link.test.ts)',
			},
		]),
	),
};

interface WebhookNode {
	file: string;
	name: string;
	path: string;
	authentication: string;
	credentials?: Record<string, { id: string; name: string }>;
}

function webhooks(): WebhookNode[] {
	return readdirSync(WORKFLOWS)
		.filter((f) => f.endsWith('.json'))
		.flatMap((file) => {
			const wf = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as {
				nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: WebhookNode['credentials'] }>;
			};
			return wf.nodes
				.filter((n) => n.type === 'n8n-nodes-base.webhook')
				.map((n) => ({
					file,
					name: n.name,
					path: String(n.parameters.path),
					authentication: String(n.parameters.authentication ?? 'none'),
					credentials: n.credentials,
				}));
		});
}

test('every webhook asks for X-After-Sales-Key through the After-Sales Webhook Key credential, but the listed exceptions', () => {
	const all = webhooks();
	expect(all.length).toBeGreaterThanOrEqual(40);
	const open = all
		.filter((w) => !EXCEPTIONS[w.path])
		.filter((w) => w.authentication !== 'headerAuth' || w.credentials?.httpHeaderAuth?.id !== 'afterSalesKey0001')
		.map((w) => `${w.file}: ${w.name} (${w.path}) has ${w.authentication}`);
	expect(open).toEqual([]);
});

test('each signed document address is checked by Document Link before anything else, and refused with 403', () => {
	for (const file of readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json'))) {
		const wf = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as {
			nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; onError?: string }>;
			connections: Record<string, { main: Array<Array<{ node: string }>> }>;
		};
		for (const hook of wf.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook' && String(n.parameters.path).endsWith('/:link'))) {
			const [first] = wf.connections[hook.name].main;
			expect(first).toHaveLength(1);
			const check = wf.nodes.find((n) => n.name === first[0].node)!;
			expect({ file, type: check.type, operation: check.parameters.operation, onError: check.onError }).toEqual({
				file,
				type: 'n8n-nodes-after-sales.documentLink',
				operation: 'check',
				onError: 'continueErrorOutput',
			});
			const refusal = wf.nodes.find((n) => n.name === wf.connections[check.name].main[1][0].node)!;
			expect(refusal.type).toBe('n8n-nodes-base.respondToWebhook');
			expect(JSON.stringify(refusal.parameters.options)).toContain(': 403');
			// The document path signed is the one the webhook's own path names, without the token.
			expect(String(check.parameters.path).replace(/\{\{ \$json\.params\.(\w+) \}\}/g, ':$1')).toBe(
				`=${String(hook.parameters.path).replace(/\/:link$/, '')}`,
			);
		}
	}
});

test('each exception uses exactly the authentication it is listed with', () => {
	for (const w of webhooks().filter((x) => EXCEPTIONS[x.path]))
		expect({ path: w.path, authentication: w.authentication }).toEqual({ path: w.path, authentication: EXCEPTIONS[w.path].authentication });
});

test('the key credential is the X-After-Sales-Key header (scripts/n8n-runtime.js)', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const runtime = require('../../scripts/n8n-runtime') as { CREDENTIALS: Record<string, { id: string; type: string }>; WEBHOOK_KEY_HEADER: string };
	expect(runtime.WEBHOOK_KEY_HEADER).toBe('X-After-Sales-Key');
	expect(Object.values(runtime.CREDENTIALS).some((c) => c.id === 'afterSalesKey0001' && c.type === 'httpHeaderAuth')).toBe(true);
});

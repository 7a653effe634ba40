/**
 * The package as the real n8n installed and serves it: nothing installed beside it in n8n's
 * shared nodes folder (its third-party code is bundled), and the editor gets each node's and
 * the credential's own light and dark icon and the codex search words.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rest, state } from './server';

type Themed = { light: string; dark: string };

test('installing the tarball put nothing but the package into the shared nodes folder', () => {
	const modules = join(state().userFolder, '.n8n', 'nodes', 'node_modules');
	expect(readdirSync(modules).filter((name) => !name.startsWith('.'))).toEqual(['n8n-nodes-after-sales']);
	expect(existsSync(join(modules, 'n8n-nodes-after-sales', 'node_modules'))).toBe(false);
});

describe('what the editor gets', () => {
	async function served(url: string) {
		const res = await fetch(`${state().baseUrl}${url}`);
		return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
	}

	test('each node: its light and dark icon, served as SVG, and the codex search words', async () => {
		const { status, body } = await rest<Array<{ name: string; iconUrl?: Themed; codex?: { alias?: string[] } }>>('types/nodes.json');
		expect(status).toBe(200);
		// n8n adds a "…Tool" variant of each node usable as an AI tool; the nodes themselves are these.
		const ours = body.filter((t) => t.name.startsWith('n8n-nodes-after-sales.') && !t.name.endsWith('Tool'));
		expect(ours.map((t) => t.name).sort()).toEqual([
			'n8n-nodes-after-sales.afterSalesRegister',
			'n8n-nodes-after-sales.computeTileStock',
			'n8n-nodes-after-sales.contractExpiryCheck',
			'n8n-nodes-after-sales.createRepairTicket',
			'n8n-nodes-after-sales.dispatchTechnician',
			'n8n-nodes-after-sales.documentLink',
			'n8n-nodes-after-sales.issueInvoice',
			'n8n-nodes-after-sales.sendSurvey',
		]);
		const words: Record<string, string> = {
			afterSalesRegister: '登记簿',
			createRepairTicket: '报修',
			dispatchTechnician: '派工',
			issueInvoice: '发票',
			computeTileStock: '备货',
			sendSurvey: '回访',
			contractExpiryCheck: '续约',
			documentLink: '单据链接',
		};
		const drawings = new Set<string>();
		for (const node of ours) {
			expect(node.codex?.alias).toContain(words[node.name.split('.')[1]]);
			for (const url of [node.iconUrl!.light, node.iconUrl!.dark]) {
				const icon = await served(url);
				expect({ url, status: icon.status, svg: icon.type.includes('svg') && icon.body.includes('<svg') }).toEqual({ url, status: 200, svg: true });
			}
			drawings.add((await served(node.iconUrl!.light)).body);
		}
		expect(drawings.size).toBe(ours.length);
	});

	test('the After-Sales Store credential: its own light and dark icon', async () => {
		const { status, body } = await rest<Array<{ name: string; iconUrl?: Themed }>>('types/credentials.json');
		expect(status).toBe(200);
		const store = body.find((c) => c.name === 'afterSalesStore');
		expect(store?.iconUrl?.light).toMatch(/afterSalesStore\.svg$/);
		expect(store?.iconUrl?.dark).toMatch(/afterSalesStore\.dark\.svg$/);
		for (const url of [store!.iconUrl!.light, store!.iconUrl!.dark]) expect((await served(url)).status).toBe(200);
	});
});

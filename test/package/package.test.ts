/**
 * What we publish, checked the way n8n sees it: the `npm pack` tarball unpacked into a
 * temporary folder (built by `npm test`'s pretest; nothing is built here),
 * - scanned by n8n's own community-package scanner (@n8n/scan-community-package), where every
 *   finding must be one this package accepts by name (README, "Self-hosted n8n only: why");
 * - loaded by n8n-core's PackageDirectoryLoader with nothing to resolve but Node.js built-ins and
 *   what n8n provides, as in n8n's shared `nodes` folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const IMPORTS = '@n8n/community-nodes/no-restricted-imports';
const GLOBALS = '@n8n/community-nodes/no-restricted-globals';

/** What n8n gives a community package to require (its NODE_PATH): the peer dependency and luxon. */
const PROVIDED_BY_N8N = ['n8n-workflow', 'luxon'];

interface Violation {
	file: string;
	line: number;
	column: number;
	severity: 'error' | 'warning';
	message: string;
	rule: string;
}

interface Accepted {
	file: string;
	rule: string;
	/** The modules or globals the rule names in its message; `console` for no-console. */
	names: string[];
	why: string;
}

/** The scanner's findings this package accepts, each by file, rule and name. README lists them. */
const ACCEPTED: Accepted[] = [
	{ file: 'dist/nodes/shared/store/sqlite-dialect.js', rule: IMPORTS, names: ['node:sqlite'], why: 'the SQLite store is Node’s built-in SQLite' },
	{ file: 'dist/nodes/shared/store/store.js', rule: IMPORTS, names: ['node:fs', 'node:path'], why: 'creates the folder of the SQLite file' },
	{ file: 'dist/nodes/shared/store/config.js', rule: IMPORTS, names: ['node:os', 'node:path'], why: 'default SQLite file in the n8n user folder' },
	{
		file: 'dist/nodes/shared/store/backup-file.js',
		rule: IMPORTS,
		names: ['node:fs', 'node:path', 'node:zlib'],
		why: 'the store’s backups: gzip’d files in the backup folder (Back Up the Store)',
	},
	{
		file: 'dist/nodes/shared/store/config.js',
		rule: GLOBALS,
		names: ['process'],
		why: 'N8N_USER_FOLDER, and a relative SQLite path read from the working folder',
	},
	{
		file: 'dist/vendor/pg.js',
		rule: IMPORTS,
		names: ['net', 'tls', 'dns', 'fs', 'path', 'events', 'stream', 'string_decoder', 'util', 'util/types'],
		why: 'the PostgreSQL driver: sockets, TLS, host lookup, ~/.pgpass, Node streams and events',
	},
	{
		file: 'dist/vendor/pg.js',
		rule: GLOBALS,
		names: ['process', 'global', 'globalThis', 'setTimeout', 'clearTimeout', 'setImmediate'],
		why: 'the PostgreSQL driver: PG* environment defaults, connection and idle timeouts',
	},
	{ file: 'dist/vendor/pg.js', rule: 'no-console', names: ['console'], why: 'pg warns on stderr about over-long prepared statement names' },
	{ file: 'dist/vendor/kysely.js', rule: 'no-console', names: ['console'], why: 'Kysely’s optional query log and deprecation notices' },
];

/** The module, global or field a violation is about, as `ACCEPTED` names it. */
function nameOf(v: Violation): string {
	if (v.rule === 'no-console') return 'console';
	return /'([^']+)'/.exec(v.message)?.[1] ?? v.message;
}

const isAccepted = (v: Violation) => ACCEPTED.some((a) => a.file === v.file && a.rule === v.rule && a.names.includes(nameOf(v)));

function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
	const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: options.cwd ?? ROOT, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
	return r.stdout;
}

/** WCAG contrast of two #rgb / #rrggbb colours. */
function contrast(a: string, b: string): number {
	const luminance = (hex: string) => {
		const h = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
		const [r, g, bl] = [1, 3, 5]
			.map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
			.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** The anchors GitHub gives the headings of a Markdown file (fenced code skipped). */
function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (line.startsWith('```')) fenced = !fenced;
		const m = !fenced && /^#{1,6} (.+)$/.exec(line);
		if (m)
			anchors.add(
				m[1]
					.trim()
					.toLowerCase()
					.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
					.replace(/ /g, '-'),
			);
	}
	return anchors;
}

let work: string;
let packageDir: string;

beforeAll(() => {
	work = realpathSync(mkdtempSync(join(tmpdir(), 'after-sales-package-')));
	const [{ filename }] = JSON.parse(run('npm', ['pack', '--pack-destination', work, '--json', '--loglevel=error']));
	run('tar', ['-xzf', join(work, filename), '-C', work]);
	packageDir = join(work, 'package');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("n8n's package scanner on the npm pack tarball", () => {
	let violations: Violation[];

	beforeAll(() => {
		const report = JSON.parse(run(process.execPath, [join(ROOT, 'scripts', 'scan-package.mjs'), '--json', packageDir]));
		violations = report.violations;
	});

	test('finds nothing but what this package accepts by name', () => {
		const unexpected = violations.filter((v) => !isAccepted(v)).map((v) => `${v.file}:${v.line}:${v.column} ${v.rule} ${v.message}`);
		expect(unexpected).toEqual([]);
	});

	test('every accepted name is still found (an entry no longer needed is removed, here and in README)', () => {
		const unused = ACCEPTED.flatMap((a) =>
			a.names
				.filter((name) => !violations.some((v) => v.file === a.file && v.rule === a.rule && nameOf(v) === name))
				.map((name) => `${a.file} ${a.rule} ${name}`),
		);
		expect(unused).toEqual([]);
	});

	test('the README names every accepted module and global', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const start = readme.indexOf('## Self-hosted n8n only: why');
		expect(start).toBeGreaterThanOrEqual(0);
		const end = readme.indexOf('\n## ', start + 1);
		const section = readme.slice(start, end < 0 ? undefined : end);
		const named = ACCEPTED.filter((a) => a.rule === IMPORTS || a.rule === GLOBALS).flatMap((a) => a.names);
		expect(named.filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
	});
});

describe('the packed package as n8n loads it', () => {
	let loaded: {
		packageName: string;
		reached: Array<{ from: string; request: string; resolved: string }>;
		nodes: Array<{ name: string; version: number | number[]; icon?: unknown; iconUrl?: unknown; codex?: Record<string, unknown> }>;
		credentials: Array<{ name: string; icon?: unknown; iconUrl?: unknown }>;
	};
	const manifest = () => JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

	beforeAll(() => {
		// n8n's NODE_PATH, reduced to what it lends a community package.
		const provided = join(work, 'provided-by-n8n');
		mkdirSync(provided);
		for (const name of PROVIDED_BY_N8N) symlinkSync(dirname(require.resolve(`${name}/package.json`)), join(provided, name));
		const env = { ...process.env, NODE_PATH: provided };
		const n8nCore = dirname(require.resolve('n8n-core/package.json'));
		loaded = JSON.parse(run(process.execPath, [join(__dirname, 'load-packed.js'), packageDir, n8nCore], { cwd: work, env }));
	});

	test('declares no runtime dependencies, only n8n-workflow as peer, and no main', () => {
		const pkg = manifest();
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.main).toBeUndefined();
	});

	test('every node and credential package.json names is loaded', () => {
		const pkg = manifest();
		expect(loaded.packageName).toBe('n8n-nodes-after-sales');
		expect(new Set(loaded.nodes.map((n) => n.name)).size).toBe(pkg.n8n.nodes.length);
		expect(loaded.credentials).toHaveLength(pkg.n8n.credentials.length);
	});

	test('its files require only their own files, Node.js built-ins and what n8n provides', () => {
		const outside = loaded.reached.filter(
			(r) => !isBuiltin(r.resolved) && !r.resolved.startsWith(packageDir + sep) && !PROVIDED_BY_N8N.includes(r.request),
		);
		expect(outside).toEqual([]);
		// The bundles are there and reached once each, from the compiled code.
		const vendored = new Set(
			loaded.reached.filter((r) => r.resolved.includes(`${sep}dist${sep}vendor${sep}`)).map((r) => relative(packageDir, r.resolved)),
		);
		expect([...vendored].sort()).toEqual([
			'dist/vendor/chinese-days.js',
			'dist/vendor/kysely.js',
			'dist/vendor/libphonenumber-js/max.js',
			'dist/vendor/nzh/cn.js',
			'dist/vendor/pg.js',
			'dist/vendor/qrcode/lib/core/qrcode.js',
		]);
	});

	/** The icon files n8n serves for a description, by theme: iconUrl is icons/<package>/<path in the package>. */
	function iconFiles(entry: { name: string; icon?: unknown; iconUrl?: unknown }): { light: string; dark: string } {
		expect({ name: entry.name, icon: entry.icon }).toEqual({ name: entry.name, icon: undefined }); // every icon is a file n8n turned into a URL
		const url = entry.iconUrl as { light: string; dark: string };
		expect({ name: entry.name, themes: Object.keys(url ?? {}).sort() }).toEqual({ name: entry.name, themes: ['dark', 'light'] });
		const prefix = `icons/${loaded.packageName}/`;
		const file = (u: string) => {
			expect(u.startsWith(prefix)).toBe(true);
			return join(packageDir, u.slice(prefix.length));
		};
		return { light: file(url.light), dark: file(url.dark) };
	}
	const icons = () => [...loaded.nodes, ...loaded.credentials].map((entry) => ({ name: entry.name, ...iconFiles(entry) }));

	test('every node and credential has a light and a dark icon, both in the package', () => {
		const missing = icons()
			.flatMap(({ light, dark }) => [light, dark])
			.filter((file) => !existsSync(file));
		expect(missing).toEqual([]);
		for (const { light, dark } of icons()) expect(light).not.toBe(dark);
	});

	test('each node and the credential has a glyph of its own, not one drawing in other colours', () => {
		const shape = (file: string) => readFileSync(file, 'utf8').replace(/#[0-9a-f]{3,6}\b/gi, 'COLOUR');
		const byName = new Map(icons().map(({ name, light }) => [name, shape(light)]));
		expect(new Set(byName.values()).size).toBe(byName.size);
	});

	test("light icons stand out on a white node, dark icons on the dark theme's (#2b2b2b)", () => {
		const best = (file: string, background: string) => {
			const colours = [...readFileSync(file, 'utf8').matchAll(/(?:fill|stroke)="(#[0-9a-f]{3}(?:[0-9a-f]{3})?)"/gi)].map((m) => m[1]);
			expect(colours.length).toBeGreaterThan(0);
			return Math.max(...colours.map((c) => contrast(c, background)));
		};
		for (const { name, light, dark } of icons()) {
			expect({ name, light: best(light, '#ffffff') >= 3, dark: best(dark, '#2b2b2b') >= 3 }).toEqual({ name, light: true, dark: true });
		}
	});

	test('codex: categories, the words staff search for, no subcategories, documentation in the README', () => {
		const repository = String(manifest().repository.url)
			.replace(/^git\+/, '')
			.replace(/\.git$/, '');
		const anchors = headingAnchors(readFileSync(join(ROOT, 'README.md'), 'utf8'));
		const searchWords: Record<string, string[]> = {
			afterSalesRegister: ['登记簿', '客户', '技术员', '合同', '瓷砖', '库存', 'register', 'customer', 'technician', 'stock'],
			createRepairTicket: ['报修', '工单', 'repair', 'ticket'],
			dispatchTechnician: ['派工', '技术员', '工单', 'dispatch', 'technician'],
			issueInvoice: ['发票', '开票', '收费', 'invoice', 'payment'],
			computeTileStock: ['瓷砖', '备货', '损耗', '库存', 'tile', 'stock', 'wastage'],
			sendSurvey: ['回访', '满意度', '投诉', '绩效', 'survey', 'complaint', 'KPI'],
			contractExpiryCheck: ['合同', '到期', '续约', '保养到期通知书', 'contract', 'expiry', 'renewal'],
			documentLink: ['签名链接', '单据链接', 'document', 'link', 'signed link'],
		};
		const names = [...new Set(loaded.nodes.map((n) => n.name))].sort();
		expect(names).toEqual(Object.keys(searchWords).sort());
		for (const node of loaded.nodes) {
			const codex = node.codex as {
				categories?: string[];
				subcategories?: unknown;
				alias?: string[];
				resources: Record<string, Array<{ url: string }> | undefined>;
			};
			expect(codex).toBeDefined();
			expect(codex.categories?.length).toBeGreaterThan(0);
			expect(codex.subcategories).toBeUndefined();
			expect(searchWords[node.name].filter((word) => !codex.alias?.includes(word))).toEqual([]);
			for (const kind of ['primaryDocumentation', 'credentialDocumentation']) {
				for (const { url } of codex.resources[kind] ?? []) {
					const [base, anchor] = url.split('#');
					expect({ url, base, knownAnchor: anchors.has(anchor) }).toEqual({ url, base: repository, knownAnchor: true });
				}
			}
			expect(codex.resources.primaryDocumentation).toHaveLength(1);
		}
	});
});

/**
 * The package's layout, as DESIGN.md and the README state it: rules are pure (no n8n, no store,
 * no clock), use cases live in nodes/shared/services (no n8n), documents are pure rendering, and
 * no node folder imports from another node folder — so a reader finds a rule in one place and a
 * node's behaviour in its own folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const NODES = resolve(__dirname, '../../nodes');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** Each import of a file: the module named and whether only types are taken from it. */
function importsOf(file: string): Array<{ module: string; typeOnly: boolean }> {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)].map((m) => ({ module: m[2], typeOnly: Boolean(m[1]) }));
}

/** Where a relative import lands, as a path inside nodes/ ("shared/rules/money"). */
function target(file: string, module: string): string {
	return relative(NODES, resolve(dirname(file), module))
		.split(sep)
		.join('/');
}

const all = sourceFiles(NODES).map((file) => ({ file, at: relative(NODES, file).split(sep).join('/') }));

test('the layout has files to check', () => {
	expect(all.filter((f) => f.at.startsWith('shared/rules/')).length).toBeGreaterThan(5);
	expect(all.filter((f) => f.at.startsWith('shared/services/')).length).toBeGreaterThanOrEqual(2);
});

test('no node folder imports from another node folder', () => {
	const wrong: string[] = [];
	for (const { file, at } of all) {
		const folder = at.split('/')[0];
		if (folder === 'shared') continue;
		for (const { module } of importsOf(file)) {
			if (!module.startsWith('.')) continue;
			const to = target(file, module).split('/')[0];
			if (to !== folder && to !== 'shared') wrong.push(`${at} imports ${module}`);
		}
	}
	expect(wrong).toEqual([]);
});

test('the shared code never imports from a node folder', () => {
	const wrong = all
		.filter((f) => f.at.startsWith('shared/'))
		.flatMap(({ file, at }) =>
			importsOf(file)
				.filter((i) => i.module.startsWith('.') && !target(file, i.module).startsWith('shared/'))
				.map((i) => `${at} imports ${i.module}`),
		);
	expect(wrong).toEqual([]);
});

test('rules are pure: no n8n, no store, no SQL, no clock', () => {
	const wrong: string[] = [];
	for (const { file, at } of all.filter((f) => f.at.startsWith('shared/rules/'))) {
		for (const { module } of importsOf(file)) {
			if (
				module.startsWith('n8n-') ||
				module === 'kysely' ||
				module === 'pg' ||
				module.startsWith('node:') ||
				(module.startsWith('.') && !target(file, module).startsWith('shared/rules/'))
			) {
				wrong.push(`${at} imports ${module}`);
			}
		}
		const text = readFileSync(file, 'utf8');
		if (/Date\.now\(\)|new Date\(\)|DateTime\.now\(\)|DateTime\.local\(\)/.test(text)) wrong.push(`${at} reads the clock`);
	}
	expect(wrong).toEqual([]);
});

test('use cases (services) and documents do not depend on n8n', () => {
	const wrong = all
		.filter((f) => f.at.startsWith('shared/services/') || f.at.startsWith('shared/documents/'))
		.flatMap(({ file, at }) =>
			importsOf(file)
				.filter((i) => i.module.startsWith('n8n-'))
				.map((i) => `${at} imports ${i.module}`),
		);
	expect(wrong).toEqual([]);
});

test('documents only render: store types at most, no queries', () => {
	const wrong = all
		.filter((f) => f.at.startsWith('shared/documents/'))
		.flatMap(({ file, at }) =>
			importsOf(file)
				.filter((i) => (i.module === 'kysely' || (i.module.startsWith('.') && target(file, i.module).startsWith('shared/store/'))) && !i.typeOnly)
				.map((i) => `${at} imports ${i.module}`),
		);
	expect(wrong).toEqual([]);
});

test('services are the use cases: they reach the store only through registers and build no query themselves', () => {
	const wrong: string[] = [];
	for (const { file, at } of all.filter((f) => f.at.startsWith('shared/services/'))) {
		for (const i of importsOf(file)) if ((i.module === 'kysely' || i.module === 'pg') && !i.typeOnly) wrong.push(`${at} imports ${i.module}`);
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(
			/\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\s*\(|\bsql\s*`|\bsql\.(raw|ref|id|join|lit|table)\b/g,
		))
			wrong.push(`${at}:${text.slice(0, m.index).split('\n').length} builds a query (${m[0]})`);
	}
	expect(wrong).toEqual([]);
});

/** The file a relative import names: `x.ts` or `x/index.ts`. */
function resolveImport(file: string, module: string): string | undefined {
	const base = resolve(dirname(file), module);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not this one
		}
	}
	return undefined;
}

test('no import cycle under nodes/ (type-only imports count: they tie the files together too)', () => {
	const edges = new Map(
		all.map(({ file }) => [
			file,
			importsOf(file)
				.filter((i) => i.module.startsWith('.'))
				.map((i) => resolveImport(file, i.module))
				.filter((to): to is string => to !== undefined),
		]),
	);
	const cycles: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (file: string): void => {
		state.set(file, 'open');
		path.push(file);
		for (const to of edges.get(file) ?? []) {
			if (state.get(to) === 'open') {
				cycles.push(
					path
						.slice(path.indexOf(to))
						.concat(to)
						.map((f) => relative(NODES, f).split(sep).join('/'))
						.join(' → '),
				);
			} else if (!state.has(to)) visit(to);
		}
		path.pop();
		state.set(file, 'done');
	};
	for (const { file } of all) if (!state.has(file)) visit(file);
	expect(cycles).toEqual([]);
});

test('migrations are frozen in time: they import no rule, register or schema type, only kysely, node: and their own helpers', () => {
	const wrong = all
		.filter((f) => f.at.startsWith('shared/store/migrations/') && !f.at.endsWith('/index.ts'))
		.flatMap(({ file, at }) =>
			importsOf(file)
				.filter(
					(i) =>
						!(
							i.module === 'kysely' ||
							i.module.startsWith('node:') ||
							(i.module.startsWith('.') && target(file, i.module).startsWith('shared/store/migrations/')) ||
							target(file, i.module) === 'shared/store/config'
						),
				)
				.map((i) => `${at} imports ${i.module}`),
		);
	expect(wrong).toEqual([]);
});

test('no file under nodes/ is over 400 lines (schema.ts aside): large files are split along their seams', () => {
	const long = all
		.filter((f) => f.at !== 'shared/store/schema.ts')
		.map(({ file, at }) => ({ at, lines: readFileSync(file, 'utf8').split('\n').length }))
		.filter((f) => f.lines > 400)
		.map((f) => `${f.at}: ${f.lines} lines`);
	expect(long).toEqual([]);
});

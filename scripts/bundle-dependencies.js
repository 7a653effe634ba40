/**
 * After `tsc`: bundles the package's third-party runtime code into dist/vendor, ONE file per
 * module, and points the compiled code at those files. The package then installs with nothing
 * to resolve in n8n's shared `nodes` folder (`dependencies` stays empty).
 *
 * Only third-party code is bundled. Our own modules stay ordinary modules shared by every node:
 * the store keeps one process-wide cache of open stores (nodes/shared/store) and errors are told
 * apart with `instanceof`, both of which a bundle per node would split.
 *
 * Every bare `require("x")` left in dist must be a Node.js built-in, a module the n8n instance
 * provides (PROVIDED_BY_N8N) or one bundled here (VENDORED); anything else fails the build.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { isBuiltin } = require('node:module');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const VENDOR = path.join(DIST, 'vendor');

/**
 * Bundled into dist/vendor/<name>.js: the store's query builder, its PostgreSQL driver, phone
 * numbers, amounts in Chinese capitals, QR codes (scan-to-report labels), China's working days
 * (public holidays and 调休, rules/working-days.ts).
 */
const VENDORED = ['kysely', 'pg', 'libphonenumber-js/max', 'nzh/cn', 'qrcode/lib/core/qrcode', 'chinese-days'];

/**
 * Resolved from the n8n that loads the package: n8n puts its own node_modules on NODE_PATH
 * before it loads community packages. n8n-workflow is the peer dependency; luxon is what n8n
 * itself uses for dates (n8n's community-node lint lets nodes import it for that reason).
 */
const PROVIDED_BY_N8N = ['n8n-workflow', 'luxon'];

/**
 * Optional requires inside the bundled code that a Node.js install never takes. pg loads
 * `pg-native` only when asked for its native binding (`pg.native`, NODE_PG_FORCE_NATIVE) and
 * catches the failure; the stub fails the same way, with a message saying why.
 * (`pg-cloudflare`, the other one, resolves on Node.js to its own empty module and is bundled.)
 */
const STUBS = {
	'pg-native': "throw new Error('pg-native is not bundled with n8n-nodes-after-sales: the store uses pg in pure JavaScript');",
};

/**
 * Modules bundled from their ES module build rather than their `main`: chinese-days' `main` is a
 * UMD file whose browser branch names the global `globalThis` (n8n's scanner restricts it); its
 * ES module has no wrapper and shakes down to the names we use.
 */
const ENTRY = { 'chinese-days': 'chinese-days/dist/index.es.js' };

const REQUIRE = /\brequire\((["'])([^"'\n]+)\1\)/g;

function jsFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return full === VENDOR ? [] : jsFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

const isRelative = (spec) => spec.startsWith('./') || spec.startsWith('../');
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The names the compiled code takes from `spec`, so that esbuild bundles only those (kysely's and
 * libphonenumber-js's ES modules shake down to about 60 % of the whole). tsc compiles
 * `import { a } from 'x'` to `const x_1 = require("x")` and `x_1.a`; any other use of the module
 * (a namespace passed around, a computed member) returns null: bundle the whole module.
 */
function usedNames(texts, spec) {
	const names = new Set();
	const call = `require\\(["']${escapeRegExp(spec)}["']\\)`;
	for (const text of texts) {
		const calls = text.match(new RegExp(call, 'g'))?.length ?? 0;
		const bindings = [...text.matchAll(new RegExp(`^(?:const|var|let) (\\w+) = ${call};$`, 'gm'))].map((m) => m[1]);
		if (bindings.length !== calls) return null;
		for (const binding of bindings) {
			const uses = [...text.matchAll(new RegExp(`\\b${binding}\\b(\\.[A-Za-z_$][\\w$]*)?`, 'g'))];
			// The declaration itself is the one use without a member.
			if (uses.filter((m) => !m[1]).length !== 1) return null;
			for (const m of uses) if (m[1]) names.add(m[1].slice(1));
		}
	}
	return names.size ? names : null;
}

const vendorFile = (spec) => path.join(VENDOR, `${spec}.js`);

/** The package directory (with package.json) an esbuild input path belongs to. */
function packageDirOf(input) {
	const parts = input.split('/');
	const at = parts.lastIndexOf('node_modules');
	if (at < 0) return null;
	const nameParts = parts[at + 1].startsWith('@') ? 2 : 1;
	return path.join(ROOT, ...parts.slice(0, at + 1 + nameParts));
}

function licenseText(dir) {
	const file = fs.readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
	return file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() : null;
}

const stubPlugin = {
	name: 'stubs',
	setup(build) {
		const filter = new RegExp(`^(${Object.keys(STUBS).join('|')})$`);
		build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'stub' }));
		build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
	},
};

async function main() {
	if (!fs.existsSync(DIST)) throw new Error('dist/ does not exist: run tsc first');
	const files = jsFiles(DIST);
	const texts = new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
	const used = new Set();
	const problems = [];
	for (const [file, text] of texts) {
		for (const [, , spec] of text.matchAll(REQUIRE)) {
			if (isRelative(spec) || isBuiltin(spec) || PROVIDED_BY_N8N.includes(spec)) continue;
			if (VENDORED.includes(spec)) used.add(spec);
			else problems.push(`${path.relative(ROOT, file)} requires "${spec}", which is neither bundled (VENDORED) nor provided by n8n`);
		}
	}
	if (problems.length)
		throw new Error(
			`Runtime imports this build cannot ship:\n  ${problems.join('\n  ')}\nAdd the module to VENDORED in ${path.relative(ROOT, __filename)} (and to devDependencies).`,
		);

	fs.rmSync(VENDOR, { recursive: true, force: true });
	const licensed = new Map();
	const exported = {};
	for (const spec of [...used].sort()) {
		const names = usedNames(
			[...texts.values()].filter((text) => text.includes(spec)),
			spec,
		);
		exported[spec] = names ? [...names].sort() : 'all';
		const contents = names
			? `export { ${exported[spec].join(', ')} } from ${JSON.stringify(ENTRY[spec] ?? spec)};`
			: `module.exports = require(${JSON.stringify(ENTRY[spec] ?? spec)});`;
		const result = await esbuild.build({
			stdin: { contents, resolveDir: ROOT, sourcefile: `vendor-${spec}.js` },
			bundle: true,
			platform: 'node',
			target: 'node24',
			format: 'cjs',
			outfile: vendorFile(spec),
			plugins: [stubPlugin],
			metafile: true,
			logLevel: 'warning',
			banner: { js: `/* ${spec}, bundled for n8n-nodes-after-sales by scripts/bundle-dependencies.js; licenses in LICENSES.txt */` },
		});
		for (const input of Object.keys(result.metafile.inputs)) {
			const dir = packageDirOf(input);
			if (dir && !licensed.has(dir)) licensed.set(dir, JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')));
		}
	}

	// The compiled code now requires the bundles by relative path.
	for (const [file, text] of texts) {
		const rewritten = text.replace(REQUIRE, (call, quote, spec) => {
			if (!used.has(spec)) return call;
			let target = path.relative(path.dirname(file), vendorFile(spec)).split(path.sep).join('/');
			if (!target.startsWith('.')) target = `./${target}`;
			return `require(${quote}${target}${quote})`;
		});
		if (rewritten !== text) fs.writeFileSync(file, rewritten);
	}

	const notices = [...licensed.entries()]
		.sort(([, a], [, b]) => a.name.localeCompare(b.name))
		.map(([dir, pkg]) => `${pkg.name}@${pkg.version} (${pkg.license ?? 'see below'})\n\n${licenseText(dir) ?? `License: ${pkg.license}`}\n`);
	fs.writeFileSync(
		path.join(VENDOR, 'LICENSES.txt'),
		`Third-party code bundled into dist/vendor (${[...used].sort().join(', ')}) and its licenses.\n\n${notices.join('\n---\n\n')}`,
	);
	const sizes = [...used].sort().map((spec) => {
		const what = exported[spec] === 'all' ? 'whole module' : exported[spec].join(', ');
		return `${spec} ${(fs.statSync(vendorFile(spec)).size / 1024).toFixed(0)} KB (${what})`;
	});
	console.log(`Bundled into dist/vendor (${licensed.size} packages):\n  ${sizes.join('\n  ')}`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});

/**
 * n8n's own community-package scanner on what we publish: `npm pack` into a temporary folder,
 * unpack it, and run `analyzePackage` from @n8n/scan-community-package on it with the file
 * patterns of the scanner's tarball check (compiled `.js` and `package.json`).
 *
 *   node scripts/scan-package.mjs               the scanner's own report
 *   node scripts/scan-package.mjs --json        one JSON object: { passed, violations: [...] }
 *   node scripts/scan-package.mjs --json DIR    the same for a package already unpacked in DIR
 *
 * Builds nothing: it packs what is in dist (`npm run build` first). test/package/package.test.ts
 * compares the violations with the ones this package accepts (README, "Self-hosted n8n only").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNER = join(ROOT, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
/** The scanner's tarball check lints exactly these (analyzePackageByName in scanner.mjs). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function run(cmd, args, cwd) {
	const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
	return r.stdout;
}

/**
 * analyzePackage reports its findings as ESLint's "stylish" text. Read it back into records, and
 * check the count against stylish's own summary line so that a change of format fails loudly
 * instead of reading as "no violations".
 */
export function parseStylish(text, packageDir) {
	const violations = [];
	let file = null;
	for (const line of text.split('\n')) {
		if (line.startsWith(packageDir)) {
			file = relative(packageDir, line.trim());
			continue;
		}
		const m = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.*?)\s+(\S+)\s*$/.exec(line);
		if (m && file) violations.push({ file, line: +m[1], column: +m[2], severity: m[3], message: m[4], rule: m[5] });
	}
	const summary = /✖ (\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(text);
	const expected = summary ? Number(summary[1]) : 0;
	if (violations.length !== expected) {
		throw new Error(`Read ${violations.length} violations from the scanner's report, which counts ${expected}:\n${text}`);
	}
	return violations;
}

/** Packs the package into a new temporary folder and unpacks it there, as `<folder>/package`. */
export function packAndUnpack() {
	const work = realpathSync(mkdtempSync(join(tmpdir(), 'after-sales-scan-')));
	const [{ filename }] = JSON.parse(run('npm', ['pack', '--pack-destination', work, '--json', '--loglevel=error'], ROOT));
	run('tar', ['-xzf', join(work, filename), '-C', work], ROOT);
	return { work, tarball: join(work, filename), packageDir: join(work, 'package') };
}

/** The scanner's tarball check on an unpacked package. */
export async function scanPackage(packageDir) {
	// The scanner makes a temporary folder when loaded: let its tmp library remove it at exit.
	createRequire(SCANNER)('tmp').setGracefulCleanup();
	const { analyzePackage } = await import(SCANNER);
	const result = await analyzePackage(packageDir, TARBALL_PATTERNS);
	if (result.error) throw result.error;
	const violations = result.passed && !result.details ? [] : parseStylish(result.details ?? '', packageDir);
	return { passed: result.passed, message: result.message, details: result.details, violations };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const given = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
	const packed = given ? null : packAndUnpack();
	try {
		const report = await scanPackage(given ? realpathSync(resolve(given)) : packed.packageDir);
		if (process.argv.includes('--json')) {
			const { details: _details, ...rest } = report;
			process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
		} else {
			console.log(report.passed ? 'passed' : report.message);
			if (report.details) console.log(report.details);
		}
	} finally {
		if (packed) rmSync(packed.work, { recursive: true, force: true });
	}
}

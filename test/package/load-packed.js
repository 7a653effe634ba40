/**
 * Run by package.test.ts in a child process (Node 24), with NODE_PATH naming a folder that holds
 * only what n8n provides to a community package (n8n-workflow, luxon), as n8n's NODE_PATH does:
 * loads an unpacked package with n8n-core's PackageDirectoryLoader, the way n8n loads a community
 * package, and prints as JSON what every require() from the package's own files resolved to and
 * the node and credential descriptions n8n made of it (icon URLs, codex).
 *
 *   node test/package/load-packed.js <unpacked package dir> <n8n-core dir>
 */
'use strict';
const Module = require('node:module');
const path = require('node:path');

const [packageDir, n8nCore] = process.argv.slice(2);

const reached = [];
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	const resolved = resolveFilename.call(this, request, parent, ...rest);
	if (parent && parent.filename && parent.filename.startsWith(packageDir + path.sep)) {
		reached.push({ from: path.relative(packageDir, parent.filename), request, resolved });
	}
	return resolved;
};

/** A node's descriptions: one, or one per version of a versioned node. */
function descriptionsOf(type) {
	return type.nodeVersions ? Object.values(type.nodeVersions).map((v) => v.description) : [type.description];
}

(async () => {
	const { PackageDirectoryLoader } = require(n8nCore);
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const nodes = Object.entries(loader.nodeTypes).flatMap(([name, { type }]) =>
		descriptionsOf(type).map((d) => ({ name, version: d.version, icon: d.icon, iconUrl: d.iconUrl, codex: d.codex })),
	);
	const credentials = Object.entries(loader.credentialTypes).map(([name, { type }]) => ({ name, icon: type.icon, iconUrl: type.iconUrl }));
	process.stdout.write(JSON.stringify({ packageName: loader.packageName, reached, nodes, credentials }));
})().catch((error) => {
	process.stderr.write(String(error && error.stack ? error.stack : error));
	process.exit(1);
});

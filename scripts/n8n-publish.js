/**
 * Publishes (or unpublishes) many workflows in ONE n8n process: n8n's own `publish:workflow`
 * command boots n8n's database layer once per call (about 10 s here), and a package with two
 * dozen workflows paid that for each. This runs the same repository calls the two commands run
 * (`WorkflowRepository.publishVersion(id)`, `.updateActiveState(id, false)`) for every id after
 * one boot, on whatever database the environment names (SQLite, PostgreSQL). n8n must be stopped,
 * as for the CLI commands.
 *
 *   AFTER_SALES_N8N_DIR=<…/node_modules/n8n> node scripts/n8n-publish.js publish|unpublish ID…
 */
'use strict';
const path = require('node:path');

async function main() {
	const [mode, ...ids] = process.argv.slice(2);
	if (!['publish', 'unpublish'].includes(mode) || ids.length === 0) throw new Error('usage: n8n-publish.js publish|unpublish ID…');
	const n8nDir = process.env.AFTER_SALES_N8N_DIR;
	const resolve = (id) => require.resolve(id, { paths: [n8nDir] });
	// As n8n's bin/n8n does: the command name in argv, the config before the entities.
	const command = mode === 'publish' ? 'publish:workflow' : 'unpublish:workflow';
	process.argv = [process.argv[0], path.join(n8nDir, 'bin', 'n8n'), command, `--id=${ids[0]}`];
	require(path.join(n8nDir, 'dist', 'config'));
	const { Container } = require(resolve('@n8n/di'));
	const { CommandRegistry } = require(path.join(n8nDir, 'dist', 'command-registry.js'));
	const registry = Container.get(CommandRegistry);
	require(path.join(n8nDir, 'dist', 'commands', mode === 'publish' ? 'publish' : 'unpublish', 'workflow.js'));
	await registry.moduleRegistry.loadModules();
	const entry = registry.commandMetadata.get(command);
	const cmd = Container.get(entry.class);
	cmd.flags = { id: ids[0] };
	let error;
	try {
		await cmd.init();
		const { WorkflowRepository } = require(resolve('@n8n/db'));
		const workflows = Container.get(WorkflowRepository);
		for (const id of ids) {
			if (mode === 'publish') await workflows.publishVersion(id);
			else await workflows.updateActiveState(id, false);
		}
		process.stdout.write(`${mode}ed ${ids.length} workflow(s)\n`);
	} catch (e) {
		error = e;
		process.stderr.write(`${(e && e.stack) || e}\n`);
	} finally {
		await cmd.finally?.(error);
	}
	process.exit(error ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`${(error && error.stack) || error}\n`);
	process.exit(1);
});

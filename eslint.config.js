// ESLint 9 flat config: typescript-eslint, and n8n's rules for community packages, nodes and
// credentials: @n8n/eslint-plugin-community-nodes (the rules n8n's package scanner applies) and
// eslint-plugin-n8n-nodes-base. README, "n8n's community-node lint", says which rules do not fit
// a package that carries its own store, and why.
const tseslint = require('typescript-eslint');
const n8n = require('eslint-plugin-n8n-nodes-base');
const { n8nCommunityNodesPlugin: community } = require('@n8n/eslint-plugin-community-nodes');

const rulesOf = (name) => n8n.configs[name].rules;

module.exports = tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [tseslint.configs.recommended],
		languageOptions: { parserOptions: { projectService: false } },
		rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		...community.configs.recommended,
	},
	{
		// The community rules read package.json as a TSESTree object, as n8n's scanner parses it.
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8n },
		languageOptions: { parser: tseslint.parser },
		rules: {
			...rulesOf('community'),
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8n },
		rules: {
			...rulesOf('credentials'),
			// "Only applicable to nodes in the main repository" (the rule's own words); off as in n8n's starter.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8n },
		rules: {
			...rulesOf('nodes'),
			// The older plugin wants the string 'main'; n8n's community-node rules (the current
			// convention) want NodeConnectionTypes.Main, the same value: the newer rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The store needs a file, its folder and the n8n user folder (node:sqlite, node:fs,
		// node:path, node:os, process), and its backup files (node:fs, node:path, node:zlib):
		// these four files only. Everywhere else the rules stand.
		files: [
			'nodes/shared/store/sqlite-dialect.ts',
			'nodes/shared/store/store.ts',
			'nodes/shared/store/config.ts',
			'nodes/shared/store/backup-file.ts',
		],
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
		},
	},
	{
		// Errors become NodeOperationError (with itemIndex) in one place, nodes/shared/n8n/per-item.ts;
		// rules and store know nothing of n8n, and helpers below a node rethrow what they do not
		// handle. The rule stays on for the node files themselves.
		files: ['nodes/**/*.ts'],
		ignores: ['nodes/*/*.node.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
);

// ESLint 9 flat config: typescript-eslint, and n8n's rules for community packages, nodes and credentials.
const tseslint = require('typescript-eslint');
const n8n = require('eslint-plugin-n8n-nodes-base');

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
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8n },
		languageOptions: { parser: require('jsonc-eslint-parser') },
		rules: rulesOf('community'),
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
		rules: rulesOf('nodes'),
	},
);

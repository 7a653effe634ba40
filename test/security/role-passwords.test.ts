/**
 * The staff screens' role passwords (RECORDS.md, Staff screens; scripts/n8n-runtime.js): one per
 * role, from AFTER_SALES_PASSWORD_<ROLE>, else the one saved in
 * <user folder>/.n8n/after-sales-passwords.json, else a new one saved there — and each role's
 * login is an n8n Basic Auth credential whose user is the role.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Runtime {
	ROLES: string[];
	CREDENTIALS: Record<string, { id: string; name: string; type: string }>;
	rolePasswords(
		folder: string,
		env: Record<string, string | undefined>,
		given?: Record<string, string>,
	): Record<string, { password: string; source: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require('../../scripts/n8n-runtime') as Runtime;

let folder: string;
beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'after-sales-passwords-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

test('the four roles, each with its own Basic Auth credential', () => {
	expect(runtime.ROLES).toEqual(['desk', 'manager', 'technician', 'accountant']);
	const logins = runtime.ROLES.map((role) => runtime.CREDENTIALS[`${role}Login`]);
	expect(logins.map((c) => c.type)).toEqual(['httpBasicAuth', 'httpBasicAuth', 'httpBasicAuth', 'httpBasicAuth']);
	expect(new Set(logins.map((c) => c.id)).size).toBe(4);
});

test('without variables: new passwords, different per role, saved (0600) and reused on the next start', () => {
	const first = runtime.rolePasswords(folder, {});
	const file = join(folder, 'after-sales-passwords.json');
	expect(Object.keys(first)).toEqual(['desk', 'manager', 'technician', 'accountant']);
	expect(new Set(Object.values(first).map((p) => p.password)).size).toBe(4);
	for (const p of Object.values(first)) {
		expect(p.password.length).toBeGreaterThanOrEqual(16);
		expect(p.source).toBe(`${file} (new)`);
	}
	expect(statSync(file).mode & 0o777).toBe(0o600);
	const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
	expect(saved.desk).toBe(first.desk.password);
	const second = runtime.rolePasswords(folder, {});
	for (const role of runtime.ROLES) expect(second[role]).toEqual({ password: first[role].password, source: file });
});

test('AFTER_SALES_PASSWORD_<ROLE> wins over the saved one and is not written to the file; the others are still made', () => {
	writeFileSync(join(folder, 'after-sales-passwords.json'), JSON.stringify({ desk: 'saved-desk-password' }));
	const p = runtime.rolePasswords(folder, { AFTER_SALES_PASSWORD_DESK: 'from-env-desk', AFTER_SALES_PASSWORD_ACCOUNTANT: 'from-env-acct' });
	expect(p.desk).toEqual({ password: 'from-env-desk', source: 'AFTER_SALES_PASSWORD_DESK' });
	expect(p.accountant).toEqual({ password: 'from-env-acct', source: 'AFTER_SALES_PASSWORD_ACCOUNTANT' });
	expect(p.manager.source).toMatch(/\(new\)$/);
	const saved = JSON.parse(readFileSync(join(folder, 'after-sales-passwords.json'), 'utf8')) as Record<string, string>;
	expect(saved.desk).toBe('saved-desk-password');
	expect(saved.accountant).toBeUndefined();
	expect(saved.manager).toBe(p.manager.password);
});

test('a damaged passwords file stops the start with its name, rather than silently replacing every password', () => {
	writeFileSync(join(folder, 'after-sales-passwords.json'), '{ not json');
	expect(() => runtime.rolePasswords(folder, {})).toThrow(/after-sales-passwords\.json is not valid JSON/);
});

/**
 * The editor's owner and its login (n8n's REST API): set up on first use, then logged in. The e2e
 * global setup logs in once and hands the cookie to every spec (server.ts), so a row of quick
 * specs does not reach n8n's login rate limit; a spec logs in again only if that cookie is refused.
 */
'use strict';

const OWNER = { email: 'e2e.owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Owner-Passw0rd' };

/** The owner set up (when not yet) and logged in at `baseUrl`: the session cookie to send. */
async function editorLogin(baseUrl) {
	await fetch(`${baseUrl}rest/owner/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(OWNER) });
	const send = () =>
		fetch(`${baseUrl}rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
	let res = await send();
	// n8n rate-limits logins (429): wait as it asks (Retry-After, else 15 s) and log in again, for up to two minutes.
	for (let waited = 0; res.status === 429 && waited < 120;) {
		const seconds = Math.min(Number(res.headers.get('retry-after')) || 15, 60);
		await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
		waited += seconds;
		res = await send();
	}
	if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
	return res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

module.exports = { OWNER, editorLogin };

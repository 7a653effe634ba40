/** Stops the e2e n8n by its pid (its whole process group) and removes the throwaway user folder. */
'use strict';
const fs = require('node:fs');

module.exports = async function globalTeardown() {
	const stateFile = process.env.AFTER_SALES_E2E_STATE;
	if (!stateFile || !fs.existsSync(stateFile)) return;
	const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	const alive = () => {
		try {
			process.kill(state.pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	try {
		process.kill(-state.pid, 'SIGTERM');
	} catch {}
	for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 250));
	if (alive()) {
		try {
			process.kill(-state.pid, 'SIGKILL');
		} catch {}
	}
	await new Promise((resolve) => (globalThis.__afterSalesSmtpSink ? globalThis.__afterSalesSmtpSink.close(resolve) : resolve()));
	if (process.env.AFTER_SALES_E2E_KEEP !== '1') fs.rmSync(state.userFolder, { recursive: true, force: true });
};

/**
 * Secrets the store made for itself (migration 15): the survey links' signing key lives in the
 * store, so every n8n process and queue-mode worker on it signs and checks links alike, and the
 * links stay valid across restarts. The key never leaves the store; only signatures do.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { Sign } from '../rules/survey-token';

const SURVEY_SECRET = 'survey-token';

/**
 * HMAC-SHA256 under the store's survey secret, as the survey token rule needs it. Made by migration
 * 15; when the row was deleted (to invalidate every link at once), a new one is made here — once,
 * also when two processes need it at the same moment.
 */
export async function surveySigner(db: Kysely<Database>): Promise<Sign> {
	const read = () => db.selectFrom('storeSecrets').select('value').where('name', '=', SURVEY_SECRET).executeTakeFirst();
	let row = await read();
	if (!row) {
		await db
			.insertInto('storeSecrets')
			.values({ name: SURVEY_SECRET, value: randomBytes(32).toString('base64url'), createdAt: new Date().toISOString() })
			.onConflict((oc) => oc.column('name').doNothing())
			.execute();
		row = await read();
	}
	if (!row) throw new Error('The after-sales store could not keep a survey link secret (store_secrets)');
	const key = Buffer.from(row.value, 'base64url');
	return (message) => createHmac('sha256', key).update(message, 'utf8').digest('base64url');
}

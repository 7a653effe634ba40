/**
 * Secrets the store made for itself (migration 15): the survey links' signing key lives in the
 * store, so every n8n process and queue-mode worker on it signs and checks links alike, and the
 * links stay valid across restarts. The key never leaves the store; only signatures do.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { Sign } from '../rules/survey-token';

/** HMAC-SHA256 under the store's survey secret, as the survey token rule needs it. */
export async function surveySigner(db: Kysely<Database>): Promise<Sign> {
	const row = await db.selectFrom('storeSecrets').select('value').where('name', '=', 'survey-token').executeTakeFirst();
	if (!row) throw new Error('The after-sales store has no survey link secret (store_secrets); its migrations did not finish');
	const key = Buffer.from(row.value, 'base64url');
	return (message) => createHmac('sha256', key).update(message, 'utf8').digest('base64url');
}

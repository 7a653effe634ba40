/**
 * Retry once on a duplicate: two requests at once that both create the same record (a customer
 * file, an idempotency key, an invoice number …) — the loser's transaction fails on the unique
 * index, and running it again finds the winner's record.
 */
import { DuplicateError } from '../rules/errors';

export async function retryOnceIfDuplicate<T>(attempt: () => Promise<T>): Promise<T> {
	try {
		return await attempt();
	} catch (error) {
		if (error instanceof DuplicateError) return await attempt();
		throw error;
	}
}

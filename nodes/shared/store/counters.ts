/**
 * Gap-free daily sequences. The counter row is advanced inside the caller's transaction: a
 * rolled-back ticket gives its number back, and two transactions never get the same number
 * (the row is written, so the second waits for the first to commit).
 */
import { sql } from 'kysely';
import type { Trx } from './schema';

export async function nextInSequence(trx: Trx, name: string, day: string): Promise<number> {
	const row = await sql<{ value: number }>`
		insert into counters (name, day, value) values (${name}, ${day}, 1)
		on conflict (name, day) do update set value = counters.value + 1
		returning value`.execute(trx);
	return Number(row.rows[0].value);
}

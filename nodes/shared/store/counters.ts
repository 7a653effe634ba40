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

/**
 * The next number of each of `names` for `day`, in one statement: the rows are advanced in the
 * order given (PostgreSQL locks them in that order), so callers that name their counters in the
 * same order never wait on each other crosswise.
 */
export async function nextInSequences<N extends string>(trx: Trx, names: readonly N[], day: string): Promise<Record<N, number>> {
	const rows = await sql<{ name: N; value: number }>`
		insert into counters (name, day, value) values ${sql.join(names.map((name) => sql`(${name}, ${day}, 1)`))}
		on conflict (name, day) do update set value = counters.value + 1
		returning name, value`.execute(trx);
	const next = {} as Record<N, number>;
	for (const r of rows.rows) next[r.name] = Number(r.value);
	for (const name of names) if (next[name] === undefined) throw new Error(`counter ${name} for ${day} was not advanced`);
	return next;
}

/**
 * What ticket intake writes once its numbers are taken: the ticket, its first history entry, for a
 * liaison-letter customer the letter, and the staff groups' message in the outbox (once a key). On
 * PostgreSQL one statement (data-modifying CTEs: one round trip instead of four); on SQLite, where
 * a statement is a call into the library in this process, the INSERTs one by one. Nothing is read
 * back: the rows come from RETURNING (issue 21).
 */
import type { Trx } from '../schema';
import { isPostgres } from './common';
import { insertTicket, newTicketOf, newTicketRow, registerEventRow, type NewTicket, type Ticket } from './tickets';
import { issueLiaisonLetter, newLiaisonLetter, type LiaisonLetter } from './liaison-letters';
import { enqueueMessage, outboxRow } from './outbox';
import type { OutboxMessage } from '../../rules/outbox';

export async function writeNewTicket(
	trx: Trx,
	t: NewTicket,
	customer: { code: string; name: string },
	letter: { today: string; seq: number } | null,
	actor: string,
	now: string,
	message: OutboxMessage,
): Promise<{ ticket: Ticket; letter: LiaisonLetter | null }> {
	if (!isPostgres(trx)) {
		const ticket = await insertTicket(trx, t, actor, now, customer);
		const issued = letter && (await issueLiaisonLetter(trx, ticket, letter.today, now, letter.seq));
		await enqueueMessage(trx, { ...message, ticketId: ticket.id }, now);
		return { ticket, letter: issued };
	}
	const queued = outboxRow(message, now);
	const event = registerEventRow(t, actor, now);
	const letterRow = letter && newLiaisonLetter(t, letter.today, letter.seq, now);
	let q = trx
		.with('t', (db) => db.insertInto('tickets').values(newTicketRow(t, now)).returningAll())
		.with('e', (db) => db.insertInto('ticketEvents').values((eb) => ({ ...event, ticketId: eb.selectFrom('t').select('t.id') })));
	if (letterRow)
		q = q.with('l', (db) => db.insertInto('liaisonLetters').values((eb) => ({ ...letterRow, ticketId: eb.selectFrom('t').select('t.id') }))) as never;
	q = q.with('o', (db) =>
		db
			.insertInto('outbox')
			.values((eb) => ({ ...queued, ticketId: eb.selectFrom('t').select('t.id') }))
			.onConflict((oc) => oc.column('messageKey').doNothing()),
	) as never;
	const row = await q.selectFrom('t').selectAll().executeTakeFirstOrThrow();
	return { ticket: newTicketOf(row, customer), letter: letterRow };
}

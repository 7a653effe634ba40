/**
 * The after-sales liaison letter (售后服务联络函, the out-of-warranty single-service application
 * 保外单次售后服务申请) of a liaison-letter ticket: issued with the ticket at intake (LH-…,
 * gap-free per day), confirmed by the customer later (who, when, their feedback).
 */
import type { Selectable } from 'kysely';
import type { Trx } from '../schema';
import type { LiaisonLetterTable } from '../schema';
import { liaisonLetterNumber } from '../../rules/numbering';
import { RuleViolation } from '../../rules/errors';
import { nextInSequence } from '../counters';
import { recordEvent, requireTicket, type Ticket } from './tickets';

export type LiaisonLetter = Omit<Selectable<LiaisonLetterTable>, 'id' | 'ticketId'>;

/** Issues the letter of ticket `t`; `seq` is its number of the day when the caller already took it from the 'liaison-letter' counter. */
export async function issueLiaisonLetter(
	trx: Trx,
	t: Pick<Ticket, 'id' | 'siteSituation'>,
	today: string,
	now: string,
	seq?: number,
): Promise<LiaisonLetter> {
	const values = newLiaisonLetter(t, today, seq ?? (await nextInSequence(trx, 'liaison-letter', today)), now);
	const row = await trx
		.insertInto('liaisonLetters')
		.values({ ...values, ticketId: t.id })
		.returningAll()
		.executeTakeFirstOrThrow();
	const { id: _id, ticketId: _t, ...letter } = row;
	return letter;
}

/** The letter a ticket about `siteSituation` gets on `today` with number `seq` of the day, unconfirmed. */
export function newLiaisonLetter(t: Pick<Ticket, 'siteSituation'>, today: string, seq: number, now: string): LiaisonLetter {
	return {
		letterNumber: liaisonLetterNumber(today, seq),
		issuedOn: today,
		subject: `保外单次售后服务申请：${t.siteSituation}`.slice(0, 200),
		confirmedBy: null,
		confirmedAt: null,
		feedback: null,
		createdAt: now,
	};
}

export async function liaisonLetterOf(trx: Trx, ticketId: number): Promise<LiaisonLetter | null> {
	const row = await trx.selectFrom('liaisonLetters').selectAll().where('ticketId', '=', ticketId).executeTakeFirst();
	if (!row) return null;
	const { id: _id, ticketId: _t, ...letter } = row;
	return letter;
}

/** The customer's confirmation of the letter (确认签字, 确认时间, 回馈意见); once. */
export async function confirmLiaisonLetter(
	trx: Trx,
	ticketNumber: string,
	c: { confirmedBy: string; confirmedAt: string; feedback: string | null },
	actor: string,
	now: string,
): Promise<Ticket> {
	const t = await requireTicket(trx, { ticketNumber }, true);
	const letter = await liaisonLetterOf(trx, t.id);
	if (!letter)
		throw new RuleViolation(
			`Ticket ${t.ticketNumber} has no liaison letter: only a liaison-letter customer (no warranty, no contract) gets one`,
			'ticketNumber',
		);
	if (letter.confirmedAt)
		throw new RuleViolation(
			`The liaison letter ${letter.letterNumber} was already confirmed by ${letter.confirmedBy} at ${letter.confirmedAt}`,
			'ticketNumber',
		);
	await trx
		.updateTable('liaisonLetters')
		.set({ confirmedBy: c.confirmedBy, confirmedAt: c.confirmedAt, feedback: c.feedback })
		.where('ticketId', '=', t.id)
		.execute();
	await recordEvent(trx, t.id, 'confirmLiaisonLetter', t.status, t.status, actor, now, {
		letterNumber: letter.letterNumber,
		confirmedBy: c.confirmedBy,
		feedback: c.feedback,
	});
	return t;
}

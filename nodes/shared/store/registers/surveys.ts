/** Follow-up surveys (回访调查): one per ticket whose job is done, with its answer on the same row. */
import type { Selectable } from 'kysely';
import type { SurveyTable } from '../schema';
import type { Trx } from '../schema';
import { NotFoundError, RuleViolation } from '../../rules/errors';
import { SURVEY_STATUSES } from '../../rules/follow-up';
import type { SurveyAnswer } from '../../rules/survey-answer';
import { isPostgres } from './common';

/** A survey as the store gives it out: the row with its ticket, customer and technician. */
export type Survey = Selectable<SurveyTable> & {
	ticketNumber: string;
	ticketStatus: string;
	customerName: string;
	contactPerson: string | null;
	phone: string;
	technician: { id: number; name: string; phone: string } | null;
};

function select(trx: Trx) {
	return trx
		.selectFrom('surveys as s')
		.innerJoin('tickets as t', 't.id', 's.ticketId')
		.innerJoin('customers as c', 'c.id', 't.customerId')
		.leftJoin('technicians as k', 'k.id', 't.technicianId')
		.selectAll('s')
		.select([
			't.ticketNumber',
			't.status as ticketStatus',
			'c.name as customerName',
			't.contactPerson',
			't.phone',
			'k.id as technicianId',
			'k.name as technicianName',
			'k.phone as technicianPhone',
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

function toSurvey(row: Row): Survey {
	const { technicianId, technicianName, technicianPhone, ...rest } = row;
	return { ...rest, technician: technicianId ? { id: technicianId, name: technicianName!, phone: technicianPhone! } : null };
}

export type SurveyKey = { id?: number; surveyNumber?: string; ticketId?: number };

export async function findSurvey(trx: Trx, key: SurveyKey, lock = false): Promise<Survey | undefined> {
	let q = select(trx);
	if (key.id !== undefined) q = q.where('s.id', '=', key.id);
	else if (key.surveyNumber) q = q.where('s.surveyNumber', '=', key.surveyNumber);
	else if (key.ticketId !== undefined) q = q.where('s.ticketId', '=', key.ticketId);
	else return undefined;
	if (lock && isPostgres(trx)) q = q.forUpdate('s');
	const row = await q.executeTakeFirst();
	return row && toSurvey(row);
}

export async function requireSurvey(trx: Trx, key: SurveyKey, lock = false): Promise<Survey> {
	const found = await findSurvey(trx, key, lock);
	if (!found)
		throw new NotFoundError(
			`No survey ${key.surveyNumber ?? `with id ${key.id ?? key.ticketId}`} is in the follow-up register (回访记录)`,
			key.surveyNumber ? 'surveyNumber' : undefined,
		);
	return found;
}

export async function insertSurvey(
	trx: Trx,
	s: { surveyNumber: string; ticketId: number; email: string | null; expiresAt: string },
	actor: string,
	now: string,
): Promise<Survey> {
	const { id } = await trx
		.insertInto('surveys')
		.values({ ...s, emailClaimedAt: null, emailedAt: null, answeredAt: null, createdBy: actor, createdAt: now, updatedAt: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return (await findSurvey(trx, { id }))!;
}

/**
 * Writes the answer unless the survey already has one: the guard on `answered_at` makes two
 * answers at once store one (PostgreSQL re-reads the row after the first commits; SQLite's writers
 * queue), and the loser is told so.
 */
export async function writeAnswer(trx: Trx, surveyId: number, surveyNumber: string, a: SurveyAnswer, by: string, now: string): Promise<void> {
	const r = await trx
		.updateTable('surveys')
		.set({
			answeredAt: now,
			channel: a.channel,
			attitude: a.levels.attitude,
			skill: a.levels.skill,
			arrival: a.levels.arrival,
			promises: a.levels.promises,
			accepted: a.accepted === null ? null : a.accepted ? 1 : 0,
			delivered: a.delivered,
			comments: a.comments,
			answeredBy: by,
			updatedAt: now,
		})
		.where('id', '=', surveyId)
		.where('answeredAt', 'is', null)
		.executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1) throw answeredAlready(surveyNumber);
}

/** The refusal of a second answer (the webhook answers it 409). */
export function answeredAlready(surveyNumber: string, answeredAt?: string | null): RuleViolation {
	return new RuleViolation(
		`Survey ${surveyNumber} was already answered${answeredAt ? ` on ${answeredAt.slice(0, 10)}` : ''}; an answer is given once (已提交过)`,
		'answeredAt',
	);
}

/**
 * The surveys to email now, taken for this run: made, with an address, not yet sent, not answered,
 * not expired, and not taken by another run within `claimedBefore` (a run that failed to send
 * leaves them to the next one after the lease). Marked taken in the caller's transaction.
 */
export async function claimSurveysToEmail(trx: Trx, now: string, claimedBefore: string, limit = 500): Promise<Survey[]> {
	const candidates = await trx
		.selectFrom('surveys')
		.select('id')
		.where('email', 'is not', null)
		.where('emailedAt', 'is', null)
		.where('answeredAt', 'is', null)
		.where('expiresAt', '>', now)
		.where((eb) => eb.or([eb('emailClaimedAt', 'is', null), eb('emailClaimedAt', '<', claimedBefore)]))
		.orderBy('id')
		.limit(limit)
		.execute();
	const claimed: Survey[] = [];
	for (const { id } of candidates) {
		const r = await trx
			.updateTable('surveys')
			.set({ emailClaimedAt: now })
			.where('id', '=', id)
			.where('emailedAt', 'is', null)
			.where((eb) => eb.or([eb('emailClaimedAt', 'is', null), eb('emailClaimedAt', '<', claimedBefore)]))
			.executeTakeFirst();
		if (Number(r.numUpdatedRows) === 1) claimed.push((await findSurvey(trx, { id }))!);
	}
	return claimed;
}

/** Records that the survey's email went out (once: a second mark keeps the first time). */
export async function markEmailed(trx: Trx, surveyId: number, now: string): Promise<boolean> {
	const r = await trx
		.updateTable('surveys')
		.set({ emailedAt: now, updatedAt: now })
		.where('id', '=', surveyId)
		.where('emailedAt', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export type SurveyFilter = {
	status?: 'waiting' | 'answered' | 'expired';
	/** Not answered, not expired, and the follow-up call due by then (no email: at once; else 3 days after it). */
	callDueBy?: { now: string; emailedBefore: string };
	answeredFrom?: string;
	answeredTo?: string;
	ticketNumbers?: string[];
	limit?: number;
};

export async function listSurveys(trx: Trx, f: SurveyFilter, now: string): Promise<Survey[]> {
	let q = select(trx).orderBy('s.id');
	if (f.status === 'answered') q = q.where('s.answeredAt', 'is not', null);
	if (f.status === 'waiting') q = q.where('s.answeredAt', 'is', null).where('s.expiresAt', '>', now);
	if (f.status === 'expired') q = q.where('s.answeredAt', 'is', null).where('s.expiresAt', '<=', now);
	if (f.callDueBy) {
		const { emailedBefore } = f.callDueBy;
		q = q
			.where('s.answeredAt', 'is', null)
			.where('s.expiresAt', '>', f.callDueBy.now)
			.where((eb) =>
				eb.or([
					eb('s.email', 'is', null),
					eb.and([eb('s.emailedAt', 'is not', null), eb('s.emailedAt', '<=', emailedBefore)]),
					eb.and([eb('s.emailedAt', 'is', null), eb('s.createdAt', '<=', emailedBefore)]),
				]),
			);
	}
	if (f.answeredFrom) q = q.where('s.answeredAt', '>=', f.answeredFrom);
	if (f.answeredTo) q = q.where('s.answeredAt', '<', f.answeredTo);
	if (f.ticketNumbers) q = q.where('t.ticketNumber', 'in', f.ticketNumbers.length ? f.ticketNumbers : ['']);
	if (f.limit !== undefined) q = q.limit(f.limit);
	return (await q.execute()).map(toSurvey);
}

/**
 * Tickets whose job is done (solved on site, returned, closed after either), finished — signed
 * for by the customer — at or after `finishedSince`, that have no survey yet: the daily sweep's
 * work.
 */
export async function ticketsWithoutSurvey(trx: Trx, finishedSince: string, limit = 500): Promise<Array<{ id: number; ticketNumber: string }>> {
	return await trx
		.selectFrom('tickets as t')
		.leftJoin('surveys as s', 's.ticketId', 't.id')
		.select(['t.id', 't.ticketNumber'])
		.where('s.id', 'is', null)
		.where('t.status', 'in', [...SURVEY_STATUSES])
		.where('t.signedAt', '>=', finishedSince)
		.orderBy('t.id')
		.limit(limit)
		.execute();
}

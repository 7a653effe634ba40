/**
 * The follow-up surveys (回访调查, P14–P16) as use cases, each in one transaction: make a ticket's
 * survey (once), make the ones the daily sweep finds missing, take the ones to email, open a
 * survey from its signed link, record the answer once — with its complaint, if any (P17).
 */
import { DateTime } from 'luxon';
import { dayOf } from '../rules/dates';
import type { Store, Trx } from '../store/store';
import { NotFoundError, RuleViolation } from '../rules/errors';
import { retryOnceIfDuplicate } from './retry';
import { assertSurveyable, callDueAt, CALL_AFTER_DAYS, surveyNumber, surveyState, type SurveyState } from '../rules/follow-up';
import { checkSurveyToken, makeSurveyToken, surveyExpiresAt, tokenProblem, SURVEY_VALID_DAYS, type Sign } from '../rules/survey-token';
import { cleanSurveyAnswer, type AnswerChannel, type Delivered } from '../rules/survey-answer';
import { formSatisfaction, overallLevel, type DissatisfactionReason, type Level, type LevelName, type Levels } from '../rules/survey-levels';
import { REPLY_DAYS, type ComplaintSeverity } from '../rules/complaints';
import { nextInSequence } from '../store/counters';
import { surveySigner } from '../store/secrets';
import { recordEvent, requireTicket } from '../store/registers/tickets';
import { findCustomer } from '../store/registers/customers';
import {
	answeredAlready,
	claimSurveysToEmail,
	findSurvey,
	insertSurvey,
	listSurveys,
	markEmailed,
	requireSurvey,
	ticketsWithoutSurvey,
	writeAnswer,
	type Survey,
	type SurveyFilter,
} from '../store/registers/surveys';
import { registerComplaint, type ComplaintView } from './complaints';
import { queueSurveySms } from './outbox-producers';

export interface SurveyAnswerView {
	attitude: Level;
	skill: Level;
	arrival: Level;
	promises: Level;
	/** Form 1.1's satisfaction: the mean of the four rounded half up, as 4/3/2/1 and as its name. */
	overallLevel: Level;
	satisfaction: LevelName;
	dissatisfactionReasons: DissatisfactionReason[];
	accepted: boolean | null;
	delivered: Delivered | null;
	comments: string | null;
	answeredBy: string | null;
}

/** A survey as nodes and webhooks give it out (the link's address is added by the node). */
export interface SurveyView {
	surveyNumber: string;
	ticketNumber: string;
	token: string;
	expiresAt: string;
	status: SurveyState;
	customerName: string;
	contactPerson: string | null;
	phone: string;
	email: string | null;
	technician: { name: string; phone: string } | null;
	createdAt: string;
	emailedAt: string | null;
	answeredAt: string | null;
	channel: AnswerChannel | null;
	answer: SurveyAnswerView | null;
	/** When the follow-up call is due if nobody answers (P14); null once answered or expired. */
	callDueAt: string | null;
}

export function levelsOf(s: Pick<Survey, 'attitude' | 'skill' | 'arrival' | 'promises'>): Levels | null {
	if (s.attitude === null || s.skill === null || s.arrival === null || s.promises === null) return null;
	return { attitude: s.attitude as Level, skill: s.skill as Level, arrival: s.arrival as Level, promises: s.promises as Level };
}

export function surveyView(s: Survey, sign: Sign, now: string, callAfterDays = CALL_AFTER_DAYS): SurveyView {
	const levels = levelsOf(s);
	const status = surveyState(s, now);
	return {
		surveyNumber: s.surveyNumber,
		ticketNumber: s.ticketNumber,
		token: makeSurveyToken(s.surveyNumber, s.expiresAt, sign),
		expiresAt: s.expiresAt,
		status,
		customerName: s.customerName,
		contactPerson: s.contactPerson,
		phone: s.phone,
		email: s.email,
		technician: s.technician ? { name: s.technician.name, phone: s.technician.phone } : null,
		createdAt: s.createdAt,
		emailedAt: s.emailedAt,
		answeredAt: s.answeredAt,
		channel: s.channel,
		answer:
			levels && s.answeredAt
				? {
						...levels,
						overallLevel: overallLevel(levels),
						...formSatisfaction(levels),
						accepted: s.accepted === null ? null : s.accepted === 1,
						delivered: s.delivered,
						comments: s.comments,
						answeredBy: s.answeredBy,
					}
				: null,
		callDueAt: status === 'waiting' ? callDueAt(s, callAfterDays) : null,
	};
}

export interface SurveyOptions {
	now: string;
	/** The workflow's timezone: the day of a new number, the day a complaint's reply is due. */
	zone: string;
	actor: string;
	/** How long the link is valid (30 days unless changed). */
	validDays?: number;
	/**
	 * The survey page's address (the token is added): with it, a customer without email but with a
	 * mainland mobile gets the link by SMS, queued in the outbox with the survey (issue 19).
	 */
	linkBase?: string;
}

async function createOnce(store: Store, ticketNumber: string, o: SurveyOptions): Promise<{ survey: SurveyView; created: boolean }> {
	return await store.transaction(async (trx) => {
		const sign = await surveySigner(trx);
		const t = await requireTicket(trx, { ticketNumber }, true);
		const existing = await findSurvey(trx, { ticketId: t.id });
		if (existing) return { survey: surveyView(existing, sign, o.now), created: false };
		assertSurveyable(t);
		const customer = (await findCustomer(trx, { id: t.customerId }))!;
		const today = dayOf(o.now, o.zone);
		const survey = await insertSurvey(
			trx,
			{
				surveyNumber: surveyNumber(today, await nextInSequence(trx, 'survey', today)),
				ticketId: t.id,
				email: customer.email?.trim() || null,
				expiresAt: surveyExpiresAt(o.now, o.validDays ?? SURVEY_VALID_DAYS),
			},
			o.actor,
			o.now,
		);
		await recordEvent(trx, t.id, 'survey', t.status, t.status, o.actor, o.now, { surveyNumber: survey.surveyNumber, email: survey.email !== null });
		const view = surveyView(survey, sign, o.now);
		// No email: the link goes by SMS to the mobile (the ticket's number, else the file's); with one, the email goes as before.
		if (o.linkBase && survey.email === null) {
			await queueSurveySms(
				trx,
				{
					ticketId: t.id,
					ticketNumber: t.ticketNumber,
					name: t.contactPerson?.trim() || customer.name,
					email: null,
					phones: [t.phone, customer.phone],
					url: `${o.linkBase}${view.token}`,
				},
				o.now,
			);
		}
		return { survey: view, created: true };
	});
}

/**
 * The ticket's follow-up survey: made now if the job is done and it has none (numbered HF-…, the
 * customer's email address noted for the link), else the one it has. Two requests at once make
 * one survey: the loser of the race finds the winner's.
 */
export async function createSurvey(store: Store, ticketNumber: string, o: SurveyOptions): Promise<{ survey: SurveyView; created: boolean }> {
	return await retryOnceIfDuplicate(() => createOnce(store, ticketNumber, o));
}

/**
 * The daily sweep: a survey for every ticket finished (signed for) since `finishedSince` that has
 * none — after close it is made at once; this catches the ones missed. Each in its own
 * transaction; what another run made meanwhile is skipped.
 */
export async function createMissingSurveys(store: Store, finishedSince: string, o: SurveyOptions): Promise<SurveyView[]> {
	const tickets = await store.transaction(async (trx) => await ticketsWithoutSurvey(trx, finishedSince));
	const made: SurveyView[] = [];
	for (const t of tickets) {
		const { survey, created } = await createSurvey(store, t.ticketNumber, o);
		if (created) made.push(survey);
	}
	return made;
}

/**
 * The surveys to email now, taken for this run (see `claimSurveysToEmail`): another run at the same
 * time does not send them again; if this run fails to send, the next run after `leaseMinutes` does.
 */
export async function surveysToEmail(store: Store, now: string, leaseMinutes = 30): Promise<SurveyView[]> {
	const before = DateTime.fromISO(now).minus({ minutes: leaseMinutes }).toUTC().toISO()!;
	return await store.transaction(async (trx) => {
		const sign = await surveySigner(trx);
		return (await claimSurveysToEmail(trx, now, before)).map((s) => surveyView(s, sign, now));
	});
}

/** After the email went out: the survey is marked sent (the call list then waits 3 days for an answer). */
export async function markSurveyEmailed(store: Store, number: string, now: string): Promise<{ survey: SurveyView; marked: boolean }> {
	return await store.transaction(async (trx) => {
		const s = await requireSurvey(trx, { surveyNumber: number }, true);
		const marked = await markEmailed(trx, s.id, now);
		return { survey: surveyView((await findSurvey(trx, { id: s.id }))!, await surveySigner(trx), now), marked };
	});
}

/** Surveys with filters; `callList` gives the follow-up calls due now (P14). */
export async function findSurveys(
	store: Store,
	f: Omit<SurveyFilter, 'callDueBy'> & { callList?: boolean; callAfterDays?: number },
	now: string,
): Promise<SurveyView[]> {
	const days = f.callAfterDays ?? CALL_AFTER_DAYS;
	const emailedBefore = DateTime.fromISO(now).minus({ days }).toUTC().toISO()!;
	return await store.transaction(async (trx) => {
		const sign = await surveySigner(trx);
		const rows = await listSurveys(trx, { ...f, callDueBy: f.callList ? { now, emailedBefore } : undefined }, now);
		return rows.map((s) => surveyView(s, sign, now, days));
	});
}

export async function getSurvey(store: Store, key: { surveyNumber?: string; ticketNumber?: string }, now: string): Promise<SurveyView> {
	return await store.transaction(async (trx) => {
		const sign = await surveySigner(trx);
		if (key.surveyNumber) return surveyView(await requireSurvey(trx, { surveyNumber: key.surveyNumber }), sign, now);
		const t = await requireTicket(trx, { ticketNumber: key.ticketNumber ?? '' });
		const s = await findSurvey(trx, { ticketId: t.id });
		if (!s) throw new NotFoundError(`Ticket ${t.ticketNumber} has no follow-up survey yet`, 'ticketNumber');
		return surveyView(s, sign, now);
	});
}

/**
 * A token that does not open a survey: malformed, tampered or expired. Refused with the field
 * `token`, so that the answer page can tell it (403) from an answer given twice (409).
 */
export class TokenRefused extends RuleViolation {
	constructor(
		readonly reason: 'malformed' | 'tampered' | 'expired',
		expiresAt?: string,
	) {
		super(tokenProblem(reason, expiresAt), 'token');
		this.name = 'TokenRefused';
	}
}

async function surveyOfToken(trx: Trx, sign: Sign, token: unknown, now: string): Promise<Survey> {
	const check = checkSurveyToken(token, now, sign);
	if (!check.ok) throw new TokenRefused(check.reason, check.expiresAt);
	const s = await findSurvey(trx, { surveyNumber: check.surveyNumber }, true);
	// Signed by this store but not in it (a store restored from an older backup …).
	if (!s) throw new NotFoundError(`Survey ${check.surveyNumber} of this link is not in the follow-up register (回访记录)`, 'token');
	return s;
}

/** The survey a link opens: its signature and expiry checked first, nothing read before. */
export async function openSurvey(store: Store, token: unknown, now: string): Promise<SurveyView> {
	return await store.transaction(async (trx) => {
		const sign = await surveySigner(trx);
		return surveyView(await surveyOfToken(trx, sign, token, now), sign, now);
	});
}

export interface AnswerOptions extends SurveyOptions {
	replyDays?: Record<ComplaintSeverity, number>;
}

/**
 * Records the answer to a survey, found by its link's token (the customer; the token's signature
 * and expiry are checked) or by its number (a clerk's follow-up call, inside n8n): once — a
 * second answer, also one sent at the same moment, is refused — with the complaint, if the answer
 * has one, registered in the same transaction.
 */
export async function answerSurvey(
	store: Store,
	key: { token: unknown } | { surveyNumber: string },
	input: Record<string, unknown>,
	o: AnswerOptions,
): Promise<{ survey: SurveyView; complaint: ComplaintView | null }> {
	return await store.transaction(async (trx) => {
		const sign = await surveySigner(trx);
		const s = 'token' in key ? await surveyOfToken(trx, sign, key.token, o.now) : await requireSurvey(trx, { surveyNumber: key.surveyNumber }, true);
		if (s.answeredAt) throw answeredAlready(s.surveyNumber, s.answeredAt);
		const answer = cleanSurveyAnswer(input, 'token' in key ? 'link' : 'phone');
		await writeAnswer(trx, s.id, s.surveyNumber, answer, o.actor, o.now);
		await recordEvent(trx, s.ticketId, 'followUp', s.ticketStatus, s.ticketStatus, o.actor, o.now, {
			surveyNumber: s.surveyNumber,
			channel: answer.channel,
			...answer.levels,
		});
		const complaint = answer.complaint
			? await registerComplaint(
					trx,
					{ ticketId: s.ticketId, surveyId: s.id, severity: answer.complaint.severity, text: answer.complaint.text, channel: answer.channel },
					{ now: o.now, zone: o.zone, actor: o.actor, replyDays: o.replyDays ?? REPLY_DAYS },
				)
			: null;
		return { survey: surveyView((await findSurvey(trx, { id: s.id }))!, sign, o.now), complaint };
	});
}

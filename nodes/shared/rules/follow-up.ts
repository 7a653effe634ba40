/**
 * The follow-up after a job (P14): every ticket solved on site or returned to the customer gets
 * one survey (回访调查, `HF-…`); a customer with an email address is sent the link, and the ones
 * a clerk must call — no address, or no answer three days after the email — are listed for the
 * follow-up call. Complaints are numbered `TS-…`. Numbers are gap-free per day, like tickets.
 */
import { DateTime } from 'luxon';
import { RuleViolation } from './errors';
import { documentNumber } from './numbering';
import { TICKET_STATUS_LABELS, type TicketStatus } from './ticket-lifecycle';

/** Where a ticket's job is done: solved on site, returned to the customer, or closed after either. */
export const SURVEY_STATUSES: readonly TicketStatus[] = ['solved-on-site', 'returned', 'closed'];

/** Days after the email without an answer before the customer is called (P14). */
export const CALL_AFTER_DAYS = 3;

/** Survey (回访调查): HF-20261127-0001. */
export function surveyNumber(date: string, seq: number): string {
	return documentNumber('HF', 'survey', date, seq);
}

/** Complaint (客户投诉): TS-20261127-0001. */
export function complaintNumber(date: string, seq: number): string {
	return documentNumber('TS', 'complaint', date, seq);
}

/** A survey may be made for a ticket whose job is done; otherwise why not, in a clerk's words. */
export function assertSurveyable(ticket: { ticketNumber: string; status: string }): void {
	if ((SURVEY_STATUSES as readonly string[]).includes(ticket.status)) return;
	const label = TICKET_STATUS_LABELS[ticket.status as TicketStatus]?.en.toLowerCase() ?? ticket.status;
	throw new RuleViolation(
		`Ticket ${ticket.ticketNumber} cannot get a follow-up survey yet: it is ${label}; a survey follows a job solved on site or a product returned to the customer`,
		'status',
	);
}

export type SurveyState = 'answered' | 'expired' | 'waiting';

export function surveyState(s: { answeredAt: string | null; expiresAt: string }, now: string): SurveyState {
	if (s.answeredAt) return 'answered';
	return DateTime.fromISO(now).toMillis() >= DateTime.fromISO(s.expiresAt).toMillis() ? 'expired' : 'waiting';
}

/**
 * When the clerk should call about a survey not answered (P14): at once without an email
 * address; otherwise `days` after the email went out (or, never sent, after the survey was made).
 */
export function callDueAt(s: { email: string | null; createdAt: string; emailedAt: string | null }, days: number = CALL_AFTER_DAYS): string {
	if (!s.email) return s.createdAt;
	return DateTime.fromISO(s.emailedAt ?? s.createdAt, { setZone: true })
		.toUTC()
		.plus({ days })
		.toISO()!;
}

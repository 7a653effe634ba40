/**
 * A ticket's visits (上门记录, RULES turn 3 "Visit outcome other"): every visit kept with its time,
 * read from the ticket's audit trail, where each Record Visit step writes its outcome, remarks,
 * signature, minutes and technician. A ticket sent back to open by a visit "other" and visited
 * again has two, and neither is lost.
 */
import type { Trx } from '../schema';

export type VisitOutcome = 'solved' | 'taken-back' | 'replaced' | 'other';

export interface TicketVisit {
	/** 1 for the first visit, 2 for the second … */
	seq: number;
	outcome: VisitOutcome;
	/** When the visit was recorded. */
	recordedAt: string;
	/** The day the work was done (P10). */
	visitedOn: string | null;
	technicianId: number | null;
	technicianName: string | null;
	solution: string | null;
	remarks: string | null;
	customerSignature: string | null;
	signedAt: string | null;
	minutes: number | null;
}

const OUTCOMES: Record<string, VisitOutcome> = {
	recordVisitSolved: 'solved',
	recordVisitTakenBack: 'taken-back',
	recordVisitReplaced: 'replaced',
	recordVisitOther: 'other',
};

const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The visits among a ticket's history entries (action, time, details as stored or parsed), oldest first. */
export function visitsFromEvents(events: ReadonlyArray<{ action: string; at: string; details: unknown }>): TicketVisit[] {
	return events
		.filter((e) => Object.hasOwn(OUTCOMES, e.action))
		.map((e, i) => {
			const d = (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<string, unknown>;
			return {
				seq: i + 1,
				outcome: OUTCOMES[e.action],
				recordedAt: e.at,
				visitedOn: textOrNull(d.visitedOn),
				technicianId: typeof d.technicianId === 'number' ? d.technicianId : null,
				technicianName: textOrNull(d.technicianName),
				solution: textOrNull(d.solution),
				remarks: textOrNull(d.remarks),
				customerSignature: textOrNull(d.customerSignature),
				signedAt: textOrNull(d.signedAt),
				minutes: typeof d.minutes === 'number' ? d.minutes : null,
			};
		});
}

/** The ticket's visits, oldest first. */
export async function ticketVisits(trx: Trx, ticketId: number): Promise<TicketVisit[]> {
	const rows = await trx
		.selectFrom('ticketEvents')
		.select(['action', 'at', 'details'])
		.where('ticketId', '=', ticketId)
		.where('action', 'in', Object.keys(OUTCOMES))
		.orderBy('id')
		.execute();
	return visitsFromEvents(rows);
}

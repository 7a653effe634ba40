/**
 * The board as the staff's home page (issue 17 item 4): every listed ticket, taken-back product,
 * invoice, complaint and contract linked to its printable document by a signed, expiring link the
 * board's own run makes (no key needed to open it; a changed link gets 403).
 */
import type { Store } from '../store/store';
import type { ServiceBoard } from './board';
import { signDocuments } from './document-links';
import { boardDocumentPath } from '../documents/board-links';

/** Where the document webhooks answer, relative to n8n's address (the board is served beside them). */
export const BOARD_LINK_BASE = '/webhook/after-sales/';

/** The signed links of every document the board lists, valid `days` (path → address). */
export async function boardDocumentLinks(
	store: Store,
	board: ServiceBoard,
	now: string,
	days = 1,
	base = BOARD_LINK_BASE,
): Promise<Map<string, string>> {
	const tickets = [...board.tickets.overdue, ...board.tickets.byStatus.flatMap((g) => g.tickets)];
	const paths = [
		...tickets.map((t) => boardDocumentPath.ticket(t.ticketNumber)),
		...board.takenBack.map((p) => boardDocumentPath.takenBack(p.ticketNumber)),
		...board.invoices.map((i) => boardDocumentPath.invoice(i.invoiceNumber)),
		...board.complaints.map((c) => boardDocumentPath.complaint(c.complaintNumber)),
		...board.contracts.map((c) => boardDocumentPath.contract(c.contractNo)),
	];
	return await signDocuments(store, [...new Set(paths)], now, base, days);
}

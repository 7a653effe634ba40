/**
 * The staff message model (issue 19, RECORDS *Notifications*), pure: what a message to the staff
 * groups says, whatever robot renders it (`channels/markdown.ts`) — kept with the rules because
 * the outbox's rows carry it (`rules/outbox.ts`).
 */

/** The staff message kinds RECORDS lists (*Notifications*). */
export const STAFF_KINDS = [
	'new-ticket',
	'unassigned',
	'overdue',
	'serious-complaint',
	'contract-notice',
	'cash-list',
	'receivables',
	'workflow-failed',
] as const;
export type StaffKind = (typeof STAFF_KINDS)[number];

/** One ticket, contract, complaint or invoice in a message; every field optional, all plain text. */
export interface StaffItem {
	/** The record's number: ticket BX-…, complaint TS-…, contract, invoice FP-…. */
	ticket?: string;
	customer?: string;
	address?: string;
	technician?: string;
	/** The due time as staff read it (already in the workflow's timezone), e.g. 2026-11-27 17:00. */
	due?: string;
	/** An amount as shown, e.g. ¥1280.50. */
	amount?: string;
	/** A line of text: the fault, the complaint, the notice. */
	text?: string;
	/** The signed document link (http or https). */
	link?: string;
	/** The link's words; default 查看单据 (a failed workflow's execution: 查看执行记录). */
	linkLabel?: string;
}

export interface StaffMessage {
	kind: StaffKind;
	/** Overrides the kind's heading. */
	title?: string;
	/** A line under the heading, e.g. "共 12 张，合计 ¥3,200.00". */
	summary?: string;
	items: StaffItem[];
}

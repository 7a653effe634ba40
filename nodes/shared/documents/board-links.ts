/**
 * The board as the staff's home page (issue 17 item 4): the staff forms grouped per role with the
 * role's name (RECORDS.md *Staff screens*: `/form/after-sales/<path>`), a row's number linked to its
 * printable document, and the "还有 N 条 / N more" line under a capped section.
 */
import { markup, type DocumentLang, type Html } from './html';
import type { BoardStatus } from '../rules/board';

export interface StaffForm {
	path: string;
	zh: string;
	en: string;
}

export interface StaffRole {
	role: 'desk' | 'manager' | 'technician' | 'accountant';
	zh: string;
	en: string;
	forms: StaffForm[];
}

/** Every staff form, per role (the login user is the role). */
const form = (path: string, zh: string, en: string): StaffForm => ({ path, zh, en });

export const STAFF_FORMS: readonly StaffRole[] = [
	{
		role: 'desk',
		zh: '前台',
		en: 'Desk',
		forms: [
			form('repair-report', '报修登记', 'Repair report'),
			form('complaint', '客户投诉', 'Complaint'),
			form('tile-order', '瓷砖订单', 'Tile order'),
			form('follow-up-call', '回访结果', 'Follow-up call'),
		],
	},
	{
		role: 'manager',
		zh: '部门经理',
		en: 'Manager',
		forms: [
			form('dispatch', '派工', 'Dispatch'),
			form('repair-steps', '返修流程', 'Repair steps'),
			form('complaint-severity', '投诉性质判定', 'Complaint severity'),
		],
	},
	// The work log's form is not at `work-log`: POST work-log is the webhook's, and n8n keeps form and webhook paths in one register.
	{
		role: 'technician',
		zh: '技术员',
		en: 'Technician',
		forms: [form('visit-result', '上门结果', 'Visit result'), form('work-log-form', '工作日志', 'Work log')],
	},
	{ role: 'accountant', zh: '会计', en: 'Accountant', forms: [form('payment', '收款', 'Payment')] },
];

/** The document path each board row opens (RECORDS.md: the documents' addresses). */
export const boardDocumentPath = {
	ticket: (ticketNumber: string) => `repairs/${ticketNumber}/documents/voucher`,
	takenBack: (ticketNumber: string) => `repairs/${ticketNumber}/documents/repair-card`,
	invoice: (invoiceNumber: string) => `invoices/${invoiceNumber}/document`,
	complaint: (complaintNumber: string) => `complaints/${complaintNumber}/documents/reply-letter`,
	contract: (contractNo: string) => `contracts/${contractNo}/documents/expiry-notice`,
};

export const FORM_BASE = '/form/after-sales/';

/**
 * The forms that take an open ticket's next step, by its status. The board links each ticket to them
 * with `?ticketNumber=` filled in: the list of open tickets to pick from is the board itself (n8n's
 * first form page cannot take its options from the store; a later page can, but the ticket comes first).
 */
export const NEXT_STEP_FORMS: Readonly<Record<BoardStatus, readonly StaffForm[]>> = {
	open: [form('dispatch', '派工', 'Dispatch')],
	dispatched: [form('visit-result', '上门结果', 'Visit result'), form('dispatch', '改派', 'Reassign')],
	'taken-back': [form('repair-steps', '修护记录', 'Repair record')],
	repaired: [form('repair-steps', '验讫', 'Inspect')],
	inspected: [form('repair-steps', '归还', 'Return')],
};

/** The next-step links of one ticket ('' when its status has none). */
export function nextStepLinks(ticketNumber: string, status: string, lang: DocumentLang): Html | '' {
	const forms = NEXT_STEP_FORMS[status as BoardStatus];
	// The store's numbers (BX-20261127-0001) go into a URL as they are; anything else gets no link.
	if (!forms?.length || !/^[A-Za-z0-9-]+$/.test(ticketNumber)) return '';
	const en = lang === 'en';
	return markup`<br><small class="next">${forms.map(
		(f, i) => markup`${i > 0 ? ' · ' : ''}<a href="${FORM_BASE}${f.path}?ticketNumber=${ticketNumber}" data-next="${f.path}">${en ? f.en : f.zh}</a>`,
	)}</small>`;
}

/** The forms section: one block per role, its name and its forms' links. */
export function staffFormsSection(lang: DocumentLang): Html {
	const en = lang === 'en';
	const roles = STAFF_FORMS.map(
		(r) =>
			markup`<div class="role" data-role="${r.role}"><h3>${en ? `${r.en} (${r.zh})` : `${r.zh} ${r.en}`} <small>· ${r.role}</small></h3><ul>${r.forms.map(
				(f) => markup`<li><a href="${FORM_BASE}${f.path}" data-form="${f.path}">${en ? `${f.en} (${f.zh})` : `${f.zh} ${f.en}`}</a></li>`,
			)}</ul></div>`,
	);
	return markup`<section id="forms"><h2>${en ? 'Staff forms' : '员工表单 Staff forms'}</h2><div class="roles">${roles}</div><p class="hint">${
		en ? 'Log in with the role as user name and its password.' : '用户名为角色（desk / manager / technician / accountant），密码见启动时打印。'
	}</p></section>`;
}

/** A record number linked to its document when the board signed one, else the number as text. */
export function linked(text: string, href: string | undefined): Html {
	return href ? markup`<a class="doc" href="${href}">${text}</a>` : markup`${text}`;
}

/** The line under a capped table: "还有 N 条" / "N more", with a link to show every row. */
export function moreRow(more: number, cols: number, lang: DocumentLang, allRows: number): Html | '' {
	if (more <= 0) return '';
	const text = lang === 'en' ? `${more} more` : `还有 ${more} 条`;
	return markup`<tr class="more"><td colspan="${cols}">${text} · <a href="?rows=${allRows}${lang === 'en' ? '&lang=en' : ''}">${lang === 'en' ? 'show all' : '全部显示'}</a></td></tr>`;
}

export const BOARD_LINK_STYLE = `
a { color: #9cf; }
a.doc { color: #9cf; text-decoration: underline; }
tr.more td { color: #ffd400; font-style: italic; }
#forms .roles { display: flex; flex-wrap: wrap; gap: .3em 2em; }
#forms ul { margin: 0; padding-left: 1.2em; }
#forms .hint { color: #bbb; font-size: .85em; margin: .2em 0; }
small.next a { color: #ffd400; }
`;

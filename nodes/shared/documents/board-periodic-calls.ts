/**
 * The service board's periodic call list (待回访, 定期回访): the calls the monthly run listed and the
 * desk has not recorded yet, oldest first, each number opening the desk's form 回访结果 filled in.
 */
import { markup, type DocumentLang, type Html } from './html';
import { FORM_BASE } from './board-links';
import type { PeriodicCallView } from '../services/periodic-follow-up';

const L = {
	'zh-CN': {
		title: '待回访（定期回访）',
		number: '回访编号',
		customer: '客户',
		phone: '电话',
		unit: '设备序列号',
		lastContact: '上次联系',
		listed: '列出日期',
		none: '没有待回访的客户。',
	},
	en: {
		title: 'Periodic calls to make',
		number: 'Follow-up no.',
		customer: 'Customer',
		phone: 'Phone',
		unit: 'Serial no',
		lastContact: 'Last contact',
		listed: 'Listed on',
		none: 'No calls to make.',
	},
} as const;

/** The section; `capped` gives the rows with the board's "N more" line (the board's own row cap). */
export function periodicCallsSection(
	calls: readonly PeriodicCallView[],
	lang: DocumentLang,
	capped: (rows: readonly PeriodicCallView[], cols: number, row: (c: PeriodicCallView) => Html) => Html,
): Html {
	const l = L[lang === 'en' ? 'en' : 'zh-CN'];
	const row = (c: PeriodicCallView) =>
		markup`<tr data-follow-up="${c.followUpNumber}"><td><a class="doc" href="${FORM_BASE}follow-up-call?followUpNumber=${c.followUpNumber}">${c.followUpNumber}</a></td><td>${c.customerName}</td><td>${c.phone ?? '—'}</td><td>${c.serialNo}<br><small>${c.description}</small></td><td class="date">${c.lastContactOn}</td><td class="date">${c.listedOn}</td></tr>`;
	return markup`<section id="periodic-calls"><h2>${l.title} (${calls.length})</h2><table><thead><tr><th>${l.number}</th><th>${l.customer}</th><th>${l.phone}</th><th>${l.unit}</th><th>${l.lastContact}</th><th>${l.listed}</th></tr></thead><tbody>${
		calls.length ? capped(calls, 6, row) : markup`<tr><td colspan="6" class="empty">${l.none}</td></tr>`
	}</tbody></table></section>`;
}

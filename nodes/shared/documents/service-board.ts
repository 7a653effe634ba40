/**
 * The service board (服务看板) as a page for a wall screen: large type, white on black, overdue in
 * red, refreshing itself. Chinese first, English with `lang: 'en'`. Every value from the store
 * goes through `markup`, so user text is always escaped.
 */
import { DateTime } from 'luxon';
import { escapeHtml, markup, resolveLang, type DocumentLang, type Html } from './html';
import type { Letterhead } from './letterhead';
import { TICKET_STATUS_LABELS, type TicketStatus } from '../rules/ticket-lifecycle';
import { yuan } from '../rules/money';
import { BOARD_ROWS_DEFAULT, BOARD_ROWS_MAX, capRows, type ProductWhereabouts } from '../rules/board';
import { BOARD_LINK_STYLE, boardDocumentPath as docPath, linked, moreRow, nextStepLinks, staffFormsSection } from './board-links';
import type { ServiceBoard } from '../services/board';
import { periodicCallsSection } from './board-periodic-calls';
import { notSentSection } from './board-not-sent';

const L = {
	'zh-CN': {
		title: '服务看板',
		updated: '更新时间',
		refresh: (s: number) => `每 ${s} 秒自动刷新`,
		other: 'English',
		otherLang: 'en',
		tickets: '未结工单',
		overdue: '已超时',
		none: '无',
		noTickets: '没有未结工单。',
		ticketNumber: '工单号',
		status: '状态',
		category: '类别',
		customer: '客户',
		phone: '电话',
		address: '地址',
		situation: '现场情况',
		technician: '技术员',
		due: '应完成时间',
		late: (m: number) => `超时 ${duration(m, 'zh-CN')}`,
		dispatch: '今日派工',
		jobs: '今日工单',
		capacity: '日工作量上限',
		free: '剩余',
		full: '已满',
		overCapacity: (n: number) => `超出 ${n}`,
		inactive: '已停用',
		noTechnicians: '没有技术员。',
		total: '合计',
		takenBack: '带回修护的商品（客户商品进出登记簿）',
		takenBackShort: '带回商品',
		receipt: '收据号',
		product: '商品',
		serial: '序列号',
		takenOn: '带回日期',
		promisedBy: '约定完成日期',
		where: '所在',
		noTakenBack: '没有带回未还的商品。',
		contracts: '已发到期通知的保养合同（续约洽谈）',
		contractNo: '合同号',
		endsOn: '到期日',
		notice: '通知书号',
		noticedOn: '通知日期',
		task: '续约洽谈',
		noContracts: '没有已发到期通知的合同。',
		invoices: '未收款发票',
		invoice: '发票号',
		source: '工单/订单',
		issuedOn: '开票日期',
		amount: '金额',
		owed: '未收',
		days: '天数',
		noInvoices: '没有未收款的发票。',
		complaints: '待回复的投诉',
		complaint: '投诉号',
		severity: '程度',
		serious: '重大',
		general: '一般',
		text: '内容',
		replyDue: '回复期限',
		noComplaints: '没有待回复的投诉。',
		where_: { 'in-repair': '修护中', 'awaiting-inspection': '待经理验讫', 'awaiting-return': '待归还客户' } as Record<ProductWhereabouts, string>,
		task_: { open: '洽谈中', 'in-progress': '洽谈中', done: '已完成', closed: '已结束', renewed: '已续约', lapsed: '已过期' } as Record<
			string,
			string
		>,
	},
	en: {
		title: 'Service Board',
		updated: 'Updated',
		refresh: (s: number) => `refreshes every ${s} s`,
		other: '中文',
		otherLang: 'zh-CN',
		tickets: 'Open tickets',
		overdue: 'Overdue',
		none: 'none',
		noTickets: 'No open tickets.',
		ticketNumber: 'Ticket',
		status: 'Status',
		category: 'Cat.',
		customer: 'Customer',
		phone: 'Phone',
		address: 'Address',
		situation: 'Site situation',
		technician: 'Technician',
		due: 'Due',
		late: (m: number) => `${duration(m, 'en')} late`,
		dispatch: "Today's dispatch",
		jobs: 'Jobs today',
		capacity: 'Daily capacity',
		free: 'Free',
		full: 'full',
		overCapacity: (n: number) => `${n} over`,
		inactive: 'inactive',
		noTechnicians: 'No technicians.',
		total: 'Total',
		takenBack: 'Products taken back (in/out register)',
		takenBackShort: 'Taken back',
		receipt: 'Receipt',
		product: 'Product',
		serial: 'Serial no',
		takenOn: 'Taken on',
		promisedBy: 'Promised by',
		where: 'Where',
		noTakenBack: 'No product taken back and not returned.',
		contracts: 'Contracts with an expiry notice out (renewal)',
		contractNo: 'Contract',
		endsOn: 'Ends on',
		notice: 'Notice',
		noticedOn: 'Noticed on',
		task: 'Renewal task',
		noContracts: 'No contracts with a notice out.',
		invoices: 'Unpaid invoices',
		invoice: 'Invoice',
		source: 'Ticket/order',
		issuedOn: 'Issued on',
		amount: 'Amount',
		owed: 'Owed',
		days: 'Days',
		noInvoices: 'No unpaid invoices.',
		complaints: 'Complaints awaiting a reply',
		complaint: 'Complaint',
		severity: 'Severity',
		serious: 'Serious',
		general: 'General',
		text: 'Text',
		replyDue: 'Reply due',
		noComplaints: 'No complaints awaiting a reply.',
		where_: { 'in-repair': 'In repair', 'awaiting-inspection': 'Awaiting inspection', 'awaiting-return': 'Awaiting return' } as Record<
			ProductWhereabouts,
			string
		>,
		task_: {
			open: 'In negotiation',
			'in-progress': 'In negotiation',
			done: 'Done',
			closed: 'Closed',
			renewed: 'Renewed',
			lapsed: 'Lapsed',
		} as Record<string, string>,
	},
} as const;

/** 95 → "1小时35分" / "1 h 35 min"; days from 24 hours on. */
function duration(minutes: number, lang: DocumentLang): string {
	const d = Math.floor(minutes / 1440);
	const h = Math.floor((minutes % 1440) / 60);
	const m = minutes % 60;
	if (lang === 'en') return [d ? `${d} d` : '', h ? `${h} h` : '', !d && m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
	return [d ? `${d}天` : '', h ? `${h}小时` : '', !d && m ? `${m}分` : ''].filter(Boolean).join('') || '0分';
}

const STYLE = `
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
	margin: 0; padding: 1.2vw 1.6vw; background: #000; color: #fff;
	font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
	font-size: clamp(18px, 1.45vw, 40px); line-height: 1.35;
}
header.board-head { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 3px solid #fff; padding-bottom: .3em; margin-bottom: .6em; gap: 1em; flex-wrap: wrap; }
header.board-head .company-name { font-size: 1.6em; font-weight: bold; letter-spacing: .06em; overflow-wrap: anywhere; }
header.board-head h1 { font-size: 1.6em; margin: 0; letter-spacing: .12em; }
header.board-head .stamp { font-size: .9em; color: #ddd; }
header.board-head a { color: #9cf; }
.summary { display: flex; flex-wrap: wrap; gap: .5em; margin-bottom: .7em; }
.summary .tile { border: 2px solid #fff; padding: .2em .7em; font-size: 1.1em; }
.summary .tile b { font-size: 1.3em; }
.summary .tile.alert { background: #b00000; border-color: #ff4d4d; }
section { margin-bottom: 1em; }
h2 { font-size: 1.3em; margin: .2em 0 .3em; border-left: .35em solid #ffd400; padding-left: .4em; }
h3 { font-size: 1.05em; margin: .5em 0 .2em; color: #ffd400; }
h3.overdue { color: #ff6b6b; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #666; padding: .18em .4em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #222; color: #ffd400; font-weight: bold; }
td.num { text-align: right; white-space: nowrap; }
td:first-child, td.due, td.date, td.promised { white-space: nowrap; }
tr.overdue td, tr.late td, tr.serious td { background: #5c0000; }
tr.overdue td.due, tr.late td.promised, td.over, .late-by { color: #ffb3b3; font-weight: bold; }
td.full { color: #ffd400; font-weight: bold; }
.empty { color: #bbb; font-style: italic; }
.bar { display: inline-block; height: .7em; background: #3fbf3f; vertical-align: middle; }
.bar.full { background: #ffd400; }
.bar.over { background: #ff4d4d; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5em; }
@media (max-width: 1100px) { .grid { grid-template-columns: 1fr; } }
`;

function empty(text: string, cols: number): Html {
	return markup`<tr><td colspan="${cols}" class="empty">${text}</td></tr>`;
}

export interface BoardPageOptions {
	/** Seconds between reloads (meta refresh); 0 leaves the page still. */
	refreshSeconds?: number;
	/** Rows each table shows at most; the rest as "还有 N 条 / N more". */
	rows?: number;
	/** Signed links of the listed documents (document path → address), from the board's run. */
	links?: ReadonlyMap<string, string>;
	/** The staff forms per role at the top (the staff's home page); default shown. */
	forms?: boolean;
}

export function renderServiceBoard(
	board: ServiceBoard,
	lang: DocumentLang = 'zh-CN',
	letterhead?: Letterhead,
	options: BoardPageOptions = {},
): string {
	const language = resolveLang(lang);
	const l = L[language];
	const zone = board.timezone;
	const refresh = Math.max(0, Math.floor(options.refreshSeconds ?? 60));
	const at = (iso: string) => DateTime.fromISO(iso).setZone(zone).toFormat('MM-dd HH:mm');
	const s = board.summary;
	const cap = options.rows ?? BOARD_ROWS_DEFAULT;
	const href = (path: string) => options.links?.get(path);
	/** A table's rows, capped, with the "N more" line under them. */
	const capped = <T>(rows: readonly T[], cols: number, row: (r: T) => Html) => {
		const c = capRows(rows, cap);
		return markup`${c.shown.map(row)}${moreRow(c.more, cols, language, BOARD_ROWS_MAX)}`;
	};
	const status = (v: string) => TICKET_STATUS_LABELS[v as TicketStatus]?.[language === 'en' ? 'en' : 'zh'] ?? v;

	const tile = (label: string, value: unknown, alert = false) => markup`<div class="tile${alert ? ' alert' : ''}">${label} <b>${value}</b></div>`;
	const summary = markup`<div class="summary">
${tile(l.tickets, s.openTickets)}${tile(l.overdue, s.overdueTickets, s.overdueTickets > 0)}${tile(l.dispatch, `${s.dispatchedToday}/${board.dispatch.totals.capacity}`)}${tile(l.takenBackShort, s.productsTakenBack)}${tile(
		l.invoices,
		s.unpaidInvoices,
	)}${tile(l.complaints, s.openComplaints, s.seriousComplaints > 0)}${s.messagesNotSent ? tile(language === 'en' ? 'Messages not sent' : '发送失败的消息', s.messagesNotSent, true) : ''}
</div>`;

	const ticketRow = (t: ServiceBoard['tickets']['overdue'][number]) =>
		markup`<tr class="${t.overdue ? 'overdue' : ''}" data-ticket="${t.ticketNumber}"><td>${linked(t.ticketNumber, href(docPath.ticket(t.ticketNumber)))}${nextStepLinks(t.ticketNumber, t.status, language)}</td><td>${status(t.status)}</td><td>${t.category}</td><td>${t.customerName}</td><td>${t.phone}</td><td>${t.siteSituation}</td><td>${t.technicianName ?? '—'}</td><td class="due">${at(t.dueAt)}${t.overdue ? markup`<br><span class="late-by">${l.late(t.minutesOverdue)}</span>` : ''}</td></tr>`;
	const ticketHead = markup`<tr><th>${l.ticketNumber}</th><th>${l.status}</th><th>${l.category}</th><th>${l.customer}</th><th>${l.phone}</th><th>${l.situation}</th><th>${l.technician}</th><th>${l.due}</th></tr>`;
	const groups = board.tickets.byStatus
		.filter((g) => g.tickets.length > 0)
		.map(
			(g) =>
				markup`<h3 data-status="${g.status}">${status(g.status)} (${g.tickets.length})</h3><table><thead>${ticketHead}</thead><tbody>${capped(g.tickets, 8, ticketRow)}</tbody></table>`,
		);
	const overdue = board.tickets.overdue.length
		? markup`<h3 class="overdue" data-status="overdue">${l.overdue} (${board.tickets.overdue.length})</h3><table><thead>${ticketHead}</thead><tbody>${capped(board.tickets.overdue, 8, ticketRow)}</tbody></table>`
		: '';
	const tickets = markup`<section id="tickets"><h2>${l.tickets} (${s.openTickets})</h2>${overdue}${groups}${s.openTickets === 0 ? markup`<p class="empty">${l.noTickets}</p>` : ''}</section>`;

	const techRows = board.dispatch.technicians.map((k) => {
		const width = Math.min(100, k.percent ?? (k.jobs > 0 ? 100 : 0));
		const barClass = k.over > 0 ? 'bar over' : k.full ? 'bar full' : 'bar';
		const note = k.over > 0 ? l.overCapacity(k.over) : k.full ? l.full : '';
		return markup`<tr data-technician="${k.phone}"><td>${k.name}${k.active ? '' : markup` <span class="empty">(${l.inactive})</span>`}</td><td class="num">${k.jobs} / ${k.dailyCapacity}</td><td class="num${k.over > 0 ? ' over' : k.full ? ' full' : ''}">${k.free}${note ? markup` ${note}` : ''}</td><td><span class="${barClass}" style="width:${width * 0.05}em"></span> ${k.percent === null ? '—' : `${k.percent}%`}</td></tr>`;
	});
	const t = board.dispatch.totals;
	const dispatch = markup`<section id="dispatch"><h2>${l.dispatch} ${board.today}</h2><table><thead><tr><th>${l.technician}</th><th>${l.jobs} / ${l.capacity}</th><th>${l.free}</th><th></th></tr></thead><tbody>${
		techRows.length ? techRows : empty(l.noTechnicians, 4)
	}</tbody><tfoot><tr><th>${l.total}</th><td class="num">${t.jobs} / ${t.capacity}</td><td class="num">${t.free}</td><td></td></tr></tfoot></table></section>`;

	const takenBack = markup`<section id="taken-back"><h2>${l.takenBack} (${board.takenBack.length})</h2><table><thead><tr><th>${l.ticketNumber}</th><th>${l.product}</th><th>${l.customer}</th><th>${l.takenOn}</th><th>${l.promisedBy}</th><th>${l.where}</th><th>${l.technician}</th></tr></thead><tbody>${
		board.takenBack.length
			? capped(
					board.takenBack,
					7,
					(p) =>
						markup`<tr class="${p.late ? 'late' : ''}" data-ticket="${p.ticketNumber}"><td>${linked(p.ticketNumber, href(docPath.takenBack(p.ticketNumber)))}<br><small>${p.receiptNumber}</small></td><td>${p.product}${p.serialNo ? markup`<br><small>${l.serial} ${p.serialNo}</small>` : ''}</td><td>${p.customerName}</td><td class="date">${p.takenOn}</td><td class="promised">${p.promisedBy ?? '—'}</td><td>${l.where_[p.where]}</td><td>${p.technicianName ?? '—'}</td></tr>`,
				)
			: empty(l.noTakenBack, 7)
	}</tbody></table></section>`;

	const contracts = markup`<section id="contracts"><h2>${l.contracts} (${board.contracts.length})</h2><table><thead><tr><th>${l.contractNo}</th><th>${l.customer}</th><th>${l.phone}</th><th>${l.endsOn}</th><th>${l.notice}</th><th>${l.noticedOn}</th><th>${l.task}</th></tr></thead><tbody>${
		board.contracts.length
			? capped(
					board.contracts,
					7,
					(c) =>
						markup`<tr data-contract="${c.contractNo}"><td>${linked(c.contractNo, href(docPath.contract(c.contractNo)))}</td><td>${c.customerName}</td><td>${c.customerPhone ?? '—'}</td><td class="date">${c.endsOn}</td><td>${c.noticeNumber}</td><td class="date">${c.noticedOn}</td><td>${l.task_[c.taskStatus] ?? c.taskStatus}</td></tr>`,
				)
			: empty(l.noContracts, 7)
	}</tbody></table></section>`;

	const invoices = markup`<section id="invoices"><h2>${l.invoices} (${board.invoices.length}${board.invoices.length ? markup`, ${l.owed} ${yuan(s.owedFen)}` : ''})</h2><table><thead><tr><th>${l.invoice}</th><th>${l.customer}</th><th>${l.source}</th><th>${l.issuedOn}</th><th>${l.amount}</th><th>${l.owed}</th><th>${l.days}</th></tr></thead><tbody>${
		board.invoices.length
			? capped(
					board.invoices,
					7,
					(i) =>
						markup`<tr data-invoice="${i.invoiceNumber}"><td>${linked(i.invoiceNumber, href(docPath.invoice(i.invoiceNumber)))}</td><td>${i.customerName}</td><td>${i.source}</td><td class="date">${i.issuedOn}</td><td class="num">${yuan(i.totalFen)}</td><td class="num">${yuan(i.owedFen)}</td><td class="num">${i.days}</td></tr>`,
				)
			: empty(l.noInvoices, 7)
	}</tbody></table></section>`;

	const complaints = markup`<section id="complaints"><h2>${l.complaints} (${board.complaints.length})</h2><table><thead><tr><th>${l.complaint}</th><th>${l.severity}</th><th>${l.customer}</th><th>${l.text}</th><th>${l.ticketNumber}</th><th>${l.technician}</th><th>${l.replyDue}</th></tr></thead><tbody>${
		board.complaints.length
			? capped(
					board.complaints,
					7,
					(c) =>
						markup`<tr class="${c.severity === 'serious' || c.overdue ? 'serious' : ''}" data-complaint="${c.complaintNumber}"><td>${linked(c.complaintNumber, href(docPath.complaint(c.complaintNumber)))}</td><td>${c.severity === 'serious' ? l.serious : l.general}</td><td>${c.customerName}</td><td>${c.text}</td><td>${c.ticketNumber ?? c.orderNumber ?? '—'}</td><td>${c.technicianName ?? '—'}</td><td class="date${c.overdue ? ' over' : ''}">${c.replyDueOn}</td></tr>`,
				)
			: empty(l.noComplaints, 7)
	}</tbody></table></section>`;

	const company = letterhead?.name?.trim() ? markup`<div class="company-name">${letterhead.name}</div>` : '';
	const head = markup`<header class="board-head">${company}<h1>${l.title}</h1><div class="stamp">${l.updated} ${DateTime.fromISO(board.generatedAt).setZone(zone).toFormat('yyyy-MM-dd HH:mm')}${
		refresh ? markup` · ${l.refresh(refresh)}` : ''
	} · <a href="?lang=${l.otherLang}">${l.other}</a></div></header>`;
	const body = markup`${head}
${summary}
${options.forms === false ? '' : staffFormsSection(language)}
${tickets}
<div class="grid">${dispatch}${takenBack}</div>
<div class="grid">${complaints}${invoices}</div>
${contracts}
${periodicCallsSection(board.periodicCalls ?? [], language, capped)}
${board.notSent ? notSentSection(board.notSent, language, cap, zone) : ''}`;
	const title = letterhead?.name?.trim() ? `${l.title} · ${letterhead.name.trim()}` : l.title;
	return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? `<meta http-equiv="refresh" content="${refresh}">\n` : ''}<title>${escapeHtml(title)}</title>
<style>${STYLE}${BOARD_LINK_STYLE}</style>
</head>
<body class="service-board">
${body.toString()}
</body>
</html>
`;
}

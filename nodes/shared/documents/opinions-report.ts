/**
 * The month's opinions compiled (定期整理回访记录, P15) as a page to read or print and the body of
 * the manager's monthly email: the suggestions from surveys and periodic calls, then the
 * complaints, each with what was done about it. Chinese first; every user text escaped.
 */
import { documentHeader, markup, metaTable, page, resolveLang, type DocumentLang } from './html';
import { renderLetterhead, type Letterhead } from './letterhead';
import type { OpinionsReport } from '../services/opinions-report';

const L = {
	'zh-CN': {
		title: '回访意见月度汇总',
		month: '月份',
		timezone: '时区',
		suggestions: '客户意见与建议',
		complaints: '客户投诉',
		on: '日期',
		source: '来源',
		number: '编号',
		customer: '客户',
		unit: '设备序列号',
		text: '内容',
		done: '处理情况',
		severity: '性质',
		sources: { survey: '回访调查', call: '定期回访', other: '电话/来访' },
		severities: { general: '一般', serious: '重大' },
		noSuggestions: '本月没有意见或建议。',
		noComplaints: '本月没有投诉。',
		totals: (t: OpinionsReport['totals']) =>
			`意见 ${t.suggestions} 条（回访调查 ${t.fromSurveys}，定期回访 ${t.fromCalls}，其中故障 ${t.faults}）；投诉 ${t.complaints} 件（未答复 ${t.complaintsOpen}）。`,
	},
	en: {
		title: 'Customer Opinions of the Month',
		month: 'Month',
		timezone: 'Timezone',
		suggestions: 'Suggestions',
		complaints: 'Complaints',
		on: 'Date',
		source: 'Source',
		number: 'No.',
		customer: 'Customer',
		unit: 'Serial no',
		text: 'What was said',
		done: 'What was done',
		severity: 'Severity',
		sources: { survey: 'survey', call: 'periodic call', other: 'phone / in person' },
		severities: { general: 'general', serious: 'serious' },
		noSuggestions: 'No suggestions this month.',
		noComplaints: 'No complaints this month.',
		totals: (t: OpinionsReport['totals']) =>
			`${t.suggestions} suggestions (${t.fromSurveys} from surveys, ${t.fromCalls} from periodic calls, ${t.faults} faults); ${t.complaints} complaints (${t.complaintsOpen} not yet answered).`,
	},
} as const;

export function renderOpinionsReport(data: OpinionsReport, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = L[language];
	const done = (d: { zh: string; en: string }) => (language === 'en' ? d.en : d.zh);
	const suggestions = data.suggestions.map(
		(s) =>
			markup`<tr><td>${s.on}</td><td>${l.sources[s.source]}</td><td>${s.number}</td><td>${s.customerName}</td><td>${s.serialNo ?? ''}</td><td>${s.text}</td><td>${done(s.done)}</td></tr>`,
	);
	const complaints = data.complaints.map(
		(c) =>
			markup`<tr><td>${c.receivedOn}</td><td>${l.sources[c.source]}</td><td>${c.complaintNumber}</td><td>${c.customerName}</td><td>${l.severities[c.severity]}</td><td>${c.text}</td><td>${done(c.done)}${c.reply ? markup`<br>${c.reply.text}` : ''}</td></tr>`,
	);
	const body = markup`<div class="doc opinions-report">
${documentHeader(l.title)}
${metaTable(
	[
		[l.month, data.month],
		[l.timezone, data.timezone],
	],
	language,
)}
<h2>${l.suggestions}</h2>
<table class="form opinions">
<thead><tr><th>${l.on}</th><th>${l.source}</th><th>${l.number}</th><th>${l.customer}</th><th>${l.unit}</th><th>${l.text}</th><th>${l.done}</th></tr></thead>
<tbody>
${suggestions.length ? suggestions : markup`<tr><td colspan="7" class="center">${l.noSuggestions}</td></tr>`}
</tbody>
</table>
<h2>${l.complaints}</h2>
<table class="form opinions">
<thead><tr><th>${l.on}</th><th>${l.source}</th><th>${l.number}</th><th>${l.customer}</th><th>${l.severity}</th><th>${l.text}</th><th>${l.done}</th></tr></thead>
<tbody>
${complaints.length ? complaints : markup`<tr><td colspan="7" class="center">${l.noComplaints}</td></tr>`}
</tbody>
</table>
<p class="note">${l.totals(data.totals)}</p>
</div>`;
	return page({ title: `${l.title} ${data.month}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

/**
 * The technicians' monthly performance (技术员月度绩效考核表, P15/P16) as a page to read or print,
 * and the body of the manager's monthly email: per technician the jobs, the rated jobs, the mean
 * of each criterion, the overall and the complaints; the company's totals below.
 */
import { documentHeader, markup, metaTable, page, resolveLang, type DocumentLang } from './html';
import { renderLetterhead, type Letterhead } from './letterhead';
import type { TechnicianKpi } from '../rules/kpi';

/** A technician's row as the services work it out; a row without `seriousComplaints` shows none. */
export type KpiRow = Omit<TechnicianKpi, 'seriousComplaints'> & { seriousComplaints?: number };

export interface KpiReportData {
	month: string;
	timezone: string;
	technicians: KpiRow[];
	totals: { jobs: number; rated: number; complaints: number; seriousComplaints: number; overall: number | null };
}

const L = {
	'zh-CN': {
		title: '技术员月度绩效考核表',
		month: '月份',
		timezone: '时区',
		name: '技术员',
		phone: '电话',
		jobs: '完成工单',
		rated: '已评价',
		attitude: '服务态度',
		skill: '技术水平',
		arrival: '到达时间',
		promises: '答应事项的办理',
		overall: '综合得分',
		complaints: '投诉（其中重大）',
		total: '合计',
		none: '本月没有技术员。',
		note: '评分：很满意 4，满意 3，一般 2，不满意 1；每项为本月收到的评价的平均分，综合得分为四项平均分的平均；按评价收到的日期计入月份。',
	},
	en: {
		title: 'Technician Monthly Performance',
		month: 'Month',
		timezone: 'Timezone',
		name: 'Technician',
		phone: 'Phone',
		jobs: 'Jobs',
		rated: 'Rated',
		attitude: 'Attitude',
		skill: 'Skill',
		arrival: 'Arrival time',
		promises: 'Keeping promises',
		overall: 'Overall',
		complaints: 'Complaints (serious)',
		total: 'Total',
		none: 'No technicians this month.',
		note: 'Scores: very satisfied 4, satisfied 3, average 2, unsatisfied 1. Each criterion is the mean of the answers received in the month; overall is the mean of the four means. An answer counts in the month it came in.',
	},
} as const;

/** A mean as printed: two decimals, a dash without any rated job. */
const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));

export function renderKpiReport(data: KpiReportData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = L[language];
	const rows = data.technicians.map(
		(t) =>
			markup`<tr><td>${t.name}</td><td>${t.phone}</td><td class="num">${t.jobs}</td><td class="num">${t.rated}</td><td class="num">${score(t.attitude)}</td><td class="num">${score(
				t.skill,
			)}</td><td class="num">${score(t.arrival)}</td><td class="num">${score(t.promises)}</td><td class="num"><strong>${score(t.overall)}</strong></td><td class="num">${t.complaints} (${t.seriousComplaints ?? 0})</td></tr>`,
	);
	const empty = markup`<tr><td colspan="10" class="center">${l.none}</td></tr>`;
	const totals = data.totals;
	const body = markup`<div class="doc kpi-report">
${documentHeader(l.title)}
${metaTable(
	[
		[l.month, data.month],
		[l.timezone, data.timezone],
	],
	language,
)}
<table class="form kpi">
<thead><tr><th>${l.name}</th><th>${l.phone}</th><th class="center">${l.jobs}</th><th class="center">${l.rated}</th><th class="center">${l.attitude}</th><th class="center">${l.skill}</th><th class="center">${l.arrival}</th><th class="center">${l.promises}</th><th class="center">${l.overall}</th><th class="center">${l.complaints}</th></tr></thead>
<tbody>
${rows.length ? rows : empty}
</tbody>
<tfoot><tr><th colspan="2">${l.total}</th><td class="num">${totals.jobs}</td><td class="num">${totals.rated}</td><td colspan="4"></td><td class="num"><strong>${score(totals.overall)}</strong></td><td class="num">${totals.complaints} (${totals.seriousComplaints})</td></tr></tfoot>
</table>
<p class="note">${l.note}</p>
</div>`;
	return page({ title: `${l.title} ${data.month}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

/**
 * The work reports as pages to read or print, and the body of the manager's Monday email:
 * the technician's daily work report (技术员工作日报表, P10) — per technician the day's tickets,
 * categories, minutes and D work — and the weekly after-sales repair record table
 * (售后服务报修记录表, P11) — per technician × category A/B/C/D, jobs and minutes, with totals.
 */
import { documentHeader, markup, metaTable, page, resolveLang, type DocumentLang, type Html } from './html';
import { renderLetterhead, type Letterhead } from './letterhead';
import { CATEGORY_LABELS } from '../rules/service-category';
import {
	INTERNAL_WORK_LABELS,
	TICKET_WORK_LABELS,
	WORK_CATEGORIES,
	formatMinutes,
	type DailyRow,
	type WeeklyRow,
	type WorkTotals,
} from '../rules/work-report';

export interface DailyWorkReportData {
	date: string;
	week?: string;
	timezone?: string;
	technicians: DailyRow[];
	totals: WorkTotals;
}

export interface WeeklyWorkTableData {
	week: string;
	from: string;
	to: string;
	timezone?: string;
	technicians: WeeklyRow[];
	totals: WorkTotals;
	/** The week's daily reports, printed after the table (the Monday email). */
	days?: DailyWorkReportData[];
}

const L = {
	'zh-CN': {
		daily: '技术员工作日报表',
		weekly: '售后服务报修记录表',
		date: '日期',
		week: '周次',
		period: '期间',
		timezone: '时区',
		name: '技术员',
		phone: '电话',
		ticket: '工单号',
		customer: '客户',
		category: '类别',
		work: '工作内容',
		minutes: '工时（分钟）',
		notes: '备注',
		jobs: '件数',
		total: '合计',
		internal: '一般行政工作（无工单）',
		noWork: '当日无工作记录。',
		none: '没有技术员。',
		dailyNote:
			'工作按实际完成的日期计入（上门或修理的时间），而非录入日期。A 有费服务，B 合同服务，C 免费服务，D 一般行政工作（巡检、零件管理、工具保养、培训）。',
		weeklyNote:
			'每格为件数 / 工时（分钟）。A、B、C 每张工单计一件（上门与带回修理合计），D 每条记录计一件；按工作完成的日期计入（ISO 周，周一至周日）。',
		dailyReports: '本周技术员工作日报表',
	},
	en: {
		daily: 'Technician Daily Work Report',
		weekly: 'After-Sales Repair Record Table',
		date: 'Date',
		week: 'Week',
		period: 'Period',
		timezone: 'Timezone',
		name: 'Technician',
		phone: 'Phone',
		ticket: 'Ticket',
		customer: 'Customer',
		category: 'Category',
		work: 'Work',
		minutes: 'Minutes',
		notes: 'Notes',
		jobs: 'Jobs',
		total: 'Total',
		internal: 'Internal work (no ticket)',
		noWork: 'No work recorded this day.',
		none: 'No technicians.',
		dailyNote:
			'Work counts on the day it was done (the visit or repair time), not the day it was entered. A paid service, B contract service, C free service, D internal administrative work (inspection, parts management, tool upkeep, training).',
		weeklyNote:
			'Each cell is jobs / minutes. For A, B and C a ticket is one job (visit and take-back repair together); each D entry is one job. Work counts on the day it was done (ISO week, Monday to Sunday).',
		dailyReports: "The week's daily work reports",
	},
} as const;

function kindLabel(kind: string, lang: DocumentLang): string {
	return kind
		.split('+')
		.map(
			(k) =>
				(INTERNAL_WORK_LABELS as Record<string, { en: string; zh: string }>)[k]?.[lang === 'en' ? 'en' : 'zh'] ??
				(TICKET_WORK_LABELS as Record<string, { en: string; zh: string }>)[k]?.[lang === 'en' ? 'en' : 'zh'] ??
				k,
		)
		.join(lang === 'en' ? ' + ' : '、');
}

const categoryHead = (c: (typeof WORK_CATEGORIES)[number], lang: DocumentLang) => `${c} ${CATEGORY_LABELS[c][lang === 'en' ? 'en' : 'zh']}`;

/** One technician's day: the lines, then the figures per category. */
function technicianDay(t: DailyRow, language: DocumentLang): Html {
	const l = L[language];
	const lines = t.entries.map(
		(e) =>
			markup`<tr><td>${e.ticketNumber ?? l.internal}</td><td>${e.customerName ?? ''}</td><td class="center">${e.category}</td><td>${kindLabel(e.kind, language)}</td><td class="num">${e.minutes}</td><td>${e.notes ?? ''}</td></tr>`,
	);
	const empty = markup`<tr><td colspan="6" class="center">${l.noWork}</td></tr>`;
	const figures = WORK_CATEGORIES.map((c) => `${c} ${t.byCategory[c].jobs} / ${t.byCategory[c].minutes}`).join(language === 'en' ? '; ' : '；');
	const [colon, open, close] = language === 'en' ? [': ', ' (', ')'] : ['：', '（', '）'];
	return markup`<section class="technician-day">
<table class="form daily">
<thead><tr><th colspan="6" class="section">${l.name}${colon}${t.name}${open}${t.phone}${close}</th></tr>
<tr><th>${l.ticket}</th><th>${l.customer}</th><th class="center">${l.category}</th><th>${l.work}</th><th class="center">${l.minutes}</th><th>${l.notes}</th></tr></thead>
<tbody>
${lines.length ? lines : empty}
</tbody>
<tfoot><tr><th colspan="4">${l.total}${open}${figures}${close}</th><td class="num"><strong>${t.totalMinutes}</strong></td><td>${formatMinutes(t.totalMinutes, language)}</td></tr></tfoot>
</table>
</section>`;
}

function dailyBody(data: DailyWorkReportData, language: DocumentLang, heading: 'h1' | 'h2'): Html {
	const l = L[language];
	const meta = metaTable(
		[[l.date, data.date], [l.week, data.week ?? ''], ...(data.timezone ? ([[l.timezone, data.timezone]] as Array<[string, string]>) : [])],
		language,
	);
	const title = heading === 'h1' ? documentHeader(l.daily) : markup`<h2>${l.daily} ${data.date}</h2>`;
	const people = data.technicians.map((t) => technicianDay(t, language));
	return markup`<div class="doc daily-work-report">
${title}
${heading === 'h1' ? meta : ''}
${people.length ? people : markup`<p>${l.none}</p>`}
${heading === 'h1' ? markup`<p class="note">${l.dailyNote}</p>` : ''}
</div>`;
}

/** The daily work report of one day (技术员工作日报表). */
export function renderDailyWorkReport(data: DailyWorkReportData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	return page({
		title: `${L[language].daily} ${data.date}`,
		lang: language,
		body: dailyBody(data, language, 'h1'),
		letterhead: renderLetterhead(letterhead, language),
	});
}

/** The weekly repair record table (售后服务报修记录表), with the week's daily reports after it when given. */
export function renderWeeklyWorkTable(data: WeeklyWorkTableData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = L[language];
	const cells = (f: { byCategory: WorkTotals['byCategory']; totalJobs: number; totalMinutes: number }) =>
		markup`${WORK_CATEGORIES.map((c) => markup`<td class="num">${f.byCategory[c].jobs}</td><td class="num">${f.byCategory[c].minutes}</td>`)}<td class="num"><strong>${f.totalJobs}</strong></td><td class="num"><strong>${f.totalMinutes}</strong></td>`;
	const rows = data.technicians.map((t) => markup`<tr><td>${t.name}</td><td>${t.phone}</td>${cells(t)}</tr>`);
	const empty = markup`<tr><td colspan="12" class="center">${l.none}</td></tr>`;
	const days = data.days?.length ? markup`<h2 class="days">${l.dailyReports}</h2>${data.days.map((d) => dailyBody(d, language, 'h2'))}` : '';
	const body = markup`<div class="doc weekly-work-table">
${documentHeader(l.weekly)}
${metaTable(
	[
		[l.week, data.week],
		[l.period, `${data.from} – ${data.to}`],
		...(data.timezone ? ([[l.timezone, data.timezone]] as Array<[string, string]>) : []),
	],
	language,
)}
<table class="form weekly">
<thead><tr><th rowspan="2">${l.name}</th><th rowspan="2">${l.phone}</th>${WORK_CATEGORIES.map((c) => markup`<th colspan="2" class="center">${categoryHead(c, language)}</th>`)}<th colspan="2" class="center">${l.total}</th></tr>
<tr>${[...WORK_CATEGORIES, 'total'].map(() => markup`<th class="center">${l.jobs}</th><th class="center">${l.minutes}</th>`)}</tr></thead>
<tbody>
${rows.length ? rows : empty}
</tbody>
<tfoot><tr><th colspan="2">${l.total}</th>${cells(data.totals)}</tr></tfoot>
</table>
<p class="note">${l.weeklyNote}</p>
${days}
</div>`;
	return page({ title: `${l.weekly} ${data.week}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

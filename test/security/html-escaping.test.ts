/**
 * Every printable document escapes every string that comes from users (issue 12, item 5). The
 * documents are listed from `nodes/shared/documents/` itself: each exported `render…` function
 * needs a case in CASES below, so a new document without one fails this test. Each case gives a
 * realistic record; every string in it (but the enum values and dates the page maps or parses) is
 * replaced by script and attribute-breaking markup tagged with its path, the letterhead too, and
 * the page is rendered in both languages. The page's own markup is allowed; from the data, no
 * `<script`, no `<img`, no quote that closes an attribute: each payload must appear only in its
 * exact escaped form.
 *
 * To add a document (contracts' expiry notice, work reports, the board, order invoices …): add a
 * `renderX: (lang, letterhead) => renderX(poison(fixture), lang, letterhead)` entry to CASES.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderComplaintReplyLetter } from '../../nodes/shared/documents/complaint-reply-letter';
import { renderInvoice } from '../../nodes/shared/documents/invoice';
import { renderKpiReport } from '../../nodes/shared/documents/kpi-report';
import { renderOpinionsReport } from '../../nodes/shared/documents/opinions-report';
import { renderLetterhead, type Letterhead } from '../../nodes/shared/documents/letterhead';
import { renderLiaisonLetter } from '../../nodes/shared/documents/liaison-letter';
import { renderProductReceipt } from '../../nodes/shared/documents/product-receipt';
import { renderRepairCard } from '../../nodes/shared/documents/repair-card';
import { renderRepairServiceForm } from '../../nodes/shared/documents/repair-service-form';
import { renderServiceVoucher } from '../../nodes/shared/documents/service-voucher';
import {
	renderDeliveryNote,
	renderPaymentNotice,
	renderProcessingSheet,
	renderSettlementStatement,
} from '../../nodes/shared/documents/tile-order-documents';
import { renderExpiryNotice } from '../../nodes/shared/documents/expiry-notice';
import { renderServiceBoard } from '../../nodes/shared/documents/service-board';
import { renderLabelSheet } from '../../nodes/shared/documents/scan-labels';
import { renderReportPage, renderScanAnswerPage } from '../../nodes/shared/documents/scan-report-page';
import { renderDailyWorkReport, renderWeeklyWorkTable } from '../../nodes/shared/documents/work-reports';
import { dispatchBoard, ticketBoard } from '../../nodes/shared/rules/board';
import type { ServiceBoard } from '../../nodes/shared/services/board';
import type { DocumentLang } from '../../nodes/shared/documents/html';
import type { Invoice } from '../../nodes/shared/store/registers/invoices';
import type { TileOrderView } from '../../nodes/shared/store/registers/tile-orders';

const DOCUMENTS = join(__dirname, '../../nodes/shared/documents');

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const PAYLOAD = `${SCRIPT}${IMG}'&`;
/** The only forms in which the payload may appear on a page. */
const SCRIPT_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const IMG_ESCAPED = '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;';

/** Fields the documents map (enum values) or parse (dates and times): not free text. */
const NOT_TEXT = new Set([
	'status',
	'kind',
	'category',
	'customerType',
	'severity',
	'method',
	'result',
	'delivered',
	'satisfaction',
	'dissatisfactionReasons',
	'vehicle',
	'source',
	'stage',
	'timezone',
	'month',
]);
const DATE = /^\d{4}-\d{2}-\d{2}/;

/** Every free-text string of `value` replaced by the payload tagged with its path. */
function poison<T>(value: T, path = ''): T {
	if (typeof value === 'string') return (DATE.test(value) ? value : `${PAYLOAD}#${path}`) as T;
	if (Array.isArray(value)) return value.map((v, i) => poison(v, `${path}[${i}]`)) as T;
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, NOT_TEXT.has(k) ? v : poison(v, path ? `${path}.${k}` : k)])) as T;
	return value;
}

const letterhead: Letterhead = poison({ name: '安达售后服务有限公司', address: '上海市徐汇区漕溪路 88 号', phone: '021-6488 7700' });
const zoneFn = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const ZONE = 'Asia/Shanghai';

const invoice: Invoice = {
	id: 1,
	invoiceNumber: 'FP-2026-000042',
	source: { kind: 'ticket', ticketNumber: 'BX-20261127-0001' },
	ticketNumber: 'BX-20261127-0001',
	orderNumber: null,
	stage: null,
	category: 'A',
	customerName: '陈先生',
	customerCode: 'KH000001',
	issuedOn: '2026-11-27',
	issuedAt: '2026-11-27T06:00:00.000Z',
	issuedBy: '收费员',
	lines: [
		{ kind: 'call-out', description: '上门费 Call-out fee', quantity: 1, unitFen: 5000, amountFen: 5000 },
		{ kind: 'parts', description: '点火针', quantity: 2, unitFen: 3500, amountFen: 7000 },
	],
	totalFen: 12000,
	paidFen: 2000,
	balanceFen: 10000,
	totalYuan: '120.00',
	paidYuan: '20.00',
	balanceYuan: '100.00',
	status: 'void',
	collectedOnSite: true,
	amountInWords: '壹佰贰拾元整',
	payments: [
		{
			amountFen: 2000,
			method: 'cash',
			paidAt: '2026-11-27T06:00:00.000Z',
			paidOn: '2026-11-27',
			recordedBy: '出纳',
			note: '现场',
			onSite: true,
			technician: { name: '王师傅', phone: '137' },
			handedOverAt: null,
			handedOverBy: null,
		},
	],
	fapiaoNumber: '26312000000123456789',
	voidReason: '开错客户',
	voidedAt: '2026-11-28T01:00:00.000Z',
	replacesInvoiceNumber: null,
} as Invoice;

const order = {
	orderNumber: 'DD-20261127-0001',
	status: 'settled',
	statusLabel: '已结算 Settled',
	orderDay: '2026-11-27',
	customerCode: 'KH000001',
	customerName: '陈女士',
	contactPerson: '陈',
	phone: '13812345678',
	email: 'chen@example.com',
	address: '上海市徐汇区',
	depositFen: 200_000,
	processing: true,
	installer: { name: '李师傅', phone: '13900000001' },
	notes: '备注',
	goodsFen: 380_800,
	totalWeightKg: 696,
	stockSufficient: true,
	lines: [
		{
			lineNo: 1,
			modelCode: 'CZ-600',
			name: '抛光砖',
			size: '600×600',
			areaM2: 21.6,
			wastagePct: 5,
			layout: '工字铺',
			extraBoxes: 2,
			piecesNeeded: 63,
			boxes: 18,
			piecesPerBox: 4,
			boxWeightKg: 26,
			weightKg: 468,
			pricePerBoxFen: 12_800,
			amountFen: 230_400,
			boxesAvailable: 82,
			boxesReserved: 18,
			shortBoxes: 0,
		},
		{
			lineNo: 2,
			modelCode: 'CZ-600',
			name: '抛光砖',
			size: '600×600',
			areaM2: 3.6,
			wastagePct: 5,
			layout: '工字铺',
			extraBoxes: 0,
			piecesNeeded: 11,
			boxes: 3,
			piecesPerBox: 4,
			boxWeightKg: 26,
			weightKg: 78,
			pricePerBoxFen: 12_800,
			amountFen: 38_400,
			boxesAvailable: 82,
			boxesReserved: 3,
			shortBoxes: 0,
		},
	],
	// T5 per model: the two lines of CZ-600 print a model total row, its text escaped like the rest.
	models: [
		{
			modelCode: 'CZ-600',
			name: '抛光砖',
			size: '600×600',
			lineNos: [1, 2],
			areaM2: 25.2,
			extraBoxes: 2,
			piecesNeeded: 74,
			boxes: 21,
			weightKg: 546,
			amountFen: 268_800,
			boxesReserved: 21,
			shortBoxes: 0,
		},
	],
	appointment: null,
	measurement: { measuredAt: '2026-11-28T02:00:00.000Z', measuredBy: '小张' },
	stockPreparedAt: '2026-11-28T03:00:00.000Z',
	processingSheet: {
		factory: '默认加工厂',
		factoryEmail: 'factory@example.com',
		sentAt: '2026-11-28T04:00:00.000Z',
		completionDate: '2026-12-03',
		feeFen: 12_000,
		confirmedAt: '2026-11-29T01:00:00.000Z',
		rows: [
			{ lineNo: 1, modelCode: 'CZ-600', name: '抛光砖', size: '600×600', pieces: 6, cutting: '切角', edging: '是', chamfering: '45°', notes: '小心' },
		],
	},
	paymentNotice: { issuedAt: '2026-11-29T02:00:00.000Z', amountDueFen: 192_800 },
	payments: [{ amountFen: 192_800, method: 'wechat', reason: '尾款', paidAt: '2026-11-29T03:00:00.000Z', actor: 'n8n' }],
	paidFen: 192_800,
	balanceFen: -25_800,
	delivery: {
		deliveryDate: '2026-12-05',
		installer: { name: '李师傅', phone: '13900000001' },
		totalWeightKg: 696,
		trips: [{ vehicle: 'van', vehicleName: '面包车', payloadKg: 1000, loadKg: 696, boxes: 26, freightFen: 15_000 }],
		freightFen: 15_000,
	},
	installationStartedAt: null,
	secondary: [
		{ kind: 'extra', modelCode: 'CZ-600', boxes: 2, unitFen: 12_800, amountFen: 25_600, notes: '补货', createdAt: '2026-12-06T01:00:00.000Z' },
		{ kind: 'return', modelCode: 'CZ-600', boxes: 3, unitFen: 12_800, amountFen: 38_400, notes: '退货', createdAt: '2026-12-07T01:00:00.000Z' },
	],
	settlement: {
		goodsFen: 380_800,
		processingFen: 12_000,
		extraFen: 25_600,
		returnsFen: 38_400,
		reprocessingFen: 0,
		depositFen: 200_000,
		paidFen: 192_800,
		balanceFen: -25_800,
	},
	settledAt: '2026-12-08T01:00:00.000Z',
	completedAt: null,
	archivedAt: null,
	cancelledAt: null,
	cancelReason: '改期',
	createdAt: '2026-11-27T01:00:00.000Z',
	updatedAt: '2026-12-08T01:00:00.000Z',
	history: [],
} as unknown as TileOrderView;

type Render = (lang: DocumentLang, lh: Letterhead) => string;

const CASES: Record<string, Render> = {
	renderExpiryNotice: (lang, lh) =>
		renderExpiryNotice(
			poison({
				noticeNumber: 'TZ-20270131-0002',
				noticedOn: '2027-01-31',
				contractNo: 'HT-2026-001',
				kind: 'annual' as const,
				startsOn: '2026-03-01',
				endsOn: '2027-02-28',
				feeYuan: '1200.00',
				visitFeeYuan: '0.00',
				partsIncluded: true,
				customerName: '华东物业',
				contactPerson: '陈经理',
				phone: '13800000001',
				address: '上海市徐汇区漕溪路88号',
			}),
			lang,
			lh,
		),
	renderDailyWorkReport: (lang, lh) =>
		renderDailyWorkReport(
			{
				...poison({
					technicians: [
						{
							name: '王师傅',
							phone: '13700000001',
							entries: [
								{ ticketNumber: 'BX-20261123-0001', customerName: '华东物业', category: 'A', kind: 'repair+visit', minutes: 85, notes: '更换电容' },
								{ ticketNumber: null, customerName: null, category: 'D', kind: 'inspection', minutes: 20, notes: '巡检徐汇区设备' },
							],
							internalWork: [{ ticketNumber: null, customerName: null, category: 'D', kind: 'inspection', minutes: 20, notes: '巡检徐汇区设备' }],
							byCategory: { A: { jobs: 1, minutes: 85 }, B: { jobs: 0, minutes: 0 }, C: { jobs: 0, minutes: 0 }, D: { jobs: 1, minutes: 20 } },
							totalJobs: 2,
							totalMinutes: 105,
						},
					],
				}),
				// The day and week are computed, not typed by users.
				date: '2026-11-24',
				week: '2026-W48',
				timezone: 'Asia/Shanghai',
				totals: {
					byCategory: { A: { jobs: 1, minutes: 85 }, B: { jobs: 0, minutes: 0 }, C: { jobs: 0, minutes: 0 }, D: { jobs: 1, minutes: 20 } },
					totalJobs: 2,
					totalMinutes: 105,
				},
			} as Parameters<typeof renderDailyWorkReport>[0],
			lang,
			lh,
		),
	renderWeeklyWorkTable: (lang, lh) =>
		renderWeeklyWorkTable(
			{
				...poison({
					technicians: [
						{
							name: '王师傅',
							phone: '13700000001',
							byCategory: { A: { jobs: 1, minutes: 100 }, B: { jobs: 0, minutes: 0 }, C: { jobs: 1, minutes: 30 }, D: { jobs: 2, minutes: 110 } },
							totalJobs: 4,
							totalMinutes: 240,
						},
					],
				}),
				week: '2026-W48',
				from: '2026-11-23',
				to: '2026-11-29',
				totals: {
					byCategory: { A: { jobs: 1, minutes: 100 }, B: { jobs: 0, minutes: 0 }, C: { jobs: 1, minutes: 30 }, D: { jobs: 2, minutes: 110 } },
					totalJobs: 4,
					totalMinutes: 240,
				},
			} as Parameters<typeof renderWeeklyWorkTable>[0],
			lang,
			lh,
		),
	renderServiceBoard: (lang, lh) => {
		const now = '2026-11-27T02:00:00.000Z';
		const tickets = [
			{
				ticketNumber: 'BX-20261126-0001',
				status: 'dispatched',
				category: 'A',
				customerName: '华东物业',
				phone: '13800000001',
				address: '上海市徐汇区',
				siteSituation: '空调不制冷',
				technicianName: '王师傅',
				reportedAt: '2026-11-26T01:00:00.000Z',
				dueAt: '2026-11-26T00:25:00.000Z',
				overdue: true,
				minutesOverdue: 1535,
			},
			{
				ticketNumber: 'BX-20261127-0002',
				status: 'open',
				category: 'B',
				customerName: '静安物业',
				phone: '13800000002',
				address: '上海市静安区',
				siteSituation: '漏水',
				technicianName: null,
				reportedAt: '2026-11-27T01:00:00.000Z',
				dueAt: '2026-11-27T06:00:00.000Z',
				overdue: false,
				minutesOverdue: 0,
			},
		];
		const data = poison({
			tickets,
			technicians: [{ name: '王师傅', phone: '13700000001', dailyCapacity: 4, jobs: 2, active: true }],
			takenBack: [
				{
					ticketNumber: 'BX-20261125-0003',
					receiptNumber: 'SJ-20261125-0001',
					product: '空调室外机',
					serialNo: 'SN-1',
					customerName: '华东物业',
					technicianName: '王师傅',
					takenOn: '2026-11-25',
					promisedBy: '2026-11-30',
					late: false,
					where: 'in-repair' as const,
				},
			],
			contracts: [
				{
					contractNo: 'HT-2026-001',
					customerName: '华东物业',
					customerPhone: '13800000001',
					endsOn: '2026-12-20',
					noticeNumber: 'TZ-20261127-0001',
					noticedOn: '2026-11-27',
					taskStatus: 'open',
				},
			],
			invoices: [
				{
					invoiceNumber: 'FP-2026-000042',
					customerName: '陈先生',
					source: 'BX-20261120-0001',
					issuedOn: '2026-11-20',
					totalFen: 16500,
					paidFen: 0,
					owedFen: 16500,
					days: 7,
				},
			],
			complaints: [
				{
					complaintNumber: 'TS-20261125-0001',
					ticketNumber: 'BX-20261120-0001',
					severity: 'serious' as const,
					text: '维修后又坏',
					customerName: '陈先生',
					phone: '13800000001',
					technicianName: '王师傅',
					receivedAt: '2026-11-25T02:00:00.000Z',
					replyDueOn: '2026-11-26',
					overdue: true,
				},
			],
		});
		const board: ServiceBoard = {
			generatedAt: now,
			today: '2026-11-27',
			timezone: 'Asia/Shanghai',
			tickets: ticketBoard(data.tickets, now),
			dispatch: dispatchBoard(data.technicians),
			takenBack: data.takenBack.map((p) => ({ ...p, where: 'in-repair' as const })),
			contracts: data.contracts.map((c) => ({ ...c, taskStatus: 'open' })),
			invoices: data.invoices,
			complaints: data.complaints,
			periodicCalls: poison([
				{
					followUpNumber: 'DH-20261201-0001',
					period: '2026-12',
					listedOn: '2026-12-01',
					customerCode: 'KH000009',
					customerName: '周女士',
					contactPerson: '周女士',
					phone: '13900000009',
					address: '上海市',
					serialNo: 'AC-9',
					description: '空调',
					lastContactOn: '2026-05-20',
					lastContactKind: 'installation' as const,
					dueOn: '2026-11-20',
					intervalMonths: 6,
					status: 'open' as const,
					result: null,
					opinion: null,
					siteSituation: null,
					ticketNumber: null,
					calledAt: null,
					calledBy: null,
				},
			]),
			summary: {
				openTickets: 2,
				overdueTickets: 1,
				dispatchedToday: 2,
				freeCapacityToday: 2,
				productsTakenBack: 1,
				contractsWithNotice: 1,
				unpaidInvoices: 1,
				owedFen: 16500,
				openComplaints: 1,
				seriousComplaints: 1,
			},
		};
		return renderServiceBoard(board, lang, lh);
	},
	renderComplaintReplyLetter: (lang, lh) =>
		renderComplaintReplyLetter(
			poison({
				complaintNumber: 'TS-20261127-0001',
				ticketNumber: 'BX-20261127-0001',
				customerName: '陈先生',
				contactPerson: '陈',
				address: '上海',
				phone: '13800000001',
				receivedOn: '2026-11-27',
				severity: 'serious' as const,
				text: '维修后又漏水',
				replyDueOn: '2026-11-30',
				technicianName: '王师傅',
				reply: { method: 'letter' as const, text: '已安排复修', repliedOn: '2026-11-28' },
			}),
			lang,
			lh,
		),
	renderInvoice: (lang, lh) => renderInvoice(poison(invoice), zoneFn, lang, lh),
	// Scan to report (扫码报修): customer-facing pages, Chinese first whatever the language asked.
	renderLabelSheet: (_lang, lh) =>
		renderLabelSheet(
			poison({
				customerName: '宏达物业',
				customerCode: 'KH000001',
				labels: [
					{
						serialNo: 'AC-001',
						description: '空调',
						customerName: '宏达物业',
						address: '上海',
						url: 'http://localhost/webhook/after-sales/report/1.x',
					},
					{
						serialNo: 'AC-002',
						description: '空调',
						customerName: '宏达物业',
						address: null,
						url: 'http://localhost/webhook/after-sales/report/2.x',
					},
				],
			}),
			lh,
		),
	renderReportPage: (_lang, lh) =>
		renderReportPage(poison({ serialNo: 'AC-001', description: '空调', customerName: '宏达物业', address: '上海' }), lh),
	renderScanAnswerPage: (_lang, lh) =>
		renderScanAnswerPage({ ok: true, ticketNumber: `${PAYLOAD}#ticketNumber`, serialNo: `${PAYLOAD}#serialNo` }, lh) +
		renderScanAnswerPage({ ok: false, title: `${PAYLOAD}#title`, problems: [`${PAYLOAD}#problems[0]`], canRetry: true }, lh),
	renderKpiReport: (lang, lh) =>
		renderKpiReport(
			poison({
				month: '2026-11',
				timezone: ZONE,
				technicians: [
					{
						name: '王师傅',
						phone: '13500000001',
						jobs: 3,
						rated: 2,
						attitude: 4,
						skill: 3.5,
						arrival: 3,
						promises: 4,
						overall: 3.6,
						complaints: 1,
						seriousComplaints: 1,
					},
				],
				totals: { jobs: 3, rated: 2, complaints: 1, seriousComplaints: 1, overall: 3.6 },
			}),
			lang,
			lh,
		),
	renderOpinionsReport: (lang, lh) =>
		renderOpinionsReport(
			poison({
				month: '2026-12',
				timezone: ZONE,
				suggestions: [
					{
						source: 'survey' as const,
						number: 'HF-20261203-0001',
						on: '2026-12-03',
						customerName: '陈先生',
						serialNo: 'AC-1',
						ticketNumber: 'BX-20261120-0001',
						text: '希望提前预约',
						result: null,
						done: { zh: '已登记投诉 TS-1（待答复）', en: 'complaint TS-1 registered (open)' },
					},
					{
						source: 'call' as const,
						number: 'DH-20261201-0001',
						on: '2026-12-05',
						customerName: '周女士',
						serialNo: 'AC-9',
						ticketNumber: 'BX-20261205-0001',
						text: '不制冷',
						result: 'fault' as const,
						done: { zh: '已开报修单', en: 'ticket opened' },
					},
				],
				complaints: [
					{
						complaintNumber: 'TS-20261203-0001',
						source: 'survey' as const,
						surveyNumber: 'HF-20261203-0001',
						ticketNumber: 'BX-20261120-0001',
						orderNumber: null,
						customerName: '陈先生',
						receivedOn: '2026-12-03',
						severity: 'serious' as const,
						text: '迟到两小时',
						status: 'replied' as const,
						replyDueOn: '2026-12-06',
						reply: { method: 'letter', repliedOn: '2026-12-04', text: '已致歉' },
						done: { zh: '已答复', en: 'answered' },
					},
				],
				totals: { suggestions: 2, fromSurveys: 1, fromCalls: 1, faults: 1, complaints: 1, complaintsOpen: 0 },
			}),
			lang,
			lh,
		),
	renderLetterhead: (lang, lh) => String(renderLetterhead(lh, lang)),
	renderLiaisonLetter: (lang, lh) =>
		renderLiaisonLetter(
			poison({
				letterNumber: 'LH-20261127-0001',
				subject: '售后服务联络函',
				ticketNumber: 'BX-20261127-0001',
				recipientUnit: '陈先生',
				recipientPerson: '陈',
				cc: '财务',
				senderUnit: '售后部',
				senderPerson: '李',
				sentAt: '2026-11-27 10:00',
				pages: 1,
				content: '上门维修收费标准',
				feedback: '同意',
				confirmedBy: '陈',
				confirmedAt: '2026-11-27 11:00',
			}),
			lang,
			lh,
		),
	renderProductReceipt: (lang, lh) =>
		renderProductReceipt(
			poison({
				receiptNumber: 'SJ-20261127-0001',
				ticketNumber: 'BX-20261127-0001',
				voucherNumber: 'PZ-20261127-0001',
				customerName: '陈先生',
				contactPerson: '陈',
				phone: '13800000001',
				address: '上海',
				productDescription: '热水器控制板',
				serialNumber: 'SN-1',
				condition: '外壳划痕',
				accessories: '遥控器',
				takenBackAt: '2026-11-27',
				technicianName: '王师傅',
				technicianPhone: '13500000001',
				voidedAt: '2026-11-30',
			}),
			lang,
			lh,
		),
	renderRepairCard: (lang, lh) =>
		renderRepairCard(
			poison({
				cardNumber: 'XK-20261127-0001',
				ticketNumber: 'BX-20261127-0001',
				voucherNumber: 'PZ-20261127-0001',
				customerName: '陈先生',
				productDescription: '热水器控制板',
				serialNumber: 'SN-1',
				fault: '不点火',
				takenBackAt: '2026-11-27',
				workEntries: [{ date: '2026-11-28', technician: '王师傅', hours: 1.5, description: '更换继电器' }],
				partsReplaced: [{ name: '继电器', quantity: 2 }],
				inspection: { inspectedBy: '张经理', inspectedAt: '2026-11-29' },
				returnedAt: '2026-11-30',
			}),
			lang,
			lh,
		),
	renderRepairServiceForm: (lang, lh) =>
		renderRepairServiceForm(
			poison({
				ticketNumber: 'BX-20261127-0001',
				voucherNumber: 'PZ-20261127-0001',
				customerName: '陈先生',
				contactPerson: '陈',
				phone: '13800000001',
				address: '上海',
				reportedAt: '2026-11-27 09:30',
				customerType: 'liaison-letter' as const,
				category: 'A' as const,
				dueAt: '2026-11-28 09:30',
				serviceContent: '空调不制冷',
				solution: '清洗滤网',
				result: 'completed' as const,
				followUpDone: true,
				remarks: '备注',
				acceptance: {
					accepted: true,
					delivered: 'yes' as const,
					satisfaction: 'unsatisfied' as const,
					dissatisfactionReasons: ['attitude' as const],
					comments: '慢',
					signature: '陈',
					signedAt: '2026-11-27 12:00',
				},
				technicianName: '王师傅',
			}),
			lang,
			lh,
		),
	renderServiceVoucher: (lang, lh) =>
		renderServiceVoucher(
			poison({
				voucherNumber: 'PZ-20261127-0001',
				ticketNumber: 'BX-20261127-0001',
				customerName: '陈先生',
				contactPerson: '陈',
				phone: '13800000001',
				address: '上海',
				siteSituation: '空调不制冷',
				category: 'B' as const,
				reportedAt: '2026-11-27 09:30',
				dueAt: '2026-11-28 09:30',
				technician: { name: '王师傅', phone: '13500000001' },
			}),
			lang,
			lh,
		),
	renderPaymentNotice: (lang, lh) => renderPaymentNotice(poison(order), ZONE, lang, lh),
	renderProcessingSheet: (lang, lh) => renderProcessingSheet(poison(order), ZONE, lang, lh),
	renderDeliveryNote: (lang, lh) => renderDeliveryNote(poison(order), ZONE, lang, lh),
	renderSettlementStatement: (lang, lh) => renderSettlementStatement(poison(order), ZONE, lang, lh),
};

/** The render functions the documents folder exports, by file. */
function exportedRenderers(): Array<{ file: string; name: string }> {
	return readdirSync(DOCUMENTS)
		.filter((f) => f.endsWith('.ts'))
		.flatMap((file) =>
			[...readFileSync(join(DOCUMENTS, file), 'utf8').matchAll(/export (?:async )?function (render\w+)/g)].map((m) => ({ file, name: m[1] })),
		);
}

/** Every way the payload could have survived as markup. */
function unsafe(out: string): string[] {
	const problems: string[] = [];
	if (/<script/i.test(out)) problems.push('<script');
	if (/<img/i.test(out)) problems.push('<img');
	if (out.includes(PAYLOAD) || out.includes(IMG) || out.includes(SCRIPT)) problems.push('raw payload');
	// alert(1) only inside the exact escaped forms: nothing half-escaped (e.g. a raw quote closing an attribute).
	const stripped = out.split(SCRIPT_ESCAPED).join('').split(IMG_ESCAPED).join('');
	if (stripped.includes('alert(1)'))
		problems.push(`payload not escaped exactly: …${out.slice(Math.max(0, out.indexOf('alert(1)') - 60), out.indexOf('alert(1)') + 40)}…`);
	if (stripped.includes('onerror')) problems.push('onerror outside the escaped payload');
	return problems;
}

test('every render function in nodes/shared/documents has a case here (a new document needs one)', () => {
	const missing = exportedRenderers()
		.filter((r) => !CASES[r.name])
		.map((r) => `${r.file}: ${r.name}`);
	expect(missing).toEqual([]);
	expect(exportedRenderers().length).toBeGreaterThanOrEqual(13);
});

describe.each(Object.keys(CASES))('%s', (name) => {
	test.each(['zh-CN', 'en'] as const)('%s: script and attribute-breaking text in every field and the letterhead, all escaped', (lang) => {
		const out = CASES[name](lang, letterhead);
		expect(unsafe(out)).toEqual([]);
		// Not vacuous: user text did reach the page, escaped (and the letterhead on every full page).
		const shown = new Set([...out.matchAll(/&#39;&amp;#([\w.[\]]+)/g)].map((m) => m[1]));
		expect(shown.size).toBeGreaterThanOrEqual(name === 'renderLetterhead' ? 3 : 4);
		if (out.startsWith('<!doctype html>')) expect([...shown].some((p) => p === 'name')).toBe(true);
	});
});

test('the checks see a page that lets markup through (a renderer that forgot to escape)', () => {
	expect(unsafe(`<p>${PAYLOAD}</p>`).length).toBeGreaterThan(0);
	expect(unsafe(`<input value="${PAYLOAD.replace(/</g, '&lt;').replace(/>/g, '&gt;')}">`).length).toBeGreaterThan(0);
	expect(unsafe(`<p>${SCRIPT_ESCAPED}${IMG_ESCAPED}&#39;&amp;</p>`)).toEqual([]);
});

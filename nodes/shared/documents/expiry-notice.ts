/**
 * The maintenance expiry notice (保养到期通知书, P13): sent to the customer a month before the
 * maintenance contract ends, inviting renewal — the notice number, the contract (number, kind,
 * period, fees, parts), the customer, the end date and whom to call to renew. zh-CN first,
 * English on request; every value from the records is escaped.
 */
import { fillIn, markup, page, resolveLang, textBlock, type DocumentLang } from './html';
import { letterFormLayout } from './letter-form-layout';
import { renderLetterhead, type Letterhead } from './letterhead';

export interface ExpiryNoticeData {
	noticeNumber: string;
	noticedOn: string;
	contractNo: string;
	kind: 'annual' | 'per-visit';
	startsOn: string;
	endsOn: string;
	/** "1200.00" */
	feeYuan: string;
	visitFeeYuan: string;
	partsIncluded: boolean;
	customerName: string;
	contactPerson?: string | null;
	phone?: string | null;
	address?: string | null;
}

const LABELS = {
	'zh-CN': {
		title: '保养到期通知书',
		number: '通知编号',
		date: '通知日期',
		to: '致',
		dear: (name: string) => markup`${name}：`,
		body: (contractNo: string, endsOn: string) =>
			markup`贵单位与我司签订的保养合同（合同编号 <span class="value">${contractNo}</span>）将于 <span class="value">${endsOn}</span> 到期。为保证设备持续正常运行、服务不中断，敬请于到期前与我司联系续约事宜，我司将安排专人与您洽谈续约。`,
		contract: '合同信息',
		contractNo: '合同编号',
		kind: '合同类型',
		kinds: { annual: '按年合同', 'per-visit': '按次合同' },
		period: '合同期限',
		fee: '合同金额（元）',
		visitFee: '每次费用（元）',
		parts: '含零件',
		yes: '是',
		no: '否',
		customer: '客户信息',
		customerName: '客户名称',
		contactPerson: '联系人',
		phone: '电话',
		address: '地址',
		reply: '客户回执（续约意向）',
		signature: '客户签字/盖章',
		signedOn: '日期',
		closing: '特此通知。',
		seal: '售后服务部（盖章）',
		to_: '至',
	},
	en: {
		title: 'Maintenance Contract Expiry Notice',
		number: 'Notice no',
		date: 'Date',
		to: 'To',
		dear: (name: string) => markup`Dear ${name},`,
		body: (contractNo: string, endsOn: string) =>
			markup`Your maintenance contract with us (contract no <span class="value">${contractNo}</span>) ends on <span class="value">${endsOn}</span>. To keep your equipment serviced without interruption, please contact us before that day about renewing it; a member of our staff will call on you to discuss the renewal.`,
		contract: 'Contract',
		contractNo: 'Contract no',
		kind: 'Kind',
		kinds: { annual: 'Annual', 'per-visit': 'Per visit' },
		period: 'Period',
		fee: 'Contract fee (yuan)',
		visitFee: 'Fee per visit (yuan)',
		parts: 'Parts included',
		yes: 'Yes',
		no: 'No',
		customer: 'Customer',
		customerName: 'Customer',
		contactPerson: 'Contact person',
		phone: 'Phone',
		address: 'Address',
		reply: 'Customer reply (renewal intention)',
		signature: 'Customer signature / seal',
		signedOn: 'Date',
		closing: 'Yours faithfully,',
		seal: 'After-sales service department (seal)',
		to_: 'to',
	},
} as const;

export function renderExpiryNotice(data: ExpiryNoticeData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = LABELS[language];
	const body = letterFormLayout({
		className: 'expiry-notice',
		title: l.title,
		numbers: [
			[l.number, data.noticeNumber],
			[l.date, data.noticedOn],
		],
		lang: language,
		intro: markup`<p>${l.dear(data.customerName)}</p>
<p>${l.body(data.contractNo, data.endsOn)}</p>
`,
		widths: [18, 32, 18, 32],
		rows: markup`<tr><th colspan="4" class="section">${l.contract}</th></tr>
<tr><th>${l.contractNo}</th><td>${fillIn(data.contractNo)}</td><th>${l.kind}</th><td>${l.kinds[data.kind] ?? fillIn(data.kind)}</td></tr>
<tr><th>${l.period}</th><td colspan="3">${fillIn(data.startsOn, 'short')} ${l.to_} ${fillIn(data.endsOn, 'short')}</td></tr>
<tr><th>${l.fee}</th><td class="num">${fillIn(data.feeYuan, 'short')}</td><th>${l.visitFee}</th><td class="num">${fillIn(data.visitFeeYuan, 'short')}</td></tr>
<tr><th>${l.parts}</th><td colspan="3">${data.partsIncluded ? l.yes : l.no}</td></tr>
<tr><th colspan="4" class="section">${l.customer}</th></tr>
<tr><th>${l.customerName}</th><td>${fillIn(data.customerName)}</td><th>${l.contactPerson}</th><td>${fillIn(data.contactPerson)}</td></tr>
<tr><th>${l.phone}</th><td>${fillIn(data.phone)}</td><th>${l.address}</th><td>${fillIn(data.address)}</td></tr>
<tr><th colspan="4" class="section">${l.reply}</th></tr>
<tr><td colspan="4">${textBlock(null, 3)}</td></tr>
<tr class="row-fill"><th>${l.signature}</th><td></td><th>${l.signedOn}</th><td></td></tr>`,
		below: markup`<p class="note">${l.closing}</p>
<p class="note" style="text-align:right">${l.seal}<br>${data.noticedOn}</p>
`,
	});
	return page({ title: `${l.title} ${data.noticeNumber}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

/**
 * The after-sales liaison letter (售后服务联络函), the out-of-warranty single-service application
 * (保外单次售后服务申请) with the fields of RULES.md *Forms*: number, subject, recipient unit and
 * person, cc, sender unit and person, send time, pages, content, feedback, each side's seal and
 * signature, confirmation times. zh-CN first, English on request.
 */
import { fillIn, markup, page, resolveLang, textBlock, type DocumentLang } from './html';
import { letterFormLayout } from './letter-form-layout';
import { renderLetterhead, type Letterhead } from './letterhead';

export interface LiaisonLetterData {
	letterNumber: string;
	subject: string;
	ticketNumber: string;
	recipientUnit: string;
	recipientPerson?: string | null;
	cc?: string | null;
	senderUnit?: string | null;
	senderPerson?: string | null;
	/** already formatted */
	sentAt: string;
	pages?: number;
	content: string;
	feedback?: string | null;
	confirmedBy?: string | null;
	/** already formatted */
	confirmedAt?: string | null;
}

const LABELS = {
	'zh-CN': {
		kind: '（保外单次售后服务申请）',
		title: '售后服务联络函',
		number: '编号',
		subject: '关于',
		ticket: '报修单号',
		recipientUnit: '收件单位',
		recipientPerson: '收件人',
		cc: '抄送',
		senderUnit: '发件单位',
		senderPerson: '发件人',
		sentAt: '发件时间',
		pages: '页数',
		content: '联络内容',
		feedback: '回馈意见',
		sender: '发件方',
		recipient: '收件方',
		unitSeal: '单位（公章）',
		signature: '确认签字',
		confirmedAt: '确认时间',
	},
	en: {
		kind: '(Out-of-warranty single-service application)',
		title: 'After-Sales Liaison Letter',
		number: 'No',
		subject: 'Subject',
		ticket: 'Ticket no',
		recipientUnit: 'To (unit)',
		recipientPerson: 'To (person)',
		cc: 'Cc',
		senderUnit: 'From (unit)',
		senderPerson: 'From (person)',
		sentAt: 'Sent at',
		pages: 'Pages',
		content: 'Content',
		feedback: 'Feedback',
		sender: 'Sender',
		recipient: 'Recipient',
		unitSeal: 'Unit (seal)',
		signature: 'Signature',
		confirmedAt: 'Confirmed at',
	},
} as const;

export function renderLiaisonLetter(data: LiaisonLetterData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = LABELS[language];
	const body = letterFormLayout({
		className: 'liaison-letter',
		above: markup`<p class="note">${l.kind}</p>
`,
		title: l.title,
		numbers: [
			[l.number, data.letterNumber],
			[l.ticket, data.ticketNumber],
		],
		lang: language,
		widths: [16, 34, 16, 34],
		rows: markup`<tr><th>${l.subject}</th><td colspan="3">${fillIn(data.subject, 'long')}</td></tr>
<tr><th>${l.recipientUnit}</th><td>${fillIn(data.recipientUnit)}</td><th>${l.recipientPerson}</th><td>${fillIn(data.recipientPerson)}</td></tr>
<tr><th>${l.cc}</th><td colspan="3">${fillIn(data.cc)}</td></tr>
<tr><th>${l.senderUnit}</th><td>${fillIn(data.senderUnit)}</td><th>${l.senderPerson}</th><td>${fillIn(data.senderPerson)}</td></tr>
<tr><th>${l.sentAt}</th><td>${fillIn(data.sentAt)}</td><th>${l.pages}</th><td>${fillIn(data.pages ?? 1, 'short')}</td></tr>
<tr><th>${l.content}</th><td colspan="3">${textBlock(data.content, 6)}</td></tr>
<tr><th>${l.feedback}</th><td colspan="3">${textBlock(data.feedback, 3)}</td></tr>
<tr><th colspan="2" class="section">${l.sender}</th><th colspan="2" class="section">${l.recipient}</th></tr>
<tr class="row-fill"><th>${l.unitSeal}</th><td>${fillIn(data.senderUnit)}</td><th>${l.unitSeal}</th><td>${fillIn(data.recipientUnit)}</td></tr>
<tr class="row-fill"><th>${l.signature}</th><td>${fillIn(data.senderPerson)}</td><th>${l.signature}</th><td>${fillIn(data.confirmedBy)}</td></tr>
<tr class="row-fill"><th>${l.confirmedAt}</th><td>${fillIn(data.sentAt)}</td><th>${l.confirmedAt}</th><td>${fillIn(data.confirmedAt)}</td></tr>`,
	});
	return page({ title: `${l.title} ${data.letterNumber}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

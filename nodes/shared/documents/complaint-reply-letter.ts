/**
 * The reply letter to a complaint (投诉答复函, 函告, P17): the company's written answer to the
 * customer. Before the reply is recorded it prints with ruled lines to write the answer on; once
 * recorded, with the answer, how and when it was given. A serious complaint is always answered
 * with this letter.
 */
import { documentHeader, fillIn, markup, metaTable, page, resolveLang, textBlock, type DocumentLang } from './html';
import { renderLetterhead, type Letterhead } from './letterhead';

export interface ComplaintReplyLetterData {
	complaintNumber: string;
	/** The ticket the complaint is about; null for one about a tile order or about neither (a phoned complaint). */
	ticketNumber: string | null;
	/** The tile order it is about, if any. */
	orderNumber?: string | null;
	customerName: string;
	contactPerson?: string | null;
	address?: string | null;
	phone?: string | null;
	/** already formatted: the day the complaint came in */
	receivedOn: string;
	severity: 'general' | 'serious';
	text: string;
	/** already formatted */
	replyDueOn: string;
	technicianName?: string | null;
	reply?: { method: 'letter' | 'phone'; text: string; repliedOn: string } | null;
}

const L = {
	'zh-CN': {
		title: '客户投诉答复函',
		formNo: '函告',
		number: '投诉编号',
		ticket: '报修单号',
		order: '订单号',
		severity: '投诉性质',
		serious: '情节重大',
		general: '一般',
		to: '致',
		contact: '联系人',
		address: '地址',
		phone: '电话',
		received: '收到日期',
		due: '答复期限',
		technician: '服务技术员',
		subject: (ticket: string) => `事由：关于报修单 ${ticket} 服务的投诉`,
		subjectOrder: (order: string) => `事由：关于瓷砖订单 ${order} 的投诉`,
		subjectNone: '事由：关于我司售后服务的投诉',
		opening: '尊敬的客户：您好！贵方的投诉我司已收悉，经调查处理，现将结果函告如下。',
		yourComplaint: '贵方投诉内容',
		ourReply: '我司答复及处理结果',
		method: '答复方式',
		letter: '书面函告',
		byPhone: '电话',
		repliedOn: '答复日期',
		closing: '感谢您对我司售后服务的监督与支持。特此函告。',
		signer: '公司经理（签字/盖章）',
		date: '日期',
	},
	en: {
		title: 'Reply to Your Complaint',
		formNo: 'Written reply',
		number: 'Complaint No.',
		ticket: 'Ticket No.',
		order: 'Order No.',
		severity: 'Severity',
		serious: 'Serious',
		general: 'General',
		to: 'To',
		contact: 'Contact person',
		address: 'Address',
		phone: 'Phone',
		received: 'Received on',
		due: 'Reply due by',
		technician: 'Technician',
		subject: (ticket: string) => `Re: your complaint about the service on repair ticket ${ticket}`,
		subjectOrder: (order: string) => `Re: your complaint about tile order ${order}`,
		subjectNone: 'Re: your complaint about our after-sales service',
		opening: 'Dear customer, we have received your complaint and looked into it. This letter gives you our answer.',
		yourComplaint: 'Your complaint',
		ourReply: 'Our answer and what we did',
		method: 'Replied by',
		letter: 'Letter',
		byPhone: 'Phone',
		repliedOn: 'Replied on',
		closing: 'Thank you for helping us improve our after-sales service.',
		signer: 'Company manager (signature / seal)',
		date: 'Date',
	},
} as const;

export function renderComplaintReplyLetter(data: ComplaintReplyLetterData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = L[language];
	const colon = language === 'en' ? ': ' : '：';
	const reply = data.reply ?? null;
	const subject = data.ticketNumber ? l.subject(data.ticketNumber) : data.orderNumber ? l.subjectOrder(data.orderNumber) : l.subjectNone;
	const header = metaTable(
		[
			[l.number, data.complaintNumber],
			...(data.ticketNumber ? [[l.ticket, data.ticketNumber] as [string, string]] : []),
			...(data.orderNumber ? [[l.order, data.orderNumber] as [string, string]] : []),
			[l.severity, data.severity === 'serious' ? l.serious : l.general],
			[l.due, data.replyDueOn],
		],
		language,
	);
	const body = markup`<div class="doc complaint-reply-letter">
${documentHeader(l.title, l.formNo)}
${header}
<table class="form">
<colgroup><col style="width:16%"><col style="width:34%"><col style="width:16%"><col style="width:34%"></colgroup>
<tbody>
<tr><th>${l.to}</th><td>${fillIn(data.customerName)}</td><th>${l.contact}</th><td>${fillIn(data.contactPerson)}</td></tr>
<tr><th>${l.address}</th><td colspan="3">${fillIn(data.address, 'long')}</td></tr>
<tr><th>${l.phone}</th><td>${fillIn(data.phone)}</td><th>${l.received}</th><td>${fillIn(data.receivedOn)}</td></tr>
<tr><th>${l.technician}</th><td colspan="3">${fillIn(data.technicianName)}</td></tr>
<tr><td colspan="4"><strong>${subject}</strong><p>${l.opening}</p></td></tr>
<tr><td colspan="4"><div>${l.yourComplaint}${colon}</div>${textBlock(data.text, 3)}</td></tr>
<tr><td colspan="4"><div>${l.ourReply}${colon}</div>${textBlock(reply?.text, 6)}</td></tr>
<tr><th>${l.method}</th><td>${fillIn(reply ? (reply.method === 'letter' ? l.letter : l.byPhone) : null)}</td><th>${l.repliedOn}</th><td>${fillIn(reply?.repliedOn)}</td></tr>
<tr><td colspan="4"><p>${l.closing}</p></td></tr>
<tr class="row-fill"><th>${l.signer}</th><td>${fillIn(null)}</td><th>${l.date}</th><td>${fillIn(reply?.repliedOn)}</td></tr>
</tbody>
</table>
</div>`;
	return page({ title: `${l.title} ${data.complaintNumber}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

/**
 * The invoice (收费单/发票) as a printable page, zh-CN first with English on request: the lines,
 * the total in figures and in Chinese capitals (大写), what is paid and the balance, the
 * payments, and the official fapiao number once finance recorded it. A void invoice carries
 * the VOID stamp with its reason; its number stays used.
 */
import { documentHeader, fillIn, markup, metaTable, page, resolveLang, type DocumentLang } from './html';
import { renderLetterhead, type Letterhead } from './letterhead';
import { fenToYuan } from '../rules/money';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '../rules/invoice';
import type { Invoice } from '../store/registers/invoices';
import { ORDER_STAGE_LABELS, type OrderStage } from '../rules/order-invoice';

const LABELS = {
	'zh-CN': {
		title: '收费单（发票）',
		invoiceNumber: '单据编号',
		fapiaoNumber: '发票号码',
		issuedOn: '开具日期',
		source: '来源',
		ticket: '报修单',
		order: '订单',
		customer: '客户名称',
		category: '服务类别',
		line: '项目',
		quantity: '数量',
		unit: '单价（元）',
		amount: '金额（元）',
		total: '合计',
		totalInWords: '合计人民币（大写）',
		paid: '已收',
		balance: '未收',
		payments: '收款记录',
		paidAt: '收款时间',
		method: '付款方式',
		onSite: '现场收费',
		heldBy: '技术员代收',
		handedOver: '已交财务',
		void: '作废',
		voidReason: '作废原因',
		replaces: '替代',
		issuedBy: '开票人',
		customerSignature: '客户签收',
		note: '本单为公司收费凭证；正式税务发票号码以财务登记为准。',
		none: '无',
		yes: '是',
		paidOnOrder: '订单已收（定金及付款，先抵付款通知单，余额抵结算单）',
	},
	en: {
		title: 'Invoice',
		invoiceNumber: 'Invoice no',
		fapiaoNumber: 'Fapiao no',
		issuedOn: 'Issued on',
		source: 'Source',
		ticket: 'Repair ticket',
		order: 'Order',
		customer: 'Customer',
		category: 'Service category',
		line: 'Item',
		quantity: 'Qty',
		unit: 'Unit price (yuan)',
		amount: 'Amount (yuan)',
		total: 'Total',
		totalInWords: 'Total in Chinese capitals (大写)',
		paid: 'Paid',
		balance: 'Balance',
		payments: 'Payments',
		paidAt: 'Paid at',
		method: 'Method',
		onSite: 'Collected on site',
		heldBy: 'held by technician',
		handedOver: 'handed to finance',
		void: 'VOID',
		voidReason: 'Reason',
		replaces: 'Replaces',
		issuedBy: 'Issued by',
		customerSignature: 'Customer signature',
		note: "This is the company's billing record; the official tax fapiao number is as finance records it.",
		none: 'none',
		yes: 'yes',
		paidOnOrder: 'Paid on the order (deposit and payments; the payment notice first, the rest on the settlement)',
	},
} as const;

/** The invoice page; `zone` shows payment times as staff read them. */
export function renderInvoice(inv: Invoice, zone: (iso: string) => string, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = LABELS[language];
	const stageLabel = (stage: string) => {
		const label = ORDER_STAGE_LABELS[stage as OrderStage];
		return label ? (language === 'en' ? label.en : label.zh) : stage;
	};
	const source =
		inv.source.kind === 'ticket'
			? `${l.ticket} ${inv.source.ticketNumber}`
			: `${l.order} ${inv.source.orderNumber} · ${stageLabel(inv.source.stage)}`;
	const header = metaTable(
		[
			[l.invoiceNumber, inv.invoiceNumber],
			[l.issuedOn, inv.issuedOn],
			[l.source, source],
			[l.fapiaoNumber, inv.fapiaoNumber],
			[l.customer, inv.customerName],
			[l.category, inv.category],
		],
		language,
	);
	const rows = inv.lines.map(
		(line) =>
			markup`<tr><td colspan="2">${line.description}</td><td class="num">${line.quantity}</td><td class="num">${fenToYuan(line.unitFen)}</td><td class="num">${fenToYuan(line.amountFen)}</td></tr>`,
	);
	const method = (m: string) => {
		const label = PAYMENT_METHOD_LABELS[m as PaymentMethod];
		return label ? (language === 'en' ? label.en : label.zh) : m;
	};
	const payments = inv.payments.length
		? inv.payments.map(
				(p) =>
					markup`<tr><td colspan="2">${zone(p.paidAt)}${p.onSite ? markup` · ${l.onSite}${p.technician ? ` (${p.technician.name}${p.handedOverAt ? `, ${l.handedOver}` : p.method === 'cash' ? `, ${l.heldBy}` : ''})` : ''}` : ''}</td><td colspan="2">${method(p.method)}</td><td class="num">${fenToYuan(p.amountFen)}</td></tr>`,
			)
		: [markup`<tr><td colspan="5">${l.none}</td></tr>`];
	// A tile order's invoice counts what was paid on the order (the order's ledger keeps those payments).
	const paymentRows =
		inv.source.kind === 'order-stage' && inv.paidFen > 0
			? [markup`<tr><td colspan="4">${l.paidOnOrder}</td><td class="num">${fenToYuan(inv.paidFen)}</td></tr>`]
			: payments;
	const stamp =
		inv.status === 'void'
			? markup`<div class="void-stamp">${l.void}<span class="void-date">${l.voidReason}: ${inv.voidReason}${inv.voidedAt ? ` · ${zone(inv.voidedAt)}` : ''}</span></div>`
			: '';
	const replaces = inv.replacesInvoiceNumber ? markup`<p class="note">${l.replaces}: ${inv.replacesInvoiceNumber}</p>` : '';
	const body = markup`<div class="doc invoice">
${documentHeader(l.title)}
${stamp}
${header}
<table class="form">
<colgroup><col style="width:30%"><col style="width:20%"><col style="width:12%"><col style="width:19%"><col style="width:19%"></colgroup>
<tbody>
<tr><th colspan="2" class="center">${l.line}</th><th class="center">${l.quantity}</th><th class="center">${l.unit}</th><th class="center">${l.amount}</th></tr>
${rows}
<tr><th colspan="4">${l.total}</th><td class="num total">${fenToYuan(inv.totalFen)}</td></tr>
<tr><th colspan="2">${l.totalInWords}</th><td colspan="3" class="amount-in-words">${inv.amountInWords}</td></tr>
<tr><th colspan="4">${l.paid}</th><td class="num paid">${fenToYuan(inv.paidFen)}</td></tr>
<tr><th colspan="4">${l.balance}</th><td class="num balance">${fenToYuan(inv.balanceFen)}</td></tr>
<tr><th colspan="5" class="section">${l.payments}</th></tr>
<tr><th colspan="2" class="center">${l.paidAt}</th><th colspan="2" class="center">${l.method}</th><th class="center">${l.amount}</th></tr>
${paymentRows}
<tr class="row-fill"><th>${l.issuedBy}</th><td colspan="2">${fillIn(inv.issuedBy, 'short')}</td><th>${l.customerSignature}</th><td>${fillIn(null, 'short')}</td></tr>
</tbody>
</table>
${replaces}
<p class="note">${l.note}</p>
</div>`;
	return page({ title: `${l.title} ${inv.invoiceNumber}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

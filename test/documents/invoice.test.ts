import { renderInvoice } from '../../nodes/shared/documents/invoice';
import { renderLiaisonLetter } from '../../nodes/shared/documents/liaison-letter';
import type { Invoice } from '../../nodes/shared/store/registers/invoices';
import { evil, evilEscaped, expectFullDocument, SCRIPT } from './helpers';

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
	id: 1,
	invoiceNumber: 'FP-2026-000042',
	source: { kind: 'ticket', ticketNumber: 'BX-20261127-0001' },
	ticketNumber: 'BX-20261127-0001',
	orderNumber: null,
	stage: null,
	category: 'A',
	customerName: evil('customerName'),
	customerCode: 'KH000001',
	issuedOn: '2026-11-27',
	issuedAt: '2026-11-27T06:00:00.000Z',
	issuedBy: evil('issuedBy'),
	lines: [
		{ kind: 'call-out', description: '上门费 Call-out fee', quantity: 1, unitFen: 5000, amountFen: 5000 },
		{ kind: 'parts', description: evil('part'), quantity: 2, unitFen: 3500, amountFen: 7000 },
	],
	totalFen: 12000,
	paidFen: 2000,
	balanceFen: 10000,
	totalYuan: '120.00',
	paidYuan: '20.00',
	balanceYuan: '100.00',
	status: 'issued',
	collectedOnSite: true,
	amountInWords: '壹佰贰拾元整',
	payments: [
		{
			amountFen: 2000,
			method: 'cash',
			paidAt: '2026-11-27T06:00:00.000Z',
			paidOn: '2026-11-27',
			recordedBy: 'x',
			note: null,
			onSite: true,
			technician: { name: '王师傅', phone: '137' },
			handedOverAt: null,
			handedOverBy: null,
		},
	],
	fapiaoNumber: null,
	voidReason: null,
	voidedAt: null,
	replacesInvoiceNumber: null,
	...over,
});
const zone = (iso: string) => iso.slice(0, 16).replace('T', ' ');

test('the invoice page: lines, total in figures and capitals, paid, balance; user text escaped', () => {
	const out = renderInvoice(invoice(), zone);
	expectFullDocument(out, 'zh-CN');
	expect(out).toContain('<title>收费单（发票） FP-2026-000042</title>');
	expect(out).toContain('壹佰贰拾元整');
	expect(out).toMatch(/class="num total">120\.00</);
	expect(out).toMatch(/class="num paid">20\.00</);
	expect(out).toMatch(/class="num balance">100\.00</);
	expect(out).toContain('现金');
	expect(out).toContain('技术员代收');
	for (const f of ['customerName', 'issuedBy', 'part']) expect(out).toContain(evilEscaped(f));
	expect(out).not.toContain(SCRIPT);
	expect(out).not.toContain('void-stamp"');
});

test('in English; a void invoice carries the stamp and its reason; the fapiao number when known', () => {
	const out = renderInvoice(
		invoice({ status: 'void', voidReason: evil('reason'), voidedAt: '2026-11-28T01:00:00.000Z', fapiaoNumber: '26312000000123456789' }),
		zone,
		'en',
	);
	expectFullDocument(out, 'en');
	expect(out).toContain('<title>Invoice FP-2026-000042</title>');
	expect(out).toContain('class="void-stamp"');
	expect(out).toContain(evilEscaped('reason'));
	expect(out).toContain('26312000000123456789');
	expect(out).toContain('Cash');
});

test('the liaison letter: the fields of the form, escaped', () => {
	const out = renderLiaisonLetter({
		letterNumber: 'LH-20261127-0001',
		subject: evil('subject'),
		ticketNumber: 'BX-20261127-0001',
		recipientUnit: evil('unit'),
		sentAt: '2026-11-27 09:00',
		content: evil('content'),
		confirmedBy: '陈先生',
		confirmedAt: '2026-11-27 10:00',
	});
	expectFullDocument(out, 'zh-CN');
	for (const label of [
		'售后服务联络函',
		'保外单次售后服务申请',
		'编号',
		'关于',
		'收件单位',
		'收件人',
		'抄送',
		'发件单位',
		'发件人',
		'发件时间',
		'页数',
		'联络内容',
		'回馈意见',
		'（公章）',
		'确认签字',
		'确认时间',
	])
		expect(out).toContain(label);
	for (const f of ['subject', 'unit', 'content']) expect(out).toContain(evilEscaped(f));
	expect(out).not.toContain(SCRIPT);
	expect(out).toContain('陈先生');
});

test("a tile order's settlement invoice: the stage named, goods-like lines with the returned tiles as a credit, paid on the order", () => {
	const order = invoice({
		source: { kind: 'order-stage', orderNumber: 'DD-20261127-0001', stage: 'settlement' },
		ticketNumber: null,
		orderNumber: 'DD-20261127-0001',
		stage: 'settlement',
		category: null,
		lines: [
			{ kind: 'extra', description: '补砖 Extra tiles CZ-600', quantity: 2, unitFen: 12800, amountFen: 25600 },
			{ kind: 'return', description: '退砖 Returned tiles CZ-600', quantity: 1, unitFen: 12800, amountFen: -12800 },
			{ kind: 'reprocessing', description: evil('reprocessing'), quantity: 1, unitFen: 5000, amountFen: 5000 },
		],
		totalFen: 17800,
		paidFen: 7800,
		balanceFen: 10000,
		collectedOnSite: false,
		amountInWords: '壹佰柒拾捌元整',
		payments: [],
	});
	const zh = renderInvoice(order, zone);
	expect(zh).toContain('订单 DD-20261127-0001 · 结算单');
	expect(zh).toMatch(/补砖 Extra tiles CZ-600<\/td><td class="num">2<\/td><td class="num">128\.00<\/td><td class="num">256\.00</);
	expect(zh).toMatch(/退砖 Returned tiles CZ-600<\/td><td class="num">1<\/td><td class="num">128\.00<\/td><td class="num">-128\.00</);
	expect(zh).toMatch(/class="num total">178\.00</);
	expect(zh).toContain('壹佰柒拾捌元整');
	expect(zh).toMatch(/订单已收（定金及付款[^<]*<\/td><td class="num">78\.00</);
	expect(zh).toContain(evilEscaped('reprocessing'));
	expect(zh).not.toContain(SCRIPT);
	const en = renderInvoice(order, zone, 'en');
	expect(en).toContain('Order DD-20261127-0001 · Settlement');
	expect(en).toContain('Paid on the order (deposit and payments');
});

import { fillIn, isBlank, markup, page, resolveLang, textBlock, type DocumentLang } from './html';
import { labelsFor, withColon } from './labels';
import { renderLetterhead, type Letterhead } from './letterhead';
import { takeBackFormLayout } from './take-back-form-layout';

/** Everything printed on a customer product receipt 客户商品领取收据 (P6). Dates come already formatted. */
export interface ProductReceiptData {
	receiptNumber: string;
	ticketNumber: string;
	voucherNumber?: string | null;
	customerName: string;
	contactPerson?: string | null;
	phone?: string | null;
	address?: string | null;
	/** what was taken back: product name and model */
	productDescription: string;
	serialNumber?: string | null;
	/** the product's condition when taken back (scratches, damage ...) */
	condition?: string | null;
	/** accessories taken with it (cables, remote, manual ...) */
	accessories?: string | null;
	/** the day the technician took the product back, already formatted */
	takenBackAt: string;
	technicianName: string;
	technicianPhone?: string | null;
	/** set once the product is returned and the receipt taken back (P7): prints a VOID mark with this date */
	voidedAt?: string | null;
}

/**
 * The customer product receipt 客户商品领取收据 (P6) as a printable HTML document. The technician leaves it with the customer
 * when taking a product back for repair; it is taken back and voided when the product is returned (P7). With a `letterhead`
 * (see `letterheadFrom`) the service company heads the page.
 */
export function renderProductReceipt(data: ProductReceiptData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = labelsFor(language);
	const voided = !isBlank(data.voidedAt);

	const voidStamp = voided
		? markup`<div class="void-stamp" role="note">${l.voided}<span class="void-date">${withColon(l.voidedAt, language)}${data.voidedAt}</span></div>`
		: '';
	const body = takeBackFormLayout({
		className: `product-receipt${voided ? ' voided' : ''}`,
		title: l.productReceipt,
		stamp: voidStamp,
		number: [l.receiptNumber, data.receiptNumber],
		numbers: data,
		lang: language,
		labels: l,
		widths: [16, 34, 16, 34],
		rows: markup`<tr><th>${l.customerName}</th><td>${fillIn(data.customerName)}</td><th>${l.contactPerson}</th><td>${fillIn(data.contactPerson)}</td></tr>
<tr><th>${l.phone}</th><td>${fillIn(data.phone)}</td><th>${l.address}</th><td>${fillIn(data.address)}</td></tr>
<tr><th colspan="4" class="section">${l.product}</th></tr>
<tr><th>${l.productDescription}</th><td>${fillIn(data.productDescription)}</td><th>${l.serialNumber}</th><td>${fillIn(data.serialNumber)}</td></tr>
<tr><th>${l.condition}</th><td colspan="3">${textBlock(data.condition, 2)}</td></tr>
<tr><th>${l.accessories}</th><td colspan="3">${textBlock(data.accessories, 2)}</td></tr>
<tr><th colspan="4" class="section">${l.signatures}</th></tr>
<tr class="row-fill"><th>${l.technician}</th><td>${fillIn(data.technicianName)}</td><th>${l.technicianPhone}</th><td>${fillIn(
			data.technicianPhone,
		)}</td></tr>
<tr class="row-fill"><th>${l.technicianSignature}</th><td>${fillIn(null)}</td><th>${l.date}</th><td>${fillIn(null)}</td></tr>
<tr class="row-fill"><th>${l.customerSignature}</th><td>${fillIn(null)}</td><th>${l.date}</th><td>${fillIn(null)}</td></tr>`,
		note: l.receiptNote,
	});

	return page({
		title: `${l.productReceipt} ${data.receiptNumber ?? ''}`.trim(),
		lang: language,
		body,
		letterhead: renderLetterhead(letterhead, language),
	});
}

import { fillIn, markup, page, resolveLang, textBlock, type DocumentLang } from './html';
import { serviceFormLayout } from './service-form-layout';
import { categoryLabel, labelsFor, type ServiceCategory } from './labels';
import { renderLetterhead, type Letterhead } from './letterhead';

/** Everything printed on a service voucher 服务凭证 (P3/P4). Dates come already formatted. */
export interface ServiceVoucherData {
	voucherNumber: string;
	ticketNumber: string;
	customerName: string;
	contactPerson?: string | null;
	phone: string;
	address: string;
	/** the site situation reported (现场情况) */
	siteSituation: string;
	category: ServiceCategory;
	/** when the problem was reported, already formatted */
	reportedAt?: string | null;
	/** when the job is due, already formatted */
	dueAt?: string | null;
	/** the dispatched technician; null or missing prints blank lines to fill in by hand */
	technician?: { name?: string | null; phone?: string | null } | null;
}

/**
 * The service voucher 服务凭证 (P3/P4) as a printable HTML document: the technician takes it on site,
 * the customer signs it, and it is archived once the job is closed in the repair register. With a `letterhead`
 * (see `letterheadFrom`) the service company heads the page.
 */
export function renderServiceVoucher(data: ServiceVoucherData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = labelsFor(language);
	const technician = data.technician ?? {};

	const body = serviceFormLayout({
		className: 'service-voucher',
		title: l.serviceVoucher,
		numbers: [
			[l.voucherNumber, data.voucherNumber],
			[l.ticketNumber, data.ticketNumber],
			[l.category, categoryLabel(data.category, language)],
			[l.dueAt, data.dueAt],
		],
		lang: language,
		labels: l,
		customer: data,
		rows: markup`<tr><th>${l.siteSituation}</th><td colspan="3">${textBlock(data.siteSituation, 4)}</td></tr>
<tr><th colspan="4" class="section">${l.dispatch}</th></tr>
<tr><th>${l.technicianName}</th><td>${fillIn(technician.name)}</td><th>${l.technicianPhone}</th><td>${fillIn(technician.phone)}</td></tr>
<tr><th colspan="4" class="section">${l.signatures}</th></tr>
<tr class="row-fill"><th>${l.customerSignature}</th><td>${fillIn(null)}</td><th>${l.signedAt}</th><td>${fillIn(null)}</td></tr>
<tr class="row-fill"><th>${l.technicianSignature}</th><td>${fillIn(null)}</td><th>${l.date}</th><td>${fillIn(null)}</td></tr>`,
		below: markup`<p class="note">${l.voucherNote}</p>
`,
	});

	return page({
		title: `${l.serviceVoucher} ${data.voucherNumber ?? ''}`.trim(),
		lang: language,
		body,
		letterhead: renderLetterhead(letterhead, language),
	});
}

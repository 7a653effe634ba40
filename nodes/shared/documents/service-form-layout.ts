import { documentHeader, fillIn, markup, metaTable, type DocumentLang, type Html } from './html';
import type { Labels } from './labels';

/** The customer's rows a service form opens with; blanks print as lines to fill in by hand. */
export interface FormCustomer {
	customerName?: string | null;
	contactPerson?: string | null;
	phone?: string | null;
	reportedAt?: string | null;
	address?: string | null;
}

/**
 * The layout the service voucher (服务凭证) and the repair service form (维修服务单) share: the title
 * and its form number, the numbers above the form, then a form of four columns that opens with
 * the customer's rows (name and contact, phone and when reported, address); `rows` follow, and
 * `below` comes under the form.
 */
export function serviceFormLayout(form: {
	className: string;
	title: string;
	formNumber?: string;
	numbers: ReadonlyArray<readonly [label: string, value: unknown]>;
	lang: DocumentLang;
	labels: Labels;
	customer: FormCustomer;
	rows: Html;
	below?: Html;
}): Html {
	const l = form.labels;
	const c = form.customer;
	return markup`<div class="doc ${form.className}">
${documentHeader(form.title, form.formNumber)}
${metaTable(form.numbers, form.lang)}
<table class="form">
<colgroup><col style="width:16%"><col style="width:34%"><col style="width:16%"><col style="width:34%"></colgroup>
<tbody>
<tr><th>${l.customerName}</th><td>${fillIn(c.customerName)}</td><th>${l.contactPerson}</th><td>${fillIn(c.contactPerson)}</td></tr>
<tr><th>${l.phone}</th><td>${fillIn(c.phone)}</td><th>${l.reportedAt}</th><td>${fillIn(c.reportedAt)}</td></tr>
<tr><th>${l.address}</th><td colspan="3">${fillIn(c.address, 'long')}</td></tr>
${form.rows}
</tbody>
</table>
${form.below ?? ''}</div>`;
}

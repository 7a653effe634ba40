import { documentHeader, markup, metaTable, type DocumentLang, type Html } from './html';
import type { Labels } from './labels';

/** The numbers a take-back document carries above its form. */
export interface TakeBackNumbers {
	ticketNumber?: string | null;
	voucherNumber?: string | null;
	takenBackAt?: string | null;
}

/**
 * The layout the product receipt (客户商品领取收据) and the repair card (修护卡) share: the title, an optional stamp, the
 * document's own number with the ticket, voucher and take-back date above the form, then a form of four columns of the
 * given widths holding `rows`, and the note under it.
 */
export function takeBackFormLayout(form: {
	className: string;
	title: string;
	stamp?: Html | '';
	number: readonly [label: string, value: unknown];
	numbers: TakeBackNumbers;
	lang: DocumentLang;
	labels: Labels;
	widths: readonly [number, number, number, number];
	rows: Html;
	note: string;
}): Html {
	const l = form.labels;
	const n = form.numbers;
	const header = metaTable(
		[form.number, [l.ticketNumber, n.ticketNumber], [l.voucherNumber, n.voucherNumber], [l.takenBackAt, n.takenBackAt]],
		form.lang,
	);
	const stamp = form.stamp === undefined ? '' : markup`${form.stamp}\n`;
	const cols = form.widths.map((w) => markup`<col style="width:${String(w)}%">`);
	return markup`<div class="doc ${form.className}">
${documentHeader(form.title)}
${stamp}${header}
<table class="form">
<colgroup>${cols}</colgroup>
<tbody>
${form.rows}
</tbody>
</table>
<p class="note">${form.note}</p>
</div>`;
}

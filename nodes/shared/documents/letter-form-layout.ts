import { documentHeader, markup, metaTable, type DocumentLang, type Html } from './html';

/**
 * The layout the contract expiry notice (合同到期通知) and the after-sales liaison letter (售后联络函) share: an optional
 * line above the title, the title, the numbers above the form, optional paragraphs before it, a form of four columns of
 * the given widths holding `rows`, and optional lines under it. `above`, `intro` and `below` end with their own newline.
 */
export function letterFormLayout(form: {
	className: string;
	above?: Html;
	title: string;
	numbers: ReadonlyArray<readonly [label: string, value: unknown]>;
	lang: DocumentLang;
	intro?: Html;
	widths: readonly [number, number, number, number];
	rows: Html;
	below?: Html;
}): Html {
	const cols = form.widths.map((w) => markup`<col style="width:${String(w)}%">`);
	return markup`<div class="doc ${form.className}">
${form.above}${documentHeader(form.title)}
${metaTable(form.numbers, form.lang)}
${form.intro}<table class="form">
<colgroup>${cols}</colgroup>
<tbody>
${form.rows}
</tbody>
</table>
${form.below}</div>`;
}

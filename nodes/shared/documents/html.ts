/**
 * Safe HTML building for printable documents: pure functions, data in, string out.
 *
 * Every value interpolated with the `markup` tag is escaped unless it is already `Html` (markup built by this module).
 * Trusted constant markup is wrapped with `trustedHtml`; user text must never go through it.
 *
 * The tag is deliberately not called `html`: Prettier reformats `html`-tagged templates as embedded HTML,
 * which would change the whitespace and even the tags these functions print.
 */

export type DocumentLang = 'zh-CN' | 'en';

/** 'en' (or 'en-US', 'en-GB' ...) → 'en'; anything else → 'zh-CN', the default for staff documents. */
export function resolveLang(lang: unknown): DocumentLang {
	return typeof lang === 'string' && /^en(?:[-_]|$)/i.test(lang) ? 'en' : 'zh-CN';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes & < > " ' for text and double- or single-quoted attribute values; null and undefined become ''. */
export function escapeHtml(value: unknown): string {
	if (value === null || value === undefined) return '';
	return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup that is safe to insert as is: only this module and its helpers create it. */
export class Html {
	private constructor(private readonly text: string) {}

	/** @internal use `markup` or `trustedHtml` */
	static of(text: string): Html {
		return new Html(text);
	}

	toString(): string {
		return this.text;
	}
}

/** Marks constant, developer-written markup as safe. Never pass user data. */
export function trustedHtml(text: string): Html {
	return Html.of(text);
}

/** Renders one interpolated value: Html as is, arrays item by item, null/undefined/false as nothing, the rest escaped. */
function renderValue(value: unknown): string {
	if (value instanceof Html) return value.toString();
	if (Array.isArray(value)) return value.map(renderValue).join('');
	if (value === null || value === undefined || value === false) return '';
	return escapeHtml(value);
}

/** Tagged template: markup`<td>${userText}</td>` escapes userText; nested markup`` fragments and arrays of them are kept. */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Html {
	let out = strings[0];
	for (let i = 0; i < values.length; i++) out += renderValue(values[i]) + strings[i + 1];
	return Html.of(out);
}

/** Joins fragments (escaping any plain values) with an optional separator (escaped unless Html). */
export function joinHtml(parts: readonly unknown[], separator: Html | string = ''): Html {
	const sep = separator instanceof Html ? separator.toString() : escapeHtml(separator);
	return Html.of(parts.map(renderValue).join(sep));
}

/** True when a value has nothing to print (null, undefined, or only white space). */
export function isBlank(value: unknown): boolean {
	return value === null || value === undefined || String(value).trim() === '';
}

/** A filled-in value, or an empty underline to write on by hand. */
export function fillIn(value: unknown, width: 'short' | 'medium' | 'long' = 'medium'): Html {
	if (isBlank(value)) return markup`<span class="blank blank-${width}"></span>`;
	return markup`<span class="value">${value}</span>`;
}

/** A filled-in block of text (line breaks kept), or `lines` ruled empty lines to write on by hand. */
export function textBlock(value: unknown, lines = 3): Html {
	if (isBlank(value)) {
		const count = Math.max(1, Math.floor(lines));
		return markup`<div class="lines">${Array.from({ length: count }, () => markup`<div class="line"></div>`)}</div>`;
	}
	return markup`<div class="text">${value}</div>`;
}

/** A paper check box with its label: ☑ when checked, ☐ otherwise. */
export function checkbox(checked: boolean, label: unknown): Html {
	return checked ? markup`<span class="choice checked">☑ ${label}</span>` : markup`<span class="choice">☐ ${label}</span>`;
}

/** One check box per option; those whose value is in `chosen` are ticked. */
export function checkboxes<T>(options: ReadonlyArray<{ value: T; label: string }>, chosen: T | readonly T[] | null | undefined): Html {
	const picked: readonly T[] = Array.isArray(chosen) ? chosen : chosen === null || chosen === undefined ? [] : [chosen as T];
	return joinHtml(
		options.map((o) => checkbox(picked.includes(o.value), o.label)),
		' ',
	);
}

/** Yes / No check boxes for a tri-state answer (null or undefined ticks neither). */
export function yesNo(value: boolean | null | undefined, yes: string, no: string): Html {
	return joinHtml([checkbox(value === true, yes), checkbox(value === false, no)], ' ');
}

/** The centred title block of a document, with an optional form number (表1.1) above it. */
export function documentHeader(title: string, formNumber?: string | null): Html {
	const number = isBlank(formNumber) ? '' : markup`<div class="doc-no">${formNumber}</div>`;
	return markup`<header class="doc-head">${number}<h1>${title}</h1></header>`;
}

/** Borderless label/value pairs above the form (numbers, category, due time), two per row; blanks print as lines. */
export function metaTable(pairs: ReadonlyArray<readonly [label: string, value: unknown]>, lang: DocumentLang): Html {
	const colon = resolveLang(lang) === 'en' ? ':' : '：';
	const cells = pairs.map(([label, value]) => markup`<th>${label}${colon}</th><td>${value instanceof Html ? value : fillIn(value, 'short')}</td>`);
	const rows: Html[] = [];
	for (let i = 0; i < cells.length; i += 2) rows.push(markup`<tr>${cells.slice(i, i + 2)}</tr>`);
	return markup`<table class="meta"><tbody>${rows}</tbody></table>`;
}

const STYLE = `
@page { size: A4; margin: 15mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
	margin: 0 auto; padding: 12mm; max-width: 210mm; background: #fff; color: #000;
	font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif;
	font-size: 10.5pt; line-height: 1.5;
}
.doc { position: relative; }
.letterhead { text-align: center; border-bottom: 1.5pt solid #000; padding-bottom: 2mm; margin-bottom: 4mm; }
.letterhead .company-name { font-size: 15pt; font-weight: bold; letter-spacing: 0.08em; line-height: 1.3; overflow-wrap: anywhere; }
.letterhead .company-contact { font-size: 9pt; overflow-wrap: anywhere; }
.letterhead .company-contact span { display: inline-block; margin: 0 0.75em; }
.doc-head { text-align: center; margin-bottom: 4mm; }
.doc-head h1 { font-size: 18pt; letter-spacing: 0.15em; margin: 0; }
.doc-head .doc-no { font-size: 9pt; text-align: left; }
table.meta { width: 100%; border-collapse: collapse; margin-bottom: 2mm; font-size: 9.5pt; }
table.meta th { text-align: left; font-weight: normal; white-space: nowrap; padding: 1mm 1mm 1mm 0; width: 1%; }
table.meta td { padding: 1mm 3mm 1mm 0; }
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.form th, table.form td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
table.form th { font-weight: normal; background: #f2f2f2; }
table.form th.center, table.form td.center { text-align: center; }
table.form td.num { text-align: right; }
table.form .section { background: #e6e6e6; font-weight: bold; }
ol.acceptance { margin: 1mm 0 2mm; padding-left: 1.5em; }
ol.acceptance li { margin: 1mm 0; }
.value { font-weight: 500; }
.text { white-space: pre-wrap; min-height: 1.5em; }
.blank { display: inline-block; max-width: 100%; border-bottom: 1px solid #000; height: 1.2em; vertical-align: bottom; }
.blank-short { min-width: 6em; }
.blank-medium { min-width: 12em; }
.blank-long { min-width: 24em; }
.lines .line { border-bottom: 1px solid #999; height: 7mm; }
.choice { display: inline-block; margin-right: 1.2em; white-space: nowrap; }
.choice.checked { font-weight: bold; }
.note { font-size: 9pt; margin-top: 3mm; }
.row-fill td { height: 8mm; }
.void-stamp {
	border: 3px double #c00; color: #c00; font-size: 20pt; font-weight: bold; text-align: center;
	padding: 2mm 6mm; margin: 3mm auto; width: fit-content; transform: rotate(-6deg);
}
.void-stamp .void-date { display: block; font-size: 11pt; font-weight: normal; }
@media print {
	body { padding: 0; max-width: none; }
	table.form th, table.form .section, .void-stamp { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
	tr, .void-stamp, .letterhead { break-inside: avoid; page-break-inside: avoid; }
	.no-print { display: none !important; }
}
`;

/**
 * A complete standalone HTML5 document (inline CSS for A4 printing, no external resources). A plain-string body is escaped.
 * `letterhead` (the company block from `renderLetterhead` in letterhead.ts) is printed at the top, above the body.
 */
export function page(input: { title: string; lang: DocumentLang; body: Html; letterhead?: Html }): string {
	const lang = resolveLang(input.lang);
	const letterhead = input.letterhead === undefined ? '' : renderValue(input.letterhead);
	return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${letterhead === '' ? '' : `${letterhead}\n`}${renderValue(input.body)}
</body>
</html>
`;
}

/** Shared checks for the printable documents. */

/** User text that must never reach the page as markup. */
export const SCRIPT = '<script>alert(1)</script>';
export const QUOTES = `"&'`;
export const EVIL = `${SCRIPT}${QUOTES}`;
export const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;';

/** EVIL tagged with a field name, so each field's escaped copy can be found in the output. */
export const evil = (field: string): string => `${EVIL}#${field}`;
export const evilEscaped = (field: string): string => `${EVIL_ESCAPED}#${field}`;

/** A complete standalone HTML5 document in the given language, with utf-8 and no external resources. */
export function expectFullDocument(out: string, lang: 'zh-CN' | 'en'): void {
	expect(out.startsWith('<!doctype html>\n')).toBe(true);
	expect(out).toContain(`<html lang="${lang}">`);
	expect(out).toContain('<meta charset="utf-8">');
	expect(out).toMatch(/<head>[\s\S]*<title>[^<]+<\/title>[\s\S]*<\/head>/);
	expect(out).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
	expect(out).toContain('size: A4');
	expect(out).toContain('"Noto Sans CJK SC"');
	expect(out).toMatch(/<body>[\s\S]*<\/body>\s*<\/html>\s*$/);
	expect(out.match(/<html/g)).toHaveLength(1);
	// Standalone: no scripts, stylesheets, images, frames or remote URLs.
	expect(out).not.toMatch(/<(?:script|link|img|iframe|object|embed)\b/i);
	expect(out).not.toMatch(/(?:src|href)\s*=/i);
	expect(out).not.toMatch(/url\(|@import|https?:\/\//i);
}

/** No raw user markup anywhere; every listed field's escaped copy is present. */
export function expectEscaped(out: string, fields: readonly string[]): void {
	expect(out).not.toContain(SCRIPT);
	expect(out).not.toContain('<script');
	expect(out).not.toContain(QUOTES);
	for (const field of fields) expect(out).toContain(evilEscaped(field));
}

/** Nothing that leaked from missing data. */
export function expectNoLeaks(out: string): void {
	expect(out).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/);
}

/** The visible text of a document body (tags removed, entities kept), for order-insensitive label checks. */
export function bodyOf(out: string): string {
	const m = /<body>([\s\S]*)<\/body>/.exec(out);
	return m ? m[1] : '';
}

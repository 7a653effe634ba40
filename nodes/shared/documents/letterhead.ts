import { isBlank, markup, resolveLang, type DocumentLang, type Html } from './html';
import { labelsFor, withColon } from './labels';

/** The service company as it heads every printed page (信头): its name, address and phone. */
export interface Letterhead {
	name: string;
	address?: string | null;
	phone?: string | null;
}

/** A credential field as trimmed text; anything but text or a number counts as empty. */
function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

/**
 * The letterhead from the After-Sales Store credential's fields `companyName`, `companyAddress`
 * and `companyPhone` (trimmed); undefined when there is no company name.
 */
export function letterheadFrom(data: Record<string, unknown> | undefined): Letterhead | undefined {
	const name = text(data?.companyName);
	if (name === '') return undefined;
	const letterhead: Letterhead = { name };
	const address = text(data?.companyAddress);
	const phone = text(data?.companyPhone);
	if (address !== '') letterhead.address = address;
	if (phone !== '') letterhead.phone = phone;
	return letterhead;
}

/**
 * The letterhead block at the top of a page: the company name, then its address and phone
 * (地址/电话, Address/Phone). Nothing at all without a letterhead or without a name.
 */
export function renderLetterhead(letterhead: Letterhead | undefined, lang: DocumentLang = 'zh-CN'): Html {
	if (!letterhead || isBlank(letterhead.name)) return markup``;
	const language = resolveLang(lang);
	const l = labelsFor(language);
	const contact = [
		isBlank(letterhead.address) ? null : markup`<span class="company-address">${withColon(l.address, language)}${letterhead.address}</span>`,
		isBlank(letterhead.phone) ? null : markup`<span class="company-phone">${withColon(l.phone, language)}${letterhead.phone}</span>`,
	].filter((part): part is Html => part !== null);
	const contactLine = contact.length === 0 ? '' : markup`<div class="company-contact">${contact}</div>`;
	return markup`<header class="letterhead"><div class="company-name">${letterhead.name}</div>${contactLine}</header>`;
}

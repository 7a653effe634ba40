import { fillIn, markup, page, resolveLang, textBlock, type DocumentLang, type Html } from './html';
import { labelsFor } from './labels';
import { renderLetterhead, type Letterhead } from './letterhead';
import { takeBackFormLayout } from './take-back-form-layout';
import { photoRow, type DocumentPhoto } from './photos';

/** One line of repair work recorded on the card (P7: actual repair time). */
export interface RepairWorkEntry {
	/** already formatted, e.g. '2026-11-28' */
	date: string;
	technician: string;
	hours: number;
	description: string;
}

/** One part replaced during the repair (P7). */
export interface ReplacedPart {
	name: string;
	quantity: number;
}

/** Everything printed on a repair card 修护卡 (P6/P7). Dates come already formatted. */
export interface RepairCardData {
	cardNumber: string;
	ticketNumber: string;
	voucherNumber?: string | null;
	customerName?: string | null;
	productDescription: string;
	serialNumber?: string | null;
	/** the fault as found on site (现场情况) */
	fault: string;
	takenBackAt?: string | null;
	workEntries?: RepairWorkEntry[];
	partsReplaced?: ReplacedPart[];
	/** the manager's inspection (验讫); missing prints blank lines to fill in by hand */
	inspection?: { inspectedBy?: string | null; inspectedAt?: string | null } | null;
	/** the day the product went back to the customer */
	returnedAt?: string | null;
	/** The visit's photos (issue 17): the fault as the technician saw it. */
	photos?: DocumentPhoto[];
}

/** Rows printed for hand-written additions: at least this many lines in each table. */
const MIN_WORK_ROWS = 5;
const MIN_PART_ROWS = 3;

/** 1.5 → "1.5", 2 → "2", 1/3 → "0.33"; not a finite number → '' (prints blank). */
export function formatHours(hours: unknown): string {
	if (typeof hours !== 'number' || !Number.isFinite(hours)) return '';
	return String(Math.round(hours * 100) / 100);
}

/** Sum of the entries' hours, rounded to two decimals (entries without a finite number count as 0). */
export function totalRepairHours(entries: readonly RepairWorkEntry[]): number {
	const total = entries.reduce((sum, e) => sum + (typeof e.hours === 'number' && Number.isFinite(e.hours) ? e.hours : 0), 0);
	return Math.round(total * 100) / 100;
}

/** `count` copies of an empty row (none when count ≤ 0). */
function blankRows(count: number, row: Html): Html[] {
	return Array.from({ length: Math.max(0, count) }, () => row);
}

/**
 * The repair card 修护卡 (P6/P7) as a printable HTML document; it hangs on the product while it is repaired. With a
 * `letterhead` (see `letterheadFrom`) the service company heads the page.
 */
export function renderRepairCard(data: RepairCardData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = labelsFor(language);
	const entries = data.workEntries ?? [];
	const parts = data.partsReplaced ?? [];
	const inspection = data.inspection ?? {};

	const workRows = entries.map(
		(e) =>
			markup`<tr><td>${e.date}</td><td>${e.technician}</td><td class="num">${formatHours(e.hours)}</td><td><div class="text">${
				e.description
			}</div></td></tr>`,
	);
	const partRows = parts.map((p) => markup`<tr><td colspan="3">${p.name}</td><td class="num">${p.quantity}</td></tr>`);
	const total = entries.length > 0 ? formatHours(totalRepairHours(entries)) : '';
	const body = takeBackFormLayout({
		className: 'repair-card',
		title: l.repairCard,
		number: [l.cardNumber, data.cardNumber],
		numbers: data,
		lang: language,
		labels: l,
		widths: [18, 18, 14, 50],
		rows: markup`<tr><th>${l.customerName}</th><td colspan="3">${fillIn(data.customerName)}</td></tr>
<tr><th>${l.productDescription}</th><td colspan="3">${fillIn(data.productDescription)}</td></tr>
<tr><th>${l.serialNumber}</th><td colspan="3">${fillIn(data.serialNumber)}</td></tr>
<tr><th>${l.fault}</th><td colspan="3">${textBlock(data.fault, 3)}</td></tr>
${photoRow(data.photos, language, 4)}
<tr><th colspan="4" class="section">${l.workEntries}</th></tr>
<tr><th class="center">${l.workDate}</th><th class="center">${l.workTechnician}</th><th class="center">${l.workHours}</th><th class="center">${
			l.workDescription
		}</th></tr>
${workRows}
${blankRows(MIN_WORK_ROWS - entries.length, markup`<tr class="row-fill"><td></td><td></td><td></td><td></td></tr>`)}
<tr><th colspan="2">${l.totalHours}</th><td class="num">${total}</td><td></td></tr>
<tr><th colspan="4" class="section">${l.partsReplaced}</th></tr>
<tr><th colspan="3" class="center">${l.partName}</th><th class="center">${l.partQuantity}</th></tr>
${partRows}
${blankRows(MIN_PART_ROWS - parts.length, markup`<tr class="row-fill"><td colspan="3"></td><td></td></tr>`)}
<tr><th colspan="4" class="section">${l.inspection}</th></tr>
<tr class="row-fill"><th>${l.inspectedBy}</th><td>${fillIn(inspection.inspectedBy, 'short')}</td><th>${l.inspectedAt}</th><td>${fillIn(
			inspection.inspectedAt,
			'short',
		)}</td></tr>
<tr class="row-fill"><th>${l.returnedAt}</th><td colspan="3">${fillIn(data.returnedAt, 'short')}</td></tr>`,
		note: l.cardNote,
	});

	return page({ title: `${l.repairCard} ${data.cardNumber ?? ''}`.trim(), lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

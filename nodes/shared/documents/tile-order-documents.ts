/**
 * The tile order's printable documents (T7–T11): payment notice (付款通知单), processing sheet
 * (加工单), delivery note (送货单, with vehicles and weight), settlement statement (结算单). Each
 * exists once its step was taken; all render the order as it stands. Pure: the order in, HTML out.
 */
import type { TileOrderView } from '../store/registers/tile-orders';
import { fenToYuan } from '../rules/money';
import { documentHeader, fillIn, markup, metaTable, page, resolveLang, type DocumentLang, type Html } from './html';
import { renderLetterhead, type Letterhead } from './letterhead';
import { paymentMethodLabel, tileLabelsFor, type TileLabels } from './tile-labels';
import { displayTime } from './ticket-documents';

export type TileDocumentKey = 'paymentNotice' | 'processingSheet' | 'deliveryNote' | 'settlementStatement';

export interface TileDocument {
	key: TileDocumentKey;
	fileName: string;
	html: string;
}

const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : fenToYuan(fen));
const day = (iso: string | null | undefined, zone: string) => (iso ? displayTime(iso, zone)!.slice(0, 10) : null);

function customerBlock(o: TileOrderView, l: TileLabels): Html {
	return markup`<tr><th>${l.customerName}</th><td>${fillIn(o.customerName)}</td><th>${l.phone}</th><td>${fillIn(o.phone)}</td></tr>
<tr><th>${l.address}</th><td colspan="3">${fillIn(o.address, 'long')}</td></tr>`;
}

function goodsRows(o: TileOrderView, l: TileLabels): Html {
	const rows = o.lines.map(
		(x) =>
			markup`<tr><td class="center">${x.lineNo}</td><td>${x.modelCode}</td><td>${x.name}</td><td>${x.size}</td><td class="num">${x.areaM2}</td><td class="num">${x.wastagePct}%</td><td class="num">${x.piecesNeeded}</td><td class="num">${x.boxes}</td><td class="num">${money(x.pricePerBoxFen)}</td><td class="num">${money(x.amountFen)}</td></tr>`,
	);
	// T5 per model: a model on several lines is prepared as one — its total under its lines.
	const totals = o.models
		.filter((m) => m.lineNos.length > 1)
		.map(
			(m) =>
				markup`<tr class="model-total"><td class="center">${m.lineNos.join('+')}</td><td>${m.modelCode}</td><td colspan="2">${l.modelTotal}</td><td class="num">${m.areaM2}</td><td></td><td class="num">${m.piecesNeeded}</td><td class="num">${m.boxes}</td><td></td><td class="num">${money(m.amountFen)}</td></tr>`,
		);
	return markup`<table class="form">
<colgroup><col style="width:6%"><col style="width:14%"><col style="width:14%"><col style="width:11%"><col style="width:9%"><col style="width:8%"><col style="width:8%"><col style="width:8%"><col style="width:10%"><col style="width:12%"></colgroup>
<thead><tr><th class="center">${l.lineNo}</th><th>${l.modelCode}</th><th>${l.name}</th><th>${l.size}</th><th>${l.area}</th><th>${l.wastage}</th><th>${l.pieces}</th><th>${l.boxes}</th><th>${l.unitPrice}</th><th>${l.amount}</th></tr></thead>
<tbody>${rows}${totals}
<tr><th colspan="9">${l.goods}</th><td class="num">${money(o.goodsFen)}</td></tr>
</tbody></table>`;
}

function moneyRow(label: string, fen: number, sign = ''): Html {
	return markup`<tr><th>${label}</th><td class="num">${sign}${money(fen)}</td></tr>`;
}

/** 付款通知单 (T8): goods and processing, less deposit and payments: what to pay before delivery. */
export function renderPaymentNotice(o: TileOrderView, zone: string, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = tileLabelsFor(language);
	const s = o.settlement;
	const total = s.goodsFen + s.processingFen;
	const due = Math.max(0, total - s.depositFen - s.paidFen);
	const body = markup`<div class="doc payment-notice">
${documentHeader(l.paymentNotice)}
${metaTable(
	[
		[l.orderNumber, o.orderNumber],
		[l.issuedAt, day(o.paymentNotice?.issuedAt, zone)],
		[l.orderDay, o.orderDay],
		[l.contactPerson, o.contactPerson],
	],
	language,
)}
<table class="form"><colgroup><col style="width:16%"><col style="width:34%"><col style="width:16%"><col style="width:34%"></colgroup><tbody>${customerBlock(o, l)}</tbody></table>
${goodsRows(o, l)}
<table class="form totals"><colgroup><col style="width:70%"><col style="width:30%"></colgroup><tbody>
${moneyRow(l.goods, s.goodsFen)}
${moneyRow(l.processingFee, s.processingFen)}
${moneyRow(l.totalCharges, total)}
${moneyRow(l.deposit, s.depositFen, '−')}
${moneyRow(l.paid, s.paidFen, '−')}
<tr class="section"><th>${l.amountDue}</th><td class="num">¥${money(due)}</td></tr>
</tbody></table>
<p class="note">${l.paymentNoticeNote}</p>
</div>`;
	return page({ title: `${l.paymentNotice} ${o.orderNumber}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

/** 加工单 (T7): model, size, whole tiles to process, cutting, edging, chamfering, notes. */
export function renderProcessingSheet(o: TileOrderView, zone: string, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = tileLabelsFor(language);
	const p = o.processingSheet;
	const rows = (p?.rows ?? []).map(
		(r) =>
			markup`<tr><td class="center">${r.lineNo}</td><td>${r.modelCode}</td><td>${r.size}</td><td class="num">${r.pieces}</td><td>${r.cutting ?? ''}</td><td>${r.edging ?? ''}</td><td>${r.chamfering ?? ''}</td><td>${r.notes ?? ''}</td></tr>`,
	);
	const body = markup`<div class="doc processing-sheet">
${documentHeader(l.processingSheet)}
${metaTable(
	[
		[l.orderNumber, o.orderNumber],
		[l.factory, p?.factory],
		[l.sentAt, day(p?.sentAt, zone)],
		[l.completionDate, p?.completionDate],
		[l.processingFee, p?.feeFen === null || p?.feeFen === undefined ? null : `¥${money(p.feeFen)}`],
		[l.customerName, o.customerName],
	],
	language,
)}
<table class="form">
<colgroup><col style="width:6%"><col style="width:16%"><col style="width:12%"><col style="width:10%"><col style="width:16%"><col style="width:12%"><col style="width:12%"><col style="width:16%"></colgroup>
<thead><tr><th class="center">${l.lineNo}</th><th>${l.modelCode}</th><th>${l.size}</th><th>${l.wholeTiles}</th><th>${l.cutting}</th><th>${l.edging}</th><th>${l.chamfering}</th><th>${l.notes}</th></tr></thead>
<tbody>${rows}</tbody></table>
<table class="form"><tbody><tr class="row-fill"><th>${l.checkedBy}</th><td>${fillIn(null, 'short')}</td><th>${l.factoryConfirm}</th><td>${fillIn(null, 'short')}</td></tr></tbody></table>
<p class="note">${l.processingNote}</p>
</div>`;
	return page({ title: `${l.processingSheet} ${o.orderNumber}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

/** 送货单 (T9): the boxes and their weight, the vehicles; the freight is the store's (not printed as a charge). */
export function renderDeliveryNote(o: TileOrderView, zone: string, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = tileLabelsFor(language);
	const d = o.delivery;
	const lines = o.lines.map(
		(x) =>
			markup`<tr><td class="center">${x.lineNo}</td><td>${x.modelCode}</td><td>${x.name}</td><td>${x.size}</td><td class="num">${x.piecesPerBox}</td><td class="num">${x.boxes}</td><td class="num">${x.weightKg}</td></tr>`,
	);
	const trips = (d?.trips ?? []).map(
		(t, i) =>
			markup`<tr><td class="center">${i + 1}</td><td>${t.vehicleName} (${t.vehicle})</td><td class="num">${t.payloadKg}</td><td class="num">${t.boxes}</td><td class="num">${t.loadKg}</td></tr>`,
	);
	const installer = d?.installer ?? o.installer;
	const body = markup`<div class="doc delivery-note">
${documentHeader(l.deliveryNote)}
${metaTable(
	[
		[l.orderNumber, o.orderNumber],
		[l.deliveryDate, d?.deliveryDate],
		[l.installer, installer ? `${installer.name} ${installer.phone}` : null],
		[l.contactPerson, o.contactPerson],
	],
	language,
)}
<table class="form"><colgroup><col style="width:16%"><col style="width:34%"><col style="width:16%"><col style="width:34%"></colgroup><tbody>${customerBlock(o, l)}</tbody></table>
<table class="form">
<colgroup><col style="width:8%"><col style="width:18%"><col style="width:20%"><col style="width:14%"><col style="width:12%"><col style="width:12%"><col style="width:16%"></colgroup>
<thead><tr><th class="center">${l.lineNo}</th><th>${l.modelCode}</th><th>${l.name}</th><th>${l.size}</th><th>${l.piecesPerBox}</th><th>${l.boxes}</th><th>${l.weightKg}</th></tr></thead>
<tbody>${lines}
<tr><th colspan="5">${l.totalBoxes} / ${l.totalWeight}</th><td class="num">${o.lines.reduce((s, x) => s + x.boxes, 0)}</td><td class="num">${d?.totalWeightKg ?? o.totalWeightKg}</td></tr>
</tbody></table>
<table class="form">
<colgroup><col style="width:10%"><col style="width:36%"><col style="width:18%"><col style="width:18%"><col style="width:18%"></colgroup>
<thead><tr><th colspan="5" class="section">${l.vehicles}</th></tr><tr><th class="center">${l.trip}</th><th>${l.vehicle}</th><th>${l.payloadKg}</th><th>${l.boxes}</th><th>${l.loadKg}</th></tr></thead>
<tbody>${trips}</tbody></table>
<table class="form"><tbody><tr class="row-fill"><th>${l.receivedBy}</th><td>${fillIn(null, 'short')}</td><th>${l.deliveredBy}</th><td>${fillIn(null, 'short')}</td></tr></tbody></table>
<p class="note">${l.deliveryNote_}</p>
</div>`;
	return page({ title: `${l.deliveryNote} ${o.orderNumber}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

/** 结算单 (T11): goods + processing + secondary charges − returns − deposit − payments = the balance. */
export function renderSettlementStatement(o: TileOrderView, zone: string, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = tileLabelsFor(language);
	const s = o.settlement;
	const kindLabel: Record<string, string> = { extra: l.extra, return: l.returns, reprocessing: l.reprocessing };
	const items = o.secondary.map(
		(i) =>
			markup`<tr><td>${kindLabel[i.kind] ?? i.kind}</td><td>${i.modelCode ?? ''}</td><td class="num">${i.boxes ?? ''}</td><td class="num">${money(i.unitFen)}</td><td class="num">${i.kind === 'return' ? '−' : ''}${money(i.amountFen)}</td><td>${i.notes ?? ''}</td></tr>`,
	);
	const payments = o.payments.map(
		(p) =>
			markup`<tr><td>${displayTime(p.paidAt, zone)}</td><td>${paymentMethodLabel(p.method, language)}</td><td class="num">${money(p.amountFen)}</td><td>${p.reason ?? ''}</td></tr>`,
	);
	const balance =
		s.balanceFen > 0
			? markup`<tr class="section"><th>${l.balanceOwed}</th><td class="num">¥${money(s.balanceFen)}</td></tr>`
			: s.balanceFen < 0
				? markup`<tr class="section"><th>${l.balanceRefund}</th><td class="num">¥${money(-s.balanceFen)}</td></tr>`
				: markup`<tr class="section"><th>${l.balanceSettled}</th><td class="num">¥0.00</td></tr>`;
	const body = markup`<div class="doc settlement-statement">
${documentHeader(l.settlementStatement)}
${metaTable(
	[
		[l.orderNumber, o.orderNumber],
		[l.settledAt, day(o.settledAt, zone)],
		[l.orderDay, o.orderDay],
		[l.contactPerson, o.contactPerson],
	],
	language,
)}
<table class="form"><colgroup><col style="width:16%"><col style="width:34%"><col style="width:16%"><col style="width:34%"></colgroup><tbody>${customerBlock(o, l)}</tbody></table>
${goodsRows(o, l)}
<table class="form">
<colgroup><col style="width:16%"><col style="width:18%"><col style="width:10%"><col style="width:14%"><col style="width:14%"><col style="width:28%"></colgroup>
<thead><tr><th colspan="6" class="section">${l.secondaryItems}</th></tr><tr><th>${l.kind}</th><th>${l.modelCode}</th><th>${l.boxes}</th><th>${l.unitPrice}</th><th>${l.amount}</th><th>${l.notes}</th></tr></thead>
<tbody>${items}</tbody></table>
<table class="form totals"><colgroup><col style="width:70%"><col style="width:30%"></colgroup><tbody>
${moneyRow(l.goods, s.goodsFen)}
${moneyRow(l.processingFee, s.processingFen)}
${moneyRow(l.extra, s.extraFen)}
${moneyRow(l.reprocessing, s.reprocessingFen)}
${moneyRow(l.returns, s.returnsFen, '−')}
${moneyRow(l.deposit, s.depositFen, '−')}
${moneyRow(l.paid, s.paidFen, '−')}
${balance}
</tbody></table>
<table class="form">
<colgroup><col style="width:28%"><col style="width:18%"><col style="width:18%"><col style="width:36%"></colgroup>
<thead><tr><th colspan="4" class="section">${l.payments}</th></tr><tr><th>${l.paidAt}</th><th>${l.method}</th><th>${l.amount}</th><th>${l.reason}</th></tr></thead>
<tbody>${payments}</tbody></table>
<table class="form"><tbody><tr class="row-fill"><th>${l.customerSignature}</th><td>${fillIn(null, 'short')}</td><th>${l.date}</th><td>${fillIn(null, 'short')}</td></tr></tbody></table>
<p class="note">${l.settlementNote}</p>
</div>`;
	return page({ title: `${l.settlementStatement} ${o.orderNumber}`, lang: language, body, letterhead: renderLetterhead(letterhead, language) });
}

/**
 * The processing sheet's rows for a spreadsheet (n8n's Convert to File): one object per line,
 * the column headers as the factory reads them (Chinese, or English with `en`).
 */
export function processingSheetRows(o: TileOrderView, lang: DocumentLang = 'zh-CN'): Array<Record<string, string | number>> {
	const l = tileLabelsFor(lang);
	return (o.processingSheet?.rows ?? []).map((r) => ({
		[l.lineNo]: r.lineNo,
		[l.modelCode]: r.modelCode,
		[l.name]: r.name,
		[l.size]: r.size,
		[l.wholeTiles]: r.pieces,
		[l.cutting]: r.cutting ?? '',
		[l.edging]: r.edging ?? '',
		[l.chamfering]: r.chamfering ?? '',
		[l.notes]: r.notes ?? '',
	}));
}

/** The documents the order has now: each once its step was taken. */
export function tileOrderDocuments(o: TileOrderView, zone: string, lang: DocumentLang, letterhead?: Letterhead): TileDocument[] {
	const docs: TileDocument[] = [];
	if (o.paymentNotice)
		docs.push({ key: 'paymentNotice', fileName: `${o.orderNumber}-payment-notice.html`, html: renderPaymentNotice(o, zone, lang, letterhead) });
	if (o.processingSheet)
		docs.push({ key: 'processingSheet', fileName: `${o.orderNumber}-processing-sheet.html`, html: renderProcessingSheet(o, zone, lang, letterhead) });
	if (o.delivery)
		docs.push({ key: 'deliveryNote', fileName: `${o.orderNumber}-delivery-note.html`, html: renderDeliveryNote(o, zone, lang, letterhead) });
	if (o.settledAt)
		docs.push({
			key: 'settlementStatement',
			fileName: `${o.orderNumber}-settlement.html`,
			html: renderSettlementStatement(o, zone, lang, letterhead),
		});
	return docs;
}

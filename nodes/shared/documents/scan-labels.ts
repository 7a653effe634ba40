/**
 * The sheet of QR labels (扫码报修标签) of a customer's installations, one label per unit, printed on
 * A4 and stuck on the units: Chinese first with English, the unit (serial no, description), the
 * customer and the address, and a QR code of the unit's report link. The QR code is drawn here as
 * SVG (server-side, no script, no external resource), so the sheet prints as it is.
 */
import { create } from 'qrcode/lib/core/qrcode';
import { escapeHtml, markup, trustedHtml, type Html } from './html';
import type { Letterhead } from './letterhead';
import { phonePage } from './scan-report-page';

export interface LabelForSheet {
	serialNo: string;
	description: string;
	customerName: string;
	address: string | null;
	/** The report link the QR code carries. */
	url: string;
}

/** A QR code of `text` as an SVG element: one path of dark modules, a quiet zone of 4 modules. */
export function qrSvg(text: string, sizeMm = 34): Html {
	const qr = create(text, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const quiet = 4;
	let d = '';
	for (let y = 0; y < n; y++) {
		let x = 0;
		while (x < n) {
			if (!qr.modules.get(y, x)) {
				x++;
				continue;
			}
			const start = x;
			while (x < n && qr.modules.get(y, x)) x++;
			d += `M${start + quiet} ${y + quiet}h${x - start}v1h${start - x}z`;
		}
	}
	const all = n + 2 * quiet;
	return trustedHtml(
		`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${all} ${all}" width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges" role="img" aria-label="QR ${escapeHtml(text)}"><rect width="${all}" height="${all}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`,
	);
}

const STYLE = `
@page{size:A4;margin:10mm}
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:#111;font-size:10.5pt}
header{margin:0 0 4mm}
h1{font-size:14pt;margin:0}
h1 .en,.en{color:#555;font-weight:normal;font-size:9pt}
.sheet{display:grid;grid-template-columns:1fr 1fr;gap:4mm}
.label{border:0.3mm dashed #888;padding:3mm;display:flex;gap:3mm;align-items:flex-start;min-height:60mm;break-inside:avoid;page-break-inside:avoid}
.label .qr{flex:none}
.label .text{flex:1;min-width:0;overflow-wrap:anywhere}
.label .title{font-size:13pt;font-weight:bold;margin:0 0 1.5mm}
.label dl{margin:0}
.label dt{font-size:8pt;color:#555;margin-top:1mm}
.label dd{margin:0;font-size:10pt}
.label .hint{font-size:8pt;color:#333;margin-top:2mm}
.label .company{font-size:8pt;font-weight:bold;margin-top:1mm}
@media screen{body{padding:10mm;max-width:210mm}}
`;

/** The whole printable page. */
export function renderLabelSheet(sheet: { customerName: string; customerCode: string; labels: LabelForSheet[] }, letterhead?: Letterhead): string {
	const company = letterhead?.name
		? markup`<p class="company">${letterhead.name}${letterhead.phone ? markup` · 服务电话 Service ${letterhead.phone}` : ''}</p>`
		: '';
	const labels = sheet.labels.map(
		(l) => markup`<section class="label" data-serial-no="${l.serialNo}">
${qrSvg(l.url)}
<div class="text">
<p class="title">扫码报修 <span class="en">Scan to report a problem</span></p>
<dl>
<dt>设备序列号 Serial no.</dt><dd class="serial-no">${l.serialNo}</dd>
<dt>设备 Unit</dt><dd class="description">${l.description}</dd>
<dt>客户 Customer</dt><dd class="customer">${l.customerName}</dd>
<dt>地址 Address</dt><dd class="address">${l.address ?? '—'}</dd>
</dl>
<p class="hint">手机扫描二维码，填写故障情况即可报修。Scan with your phone and tell us what is wrong.</p>
${company}
</div>
</section>`,
	);
	const body = markup`<header><h1>扫码报修标签 <span class="en">QR repair labels</span> · ${sheet.customerName} (${sheet.customerCode})</h1>
<p class="en">${sheet.labels.length} 张标签 labels — 剪下贴在设备上 cut out and stick on each unit</p></header>
<main class="sheet">
${labels.length ? labels : markup`<p>该客户没有在用的设备 This customer has no installation in use.</p>`}
</main>`;
	return phonePage(`扫码报修标签 QR repair labels · ${sheet.customerName}`, STYLE, body);
}

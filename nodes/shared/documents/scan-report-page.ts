/**
 * The customer's report page (扫码报修), opened from a unit's QR label on a phone: the unit, the
 * customer and the address are filled in; the customer adds what is wrong (现场情况), a phone
 * number (电话) and, if they like, a contact person (联系人). Chinese first, for a 390 px screen,
 * no script: the form posts to the page's own address (form-urlencoded), which answers with a
 * thank-you page. When the customer file has no address, the page asks for it.
 */
import { escapeHtml, markup, type Html } from './html';
import { renderLetterhead, type Letterhead } from './letterhead';

/** A whole page of the scan-to-report screens: Chinese first, sized for a phone, with its own style; the title escaped. */
export function phonePage(title: string, style: string, body: Html): string {
	return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body.toString()}
</body>
</html>
`;
}

export interface ReportPageUnit {
	serialNo: string;
	description: string;
	customerName: string;
	address: string | null;
}

export const SCAN_PAGE_STYLE = `
body{margin:0;background:#f3f5f7;color:#1d2329;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;font-size:16px;line-height:1.55}
main{max-width:560px;margin:0 auto;padding:16px 14px 40px}
h1{font-size:22px;margin:10px 0 6px}
.en{color:#66707a;font-size:13px;font-weight:normal}
.card{background:#fff;border-radius:12px;padding:14px 16px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.07)}
dl{margin:0}dt{color:#66707a;font-size:13px;margin-top:6px}dd{margin:0;font-size:17px;overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:12px 0 4px}
input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:10px 12px;border:1px solid #c8ced4;border-radius:8px;background:#fff}
textarea{min-height:110px}
button{width:100%;font:inherit;font-size:18px;padding:12px;margin-top:18px;border:0;border-radius:10px;background:#1f6feb;color:#fff}
.hint{color:#66707a;font-size:13px}
.letterhead{margin:4px 0 0;color:#3d4650}.company-name{font-weight:700;font-size:15px}.company-contact{font-size:13px}.company-contact span{margin-right:10px}
`;

export function renderReportPage(unit: ReportPageUnit, letterhead?: Letterhead): string {
	const needAddress = unit.address === null || unit.address.trim() === '';
	const body = markup`<main>
${renderLetterhead(letterhead)}
<h1>扫码报修 <span class="en">Report a problem</span></h1>
<section class="card unit">
<dl>
<dt>设备 Unit</dt><dd class="description">${unit.description}</dd>
<dt>序列号 Serial no.</dt><dd class="serial-no">${unit.serialNo}</dd>
<dt>客户 Customer</dt><dd class="customer">${unit.customerName}</dd>
<dt>地址 Address</dt><dd class="address">${needAddress ? '—' : unit.address}</dd>
</dl>
</section>
<form class="card" method="post" accept-charset="utf-8">
<label for="siteSituation">现场情况 <span class="en">What is wrong</span></label>
<textarea id="siteSituation" name="siteSituation" required maxlength="4000" placeholder="例如：不制冷，有异响 e.g. not cooling, noisy"></textarea>
<label for="phone">电话 <span class="en">Phone</span></label>
<input id="phone" name="phone" type="tel" required maxlength="40" autocomplete="tel" placeholder="13812345678">
<label for="contactPerson">联系人 <span class="en">Contact person (optional)</span></label>
<input id="contactPerson" name="contactPerson" maxlength="100" autocomplete="name">
${needAddress ? markup`<label for="address">地址 <span class="en">Address</span></label>\n<input id="address" name="address" required maxlength="500">` : ''}
<button type="submit">提交报修 <span class="en" style="color:#dfe8ff">Submit</span></button>
<p class="hint">我们会尽快致电联系您。We will call you back soon.</p>
</form>
</main>`;
	return phonePage(`扫码报修 Report a problem · ${unit.serialNo}`, SCAN_PAGE_STYLE, body);
}

/** The page after a report (thanks) or for a report that was not taken (the problems, Chinese first). */
export function renderScanAnswerPage(
	answer: { ok: true; ticketNumber: string; serialNo?: string } | { ok: false; title: string; problems: string[]; canRetry: boolean },
	letterhead?: Letterhead,
): string {
	const head = renderLetterhead(letterhead);
	const body = answer.ok
		? markup`<main>
${head}
<h1>报修已收到 <span class="en">Thank you, we have your report</span></h1>
<section class="card">
<dl><dt>报修单号 Ticket no.</dt><dd class="ticket-number">${answer.ticketNumber}</dd>
${answer.serialNo ? markup`<dt>序列号 Serial no.</dt><dd>${answer.serialNo}</dd>` : ''}</dl>
<p>我们会尽快安排技术员并致电联系您。请记下报修单号。<br><span class="en">We will send a technician and call you soon. Please keep the ticket number.</span></p>
</section>
</main>`
		: markup`<main>
${head}
<h1>${answer.title}</h1>
<section class="card problems">
<ul>${answer.problems.map((p) => markup`<li>${p}</li>`)}</ul>
${answer.canRetry ? markup`<p><a href="javascript:history.back()">返回修改 <span class="en">Go back and correct it</span></a></p>` : ''}
</section>
</main>`;
	return phonePage(answer.ok ? '报修已收到 Thank you' : answer.title, SCAN_PAGE_STYLE, body);
}

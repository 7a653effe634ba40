import { checkbox, checkboxes, fillIn, markup, page, resolveLang, textBlock, yesNo, type DocumentLang } from './html';
import { serviceFormLayout } from './service-form-layout';
import { categoryLabel, labelsFor, withColon, type ServiceCategory } from './labels';
import { renderLetterhead, type Letterhead } from './letterhead';
import { photoRow, type DocumentPhoto } from './photos';

export type CustomerType = 'in-warranty' | 'annual-contract' | 'per-visit-contract' | 'liaison-letter';
export type ServiceResult = 'completed' | 'not-completed-return-repair' | 'not-completed-other';
export type Delivered = 'yes' | 'no' | 'no-attachment';
export type Satisfaction = 'very-satisfied' | 'satisfied' | 'average' | 'unsatisfied';
export type DissatisfactionReason = 'attitude' | 'skill' | 'response';

/** The customer's part of Form 1.1, filled in when they sign for acceptance. */
export interface RepairServiceAcceptance {
	accepted?: boolean | null;
	delivered?: Delivered | null;
	satisfaction?: Satisfaction | null;
	dissatisfactionReasons?: DissatisfactionReason[];
	comments?: string | null;
	signature?: string | null;
	signedAt?: string | null;
}

/** Everything printed on the customer repair service form 客户报修服务单 (表1.1). Dates come already formatted. */
export interface RepairServiceFormData {
	ticketNumber: string;
	voucherNumber: string;
	customerName: string;
	contactPerson?: string | null;
	phone: string;
	address: string;
	/** already formatted for display, e.g. '2026-11-27 09:30' */
	reportedAt: string;
	customerType: CustomerType;
	category: ServiceCategory;
	dueAt?: string | null;
	/** the site situation reported */
	serviceContent: string;
	solution?: string | null;
	result?: ServiceResult | null;
	followUpDone?: boolean | null;
	remarks?: string | null;
	acceptance?: RepairServiceAcceptance | null;
	technicianName?: string | null;
	/** The visit's photos (issue 17), printed after the remarks. */
	photos?: DocumentPhoto[];
}

/**
 * The customer repair service form 客户报修服务单 (表1.1) as a printable HTML document; unknown fields print blank. With a
 * `letterhead` (see `letterheadFrom`) the service company heads the page.
 */
export function renderRepairServiceForm(data: RepairServiceFormData, lang: DocumentLang = 'zh-CN', letterhead?: Letterhead): string {
	const language = resolveLang(lang);
	const l = labelsFor(language);
	const acceptance = data.acceptance ?? {};

	const customerTypes = checkboxes<CustomerType>(
		[
			{ value: 'in-warranty', label: l.customerTypeInWarranty },
			{ value: 'annual-contract', label: l.customerTypeAnnualContract },
			{ value: 'per-visit-contract', label: l.customerTypePerVisitContract },
			{ value: 'liaison-letter', label: l.customerTypeLiaisonLetter },
		],
		data.customerType,
	);

	const result = data.result ?? null;
	const notCompleted = result === 'not-completed-return-repair' || result === 'not-completed-other';
	const [open, close] = language === 'en' ? [' (', ')'] : ['（', '）'];
	const completed = checkbox(result === 'completed', l.resultCompleted);
	const incomplete = checkbox(notCompleted, l.resultNotCompleted);
	const returnRepair = checkbox(result === 'not-completed-return-repair', l.resultReturnRepair);
	const other = checkbox(result === 'not-completed-other', l.resultOther);
	const resultChoices = markup`${completed} ${incomplete}${open}${returnRepair} ${other}${close}`;

	const delivered = checkboxes<Delivered>(
		[
			{ value: 'yes', label: l.yes },
			{ value: 'no', label: l.no },
			{ value: 'no-attachment', label: l.deliveredNoAttachment },
		],
		acceptance.delivered,
	);
	const satisfaction = checkboxes<Satisfaction>(
		[
			{ value: 'very-satisfied', label: l.satisfactionVerySatisfied },
			{ value: 'satisfied', label: l.satisfactionSatisfied },
			{ value: 'average', label: l.satisfactionAverage },
			{ value: 'unsatisfied', label: l.satisfactionUnsatisfied },
		],
		acceptance.satisfaction,
	);
	const reasons = checkboxes<DissatisfactionReason>(
		[
			{ value: 'attitude', label: l.reasonAttitude },
			{ value: 'skill', label: l.reasonSkill },
			{ value: 'response', label: l.reasonResponse },
		],
		acceptance.dissatisfactionReasons ?? [],
	);

	const body = serviceFormLayout({
		className: 'repair-service-form',
		title: l.repairServiceForm,
		formNumber: l.repairServiceFormNo,
		numbers: [
			[l.ticketNumber, data.ticketNumber],
			[l.voucherNumber, data.voucherNumber],
			[l.category, categoryLabel(data.category, language)],
			[l.dueAt, data.dueAt],
		],
		lang: language,
		labels: l,
		customer: data,
		rows: markup`<tr><th>${l.customerType}</th><td colspan="3">${customerTypes}</td></tr>
<tr><td colspan="4"><div>${withColon(l.serviceContent, language)}</div>${textBlock(data.serviceContent, 3)}</td></tr>
<tr><td colspan="4"><div>${withColon(l.solution, language)}</div>${textBlock(data.solution, 3)}</td></tr>
<tr><th>${l.result}</th><td colspan="3">${resultChoices}</td></tr>
<tr><th>${l.followUpDone}</th><td>${yesNo(data.followUpDone, l.yes, l.no)}</td><th>${l.technician}</th><td>${fillIn(
			data.technicianName,
			'short',
		)}</td></tr>
<tr><td colspan="4"><div>${withColon(l.remarks, language)}</div>${textBlock(data.remarks, 2)}</td></tr>
${photoRow(data.photos, language, 4)}
<tr><th colspan="4" class="section">${l.acceptance}</th></tr>
<tr><td colspan="4">
<div>${l.acceptanceIntro}</div>
<ol class="acceptance">
<li>${l.accepted} ${yesNo(acceptance.accepted, l.yes, l.no)}</li>
<li>${withColon(l.delivered, language)}${delivered}</li>
<li>${withColon(l.satisfaction, language)}${satisfaction}</li>
<li>${withColon(l.dissatisfactionReasons, language)}${reasons}</li>
</ol>
<div>${withColon(l.comments, language)}</div>${textBlock(acceptance.comments, 3)}
</td></tr>
<tr><th>${l.customerSignatureConfirm}</th><td>${fillIn(acceptance.signature)}</td><th>${l.date}</th><td>${fillIn(acceptance.signedAt)}</td></tr>`,
	});

	return page({
		title: `${l.repairServiceForm} ${data.ticketNumber ?? ''}`.trim(),
		lang: language,
		body,
		letterhead: renderLetterhead(letterhead, language),
	});
}

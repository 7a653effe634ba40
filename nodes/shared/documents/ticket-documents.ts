/**
 * A ticket's printable documents from its record: the customer repair service form (表1.1) and
 * the service voucher always; the product receipt and the repair card once the product was
 * taken back. Pure mapping: the ticket and its take-back records in, HTML files out.
 */
import type { DocumentPhoto } from './photos';
import { DateTime } from 'luxon';
import type { Ticket } from '../store/registers/tickets';
import type { TakeBackRecords } from '../store/registers/take-back';
import { renderRepairServiceForm, type RepairServiceAcceptance } from './repair-service-form';
import { renderServiceVoucher } from './service-voucher';
import { renderProductReceipt } from './product-receipt';
import { renderRepairCard } from './repair-card';
import type { DocumentLang } from './html';
import type { Letterhead } from './letterhead';
import { renderLiaisonLetter } from './liaison-letter';
import type { LiaisonLetter } from '../store/registers/liaison-letters';
import type { Survey } from '../store/registers/surveys';
import { formSatisfaction, type Level } from '../rules/survey-levels';
import { formRemarks, formSignature, serviceFormResult, type FormVisit } from './service-form-visits';

/** An instant as staff read it: 2026-11-27 09:30 in the workflow's timezone. */
export function displayTime(iso: string | null | undefined, zone: string): string | null {
	return iso ? DateTime.fromISO(iso).setZone(zone).toFormat('yyyy-MM-dd HH:mm') : null;
}

/**
 * Form 1.1's follow-up and acceptance from the ticket's survey (P14–P16): 电话回访完成服务 is ticked
 * once the follow-up call is recorded (answered with channel phone, RULES turn 3), not done once it
 * expired unanswered, left blank for an answer by link (no call was made); the satisfaction level is
 * the answer's overall (mean rounded half up) and the reasons tick attitude, skill and response
 * speed at 2 or below; the comments. The signature and its date are the visit's (`formSignature`).
 */
export function followUpOnForm(
	survey: Survey | null | undefined,
	now: string,
	/** Unused since the date beside the signature is the visit's (`formSignature`); kept for the callers. */
	_zone?: string,
): { followUpDone?: boolean; acceptance?: RepairServiceAcceptance } {
	if (!survey) return {};
	if (!survey.answeredAt || survey.attitude === null || survey.skill === null || survey.arrival === null || survey.promises === null) {
		return survey.expiresAt <= now ? { followUpDone: false } : {};
	}
	const levels = {
		attitude: survey.attitude as Level,
		skill: survey.skill as Level,
		arrival: survey.arrival as Level,
		promises: survey.promises as Level,
	};
	return {
		...(survey.channel === 'phone' ? { followUpDone: true } : {}),
		acceptance: {
			accepted: survey.accepted === null ? null : survey.accepted === 1,
			delivered: survey.delivered,
			...formSatisfaction(levels),
			comments: survey.comments,
		},
	};
}

/** One printable document of a ticket, named as the node's binary property and as a file. */
export interface TicketDocument {
	key: 'repairServiceForm' | 'serviceVoucher' | 'productReceipt' | 'repairCard' | 'liaisonLetter';
	fileName: string;
	html: string;
}

export function ticketDocuments(
	t: Ticket,
	records: TakeBackRecords | null,
	zone: string,
	lang: DocumentLang,
	letterhead?: Letterhead,
	letter?: LiaisonLetter | null,
	/** Form 1.1's follow-up part, from `followUpOnForm` (nothing: left blank). */
	followUp: ReturnType<typeof followUpOnForm> = {},
	/**
	 * The visit's photos and remarks (issue 17), shown on Form 1.1 and the repair card; with `visits`
	 * (every visit of the ticket, oldest first) Form 1.1's result box and 备注 come from them.
	 */
	visit: { photos?: DocumentPhoto[]; remarks?: string | null; visits?: readonly FormVisit[] } = {},
): TicketDocument[] {
	const common = {
		ticketNumber: t.ticketNumber,
		voucherNumber: t.voucherNumber,
		customerName: t.customerName,
		contactPerson: t.contactPerson,
		phone: t.phone,
		address: t.address,
		category: t.category as 'A' | 'B' | 'C' | 'D',
		reportedAt: displayTime(t.reportedAt, zone)!,
		dueAt: displayTime(t.dueAt, zone),
	};
	const docs: TicketDocument[] = [
		{
			key: 'repairServiceForm',
			fileName: `${t.ticketNumber}-repair-service-form.html`,
			html: renderRepairServiceForm(
				{
					...common,
					customerType: t.customerType as never,
					serviceContent: t.siteSituation,
					technicianName: t.technician?.name ?? null,
					solution: t.solution ?? null,
					result: serviceFormResult(t.status, visit.visits ?? []),
					...followUp,
					acceptance: { ...followUp.acceptance, ...formSignature(t, zone) },
					remarks: visit.visits ? formRemarks(visit.visits, zone, lang) : (visit.remarks ?? null),
					photos: visit.photos,
				},
				lang,
				letterhead,
			),
		},
		{
			key: 'serviceVoucher',
			fileName: `${t.voucherNumber}-service-voucher.html`,
			html: renderServiceVoucher({ ...common, siteSituation: t.siteSituation, technician: t.technician }, lang, letterhead),
		},
	];
	const receipt = records?.receipt;
	if (receipt) {
		docs.push({
			key: 'productReceipt',
			fileName: `${receipt.receiptNumber}-product-receipt.html`,
			html: renderProductReceipt(
				{
					receiptNumber: receipt.receiptNumber,
					ticketNumber: t.ticketNumber,
					voucherNumber: t.voucherNumber,
					customerName: t.customerName,
					contactPerson: t.contactPerson,
					phone: t.phone,
					address: t.address,
					productDescription: receipt.product,
					serialNumber: receipt.serialNo,
					accessories: receipt.accessories,
					takenBackAt: receipt.takenOn,
					technicianName: t.technician?.name ?? '',
					technicianPhone: t.technician?.phone ?? null,
					voidedAt: displayTime(receipt.voidedAt, zone),
				},
				lang,
				letterhead,
			),
		});
	}
	const card = records?.card;
	if (card) {
		docs.push({
			key: 'repairCard',
			fileName: `${card.cardNumber}-repair-card.html`,
			html: renderRepairCard(
				{
					cardNumber: card.cardNumber,
					ticketNumber: t.ticketNumber,
					voucherNumber: t.voucherNumber,
					customerName: t.customerName,
					productDescription: receipt?.product ?? '',
					serialNumber: receipt?.serialNo ?? t.serialNo,
					fault: t.siteSituation,
					takenBackAt: receipt?.takenOn ?? null,
					workEntries: card.work.map((w) => ({
						date: w.workedOn,
						technician: w.technicianName ?? '',
						hours: Math.round((w.minutes / 60) * 100) / 100,
						description: w.description ?? '',
					})),
					partsReplaced: card.parts.map((p) => ({ name: p.part, quantity: p.quantity })),
					inspection: card.inspectedBy ? { inspectedBy: card.inspectedBy, inspectedAt: displayTime(card.inspectedAt, zone) } : null,
					returnedAt: t.returnedOn ?? null,
					photos: visit.photos,
				},
				lang,
				letterhead,
			),
		});
	}
	if (letter) {
		docs.push({
			key: 'liaisonLetter',
			fileName: `${letter.letterNumber}-liaison-letter.html`,
			html: renderLiaisonLetter(
				{
					letterNumber: letter.letterNumber,
					subject: letter.subject,
					ticketNumber: t.ticketNumber,
					recipientUnit: t.customerName,
					recipientPerson: t.contactPerson,
					senderUnit: letterhead?.name ?? null,
					senderPerson: t.technician?.name ?? null,
					sentAt: displayTime(letter.createdAt, zone)!,
					content: liaisonContent(t, lang),
					feedback: letter.feedback,
					confirmedBy: letter.confirmedBy,
					confirmedAt: displayTime(letter.confirmedAt, zone),
				},
				lang,
				letterhead,
			),
		});
	}
	return docs;
}

/** What the liaison letter asks the customer to confirm: the job, and that it is paid service out of warranty. */
function liaisonContent(t: Ticket, lang: DocumentLang): string {
	return lang === 'en'
		? `Repair report ${t.ticketNumber}: ${t.siteSituation}\nAddress: ${t.address}\nNo warranty or maintenance contract covers this job: it is paid service (category A), charged by the company's fee standard — a call-out fee, labour per started half hour and parts at their unit price — and invoiced after the work. Please sign to confirm.`
		: `报修单 ${t.ticketNumber}：${t.siteSituation}\n地址：${t.address}\n本次服务不在保修期内，也无保养合同：属有费服务（A类），按公司收费标准收取上门费、人工费（按每开始的半小时计）及零件费（按单价），服务完成后开具收费单。请确认签字。`;
}

/**
 * What Form 1.1 (客户报修服务单) shows from a ticket's visits (RULES turn 3, *Form 1.1's own words*
 * and *Visit outcome other*): the result box, 备注, and 客户签字确认 with its 日期. Pure mapping.
 */
import { DateTime } from 'luxon';
import type { ServiceResult } from './repair-service-form';
import type { DocumentLang } from './html';

/** A visit as Form 1.1 reads it (see store/registers/ticket-visits.ts). */
export interface FormVisit {
	outcome: 'solved' | 'taken-back' | 'replaced' | 'other';
	recordedAt: string;
	visitedOn?: string | null;
	remarks?: string | null;
}

/** The result box from where the ticket stands, when no visit says otherwise. */
const BY_STATUS: Record<string, ServiceResult> = {
	'solved-on-site': 'completed',
	returned: 'completed',
	closed: 'completed',
	'taken-back': 'not-completed-return-repair',
	repaired: 'not-completed-return-repair',
	inspected: 'not-completed-return-repair',
};

/**
 * Form 1.1's 处理结果: the latest visit "other" ticks 未完成服务 with 其它 (see 备注), also while the
 * ticket waits to be dispatched again; a replacement (更换设备) ticks 未完成服务 with 需返修、更换设备,
 * never 已完成服务; otherwise the ticket's status decides (solved or returned: 已完成服务; a product
 * taken back and not yet returned: 需返修). No visit yet: nothing ticked.
 */
export function serviceFormResult(status: string, visits: readonly Pick<FormVisit, 'outcome'>[]): ServiceResult | null {
	const last = visits.length ? visits[visits.length - 1].outcome : null;
	if (last === 'other' && (status === 'open' || status === 'dispatched')) return 'not-completed-other';
	if (last === 'replaced') return 'not-completed-return-repair';
	return BY_STATUS[status] ?? null;
}

const OUTCOME_WORDS: Record<'zh-CN' | 'en', Record<FormVisit['outcome'], string>> = {
	'zh-CN': { solved: '已解决', 'taken-back': '携回修护', replaced: '更换设备', other: '其它' },
	en: { solved: 'solved', 'taken-back': 'taken back', replaced: 'replaced', other: 'other' },
};

/**
 * Form 1.1's 备注: the visit's remarks. With more than one visit, each visit's remarks on a line of
 * its own with its day and outcome ("2026-12-05 其它：配件在途"), so that no visit's reason is lost.
 */
export function formRemarks(visits: readonly FormVisit[], zone: string, lang: DocumentLang = 'zh-CN'): string | null {
	const noted = visits.filter((v) => typeof v.remarks === 'string' && v.remarks.trim() !== '');
	if (!noted.length) return null;
	if (visits.length === 1) return noted[0].remarks!;
	const language = lang === 'en' ? 'en' : 'zh-CN';
	const colon = language === 'en' ? ': ' : '：';
	return noted
		.map((v) => {
			const day = v.visitedOn ?? DateTime.fromISO(v.recordedAt, { setZone: true }).setZone(zone).toISODate();
			return `${day} ${OUTCOME_WORDS[language][v.outcome]}${colon}${v.remarks!.trim()}`;
		})
		.join('\n');
}

/** 客户签字确认 and 日期: the signature the visit (or the return) recorded, and its day in the workflow's timezone. */
export function formSignature(
	t: { customerSignature?: string | null; signedAt?: string | null },
	zone: string,
): { signature: string | null; signedAt: string | null } {
	const signature = t.customerSignature ?? null;
	const at = signature && t.signedAt ? DateTime.fromISO(t.signedAt, { setZone: true }) : null;
	return { signature, signedAt: at?.isValid ? at.setZone(zone).toISODate() : null };
}

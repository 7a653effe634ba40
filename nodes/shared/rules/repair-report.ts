/**
 * A reported problem (报修) as the receiver takes it down (P3): who, where, what is happening on
 * site, when. Every problem of a report is listed at once, each naming its field, so that a
 * webhook can answer `400 { errors: [{ field, message }] }`.
 */
import { DateTime } from 'luxon';
import { ProblemList } from './errors';
import { label } from './fields';
import { normalizeMainlandPhone } from './phone';
import { parsePastMoment } from './dates';
import { isBlank, isText, notTextMessage, refuseUnprintable } from './records';
import { EMAIL_ADDRESS } from './outbox-messages';

export interface RepairReport {
	customerName?: string;
	customerCode?: string;
	contactPerson: string | null;
	phone: string;
	/** The customer's email (邮箱), lower case; kept on the customer file, it decides the channel (email, else the mobile). */
	email?: string | null;
	address: string;
	siteSituation: string;
	/** UTC ISO instant. */
	reportedAt: string;
	/** The report's calendar day in the workflow's timezone. */
	reportDate: string;
	serialNo: string | null;
	contractNo: string | null;
	skill: string | null;
	idempotencyKey: string | null;
}

const LIMITS: Record<string, number> = {
	customerName: 200,
	customerCode: 40,
	contactPerson: 100,
	email: 200,
	address: 500,
	siteSituation: 4000,
	serialNo: 100,
	contractNo: 60,
	skill: 60,
	idempotencyKey: 200,
};

/** `now`: an ISO instant used when the report carries no time of its own. */
export function cleanRepairReport(input: Record<string, unknown>, zone: string, now: string): RepairReport {
	refuseUnprintable(input);
	const problems = new ProblemList();
	/** Fields given an object or a list: named once, as not text (not also as empty). */
	const notText = new Set<string>();
	const text = (field: string): string | null => {
		const v = input[field];
		if (isBlank(v)) return null;
		if (!isText(v)) {
			problems.add(field, notTextMessage(label(field), v));
			notText.add(field);
			return null;
		}
		const s = String(v).trim();
		if (s.length > LIMITS[field]) problems.add(field, `${label(field)}: ${s.length} characters is too long; expected at most ${LIMITS[field]}`);
		return s;
	};
	const customerName = text('customerName');
	const customerCode = text('customerCode');
	if (!customerName && !customerCode && !notText.has('customerName') && !notText.has('customerCode')) {
		problems.add('customerName', `${label('customerName')}: is empty; expected the customer's name (or the customer code)`);
	}
	let phone = '';
	if (isBlank(input.phone)) problems.add('phone', `${label('phone')}: is empty; expected the number to call back, such as 13812345678`);
	else phone = problems.check(() => normalizeMainlandPhone(input.phone, 'phone')) ?? '';
	const address = text('address');
	if (!address && !notText.has('address')) problems.add('address', `${label('address')}: is empty; expected where the technician should go`);
	const siteSituation = text('siteSituation');
	if (!siteSituation && !notText.has('siteSituation'))
		problems.add('siteSituation', `${label('siteSituation')}: is empty; expected what the customer reports is wrong on site`);
	const reportedAt = isBlank(input.reportedAt) ? now : problems.check(() => parsePastMoment(input.reportedAt, 'reportedAt', zone, now));
	const contactPerson = text('contactPerson');
	let email = text('email');
	if (email && email.length <= LIMITS.email && !EMAIL_ADDRESS.test(email)) {
		problems.add('email', `${label('email')}: "${email}" is not an email address; expected something like zhang.wei@example.com, or leave it empty`);
		email = null;
	} else if (email) email = email.toLowerCase();
	const serialNo = text('serialNo');
	const contractNo = text('contractNo');
	const skill = text('skill');
	const idempotencyKey = text('idempotencyKey');
	problems.throwIfAny();
	const at = DateTime.fromISO(reportedAt!, { setZone: true });
	return {
		...(customerName ? { customerName } : {}),
		...(customerCode ? { customerCode } : {}),
		contactPerson,
		phone,
		email,
		address: address!,
		siteSituation: siteSituation!,
		reportedAt: at.toUTC().toISO()!,
		reportDate: at.setZone(zone).toISODate()!,
		serialNo,
		contractNo,
		skill,
		idempotencyKey,
	};
}

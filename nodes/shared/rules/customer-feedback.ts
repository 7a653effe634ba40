/**
 * Feedback to the customer (向客户回馈, the flowchart's box after the repair; RULES turn 3): when a
 * product taken back passes the manager's inspection (验讫) the customer is told it is ready and when
 * it comes back; when a complaint is answered the reply letter (函告) goes to the customer. How each
 * message reaches the customer is decided here, in one place: email, else SMS to a mainland mobile.
 */
import { DateTime } from 'luxon';
import { RuleViolation } from './errors';
import { mainlandMobile } from './outbox-messages';

export type FeedbackKind = 'product-ready' | 'complaint-reply';
/**
 * `email`: sent by the workflow's Send Email; `sms`: queued in the outbox with the step (issue 19);
 * `phone`: the desk calls; `post`: printed and posted (a signed link to the letter).
 */
export type FeedbackChannel = 'email' | 'sms' | 'phone' | 'post';

const EMAIL = /^[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[^\s@<>()"',;]+$/;

/**
 * How a message reaches the customer: email when the customer has an address; without one, SMS to
 * the first mainland mobile among `phones` (the job's number first, then the customer file's);
 * without either, the reply letter is printed for post (P17: 函告) and the product-ready notice is a
 * call by the desk.
 */
export function feedbackContact(
	kind: FeedbackKind,
	contact: { email?: string | null; phones?: ReadonlyArray<string | null | undefined> },
): { channel: FeedbackChannel; email: string | null; mobile: string | null } {
	const email = (contact.email ?? '').trim();
	if (email && EMAIL.test(email)) return { channel: 'email', email, mobile: null };
	for (const p of contact.phones ?? []) {
		const mobile = mainlandMobile(p);
		if (mobile) return { channel: 'sms', email: null, mobile };
	}
	return { channel: kind === 'complaint-reply' ? 'post' : 'phone', email: null, mobile: null };
}

/** The channel of a message to the customer (see `feedbackContact`). */
export function feedbackChannel(
	kind: FeedbackKind,
	contact: { email?: string | null; phones?: ReadonlyArray<string | null | undefined> },
): FeedbackChannel {
	return feedbackContact(kind, contact).channel;
}

/**
 * The day a product that passed inspection goes back to the customer: the completion date agreed
 * at take-back (`promisedBy`) when it is still ahead, else the inspection day itself (the product
 * is ready now).
 */
export function productReturnDay(promisedBy: string | null | undefined, inspectedAt: string, zone: string): string {
	const at = DateTime.fromISO(inspectedAt, { setZone: true });
	if (!at.isValid) throw new RuleViolation(`The inspection needs its time as ISO 8601; got "${inspectedAt}"`, 'inspectedAt');
	const today = at.setZone(zone).toISODate()!;
	return promisedBy && /^\d{4}-\d{2}-\d{2}$/.test(promisedBy) && promisedBy > today ? promisedBy : today;
}

/** The product-ready message (Chinese first), for the email or for the desk's call. */
export function productReadyMessage(m: {
	ticketNumber: string;
	customerName: string;
	product: string | null;
	returnOn: string;
	company?: string | null;
}): { subject: string; text: string } {
	const product = m.product?.trim() || '送修商品';
	return {
		subject: `您的送修商品已修妥 Your product is repaired · ${m.ticketNumber}`,
		text:
			`${m.customerName}：您好！您送修的${product}（工单 ${m.ticketNumber}）已修妥并经部门经理验讫，将于 ${m.returnOn} 送还。` +
			`如需改期，请来电。\n\n` +
			`Dear ${m.customerName}, your ${m.product?.trim() || 'product'} (ticket ${m.ticketNumber}) is repaired and passed the manager's inspection; ` +
			`it comes back to you on ${m.returnOn}. Call us to change the day.` +
			(m.company ? `\n\n${m.company}` : ''),
	};
}

/** The reply message that goes with the reply letter (函告) when it is emailed. */
export function complaintReplyMessage(m: { complaintNumber: string; customerName: string; company?: string | null }): {
	subject: string;
	text: string;
} {
	return {
		subject: `投诉答复函 Reply to your complaint · ${m.complaintNumber}`,
		text:
			`${m.customerName}：您好！关于您的投诉（编号 ${m.complaintNumber}），我们的书面答复见附件答复函。\n\n` +
			`Dear ${m.customerName}, our written reply to your complaint ${m.complaintNumber} is in the attached letter.` +
			(m.company ? `\n\n${m.company}` : ''),
	};
}

/**
 * What a technician or manager reports at each step of a ticket (P4-P9), checked field by field
 * before anything is written.
 */
import { ProblemList, fieldError, shown } from './errors';
import { isBlank, isText, notTextMessage, refuseUnprintable } from './records';
import { parseDate, parsePastMoment } from './dates';
import { DateTime } from 'luxon';
import { yuanToFen } from './money';
import { PAYMENT_METHODS, paymentMethod, type PaymentMethod } from './invoice';

function text(problems: ProblemList, input: Record<string, unknown>, field: string, label: string, required: boolean, max = 2000): string | null {
	const v = input[field];
	if (isBlank(v)) {
		if (required) problems.add(field, `${label}: is empty; a value is required`);
		return null;
	}
	if (!isText(v)) {
		problems.add(field, notTextMessage(label, v));
		return null;
	}
	const s = String(v).trim();
	if (s.length > max) problems.add(field, `${label}: ${s.length} characters is too long; expected at most ${max}`);
	return s;
}

function minutes(problems: ProblemList, input: Record<string, unknown>, field: string, label: string, required: boolean): number | undefined {
	const v = input[field];
	if (isBlank(v)) {
		if (required) problems.add(field, `${label}: is empty; expected the minutes spent, such as 45`);
		return undefined;
	}
	// Number([45]) is 45 and Number(true) is 1: only a number or its text is a number of minutes.
	const n = typeof v === 'number' || typeof v === 'string' ? Number(v) : NaN;
	if (!Number.isInteger(n) || n < 1 || n > 24 * 60) {
		problems.add(field, `${label}: ${shown(v)} is not a number of minutes; expected a whole number from 1 to 1440`);
		return undefined;
	}
	return n;
}

/** A part used on a visit or a repair, with its price per unit in fen when given (P5: parts at their unit price). */
export type CleanPart = { part: string; quantity: number; unitPriceFen: number | null };

/** What a step records about money: the parts with prices, and what the technician collected on site (P5). */
export type StepMoneyInput = { parts: CleanPart[]; collectedFen: number | null; paymentMethod: PaymentMethod | null };

/**
 * Parts as [{ part, quantity, unitPriceYuan? }] or text: "压缩机 x1 @1200; 电容 x2 ¥35.5; 保险丝".
 * A price is yuan with at most two decimals.
 */
export function cleanParts(problems: ProblemList, raw: unknown): CleanPart[] {
	const parts: CleanPart[] = [];
	const list = isBlank(raw) ? [] : Array.isArray(raw) ? raw : String(raw).split(/[;；\n]/);
	for (const entry of list) {
		// A blank line of the text form is skipped; in a list, an empty entry (null, a list) is no part.
		if (Array.isArray(raw) ? entry === null || entry === undefined || Array.isArray(entry) : false) {
			problems.add(
				'parts',
				`Parts replaced (更换零件): ${JSON.stringify(entry ?? null)} is not a part; expected for example { part, quantity, unitPriceYuan } or "压缩机 x1 @1200"`,
			);
			continue;
		}
		if (isBlank(entry)) continue;
		let part: string;
		let quantity: number;
		let price: unknown;
		if (typeof entry === 'object' && entry !== null) {
			const e = entry as Record<string, unknown>;
			part = String(e.part ?? '').trim();
			quantity = isBlank(e.quantity) ? 1 : Number(e.quantity);
			price = e.unitPriceYuan;
		} else {
			const text = String(entry).trim();
			const priced = /^(.*?)\s*(?:@|[¥￥]|单价)\s*([\d.,]+)\s*元?\s*$/.exec(text);
			const rest = priced ? priced[1] : text;
			price = priced?.[2];
			const m2 = /^(.*?)\s*[x×*]\s*(\d+)\s*$/i.exec(rest);
			part = (m2 ? m2[1] : rest).trim();
			quantity = m2 ? Number(m2[2]) : 1;
		}
		if (!part || !Number.isInteger(quantity) || quantity < 1) {
			problems.add(
				'parts',
				`Parts replaced (更换零件): ${JSON.stringify(entry)} is not a part with a quantity; expected for example "压缩机 x1 @1200" or { part, quantity, unitPriceYuan }`,
			);
			continue;
		}
		const unitPriceFen = isBlank(price) ? null : problems.check(() => yuanToFen(price, 'parts'));
		if (unitPriceFen !== undefined) parts.push({ part, quantity, unitPriceFen });
	}
	return parts;
}

/** The money fields of a visit or a return: priced parts, `collectedYuan` and its `paymentMethod`. */
export function cleanStepMoney(problems: ProblemList, input: Record<string, unknown>): StepMoneyInput {
	const parts = cleanParts(problems, input.parts);
	let collectedFen: number | null = null;
	let method: PaymentMethod | null = null;
	if (!isBlank(input.collectedYuan)) {
		collectedFen = problems.check(() => yuanToFen(input.collectedYuan, 'collectedYuan')) ?? null;
		if (collectedFen === 0) collectedFen = null;
		if (collectedFen !== null) {
			if (isBlank(input.paymentMethod))
				problems.add(
					'paymentMethod',
					`Payment method (付款方式): is empty; money collected on site needs how it was paid: ${PAYMENT_METHODS.join(', ')}`,
				);
			else method = problems.check(() => paymentMethod(input.paymentMethod, 'paymentMethod')) ?? null;
		}
	}
	return { parts, collectedFen, paymentMethod: method };
}

export type CleanVisit = (
	| { outcome: 'solved'; solution: string; serialNo?: string; customerSignature: string; signedAt: string; minutes?: number; workedOn?: string }
	| {
			outcome: 'taken-back';
			product: string;
			serialNo: string | null;
			accessories: string | null;
			customerSignature: string;
			signedAt: string;
			minutes?: number;
			solution: string | null;
			promisedBy?: string | null;
			workedOn?: string;
	  }
	| {
			outcome: 'replaced';
			newSerialNo: string;
			serialNo: string | null;
			customerSignature: string;
			signedAt: string;
			minutes?: number;
			solution: string | null;
			workedOn?: string;
	  }
	| {
			/** 未完成服务·其它 (RULES turn 3): parts on order, the customer absent … — the ticket goes back to open. */
			outcome: 'other';
			remarks: string;
			/** The customer may be absent: the signature is optional. */
			customerSignature: string | null;
			signedAt: string | null;
			minutes?: number;
			solution: string | null;
			workedOn?: string;
	  }
) & { /** 备注: what the technician adds (Form 1.1's remarks); required for "other". */ remarks?: string };

/** Record Visit: `outcome` solved (solution, signature) or taken-back (product, signature). `now` is the default signing time. */
export function cleanVisit(input: Record<string, unknown>, zone: string, now: string): CleanVisit & StepMoneyInput {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const outcome = typeof input.outcome === 'string' ? input.outcome.trim() : '';
	if (outcome !== 'solved' && outcome !== 'taken-back' && outcome !== 'replaced' && outcome !== 'other') {
		throw fieldError(
			'outcome',
			`Outcome (处理结果): ${typeof input.outcome === 'string' || isBlank(input.outcome) ? `"${outcome}"` : shown(input.outcome)} is not allowed; expected "solved" (当场处理完妥), "taken-back" (带回修理), "replaced" (更换设备) or "other" (其它: not finished, see remarks)`,
		);
	}
	// "other": the customer may be absent (RULES turn 3), so no signature is asked for; every other outcome needs one.
	const customerSignature = text(problems, input, 'customerSignature', 'Customer signature (客户签字)', outcome !== 'other', 100);
	const signedAt = isBlank(input.signedAt) ? now : problems.check(() => parsePastMoment(input.signedAt, 'signedAt', zone, now));
	const m = minutes(problems, input, 'minutes', 'Minutes on site (工时)', false);
	const remarks = otherRemarks(problems, input, outcome);
	const money = cleanStepMoney(problems, input);
	// promisedBy belongs to a take-back (P9), newSerialNo to a replacement: elsewhere they would be silently lost.
	const promisedBy = isBlank(input.promisedBy) ? null : (problems.check(() => parseDate(input.promisedBy, 'promisedBy', zone)) ?? null);
	if (outcome !== 'taken-back' && !isBlank(input.promisedBy)) {
		problems.add(
			'promisedBy',
			`Promised completion date (约定完成日期): only a product taken back (outcome "taken-back") has one; leave it empty for "${outcome}"`,
		);
	}
	if (outcome !== 'replaced' && !isBlank(input.newSerialNo)) {
		problems.add(
			'newSerialNo',
			`New serial no (新序列号): only a replacement (outcome "replaced", 更换设备) puts in a new unit; leave it empty for "${outcome}"`,
		);
	}
	// The visit's own day (P10): when it happened (workedAt), else when the customer signed.
	const workedOn = workDay(problems, input, zone, now, signedAt);
	if (outcome === 'taken-back' && money.collectedFen !== null) {
		problems.add(
			'collectedYuan',
			'Collected on site (现场收费): a product taken back is charged on the day it is returned (P8); record the collection with the return',
		);
	}
	if (outcome === 'other' && money.collectedFen !== null) {
		problems.add(
			'collectedYuan',
			'Collected on site (现场收费): a visit that did not finish the work (其它) collects nothing; collect with the visit that finishes it',
		);
	}
	if (outcome === 'other') {
		const solution = text(problems, input, 'solution', 'Solution (处理方法)', false);
		problems.throwIfAny();
		return {
			outcome,
			remarks: remarks!,
			customerSignature,
			signedAt: customerSignature ? signedAt! : null,
			solution,
			...(m ? { minutes: m } : {}),
			...(workedOn ? { workedOn } : {}),
			...money,
		};
	}
	if (outcome === 'solved') {
		const solution = text(problems, input, 'solution', 'Solution (处理方法)', true);
		const serialNo = text(problems, input, 'serialNo', 'Serial no (序列号)', false, 100);
		problems.throwIfAny();
		return {
			outcome,
			solution: solution!,
			...(serialNo ? { serialNo } : {}),
			customerSignature: customerSignature!,
			signedAt: signedAt!,
			...(m ? { minutes: m } : {}),
			...(workedOn ? { workedOn } : {}),
			...(remarks ? { remarks } : {}),
			...money,
		};
	}
	if (outcome === 'replaced') {
		const newSerialNo = text(problems, input, 'newSerialNo', 'New serial no (新序列号)', true, 100);
		const serialNo = text(problems, input, 'serialNo', 'Serial no (序列号)', false, 100);
		const solution = text(problems, input, 'solution', 'Solution (处理方法)', false);
		problems.throwIfAny();
		return {
			outcome,
			newSerialNo: newSerialNo!,
			serialNo,
			customerSignature: customerSignature!,
			signedAt: signedAt!,
			solution,
			...(m ? { minutes: m } : {}),
			...(workedOn ? { workedOn } : {}),
			...(remarks ? { remarks } : {}),
			...money,
		};
	}
	const product = text(problems, input, 'product', 'Product taken back (带回商品)', true, 200);
	const serialNo = text(problems, input, 'serialNo', 'Serial no (序列号)', false, 100);
	const accessories = text(problems, input, 'accessories', 'Accessories (附件)', false, 500);
	const solution = text(problems, input, 'solution', 'Solution (处理方法)', false);
	problems.throwIfAny();
	return {
		outcome,
		product: product!,
		serialNo,
		accessories,
		customerSignature: customerSignature!,
		signedAt: signedAt!,
		solution,
		promisedBy,
		...(m ? { minutes: m } : {}),
		...(workedOn ? { workedOn } : {}),
		...(remarks ? { remarks } : {}),
		...money,
	};
}

/**
 * 备注 of a visit: optional, except for outcome "other" (未完成服务·其它, RULES turn 3), where it is
 * the reason the work is not finished (parts on order, the customer absent, a second person needed)
 * and is printed on Form 1.1.
 */
function otherRemarks(problems: ProblemList, input: Record<string, unknown>, outcome: string): string | null {
	if (outcome === 'other' && isBlank(input.remarks)) {
		problems.add(
			'remarks',
			'Remarks (备注): is empty; outcome "other" (其它) needs the reason the work is not finished, such as 配件在途 (parts on order), 客户不在 (the customer absent) or 需两人作业 (a second person needed)',
		);
		return null;
	}
	return text(problems, input, 'remarks', 'Remarks (备注)', false);
}

/** Record Repair Work: minutes, what was done, parts replaced as [{ part, quantity, unitPriceYuan? }] or "part x2 @35; part". */
export function cleanRepairWork(
	input: Record<string, unknown>,
	zone?: string,
	now?: string,
): { minutes: number; description: string | null; parts: CleanPart[]; workedOn?: string } {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const m = minutes(problems, input, 'minutes', 'Repair time (修理工时)', true);
	const description = text(problems, input, 'description', 'Work done (修理内容)', false);
	const parts = cleanParts(problems, input.parts);
	const workedOn = workDay(problems, input, zone, now);
	problems.throwIfAny();
	return { minutes: m!, description, parts, ...(workedOn ? { workedOn } : {}) };
}

/**
 * The day the work was done (P10: work counts on its own day, not the day it was entered), in the
 * workflow's timezone: from `workedAt` when given (a moment or a date, not in the future), else
 * from `fallback` (the visit's signature time), else undefined (the step's own day, today).
 */
export function workDay(problems: ProblemList, input: Record<string, unknown>, zone?: string, now?: string, fallback?: string): string | undefined {
	if (!zone || !now) return undefined;
	let at = fallback;
	if (!isBlank(input.workedAt)) at = problems.check(() => parsePastMoment(input.workedAt, 'workedAt', zone, now));
	return at ? DateTime.fromISO(at, { setZone: true }).setZone(zone).toISODate()! : undefined;
}

/** Return Product: signature, return date, and what the technician collected on returning it (P8). */
export function cleanReturn(
	input: Record<string, unknown>,
	zone: string,
	today: string,
): { returnedOn: string; customerSignature: string; collectedFen: number | null; paymentMethod: PaymentMethod | null } {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const customerSignature = text(problems, input, 'customerSignature', 'Customer signature (客户签字)', true, 100);
	const returnedOn = isBlank(input.returnedOn) ? today : problems.check(() => parseDate(input.returnedOn, 'returnedOn', zone));
	const { collectedFen, paymentMethod: method } = cleanStepMoney(problems, {
		collectedYuan: input.collectedYuan,
		paymentMethod: input.paymentMethod,
	});
	problems.throwIfAny();
	return { returnedOn: returnedOn!, customerSignature: customerSignature!, collectedFen, paymentMethod: method };
}

export function requireText(input: Record<string, unknown>, field: string, label: string): string {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const v = text(problems, input, field, label, true);
	problems.throwIfAny();
	return v!;
}

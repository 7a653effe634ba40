/**
 * What a technician or manager reports at each step of a ticket (P4-P9), checked field by field
 * before anything is written.
 */
import { ProblemList, fieldError } from './errors';
import { isBlank } from './records';
import { parseDate, parsePastMoment } from './dates';

function text(problems: ProblemList, input: Record<string, unknown>, field: string, label: string, required: boolean, max = 2000): string | null {
	const v = input[field];
	if (isBlank(v)) {
		if (required) problems.add(field, `${label}: is empty; a value is required`);
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
	const n = Number(v);
	if (!Number.isInteger(n) || n < 1 || n > 24 * 60) {
		problems.add(field, `${label}: "${String(v)}" is not a number of minutes; expected a whole number from 1 to 1440`);
		return undefined;
	}
	return n;
}

export type CleanVisit =
	| { outcome: 'solved'; solution: string; customerSignature: string; signedAt: string; minutes?: number }
	| { outcome: 'taken-back'; product: string; serialNo: string | null; accessories: string | null; customerSignature: string; signedAt: string; minutes?: number; solution: string | null };

/** Record Visit: `outcome` solved (solution, signature) or taken-back (product, signature). `now` is the default signing time. */
export function cleanVisit(input: Record<string, unknown>, zone: string, now: string): CleanVisit {
	const problems = new ProblemList();
	const outcome = String(input.outcome ?? '').trim();
	if (outcome !== 'solved' && outcome !== 'taken-back') {
		throw fieldError('outcome', `Outcome (处理结果): "${outcome}" is not allowed; expected "solved" (当场处理完妥) or "taken-back" (带回修理)`);
	}
	const customerSignature = text(problems, input, 'customerSignature', 'Customer signature (客户签字)', true, 100);
	const signedAt = isBlank(input.signedAt) ? now : problems.check(() => parsePastMoment(input.signedAt, 'signedAt', zone, now));
	const m = minutes(problems, input, 'minutes', 'Minutes on site (工时)', false);
	if (outcome === 'solved') {
		const solution = text(problems, input, 'solution', 'Solution (处理方法)', true);
		problems.throwIfAny();
		return { outcome, solution: solution!, customerSignature: customerSignature!, signedAt: signedAt!, ...(m ? { minutes: m } : {}) };
	}
	const product = text(problems, input, 'product', 'Product taken back (带回商品)', true, 200);
	const serialNo = text(problems, input, 'serialNo', 'Serial no (序列号)', false, 100);
	const accessories = text(problems, input, 'accessories', 'Accessories (附件)', false, 500);
	const solution = text(problems, input, 'solution', 'Solution (处理方法)', false);
	problems.throwIfAny();
	return { outcome, product: product!, serialNo, accessories, customerSignature: customerSignature!, signedAt: signedAt!, solution, ...(m ? { minutes: m } : {}) };
}

/** Record Repair Work: minutes, what was done, parts replaced as [{ part, quantity }] or "part x2; part". */
export function cleanRepairWork(input: Record<string, unknown>): { minutes: number; description: string | null; parts: Array<{ part: string; quantity: number }> } {
	const problems = new ProblemList();
	const m = minutes(problems, input, 'minutes', 'Repair time (修理工时)', true);
	const description = text(problems, input, 'description', 'Work done (修理内容)', false);
	const parts: Array<{ part: string; quantity: number }> = [];
	const raw = input.parts;
	const list = isBlank(raw) ? [] : Array.isArray(raw) ? raw : String(raw).split(/[;；\n]/);
	for (const entry of list) {
		if (isBlank(entry)) continue;
		const { part, quantity } =
			typeof entry === 'object' && entry !== null
				? { part: String((entry as Record<string, unknown>).part ?? '').trim(), quantity: Number((entry as Record<string, unknown>).quantity ?? 1) }
				: (() => {
						const m2 = /^(.*?)\s*[x×*]\s*(\d+)\s*$/i.exec(String(entry).trim());
						return m2 ? { part: m2[1].trim(), quantity: Number(m2[2]) } : { part: String(entry).trim(), quantity: 1 };
					})();
		if (!part || !Number.isInteger(quantity) || quantity < 1) {
			problems.add('parts', `Parts replaced (更换零件): "${JSON.stringify(entry)}" is not a part with a quantity; expected for example "压缩机 x1"`);
		} else parts.push({ part, quantity });
	}
	problems.throwIfAny();
	return { minutes: m!, description, parts };
}

export function cleanReturn(input: Record<string, unknown>, zone: string, today: string): { returnedOn: string; customerSignature: string } {
	const problems = new ProblemList();
	const customerSignature = text(problems, input, 'customerSignature', 'Customer signature (客户签字)', true, 100);
	const returnedOn = isBlank(input.returnedOn) ? today : problems.check(() => parseDate(input.returnedOn, 'returnedOn', zone));
	problems.throwIfAny();
	return { returnedOn: returnedOn!, customerSignature: customerSignature! };
}

export function requireText(input: Record<string, unknown>, field: string, label: string): string {
	const problems = new ProblemList();
	const v = text(problems, input, field, label, true);
	problems.throwIfAny();
	return v!;
}

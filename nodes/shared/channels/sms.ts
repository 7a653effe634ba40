/**
 * SMS for customers without email (issue 19 item 2), pure: one approved template a message kind,
 * its parameters exactly as RECORDS lists them (*Notifications*), in that order — Aliyun takes them
 * as a JSON object (`TemplateParam`), Tencent as an ordered array (`TemplateParamSet`, the
 * template's {1}, {2}, … in this order).
 */
import { fenToYuan } from '../rules/money';
import { RuleViolation } from '../rules/errors';
import { normalizeMainlandPhone } from '../rules/phone';

import { SMS_KINDS, type SmsKind } from '../rules/sms-kinds';

// The kinds are a rule (the outbox's rows carry them): defined in rules/sms-kinds.ts, given out here too.
export { SMS_KINDS, type SmsKind };

/** Each kind's template parameters, in order (RECORDS: `SURVEY` name,ticket,url …). */
export const SMS_TEMPLATE_PARAMS: Record<SmsKind, readonly string[]> = {
	survey: ['name', 'ticket', 'url'],
	ready: ['name', 'ticket', 'date'],
	payment: ['name', 'order', 'amount'],
	expiry: ['name', 'contract', 'date'],
	reply: ['name', 'complaint'],
};

/** The variable that names each kind's approved template code. */
export const SMS_TEMPLATE_VARIABLES: Record<SmsKind, string> = {
	survey: 'AFTER_SALES_SMS_TEMPLATE_SURVEY',
	ready: 'AFTER_SALES_SMS_TEMPLATE_READY',
	payment: 'AFTER_SALES_SMS_TEMPLATE_PAYMENT',
	expiry: 'AFTER_SALES_SMS_TEMPLATE_EXPIRY',
	reply: 'AFTER_SALES_SMS_TEMPLATE_REPLY',
};

/** What each kind is, for messages to staff. */
export const SMS_KIND_LABELS: Record<SmsKind, string> = {
	survey: '回访调查链接 (survey link)',
	ready: '产品修好通知 (product ready)',
	payment: '付款通知 (payment notice)',
	expiry: '保养到期通知 (expiry notice)',
	reply: '投诉答复 (complaint reply)',
};

export interface SmsMessage {
	kind: SmsKind;
	/** The customer's mobile, any way staff typed it. */
	phone: string;
	/** The template's parameters by name; `amount` may be a number of fen (shown as yuan, 128050 → 1280.50). */
	params: Record<string, string | number | undefined>;
}

export function isSmsKind(kind: unknown): kind is SmsKind {
	return typeof kind === 'string' && (SMS_KINDS as readonly string[]).includes(kind);
}

/** The parameters in template order, as strings; every one required, none extra. */
export function smsParams(kind: SmsKind, params: Record<string, string | number | undefined>): Array<[string, string]> {
	if (!isSmsKind(kind)) throw new RuleViolation(`短信类型 (SMS kind): "${String(kind)}" is not one of ${SMS_KINDS.join(', ')}`, 'kind');
	const names = SMS_TEMPLATE_PARAMS[kind];
	const missing = names.filter((n) => {
		const v = params[n];
		return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
	});
	const extra = Object.keys(params).filter((n) => !names.includes(n) && params[n] !== undefined);
	const problems: string[] = [];
	if (missing.length) problems.push(`missing ${missing.join(', ')}`);
	if (extra.length) problems.push(`not in the template: ${extra.join(', ')}`);
	if (problems.length) {
		throw new RuleViolation(
			`短信参数 (SMS parameters) for ${kind}: ${problems.join('; ')}; the template takes ${names.join(', ')}`,
			missing[0] ?? extra[0],
		);
	}
	return names.map((n) => {
		const v = params[n] as string | number;
		if (n === 'amount' && typeof v === 'number') {
			if (!Number.isSafeInteger(v)) throw new RuleViolation(`短信参数 amount: ${v} is not a whole number of fen`, 'amount');
			return [n, fenToYuan(v)];
		}
		return [n, String(v).replace(/\s+/g, ' ').trim()];
	});
}

/** Aliyun `TemplateParam`: a JSON object with the parameters by name, in template order. */
export function aliyunTemplateParam(kind: SmsKind, params: Record<string, string | number | undefined>): string {
	return JSON.stringify(Object.fromEntries(smsParams(kind, params)));
}

/** Tencent `TemplateParamSet`: the values in template order. */
export function tencentTemplateParamSet(kind: SmsKind, params: Record<string, string | number | undefined>): string[] {
	return smsParams(kind, params).map(([, v]) => v);
}

/** A mainland mobile (11 digits, 1…) or a clear error: SMS goes to mobiles only. */
export function smsMobile(phone: unknown): string {
	const n = normalizeMainlandPhone(phone, 'phone');
	if (!/^1\d{10}$/.test(n)) throw new RuleViolation(`手机号 (mobile): ${n} is a landline; SMS needs an 11-digit mobile such as 13812345678`, 'phone');
	return n;
}

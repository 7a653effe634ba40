/**
 * The registers' fields (RECORDS.md) and how one incoming row becomes a clean record:
 * names in English or Chinese, amounts in yuan → fen, dates → YYYY-MM-DD, phones normalised.
 * Every problem of a row is reported at once, each naming its field.
 */
import { ProblemList, fieldError, shown } from './errors';
import { FIELD_LABELS, label } from './fields';
import { yuanToFen } from './money';
import { normalizeMainlandPhone } from './phone';
import { parseDate } from './dates';
import { lookUp } from './enums';

export type RegisterName = 'customers' | 'installations' | 'contracts' | 'technicians' | 'tile-models';

type Kind = 'text' | 'phone' | 'email' | 'date' | 'money' | 'int' | 'kg' | 'list' | 'enum' | 'bool' | 'decimal1';

interface FieldSpec {
	name: string;
	kind: Kind;
	/** Required when a record is created (not when it is updated). */
	required?: boolean;
	min?: number;
	max?: number;
	maxLength?: number;
	values?: Record<string, string>;
	/** Key in the clean record when it differs (money: feeYuan → feeFen). */
	key?: string;
	/**
	 * Column headers an import accepts for the field besides its public name, as staff write
	 * them (RECORDS.md's Chinese header first); default: the field's Chinese label. Compared
	 * without spaces, brackets, slashes or case, after NFKC (`每箱单价（元）` is `每箱单价(元)`).
	 */
	headers?: string[];
}

const CONTRACT_KINDS = { annual: 'annual', 'per-visit': 'per-visit', 按年: 'annual', 按次: 'per-visit', 年: 'annual', 次: 'per-visit' };
const CONTRACT_STATUSES = { active: 'active', cancelled: 'cancelled', renewed: 'renewed', 有效: 'active', 已取消: 'cancelled', 已续约: 'renewed' };

const PHONE_HEADERS = ['电话', '联系电话', '手机', '手机号', '手机号码', '电话号码', '联系方式', 'tel', 'mobile'];
const EMAIL_HEADERS = ['邮箱', '电子邮件', '电子邮箱', '邮件', 'e-mail', 'mail'];

const customerRef: FieldSpec[] = [
	{ name: 'customerCode', kind: 'text', maxLength: 40, headers: ['客户编号', '客户编码', '客户代码'] },
	{ name: 'customerName', kind: 'text', maxLength: 200, headers: ['客户名称', '客户', '客户名'] },
	{ name: 'customerPhone', kind: 'phone', headers: ['客户电话', ...PHONE_HEADERS] },
];

export const REGISTER_FIELDS: Record<RegisterName, FieldSpec[]> = {
	customers: [
		{ name: 'code', kind: 'text', maxLength: 40, headers: ['客户编号', '编号', '客户编码', '客户代码'] },
		{ name: 'name', kind: 'text', required: true, maxLength: 200, headers: ['客户名称', '名称', '客户', '客户名', '公司名称', '单位名称'] },
		{ name: 'contactPerson', kind: 'text', maxLength: 100, headers: ['联系人', '联系人姓名'] },
		{ name: 'phone', kind: 'phone', headers: PHONE_HEADERS },
		{ name: 'email', kind: 'email', headers: EMAIL_HEADERS },
		{ name: 'address', kind: 'text', maxLength: 500, headers: ['地址', '详细地址', '客户地址'] },
		{ name: 'notes', kind: 'text', maxLength: 2000, headers: ['备注', '说明'] },
	],
	installations: [
		{ name: 'serialNo', kind: 'text', required: true, maxLength: 100, headers: ['序列号', '设备序列号', 'sn', 's/n'] },
		...customerRef,
		{ name: 'description', kind: 'text', required: true, maxLength: 500, headers: ['设备/工程', '设备', '工程', '设备名称', '工程名称', '描述'] },
		{ name: 'completedOn', kind: 'date', required: true, headers: ['竣工日期', '完工日期', '安装日期'] },
		{ name: 'warrantyUntil', kind: 'date', required: true, headers: ['保修截止', '保修截止日期', '保修到期', '保修期至'] },
	],
	contracts: [
		{ name: 'contractNo', kind: 'text', required: true, maxLength: 60, headers: ['合同编号', '合同号'] },
		...customerRef,
		{ name: 'kind', kind: 'enum', required: true, values: CONTRACT_KINDS, headers: ['合同类型', '类型', '按年/按次', '计费方式'] },
		{ name: 'startsOn', kind: 'date', required: true, headers: ['开始日期', '起始日期', '生效日期'] },
		{ name: 'endsOn', kind: 'date', required: true, headers: ['到期日期', '截止日期', '结束日期', '终止日期'] },
		{ name: 'feeYuan', kind: 'money', key: 'feeFen', headers: ['合同金额', '合同金额(元)', '金额', '年费'] },
		{ name: 'visitFeeYuan', kind: 'money', key: 'visitFeeFen', headers: ['每次费用', '每次费用(元)', '单次费用'] },
		{ name: 'partsIncluded', kind: 'bool', headers: ['含零件', '包含零件', '含配件'] },
		{ name: 'status', kind: 'enum', values: CONTRACT_STATUSES, headers: ['状态', '合同状态'] },
		{ name: 'maintenanceEveryMonths', kind: 'int', min: 1, max: 120, headers: ['保养周期(月)', '保养周期', '保养间隔(月)'] },
	],
	technicians: [
		{ name: 'name', kind: 'text', required: true, maxLength: 100, headers: ['姓名', '名字', '技术员', '技术员姓名'] },
		{ name: 'phone', kind: 'phone', required: true, headers: PHONE_HEADERS },
		{ name: 'email', kind: 'email', headers: EMAIL_HEADERS },
		{ name: 'skills', kind: 'list', headers: ['技能', '专长'] },
		{ name: 'areas', kind: 'list', headers: ['服务区域', '区域', '片区'] },
		{ name: 'dailyCapacity', kind: 'int', min: 1, max: 100, headers: ['每日工单上限', '日工单上限', '每日上限'] },
		{ name: 'active', kind: 'bool', headers: ['在职', '是否在职'] },
	],
	'tile-models': [
		{ name: 'modelCode', kind: 'text', required: true, maxLength: 60, headers: ['型号', '产品型号', '瓷砖型号'] },
		{ name: 'name', kind: 'text', required: true, maxLength: 200, headers: ['名称', '产品名称', '品名'] },
		{ name: 'widthMm', kind: 'int', required: true, min: 1, max: 10000, headers: ['宽mm', '宽', '宽度'] },
		{ name: 'heightMm', kind: 'int', required: true, min: 1, max: 10000, headers: ['长mm', '长', '长度'] },
		{ name: 'thicknessMm', kind: 'decimal1', min: 1, max: 100, headers: ['厚mm', '厚', '厚度'] },
		{ name: 'piecesPerBox', kind: 'int', required: true, min: 1, max: 1000, headers: ['每箱片数', '片/箱', '每箱数量'] },
		{ name: 'boxWeightKg', kind: 'kg', required: true, key: 'boxWeightG', headers: ['每箱重量kg', '每箱重量', '箱重', '重量'] },
		{
			name: 'pricePerBoxYuan',
			kind: 'money',
			required: true,
			key: 'pricePerBoxFen',
			headers: ['每箱单价', '每箱单价(元)', '单价', '单价(元)', '价格'],
		},
		{ name: 'boxesOnHand', kind: 'int', min: 0, max: 10_000_000, headers: ['库存箱数', '库存', '箱数'] },
	],
};

/** Header aliases an import accepts: the public name and the field's headers, compared squashed. */
const aliasCache = new Map<RegisterName, Map<string, string>>();
function aliases(register: RegisterName): Map<string, string> {
	let map = aliasCache.get(register);
	if (!map) {
		map = new Map();
		for (const f of REGISTER_FIELDS[register]) {
			map.set(squash(f.name), f.name);
			for (const header of f.headers ?? [FIELD_LABELS[f.name]?.zh ?? f.name]) map.set(squash(header), f.name);
		}
		aliasCache.set(register, map);
	}
	return map;
}
function squash(s: string): string {
	return s
		.normalize('NFKC')
		.replace(/[\s_()/\-]/g, '')
		.toLowerCase();
}

/** The header a clerk would recognise for a field: its first Chinese header, e.g. 客户名称. */
export function headerOf(register: RegisterName, name: string): string {
	const f = REGISTER_FIELDS[register].find((x) => x.name === name);
	return f?.headers?.[0] ?? FIELD_LABELS[name]?.zh ?? name;
}

/** Renames the keys of an incoming row (English or Chinese headers) to public names; unknown keys are dropped. */
export function mapHeaders(register: RegisterName, row: Record<string, unknown>): Record<string, unknown> {
	const known = aliases(register);
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(row)) {
		const name = known.get(squash(k));
		if (name && !(name in out && isBlank(v))) out[name] = v;
	}
	return out;
}

/** How many of the row's keys are known columns of the register (an import with none is unreadable). */
export function countKnownHeaders(register: RegisterName, headers: string[]): number {
	const known = aliases(register);
	return headers.filter((h) => known.has(squash(h))).length;
}

/** The headers that are no column of the register: an import lists them instead of dropping them silently. */
export function unknownHeaders(register: RegisterName, headers: string[]): string[] {
	const known = aliases(register);
	return headers.filter((h) => !known.has(squash(h)));
}

export function isBlank(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * A value a text field can take: a string, or a number or yes/no as a spreadsheet cell or a JSON
 * body carries it. An object or a list is not text — String() would store "[object Object]".
 */
export function isText(v: unknown): v is string | number | boolean {
	return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Refuses a body whose values String() cannot print: an object from JSON such as
 * `{ "toString": "x" }` (its own `toString` is no function) makes String(), template literals and
 * `+ ''` throw a TypeError, which would surface as a store failure instead of a field error.
 * Checked once, at the top of each rule that reads a webhook body; names the top-level field.
 */
export function refuseUnprintable(input: Record<string, unknown>): void {
	const problems = new ProblemList();
	const unprintable = (v: unknown, depth: number): boolean => {
		if (typeof v !== 'object' || v === null || depth > 8) return false;
		// An object made without a prototype (Object.create(null)) has no toString at all.
		if (Object.getPrototypeOf(v) === null) return true;
		for (const key of ['toString', 'valueOf', 'toJSON'] as const) {
			if (Object.prototype.hasOwnProperty.call(v, key) && typeof (v as Record<string, unknown>)[key] !== 'function') return true;
		}
		if (Object.prototype.hasOwnProperty.call(v, Symbol.toPrimitive)) return true;
		return Object.values(v as object).some((x) => unprintable(x, depth + 1));
	};
	if (input === null || typeof input !== 'object') return;
	for (const [field, value] of Object.entries(input)) {
		if (unprintable(value, 0))
			problems.add(field, `${label(field)}: holds a value that is neither text, a number nor a list of them; expected a plain value`);
	}
	problems.throwIfAny();
}

/** The message for a text field given an object or a list: "Name (名称): a list is not text; expected …". */
export function notTextMessage(fieldLabel: string, v: unknown, expected = 'plain text'): string {
	return `${fieldLabel}: ${Array.isArray(v) ? 'a list' : 'an object'} is not text; expected ${expected}`;
}

function normalizeValue(spec: FieldSpec, value: unknown, zone: string): unknown {
	const f = spec.name;
	// An object or a list is no cell value: String([5]) is "5", String({}) "[object Object]". Lists
	// have their own check below; a date cell may arrive as a Date.
	if (typeof value === 'object' && value !== null && spec.kind !== 'list' && !(value instanceof Date)) {
		throw fieldError(f, notTextMessage(label(f), value, 'a single value'));
	}
	switch (spec.kind) {
		case 'text': {
			if (!isText(value)) throw fieldError(f, notTextMessage(label(f), value));
			const text = String(value).trim();
			if (spec.maxLength && text.length > spec.maxLength) {
				throw fieldError(f, `${label(f)}: ${text.length} characters is too long; expected at most ${spec.maxLength}`);
			}
			return text;
		}
		case 'phone':
			return normalizeMainlandPhone(value, f);
		case 'email': {
			if (!isText(value)) throw fieldError(f, notTextMessage(label(f), value, 'an email address such as zhang.wei@example.com'));
			const text = String(value).trim();
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
				throw fieldError(f, `${label(f)}: "${text}" is not an email address; expected something like zhang.wei@example.com`);
			}
			return text.toLowerCase();
		}
		case 'date':
			return parseDate(value, f, zone);
		case 'money':
			return yuanToFen(value, f);
		case 'kg': {
			const n = typeof value === 'number' ? value : Number(String(value).trim());
			if (!Number.isFinite(n) || n <= 0 || n > 10000) {
				throw fieldError(f, `${label(f)}: ${shown(value)} is not a weight; expected kilograms greater than 0, for example 26.5`);
			}
			return Math.round(n * 1000);
		}
		case 'int': {
			// "1,200" and full-width "１２" as typed in a sheet; "1,20" stays refused.
			const typed = String(value).normalize('NFKC').trim();
			const n = typeof value === 'number' ? value : Number(/^\d{1,3}(,\d{3})+$/.test(typed) ? typed.replace(/,/g, '') : typed);
			const range = `a whole number from ${spec.min ?? 0} to ${spec.max ?? 'any'}`;
			if (!Number.isInteger(n)) throw fieldError(f, `${label(f)}: ${shown(value)} is not a whole number; expected ${range}`);
			if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
				throw fieldError(f, `${label(f)}: ${n} is out of range; expected ${range}`);
			}
			return n;
		}
		case 'decimal1': {
			// Thickness as shops list it: 9.5, "10.5", "９．５", "9.5mm"; one decimal at most.
			const typed = String(value)
				.normalize('NFKC')
				.trim()
				.replace(/\s*mm$/i, '');
			const n = typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(typed) ? Number(typed) : NaN;
			const range = `a number from ${spec.min} to ${spec.max} with at most one decimal, for example 9.5`;
			if (!Number.isFinite(n) || Math.round(n * 10) / 10 !== n) throw fieldError(f, `${label(f)}: ${shown(value)} is not allowed; expected ${range}`);
			if (n < spec.min! || n > spec.max!) throw fieldError(f, `${label(f)}: ${n} is out of range; expected ${range}`);
			return n;
		}
		case 'list': {
			if (Array.isArray(value) ? !value.every(isText) : !isText(value))
				throw fieldError(f, notTextMessage(label(f), value, 'names separated by commas, or a list of names'));
			const items = Array.isArray(value) ? value.map(String) : String(value).split(/[,，、;；]/);
			return [...new Set(items.map((s) => s.trim()).filter(Boolean))];
		}
		case 'enum': {
			// Exact or in lower case ("Annual").
			const key = String(value).trim();
			const v = lookUp(spec.values!, key) ?? lookUp(spec.values!, key.toLowerCase());
			if (!v) {
				const allowed = [...new Set(Object.values(spec.values!))].join(', ');
				throw fieldError(f, `${label(f)}: ${shown(value)} is not allowed; expected one of ${allowed}`);
			}
			return v;
		}
		case 'bool': {
			if (typeof value === 'boolean') return value;
			const text = String(value).trim().toLowerCase();
			if (['true', 'yes', '1', '是', 'y'].includes(text)) return true;
			if (['false', 'no', '0', '否', 'n'].includes(text)) return false;
			throw fieldError(f, `${label(f)}: ${shown(value)} is not yes or no; expected true/false (是/否)`);
		}
	}
}

export type CleanRecord = Record<string, unknown>;

/**
 * Turns one incoming row into a clean record for `register`.
 * mode `create`: required fields must be present. mode `patch`: only the fields given are checked
 * and returned (an update). Throws a ValidationError listing every problem of the row.
 */
export function cleanRecord(register: RegisterName, input: Record<string, unknown>, mode: 'create' | 'patch', zone: string): CleanRecord {
	refuseUnprintable(input);
	const problems = new ProblemList();
	const out: CleanRecord = {};
	for (const spec of REGISTER_FIELDS[register]) {
		const value = input[spec.name];
		if (isBlank(value)) {
			if (mode === 'create' && spec.required) {
				problems.add(spec.name, `${label(spec.name)}: is empty; a value is required`);
			}
			continue;
		}
		const clean = problems.check(() => normalizeValue(spec, value, zone));
		if (clean !== undefined) out[spec.key ?? spec.name] = clean;
	}
	checkAcrossFields(register, out, input, mode, problems);
	problems.throwIfAny();
	return out;
}

/** Rules across fields. A field given but invalid is already reported, so "is empty" looks at the input. */
function checkAcrossFields(register: RegisterName, r: CleanRecord, input: Record<string, unknown>, mode: string, problems: ProblemList): void {
	if (register === 'installations' && r.completedOn && r.warrantyUntil && r.warrantyUntil < r.completedOn) {
		problems.add(
			'warrantyUntil',
			`${label('warrantyUntil')}: ${r.warrantyUntil} is before the completion date ${r.completedOn}; expected the same day or later`,
		);
	}
	if (register === 'contracts') {
		if (r.startsOn && r.endsOn && r.endsOn < r.startsOn) {
			problems.add('endsOn', `${label('endsOn')}: ${r.endsOn} is before the start date ${r.startsOn}; expected the same day or later`);
		}
		if (mode === 'create' && r.kind === 'per-visit' && isBlank(input.visitFeeYuan)) {
			problems.add('visitFeeYuan', `${label('visitFeeYuan')}: is empty; a per-visit contract (按次) needs its fee per visit`);
		}
	}
	if ((register === 'installations' || register === 'contracts') && mode === 'create') {
		if (isBlank(input.customerCode) && (isBlank(input.customerName) || isBlank(input.customerPhone))) {
			problems.add('customerCode', `${label('customerCode')}: is empty; expected the customer's code, or the customer's name and phone`);
		}
	}
	if (register === 'customers' && mode === 'create' && isBlank(input.code) && isBlank(input.phone)) {
		problems.add('phone', `${label('phone')}: is empty; a customer without a code needs a phone so that it can be found again`);
	}
}

/** Longest text a Get Many's search box takes (SQLite refuses a LIKE pattern of 50,000 characters). */
export const MAX_SEARCH_LENGTH = 200;

/** The text of a search filter, trimmed; longer than MAX_SEARCH_LENGTH is refused on `search`. */
export function searchTerm(value: unknown, field = 'search'): string {
	if (!isText(value)) throw fieldError(field, notTextMessage('Search', value));
	const text = String(value).trim();
	if (text.length > MAX_SEARCH_LENGTH)
		throw fieldError(field, `Search: ${text.length} characters is too long; expected at most ${MAX_SEARCH_LENGTH}`);
	return text;
}

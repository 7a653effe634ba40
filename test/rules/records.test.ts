import fc from 'fast-check';
import { ValidationError, FieldProblem } from '../../nodes/shared/rules/errors';
import { cleanRecord, countKnownHeaders, isBlank, mapHeaders, REGISTER_FIELDS, RegisterName } from '../../nodes/shared/rules/records';
import { problemsOf } from '../harness/errors';

const SH = 'Asia/Shanghai';

const fieldsOf = (problems: FieldProblem[]) => problems.map((p) => p.field);

const validContract = {
	contractNo: 'HT-2026-001',
	customerCode: 'C001',
	kind: 'annual',
	startsOn: '2026-01-01',
	endsOn: '2026-12-31',
	feeYuan: '12,800',
};
const validInstallation = {
	serialNo: 'SN-1',
	customerCode: 'C001',
	description: '中央空调',
	completedOn: '2026-03-01',
	warrantyUntil: '2028-03-01',
};
const validTileModel = {
	modelCode: 'MX-6060',
	name: '大理石瓷砖',
	widthMm: 600,
	heightMm: '1200',
	piecesPerBox: 2,
	boxWeightKg: 26.5,
	pricePerBoxYuan: '128.50',
};

describe('cleanRecord: customers', () => {
	test('creates a customer, trimming text and normalising the phone', () => {
		expect(
			cleanRecord(
				'customers',
				{ name: ' 张三装饰 ', contactPerson: '张三', phone: '+86 138 1234 5678', address: '上海市浦东新区', notes: '' },
				'create',
				SH,
			),
		).toEqual({ name: '张三装饰', contactPerson: '张三', phone: '13812345678', address: '上海市浦东新区' });
	});

	test('a customer with a code and no phone is fine', () => {
		expect(cleanRecord('customers', { code: 'C001', name: '张三装饰' }, 'create', SH)).toEqual({ code: 'C001', name: '张三装饰' });
	});

	test('the name is required on create', () => {
		for (const name of [undefined, null, '', '   ']) {
			const problems = problemsOf(() => cleanRecord('customers', { code: 'C001', name }, 'create', SH));
			expect(problems).toEqual([{ field: 'name', message: expect.stringContaining('Name (名称): is empty') }]);
		}
	});

	test('a customer without a code needs a phone', () => {
		const problems = problemsOf(() => cleanRecord('customers', { name: '张三装饰' }, 'create', SH));
		expect(fieldsOf(problems)).toEqual(['phone']);
		expect(problems[0].message).toContain('Phone (电话)');
	});

	test('every problem of the row is reported at once: empty name and bad phone', () => {
		const problems = problemsOf(() => cleanRecord('customers', { code: 'C001', name: '', phone: '12' }, 'create', SH));
		expect(fieldsOf(problems)).toEqual(['name', 'phone']);
		expect(problems[1].message).toContain('not a valid mainland China phone number');
	});

	test('a bad phone is reported once, as bad, not also as empty (customer without a code)', () => {
		const problems = problemsOf(() => cleanRecord('customers', { name: '', phone: '12' }, 'create', SH));
		expect(fieldsOf(problems)).toEqual(['name', 'phone']);
		expect(problems[1].message).toContain('not a valid mainland China phone number');
		expect(problems.some((p) => /is empty/.test(p.message) && p.field === 'phone')).toBe(false);
	});

	test('text longer than allowed is refused with the limit', () => {
		const problems = problemsOf(() => cleanRecord('customers', { code: 'C001', name: 'x'.repeat(201) }, 'create', SH));
		expect(problems).toEqual([{ field: 'name', message: expect.stringMatching(/201 characters is too long; expected at most 200/) }]);
		expect(cleanRecord('customers', { code: 'C001', name: 'x'.repeat(200) }, 'create', SH).name).toHaveLength(200);
	});

	test('patch mode checks and returns only the fields given', () => {
		expect(cleanRecord('customers', { phone: '138-1234-5678' }, 'patch', SH)).toEqual({ phone: '13812345678' });
		expect(cleanRecord('customers', { notes: '老客户' }, 'patch', SH)).toEqual({ notes: '老客户' });
		expect(cleanRecord('customers', {}, 'patch', SH)).toEqual({});
		expect(cleanRecord('customers', { name: '' }, 'patch', SH)).toEqual({});
		expect(fieldsOf(problemsOf(() => cleanRecord('customers', { phone: 'abc' }, 'patch', SH)))).toEqual(['phone']);
	});

	test('unknown fields are not carried into the clean record', () => {
		expect(cleanRecord('customers', { code: 'C001', name: 'A', colour: 'red' }, 'create', SH)).toEqual({ code: 'C001', name: 'A' });
	});
});

describe('cleanRecord: installations', () => {
	test('creates an installation, reading dates in any accepted form', () => {
		expect(cleanRecord('installations', { ...validInstallation, completedOn: '2026/3/1', warrantyUntil: 46447 }, 'create', SH)).toEqual({
			...validInstallation,
			completedOn: '2026-03-01',
			warrantyUntil: '2027-03-01',
		});
	});

	test('all required fields are reported on an empty create', () => {
		const problems = problemsOf(() => cleanRecord('installations', {}, 'create', SH));
		expect(fieldsOf(problems)).toEqual(['serialNo', 'description', 'completedOn', 'warrantyUntil', 'customerCode']);
	});

	test('needs a customer reference: the code, or the name and phone', () => {
		const { customerCode, ...noRef } = validInstallation;
		expect(customerCode).toBe('C001');
		expect(fieldsOf(problemsOf(() => cleanRecord('installations', noRef, 'create', SH)))).toEqual(['customerCode']);
		expect(fieldsOf(problemsOf(() => cleanRecord('installations', { ...noRef, customerName: '张三' }, 'create', SH)))).toEqual(['customerCode']);
		expect(cleanRecord('installations', { ...noRef, customerName: '张三', customerPhone: '13812345678' }, 'create', SH)).toMatchObject({
			customerName: '张三',
			customerPhone: '13812345678',
		});
	});

	test('the warranty cannot end before the completion date; the same day is fine', () => {
		const problems = problemsOf(() => cleanRecord('installations', { ...validInstallation, warrantyUntil: '2026-02-28' }, 'create', SH));
		expect(problems).toEqual([{ field: 'warrantyUntil', message: expect.stringContaining('before the completion date 2026-03-01') }]);
		expect(cleanRecord('installations', { ...validInstallation, warrantyUntil: '2026-03-01' }, 'create', SH).warrantyUntil).toBe('2026-03-01');
	});

	test('a bad date is reported with its field and label', () => {
		const problems = problemsOf(() => cleanRecord('installations', { ...validInstallation, completedOn: '2026-02-30' }, 'create', SH));
		expect(problems).toEqual([{ field: 'completedOn', message: expect.stringContaining('Completion date (竣工日期)') }]);
	});

	test('patch mode does not ask for the customer reference', () => {
		expect(cleanRecord('installations', { warrantyUntil: '2029-01-01' }, 'patch', SH)).toEqual({ warrantyUntil: '2029-01-01' });
	});
});

describe('cleanRecord: contracts', () => {
	test('creates an annual contract, money in fen', () => {
		expect(cleanRecord('contracts', { ...validContract, status: '有效' }, 'create', SH)).toEqual({
			contractNo: 'HT-2026-001',
			customerCode: 'C001',
			kind: 'annual',
			startsOn: '2026-01-01',
			endsOn: '2026-12-31',
			feeFen: 1280000,
			status: 'active',
		});
	});

	test.each([
		['按次', 'per-visit'],
		['次', 'per-visit'],
		['per-visit', 'per-visit'],
		['按年', 'annual'],
		['年', 'annual'],
		[' annual ', 'annual'],
	])('kind %p is %p', (kind, expected) => {
		expect(cleanRecord('contracts', { ...validContract, kind, visitFeeYuan: 200 }, 'create', SH).kind).toBe(expected);
	});

	test.each([
		['已取消', 'cancelled'],
		['已续约', 'renewed'],
		['renewed', 'renewed'],
	])('status %p is %p', (status, expected) => {
		expect(cleanRecord('contracts', { ...validContract, status }, 'create', SH).status).toBe(expected);
	});

	test('an unknown kind is refused, listing the allowed kinds once each', () => {
		const problems = problemsOf(() => cleanRecord('contracts', { ...validContract, kind: 'monthly' }, 'create', SH));
		expect(fieldsOf(problems)).toEqual(['kind']);
		expect(problems[0].message).toContain('Contract kind (合同类型)');
		expect(problems[0].message).toContain('expected one of annual, per-visit');
	});

	test('a per-visit contract needs its fee per visit', () => {
		const problems = problemsOf(() => cleanRecord('contracts', { ...validContract, kind: '按次' }, 'create', SH));
		expect(problems).toEqual([{ field: 'visitFeeYuan', message: expect.stringContaining('Fee per visit (每次费用)') }]);
		expect(cleanRecord('contracts', { ...validContract, kind: '按次', visitFeeYuan: '¥200' }, 'create', SH).visitFeeFen).toBe(20000);
	});

	test('a per-visit fee that is given but malformed is reported once, as malformed, not also as empty', () => {
		const problems = problemsOf(() => cleanRecord('contracts', { ...validContract, kind: '按次', visitFeeYuan: 'abc' }, 'create', SH));
		expect(fieldsOf(problems)).toEqual(['visitFeeYuan']);
		expect(problems[0].message).toContain('not an amount of money');
	});

	test('the end date cannot be before the start date; the same day is fine', () => {
		const problems = problemsOf(() => cleanRecord('contracts', { ...validContract, endsOn: '2025-12-31' }, 'create', SH));
		expect(problems).toEqual([
			{ field: 'endsOn', message: expect.stringContaining('End date (到期日期): 2025-12-31 is before the start date 2026-01-01') },
		]);
		expect(cleanRecord('contracts', { ...validContract, endsOn: '2026-01-01' }, 'create', SH).endsOn).toBe('2026-01-01');
	});

	test('dates are compared as dates, whatever form they were typed in', () => {
		const problems = problemsOf(() => cleanRecord('contracts', { ...validContract, startsOn: '2026/10/5', endsOn: '2026-9-30' }, 'create', SH));
		expect(fieldsOf(problems)).toEqual(['endsOn']);
	});

	test('the end date is checked in patch mode too when both dates are given', () => {
		expect(fieldsOf(problemsOf(() => cleanRecord('contracts', { startsOn: '2026-06-01', endsOn: '2026-05-31' }, 'patch', SH)))).toEqual(['endsOn']);
		expect(cleanRecord('contracts', { endsOn: '2026-05-31' }, 'patch', SH)).toEqual({ endsOn: '2026-05-31' });
	});

	test('needs a customer reference on create', () => {
		const { customerCode, ...noRef } = validContract;
		expect(customerCode).toBe('C001');
		const problems = problemsOf(() => cleanRecord('contracts', noRef, 'create', SH));
		expect(problems).toEqual([{ field: 'customerCode', message: expect.stringContaining('Customer code (客户编号)') }]);
		expect(cleanRecord('contracts', { ...noRef, customerName: '张三', customerPhone: '021-62345678' }, 'create', SH).customerPhone).toBe(
			'02162345678',
		);
	});

	test('patch mode asks neither for the customer nor for the fee per visit', () => {
		expect(cleanRecord('contracts', { kind: '按次' }, 'patch', SH)).toEqual({ kind: 'per-visit' });
		expect(cleanRecord('contracts', { status: '已取消' }, 'patch', SH)).toEqual({ status: 'cancelled' });
	});

	test('all problems of a row at once: bad kind, bad dates, negative fee, no customer', () => {
		const problems = problemsOf(() =>
			cleanRecord('contracts', { contractNo: '', kind: 'x', startsOn: '2026-13-45', endsOn: 'soon', feeYuan: -1 }, 'create', SH),
		);
		expect(fieldsOf(problems)).toEqual(['contractNo', 'kind', 'startsOn', 'endsOn', 'feeYuan', 'customerCode']);
		expect(problems[4].message).toMatch(/negative/);
	});
});

describe('cleanRecord: technicians', () => {
	test('creates a technician: lists split on Chinese and Latin separators, email lower-cased, numbers and yes/no read', () => {
		expect(
			cleanRecord(
				'technicians',
				{
					name: '李师傅',
					phone: '139 1234 5678',
					email: ' Li.Shifu@Example.COM ',
					skills: 'a，b、c',
					areas: ['浦东', ' 闵行 ', '浦东', ''],
					dailyCapacity: '5',
					active: '是',
				},
				'create',
				SH,
			),
		).toEqual({
			name: '李师傅',
			phone: '13912345678',
			email: 'li.shifu@example.com',
			skills: ['a', 'b', 'c'],
			areas: ['浦东', '闵行'],
			dailyCapacity: 5,
			active: true,
		});
	});

	test.each([
		['a,b;c；d', ['a', 'b', 'c', 'd']],
		['空调, 空调 ,地暖', ['空调', '地暖']],
		['单项', ['单项']],
	])('skills %p → %p', (skills, expected) => {
		expect(cleanRecord('technicians', { name: 'A', phone: '13812345678', skills }, 'create', SH).skills).toEqual(expected);
	});

	test.each<[unknown, boolean]>([
		[true, true],
		[false, false],
		['yes', true],
		['No', false],
		['1', true],
		['0', false],
		['否', false],
		['Y', true],
	])('active %p → %p', (active, expected) => {
		expect(cleanRecord('technicians', { active }, 'patch', SH).active).toBe(expected);
	});

	test('name and phone are required', () => {
		expect(fieldsOf(problemsOf(() => cleanRecord('technicians', {}, 'create', SH)))).toEqual(['name', 'phone']);
	});

	test('every problem of the row at once: empty name, bad phone, bad email, capacity out of range, unclear yes/no', () => {
		const problems = problemsOf(() =>
			cleanRecord('technicians', { name: '', phone: '12', email: 'li@', dailyCapacity: 0, active: 'maybe' }, 'create', SH),
		);
		expect(fieldsOf(problems)).toEqual(['name', 'phone', 'email', 'dailyCapacity', 'active']);
		expect(problems[3].message).toContain('out of range');
	});

	test.each<unknown>([0, 101, '2.5', 'five', -1])('daily capacity %p is refused', (dailyCapacity) => {
		expect(fieldsOf(problemsOf(() => cleanRecord('technicians', { dailyCapacity }, 'patch', SH)))).toEqual(['dailyCapacity']);
	});
});

describe('cleanRecord: tile-models', () => {
	test('creates a tile model: kg → grams, yuan → fen', () => {
		expect(cleanRecord('tile-models', { ...validTileModel, thicknessMm: '10', boxesOnHand: 0 }, 'create', SH)).toEqual({
			modelCode: 'MX-6060',
			name: '大理石瓷砖',
			widthMm: 600,
			heightMm: 1200,
			thicknessMm: 10,
			piecesPerBox: 2,
			boxWeightG: 26500,
			pricePerBoxFen: 12850,
			boxesOnHand: 0,
		});
	});

	test('thickness with one decimal, as shops list it: 9.5 and 10.5 mm, typed as numbers or text', () => {
		for (const [typed, mm] of [
			[9.5, 9.5],
			['10.5', 10.5],
			['９．５', 9.5],
			['9.5mm', 9.5],
			[' 11 ', 11],
			['8.0', 8],
		] as const) {
			expect(cleanRecord('tile-models', { thicknessMm: typed }, 'patch', SH)).toEqual({ thicknessMm: mm });
		}
		expect(problemsOf(() => cleanRecord('tile-models', { thicknessMm: 9.55 }, 'patch', SH))[0].message).toMatch(
			/Thickness \(mm\) \(厚mm\).*at most one decimal, for example 9\.5/,
		);
	});

	test('boxWeightKg 26.5 → boxWeightG 26500, also from text', () => {
		expect(cleanRecord('tile-models', { boxWeightKg: 26.5 }, 'patch', SH)).toEqual({ boxWeightG: 26500 });
		expect(cleanRecord('tile-models', { boxWeightKg: ' 26.5 ' }, 'patch', SH)).toEqual({ boxWeightG: 26500 });
		expect(cleanRecord('tile-models', { boxWeightKg: 0.001 }, 'patch', SH)).toEqual({ boxWeightG: 1 });
	});

	test('pricePerBoxYuan "128.50" → pricePerBoxFen 12850', () => {
		expect(cleanRecord('tile-models', { pricePerBoxYuan: '128.50' }, 'patch', SH)).toEqual({ pricePerBoxFen: 12850 });
	});

	test('all required fields are reported on an empty create', () => {
		expect(fieldsOf(problemsOf(() => cleanRecord('tile-models', {}, 'create', SH)))).toEqual([
			'modelCode',
			'name',
			'widthMm',
			'heightMm',
			'piecesPerBox',
			'boxWeightKg',
			'pricePerBoxYuan',
		]);
	});

	test.each<[string, unknown]>([
		['boxWeightKg', 0],
		['boxWeightKg', -3],
		['boxWeightKg', 'heavy'],
		['boxWeightKg', 10001],
		['pricePerBoxYuan', '12.345'],
		['pricePerBoxYuan', -1],
		['widthMm', 0],
		['widthMm', 600.5],
		['piecesPerBox', 1001],
		['boxesOnHand', -1],
		['thicknessMm', 101],
		['thicknessMm', 0.5],
		['thicknessMm', 9.55],
		['thicknessMm', '9.55'],
		['thicknessMm', 'thin'],
	])('%s %p is refused, naming the public field', (field, value) => {
		const problems = problemsOf(() => cleanRecord('tile-models', { ...validTileModel, [field]: value }, 'create', SH));
		expect(fieldsOf(problems)).toEqual([field]);
	});

	test('whole numbers as a sheet gives them: thousands separators and full-width digits', () => {
		expect(cleanRecord('tile-models', { boxesOnHand: '1,200', piecesPerBox: '４' }, 'patch', SH)).toEqual({ boxesOnHand: 1200, piecesPerBox: 4 });
		for (const typed of ['1,20', '12,00', ',120']) {
			expect(fieldsOf(problemsOf(() => cleanRecord('tile-models', { boxesOnHand: typed }, 'patch', SH)))).toEqual(['boxesOnHand']);
		}
	});

	test('property: a box weight in whole grams, typed in kg, comes back as those grams', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 10_000_000 }), (grams) => {
				expect(cleanRecord('tile-models', { boxWeightKg: grams / 1000 }, 'patch', SH)).toEqual({ boxWeightG: grams });
				expect(cleanRecord('tile-models', { boxWeightKg: String(grams / 1000) }, 'patch', SH)).toEqual({ boxWeightG: grams });
			}),
			{ numRuns: 300 },
		);
	});
});

describe('cleanRecord: properties across registers', () => {
	const registers = Object.keys(REGISTER_FIELDS) as RegisterName[];

	test('patch mode never returns a field that was not given', () => {
		fc.assert(
			fc.property(fc.constantFrom(...registers), fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })), (register, input) => {
				try {
					const out = cleanRecord(register, input, 'patch', SH);
					const given = REGISTER_FIELDS[register].filter((f) => !isBlank(input[f.name])).map((f) => f.key ?? f.name);
					for (const key of Object.keys(out)) expect(given).toContain(key);
				} catch (error) {
					expect(error).toBeInstanceOf(ValidationError);
				}
			}),
			{ numRuns: 300 },
		);
	});

	test('every problem names a public field of its register', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...registers),
				fc.constantFrom<'create' | 'patch'>('create', 'patch'),
				fc.dictionary(
					fc.constantFrom(...registers.flatMap((r) => REGISTER_FIELDS[r].map((f) => f.name))),
					fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)),
				),
				(register, mode, input) => {
					try {
						cleanRecord(register, input, mode, SH);
					} catch (error) {
						expect(error).toBeInstanceOf(ValidationError);
						const names = REGISTER_FIELDS[register].map((f) => f.name);
						for (const p of (error as ValidationError).problems) {
							expect(names).toContain(p.field);
							expect(p.message.length).toBeGreaterThan(0);
						}
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('mapHeaders and countKnownHeaders', () => {
	test('customers: Chinese headers', () => {
		expect(mapHeaders('customers', { 客户名称: '张三装饰', 电话: '13812345678' })).toEqual({ name: '张三装饰', phone: '13812345678' });
		expect(mapHeaders('customers', { 客户编号: 'C001', 名称: 'A', 联系人: '张三', 地址: '上海', 备注: 'x' })).toEqual({
			code: 'C001',
			name: 'A',
			contactPerson: '张三',
			address: '上海',
			notes: 'x',
		});
	});

	test('customers: a mapped Chinese row cleans into a record', () => {
		expect(cleanRecord('customers', mapHeaders('customers', { 客户名称: '张三装饰', 电话: '138 1234 5678' }), 'create', SH)).toEqual({
			name: '张三装饰',
			phone: '13812345678',
		});
	});

	test('technicians: 姓名, 电话, 技能 with Chinese separators', () => {
		const row = mapHeaders('technicians', { 姓名: '李师傅', 电话: '13912345678', 技能: 'a，b、c' });
		expect(row).toEqual({ name: '李师傅', phone: '13912345678', skills: 'a，b、c' });
		expect(cleanRecord('technicians', row, 'create', SH)).toEqual({ name: '李师傅', phone: '13912345678', skills: ['a', 'b', 'c'] });
	});

	test('contracts and installations: customer columns and kind aliases', () => {
		expect(mapHeaders('contracts', { 合同编号: 'H1', 客户: '张三', 电话: '13812345678', '按年/按次': '按次', 每次费用: '200' })).toEqual({
			contractNo: 'H1',
			customerName: '张三',
			customerPhone: '13812345678',
			kind: '按次',
			visitFeeYuan: '200',
		});
		expect(
			mapHeaders('installations', { 序列号: 'SN', 客户编号: 'C1', '设备/工程': '空调', 竣工日期: '2026-01-01', 保修截止: '2027-01-01' }),
		).toEqual({
			serialNo: 'SN',
			customerCode: 'C1',
			description: '空调',
			completedOn: '2026-01-01',
			warrantyUntil: '2027-01-01',
		});
	});

	test('tile-models: Chinese headers with units, brackets and spaces ignored', () => {
		const row = mapHeaders('tile-models', {
			型号: 'MX',
			名称: '瓷砖',
			'宽 (mm)': 600,
			'长（mm）': 1200,
			每箱片数: 2,
			每箱重量kg: 26.5,
			每箱单价: '128.50',
		});
		expect(cleanRecord('tile-models', row, 'create', SH)).toEqual({
			modelCode: 'MX',
			name: '瓷砖',
			widthMm: 600,
			heightMm: 1200,
			piecesPerBox: 2,
			boxWeightG: 26500,
			pricePerBoxFen: 12850,
		});
	});

	test('English names in any case, with spaces or underscores', () => {
		expect(mapHeaders('customers', { Name: 'A', PHONE: '1', 'contact person': 'B', contact_Person: undefined })).toEqual({
			name: 'A',
			phone: '1',
			contactPerson: 'B',
		});
	});

	test('unknown columns are dropped', () => {
		expect(mapHeaders('customers', { 名称: 'A', 颜色: '红', foo: 1 })).toEqual({ name: 'A' });
	});

	test('a blank duplicate column does not wipe a filled one', () => {
		expect(mapHeaders('customers', { 客户名称: '张三', 名称: '' })).toEqual({ name: '张三' });
		expect(mapHeaders('customers', { 客户名称: '', 名称: '张三' })).toEqual({ name: '张三' });
	});

	test('countKnownHeaders counts the known columns of the register', () => {
		expect(countKnownHeaders('customers', ['客户名称', '电话', 'foo'])).toBe(2);
		expect(countKnownHeaders('customers', ['a', 'b'])).toBe(0);
		expect(countKnownHeaders('customers', [])).toBe(0);
		expect(countKnownHeaders('technicians', ['姓名', '电话', '技能', '服务区域', 'Email'])).toBe(5);
		expect(countKnownHeaders('tile-models', ['型号', '每箱单价', '客户名称'])).toBe(2);
	});

	test('property: every public field name and Chinese label maps to itself', () => {
		for (const register of Object.keys(REGISTER_FIELDS) as RegisterName[]) {
			for (const f of REGISTER_FIELDS[register]) {
				expect(mapHeaders(register, { [f.name]: 'v' })).toEqual({ [f.name]: 'v' });
				expect(countKnownHeaders(register, [f.name, f.name.toUpperCase()])).toBe(2);
				for (const zh of f.headers ?? []) expect(mapHeaders(register, { [zh]: 'v' })).toEqual({ [f.name]: 'v' });
			}
		}
	});
});

import fc from 'fast-check';
import { CATEGORY_LABELS, CUSTOMER_TYPE_LABELS, classifyReport, ContractFact, WarrantyFact } from '../../nodes/shared/rules/service-category';
import { validationErrorOf } from '../harness/errors';

const installation = (serialNo: string, completedOn: string, warrantyUntil: string): WarrantyFact => ({ serialNo, completedOn, warrantyUntil });
const contract = (
	contractNo: string,
	kind: ContractFact['kind'],
	startsOn: string,
	endsOn: string,
	extra: Partial<ContractFact> = {},
): ContractFact => ({
	contractNo,
	kind,
	startsOn,
	endsOn,
	status: 'active',
	visitFeeFen: kind === 'per-visit' ? 15000 : 0,
	...extra,
});

describe('classifyReport: warranty', () => {
	test('an installation under warranty on the report date makes it free service (C)', () => {
		const result = classifyReport({ reportDate: '2026-11-27', installations: [installation('SN-1', '2025-03-01', '2027-03-01')], contracts: [] });
		expect(result).toEqual({
			customerType: 'in-warranty',
			category: 'C',
			serialNo: 'SN-1',
			basis: 'Installation SN-1 is under warranty until 2027-03-01',
		});
	});

	test('the warranty counts on its first and last day', () => {
		const sn = installation('SN-1', '2025-03-01', '2027-03-01');
		expect(classifyReport({ reportDate: '2025-03-01', installations: [sn], contracts: [] }).category).toBe('C');
		expect(classifyReport({ reportDate: '2027-03-01', installations: [sn], contracts: [] }).category).toBe('C');
	});

	test('the day after the warranty ends, or before completion, is not under warranty', () => {
		const sn = installation('SN-1', '2025-03-01', '2027-03-01');
		expect(classifyReport({ reportDate: '2027-03-02', installations: [sn], contracts: [] }).category).toBe('A');
		expect(classifyReport({ reportDate: '2025-02-28', installations: [sn], contracts: [] }).category).toBe('A');
	});

	test('without a serial number all installations must be under warranty (turn 3); the one ending last is named', () => {
		const all = [installation('SN-1', '2025-01-01', '2026-12-31'), installation('SN-2', '2026-01-01', '2028-01-01')];
		const result = classifyReport({ reportDate: '2026-11-27', installations: all, contracts: [] });
		expect(result.category).toBe('C');
		expect(result.serialNo).toBe('SN-2');
		expect(result.basis).toContain('2028-01-01');
		const withOld = classifyReport({
			reportDate: '2026-11-27',
			installations: [installation('OLD', '2020-01-01', '2022-01-01'), ...all],
			contracts: [],
		});
		expect(withOld.category).toBe('A');
		expect(withOld.basis).toContain('the warranty was not assumed');
	});

	test('with a serial number only that installation counts for warranty', () => {
		const installations = [installation('SN-OLD', '2020-01-01', '2022-01-01'), installation('SN-NEW', '2026-01-01', '2028-01-01')];
		const result = classifyReport({ reportDate: '2026-11-27', installations, contracts: [], serialNo: 'SN-OLD' });
		expect(result.customerType).toBe('liaison-letter');
		expect(result.category).toBe('A');
		expect(result.serialNo).toBe('SN-OLD');
		expect(result.basis).toContain('SN-OLD');
		expect(result.basis).toContain('ended on 2022-01-01');
	});

	test('a serial or contract number typed full-width or in another case names the record on file, as it is filed', () => {
		const installations = [installation('SN-1', '2025-03-01', '2027-03-01')];
		expect(classifyReport({ reportDate: '2026-11-27', installations, contracts: [], serialNo: 'ｓｎ－１' })).toMatchObject({
			category: 'C',
			serialNo: 'SN-1',
		});
		const expired = [installation('SN-2', '2020-03-01', '2021-03-01')];
		expect(classifyReport({ reportDate: '2026-11-27', installations: expired, contracts: [], serialNo: ' sn-2 ' })).toMatchObject({
			category: 'A',
			serialNo: 'SN-2',
		});
		const contracts = [contract('HT-1', 'annual', '2026-01-01', '2026-12-31')];
		expect(classifyReport({ reportDate: '2026-11-27', installations: [], contracts, contractNo: 'ｈｔ－１' })).toMatchObject({
			category: 'B',
			contractNo: 'HT-1',
		});
	});

	test('an unknown serial number is a field error naming the field and the installations on file', () => {
		const error = validationErrorOf(() =>
			classifyReport({
				reportDate: '2026-11-27',
				installations: [installation('SN-1', '2025-01-01', '2027-01-01')],
				contracts: [],
				serialNo: 'SN-9',
			}),
		);
		expect(error.problems).toHaveLength(1);
		expect(error.problems[0].field).toBe('serialNo');
		expect(error.message).toContain('SN-9');
		expect(error.message).toContain('SN-1');
	});

	test('warranty comes before a contract: the customer pays nothing while under warranty', () => {
		const result = classifyReport({
			reportDate: '2026-11-27',
			installations: [installation('SN-1', '2025-01-01', '2027-01-01')],
			contracts: [contract('HT-1', 'annual', '2026-01-01', '2026-12-31')],
			contractNo: 'HT-1',
		});
		expect(result.category).toBe('C');
		expect(result.customerType).toBe('in-warranty');
		expect(result.contractNo).toBeUndefined();
	});
});

describe('classifyReport: contracts', () => {
	test('an annual contract covering the date makes it contract service (B)', () => {
		const result = classifyReport({
			reportDate: '2026-11-27',
			installations: [],
			contracts: [contract('HT-1', 'annual', '2026-01-01', '2026-12-31')],
		});
		expect(result.customerType).toBe('annual-contract');
		expect(result.category).toBe('B');
		expect(result.contractNo).toBe('HT-1');
		expect(result.visitFeeFen).toBeUndefined();
		expect(result.basis).toMatch(/^Annual contract HT-1 covers 2026-11-27/);
	});

	test('a per-visit contract makes it contract service (B) with its visit fee', () => {
		const result = classifyReport({
			reportDate: '2026-11-27',
			installations: [],
			contracts: [contract('HT-2', 'per-visit', '2026-01-01', '2026-12-31', { visitFeeFen: 20050 })],
		});
		expect(result.customerType).toBe('per-visit-contract');
		expect(result.category).toBe('B');
		expect(result.visitFeeFen).toBe(20050);
		expect(result.basis).toContain('200.50 yuan');
	});

	test('an annual contract wins over a per-visit one even if the per-visit one ends later', () => {
		const result = classifyReport({
			reportDate: '2026-11-27',
			installations: [],
			contracts: [contract('PV', 'per-visit', '2026-01-01', '2028-12-31'), contract('AN', 'annual', '2026-01-01', '2026-12-31')],
		});
		expect(result.contractNo).toBe('AN');
		expect(result.customerType).toBe('annual-contract');
	});

	test('among several covering contracts of a kind, the one ending last wins', () => {
		const result = classifyReport({
			reportDate: '2026-11-27',
			installations: [],
			contracts: [
				contract('AN-1', 'annual', '2026-01-01', '2026-12-31'),
				contract('AN-2', 'annual', '2026-06-01', '2027-05-31'),
				contract('AN-3', 'annual', '2026-11-01', '2027-02-28'),
			],
		});
		expect(result.contractNo).toBe('AN-2');
	});

	test('a cancelled contract does not cover; a renewed one still covers its own period', () => {
		const cancelled = classifyReport({
			reportDate: '2026-11-27',
			installations: [],
			contracts: [contract('HT-1', 'annual', '2026-01-01', '2026-12-31', { status: 'cancelled' })],
		});
		expect(cancelled.category).toBe('A');
		const renewed = classifyReport({
			reportDate: '2026-11-27',
			installations: [],
			contracts: [contract('HT-1', 'annual', '2026-01-01', '2026-12-31', { status: 'renewed' })],
		});
		expect(renewed.category).toBe('B');
	});

	test('a contract covers its first and last day, not the day before or after', () => {
		const contracts = [contract('HT-1', 'annual', '2026-01-01', '2026-12-31')];
		expect(classifyReport({ reportDate: '2026-01-01', installations: [], contracts }).category).toBe('B');
		expect(classifyReport({ reportDate: '2026-12-31', installations: [], contracts }).category).toBe('B');
		expect(classifyReport({ reportDate: '2025-12-31', installations: [], contracts }).category).toBe('A');
		expect(classifyReport({ reportDate: '2027-01-01', installations: [], contracts }).category).toBe('A');
	});

	test('with a contract number only that contract counts; if it does not cover, the basis says why', () => {
		const contracts = [contract('HT-OLD', 'annual', '2024-01-01', '2024-12-31'), contract('HT-NOW', 'annual', '2026-01-01', '2026-12-31')];
		const result = classifyReport({ reportDate: '2026-11-27', installations: [], contracts, contractNo: 'HT-OLD' });
		expect(result.category).toBe('A');
		expect(result.customerType).toBe('liaison-letter');
		expect(result.basis).toContain('HT-OLD ended on 2024-12-31');
		const cancelled = classifyReport({
			reportDate: '2026-11-27',
			installations: [],
			contracts: [contract('HT-X', 'annual', '2026-01-01', '2026-12-31', { status: 'cancelled' })],
			contractNo: 'HT-X',
		});
		expect(cancelled.basis).toContain('HT-X was cancelled');
	});

	test('an unknown contract number is a field error on contractNo', () => {
		const error = validationErrorOf(() =>
			classifyReport({
				reportDate: '2026-11-27',
				installations: [],
				contracts: [contract('HT-1', 'annual', '2026-01-01', '2026-12-31')],
				contractNo: 'HT-404',
			}),
		);
		expect(error.problems[0].field).toBe('contractNo');
		expect(error.message).toContain('HT-404');
	});

	test('an out-of-warranty installation with a covering contract is contract service and keeps the serial number', () => {
		const result = classifyReport({
			reportDate: '2026-11-27',
			installations: [installation('SN-1', '2020-01-01', '2022-01-01')],
			contracts: [contract('HT-1', 'annual', '2026-01-01', '2026-12-31')],
			serialNo: 'SN-1',
		});
		expect(result).toMatchObject({ customerType: 'annual-contract', category: 'B', serialNo: 'SN-1', contractNo: 'HT-1' });
	});
});

describe('classifyReport: nothing covers the report', () => {
	test('no warranty and no contract is paid service on a liaison letter (A)', () => {
		const result = classifyReport({ reportDate: '2026-11-27', installations: [], contracts: [] });
		expect(result.customerType).toBe('liaison-letter');
		expect(result.category).toBe('A');
		expect(result.basis).toContain('paid service');
		expect(result.basis).toContain('2026-11-27');
	});

	test('a report date that is not YYYY-MM-DD is a field error', () => {
		const error = validationErrorOf(() => classifyReport({ reportDate: '27/11/2026', installations: [], contracts: [] }));
		expect(error.problems[0].field).toBe('reportDate');
	});
});

describe('labels', () => {
	test('categories and customer types carry the terms staff use', () => {
		expect(CATEGORY_LABELS).toEqual({
			A: { en: expect.stringMatching(/paid/i), zh: '有费服务' },
			B: { en: expect.stringMatching(/contract/i), zh: '合同服务' },
			C: { en: expect.stringMatching(/free/i), zh: '免费服务' },
			D: { en: expect.stringMatching(/internal/i), zh: '一般行政工作' },
		});
		expect(CUSTOMER_TYPE_LABELS['in-warranty'].zh).toBe('保内客户');
		expect(CUSTOMER_TYPE_LABELS['annual-contract'].zh).toBe('按年合同客户');
		expect(CUSTOMER_TYPE_LABELS['per-visit-contract'].zh).toBe('按次合同客户');
		expect(CUSTOMER_TYPE_LABELS['liaison-letter'].zh).toBe('《联络函》服务客户');
	});
});

describe('classifyReport: properties', () => {
	const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86400000).toISOString().slice(0, 10));
	const span = fc.tuple(day, day).map(([a, b]): [string, string] => (a <= b ? [a, b] : [b, a]));
	const installations = fc
		.array(span, { maxLength: 4 })
		.map((spans): WarrantyFact[] => spans.map(([completedOn, warrantyUntil], i) => ({ serialNo: `SN-${i + 1}`, completedOn, warrantyUntil })));
	const contracts = fc
		.array(
			fc.record({
				span,
				kind: fc.constantFrom<ContractFact['kind']>('annual', 'per-visit'),
				status: fc.constantFrom<ContractFact['status']>('active', 'cancelled', 'renewed'),
				visitFeeFen: fc.integer({ min: 0, max: 1_000_000 }),
			}),
			{ maxLength: 5 },
		)
		.map((cs): ContractFact[] =>
			cs.map((c, i) => ({
				contractNo: `HT-${i}`,
				kind: c.kind,
				startsOn: c.span[0],
				endsOn: c.span[1],
				status: c.status,
				visitFeeFen: c.visitFeeFen,
			})),
		);

	test('the category follows from the facts on the report date: C iff every unit in warranty (turn 3), else B iff some live contract, else A', () => {
		fc.assert(
			fc.property(day, installations, contracts, (reportDate, ins, cs) => {
				const result = classifyReport({ reportDate, installations: ins, contracts: cs });
				const warranty = ins.length > 0 && ins.every((i) => i.completedOn <= reportDate && reportDate <= i.warrantyUntil);
				const covering = cs.filter((c) => c.status !== 'cancelled' && c.startsOn <= reportDate && reportDate <= c.endsOn);
				if (warranty) {
					expect(result.category).toBe('C');
					const named = ins.find((i) => i.serialNo === result.serialNo)!;
					expect(named.completedOn <= reportDate && reportDate <= named.warrantyUntil).toBe(true);
					// It is the warranty ending last.
					for (const i of ins)
						if (i.completedOn <= reportDate && reportDate <= i.warrantyUntil) expect(i.warrantyUntil <= named.warrantyUntil).toBe(true);
				} else if (covering.length > 0) {
					expect(result.category).toBe('B');
					const chosen = covering.find((c) => c.contractNo === result.contractNo)!;
					expect(chosen).toBeDefined();
					const hasAnnual = covering.some((c) => c.kind === 'annual');
					expect(chosen.kind).toBe(hasAnnual ? 'annual' : 'per-visit');
					expect(result.customerType).toBe(hasAnnual ? 'annual-contract' : 'per-visit-contract');
					for (const c of covering) if (c.kind === chosen.kind) expect(c.endsOn <= chosen.endsOn).toBe(true);
					expect(result.visitFeeFen).toBe(chosen.kind === 'per-visit' ? chosen.visitFeeFen : undefined);
				} else {
					expect(result).toMatchObject({ category: 'A', customerType: 'liaison-letter' });
				}
				expect(result.category).not.toBe('D');
				expect(result.basis.length).toBeGreaterThan(10);
			}),
		);
	});

	test('naming a contract number can only narrow what counts, never widen it', () => {
		fc.assert(
			fc.property(day, installations, contracts, fc.nat(), fc.nat(), (reportDate, ins, cs, si, ci) => {
				const serialNo = ins.length ? ins[si % ins.length].serialNo : undefined;
				const contractNo = cs.length ? cs[ci % cs.length].contractNo : undefined;
				const narrow = classifyReport({ reportDate, installations: ins, contracts: cs, serialNo, contractNo });
				const broad = classifyReport({ reportDate, installations: ins, contracts: cs, serialNo });
				const rank = { C: 0, B: 1, A: 2, D: 3 };
				expect(rank[narrow.category]).toBeGreaterThanOrEqual(rank[broad.category]);
			}),
		);
	});

	test('naming a serial number judges that unit only: free iff that unit is in warranty (turn 3)', () => {
		fc.assert(
			fc.property(
				day,
				installations.filter((ins) => ins.length > 0),
				fc.nat(),
				(reportDate, ins, si) => {
					const named = ins[si % ins.length];
					const result = classifyReport({ reportDate, installations: ins, contracts: [], serialNo: named.serialNo });
					expect(result.category === 'C').toBe(named.completedOn <= reportDate && reportDate <= named.warrantyUntil);
				},
			),
		);
	});
});

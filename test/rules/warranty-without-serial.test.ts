import { classifyReport, warrantyAssumed, type ContractFact, type WarrantyFact } from '../../nodes/shared/rules/service-category';

const unit = (serialNo: string, completedOn: string, warrantyUntil: string): WarrantyFact => ({ serialNo, completedOn, warrantyUntil });
const annual: ContractFact = { contractNo: 'HT-W-1', kind: 'annual', startsOn: '2026-01-01', endsOn: '2026-12-31', status: 'active', visitFeeFen: 0 };
const IN = unit('SN-IN', '2026-01-01', '2027-12-31');
const OUT = unit('SN-OUT', '2020-01-01', '2022-01-01');

describe('warranty without a serial number (RULES turn 3)', () => {
	test('exactly one unit and it is in warranty: free (C)', () => {
		expect(classifyReport({ reportDate: '2026-11-27', installations: [IN], contracts: [] })).toMatchObject({ category: 'C', serialNo: 'SN-IN' });
	});

	test('exactly one unit and it is out of warranty: not free; paid on a liaison letter (A)', () => {
		const r = classifyReport({ reportDate: '2026-11-27', installations: [OUT], contracts: [] });
		expect(r).toMatchObject({ category: 'A', customerType: 'liaison-letter' });
		expect(r.basis).toContain('the warranty was not assumed');
	});

	test('all units in warranty: free (C), the warranty ending last named', () => {
		const later = unit('SN-IN-2', '2026-02-01', '2028-06-30');
		expect(classifyReport({ reportDate: '2026-11-27', installations: [IN, later], contracts: [] })).toMatchObject({
			category: 'C',
			serialNo: 'SN-IN-2',
		});
	});

	test('one unit in and one out of warranty, no contract: not free (A), basis says the warranty was not assumed', () => {
		const r = classifyReport({ reportDate: '2026-11-27', installations: [IN, OUT], contracts: [] });
		expect(r).toMatchObject({ category: 'A', customerType: 'liaison-letter' });
		expect(r.serialNo).toBeUndefined();
		expect(r.basis).toContain("No serial no (序列号) was given and not all of the customer's 2 installations are under warranty on 2026-11-27");
		expect(r.basis).toContain('SN-OUT ended on 2022-01-01');
		expect(r.basis).toContain('the warranty was not assumed');
	});

	test('one unit in and one out of warranty with an annual contract: judged by the contract (B)', () => {
		const r = classifyReport({ reportDate: '2026-11-27', installations: [IN, OUT], contracts: [annual] });
		expect(r).toMatchObject({ category: 'B', customerType: 'annual-contract', contractNo: 'HT-W-1' });
	});

	test('a unit not yet completed on the report date is a unit not in warranty', () => {
		const future = unit('SN-FUTURE', '2027-01-01', '2028-01-01');
		expect(classifyReport({ reportDate: '2026-11-27', installations: [IN, future], contracts: [] }).category).toBe('A');
	});

	test('naming the serial of the unit in warranty makes it free (C) even when another unit is out', () => {
		expect(classifyReport({ reportDate: '2026-11-27', installations: [IN, OUT], contracts: [], serialNo: 'SN-IN' })).toMatchObject({
			category: 'C',
			serialNo: 'SN-IN',
		});
	});

	test('a customer without units: no warranty, nothing assumed', () => {
		expect(warrantyAssumed([], '2026-11-27')).toBeUndefined();
		expect(classifyReport({ reportDate: '2026-11-27', installations: [], contracts: [] }).basis).toContain(
			'No installation is under warranty on 2026-11-27',
		);
	});
});

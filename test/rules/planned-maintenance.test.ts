import {
	maintenanceClassification,
	maintenanceCreateOn,
	maintenanceDueAt,
	maintenanceDueDays,
	maintenanceDueNow,
	type ContractForMaintenance,
} from '../../nodes/shared/rules/planned-maintenance';

const contract = (extra: Partial<ContractForMaintenance> = {}): ContractForMaintenance => ({
	contractNo: 'HT-M-1',
	kind: 'annual',
	status: 'active',
	startsOn: '2026-01-15',
	endsOn: '2026-12-31',
	visitFeeFen: 0,
	maintenanceEveryMonths: 3,
	...extra,
});

describe('planned maintenance (保养): due days', () => {
	test('a visit every that many months from the start; the start day itself is not a visit', () => {
		expect(maintenanceDueDays(contract(), '2026-01-01', '2026-12-31')).toEqual(['2026-04-15', '2026-07-15', '2026-10-15']);
	});

	test('month ends: from 31 January every month is due on 28 February, then back to 31 March and 30 April', () => {
		const c = contract({ startsOn: '2026-01-31', maintenanceEveryMonths: 1 });
		expect(maintenanceDueDays(c, '2026-02-01', '2026-05-31')).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
	});

	test('a leap year: from 31 August 2027 every 6 months is due on 29 February 2028', () => {
		const c = contract({ startsOn: '2027-08-31', endsOn: '2028-12-31', maintenanceEveryMonths: 6 });
		expect(maintenanceDueDays(c, '2027-08-31', '2028-12-31')).toEqual(['2028-02-29', '2028-08-31']);
	});

	test('the contract ending: no due day after endsOn; one on the end day itself counts', () => {
		expect(maintenanceDueDays(contract({ endsOn: '2026-10-14' }), '2026-01-01', '2027-12-31')).toEqual(['2026-04-15', '2026-07-15']);
		expect(maintenanceDueDays(contract({ endsOn: '2026-10-15' }), '2026-01-01', '2027-12-31')).toEqual(['2026-04-15', '2026-07-15', '2026-10-15']);
	});

	test('a contract without a maintenance period has no due days', () => {
		expect(maintenanceDueDays(contract({ maintenanceEveryMonths: null }), '2026-01-01', '2026-12-31')).toEqual([]);
	});
});

describe('planned maintenance (保养): 7 days before', () => {
	test('the ticket is created 7 days before the due day', () => {
		expect(maintenanceCreateOn('2026-04-15')).toBe('2026-04-08');
		expect(maintenanceCreateOn('2026-03-03')).toBe('2026-02-24');
	});

	test('a run 7 days before the due day makes it; 8 days before does not', () => {
		expect(maintenanceDueNow(contract(), '2026-04-08')).toEqual(['2026-04-15']);
		expect(maintenanceDueNow(contract(), '2026-04-07')).toEqual([]);
	});

	test('a run missed for a few days still makes it up to the due day; a due day past is not made', () => {
		expect(maintenanceDueNow(contract(), '2026-04-12')).toEqual(['2026-04-15']);
		expect(maintenanceDueNow(contract(), '2026-04-15')).toEqual(['2026-04-15']);
		expect(maintenanceDueNow(contract(), '2026-04-16')).toEqual([]);
	});

	test('a cancelled or renewed contract gets no visit', () => {
		expect(maintenanceDueNow(contract({ status: 'cancelled' }), '2026-04-08')).toEqual([]);
		expect(maintenanceDueNow(contract({ status: 'renewed' }), '2026-04-08')).toEqual([]);
	});

	test('a contract ending before the due day gets no visit for it', () => {
		expect(maintenanceDueNow(contract({ endsOn: '2026-04-14' }), '2026-04-08')).toEqual([]);
	});
});

describe('planned maintenance (保养): the ticket', () => {
	test('category B under an annual contract, the basis naming contract and due day', () => {
		const c = maintenanceClassification(contract(), '2026-04-15');
		expect(c).toMatchObject({ category: 'B', customerType: 'annual-contract', contractNo: 'HT-M-1' });
		expect(c.basis).toContain('Planned maintenance (保养) due on 2026-04-15');
		expect(c.visitFeeFen).toBeUndefined();
	});

	test('category B under a per-visit contract, with its visit fee', () => {
		const c = maintenanceClassification(contract({ kind: 'per-visit', visitFeeFen: 12000 }), '2026-04-15');
		expect(c).toMatchObject({ category: 'B', customerType: 'per-visit-contract', visitFeeFen: 12000 });
		expect(c.basis).toContain('120.00 yuan');
	});

	test('due by the end of the due day in the workflow timezone', () => {
		expect(maintenanceDueAt('2026-04-15', 'Asia/Shanghai')).toBe('2026-04-15T15:59:59.999Z');
	});
});

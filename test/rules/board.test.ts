import {
	BOARD_ROWS_DEFAULT,
	capacityUse,
	capRows,
	parseRowCap,
	compareForBoard,
	daysSince,
	dispatchBoard,
	isOverdue,
	isPastPromise,
	minutesOverdue,
	orderContracts,
	orderTakenBack,
	ticketBoard,
	unpaidInvoices,
	whereaboutsOf,
} from '../../nodes/shared/rules/board';

const NOW = '2026-11-27T02:00:00.000Z'; // 10:00 in Shanghai

describe('overdue', () => {
	test('due before now is overdue; due at now or later is not', () => {
		expect(isOverdue('2026-11-27T01:59:59.999Z', NOW)).toBe(true);
		expect(isOverdue(NOW, NOW)).toBe(false);
		expect(isOverdue('2026-11-27T02:00:01.000Z', NOW)).toBe(false);
	});

	test('instants with an offset compare as instants: 09:59 in Shanghai is before 02:00 UTC', () => {
		expect(isOverdue('2026-11-27T09:59:00+08:00', NOW)).toBe(true);
		expect(isOverdue('2026-11-27T10:01:00+08:00', NOW)).toBe(false);
	});

	test('minutes overdue: 1 h 35 min late is 95; not late is 0', () => {
		expect(minutesOverdue('2026-11-27T00:25:00.000Z', NOW)).toBe(95);
		expect(minutesOverdue('2026-11-27T01:59:30.000Z', NOW)).toBe(0); // 30 s: no whole minute yet
		expect(minutesOverdue('2026-11-28T00:00:00.000Z', NOW)).toBe(0);
	});
});

describe('the open tickets on the board', () => {
	const t = (ticketNumber: string, status: string, dueAt: string) => ({ ticketNumber, status, dueAt });
	const tickets = [
		t('BX-5', 'dispatched', '2026-11-27T08:00:00.000Z'), // due 16:00 today
		t('BX-1', 'open', '2026-11-26T02:00:00.000Z'), // 24 h late
		t('BX-2', 'taken-back', '2026-11-27T01:00:00.000Z'), // 1 h late
		t('BX-3', 'open', '2026-11-28T02:00:00.000Z'), // tomorrow
		t('BX-4', 'open', '2026-11-27T03:00:00.000Z'), // in an hour
		t('BX-6', 'closed', '2026-11-20T00:00:00.000Z'), // finished: never on the board
		t('BX-7', 'solved-on-site', '2026-11-20T00:00:00.000Z'), // finished
		t('BX-8', 'repaired', '2026-11-29T00:00:00.000Z'),
		t('BX-0', 'open', '2026-11-27T03:00:00.000Z'), // same due time as BX-4: by number
	];

	test('overdue on top, the most overdue first, whatever the status', () => {
		expect(ticketBoard(tickets, NOW).overdue.map((x) => x.ticketNumber)).toEqual(['BX-1', 'BX-2']);
	});

	test('then by status in the order of the ticket’s life, each by due time, ties by number', () => {
		const board = ticketBoard(tickets, NOW);
		expect(board.byStatus.map((g) => [g.status, g.tickets.map((x) => x.ticketNumber)])).toEqual([
			['open', ['BX-0', 'BX-4', 'BX-3']],
			['dispatched', ['BX-5']],
			['taken-back', []],
			['repaired', ['BX-8']],
			['inspected', []],
		]);
	});

	test('counts per status include the overdue ones; finished tickets are not counted', () => {
		expect(ticketBoard(tickets, NOW).counts).toEqual({ open: 4, dispatched: 1, 'taken-back': 1, repaired: 1, inspected: 0 });
	});

	test('the comparison alone: overdue before not overdue even when due later', () => {
		const cmp = compareForBoard(NOW);
		// BX-2 is overdue (due 09:00), BX-4 is not (due 11:00): BX-2 first
		expect(cmp(t('BX-4', 'open', '2026-11-27T03:00:00.000Z'), t('BX-2', 'open', '2026-11-27T01:00:00.000Z'))).toBeGreaterThan(0);
		expect(cmp(t('A', 'open', NOW), t('A', 'open', NOW))).toBe(0);
	});

	test('nothing open: empty groups, zero counts', () => {
		const board = ticketBoard([t('BX-9', 'closed', NOW)], NOW);
		expect(board.overdue).toEqual([]);
		expect(board.byStatus.every((g) => g.tickets.length === 0)).toBe(true);
		expect(Object.values(board.counts)).toEqual([0, 0, 0, 0, 0]);
	});
});

describe('capacity use per technician', () => {
	test.each([
		// jobs, capacity → free, over, percent, full
		[0, 8, 8, 0, 0, false],
		[3, 8, 5, 0, 38, false], // 37.5 % rounds half up to 38
		[1, 8, 7, 0, 13, false], // 12.5 % → 13
		[8, 8, 0, 0, 100, true],
		[10, 8, 0, 2, 125, true], // a manual dispatch over capacity
		[2, 3, 1, 0, 67, false], // 66.67 % → 67
		[0, 0, 0, 0, null, true], // no capacity: nothing free, no per cent
		[1, 0, 0, 1, null, true],
	])('%p jobs of %p: %p free, %p over, %p %%', (jobs, dailyCapacity, free, over, percent, full) => {
		expect(capacityUse({ name: '王', phone: '1', dailyCapacity, jobs, active: true })).toMatchObject({
			jobs,
			dailyCapacity,
			free,
			over,
			percent,
			full,
		});
	});

	test('the day: active ones by name, an inactive one only with jobs; totals over the active capacity', () => {
		const board = dispatchBoard([
			{ name: '王师傅', phone: '13700000002', dailyCapacity: 4, jobs: 3, active: true },
			{ name: '李师傅', phone: '13700000001', dailyCapacity: 2, jobs: 2, active: true },
			{ name: '赵师傅', phone: '13700000003', dailyCapacity: 5, jobs: 0, active: false }, // left out
			{ name: '陈师傅', phone: '13700000004', dailyCapacity: 6, jobs: 1, active: false }, // kept: a job today
		]);
		// zh-CN collation: 陈 (chen) < 李 (li) < 王 (wang)
		expect(board.technicians.map((k) => k.name)).toEqual(['陈师傅', '李师傅', '王师傅']);
		// jobs 1 + 2 + 3 = 6; capacity of the active ones 2 + 4 = 6; free 0 + 1 = 1
		expect(board.totals).toEqual({ jobs: 6, capacity: 6, free: 1 });
	});
});

describe('products taken back', () => {
	test('where a product is, from its ticket’s status', () => {
		expect(whereaboutsOf('taken-back')).toBe('in-repair');
		expect(whereaboutsOf('repaired')).toBe('awaiting-inspection');
		expect(whereaboutsOf('inspected')).toBe('awaiting-return');
		expect(whereaboutsOf('returned')).toBeNull();
		expect(whereaboutsOf('open')).toBeNull();
	});

	test('promised dates first (earliest on top), then the day taken in, then the number', () => {
		const rows = [
			{ ticketNumber: 'BX-4', takenOn: '2026-11-20', promisedBy: null },
			{ ticketNumber: 'BX-3', takenOn: '2026-11-25', promisedBy: '2026-11-30' },
			{ ticketNumber: 'BX-2', takenOn: '2026-11-21', promisedBy: '2026-11-26' },
			{ ticketNumber: 'BX-1', takenOn: '2026-11-22' },
			{ ticketNumber: 'BX-0', takenOn: '2026-11-22', promisedBy: null },
		];
		expect(orderTakenBack(rows).map((r) => r.ticketNumber)).toEqual(['BX-2', 'BX-3', 'BX-4', 'BX-0', 'BX-1']);
	});

	test('past the promise only after the promised day', () => {
		expect(isPastPromise('2026-11-26', '2026-11-27')).toBe(true);
		expect(isPastPromise('2026-11-27', '2026-11-27')).toBe(false);
		expect(isPastPromise(null, '2026-11-27')).toBe(false);
		expect(isPastPromise(undefined, '2026-11-27')).toBe(false);
	});
});

describe('unpaid invoices', () => {
	test('days since issue across a month end and a leap day', () => {
		expect(daysSince('2026-11-27', '2026-11-27')).toBe(0);
		expect(daysSince('2026-10-31', '2026-11-01')).toBe(1);
		expect(daysSince('2028-02-28', '2028-03-01')).toBe(2); // 2028 is a leap year
		expect(daysSince('2027-02-28', '2027-03-01')).toBe(1);
	});

	test('what is owed, the oldest first; a fully paid one is left out', () => {
		const rows = unpaidInvoices(
			[
				{ invoiceNumber: 'FP-2026-000003', issuedOn: '2026-11-20', totalFen: 16500, paidFen: 5000 },
				{ invoiceNumber: 'FP-2026-000001', issuedOn: '2026-11-01', totalFen: 30000, paidFen: 0 },
				{ invoiceNumber: 'FP-2026-000002', issuedOn: '2026-11-20', totalFen: 8000, paidFen: 8000 },
			],
			'2026-11-27',
		);
		expect(rows.map((r) => [r.invoiceNumber, r.owedFen, r.days])).toEqual([
			['FP-2026-000001', 30000, 26],
			['FP-2026-000003', 11500, 7],
		]);
	});
});

test('contracts: the earliest end first, then by number', () => {
	const rows = [
		{ contractNo: 'HT-3', endsOn: '2027-01-31' },
		{ contractNo: 'HT-2', endsOn: '2026-12-31' },
		{ contractNo: 'HT-1', endsOn: '2027-01-31' },
	];
	expect(orderContracts(rows).map((r) => r.contractNo)).toEqual(['HT-2', 'HT-1', 'HT-3']);
});

describe('row caps per section (还有 N 条 / N more)', () => {
	test('a section longer than the cap shows the first rows in order and counts the rest', () => {
		expect(capRows(['a', 'b', 'c', 'd', 'e'], 2)).toEqual({ shown: ['a', 'b'], more: 3 });
	});
	test('a section at or under the cap shows everything and nothing more', () => {
		expect(capRows(['a', 'b'], 2)).toEqual({ shown: ['a', 'b'], more: 0 });
		expect(capRows([], 5)).toEqual({ shown: [], more: 0 });
	});
	test('the cap from ?rows=: blank is the default, whole numbers 1–500 are taken, the rest refused naming rows', () => {
		expect(parseRowCap(undefined)).toBe(BOARD_ROWS_DEFAULT);
		expect(parseRowCap('')).toBe(BOARD_ROWS_DEFAULT);
		expect(parseRowCap(' 7 ')).toBe(7);
		expect(parseRowCap(500)).toBe(500);
		expect(parseRowCap(1)).toBe(1);
		for (const bad of [0, 501, -3, 2.5, NaN, 'ten', '3e2', '1,000']) {
			expect(() => parseRowCap(bad)).toThrow(/^Rows per section \(每栏行数\): .* is not allowed/);
			expect(() => parseRowCap(bad)).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ field: 'rows' })] }));
		}
	});
});

test('daysSince: plain days counted without luxon agree with it across a year, and a day that does not exist is refused', () => {
	// Expected from the calendar: 2025-12-01 + n days, counted by hand-free arithmetic on UTC midnights.
	const start = Date.UTC(2025, 11, 1);
	for (let n = 0; n <= 400; n += 7) {
		const day = new Date(start + n * 86_400_000).toISOString().slice(0, 10);
		expect(daysSince('2025-12-01', day)).toBe(n);
		expect(daysSince(day, '2025-12-01')).toBe(0);
	}
	expect(() => daysSince('2026-02-30', '2026-03-01')).toThrow(/Not a day/);
});

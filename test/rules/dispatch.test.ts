import fc from 'fast-check';
import { RuleViolation } from '../../nodes/shared/rules/errors';
import {
	DEFAULT_WEIGHTS,
	DispatchTechnician,
	DispatchTicket,
	orderForDispatch,
	planDispatch,
	refusal,
	score,
} from '../../nodes/shared/rules/dispatch';
import type { Category } from '../../nodes/shared/rules/service-category';

const TODAY = '2026-11-27';

let nextId = 1;
function ticket(extra: Partial<DispatchTicket> = {}): DispatchTicket {
	const id = extra.id ?? nextId++;
	return {
		id,
		ticketNumber: `BX-20261127-${String(id).padStart(4, '0')}`,
		category: 'A',
		address: '上海市徐汇区漕溪路1号',
		skill: null,
		reportedAt: '2026-11-27T09:00:00+08:00',
		reportDate: TODAY,
		...extra,
	};
}

function tech(extra: Partial<DispatchTechnician> = {}): DispatchTechnician {
	return { id: 1, name: '张三', active: true, skills: [], areas: [], dailyCapacity: 5, jobsToday: 0, ...extra };
}

describe('orderForDispatch', () => {
	test('tickets left over from earlier days come first (P12), then B, C, A, D, then oldest, then id', () => {
		const tickets = [
			ticket({ id: 1, category: 'D' }),
			ticket({ id: 2, category: 'A' }),
			ticket({ id: 3, category: 'C' }),
			ticket({ id: 4, category: 'B', reportedAt: '2026-11-27T10:00:00+08:00' }),
			ticket({ id: 5, category: 'B', reportedAt: '2026-11-27T08:00:00+08:00' }),
			ticket({ id: 6, category: 'D', reportDate: '2026-11-26', reportedAt: '2026-11-26T17:00:00+08:00' }),
			ticket({ id: 7, category: 'A', reportDate: '2026-11-25', reportedAt: '2026-11-25T17:00:00+08:00' }),
			ticket({ id: 9, category: 'B' }),
			ticket({ id: 8, category: 'B' }),
		];
		expect(orderForDispatch(tickets, TODAY).map((t) => t.id)).toEqual([7, 6, 5, 8, 9, 4, 3, 2, 1]);
	});

	test('compares report times as instants, whatever their offset', () => {
		const a = ticket({ id: 1, reportedAt: '2026-11-27T09:00:00+08:00' }); // 01:00Z
		const b = ticket({ id: 2, reportedAt: '2026-11-27T00:30:00Z' });
		expect(orderForDispatch([a, b], TODAY).map((t) => t.id)).toEqual([2, 1]);
	});

	test('returns a new array and leaves the input in place', () => {
		const tickets = [ticket({ id: 2, category: 'A' }), ticket({ id: 1, category: 'B' })];
		const copy = [...tickets];
		const ordered = orderForDispatch(tickets, TODAY);
		expect(ordered).not.toBe(tickets);
		expect(tickets).toEqual(copy);
	});
});

describe('refusal: hard rules, in order', () => {
	const t = ticket({ ticketNumber: 'BX-20261127-0001', skill: '电梯', address: '上海市浦东新区世纪大道100号' });

	test('an allowed technician gets null', () => {
		expect(refusal(t, tech({ skills: ['电梯'], areas: ['浦东'] }))).toBeNull();
		expect(refusal(ticket(), tech())).toBeNull();
	});

	test('an inactive technician is refused first, by name', () => {
		const r = refusal(t, tech({ active: false, skills: [], areas: ['徐汇'], jobsToday: 9 }));
		expect(r).toContain('张三');
		expect(r).toMatch(/not active/);
	});

	test('a technician without the required skill is refused, naming skill and ticket', () => {
		const r = refusal(t, tech({ skills: ['空调'], areas: ['徐汇'], jobsToday: 9 }));
		expect(r).toContain('张三');
		expect(r).toContain('电梯');
		expect(r).toContain('BX-20261127-0001');
	});

	test('a ticket without a skill needs none', () => {
		expect(refusal(ticket({ skill: null }), tech({ skills: [] }))).toBeNull();
		expect(refusal(ticket({ skill: '  ' }), tech({ skills: [] }))).toBeNull();
	});

	test('a technician whose areas are all absent from the address is refused, naming his areas', () => {
		const r = refusal(t, tech({ skills: ['电梯'], areas: ['徐汇', '静安'], jobsToday: 9 }));
		expect(r).toContain('张三');
		expect(r).toContain('徐汇, 静安');
		expect(r).toContain('世纪大道');
	});

	test('an area is matched as a substring of the address; no areas means everywhere', () => {
		expect(refusal(ticket({ address: '上海市徐汇区漕溪路1号' }), tech({ areas: ['徐汇'] }))).toBeNull();
		expect(refusal(ticket({ address: '上海市徐汇区漕溪路1号' }), tech({ areas: ['浦东', '徐汇'] }))).toBeNull();
		expect(refusal(ticket({ address: '北京市海淀区' }), tech({ areas: [] }))).toBeNull();
	});

	test('a technician at capacity is refused, saying how many jobs he has', () => {
		const r = refusal(t, tech({ skills: ['电梯'], areas: ['浦东'], dailyCapacity: 5, jobsToday: 5 }));
		expect(r).toContain('张三');
		expect(r).toMatch(/capacity/);
		expect(r).toContain('5 of 5');
		expect(refusal(t, tech({ skills: ['电梯'], areas: ['浦东'], dailyCapacity: 5, jobsToday: 4 }))).toBeNull();
		expect(refusal(t, tech({ skills: ['电梯'], areas: ['浦东'], dailyCapacity: 0, jobsToday: 0 }))).toMatch(/capacity/);
	});
	test('blank entries in skills or areas are ignored: blank areas only means he serves everywhere', () => {
		expect(refusal(ticket({ address: '北京市海淀区' }), tech({ areas: ['', '  '] }))).toBeNull();
		expect(refusal(ticket({ skill: '电梯' }), tech({ skills: [' 电梯 '] }))).toBeNull();
		expect(refusal(ticket({ address: '北京市海淀区' }), tech({ areas: [' ', '徐汇'] }))).toContain('serves 徐汇,');
	});
});

describe('score', () => {
	test('load is the share of capacity left today', () => {
		expect(score(ticket(), tech({ dailyCapacity: 4, jobsToday: 1 }), DEFAULT_WEIGHTS).load).toBe(0.75);
		expect(score(ticket(), tech({ dailyCapacity: 4, jobsToday: 0 }), DEFAULT_WEIGHTS).load).toBe(1);
		expect(score(ticket(), tech({ dailyCapacity: 4, jobsToday: 4 }), DEFAULT_WEIGHTS).load).toBe(0);
	});

	test('area is 1 for a technician whose area is in the address and 0 for one who serves anywhere', () => {
		expect(score(ticket({ address: '上海市徐汇区漕溪路1号' }), tech({ areas: ['徐汇'] }), DEFAULT_WEIGHTS).area).toBe(1);
		expect(score(ticket({ address: '上海市徐汇区漕溪路1号' }), tech({ areas: [] }), DEFAULT_WEIGHTS).area).toBe(0);
	});

	test('a specialist beats a generalist on skill; no skill needed scores 0', () => {
		const t = ticket({ skill: '电梯' });
		expect(score(t, tech({ skills: ['电梯'] }), DEFAULT_WEIGHTS).skill).toBe(1);
		expect(score(t, tech({ skills: ['电梯', '空调', '消防'] }), DEFAULT_WEIGHTS).skill).toBe(0.3333);
		expect(score(ticket({ skill: null }), tech({ skills: ['电梯'] }), DEFAULT_WEIGHTS).skill).toBe(0);
		expect(score(t, tech({ skills: ['电梯', '电梯', ''] }), DEFAULT_WEIGHTS).skill).toBe(1);
	});

	test('total is the weighted sum, rounded to 4 decimals', () => {
		const s = score(
			ticket({ skill: '电梯', address: '上海市徐汇区' }),
			tech({ skills: ['电梯', '空调', '消防'], areas: ['徐汇'], dailyCapacity: 3, jobsToday: 1 }),
			DEFAULT_WEIGHTS,
		);
		// 0.5 × 0.6667 + 0.3 × 1 + 0.2 × 0.3333 = 0.70001
		expect(s).toEqual({ load: 0.6667, area: 1, skill: 0.3333, total: 0.7 });
		const w = score(ticket(), tech({ dailyCapacity: 5, jobsToday: 1 }), { load: 1, area: 0, skill: 0 });
		expect(w.total).toBe(0.8);
	});
});

describe('planDispatch', () => {
	test('gives each ticket to the best allowed technician and counts his load for later tickets', () => {
		const techs = [tech({ id: 1, name: '张三', areas: ['徐汇'], dailyCapacity: 2 }), tech({ id: 2, name: '李四', areas: [], dailyCapacity: 2 })];
		const tickets = [ticket({ id: 1 }), ticket({ id: 2 }), ticket({ id: 3 }), ticket({ id: 4 })];
		const { assignments, undispatched } = planDispatch(tickets, techs, DEFAULT_WEIGHTS, TODAY);
		// 张三 serves 徐汇 (area 1): 0.5 + 0.3 = 0.8 vs 李四 0.5; after one job 张三 0.25 + 0.3 = 0.55 still wins; then 李四 0.5 vs 张三 full.
		expect(assignments.map((a) => [a.ticketId, a.technicianId])).toEqual([
			[1, 1],
			[2, 1],
			[3, 2],
			[4, 2],
		]);
		expect(undispatched).toEqual([]);
		expect(assignments[0].score).toEqual({ load: 1, area: 1, skill: 0, total: 0.8 });
		expect(assignments[0]).toMatchObject({ ticketNumber: tickets[0].ticketNumber, technicianName: '张三', leftOver: false });
	});

	test('a specialist is preferred over a generalist for a skilled job', () => {
		const techs = [tech({ id: 1, name: '全能', skills: ['电梯', '空调', '消防', '弱电'] }), tech({ id: 2, name: '电梯专家', skills: ['电梯'] })];
		const { assignments } = planDispatch([ticket({ skill: '电梯' })], techs, DEFAULT_WEIGHTS, TODAY);
		expect(assignments[0].technicianName).toBe('电梯专家');
	});

	test('ties go to the technician with fewer jobs today, then the lower id', () => {
		const weights = { load: 0, area: 1, skill: 0 };
		const fewer = planDispatch([ticket()], [tech({ id: 1, jobsToday: 3 }), tech({ id: 2, jobsToday: 1 })], weights, TODAY);
		expect(fewer.assignments[0].technicianId).toBe(2);
		const lower = planDispatch([ticket()], [tech({ id: 7, jobsToday: 1 }), tech({ id: 3, jobsToday: 1 })], weights, TODAY);
		expect(lower.assignments[0].technicianId).toBe(3);
	});

	test('left-over tickets are dispatched first and marked, so they get the last free slot', () => {
		const today = ticket({ id: 1, category: 'B' });
		const yesterday = ticket({ id: 2, category: 'D', reportDate: '2026-11-26', reportedAt: '2026-11-26T18:00:00+08:00' });
		const { assignments, undispatched } = planDispatch([today, yesterday], [tech({ dailyCapacity: 1 })], DEFAULT_WEIGHTS, TODAY);
		expect(assignments).toEqual([expect.objectContaining({ ticketId: 2, leftOver: true })]);
		expect(undispatched.map((u) => u.ticketId)).toEqual([1]);
	});

	test('does not modify the technicians or tickets it is given', () => {
		const techs = [tech({ id: 1, jobsToday: 1 })];
		const tickets = [ticket({ id: 1 }), ticket({ id: 2 })];
		const before = JSON.stringify([techs, tickets]);
		planDispatch(tickets, techs, DEFAULT_WEIGHTS, TODAY);
		expect(JSON.stringify([techs, tickets])).toBe(before);
	});

	describe('reasons for tickets nobody can take', () => {
		const reasonFor = (t: DispatchTicket, techs: DispatchTechnician[]) => {
			const { assignments, undispatched } = planDispatch([t], techs, DEFAULT_WEIGHTS, TODAY);
			expect(assignments).toEqual([]);
			expect(undispatched).toHaveLength(1);
			expect(undispatched[0]).toMatchObject({ ticketId: t.id, ticketNumber: t.ticketNumber });
			return undispatched[0].reason;
		};

		test('no technicians at all', () => {
			expect(reasonFor(ticket(), [])).toMatch(/no technician/);
		});

		test('nobody active', () => {
			expect(reasonFor(ticket(), [tech({ active: false }), tech({ id: 2, active: false })])).toBe('no technician is active');
		});

		test('nobody active has the skill (an inactive one who has it does not count)', () => {
			expect(reasonFor(ticket({ skill: '电梯' }), [tech({ active: false, skills: ['电梯'] }), tech({ id: 2, skills: ['空调'] })])).toBe(
				'no active technician has the skill 电梯',
			);
		});

		test('nobody with the skill serves the address', () => {
			const r = reasonFor(ticket({ skill: '电梯', address: '上海市浦东新区' }), [
				tech({ skills: ['电梯'], areas: ['徐汇'] }),
				tech({ id: 2, skills: ['空调'], areas: ['浦东'] }),
			]);
			expect(r).toContain('电梯');
			expect(r).toContain('上海市浦东新区');
			expect(r).toMatch(/serves/);
		});

		test('everyone serving the area is full: the most specific reason wins over others', () => {
			const r = reasonFor(ticket({ address: '上海市浦东新区世纪大道' }), [
				tech({ active: false }),
				tech({ id: 2, areas: ['徐汇'] }),
				tech({ id: 3, areas: ['浦东'], dailyCapacity: 2, jobsToday: 2 }),
			]);
			expect(r).toBe('every active technician serving 浦东 is at capacity today');
		});

		test('everyone who serves anywhere is full', () => {
			const r = reasonFor(ticket({ address: '上海市浦东新区' }), [tech({ dailyCapacity: 1, jobsToday: 1 })]);
			expect(r).toMatch(/at capacity today/);
			expect(r).toContain('上海市浦东新区');
		});

		test('capacity used up by earlier tickets in the same plan is reported as at capacity', () => {
			const { undispatched } = planDispatch(
				[ticket({ id: 1 }), ticket({ id: 2 })],
				[tech({ areas: ['徐汇'], dailyCapacity: 1 })],
				DEFAULT_WEIGHTS,
				TODAY,
			);
			expect(undispatched).toEqual([expect.objectContaining({ ticketId: 2, reason: 'every active technician serving 徐汇 is at capacity today' })]);
		});
	});

	test.each([
		{ load: -1, area: 0.3, skill: 0.2 },
		{ load: NaN, area: 0.3, skill: 0.2 },
		{ load: 0.5, area: Infinity, skill: 0.2 },
	])('refuses the weights %p', (weights) => {
		expect(() => planDispatch([], [], weights, TODAY)).toThrow(RuleViolation);
	});

	// Speed is measured by npm run bench, never asserted here; this checks that a full day's plan accounts for every ticket.
	test('plans a day of 1,000 tickets across 100 technicians, every ticket assigned or explained', () => {
		const areas = ['徐汇', '浦东', '静安', '黄浦', '长宁', '普陀', '虹口', '杨浦', '闵行', '宝山'];
		const skills = ['电梯', '空调', '消防', '弱电', '给排水'];
		const techs = Array.from({ length: 100 }, (_, i) =>
			tech({
				id: i + 1,
				name: `技术员${i + 1}`,
				active: i % 17 !== 0,
				skills: [skills[i % 5], skills[(i * 3) % 5]],
				areas: i % 10 === 0 ? [] : [areas[i % 10], areas[(i + 3) % 10]],
				dailyCapacity: 8,
				jobsToday: i % 4,
			}),
		);
		const tickets = Array.from({ length: 1000 }, (_, i) =>
			ticket({
				id: i + 1,
				category: (['A', 'B', 'C', 'D'] as Category[])[i % 4],
				skill: i % 3 === 0 ? null : skills[i % 5],
				address: `上海市${areas[i % 10]}区某路${i}号`,
				reportDate: i % 7 === 0 ? '2026-11-26' : TODAY,
				reportedAt: `2026-11-2${i % 7 === 0 ? 6 : 7}T${String(8 + (i % 10)).padStart(2, '0')}:00:00+08:00`,
			}),
		);
		const { assignments, undispatched } = planDispatch(tickets, techs, DEFAULT_WEIGHTS, TODAY);
		expect(assignments.length + undispatched.length).toBe(1000);
		expect(new Set([...assignments, ...undispatched].map((x) => x.ticketId)).size).toBe(1000);
		for (const u of undispatched) expect(u.reason).not.toBe('');
	});
});

describe('planDispatch: properties', () => {
	const AREAS = ['徐汇', '浦东', '静安', '黄浦'];
	const SKILLS = ['电梯', '空调', '消防'];
	const days = ['2026-11-25', '2026-11-26', TODAY];
	const ticketsArb = fc
		.array(
			fc.record({
				category: fc.constantFrom<Category>('A', 'B', 'C', 'D'),
				area: fc.constantFrom(...AREAS, '嘉定'),
				skill: fc.option(fc.constantFrom(...SKILLS), { nil: null }),
				day: fc.constantFrom(...days),
				minute: fc.integer({ min: 0, max: 1439 }),
			}),
			{ maxLength: 40 },
		)
		.map((rows) =>
			rows.map((r, i) => ({
				id: i + 1,
				ticketNumber: `BX-X-${i + 1}`,
				category: r.category,
				address: `上海市${r.area}区${i}号`,
				skill: r.skill,
				reportDate: r.day,
				reportedAt: `${r.day}T${String(Math.floor(r.minute / 60)).padStart(2, '0')}:${String(r.minute % 60).padStart(2, '0')}:00+08:00`,
			})),
		);
	const techsArb = fc
		.array(
			fc.record({
				active: fc.boolean(),
				skills: fc.subarray(SKILLS),
				areas: fc.subarray(AREAS),
				dailyCapacity: fc.integer({ min: 0, max: 5 }),
				jobsToday: fc.integer({ min: 0, max: 6 }),
			}),
			{ maxLength: 8 },
		)
		.map((rows) => rows.map((r, i) => ({ id: 100 - i, name: `T${i}`, ...r })));
	const weightsArb = fc.record({
		load: fc.double({ min: 0, max: 1, noNaN: true }),
		area: fc.double({ min: 0, max: 1, noNaN: true }),
		skill: fc.double({ min: 0, max: 1, noNaN: true }),
	});

	test('every ticket is either assigned once or undispatched once, in dispatch order', () => {
		fc.assert(
			fc.property(ticketsArb, techsArb, weightsArb, (tickets, techs, weights) => {
				const { assignments, undispatched } = planDispatch(tickets, techs, weights, TODAY);
				const ids = [...assignments.map((a) => a.ticketId), ...undispatched.map((u) => u.ticketId)];
				expect(new Set(ids).size).toBe(ids.length);
				expect(ids.sort((a, b) => a - b)).toEqual(tickets.map((t) => t.id));
				const order = orderForDispatch(tickets, TODAY).map((t) => t.id);
				const assignedOrder = assignments.map((a) => a.ticketId);
				expect(assignedOrder).toEqual(order.filter((id) => assignedOrder.includes(id)));
			}),
		);
	});

	test('no technician goes over capacity, and every assignment passes the hard rules at that moment', () => {
		fc.assert(
			fc.property(ticketsArb, techsArb, weightsArb, (tickets, techs, weights) => {
				const { assignments } = planDispatch(tickets, techs, weights, TODAY);
				const byId = new Map(tickets.map((t) => [t.id, t]));
				const load = new Map(techs.map((k) => [k.id, k.jobsToday]));
				for (const a of assignments) {
					const k = techs.find((x) => x.id === a.technicianId)!;
					const now = { ...k, jobsToday: load.get(k.id)! };
					expect(refusal(byId.get(a.ticketId)!, now)).toBeNull();
					expect(a.score).toEqual(score(byId.get(a.ticketId)!, now, weights));
					load.set(k.id, now.jobsToday + 1);
				}
				for (const k of techs) {
					const added = load.get(k.id)! - k.jobsToday;
					if (added > 0) expect(load.get(k.id)!).toBeLessThanOrEqual(k.dailyCapacity);
				}
			}),
		);
	});

	test('each ticket goes to the best-scoring allowed technician of that moment', () => {
		fc.assert(
			fc.property(ticketsArb, techsArb, weightsArb, (tickets, techs, weights) => {
				const { assignments, undispatched } = planDispatch(tickets, techs, weights, TODAY);
				const load = new Map(techs.map((k) => [k.id, k.jobsToday]));
				const assigned = new Map(assignments.map((a) => [a.ticketId, a]));
				const skipped = new Set(undispatched.map((u) => u.ticketId));
				for (const t of orderForDispatch(tickets, TODAY)) {
					const now = techs.map((k) => ({ ...k, jobsToday: load.get(k.id)! }));
					const allowed = now.filter((k) => refusal(t, k) === null);
					if (allowed.length === 0) {
						expect(skipped.has(t.id)).toBe(true);
						continue;
					}
					const a = assigned.get(t.id)!;
					expect(a).toBeDefined();
					const best = Math.max(...allowed.map((k) => score(t, k, weights).total));
					expect(a.score.total).toBe(best);
					load.set(a.technicianId, load.get(a.technicianId)! + 1);
				}
			}),
		);
	});

	test('left-over tickets are dispatched before any of today', () => {
		fc.assert(
			fc.property(ticketsArb, techsArb, (tickets, techs) => {
				const ordered = orderForDispatch(tickets, TODAY);
				const firstToday = ordered.findIndex((t) => t.reportDate >= TODAY);
				if (firstToday >= 0) for (const t of ordered.slice(firstToday)) expect(t.reportDate >= TODAY).toBe(true);
				const { assignments } = planDispatch(tickets, techs, DEFAULT_WEIGHTS, TODAY);
				const flags = assignments.map((a) => a.leftOver);
				expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
				const byId = new Map(tickets.map((t) => [t.id, t]));
				for (const a of assignments) expect(a.leftOver).toBe(byId.get(a.ticketId)!.reportDate < TODAY);
			}),
		);
	});

	test('score components stay in [0, 1] and the total is their weighted sum', () => {
		fc.assert(
			fc.property(ticketsArb, techsArb, weightsArb, (tickets, techs, weights) => {
				for (const t of tickets.slice(0, 5))
					for (const k of techs) {
						const s = score(t, k, weights);
						for (const c of [s.load, s.area, s.skill]) {
							expect(c).toBeGreaterThanOrEqual(0);
							expect(c).toBeLessThanOrEqual(1);
						}
						expect(Math.abs(s.total - (weights.load * s.load + weights.area * s.area + weights.skill * s.skill))).toBeLessThanOrEqual(
							0.00005 + 1e-12,
						);
					}
			}),
		);
	});
});

/**
 * Work reports on the live server (P10, P11): visits and repair work recorded later with their
 * own time count on the day they were done, internal D work logged over `POST work-log` (bad
 * bodies 400), last week's table as JSON and as a page, a day's report, and the Monday workflow's
 * email to the manager with the table as an XLSX attachment read back from the SMTP sink.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { SERVICE_TIMEZONE, awaitOneServiceDay, getWebhook, postWebhook, state, waitForMail, runWorkflow } from './server';

// n8n's own spreadsheet library (the one Convert to File writes with), from the n8n install.
const n8nRequire = createRequire(join(__dirname, '../../.cache/n8n/node_modules/n8n-nodes-base/package.json'));
const XLSX = n8nRequire('@e965/xlsx') as {
	read(data: Buffer, o: { type: 'buffer' }): { SheetNames: string[]; Sheets: Record<string, unknown> };
	utils: { sheet_to_json(sheet: unknown): Array<Record<string, unknown>> };
};

const ZHOU = { name: '周报师傅', phone: '13500000301' };
const WU = { name: '吴周报', phone: '13500000302' };
type Row = {
	name: string;
	phone: string;
	byCategory: Record<'A' | 'B' | 'C' | 'D', { jobs: number; minutes: number }>;
	totalJobs: number;
	totalMinutes: number;
};

// Last week (ISO, Monday to Sunday) in the workflows' timezone: what Monday's email reports.
let lastMonday: DateTime;
const day = (k: number) => lastMonday.plus({ days: k }).toISODate()!;
let lastWeek: string;
let solved: string;
let takenBack: string;

beforeAll(async () => {
	// Everything below within one service day, so "last week" does not move under the spec.
	await awaitOneServiceDay(300);
	const now = DateTime.now().setZone(SERVICE_TIMEZONE);
	lastMonday = now.minus({ weeks: 1 }).startOf('week');
	lastWeek = lastMonday.toFormat("kkkk-'W'WW");
	expect(
		(
			await postWebhook('import/technicians', [
				{ ...ZHOU, skills: 'E2E周报' },
				{ ...WU, skills: 'E2E周报备' },
			])
		).json,
	).toMatchObject({ rejected: [] });
	const report = async (phone: string) => {
		const res = await postWebhook('repairs', {
			customerName: '周报物业',
			phone,
			address: '上海市徐汇区',
			siteSituation: '空调不制冷',
			skill: 'E2E周报',
			reportedAt: `${day(1)}T09:00:00+08:00`,
		});
		expect(res.status).toBe(201);
		expect(res.json).toMatchObject({ category: 'A', technician: { phone: ZHOU.phone } });
		return String(res.json.ticketNumber);
	};
	solved = await report('13300000301');
	takenBack = await report('13300000302');
});

test('visits and repair work entered today with their own time count on the day they were done', async () => {
	// Solved on site last Wednesday afternoon, entered today.
	const visit = await postWebhook(`repairs/${solved}/visit`, {
		outcome: 'solved',
		solution: '清洗滤网',
		customerSignature: '陈经理',
		minutes: 40,
		workedAt: `${day(2)} 15:00`,
	});
	expect(visit.status).toBe(200);
	// Taken back last Thursday, repaired last Friday.
	expect(
		(
			await postWebhook(`repairs/${takenBack}/visit`, {
				outcome: 'taken-back',
				product: '空调内机',
				customerSignature: '陈经理',
				minutes: 30,
				workedAt: `${day(3)} 10:00`,
			})
		).status,
	).toBe(200);
	expect((await postWebhook(`repairs/${takenBack}/repair-work`, { minutes: 90, description: '更换电容', workedAt: `${day(4)} 14:00` })).status).toBe(
		200,
	);
	// A time still to come is refused on its field.
	const future = await postWebhook(`repairs/${takenBack}/repair-work`, { minutes: 10, workedAt: DateTime.now().plus({ days: 2 }).toISO() });
	expect(future.status).toBe(400);
	expect((future.json.errors as Array<{ field: string }>)[0].field).toBe('workedAt');
});

test('POST work-log: internal D work logged without a ticket (201); bad bodies 400 naming the fields', async () => {
	const training = await postWebhook('work-log', {
		technicianPhone: ZHOU.phone,
		category: 'D',
		kind: 'training',
		minutes: 60,
		workedOn: day(5),
		notes: '<b>安全</b>培训',
	});
	expect(training.status).toBe(201);
	expect(training.json).toMatchObject({
		technician: { name: ZHOU.name, phone: ZHOU.phone },
		category: 'D',
		kind: 'training',
		minutes: 60,
		workedOn: day(5),
		notes: '<b>安全</b>培训',
	});
	expect((await postWebhook('work-log', { technicianPhone: WU.phone, category: 'D', kind: 'parts', minutes: 45, workedOn: day(0) })).status).toBe(
		201,
	);

	const fields = (res: { json: Record<string, unknown> }) => (res.json.errors as Array<{ field: string }>).map((e) => e.field);
	const empty = await postWebhook('work-log', {});
	expect(empty.status).toBe(400);
	expect(fields(empty)).toEqual(['technicianPhone', 'kind', 'minutes']);
	const wrong = await postWebhook('work-log', { technicianPhone: ZHOU.phone, category: 'A', kind: 'cleaning', minutes: '2h' });
	expect(wrong.status).toBe(400);
	expect(fields(wrong)).toEqual(['category', 'kind', 'minutes']);
	const nobody = await postWebhook('work-log', { technicianPhone: '13500000399', kind: 'tools', minutes: 10 });
	expect(nobody.status).toBe(400);
	expect(nobody.text).toContain('no technician with phone');
	expect((await postWebhook('work-log', [{ technicianPhone: ZHOU.phone, kind: 'tools', minutes: 10 }])).status).toBe(400);
	expect(
		(await postWebhook('work-log', { technicianPhone: ZHOU.phone, kind: 'tools', minutes: 10 }, { key: 'wrong' })).status,
	).toBeGreaterThanOrEqual(401);
});

test("GET reports/work: last week's table as JSON and as a page; a day's report; bad weeks 400", async () => {
	const res = await getWebhook(`reports/work?week=${lastWeek}`);
	expect(res.status).toBe(200);
	const table = JSON.parse(res.text) as { week: string; from: string; to: string; technicians: Row[] };
	expect({ week: table.week, from: table.from, to: table.to }).toEqual({ week: lastWeek, from: day(0), to: day(6) });
	const zhou = table.technicians.find((t) => t.phone === ZHOU.phone)!;
	// A: two tickets, 40 + 30 + 90 minutes; D: the training, 60.
	expect(zhou).toEqual({
		...ZHOU,
		byCategory: { A: { jobs: 2, minutes: 160 }, B: { jobs: 0, minutes: 0 }, C: { jobs: 0, minutes: 0 }, D: { jobs: 1, minutes: 60 } },
		totalJobs: 3,
		totalMinutes: 220,
	});
	expect(table.technicians.find((t) => t.phone === WU.phone)).toMatchObject({ byCategory: { D: { jobs: 1, minutes: 45 } }, totalMinutes: 45 });

	const page = await getWebhook(`reports/work?week=${lastWeek}&format=html`);
	expect(page.contentType).toMatch(/text\/html/);
	expect(page.text).toContain('售后服务报修记录表');
	expect(page.text).toContain(ZHOU.name);
	expect(page.text).toContain(state().company.name.replace('&', '&amp;'));
	expect((await getWebhook(`reports/work?week=${lastWeek}&format=html&lang=en`)).text).toContain('After-Sales Repair Record Table');

	const wednesday = await getWebhook(`reports/work?date=${day(2)}`);
	expect(wednesday.status).toBe(200);
	const daily = JSON.parse(wednesday.text) as { date: string; technicians: Array<Row & { entries: Array<Record<string, unknown>> }> };
	expect(daily.date).toBe(day(2));
	expect(daily).not.toHaveProperty('week'); // RECORDS.md: a `date` key instead of `week`
	expect(daily.technicians.find((t) => t.phone === ZHOU.phone)!.entries).toEqual([
		{ ticketNumber: solved, customerName: '周报物业', category: 'A', kind: 'visit', minutes: 40, notes: null },
	]);
	const saturday = await getWebhook(`reports/work?date=${day(5)}&format=html`);
	expect(saturday.text).toContain('技术员工作日报表');
	expect(saturday.text).toContain('&lt;b&gt;安全&lt;/b&gt;培训');
	// Entered today, done last week: not on today's report.
	const today = JSON.parse((await getWebhook(`reports/work?date=${DateTime.now().setZone(SERVICE_TIMEZONE).toISODate()}`)).text) as typeof daily;
	expect(JSON.stringify(today.technicians.find((t) => t.phone === ZHOU.phone)?.entries ?? [])).not.toContain(solved);

	for (const bad of ['week=2027-W53', 'week=soon', 'date=2026-02-30']) {
		const r = await getWebhook(`reports/work?${bad}`);
		expect(r.status).toBe(400);
		expect(JSON.parse(r.text).errors[0].field).toBe(bad.split('=')[0]);
	}
});

test("Monday's workflow: the manager's email carries last week's table, the daily reports and the XLSX", async () => {
	await runWorkflow('afterSalesWorkWeek1');
	const mail = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.subject.includes(`Weekly work table ${lastWeek}`));
	expect(mail.subject).toBe(`售后服务报修记录表 Weekly work table ${lastWeek}`);
	expect(mail.html).toContain('售后服务报修记录表');
	expect(mail.html).toContain(`技术员工作日报表 ${day(2)}`);
	expect(mail.html).toContain(ZHOU.name);
	const xlsx = mail.attachments.find((a) => a.filename === `work-table-${lastWeek}.xlsx`);
	expect(xlsx?.contentType).toMatch(/spreadsheetml/);
	const book = XLSX.read(Buffer.from(xlsx!.base64, 'base64'), { type: 'buffer' });
	expect(book.SheetNames).toEqual([lastWeek]);
	const rows = XLSX.utils.sheet_to_json(book.Sheets[lastWeek]);
	expect(rows.find((r) => r['电话 Phone'] === ZHOU.phone)).toEqual({
		'技术员 Technician': ZHOU.name,
		'电话 Phone': ZHOU.phone,
		'A 件数 Jobs': 2,
		'A 工时 Minutes': 160,
		'B 件数 Jobs': 0,
		'B 工时 Minutes': 0,
		'C 件数 Jobs': 0,
		'C 工时 Minutes': 0,
		'D 件数 Jobs': 1,
		'D 工时 Minutes': 60,
		'合计件数 Total jobs': 3,
		'合计工时 Total minutes': 220,
	});
	const total = rows[rows.length - 1];
	expect(total['技术员 Technician']).toBe('合计 Total');
	expect(Number(total['合计工时 Total minutes'])).toBeGreaterThanOrEqual(265);
});

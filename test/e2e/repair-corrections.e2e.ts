/**
 * Repair register corrections on the live server: a take-back with its agreed completion date
 * takes the ticket out of the overdue escalation until that date (P9); a visit that replaces the
 * unit (更换设备) changes the installation register, the new unit in warranty from that day; the
 * daily dispatch emails the manager the vouchers still out (P12).
 */
import { DateTime } from 'luxon';
import { Store } from '../../nodes/shared/store/store';
import { SERVICE_TIMEZONE, postWebhook, serviceDay, waitForMail, openStore, runWorkflow } from './server';

let store: Store;
beforeAll(async () => {
	store = await openStore();
	const techs = await postWebhook('import/technicians', [
		{ name: '冯师傅', phone: '13500000071', email: 'feng@e2e.test', skills: 'E2E更正', dailyCapacity: 50 },
	]);
	expect(techs.json).toMatchObject({ rejected: [] });
});
afterAll(() => store.close());

let seq = 0;
async function report(over: Record<string, unknown> = {}): Promise<string> {
	const res = await postWebhook('repairs', {
		customerName: `更正客户${++seq}`,
		phone: `1330000${String(70 + seq).padStart(4, '0')}`,
		address: '上海市长宁区',
		siteSituation: '设备故障',
		skill: 'E2E更正',
		...over,
	});
	expect(res.status).toBe(201);
	expect(res.json.status).toBe('dispatched');
	return String(res.json.ticketNumber);
}

test('P9: taken back with promisedBy — due at the end of that day, and the overdue escalation no longer reports it by the intake target', async () => {
	// Both reported in January: their response targets passed long ago.
	const n = await report({ reportedAt: '2026-01-08T09:00:00+08:00' });
	const control = await report({ reportedAt: '2026-01-08T10:00:00+08:00' });
	const promisedBy = DateTime.now().setZone(SERVICE_TIMEZONE).plus({ days: 7 }).toISODate()!;
	const taken = await postWebhook(`repairs/${n}/visit`, { outcome: 'taken-back', product: '控制器', customerSignature: '陈经理', promisedBy });
	expect(taken.status).toBe(200);
	expect(taken.json).toMatchObject({
		status: 'taken-back',
		promisedBy,
		dueAt: DateTime.fromISO(promisedBy, { zone: SERVICE_TIMEZONE }).plus({ days: 1 }).toUTC().toISO(),
		escalatedPeriod: 0,
	});
	await runWorkflow('afterSalesOverdue1');
	// The run told the manager about the ticket still overdue by its intake target…
	const mail = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.text.includes(control));
	// …but not about the one whose agreed date is a week away.
	expect(mail.text).not.toContain(n);
	const row = await store.db.selectFrom('tickets').select(['escalatedPeriod', 'promisedBy']).where('ticketNumber', '=', n).executeTakeFirstOrThrow();
	expect(row).toEqual({ escalatedPeriod: 0, promisedBy });
	// A bad agreed date: 400 on the field, nothing written.
	const other = await report();
	const bad = await postWebhook(`repairs/${other}/visit`, {
		outcome: 'taken-back',
		product: '控制器',
		customerSignature: '陈',
		promisedBy: '2026-01-01',
	});
	expect(bad.status).toBe(400);
	expect(bad.json).toEqual({ errors: [{ field: 'promisedBy', message: expect.stringContaining('2026-01-01 is before the take-back') }] });
	expect((await store.db.selectFrom('tickets').select('status').where('ticketNumber', '=', other).executeTakeFirstOrThrow()).status).toBe(
		'dispatched',
	);
});

test('replaced: the installation register gets the new unit with its warranty from today; the old serial keeps resolving; bad input is 400 with nothing written', async () => {
	expect(
		(await postWebhook('import/customers', [{ code: 'E2E-GH-1', name: '更换设备客户', phone: '13300000091', address: '上海市长宁区' }])).json,
	).toMatchObject({ rejected: [] });
	expect(
		(
			await postWebhook('import/installations', [
				{ serialNo: 'E2E-PUMP-OLD', customerCode: 'E2E-GH-1', description: '循环水泵', completedOn: '2024-01-01', warrantyUntil: '2025-01-01' },
			])
		).json,
	).toMatchObject({ created: 1, rejected: [] });
	const first = await postWebhook('repairs', {
		customerName: '更换设备客户',
		phone: '13300000091',
		address: '上海市长宁区',
		siteSituation: '水泵烧毁',
		skill: 'E2E更正',
		serialNo: 'E2E-PUMP-OLD',
	});
	// Out of warranty since 2025: paid.
	expect(first.json).toMatchObject({ customerType: 'liaison-letter', category: 'A', status: 'dispatched' });
	const n = String(first.json.ticketNumber);

	const count = async () =>
		Number(
			(
				await store.db
					.selectFrom('installations')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n,
		);
	const before = await count();
	const missing = await postWebhook(`repairs/${n}/visit`, { outcome: 'replaced', customerSignature: '陈经理' });
	expect(missing.status).toBe(400);
	expect(missing.json).toEqual({ errors: [{ field: 'newSerialNo', message: 'New serial no (新序列号): is empty; a value is required' }] });
	const taken = await postWebhook(`repairs/${n}/visit`, { outcome: 'replaced', customerSignature: '陈经理', newSerialNo: 'e2e-pump-old' });
	expect(taken.status).toBe(400);
	expect(taken.json).toEqual({
		errors: [{ field: 'newSerialNo', message: expect.stringContaining('"e2e-pump-old" is already in the installation register') }],
	});
	expect(await count()).toBe(before);

	const today = serviceDay();
	const visit = await postWebhook(`repairs/${n}/visit`, {
		outcome: 'replaced',
		customerSignature: '陈经理',
		newSerialNo: 'E2E-PUMP-NEW',
		minutes: 90,
	});
	expect(visit.status).toBe(200);
	expect(visit.json).toMatchObject({
		ticketNumber: n,
		status: 'solved-on-site',
		serialNo: 'E2E-PUMP-OLD',
		solution: expect.stringContaining('E2E-PUMP-NEW'),
	});
	expect(await count()).toBe(before + 1);
	const rows = await store.db
		.selectFrom('installations')
		.select(['id', 'serialNo', 'completedOn', 'warrantyUntil', 'replacedById', 'replacedOn'])
		.where('serialNo', 'in', ['E2E-PUMP-OLD', 'E2E-PUMP-NEW'])
		.orderBy('id')
		.execute();
	const until = DateTime.fromISO(today).plus({ months: 12 }).toISODate();
	expect(rows).toEqual([
		{
			id: expect.any(Number),
			serialNo: 'E2E-PUMP-OLD',
			completedOn: '2024-01-01',
			warrantyUntil: '2025-01-01',
			replacedById: rows[1].id,
			replacedOn: today,
		},
		{ id: expect.any(Number), serialNo: 'E2E-PUMP-NEW', completedOn: today, warrantyUntil: until, replacedById: null, replacedOn: null },
	]);
	// The register as the public paths see it: a report on the new unit is in warranty until a year from today…
	const onNew = await postWebhook('repairs', {
		customerName: '更换设备客户',
		phone: '13300000091',
		address: '上海市长宁区',
		siteSituation: '新泵异响',
		skill: 'E2E更正',
		serialNo: 'E2E-PUMP-NEW',
	});
	expect(onNew.json).toMatchObject({ customerType: 'in-warranty', category: 'C' });
	const basis = await store.db
		.selectFrom('tickets')
		.select('basis')
		.where('ticketNumber', '=', String(onNew.json.ticketNumber))
		.executeTakeFirstOrThrow();
	expect(basis.basis).toBe(`Installation E2E-PUMP-NEW is under warranty until ${until}`);
	// …and one still naming the old serial no is judged on the unit now in its place.
	const onOld = await postWebhook('repairs', {
		customerName: '更换设备客户',
		phone: '13300000091',
		address: '上海市长宁区',
		siteSituation: '还是那台泵',
		skill: 'E2E更正',
		serialNo: 'E2E-PUMP-OLD',
	});
	expect(onOld.json).toMatchObject({ customerType: 'in-warranty', category: 'C' });
	// The import answers for it as an existing unit (updated, not created).
	expect(
		(
			await postWebhook('import/installations', [
				{ serialNo: 'E2E-PUMP-NEW', customerCode: 'E2E-GH-1', description: '循环水泵', completedOn: today, warrantyUntil: until },
			])
		).json,
	).toMatchObject({ created: 0, updated: 1 });
});

test('P12: the daily dispatch tells the manager which vouchers are still out — a ticket solved yesterday and not closed', async () => {
	const late = await report();
	const closedOnTime = await report();
	const yesterday = DateTime.now().setZone(SERVICE_TIMEZONE).minus({ days: 1 }).set({ hour: 15, minute: 0 }).toISO()!;
	for (const n of [late, closedOnTime]) {
		expect(
			(await postWebhook(`repairs/${n}/visit`, { outcome: 'solved', solution: '更换保险丝', customerSignature: '陈经理', signedAt: yesterday }))
				.status,
		).toBe(200);
	}
	expect((await postWebhook(`repairs/${closedOnTime}/close`, {})).status).toBe(200);
	await runWorkflow('afterSalesDaily001');
	const mail = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.text.includes(late));
	expect(mail.subject).toMatch(/凭证未归 [1-9]\d* vouchers still out/);
	const line = mail.text.split('\n').find((l) => l.includes(late))!;
	expect(line).toContain(late.replace('BX', 'PZ'));
	expect(line).toContain('冯师傅');
	expect(line).toContain('凭证未交回');
	expect(mail.text).not.toContain(closedOnTime);
});

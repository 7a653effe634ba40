/**
 * Planned maintenance (保养) and the warranty without a serial number on the live server: a
 * contract imported with 保养周期(月); the daily run started by *Run now* (the editor's manual run) makes its
 * category B ticket 7 days or less before the due day and dispatches it; the run again over the
 * webhook makes nothing new for it; a bad run date is 400 on `date`; a report without serial for a
 * customer with one unit out of warranty is not free.
 */
import { DateTime } from 'luxon';
import { Store } from '../../nodes/shared/store/store';
import { SERVICE_TIMEZONE, awaitOneServiceDay, postWebhook, openStore, runWorkflow } from './server';
import { PHONE, type Chromium, choose, fill, launchChromium, openForm, pageText, submit } from './browser';

let store: Store;
// Other specs share this server and store: every number, phone and serial here is this run's own.
const RUN = Date.now().toString(36).toUpperCase();
const PHONE_TAIL = String(Date.now()).slice(-4);

beforeAll(async () => {
	store = await openStore();
	// The run's day is the service day in Shanghai: stay within one.
	await awaitOneServiceDay(240);
});
afterAll(() => store.close());

const today = () => DateTime.now().setZone(SERVICE_TIMEZONE).startOf('day');

/** A due day 3 to 6 days ahead that a start one month earlier reaches again exactly (no month-end clamping). */
function dueAndStart(): { dueOn: string; startsOn: string } {
	for (let ahead = 3; ; ahead++) {
		const due = today().plus({ days: ahead });
		const start = due.minus({ months: 1 });
		if (start.plus({ months: 1 }).toISODate() === due.toISODate()) return { dueOn: due.toISODate()!, startsOn: start.toISODate()! };
	}
}

const visitsOf = async (contractNo: string) =>
	await store.db
		.selectFrom('maintenanceVisits as v')
		.innerJoin('contracts as k', 'k.id', 'v.contractId')
		.innerJoin('tickets as t', 't.id', 'v.ticketId')
		.select(['v.dueOn', 't.ticketNumber', 't.category', 't.status', 't.customerType', 't.technicianId'])
		.where('k.contractNo', '=', contractNo)
		.execute();

test('Run now makes the contract’s maintenance ticket, category B and dispatched; the run again makes nothing new', async () => {
	const customer = { code: `KH-PM-${RUN}`, name: `保养客户 ${RUN}`, phone: `1391234${PHONE_TAIL}`, address: `上海市徐汇区保养路${RUN}号` };
	expect((await postWebhook('import/customers', [customer])).json).toMatchObject({ rejected: [] });
	expect(
		(await postWebhook('import/technicians', [{ name: `保养师傅${RUN}`, phone: `1371234${PHONE_TAIL}`, dailyCapacity: 50 }])).json,
	).toMatchObject({
		rejected: [],
	});
	const { dueOn, startsOn } = dueAndStart();
	const contractNo = `HT-PM-${RUN}`;
	const imported = await postWebhook('import/contracts', [
		{
			合同编号: contractNo,
			客户编号: customer.code,
			合同类型: '按年',
			开始日期: startsOn,
			到期日期: today().plus({ years: 1 }).toISODate(),
			合同金额: '2400',
			'保养周期(月)': '1',
		},
	]);
	expect(imported.status).toBe(200);
	expect(imported.json).toMatchObject({ created: 1, rejected: [] });

	await runWorkflow('afterSalesMaintenanceRun01');
	const visits = await visitsOf(contractNo);
	expect(visits).toEqual([expect.objectContaining({ dueOn, category: 'B', customerType: 'annual-contract', status: 'dispatched' })]);
	expect(visits[0].technicianId).not.toBeNull();
	expect(visits[0].ticketNumber).toMatch(new RegExp(`^BX-${today().toFormat('yyyyLLdd')}-\\d{4}$`));

	const again = await postWebhook('contracts/maintenance-run', {});
	expect(again.status).toBe(200);
	const body = again.json as { created: Array<{ contractNo: string; ticketNumber: string; dueOn: string }> };
	expect(body.created.filter((c) => c.contractNo === contractNo)).toEqual([]);
	expect(await visitsOf(contractNo)).toHaveLength(1);
});

test('the run over the webhook for a date answers with what it made; a date that is not one is 400 on its field', async () => {
	const customer = { code: `KH-PM2-${RUN}`, name: `保养客户二 ${RUN}`, phone: `1391235${PHONE_TAIL}`, address: '上海市静安区' };
	expect((await postWebhook('import/customers', [customer])).json).toMatchObject({ rejected: [] });
	const contractNo = `HT-PM2-${RUN}`;
	// from 2020-01-10 every 6 months, to 2020-12-31: due 2020-07-10, made by a run for 2020-07-05
	expect(
		(
			await postWebhook('import/contracts', [
				{
					contractNo,
					customerCode: customer.code,
					kind: 'annual',
					startsOn: '2020-01-10',
					endsOn: '2020-12-31',
					feeYuan: '1200',
					maintenanceEveryMonths: 6,
				},
			])
		).json,
	).toMatchObject({ created: 1, rejected: [] });
	const res = await postWebhook('contracts/maintenance-run', { date: '2020-07-05' });
	expect(res.status).toBe(200);
	const made = (res.json as { created: Array<{ contractNo: string; ticketNumber: string; dueOn: string }> }).created.filter(
		(c) => c.contractNo === contractNo,
	);
	expect(made).toEqual([{ contractNo, ticketNumber: expect.stringMatching(/^BX-20200705-\d{4}$/), dueOn: '2020-07-10' }]);
	const twice = await postWebhook('contracts/maintenance-run', { date: '2020-07-05' });
	expect((twice.json as { created: Array<{ contractNo: string }> }).created.filter((c) => c.contractNo === contractNo)).toEqual([]);

	const bad = await postWebhook('contracts/maintenance-run', { date: '2026-02-30' });
	expect(bad.status).toBe(400);
	expect(bad.json).toMatchObject({ errors: [expect.objectContaining({ field: 'date' })] });
});

test('a report without serial for a customer with one unit out of warranty is not free; the visit naming the unit judges it again', async () => {
	const customer = { code: `KH-PMW-${RUN}`, name: `两台设备 ${RUN}`, phone: `1391236${PHONE_TAIL}`, address: '上海市徐汇区' };
	expect((await postWebhook('import/customers', [customer])).json).toMatchObject({ rejected: [] });
	const y = today().year;
	expect(
		(
			await postWebhook('import/installations', [
				{
					serialNo: `SN-PMW-IN-${RUN}`,
					customerCode: customer.code,
					description: '空调',
					completedOn: `${y - 1}-01-01`,
					warrantyUntil: `${y + 2}-01-01`,
				},
				{ serialNo: `SN-PMW-OUT-${RUN}`, customerCode: customer.code, description: '锅炉', completedOn: '2015-01-01', warrantyUntil: '2017-01-01' },
			])
		).json,
	).toMatchObject({ created: 2, rejected: [] });
	const res = await postWebhook('repairs', {
		customerName: customer.name,
		phone: customer.phone,
		address: customer.address,
		siteSituation: '不制冷',
	});
	expect(res.status).toBe(201);
	expect(res.json).toMatchObject({ category: 'A', customerType: 'liaison-letter', status: 'dispatched' });
	// the technician names the unit at the visit: judged again before any invoice — in warranty, nothing to charge
	const visit = await postWebhook(`repairs/${String(res.json.ticketNumber)}/visit`, {
		outcome: 'solved',
		solution: '清洗',
		serialNo: `SN-PMW-IN-${RUN}`,
		customerSignature: '张',
		minutes: 30,
	});
	expect(visit.status).toBe(200);
	expect(visit.json).toMatchObject({ category: 'C', customerType: 'in-warranty', serialNo: `SN-PMW-IN-${RUN}`, invoice: null });
	const judged = await store.db
		.selectFrom('ticketEvents as e')
		.innerJoin('tickets as t', 't.id', 'e.ticketId')
		.select(['e.action', 'e.details'])
		.where('t.ticketNumber', '=', String(res.json.ticketNumber))
		.where('e.action', '=', 'judgeCategoryAgain')
		.execute();
	expect(judged).toHaveLength(1);
	expect(JSON.parse(judged[0].details)).toMatchObject({ fromCategory: 'A', toCategory: 'C' });
	const withSerial = await postWebhook('repairs', {
		customerName: customer.name,
		phone: customer.phone,
		address: customer.address,
		siteSituation: '不制冷',
		serialNo: `SN-PMW-IN-${RUN}`,
	});
	expect(withSerial.json).toMatchObject({ category: 'C', customerType: 'in-warranty' });

	// The same on the technician's visit form (390 px): 序列号 names the unit, and the ticket is judged again.
	const another = await postWebhook('repairs', {
		customerName: customer.name,
		phone: customer.phone,
		address: customer.address,
		siteSituation: '漏水',
	});
	expect(another.json).toMatchObject({ category: 'A', customerType: 'liaison-letter' });
	const ticketNumber = String(another.json.ticketNumber);
	let chromium: Chromium | undefined;
	try {
		chromium = await launchChromium();
		const page = await openForm(chromium.browser, `visit-result?ticketNumber=${ticketNumber}`, 'technician', PHONE);
		await choose(page, '处理结果', '已解决');
		await fill(page, '处理方案', '更换密封圈');
		await fill(page, '用时', '20');
		await fill(page, '客户签字', '张');
		await fill(page, '序列号', `SN-PMW-IN-${RUN}`);
		await submit(page, /已记录|未记录/);
		expect(await pageText(page)).toContain('已记录');
	} finally {
		await chromium?.close();
	}
	const onForm = await store.db
		.selectFrom('tickets')
		.select(['category', 'customerType', 'serialNo'])
		.where('ticketNumber', '=', ticketNumber)
		.executeTakeFirstOrThrow();
	expect(onForm).toEqual({ category: 'C', customerType: 'in-warranty', serialNo: `SN-PMW-IN-${RUN}` });
	expect(
		await store.db
			.selectFrom('invoices as i')
			.innerJoin('tickets as t', 't.id', 'i.ticketId')
			.select('i.invoiceNumber')
			.where('t.ticketNumber', '=', ticketNumber)
			.execute(),
	).toEqual([]);
});

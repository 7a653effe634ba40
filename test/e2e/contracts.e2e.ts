/**
 * Maintenance contracts on the live server (P13): contracts imported over the webhook, the expiry
 * check run twice (the second notices nothing new) and twice at once (one notice per contract),
 * the notice emailed to the customer with its page attached and the manager's list (the customer
 * without email marked), the notice page, the renewal (201, the old contract renewed), and bad
 * bodies (400) and unknown contracts (404); the scheduled run started by *Run now* (the editor's manual run).
 */
import { DateTime } from 'luxon';
import { Store } from '../../nodes/shared/store/store';
import { SERVICE_TIMEZONE, awaitOneServiceDay, getWebhook, postWebhook, waitForMail, openStore, runWorkflow } from './server';

let store: Store;
// Other specs share this server and store: every number here is this run's own.
const RUN = Date.now().toString(36).toUpperCase();
const no = (name: string) => `HT-E2E-${RUN}-${name}`;

beforeAll(async () => {
	store = await openStore();
	// The scan's day is the service day in Shanghai: stay within one.
	await awaitOneServiceDay(240);
});
afterAll(() => store.close());

const today = () => DateTime.now().setZone(SERVICE_TIMEZONE).startOf('day');
const day = (days: number) => today().plus({ days }).toISODate()!;

type Noticed = { contractNo: string; customerName: string; endsOn: string; noticeNumber: string };
type Scan = { noticed: Noticed[]; alreadyNoticed: number };

const scan = async () => {
	const res = await postWebhook('contracts/expiry-check', {});
	expect(res.status).toBe(200);
	return res.json as Scan;
};
const mine = (s: Scan, numbers: string[]) => s.noticed.filter((n) => numbers.includes(n.contractNo));
const noticesOf = async (numbers: string[]) =>
	await store.db
		.selectFrom('expiryNotices as n')
		.innerJoin('contracts as k', 'k.id', 'n.contractId')
		.select(['k.contractNo', 'n.noticeNumber', 'n.taskStatus'])
		.where('k.contractNo', 'in', numbers)
		.execute();

async function importContracts(rows: object[]) {
	const res = await postWebhook('import/contracts', rows);
	expect(res.status).toBe(200);
	expect(res.json).toMatchObject({ created: rows.length, rejected: [] });
}

test('the expiry check: the due contracts noticed once; the customer emailed the notice page; the manager the list', async () => {
	const customer = { code: `KH-E2E-${RUN}-1`, name: `合同客户 <b>${RUN}</b>`, phone: '13912340001', email: `contract-${RUN.toLowerCase()}@e2e.test` };
	const noEmail = { code: `KH-E2E-${RUN}-2`, name: `无邮箱客户 ${RUN}`, phone: '13912340002' };
	expect((await postWebhook('import/customers', [customer, noEmail])).json).toMatchObject({ rejected: [] });
	await importContracts([
		{ contractNo: no('DUE'), customerCode: customer.code, kind: 'annual', startsOn: day(-355), endsOn: day(10), feeYuan: '3600' },
		{ contractNo: no('NOMAIL'), customerCode: noEmail.code, kind: 'per-visit', startsOn: day(-355), endsOn: day(3), visitFeeYuan: '150' },
		{ contractNo: no('LATER'), customerCode: customer.code, kind: 'annual', startsOn: day(-300), endsOn: day(70), feeYuan: '3600' },
		{ contractNo: no('CANCELLED'), customerCode: customer.code, kind: 'annual', startsOn: day(-300), endsOn: day(5), status: 'cancelled' },
	]);
	const numbers = [no('DUE'), no('NOMAIL'), no('LATER'), no('CANCELLED')];
	const first = await scan();
	const noticed = mine(first, numbers);
	expect(noticed.map((n) => n.contractNo).sort()).toEqual([no('DUE'), no('NOMAIL')].sort());
	const tz = `TZ-${today().toFormat('yyyyLLdd')}-`;
	for (const n of noticed) expect(n.noticeNumber.startsWith(tz)).toBe(true);
	expect(noticed.find((n) => n.contractNo === no('DUE'))).toMatchObject({ customerName: customer.name, endsOn: day(10) });

	const second = await scan();
	expect(mine(second, numbers)).toEqual([]);
	expect(second.alreadyNoticed).toBeGreaterThanOrEqual(2);
	expect((await noticesOf(numbers)).map((n) => n.contractNo).sort()).toEqual([no('DUE'), no('NOMAIL')].sort());

	const due = noticed.find((n) => n.contractNo === no('DUE'))!;
	const mail = await waitForMail((m) => m.to.includes(customer.email) && m.subject.includes(no('DUE')));
	expect(mail.subject).toMatch(/^保养到期通知书 Maintenance contract expiry notice/);
	expect(mail.text).toContain(day(10));
	const page = mail.attachments.find((a) => a.filename === `${due.noticeNumber}.html`);
	expect(page?.contentType).toMatch(/text\/html/);
	const pageText = Buffer.from(page!.base64, 'base64').toString('utf8');
	expect(pageText).toContain('保养到期通知书');
	expect(pageText).toContain(`合同客户 &lt;b&gt;${RUN}&lt;/b&gt;`);

	const list = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.subject.startsWith('合同到期清单') && m.text.includes(no('NOMAIL')));
	expect(list.text).toMatch(new RegExp(`${no('NOMAIL')}.*客户无邮箱`));
	expect(list.text).toMatch(new RegExp(`${no('DUE')}.*${customer.email.replace('.', '\\.')}`));
});

test('two checks at once: one notice per contract', async () => {
	const customer = { code: `KH-E2E-${RUN}-3`, name: `并发客户 ${RUN}`, phone: '13912340003' };
	expect((await postWebhook('import/customers', [customer])).json).toMatchObject({ rejected: [] });
	const numbers = [no('AT-ONCE-1'), no('AT-ONCE-2'), no('AT-ONCE-3')];
	await importContracts(
		numbers.map((contractNo, i) => ({ contractNo, customerCode: customer.code, kind: 'annual', startsOn: day(-300), endsOn: day(5 + i) })),
	);
	const [a, b] = await Promise.all([scan(), scan()]);
	const noticed = [...mine(a, numbers), ...mine(b, numbers)].map((n) => n.contractNo).sort();
	expect(noticed).toEqual([...numbers].sort());
	const rows = await noticesOf(numbers);
	expect(rows.map((r) => r.contractNo).sort()).toEqual([...numbers].sort());
	expect(new Set(rows.map((r) => r.noticeNumber)).size).toBe(3);
});

test('the notice page; the renewal: 201 the new contract, the old one renewed, the task closed; 400 and 404', async () => {
	const zh = await getWebhook(`contracts/${encodeURIComponent(no('DUE'))}/documents/expiry-notice`);
	expect(zh.status).toBe(200);
	expect(zh.contentType).toMatch(/text\/html/);
	expect(zh.text).toContain('保养到期通知书');
	expect(zh.text).toContain(no('DUE'));
	const en = await getWebhook(`contracts/${encodeURIComponent(no('DUE'))}/documents/expiry-notice?lang=en`);
	expect(en.text).toContain('Maintenance Contract Expiry Notice');
	expect((await getWebhook('contracts/HT-NO-SUCH/documents/expiry-notice')).status).toBe(404);
	expect((await getWebhook(`contracts/${encodeURIComponent(no('LATER'))}/documents/expiry-notice`)).status).toBe(404);

	const renewed = await postWebhook(`contracts/${encodeURIComponent(no('DUE'))}/renew`, { endsOn: day(10 + 365), feeYuan: '3800' });
	expect(renewed.status).toBe(201);
	expect(renewed.json).toMatchObject({
		contractNo: `${no('DUE')}-R1`,
		startsOn: day(11),
		endsOn: day(375),
		feeYuan: '3800.00',
		status: 'active',
		kind: 'annual',
		renewedContract: { contractNo: no('DUE'), status: 'renewed' },
	});
	const old = await store.db.selectFrom('contracts').select('status').where('contractNo', '=', no('DUE')).executeTakeFirstOrThrow();
	expect(old.status).toBe('renewed');
	expect(await noticesOf([no('DUE')])).toEqual([expect.objectContaining({ taskStatus: 'closed-renewed' })]);

	const again = await postWebhook(`contracts/${encodeURIComponent(no('DUE'))}/renew`, { endsOn: day(400) });
	expect(again.status).toBe(400);
	expect(JSON.stringify(again.json)).toMatch(/already renewed/);

	const bad = await postWebhook(`contracts/${encodeURIComponent(no('NOMAIL'))}/renew`, { startsOn: '2027-02-30', feeYuan: '-5' });
	expect(bad.status).toBe(400);
	expect((bad.json as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['endsOn', 'startsOn', 'feeYuan']);
	const notJson = await postWebhook(`contracts/${encodeURIComponent(no('NOMAIL'))}/renew`, '[1,2]', {
		headers: { 'Content-Type': 'application/json' },
	});
	expect(notJson.status).toBe(400);
	expect((await postWebhook(`contracts/${encodeURIComponent(no('NOMAIL'))}/renew`, { endsOn: day(1) })).status).toBe(400);
	expect((await postWebhook('contracts/HT-NO-SUCH/renew', { endsOn: day(400) })).status).toBe(404);
	expect(
		(await postWebhook(`contracts/${encodeURIComponent(no('NOMAIL'))}/renew`, { endsOn: day(400) }, { key: 'wrong' })).status,
	).toBeGreaterThanOrEqual(401);
});

test('the daily run (Run now, as the 07:00 schedule): the new due contract noticed, the manager emailed', async () => {
	const customer = { code: `KH-E2E-${RUN}-4`, name: `定时客户 ${RUN}`, phone: '13912340004', email: `daily-${RUN.toLowerCase()}@e2e.test` };
	expect((await postWebhook('import/customers', [customer])).json).toMatchObject({ rejected: [] });
	await importContracts([
		{ contractNo: no('DAILY'), customerCode: customer.code, kind: 'annual', startsOn: day(-300), endsOn: day(20), feeYuan: '2000' },
	]);
	await runWorkflow('afterSalesContractExpiry01');
	expect(await noticesOf([no('DAILY')])).toEqual([expect.objectContaining({ contractNo: no('DAILY'), taskStatus: 'open' })]);
	await waitForMail((m) => m.to.includes(customer.email) && m.subject.includes(no('DAILY')));
	const list = await waitForMail((m) => m.to.includes('manager@e2e.test') && m.subject.startsWith('合同到期清单') && m.text.includes(no('DAILY')));
	expect(list.text).toContain(customer.email);
});

/**
 * Contract expiry notices on every backend: one notice per contract and end date with gap-free
 * TZ- numbers, also when scans run at once in separate processes; cancelled and renewed
 * contracts get none; a lapsed contract is reported once; renewal makes the new contract and
 * closes the task; the board's list of contracts with a notice out.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { backends } from '../harness/backends';
import { Store } from '../../nodes/shared/store/store';
import { createCustomer } from '../../nodes/shared/store/registers/customers';
import { createContract } from '../../nodes/shared/store/registers/contracts';
import { contractsWithNoticeOut } from '../../nodes/shared/store/registers/contract-notices';
import { expiryNoticeOf, renewContract, scanExpiringContracts, type ExpiryScanResult } from '../../nodes/shared/services/contract-expiry';
import { NotFoundError, RuleViolation } from '../../nodes/shared/rules/errors';
import type { StoreConfig } from '../../nodes/shared/store/config';

const run = promisify(execFile);
const ZONE = 'Asia/Shanghai';
// 2027-01-31 08:00 in Shanghai (the scan's day is the workflow's day, not UTC's 2027-01-31 00:00).
const NOW = '2027-01-31T00:00:00.000Z';
const opts = (now = NOW) => ({ now, zone: ZONE, actor: 'test' });

for (const backend of backends()) {
	describe(`contract expiry on ${backend.name}`, () => {
		let config: StoreConfig;
		let store: Store;
		beforeEach(async () => {
			config = backend.fresh();
			store = await Store.open(config);
			await store.transaction(async (trx) => {
				const a = (await createCustomer(trx, { code: 'C1', name: '华东物业', phone: '13800000001', email: 'chen@example.com' }, NOW)).id;
				const b = (await createCustomer(trx, { code: 'C2', name: '没有邮箱', phone: '13800000002' }, NOW)).id;
				const k = (contractNo: string, customerId: number, endsOn: string, status: 'active' | 'cancelled' | 'renewed' = 'active') =>
					createContract(
						trx,
						{ contractNo, customer: { id: customerId }, kind: 'annual', startsOn: '2026-01-01', endsOn, feeFen: 120000, status },
						NOW,
					);
				await k('HT-FEB28', a, '2027-02-28'); // 28 Feb − 1 month = 28 Jan: due
				await k('HT-JAN31', b, '2027-01-31'); // ends today: due
				await k('HT-MAR01', a, '2027-03-01'); // 1 Feb: not yet
				await k('HT-CANCEL', a, '2027-02-10', 'cancelled');
				await k('HT-RENEWED', a, '2027-02-10', 'renewed');
				await k('HT-OLD', b, '2027-01-20'); // ended before any scan saw it: outside the scan
			});
		});
		afterEach(() => store.close());
		afterAll(() => backend.cleanup());

		test('a scan notices the due contracts once, numbered TZ- per day; a second scan notices none', async () => {
			const first = await scanExpiringContracts(store, opts());
			expect(first.today).toBe('2027-01-31');
			expect(first.range).toEqual({ from: '2027-01-31', to: '2027-02-28' });
			expect(first.noticed).toEqual([
				{
					contractNo: 'HT-JAN31',
					customerName: '没有邮箱',
					endsOn: '2027-01-31',
					noticeNumber: 'TZ-20270131-0001',
					customerEmail: null,
					customerSms: '13800000002',
					noticedOn: '2027-01-31',
				},
				{
					contractNo: 'HT-FEB28',
					customerName: '华东物业',
					endsOn: '2027-02-28',
					noticeNumber: 'TZ-20270131-0002',
					customerEmail: 'chen@example.com',
					customerSms: null,
					noticedOn: '2027-01-31',
				},
			]);
			expect(first.alreadyNoticed).toBe(0);
			expect(first.lapsed).toEqual([]);
			const second = await scanExpiringContracts(store, opts());
			expect(second.noticed).toEqual([]);
			expect(second.alreadyNoticed).toBe(2);
			expect(await store.db.selectFrom('expiryNotices').select('id').execute()).toHaveLength(2);
			const board = await store.transaction((trx) => contractsWithNoticeOut(trx, NOW));
			expect(board).toEqual([
				{
					contractNo: 'HT-JAN31',
					customerName: '没有邮箱',
					customerPhone: '13800000002',
					endsOn: '2027-01-31',
					noticeNumber: 'TZ-20270131-0001',
					noticedOn: '2027-01-31',
					taskStatus: 'open',
				},
				{
					contractNo: 'HT-FEB28',
					customerName: '华东物业',
					customerPhone: '13800000001',
					endsOn: '2027-02-28',
					noticeNumber: 'TZ-20270131-0002',
					noticedOn: '2027-01-31',
					taskStatus: 'open',
				},
			]);
		});

		test('the next day brings the next contract; the one that ended unrenewed is reported lapsed once', async () => {
			await scanExpiringContracts(store, opts());
			// 2027-02-01 in Shanghai: HT-MAR01 is due (1 March − 1 month = 1 February); HT-JAN31 ended yesterday.
			const next = await scanExpiringContracts(store, opts('2027-02-01T01:00:00.000Z'));
			expect(next.noticed.map((n) => [n.contractNo, n.noticeNumber])).toEqual([['HT-MAR01', 'TZ-20270201-0001']]);
			expect(next.alreadyNoticed).toBe(1);
			expect(next.lapsed).toEqual([
				{ contractNo: 'HT-JAN31', customerName: '没有邮箱', customerPhone: '13800000002', endsOn: '2027-01-31', noticeNumber: 'TZ-20270131-0001' },
			]);
			const again = await scanExpiringContracts(store, opts('2027-02-01T05:00:00.000Z'));
			expect(again.lapsed).toEqual([]);
			expect(again.noticed).toEqual([]);
			const board = await store.transaction((trx) => contractsWithNoticeOut(trx, NOW));
			expect(board.map((b) => b.contractNo)).toEqual(['HT-FEB28', 'HT-MAR01']);
		});

		test('renewal: the new contract -R1 from the day after, the old one renewed, the task closed', async () => {
			await scanExpiringContracts(store, opts());
			const { contract, renewed } = await renewContract(store, 'ht-feb28', { endsOn: '2028-02-29', visitFeeFen: 5000 }, opts());
			expect(contract).toMatchObject({
				contractNo: 'HT-FEB28-R1',
				kind: 'annual',
				startsOn: '2027-03-01',
				endsOn: '2028-02-29',
				feeFen: 120000,
				visitFeeFen: 5000,
				status: 'active',
				customerName: '华东物业',
			});
			expect(renewed).toMatchObject({ contractNo: 'HT-FEB28', status: 'renewed' });
			const task = await store.db.selectFrom('expiryNotices').selectAll().where('noticeNumber', '=', 'TZ-20270131-0002').executeTakeFirstOrThrow();
			expect(task).toMatchObject({ taskStatus: 'closed-renewed', renewedContractId: contract.id, taskClosedAt: NOW });
			expect((await store.transaction((trx) => contractsWithNoticeOut(trx, NOW))).map((b) => b.contractNo)).toEqual(['HT-JAN31']);
			// renewed once: a second renewal is refused, the new contract can be renewed in turn
			await expect(renewContract(store, 'HT-FEB28', { endsOn: '2029-02-28' }, opts())).rejects.toThrow(RuleViolation);
			const third = await renewContract(store, 'HT-FEB28-R1', { endsOn: '2029-02-28', feeFen: 130000 }, opts());
			expect(third.contract).toMatchObject({ contractNo: 'HT-FEB28-R2', startsOn: '2028-03-01', feeFen: 130000 });
			await expect(renewContract(store, 'HT-NONE', { endsOn: '2029-02-28' }, opts())).rejects.toThrow(NotFoundError);
			await expect(renewContract(store, 'HT-CANCEL', { endsOn: '2029-02-28' }, opts())).rejects.toThrow(/cancelled/);
			await expect(renewContract(store, 'HT-MAR01', { endsOn: '2027-03-01' }, opts())).rejects.toThrow(/not after the start 2027-03-02/);
		});

		test('a contract cancelled after its notice closes the task, no lapse reported', async () => {
			await scanExpiringContracts(store, opts());
			await store.db.updateTable('contracts').set({ status: 'cancelled' }).where('contractNo', '=', 'HT-JAN31').execute();
			const next = await scanExpiringContracts(store, opts('2027-02-02T01:00:00.000Z'));
			expect(next.lapsed).toEqual([]);
			const task = await store.db
				.selectFrom('expiryNotices')
				.select('taskStatus')
				.where('noticeNumber', '=', 'TZ-20270131-0001')
				.executeTakeFirstOrThrow();
			expect(task.taskStatus).toBe('closed-cancelled');
		});

		test('the notice page data: the latest notice; 404 without one or for an unknown contract', async () => {
			await scanExpiringContracts(store, opts());
			const v = await expiryNoticeOf(store, 'HT-FEB28');
			expect(v.notice.noticeNumber).toBe('TZ-20270131-0002');
			expect(v.customer.name).toBe('华东物业');
			await expect(expiryNoticeOf(store, 'HT-MAR01')).rejects.toThrow(/no expiry notice.*from 2027-02-01/);
			await expect(expiryNoticeOf(store, 'HT-NONE')).rejects.toThrow(NotFoundError);
		});

		test('scans at once from several processes: exactly one notice per contract, numbers without gaps', async () => {
			await store.close();
			const script = resolve(__dirname, 'fixtures/scan-contracts.js');
			const env = { ...process.env, STORE_CONFIG: JSON.stringify(config), SCANS: '3', NOW };
			const outputs = await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, [script], { env })));
			store = await Store.open(config);
			const results = outputs.flatMap((o) => JSON.parse(o.stdout) as ExpiryScanResult[]);
			expect(results).toHaveLength(12);
			const noticed = results.flatMap((r) => r.noticed.map((n) => n.contractNo)).sort();
			expect(noticed).toEqual(['HT-FEB28', 'HT-JAN31']);
			// every scan saw both contracts: noticed by itself or already by another
			for (const r of results) expect(r.noticed.length + r.alreadyNoticed).toBe(2);
			const rows = await store.db.selectFrom('expiryNotices').select(['noticeNumber', 'contractId']).orderBy('noticeNumber').execute();
			expect(rows.map((r) => r.noticeNumber)).toEqual(['TZ-20270131-0001', 'TZ-20270131-0002']);
			// The customer without email (a mobile on file) gets one expiry SMS, however many scans ran.
			const sms = await store.db.selectFrom('outbox').select(['messageKey', 'recipient']).where('channel', '=', 'sms').execute();
			expect(sms).toEqual([{ messageKey: 'expiry:HT-JAN31:2027-01-31', recipient: '13800000002' }]);
		});

		test('the unique constraint refuses a second notice for the same contract and end date', async () => {
			await scanExpiringContracts(store, opts());
			const n = await store.db.selectFrom('expiryNotices').selectAll().executeTakeFirstOrThrow();
			const { id: _id, ...copy } = n;
			await expect(
				store.transaction((trx) =>
					trx
						.insertInto('expiryNotices')
						.values({ ...copy, noticeNumber: 'TZ-20270131-0099' })
						.execute(),
				),
				// PostgreSQL names the constraint, SQLite its columns: ux_expiry_notices_contract_end (migration 20) either way.
			).rejects.toThrow(/ux_expiry_notices_contract_end|UNIQUE constraint failed: expiry_notices\.contract_id, expiry_notices\.ends_on/);
		});
	});
}

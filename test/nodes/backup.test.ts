/**
 * The Register's Store Data → Back Up the Store on n8n's real engine, on every backend: one item
 * whatever the input, the file in the folder given, only the newest `Keep Last` kept, and the
 * newest restores to a store holding the ticket made before; a relative folder or a keep of 0 is
 * a field error and writes nothing.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { backends } from '../harness/backends';
import { TYPES, chain, closePackageStores, runWorkflow, storeNode as node, withItems } from '../harness/engine';
import { closeAllStores, Store } from '../../nodes/shared/store/store';
import { restoreStore } from '../../nodes/shared/store/restore';

const backUp = (extra: IDataObject = {}) =>
	node('Op', TYPES.register, { resource: 'store', operation: 'backUp', ...extra }, { onError: 'continueRegularOutput' });

for (const backend of backends()) {
	describe(`Back Up the Store on ${backend.name}`, () => {
		let credentials: Record<string, Record<string, string | number | boolean>>;
		let ticketNumber: string;
		beforeAll(async () => {
			credentials = { afterSalesStore: backend.credential(backend.fresh()) };
			const wf = withItems(
				[{ customerName: '备份物业', phone: '13800000001', address: '上海市徐汇区', siteSituation: '空调不制冷' }],
				chain(node('Create', TYPES.createTicket, {})),
			);
			ticketNumber = String((await runWorkflow(wf, credentials)).output('Create')[0].json.ticketNumber);
		});
		afterAll(async () => {
			await closeAllStores();
			await closePackageStores();
			await backend.cleanup();
		});

		test('one item for two inputs; the newest Keep Last kept; the newest restores the ticket', async () => {
			const folder = mkdtempSync(join(tmpdir(), 'after-sales-nightly-'));
			const outputs = [];
			for (let run = 0; run < 3; run++) {
				const out = (await runWorkflow(withItems([{}, {}], chain(backUp({ folder, keep: 2 }))), credentials)).output('Op');
				expect(out).toHaveLength(1);
				outputs.push(out[0].json);
				await new Promise((r) => setTimeout(r, 5));
			}
			const files = readdirSync(folder).sort();
			expect(files).toHaveLength(2);
			expect(files.every((f) => /^after-sales-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.backup\.gz$/.test(f))).toBe(true);
			const last = outputs[2];
			expect(last).toMatchObject({ file: join(folder, files[1]), kept: files.map((f) => join(folder, f)), removed: [outputs[0].file] });
			expect(last.tables).toBeGreaterThan(30);
			expect(last.rows).toBeGreaterThan(3);

			const target = backend.fresh();
			await restoreStore(String(last.file), target);
			const store = await Store.open(target);
			try {
				const tickets = await store.db.selectFrom('tickets').select('ticketNumber').execute();
				expect(tickets.map((t) => t.ticketNumber)).toEqual([ticketNumber]);
			} finally {
				await store.close();
			}
		}, 60_000);

		test('a relative folder, or keep 0: a field error, nothing written', async () => {
			const relative = (await runWorkflow(withItems([{}], chain(backUp({ folder: 'backups' }))), credentials)).output('Op');
			expect(relative[0].json.error).toMatch(/Backup folder \(备份目录\): "backups" is not an absolute path/);
			const folder = mkdtempSync(join(tmpdir(), 'after-sales-nightly-'));
			const none = (await runWorkflow(withItems([{}], chain(backUp({ folder, keep: 0 }))), credentials)).output('Op');
			expect(none[0].json.error).toMatch(/Keep last \(保留份数\): "0" is not a whole number of 1 or more/);
			expect(readdirSync(folder)).toEqual([]);
		});
	});
}

/**
 * The nightly backup on the live installation (issue 20): `workflows/nightly-backup.json` run once
 * from its trigger with n8n's own CLI, as at 02:00, writes a backup into the user folder's
 * after-sales-backups; that file restores into a new store holding the ticket reported before,
 * with the same link-signing secret (links sent before a restore still open).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../nodes/shared/store/store';
import { listBackups, readBackup } from '../../nodes/shared/store/backup-file';
import { restoreStore } from '../../nodes/shared/store/restore';
import { surveySigner } from '../../nodes/shared/store/secrets';
import { openStore, postWebhook, runWorkflow, state } from './server';

test('the nightly backup writes a file that restores the store, its tickets and its signing secret', async () => {
	const res = await postWebhook('repairs', { customerName: '备份物业', phone: '13300000077', address: '上海市', siteSituation: '备份前的报修' });
	expect(res.status).toBe(201);
	const ticketNumber = String(res.json.ticketNumber);
	const folder = join(state().userFolder, '.n8n', 'after-sales-backups');
	const before = listBackups(folder);
	await runWorkflow('afterSalesBackup01');
	const after = listBackups(folder);
	expect(after.length).toBe(before.length + 1);
	const file = after[after.length - 1];
	expect(readBackup(file).manifest.tables.tickets.rows).toBeGreaterThanOrEqual(1);

	const target = { backend: 'sqlite' as const, file: join(mkdtempSync(join(tmpdir(), 'after-sales-restored-')), 'store.sqlite') };
	await restoreStore(file, target);
	const restored = await Store.open(target);
	const live = await openStore();
	try {
		const found = await restored.db.selectFrom('tickets').select('ticketNumber').where('ticketNumber', '=', ticketNumber).execute();
		expect(found).toHaveLength(1);
		expect((await surveySigner(restored.db))('HF-20261205-0001')).toBe((await surveySigner(live.db))('HF-20261205-0001'));
	} finally {
		await restored.close();
		await live.close();
	}
});

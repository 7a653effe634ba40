/**
 * Back Up the Store (数据备份): a consistent snapshot of the whole store — every table, the
 * counters and the store's secrets — into one file named by the time, in the backup folder
 * (default `<user folder>/.n8n/after-sales-backups`), keeping the newest `Keep Last` backups there.
 * The shipped workflow `nightly-backup.json` runs it at 02:00. One item whatever the input:
 * `{ file, bytes, tables, rows, schemaVersion, createdAt, kept, removed }`. Writers go on meanwhile.
 * `npm run restore -- FILE` (n8n stopped) brings a backup back.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type BatchOperation } from '../../../shared/n8n/operations';
import { pairedToAll, numberParameter, textParameter } from '../../../shared/n8n/per-item';
import { numberProperty, stringProperty } from '../../../shared/n8n/properties';
import { backupInto } from '../../../shared/store/backup';
import { listBackups } from '../../../shared/store/backup-file';
import { defaultBackupDir } from '../../../shared/store/config';
import { fieldError } from '../../../shared/rules/errors';

export const DEFAULT_KEEP_BACKUPS = 14;

/** An absolute path on POSIX or Windows. */
const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export const { description, executeBatch }: BatchOperation = {
	description: forOperation('store', 'backUp', [
		stringProperty('folder', 'Backup Folder (备份目录)', '', {
			placeholder: '/home/n8n/.n8n/after-sales-backups',
			description:
				'An absolute folder on the machine that runs the workflow (in queue mode: the worker). Empty: after-sales-backups in the n8n user folder.',
		}),
		numberProperty('keep', 'Keep Last (保留份数)', DEFAULT_KEEP_BACKUPS, {
			typeOptions: { minValue: 1 },
			description: 'How many backups to keep in the folder; older ones are deleted after a new one is written',
		}),
	]),
	async executeBatch(store) {
		const given = textParameter(this, 'folder', 0, '');
		if (given && !ABSOLUTE.test(given)) {
			throw fieldError(
				'folder',
				`Backup folder (备份目录): "${given}" is not an absolute path; expected e.g. /home/n8n/backups, or empty for the default`,
			);
		}
		const keep = numberParameter(this, 'keep', 0, DEFAULT_KEEP_BACKUPS, { label: 'Keep last (保留份数)', min: 1, whole: true });
		const folder = given || defaultBackupDir();
		const r = await backupInto(store, folder, keep);
		const json: IDataObject = {
			file: r.file,
			bytes: r.bytes,
			tables: Object.keys(r.manifest.tables).length,
			rows: Object.values(r.manifest.tables).reduce((s, t) => s + t.rows, 0),
			schemaVersion: r.manifest.schemaVersion,
			createdAt: r.manifest.createdAt,
			store: r.manifest.source,
			kept: listBackups(folder),
			removed: r.removed,
		};
		return [{ json, pairedItem: pairedToAll(this) }];
	},
};

/**
 * List Messages (发件箱列表, `GET outbox?status=`): the outbox's messages, newest first, one item
 * each as RECORDS gives them — `{ id, channel, to, kind, subject, attempts, lastError, status,
 * createdAt, sentAt }` — all, or of one status (failed: the ones given up, for the manager).
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { booleanProperty, numberProperty, stringProperty } from '../../../shared/n8n/properties';
import { limitParameter } from '../../../shared/n8n/per-item';
import { parseOutboxStatus } from '../../../shared/rules/outbox';
import { listMessages } from '../../../shared/store/registers/outbox';
import { outboxView } from '../../../shared/services/outbox';

export const { description, execute }: Operation = {
	description: forOperation('outbox', 'list', [
		stringProperty('status', 'Status', '', { description: 'pending, sent, failed or skipped; empty for all', placeholder: 'failed' }),
		booleanProperty('returnAll', 'Return All', false, { description: 'Whether to return all results or only up to a given limit' }),
		numberProperty('limit', 'Limit', 50, {
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		}),
	]),
	async execute(i, store) {
		const status = parseOutboxStatus(this.getNodeParameter('status', i, ''));
		const limit = limitParameter(this, i);
		const rows = await store.transaction((trx) => listMessages(trx, { status, limit }));
		return rows.map((r) => outboxView(r) as IDataObject);
	},
};

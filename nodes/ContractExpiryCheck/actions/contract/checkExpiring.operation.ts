/**
 * Check Expiring Contracts (合同到期检查): the scan the daily schedule runs (P13). One summary item
 * — `{ noticed, alreadyNoticed, lapsed, … }` — whatever the input, also when nothing was due, so a
 * workflow goes on (answer the webhook, email the manager). The customers' emails take `noticed`.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type BatchOperation } from '../../../shared/n8n/operations';
import { scanExpiringContracts } from '../../../shared/services/contract-expiry';
import { checkNoticeWindow, DEFAULT_NOTICE_WINDOW_MONTHS, MAX_NOTICE_WINDOW_MONTHS } from '../../../shared/rules/contract-expiry';
import { pairedToAll } from '../../../shared/n8n/per-item';
import { actorProperty, clock, readActor } from '../../../shared/n8n/context';
import { numberProperty } from '../../../shared/n8n/properties';

export const { description, executeBatch }: BatchOperation = {
	description: forOperation('contract', 'checkExpiring', [
		numberProperty('noticeWindowMonths', 'Notice Window (Months) (提前通知月数)', DEFAULT_NOTICE_WINDOW_MONTHS, {
			typeOptions: { minValue: 1, maxValue: MAX_NOTICE_WINDOW_MONTHS },
			description:
				'A contract gets its expiry notice from the same day this many calendar months before it ends (31 March: from 28/29 February). P13 says one month.',
		}),
		actorProperty({ default: 'daily contract check', description: 'Who does this; kept with the record' }),
	]),
	async executeBatch(store) {
		const windowMonths = checkNoticeWindow(this.getNodeParameter('noticeWindowMonths', 0, DEFAULT_NOTICE_WINDOW_MONTHS));
		const c = clock(this);
		const r = await scanExpiringContracts(store, { now: c.now, zone: c.zone, actor: readActor(this, 0, 'daily contract check'), windowMonths });
		const withoutEmail = r.noticed.filter((n) => n.customerEmail === null).map((n) => n.contractNo);
		return [{ json: { ...(r as unknown as IDataObject), windowMonths, withoutEmail }, pairedItem: pairedToAll(this) }];
	},
};

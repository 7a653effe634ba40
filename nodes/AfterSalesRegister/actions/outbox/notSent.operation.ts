/**
 * Messages Not Sent (发送失败的消息, issue 19): one item for the manager's daily email — the messages
 * the outbox gave up in the last `hours` (24 by default): `{ count, since, until, line, text,
 * messages }`. `line` is the daily line ("昨日发送失败的消息 N 条 / N messages not sent in the last 24 h
 * — see GET outbox?status=failed"), empty when none; `text` the line with each message (newest
 * first, at most 50, then "还有 N 条 / N more"); `messages` as `GET outbox` gives them.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { numberProperty } from '../../../shared/n8n/properties';
import { nowIso } from '../../../shared/n8n/per-item';
import { fieldError, shown } from '../../../shared/rules/errors';
import { DAILY_NOT_SENT_HOURS, notSentLine, notSentText, notSentWindow } from '../../../shared/rules/outbox';
import { messagesNotSent } from '../../../shared/store/registers/outbox';

/** The messages the item lists at most (the count is of all). */
const LISTED = 50;

export const { description, execute }: Operation = {
	description: forOperation('outbox', 'notSent', [
		numberProperty('hours', 'Given Up in the Last (Hours)', DAILY_NOT_SENT_HOURS, {
			typeOptions: { minValue: 1, maxValue: 720 },
			description: 'The messages given up (failed) in this many hours before now are counted and listed',
		}),
	]),
	async execute(i, store) {
		const hours = this.getNodeParameter('hours', i, DAILY_NOT_SENT_HOURS) as unknown;
		if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > 720) {
			throw fieldError('hours', `Given up in the last (hours): ${shown(hours)} is not allowed; expected a whole number from 1 to 720`);
		}
		const now = nowIso();
		const window = notSentWindow(now, { failedHours: hours });
		const { rows, total } = await store.transaction((trx) => messagesNotSent(trx, { ...window, limit: LISTED }));
		const messages = rows.map((r) => ({
			id: r.id,
			channel: r.channel,
			to: r.recipient,
			kind: r.kind,
			subject: r.subject,
			ticketNumber: r.ticketNumber,
			attempts: r.attempts,
			lastError: r.lastError,
			status: r.status,
			createdAt: r.createdAt,
			failedAt: r.updatedAt,
		}));
		return {
			count: total,
			since: window.failedSince,
			until: now,
			line: notSentLine(total, hours),
			text: notSentText(rows, total, this.getTimezone(), hours),
			messages: messages as unknown as IDataObject[],
		};
	},
};

/**
 * Send Due Messages (发送到期消息): one run of the outbox's sender. Claims the messages that are due,
 * sends the staff groups' (WeCom, DingTalk, Feishu) and the customers' SMS itself with the
 * After-Sales Channels credential, and outputs one item per email claimed — `{ outboxId,
 * claimToken, to, subject, text, html, attachments }` with the files as binary — for n8n's Send
 * Email node, after which Record Email Outcome records it. With email off the emails are recorded
 * as skipped here. A channel not set: its messages are skipped and the run says so.
 */
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';
import { forOperation, type BatchOperation } from '../../../shared/n8n/operations';
import { booleanProperty, numberProperty } from '../../../shared/n8n/properties';
import { nowIso, pairedToAll } from '../../../shared/n8n/per-item';
import { recordEmailOutcome, sendDueMessages, OUTBOX_BATCH } from '../../../shared/services/outbox';
import { fieldError, shown } from '../../../shared/rules/errors';
import type { EmailPayload } from '../../../shared/rules/outbox';
import type { FetchLike } from '../../../shared/channels/send';
import { channelsFor, tell } from './common';

const globalFetch: FetchLike = async (url, init) => await fetch(url, init);

export const { description, executeBatch }: BatchOperation = {
	description: forOperation('outbox', 'send', [
		booleanProperty('emailEnabled', 'Email On (邮件开启)', true, {
			description: 'Whether emails are handed on to Send Email; off: they are recorded as skipped (email is off)',
		}),
		booleanProperty('retryNow', 'Retry Now (立即重试)', false, {
			description: 'Whether every pending message is made due now first, backoff or not (POST outbox/retry)',
		}),
		booleanProperty('summaryItem', 'Output a Run Summary Item', false, {
			description: "Whether the first item out is the run's summary ({ run: { claimToken, sent, failed, skipped } }) before the emails",
		}),
		numberProperty('limit', 'Messages per Run', OUTBOX_BATCH, {
			typeOptions: { minValue: 1, maxValue: 1000 },
			description: 'At most this many messages are taken by one run; the rest wait for the next',
		}),
	]),
	async executeBatch(store) {
		const limit = this.getNodeParameter('limit', 0, OUTBOX_BATCH) as unknown;
		if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
			throw fieldError('limit', `Messages per run: ${shown(limit)} is not allowed; expected a whole number from 1 to 1000`);
		}
		const emailEnabled = this.getNodeParameter('emailEnabled', 0, true) === true;
		const retryNow = this.getNodeParameter('retryNow', 0, false) === true;
		const summaryItem = this.getNodeParameter('summaryItem', 0, false) === true;
		const { channels, problems } = await channelsFor(this);
		const run = await sendDueMessages(store, { channels, problems, fetch: globalFetch, clock: nowIso, retryNow, limit });
		const notes = [...problems.map((p) => `渠道设置有误 (channel setting): ${p}`), ...run.notes];
		const paired = pairedToAll(this);
		const out: INodeExecutionData[] = [];
		let emailsOff = 0;
		for (const row of run.emails) {
			if (!emailEnabled) {
				await recordEmailOutcome(store, { id: row.id, token: run.token, outcome: { off: true }, now: nowIso() });
				emailsOff++;
				continue;
			}
			let payload: EmailPayload;
			try {
				payload = JSON.parse(row.payload) as EmailPayload;
			} catch {
				await recordEmailOutcome(store, { id: row.id, token: run.token, outcome: { ok: false, error: 'the payload is not JSON' }, now: nowIso() });
				continue;
			}
			const binary: Record<string, IBinaryData> = {};
			const names: string[] = [];
			for (const [k, a] of (payload.attachments ?? []).entries()) {
				const name = `attachment${k}`;
				binary[name] = await this.helpers.prepareBinaryData(Buffer.from(a.base64, 'base64'), a.filename, a.contentType);
				names.push(name);
			}
			out.push({
				json: {
					outboxId: row.id,
					claimToken: run.token,
					kind: row.kind,
					to: row.recipient,
					subject: row.subject,
					text: payload.text,
					html: payload.html ?? '',
					emailFormat: payload.html ? 'both' : 'text',
					attachments: names.join(','),
					ticketId: row.ticketId,
				},
				...(names.length ? { binary } : {}),
				pairedItem: paired,
			});
		}
		if (emailsOff) notes.push(`${emailsOff} 封邮件未发送：邮件未开启 (emails skipped: email is off; set AFTER_SALES_SMTP_HOST)`);
		tell(this, notes);
		if (summaryItem) {
			const c = run.counts;
			out.unshift({
				json: {
					run: { claimToken: run.token, sent: c.sent, failed: c.failed + c.pending, skipped: c.skipped + emailsOff, emails: out.length, notes },
				},
				pairedItem: paired,
			});
		}
		return out;
	},
};

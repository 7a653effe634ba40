/**
 * Record Email Outcome (记录邮件结果): after n8n's Send Email node, what became of an outbox email —
 * sent, or not sent with the error (tried again after the backoff, given up after 24 hours).
 * Recorded only with the claim token of the run that took the message; another run's token
 * records nothing (`recorded: false`).
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { optionsProperty, stringProperty } from '../../../shared/n8n/properties';
import { nowIso, numberParameter, textParameter } from '../../../shared/n8n/per-item';
import { fieldError } from '../../../shared/rules/errors';
import { outboxView, recordEmailOutcome } from '../../../shared/services/outbox';

export const { description, execute }: Operation = {
	description: forOperation('outbox', 'recordEmail', [
		stringProperty('outboxId', 'Message ID', '={{ $json.outboxId }}', {
			description: 'The outbox message the email was, as Send Due Messages gave it',
		}),
		stringProperty('claimToken', 'Claim Token', '={{ $json.claimToken }}', { description: 'The claim token Send Due Messages gave with it' }),
		optionsProperty(
			'outcome',
			'Outcome',
			[
				['Sent', 'sent', 'Send Email sent it'],
				['Failed', 'failed', 'Send Email failed (its error output): tried again later'],
			],
			'sent',
		),
		stringProperty('error', 'Error', '={{ $json.error?.message ?? $json.error }}', {
			description: 'Why it was not sent, as Send Email said',
			displayOptions: { show: { outcome: ['failed'] } },
		}),
	]),
	async execute(i, store) {
		const id = numberParameter(this, 'outboxId', i, '', {
			label: 'Message ID',
			min: 1,
			whole: true,
			hint: 'expected the outboxId of Send Due Messages',
		});
		const token = textParameter(this, 'claimToken', i);
		if (!token) throw fieldError('claimToken', 'Claim token: is empty; expected the claimToken of Send Due Messages');
		const outcome = this.getNodeParameter('outcome', i, 'sent') as string;
		if (outcome !== 'sent' && outcome !== 'failed') throw fieldError('outcome', 'Outcome: expected sent or failed');
		const error = outcome === 'failed' ? textParameter(this, 'error', i, 'unknown error') || 'unknown error' : '';
		const r = await recordEmailOutcome(store, { id, token, outcome: outcome === 'sent' ? { ok: true } : { ok: false, error }, now: nowIso() });
		return { ...(r.row ? (outboxView(r.row) as IDataObject) : { id }), recorded: r.recorded };
	},
};

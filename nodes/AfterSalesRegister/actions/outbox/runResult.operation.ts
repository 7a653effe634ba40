/**
 * Run Result (本次结果, the answer of `POST outbox/retry`): what the run holding a claim token did —
 * `{ sent, failed }` (failed: not sent, whether it waits for its next attempt or was given up), with
 * `skipped` (no channel set) and `waiting` (of the failed, those tried again later).
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { stringProperty } from '../../../shared/n8n/properties';
import { textParameter } from '../../../shared/n8n/per-item';
import { fieldError } from '../../../shared/rules/errors';
import { runResult } from '../../../shared/services/outbox';

export const { description, execute }: Operation = {
	description: forOperation('outbox', 'runResult', [
		stringProperty('claimToken', 'Claim Token', '={{ $json.run?.claimToken ?? $json.claimToken }}', {
			description: "The run's claim token, as Send Due Messages gave it",
		}),
	]),
	async execute(i, store) {
		const token = textParameter(this, 'claimToken', i);
		if (!token) throw fieldError('claimToken', "Claim token: is empty; expected the run's claimToken of Send Due Messages");
		return { ...(await runResult(store, token)) };
	},
};

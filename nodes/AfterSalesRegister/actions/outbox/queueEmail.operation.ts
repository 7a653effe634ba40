/**
 * Queue Email (放入发件箱): a workflow's own email (a scan's digest) written to the outbox instead
 * of sent by Send Email at once — then sent by the outbox's sender (Send the messages now), tried
 * again after the backoff, given up after 24 hours and listed. Once per Message Key: the same key
 * again (a retried run) queues nothing and says `queued: false`.
 */
import type { IBinaryData } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { stringProperty } from '../../../shared/n8n/properties';
import { nowIso, textParameter } from '../../../shared/n8n/per-item';
import { fieldError } from '../../../shared/rules/errors';
import type { EmailAttachment } from '../../../shared/rules/outbox';
import { queuedEmailMessage } from '../../../shared/rules/outbox-messages';
import { queueEmail } from '../../../shared/services/outbox';

export const { description, execute }: Operation = {
	description: forOperation('outbox', 'queueEmail', [
		stringProperty('toEmail', 'To (收件人)', '', {
			required: true,
			placeholder: 'manager@example.com',
			description: 'The email address(es), several separated by commas',
		}),
		stringProperty('subject', 'Subject (主题)', ''),
		stringProperty('text', 'Text (正文)', '', { typeOptions: { rows: 5 } }),
		stringProperty('html', 'HTML', '', { typeOptions: { rows: 5 }, description: 'The email as HTML too (optional)' }),
		stringProperty('messageKey', 'Message Key (消息键)', '', {
			required: true,
			placeholder: "={{ 'cash-list-email:' + $json.day }}",
			description: 'Names the email once: a key already queued queues nothing (a retried run sends no second email)',
		}),
		stringProperty('attachments', 'Attachments', '', {
			placeholder: 'data, report',
			description: 'Binary properties of the item to attach, separated by commas (optional)',
		}),
	]),
	async execute(i, store) {
		const names = textParameter(this, 'attachments', i)
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		const attachments: EmailAttachment[] = [];
		for (const name of names) {
			const file = this.getInputData()[i]?.binary?.[name] as IBinaryData | undefined;
			if (!file) throw fieldError('attachments', `Attachments: the item has no file "${name}"; expected the name of a binary property of the item`);
			const bytes = await this.helpers.getBinaryDataBuffer(i, name);
			attachments.push({ filename: file.fileName ?? name, contentType: file.mimeType, base64: bytes.toString('base64') });
		}
		const message = queuedEmailMessage({
			to: textParameter(this, 'toEmail', i),
			subject: textParameter(this, 'subject', i),
			text: textParameter(this, 'text', i),
			html: textParameter(this, 'html', i),
			key: textParameter(this, 'messageKey', i),
			attachments,
		});
		const queued = await queueEmail(store, message, nowIso());
		return { queued, key: message.key };
	},
};

/** The Register's Outbox resource (发件箱): send what is due, queue an email, record an email's outcome, list, a run's result, the messages not sent. */
import type { ResourceDef } from '../../../shared/n8n/operations';
import * as outboxSend from './send.operation';
import * as outboxRecordEmail from './recordEmail.operation';
import * as outboxList from './list.operation';
import * as outboxRunResult from './runResult.operation';
import * as outboxNotSent from './notSent.operation';
import * as outboxQueueEmail from './queueEmail.operation';

export const OUTBOX_RESOURCE: ResourceDef = {
	name: 'Outbox (发件箱)',
	defaultOperation: 'send',
	operations: [
		{
			value: 'send',
			name: 'Send Due Messages',
			description: 'Claim the messages due: staff groups and SMS sent here, one item per email for Send Email (发送到期消息)',
			action: 'Send the due messages',
			module: outboxSend,
		},
		{
			value: 'queueEmail',
			name: 'Queue Email',
			description: 'Write an email to the outbox, once per key, for the sender to send and retry (放入发件箱)',
			action: 'Queue an email',
			module: outboxQueueEmail,
		},
		{
			value: 'recordEmail',
			name: 'Record Email Outcome',
			description: 'After Send Email: sent, or failed and tried again later (记录邮件结果)',
			action: 'Record an email outcome',
			module: outboxRecordEmail,
		},
		{
			value: 'list',
			name: 'List Messages',
			description: 'The messages of one status or all, newest first (发件箱列表)',
			action: 'List outbox messages',
			module: outboxList,
		},
		{
			value: 'runResult',
			name: 'Run Result',
			description: 'What one run did: sent and failed (本次结果)',
			action: 'Get the result of a run',
			module: outboxRunResult,
		},
		{
			value: 'notSent',
			name: 'Messages Not Sent',
			description: "The messages given up in the last hours, for the manager's daily email (发送失败的消息)",
			action: 'List the messages not sent',
			module: outboxNotSent,
		},
	],
};

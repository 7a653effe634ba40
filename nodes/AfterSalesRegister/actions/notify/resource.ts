/** The Register's Notify resource (通知): tell the staff groups at once, without the outbox or the store. */
import type { ResourceDef } from '../../../shared/n8n/operations';
import * as notifyStaffNow from './staffNow.operation';

export const NOTIFY_RESOURCE: ResourceDef = {
	name: 'Notify (通知)',
	defaultOperation: 'staffNow',
	operations: [
		{
			value: 'staffNow',
			name: 'Tell Staff Groups Now',
			description: 'Send a message to the staff group robots at once, without the outbox or the store (立即通知员工群)',
			action: 'Tell the staff groups now',
			module: notifyStaffNow,
		},
	],
};

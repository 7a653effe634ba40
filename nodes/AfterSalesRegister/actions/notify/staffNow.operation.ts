/**
 * Tell the staff groups now (立即通知员工群, issue 19 item 5): one staff message an item, sent at
 * once to every robot of the After-Sales Channels credential (WeCom, DingTalk, Feishu), NOT through
 * the outbox and without opening the store — the error workflow calls it when a workflow failed,
 * and the store may be what failed. Without a robot set the item says nothing was sent and why; a
 * robot that refuses or is down is reported in the item, not thrown, so the email of the same
 * failure still goes.
 *
 * Kind `workflow-failed` takes the Error Trigger's fields (their defaults read them from the
 * Error Trigger's item); any other kind takes a summary and one record's fields.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type StorelessOperation } from '../../../shared/n8n/operations';
import { collectionParameter, textParameter } from '../../../shared/n8n/per-item';
import { channelsFor } from '../../../shared/n8n/channels-access';
import { optionsProperty, stringProperty } from '../../../shared/n8n/properties';
import { STAFF_KINDS, STAFF_KIND_TITLES, type StaffItem, type StaffKind, type StaffMessage } from '../../../shared/channels/markdown';
import { workflowFailedMessage } from '../../../shared/channels/workflow-failed';
import { sendStaffNow } from '../../../shared/services/staff-now';
import type { FetchLike } from '../../../shared/channels/send';
import { fieldError, shown } from '../../../shared/rules/errors';

const failed = { displayOptions: { show: { kind: ['workflow-failed'] } } };
const other = { displayOptions: { hide: { kind: ['workflow-failed'] } } };

const ITEM_FIELDS: Array<[keyof StaffItem, string, string]> = [
	['ticket', 'Record Number (单号)', 'The ticket, complaint, contract or invoice number'],
	['customer', 'Customer (客户)', ''],
	['address', 'Address (地址)', ''],
	['technician', 'Technician (技术员)', ''],
	['due', 'Due (期限)', 'As staff read it, e.g. 2026-12-05 17:00'],
	['amount', 'Amount (金额)', 'As shown, e.g. ¥1280.50'],
	['text', 'Text (内容)', 'The fault, the complaint, the notice'],
	['link', 'Link (链接)', 'An http(s) address, e.g. the signed document link'],
];

/** The global fetch of Node.js; each send has its own AbortSignal.timeout (channels/send.ts). */
const globalFetch: FetchLike = async (url, init) => await fetch(url, init);

function kindOf(value: unknown): StaffKind {
	if (typeof value === 'string' && (STAFF_KINDS as readonly string[]).includes(value)) return value as StaffKind;
	throw fieldError('kind', `Kind (类型): ${shown(value)} is not a staff message kind; expected one of ${STAFF_KINDS.join(', ')}`);
}

export const { description, executeWithoutStore }: StorelessOperation = {
	description: forOperation('notify', 'staffNow', [
		optionsProperty(
			'kind',
			'Kind (类型)',
			STAFF_KINDS.map((k) => [`${STAFF_KIND_TITLES[k]} (${k})`, k] as const),
			'workflow-failed',
			{ description: 'What the message is about: its heading in the group' },
		),
		stringProperty('workflowName', 'Workflow Name (工作流)', '={{ $json.workflow?.name }}', {
			...failed,
			description: 'The failed workflow; by default from the Error Trigger',
		}),
		stringProperty('failedNode', 'Failed Node (失败节点)', '={{ $json.execution?.lastNodeExecuted }}', {
			...failed,
			description: 'The node the run stopped at; by default from the Error Trigger',
		}),
		stringProperty('errorMessage', 'Error Message (错误)', '={{ $json.execution?.error?.message ?? $json.trigger?.error?.message }}', {
			...failed,
			description: "The error's message; by default from the Error Trigger",
		}),
		stringProperty('executionUrl', 'Execution Link (执行记录)', '={{ $json.execution?.url }}', {
			...failed,
			description: "The failed execution's page in the editor; by default from the Error Trigger",
		}),
		stringProperty('summary', 'Summary (摘要)', '', { ...other, description: 'A line under the heading, e.g. 共 3 张' }),
		{
			displayName: 'Record',
			name: 'record',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			...other,
			description: 'The record the message is about',
			options: ITEM_FIELDS.map(([name, displayName, about]) => ({
				displayName,
				name,
				type: 'string',
				default: '',
				...(about ? { description: about } : {}),
			})),
		},
	]),
	async executeWithoutStore(i) {
		const kind = kindOf(this.getNodeParameter('kind', i, 'workflow-failed'));
		let message: StaffMessage;
		if (kind === 'workflow-failed') {
			message = workflowFailedMessage({
				workflowName: textParameter(this, 'workflowName', i),
				failedNode: textParameter(this, 'failedNode', i),
				errorMessage: textParameter(this, 'errorMessage', i),
				executionUrl: textParameter(this, 'executionUrl', i),
			});
		} else {
			const fields = collectionParameter(this, 'record', i);
			const item: StaffItem = {};
			for (const [name] of ITEM_FIELDS) {
				const v = fields[name];
				if (v !== undefined && v !== null && String(v).trim() !== '') item[name] = String(v).trim();
			}
			const summary = textParameter(this, 'summary', i);
			message = { kind, ...(summary ? { summary } : {}), items: Object.keys(item).length ? [item] : [] };
		}
		const { attached, channels, problems } = await channelsFor(this);
		const result = await sendStaffNow(channels, message, globalFetch, new Date());
		const nothingSent =
			result.nothingSent && !attached
				? `${result.nothingSent} (此节点未附加通知渠道凭据 this node has no After-Sales Channels credential)`
				: result.nothingSent;
		return {
			kind,
			...result,
			...(nothingSent ? { nothingSent } : {}),
			...(problems.length ? { problems } : {}),
		} as unknown as IDataObject;
	},
};

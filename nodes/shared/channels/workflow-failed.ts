/**
 * The staff message of a failed workflow run (issue 19 item 5), pure: what n8n's Error Trigger
 * tells of a failed execution — the workflow's name, the node that failed, the error's message
 * and the link to the execution — as one urgent `workflow-failed` message for the group robots.
 */
import type { StaffMessage } from './markdown';

export interface WorkflowFailure {
	/** The failed workflow's name, e.g. "Daily dispatch at 08:00 (每日派工)". */
	workflowName?: string;
	/** The node the run stopped at (the Error Trigger's `execution.lastNodeExecuted`). */
	failedNode?: string;
	/** The error's message. */
	errorMessage?: string;
	/** The execution's page in the editor (the Error Trigger's `execution.url`). */
	executionUrl?: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v).trim());

/** One message, one item: the workflow in bold, the failed node and the error, the execution's link. */
export function workflowFailedMessage(failure: WorkflowFailure): StaffMessage {
	const node = text(failure.failedNode);
	const error = text(failure.errorMessage) || '未知错误 (unknown error)';
	return {
		kind: 'workflow-failed',
		summary: '请查看执行记录并处理 (a workflow run failed: open the execution to see why)',
		items: [
			{
				ticket: text(failure.workflowName) || '未命名工作流 (unnamed workflow)',
				text: node ? `节点「${node}」：${error}` : error,
				link: text(failure.executionUrl) || undefined,
				linkLabel: '查看执行记录',
			},
		],
	};
}

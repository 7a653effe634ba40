/**
 * Manual mode (经理派工): the manager's decision for one ticket — assign, reassign before the visit,
 * or cancel with a reason; capacity forced only with a reason. The webhook and the dispatch form
 * both run this.
 */
import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { readLocator } from '../shared/n8n/locator';
import { readTicketNumber } from '../shared/n8n/record-numbers';
import type { DispatchContext } from '../shared/services/dispatch-run';
import type { Store } from '../shared/store/store';
import { fieldError } from '../shared/rules/errors';
import type { DispatchWeights } from '../shared/rules/dispatch';
import { readDecision } from '../shared/rules/manager-dispatch';
import { normalizeMainlandPhone } from '../shared/rules/phone';
import { decideDispatch } from '../shared/services/manager-dispatch';

const MANUAL = { show: { mode: ['manual'] } };

export const manualProperties: INodeProperties[] = [
	{
		displayName: 'Action (操作)',
		name: 'decision',
		type: 'options',
		options: [
			{ name: 'Assign (派工)', value: 'assign', description: 'An undispatched ticket to the technician chosen' },
			{ name: 'Reassign (改派)', value: 'reassign', description: 'A dispatched ticket, before its visit, to another technician' },
			{ name: 'Assign or Reassign (派工/改派)', value: 'assignOrReassign', description: 'Assign when undispatched, else reassign' },
			{ name: 'Cancel (取消)', value: 'cancel', description: 'Withdraw the ticket before its visit; the reason is required' },
		],
		default: 'assign',
		description: 'What the manager decides; each decision is kept in the ticket history with who did it and why',
		displayOptions: MANUAL,
	},
	{
		displayName: 'Over Capacity (超出当日容量)',
		name: 'force',
		type: 'boolean',
		default: false,
		description: "Whether to give the job to the technician even when today's capacity is full; the reason is then required",
		displayOptions: MANUAL,
	},
	{
		displayName: 'Reason (原因)',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Why: required to cancel and to go over capacity; kept in the ticket history',
		displayOptions: MANUAL,
	},
];

/** The technician picked, or undefined when none is (cancel needs none). */
function readTechnician(ctx: IExecuteFunctions, i: number): { id?: number; phone?: string } | undefined {
	const locator = ctx.getNodeParameter('technician', i, { mode: 'phone', value: '' }) as INodeParameterResourceLocator;
	const raw = locator?.value;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	const picked = readLocator(ctx, 'technician', i, { noun: 'Technician (技术员)', key: 'phone' });
	return picked.id !== undefined ? { id: picked.id } : { phone: normalizeMainlandPhone(picked.key, 'technicianPhone') };
}

export async function manualDecision(
	ctx: IExecuteFunctions,
	i: number,
	store: Store,
	weights: DispatchWeights,
	context: DispatchContext,
): Promise<IDataObject> {
	const ticketNumber = readTicketNumber(ctx, i);
	const decision = readDecision(ctx.getNodeParameter('decision', i, 'assign'));
	const force = ctx.getNodeParameter('force', i, false) as unknown;
	if (typeof force !== 'boolean') throw fieldError('force', `Over capacity (超出当日容量): expected true or false`);
	const reason = ctx.getNodeParameter('reason', i, '') as unknown;
	const technician = decision === 'cancel' ? undefined : readTechnician(ctx, i);
	return (await decideDispatch(store, { ticketNumber, decision, technician, force, reason }, weights, context)) as unknown as IDataObject;
}

/** Shared by Contract Expiry Check's operations: who acts, the clock, the contract number, the notice page. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { textParameter, nowIso } from '../../shared/n8n/per-item';
import { fieldError } from '../../shared/rules/errors';

export function actorProperty(defaultActor = 'n8n', description = 'Who does this; kept with the record'): INodeProperties {
	return { displayName: 'Done By (经办人)', name: 'actor', type: 'string', default: defaultActor, description };
}

export const contractNoProperty: INodeProperties = {
	displayName: 'Contract No (合同编号)',
	name: 'contractNo',
	type: 'string',
	default: '={{ $json.contractNo }}',
	required: true,
	placeholder: 'HT-2026-001',
};

export interface Clock {
	now: string;
	zone: string;
}

export function clock(ctx: IExecuteFunctions): Clock {
	const now = nowIso();
	return { now, zone: ctx.getTimezone() };
}

export function readActor(ctx: IExecuteFunctions, i: number, fallback = 'n8n'): string {
	return textParameter(ctx, 'actor', i, fallback);
}

export function readContractNo(ctx: IExecuteFunctions, i: number): string {
	const v = textParameter(ctx, 'contractNo', i);
	if (!v) throw fieldError('contractNo', 'Contract no (合同编号): is empty; expected a contract number such as HT-2026-001');
	return v;
}

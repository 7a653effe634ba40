/** Shared by Contract Expiry Check's operations: the contract number. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { textParameter } from '../../shared/n8n/per-item';
import { fieldError } from '../../shared/rules/errors';

export const contractNoProperty: INodeProperties = {
	displayName: 'Contract No (合同编号)',
	name: 'contractNo',
	type: 'string',
	default: '={{ $json.contractNo }}',
	required: true,
	placeholder: 'HT-2026-001',
};

export function readContractNo(ctx: IExecuteFunctions, i: number): string {
	const v = textParameter(ctx, 'contractNo', i);
	if (!v) throw fieldError('contractNo', 'Contract no (合同编号): is empty; expected a contract number such as HT-2026-001');
	return v;
}

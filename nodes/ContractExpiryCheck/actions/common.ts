/** Shared by Contract Expiry Check's operations: the contract number. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { textParameter } from '../../shared/n8n/per-item';
import { fieldError } from '../../shared/rules/errors';
import { stringProperty } from '../../shared/n8n/properties';

export const contractNoProperty: INodeProperties = stringProperty('contractNo', 'Contract No (合同编号)', '={{ $json.contractNo }}', {
	required: true,
	placeholder: 'HT-2026-001',
});

export function readContractNo(ctx: IExecuteFunctions, i: number): string {
	const v = textParameter(ctx, 'contractNo', i);
	if (!v) throw fieldError('contractNo', 'Contract no (合同编号): is empty; expected a contract number such as HT-2026-001');
	return v;
}

/** The fee rates (P5) as node parameters: Issue Invoice and the ticket steps that take money on site. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { feeRatesFromYuan, type FeeRates } from '../rules/fees';
import { collectionParameter } from './per-item';
import { numberProperty } from './properties';

/** "Fees (收费标准)": the category A rates and the on-site collection threshold, in yuan. */
export function feesProperty(description: string): INodeProperties {
	return {
		displayName: 'Fees (收费标准)',
		name: 'fees',
		type: 'collection',
		placeholder: 'Change a Rate',
		default: {},
		description,
		hint: 'Defaults: call-out ¥50, labour ¥80 an hour per started half hour, on-site collection up to ¥300. The workflows pass their Settings (设置) here.',
		options: [
			numberProperty('callOutYuan', 'Call-Out Fee (上门费, Yuan)', 50, { typeOptions: { minValue: 0, numberPrecision: 2 } }),
			numberProperty('labourPerHourYuan', 'Labour per Hour (人工费, Yuan)', 80, {
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description: 'Billed per started half hour: half of it for each',
			}),
			numberProperty('onSiteThresholdYuan', 'On-Site Collection Threshold (现场收费上限, Yuan)', 300, {
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description: 'A fee at or under it may be paid to the technician on site; above it the accountant invoices it for later collection',
			}),
		],
	};
}

export function readFeeRates(ctx: IExecuteFunctions, i: number): FeeRates {
	return feeRatesFromYuan(collectionParameter(ctx, 'fees', i));
}

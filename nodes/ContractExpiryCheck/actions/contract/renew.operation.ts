/**
 * Renew Contract (续约): the new contract — its number the old one's with "-R1" (then -R2 …), from
 * the day after the old end unless a start is given, the fees given or the old ones — the old
 * contract marked `renewed`, its renewal negotiation task closed. One transaction per item.
 */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { renewContract } from '../../../shared/services/contract-expiry';
import { cleanRenewalBody } from '../../../shared/rules/contract-expiry';
import { contractNoProperty, readContractNo } from '../common';
import { actorProperty, clock, readActor } from '../../../shared/n8n/context';
import { stringProperty } from '../../../shared/n8n/properties';

export const { description, execute }: Operation = {
	description: forOperation('contract', 'renew', [
		contractNoProperty,
		stringProperty('endsOn', 'New End Date (新到期日期)', '={{ $json.endsOn }}', {
			required: true,
			placeholder: '2027-12-31',
			description: 'YYYY-MM-DD',
		}),
		stringProperty('startsOn', 'New Start Date (新开始日期)', '={{ $json.startsOn }}', {
			placeholder: '2027-01-01',
			description: 'Empty: the day after the old contract ends',
		}),
		stringProperty('feeYuan', 'Contract Fee (合同金额, ¥)', '={{ $json.feeYuan }}', {
			description: 'Yuan, up to two decimals. Empty: the old contract’s fee.',
		}),
		stringProperty('visitFeeYuan', 'Fee per Visit (每次费用, ¥)', '={{ $json.visitFeeYuan }}', {
			description: 'Yuan, up to two decimals. Empty: the old contract’s fee per visit.',
		}),
		actorProperty({ default: 'n8n', description: 'Who renewed the contract; kept with the task' }),
	]),
	async execute(i, store) {
		const contractNo = readContractNo(this, i);
		const c = clock(this);
		const body = cleanRenewalBody(
			{
				endsOn: this.getNodeParameter('endsOn', i, ''),
				startsOn: this.getNodeParameter('startsOn', i, ''),
				feeYuan: this.getNodeParameter('feeYuan', i, ''),
				visitFeeYuan: this.getNodeParameter('visitFeeYuan', i, ''),
			},
			c.zone,
		);
		const { contract, renewed } = await renewContract(store, contractNo, body, { now: c.now, zone: c.zone, actor: readActor(this, i) });
		return {
			...(contract as unknown as IDataObject),
			renewedContract: { contractNo: renewed.contractNo, status: renewed.status, endsOn: renewed.endsOn },
		};
	},
};

/**
 * Record Visit (上门结果): solved on site (P4), the product taken back for repair (P6), the unit
 * replaced, or not finished (other, 其它: back to open to be dispatched again); with remarks and photos.
 */
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { cleanVisit } from '../../../shared/rules/ticket-steps';
import { recordVisit } from '../../../shared/services/ticket-steps';
import { checkStepMoney } from '../../../shared/services/invoicing';
import { feesProperty, readFeeRates } from '../../../shared/n8n/fee-parameters';
import { ticketActorProperty, fromItem, readInputs, readTicketNumber, ticketNumberProperty, ticketOutput, ticketDocumentLanguage } from './common';
import { actionContext } from '../../../shared/n8n/context';
import { photoPropertiesProperty, readPhotoFiles } from '../../../shared/n8n/photo-binaries';
import { cleanPhotos } from '../../../shared/rules/photos';
import { numberProperty } from '../../../shared/n8n/properties';

const FIELDS = [
	'outcome',
	'remarks',
	'solution',
	'customerSignature',
	'signedAt',
	'minutes',
	'product',
	'serialNo',
	'accessories',
	'promisedBy',
	'newSerialNo',
	'workedAt',
];
/** Money (P5): parts with prices, and what the technician collected on site. */
const MONEY_FIELDS = ['parts', 'collectedYuan', 'paymentMethod'];

export const { description, execute }: Operation = {
	description: forOperation('ticket', 'recordVisit', [
		ticketNumberProperty,
		fromItem(
			'outcome',
			'Outcome (处理结果)',
			'"solved" (当场处理完妥), "taken-back" (带回修理), "replaced" (更换设备) or "other" (其它: not finished, needs Remarks; the ticket goes back to open and is dispatched again)',
		),
		fromItem('solution', 'Solution (处理方法)', 'What was done; required when solved on site'),
		fromItem(
			'customerSignature',
			'Customer Signature (客户签字)',
			'Name of the customer who signed the service voucher; "other" may leave it empty (the customer absent)',
		),
		fromItem('signedAt', 'Signed At (签字时间)', 'Empty: now'),
		fromItem('minutes', 'Minutes on Site (工时)', 'For the technician’s daily work report (P10)', 'number'),
		fromItem(
			'workedAt',
			'Visited At (上门时间)',
			'When the visit happened: the work counts on that day in the daily work report (P10); empty: the signature time',
		),
		fromItem('product', 'Product Taken Back (带回商品)', 'Required when taken back'),
		fromItem('serialNo', 'Serial No (序列号)'),
		fromItem('accessories', 'Accessories (附件)'),
		fromItem(
			'promisedBy',
			'Promised By (约定完成日期)',
			'Taken back only: the completion date agreed with the customer (P9), YYYY-MM-DD; empty: 3 working days after the take-back',
		),
		fromItem('newSerialNo', 'New Serial No (新序列号)', 'Replaced only: the serial no of the new unit; the old one is Serial No, else the ticket’s'),
		fromItem('parts', 'Parts Used (更换零件)', 'A list of { part, quantity, unitPriceYuan }, or text such as "电容 x2 @35; 保险丝 @5"'),
		fromItem(
			'collectedYuan',
			'Collected on Site (现场收费, Yuan)',
			'Paid to the technician on site (P5): only a fee at or under the on-site threshold',
		),
		fromItem('paymentMethod', 'Payment Method (付款方式)', 'cash, wechat, alipay, bank-transfer or card; required with a collection'),
		fromItem('remarks', 'Remarks (备注)', 'What the technician adds; shown on Form 1.1. Required for "other": why the work is not finished'),
		photoPropertiesProperty,
		feesProperty('The rates the on-site collection is checked against (P5)'),
		numberProperty('replacementWarrantyMonths', 'Replacement Warranty (Months)', 12, {
			typeOptions: { minValue: 1 },
			description: 'Replaced only: the new unit’s warranty, in months from the day it was put in',
		}),
		ticketActorProperty,
		ticketDocumentLanguage,
	]),
	async execute(i, store) {
		const ticketNumber = readTicketNumber(this, i);
		const ctx = actionContext(this, i);
		const cleaned = cleanVisit(readInputs(this, i, [...FIELDS, ...MONEY_FIELDS]), this.getTimezone(), ctx.now);
		const visit =
			cleaned.outcome === 'replaced' ? { ...cleaned, warrantyMonths: this.getNodeParameter('replacementWarrantyMonths', i, 12) as number } : cleaned;
		const photos = cleanPhotos(await readPhotoFiles(this, i));
		const rates = readFeeRates(this, i);
		return await store.transaction(async (trx) => {
			const t = await recordVisit(trx, ticketNumber, { ...visit, photos }, ctx);
			await checkStepMoney(trx, ticketNumber, rates);
			return await ticketOutput(this, trx, t, i);
		});
	},
};

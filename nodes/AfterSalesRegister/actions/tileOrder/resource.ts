/** The Register's Tile Order resource (瓷砖订单, T1–T12): its operations, in the order the editor lists them. */
import type { ResourceDef } from '../../../shared/n8n/operations';

import * as tileOrderCreate from './create.operation';
import * as tileOrderGet from './get.operation';
import * as tileOrderGetMany from './getMany.operation';
import * as tileOrderScheduleMeasurement from './scheduleMeasurement.operation';
import * as tileOrderRecordMeasurement from './recordMeasurement.operation';
import * as tileOrderPrepareStock from './prepareStock.operation';
import * as tileOrderSendProcessing from './sendProcessing.operation';
import * as tileOrderConfirmProcessing from './confirmProcessing.operation';
import * as tileOrderIssuePaymentNotice from './issuePaymentNotice.operation';
import * as tileOrderRecordPayment from './recordPayment.operation';
import * as tileOrderRecordDelivery from './recordDelivery.operation';
import * as tileOrderStartInstallation from './startInstallation.operation';
import * as tileOrderRecordSecondary from './recordSecondary.operation';
import * as tileOrderSettle from './settle.operation';
import * as tileOrderComplete from './complete.operation';
import * as tileOrderCancel from './cancel.operation';

export const TILE_ORDER_RESOURCE: ResourceDef = {
	name: 'Tile Order (瓷砖订单)',
	defaultOperation: 'get',
	operations: [
		{
			value: 'create',
			name: 'Create',
			description: 'Record a signed order with its deposit and service content (签单)',
			action: 'Create a tile order',
			module: tileOrderCreate,
		},
		{
			value: 'get',
			name: 'Get',
			description: 'Get one order with its figures, steps and documents',
			action: 'Get a tile order',
			module: tileOrderGet,
		},
		{
			value: 'getMany',
			name: 'Get Many',
			description: 'List orders: status, customer, dates',
			action: 'Get many tile orders',
			module: tileOrderGetMany,
		},
		{
			value: 'scheduleMeasurement',
			name: 'Schedule Measurement',
			description: 'Appointment to measure, with the key holder (预约测量)',
			action: 'Schedule a measurement',
			module: tileOrderScheduleMeasurement,
		},
		{
			value: 'recordMeasurement',
			name: 'Record Measurement',
			description: 'The measured lines (测量)',
			action: 'Record a measurement',
			module: tileOrderRecordMeasurement,
		},
		{
			value: 'prepareStock',
			name: 'Prepare Stock',
			description: "Reserve the order's boxes (备货)",
			action: 'Prepare stock for an order',
			module: tileOrderPrepareStock,
		},
		{
			value: 'sendProcessing',
			name: 'Send for Processing',
			description: 'The processing sheet for the factory (加工单)',
			action: 'Send an order for processing',
			module: tileOrderSendProcessing,
		},
		{
			value: 'confirmProcessing',
			name: 'Confirm Processing',
			description: "The factory's completion date and fee (加工确认)",
			action: 'Confirm the processing of an order',
			module: tileOrderConfirmProcessing,
		},
		{
			value: 'issuePaymentNotice',
			name: 'Issue Payment Notice',
			description: 'Goods and fees due before delivery (付款通知单)',
			action: 'Issue a payment notice',
			module: tileOrderIssuePaymentNotice,
		},
		{
			value: 'recordPayment',
			name: 'Record Payment',
			description: 'A payment or a refund (收款)',
			action: 'Record a payment',
			module: tileOrderRecordPayment,
		},
		{
			value: 'recordDelivery',
			name: 'Record Delivery',
			description: 'Vehicles by weight; freight at the store’s cost (发货)',
			action: 'Record a delivery',
			module: tileOrderRecordDelivery,
		},
		{
			value: 'startInstallation',
			name: 'Start Installation',
			description: 'Installation begins after delivery (铺贴)',
			action: 'Start the installation',
			module: tileOrderStartInstallation,
		},
		{
			value: 'recordSecondary',
			name: 'Record Secondary Item',
			description: 'Extra tiles, returns, secondary processing (补砖/退砖/二次加工)',
			action: 'Record a secondary item',
			module: tileOrderRecordSecondary,
		},
		{ value: 'settle', name: 'Settle', description: 'The settlement statement (结算单)', action: 'Settle an order', module: tileOrderSettle },
		{
			value: 'complete',
			name: 'Complete',
			description: 'Decrement the inventory and archive (完成存档)',
			action: 'Complete an order',
			module: tileOrderComplete,
		},
		{
			value: 'cancel',
			name: 'Cancel',
			description: 'Cancel before delivery; reserved boxes go back (取消)',
			action: 'Cancel an order',
			module: tileOrderCancel,
		},
	],
};

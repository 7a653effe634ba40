/** Create (签单, T1–T3): the signed order with its deposit and service content; lines computed and checked against the stock. */
import type { IDataObject } from 'n8n-workflow';
import { forOperation, type Operation } from '../../../shared/n8n/operations';
import { cleanOrderInput } from '../../../shared/rules/tile-order-inputs';
import { createOrder } from '../../../shared/services/tile-orders';
import { readDocumentLanguage } from '../../../shared/n8n/document-language';
import { tileOrderOutput } from '../../../shared/n8n/tile-order-output';
import { orderActorProperty, orderDocumentLanguage } from './common';
import { actionContext } from '../../../shared/n8n/context';
import { booleanProperty, optionsProperty } from '../../../shared/n8n/properties';

const ORDER_FIELDS = [
	{ name: 'customerName', displayName: 'Customer Name (客户名称)' },
	{ name: 'customerCode', displayName: 'Customer Code (客户编号)' },
	{ name: 'phone', displayName: 'Phone (电话)' },
	{ name: 'address', displayName: 'Address (地址)' },
	{ name: 'contactPerson', displayName: 'Contact Person (联系人)' },
	{ name: 'email', displayName: 'Email (邮箱)' },
	{ name: 'depositYuan', displayName: 'Deposit (定金 元)' },
	{ name: 'installerName', displayName: 'Installer Name (铺贴工人)' },
	{ name: 'installerPhone', displayName: 'Installer Phone (工人电话)' },
	{ name: 'notes', displayName: 'Notes (备注)' },
	{ name: 'idempotencyKey', displayName: 'Idempotency Key' },
];

const LINE_FIELDS = [
	{ name: 'modelCode', displayName: 'Model Code (型号)' },
	{ name: 'areaM2', displayName: 'Area (面积 m²)' },
	{ name: 'lengthM', displayName: 'Room Length (长 m)' },
	{ name: 'widthM', displayName: 'Room Width (宽 m)' },
	{ name: 'wastagePct', displayName: 'Wastage (损耗 %)' },
	{ name: 'layout', displayName: 'Layout (straight, diagonal, herringbone)' },
	{ name: 'extraBoxes', displayName: 'Extra Boxes (多备箱数)' },
];

export const { description, execute }: Operation = {
	description: forOperation('tileOrder', 'create', [
		optionsProperty(
			'dataMode',
			'Order Data',
			[
				[
					'From Input Item',
					'autoMap',
					'Take the order from the input item: customerName, phone, address, depositYuan, processing, installer, lines … (the order webhook body)',
				],
				['Define Below', 'define', 'Set each field in this node'],
			],
			'autoMap',
		),
		{
			displayName: 'Order',
			name: 'order',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { dataMode: ['define'] } },
			options: [
				...ORDER_FIELDS.map((f) => ({ ...f, type: 'string' as const, default: '' })),
				booleanProperty('processing', 'Processing (需要加工)', false, {
					description: 'Whether the store processes (cuts) the tiles for the customer',
				}),
			],
		},
		{
			displayName: 'Lines (瓷砖明细)',
			name: 'lines',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Line',
			default: {},
			displayOptions: { show: { dataMode: ['define'] } },
			options: [{ name: 'line', displayName: 'Line', values: LINE_FIELDS.map((f) => ({ ...f, type: 'string' as const, default: '' })) }],
		},
		orderActorProperty,
		orderDocumentLanguage,
	]),
	async execute(i, store) {
		const mode = this.getNodeParameter('dataMode', i, 'autoMap') as string;
		let input: IDataObject;
		if (mode === 'define') {
			const o = this.getNodeParameter('order', i, {}) as IDataObject;
			const { installerName, installerPhone, ...rest } = o;
			const lines = ((this.getNodeParameter('lines', i, {}) as IDataObject).line as IDataObject[] | undefined) ?? [];
			input = { ...rest, ...(installerName || installerPhone ? { installer: { name: installerName, phone: installerPhone } } : {}), lines };
		} else {
			input = this.getInputData()[i].json;
		}
		const order = cleanOrderInput(input);
		const context = actionContext(this, i);
		const lang = readDocumentLanguage(this, i);
		const created = await createOrder(store, order, context);
		const out = await tileOrderOutput(this, created.order, lang);
		return { ...out, json: { ...out.json, duplicate: created.duplicate, customerCreated: created.customerCreated } };
	},
};

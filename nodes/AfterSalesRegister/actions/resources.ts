/**
 * Which operations each resource has, in the order the editor lists them, and the module that
 * carries each one (`<resource>/<operation>.operation.ts`).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { BatchOperation, Operation } from './common/operation';
import type { Resource } from './registers';

import * as customerCreate from './customer/create.operation';
import * as customerUpdate from './customer/update.operation';
import * as customerUpsert from './customer/upsert.operation';
import * as customerGet from './customer/get.operation';
import * as customerGetMany from './customer/getMany.operation';
import * as customerArchive from './customer/archive.operation';
import * as installationCreate from './installation/create.operation';
import * as installationUpdate from './installation/update.operation';
import * as installationUpsert from './installation/upsert.operation';
import * as installationGet from './installation/get.operation';
import * as installationGetMany from './installation/getMany.operation';
import * as contractCreate from './contract/create.operation';
import * as contractUpdate from './contract/update.operation';
import * as contractUpsert from './contract/upsert.operation';
import * as contractGet from './contract/get.operation';
import * as contractGetMany from './contract/getMany.operation';
import * as technicianCreate from './technician/create.operation';
import * as technicianUpdate from './technician/update.operation';
import * as technicianUpsert from './technician/upsert.operation';
import * as technicianGet from './technician/get.operation';
import * as technicianGetMany from './technician/getMany.operation';
import * as technicianDeactivate from './technician/deactivate.operation';
import * as tileModelCreate from './tileModel/create.operation';
import * as tileModelUpdate from './tileModel/update.operation';
import * as tileModelUpsert from './tileModel/upsert.operation';
import * as tileModelGet from './tileModel/get.operation';
import * as tileModelGetMany from './tileModel/getMany.operation';
import * as tileModelAdjustStock from './tileModel/adjustStock.operation';
import * as tileModelGetStock from './tileModel/getStock.operation';
import * as importRows from './import/importRows.operation';
import * as ticketGet from './ticket/get.operation';
import * as ticketGetMany from './ticket/getMany.operation';
import * as ticketRecordVisit from './ticket/recordVisit.operation';
import * as ticketRecordRepairWork from './ticket/recordRepairWork.operation';
import * as ticketInspect from './ticket/inspect.operation';
import * as ticketReturnProduct from './ticket/returnProduct.operation';
import * as ticketClose from './ticket/close.operation';
import * as ticketCancel from './ticket/cancel.operation';
import * as ticketEscalateOverdue from './ticket/escalateOverdue.operation';

interface ResourceDef {
	name: string;
	noun: string;
	operations: Array<{ value: string; name: string; description: string; module: Operation | BatchOperation }>;
}

function recordOps(
	noun: string,
	mods: { create: Operation; update: Operation; upsert: Operation; get: Operation; getMany: Operation },
	key: string,
): ResourceDef['operations'] {
	return [
		{ value: 'create', name: 'Create', description: `Add a new ${noun}`, module: mods.create },
		{ value: 'update', name: 'Update', description: `Change a ${noun} found by ${key} or ID`, module: mods.update },
		{ value: 'upsert', name: 'Create or Update', description: 'Create a new record, or update the current one if it already exists (upsert)', module: mods.upsert },
		{ value: 'get', name: 'Get', description: `Get one ${noun}`, module: mods.get },
		{ value: 'getMany', name: 'Get Many', description: `List ${noun}s with filters`, module: mods.getMany },
	];
}

export const RESOURCES: Record<Resource | 'ticket' | 'import', ResourceDef> = {
	customer: {
		name: 'Customer (客户档案)',
		noun: 'customer',
		operations: [
			...recordOps('customer', { create: customerCreate, update: customerUpdate, upsert: customerUpsert, get: customerGet, getMany: customerGetMany }, 'code (or name and phone)'),
			{ value: 'archive', name: 'Archive', description: 'Archive the customer file (存档)', module: customerArchive },
		],
	},
	installation: {
		name: 'Installation (完工工程/设备)',
		noun: 'installation',
		operations: recordOps('installation', { create: installationCreate, update: installationUpdate, upsert: installationUpsert, get: installationGet, getMany: installationGetMany }, 'serial no'),
	},
	contract: {
		name: 'Maintenance Contract (保养合同)',
		noun: 'contract',
		operations: recordOps('contract', { create: contractCreate, update: contractUpdate, upsert: contractUpsert, get: contractGet, getMany: contractGetMany }, 'contract no'),
	},
	technician: {
		name: 'Technician (技术员)',
		noun: 'technician',
		operations: [
			...recordOps('technician', { create: technicianCreate, update: technicianUpdate, upsert: technicianUpsert, get: technicianGet, getMany: technicianGetMany }, 'phone'),
			{ value: 'deactivate', name: 'Deactivate', description: 'Stop dispatching to this technician', module: technicianDeactivate },
		],
	},
	tileModel: {
		name: 'Tile Model and Stock (瓷砖库存)',
		noun: 'tile model',
		operations: [
			...recordOps('tile model', { create: tileModelCreate, update: tileModelUpdate, upsert: tileModelUpsert, get: tileModelGet, getMany: tileModelGetMany }, 'model code'),
			{ value: 'adjustStock', name: 'Adjust Stock', description: 'Add or take out boxes with a reason', module: tileModelAdjustStock },
			{ value: 'getStock', name: 'Get Stock', description: 'Boxes on hand, reserved and available', module: tileModelGetStock },
		],
	},
	ticket: {
		name: 'Repair Ticket (报修登记簿)',
		noun: 'ticket',
		operations: [
			{ value: 'get', name: 'Get', description: 'Get one ticket with its records and history', module: ticketGet },
			{ value: 'getMany', name: 'Get Many', description: 'List tickets: status, technician, dates, overdue, left over', module: ticketGetMany },
			{ value: 'recordVisit', name: 'Record Visit', description: 'Solved on site, or product taken back (上门结果)', module: ticketRecordVisit },
			{ value: 'recordRepairWork', name: 'Record Repair Work', description: 'Repair time and parts on the repair card (修护卡)', module: ticketRecordRepairWork },
			{ value: 'inspect', name: 'Inspect', description: "The manager's approval of the repair (验讫)", module: ticketInspect },
			{ value: 'returnProduct', name: 'Return Product', description: 'Product back to the customer, receipt voided (归还)', module: ticketReturnProduct },
			{ value: 'close', name: 'Close', description: 'Cancel the register entry and archive the voucher (注销)', module: ticketClose },
			{ value: 'cancel', name: 'Cancel', description: 'Withdraw a ticket with a reason (取消)', module: ticketCancel },
			{ value: 'escalateOverdue', name: 'Escalate Overdue', description: 'Overdue tickets not yet escalated for this period (超时上报)', module: ticketEscalateOverdue },
		],
	},
	import: {
		name: 'Import (导入)',
		noun: 'row',
		operations: [
			{ value: 'importRows', name: 'Import Rows', description: 'Create or update each input row in a register; one summary out', module: importRows },
		],
	},
};

type ResourceName = keyof typeof RESOURCES;

export function resourceProperty(): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: (Object.keys(RESOURCES) as ResourceName[]).map((value) => ({ name: RESOURCES[value].name, value })),
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the options are computed; customer is one
		default: 'customer',
	};
}

export function operationProperties(): INodeProperties[] {
	return (Object.keys(RESOURCES) as ResourceName[]).map((resource) => {
		const def = RESOURCES[resource];
		const options: INodePropertyOptions[] = def.operations.map((o) => ({
			name: o.name,
			value: o.value,
			description: o.description,
			action: `${o.name} ${o.value === 'getMany' ? `many ${def.noun}s` : `a ${def.noun}`}`,
		}));
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is computed: the first operation
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: options[0].value,
		};
	});
}

export function operationParameters(): INodeProperties[] {
	return (Object.keys(RESOURCES) as ResourceName[]).flatMap((r) => RESOURCES[r].operations.flatMap((o) => o.module.description));
}

export function findOperation(resource: string, operation: string): Operation | BatchOperation | undefined {
	return RESOURCES[resource as ResourceName]?.operations.find((o) => o.value === operation)?.module;
}

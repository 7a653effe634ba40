/**
 * Which operations each resource has, in the order the editor lists them, and the module that
 * carries each one (`<resource>/<operation>.operation.ts`).
 */
import type { Operation, OperationDef, ResourceDef } from '../../shared/n8n/operations';
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
import * as installationPrintLabels from './installation/printLabels.operation';
import * as installationOpenReportPage from './installation/openReportPage.operation';
import * as installationTakeScanReport from './installation/takeScanReport.operation';
import * as installationScanAnswerPage from './installation/scanAnswerPage.operation';
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
import * as ticketConfirmLiaisonLetter from './ticket/confirmLiaisonLetter.operation';
import * as invoiceGet from './invoice/get.operation';
import * as invoiceGetMany from './invoice/getMany.operation';
import * as invoiceRecordPayment from './invoice/recordPayment.operation';
import * as invoiceVoid from './invoice/void.operation';
import * as invoiceRecordFapiaoNumber from './invoice/recordFapiaoNumber.operation';
import * as invoiceGetCashHeld from './invoice/getCashHeld.operation';
import * as invoiceHandOverCash from './invoice/handOverCash.operation';
import { TILE_ORDER_RESOURCE } from './tileOrder/resource';
import { OUTBOX_RESOURCE } from './outbox/resource';
import { NOTIFY_RESOURCE } from './notify/resource';
import { STORE_RESOURCE } from './store/resource';
import * as workLogLogInternalWork from './workLog/logInternalWork.operation';
import * as workReportDaily from './workReport/daily.operation';
import * as workReportWeekly from './workReport/weekly.operation';
import * as boardGet from './board/get.operation';

/** Create, Update, Create or Update, Get, Get Many of one register, with their action labels. */
function recordOps(
	noun: { one: string; many: string; article: 'a' | 'an' },
	mods: { create: Operation; update: Operation; upsert: Operation; get: Operation; getMany: Operation },
	key: string,
): OperationDef[] {
	const a = `${noun.article} ${noun.one}`;
	return [
		{ value: 'create', name: 'Create', description: `Add a new ${noun.one}`, action: `Create ${a}`, module: mods.create },
		{ value: 'update', name: 'Update', description: `Change ${a} found by ${key} or ID`, action: `Update ${a}`, module: mods.update },
		{
			value: 'upsert',
			name: 'Create or Update',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: `Create or update ${a}`,
			module: mods.upsert,
		},
		{ value: 'get', name: 'Get', description: `Get one ${noun.one}`, action: `Get ${a}`, module: mods.get },
		{ value: 'getMany', name: 'Get Many', description: `List ${noun.many} with filters`, action: `Get many ${noun.many}`, module: mods.getMany },
	];
}

/** A register's resource: its record operations first (Create is the default), then its own. */
function registerResource(
	name: string,
	noun: { one: string; many: string; article: 'a' | 'an' },
	mods: { create: Operation; update: Operation; upsert: Operation; get: Operation; getMany: Operation },
	key: string,
	own: OperationDef[] = [],
): ResourceDef {
	return { name, defaultOperation: 'create', operations: [...recordOps(noun, mods, key), ...own] };
}

type RegisterResource = Resource | 'ticket' | 'tileOrder' | 'import' | 'invoice' | 'workLog' | 'workReport' | 'board' | 'outbox' | 'notify' | 'store';

export const RESOURCES: Record<RegisterResource, ResourceDef> = {
	customer: registerResource(
		'Customer (客户档案)',
		{ one: 'customer', many: 'customers', article: 'a' },
		{ create: customerCreate, update: customerUpdate, upsert: customerUpsert, get: customerGet, getMany: customerGetMany },
		'code (or name and phone)',
		[{ value: 'archive', name: 'Archive', description: 'Archive the customer file (存档)', action: 'Archive a customer', module: customerArchive }],
	),
	installation: registerResource(
		'Installation (完工工程/设备)',
		{ one: 'installation', many: 'installations', article: 'an' },
		{ create: installationCreate, update: installationUpdate, upsert: installationUpsert, get: installationGet, getMany: installationGetMany },
		'serial no',
		[
			{
				value: 'printLabels',
				name: 'Print QR Labels',
				description: 'A sheet of QR labels for scan to report (扫码报修标签), one per installation of a customer',
				action: 'Print QR labels',
				module: installationPrintLabels,
			},
			{
				value: 'openReportPage',
				name: 'Open Report Page',
				description: 'The customer’s report page a QR label opens, its signature checked (扫码报修页)',
				action: 'Open the report page of a label',
				module: installationOpenReportPage,
			},
			{
				value: 'takeScanReport',
				name: 'Take Scan Report',
				description: 'Check a report sent from a QR label and hand it to the repair intake (接收扫码报修)',
				action: 'Take a report sent from a label',
				module: installationTakeScanReport,
			},
			{
				value: 'scanAnswerPage',
				name: 'Scan Report Answer Page',
				description: 'The thank-you or problem page after a report from a QR label (扫码报修结果页)',
				action: 'Make the answer page of a scan report',
				module: installationScanAnswerPage,
			},
		],
	),
	contract: registerResource(
		'Maintenance Contract (保养合同)',
		{ one: 'contract', many: 'contracts', article: 'a' },
		{ create: contractCreate, update: contractUpdate, upsert: contractUpsert, get: contractGet, getMany: contractGetMany },
		'contract no',
	),
	technician: registerResource(
		'Technician (技术员)',
		{ one: 'technician', many: 'technicians', article: 'a' },
		{ create: technicianCreate, update: technicianUpdate, upsert: technicianUpsert, get: technicianGet, getMany: technicianGetMany },
		'phone',
		[
			{
				value: 'deactivate',
				name: 'Deactivate',
				description: 'Stop dispatching to this technician',
				action: 'Deactivate a technician',
				module: technicianDeactivate,
			},
		],
	),
	tileModel: registerResource(
		'Tile Model and Stock (瓷砖库存)',
		{ one: 'tile model', many: 'tile models', article: 'a' },
		{ create: tileModelCreate, update: tileModelUpdate, upsert: tileModelUpsert, get: tileModelGet, getMany: tileModelGetMany },
		'model code',
		[
			{
				value: 'adjustStock',
				name: 'Adjust Stock',
				description: 'Add or take out boxes with a reason',
				action: 'Adjust stock',
				module: tileModelAdjustStock,
			},
			{ value: 'getStock', name: 'Get Stock', description: 'Boxes on hand, reserved and available', action: 'Get stock', module: tileModelGetStock },
		],
	),
	ticket: {
		name: 'Repair Ticket (报修登记簿)',
		defaultOperation: 'get',
		operations: [
			{ value: 'get', name: 'Get', description: 'Get one ticket with its records and history', action: 'Get a ticket', module: ticketGet },
			{
				value: 'getMany',
				name: 'Get Many',
				description: 'List tickets: status, technician, dates, overdue, left over',
				action: 'Get many tickets',
				module: ticketGetMany,
			},
			{
				value: 'recordVisit',
				name: 'Record Visit',
				description: 'Solved on site, or product taken back (上门结果)',
				action: 'Record a visit',
				module: ticketRecordVisit,
			},
			{
				value: 'recordRepairWork',
				name: 'Record Repair Work',
				description: 'Repair time and parts on the repair card (修护卡)',
				action: 'Record repair work',
				module: ticketRecordRepairWork,
			},
			{
				value: 'inspect',
				name: 'Inspect',
				description: "The manager's approval of the repair (验讫)",
				action: 'Inspect a repair',
				module: ticketInspect,
			},
			{
				value: 'returnProduct',
				name: 'Return Product',
				description: 'Product back to the customer, receipt voided (归还)',
				action: 'Return a product to the customer',
				module: ticketReturnProduct,
			},
			{
				value: 'close',
				name: 'Close',
				description: 'Cancel the register entry and archive the voucher (注销)',
				action: 'Close a ticket',
				module: ticketClose,
			},
			{ value: 'cancel', name: 'Cancel', description: 'Withdraw a ticket with a reason (取消)', action: 'Cancel a ticket', module: ticketCancel },
			{
				value: 'escalateOverdue',
				name: 'Escalate Overdue',
				description: 'Overdue tickets not yet escalated for this period (超时上报)',
				action: 'Escalate overdue tickets',
				module: ticketEscalateOverdue,
			},
			{
				value: 'confirmLiaisonLetter',
				name: 'Confirm Liaison Letter',
				description: "The customer's confirmation of the liaison letter (联络函确认)",
				action: 'Confirm a liaison letter',
				module: ticketConfirmLiaisonLetter,
			},
		],
	},
	invoice: {
		name: 'Invoice and Payment (发票与收款)',
		defaultOperation: 'get',
		operations: [
			{ value: 'get', name: 'Get', description: 'Get one invoice with its lines, payments and page', action: 'Get an invoice', module: invoiceGet },
			{
				value: 'getMany',
				name: 'Get Many',
				description: 'List invoices: receivables, overdue by days, by status',
				action: 'Get many invoices',
				module: invoiceGetMany,
			},
			{
				value: 'recordPayment',
				name: 'Record Payment',
				description: 'A payment in part or in full, never more than owed (收款)',
				action: 'Record a payment',
				module: invoiceRecordPayment,
			},
			{
				value: 'void',
				name: 'Void',
				description: 'Void with a reason; the number stays used (作废)',
				action: 'Void an invoice',
				module: invoiceVoid,
			},
			{
				value: 'recordFapiaoNumber',
				name: 'Record Fapiao Number',
				description: "The official tax fapiao's number, when finance has it (发票号码)",
				action: 'Record a fapiao number',
				module: invoiceRecordFapiaoNumber,
			},
			{
				value: 'getCashHeld',
				name: 'Get Cash Held',
				description: 'Cash taken on site and still held, per technician (代收现金)',
				action: 'Get cash held by technicians',
				module: invoiceGetCashHeld,
			},
			{
				value: 'handOverCash',
				name: 'Record Cash Hand-Over',
				description: "Finance received a technician's cash (交款)",
				action: 'Record a cash hand-over',
				module: invoiceHandOverCash,
			},
		],
	},
	tileOrder: TILE_ORDER_RESOURCE,
	import: {
		name: 'Import (导入)',
		defaultOperation: 'importRows',
		operations: [
			{
				value: 'importRows',
				name: 'Import Rows',
				description: 'Create or update each input row in a register; one summary out',
				action: 'Import rows into a register',
				module: importRows,
			},
		],
	},
	workLog: {
		name: 'Work Log (工作记录)',
		defaultOperation: 'logInternalWork',
		operations: [
			{
				value: 'logInternalWork',
				name: 'Log Internal Work',
				description: 'D work without a ticket: inspection, parts, tools, training (一般行政工作)',
				action: 'Log internal work',
				module: workLogLogInternalWork,
			},
		],
	},
	workReport: {
		name: 'Work Report (工作报表)',
		defaultOperation: 'weekly',
		operations: [
			{
				value: 'daily',
				name: 'Get Daily Report',
				description: "A day's work per technician (技术员工作日报表)",
				action: 'Get a daily work report',
				module: workReportDaily,
			},
			{
				value: 'weekly',
				name: 'Get Weekly Table',
				description: 'Jobs and minutes per technician and category A/B/C/D (售后服务报修记录表)',
				action: 'Get the weekly repair record table',
				module: workReportWeekly,
			},
		],
	},
	board: {
		name: 'Service Board (服务看板)',
		defaultOperation: 'get',
		operations: [
			{
				value: 'get',
				name: 'Get Board',
				description: 'Open tickets (overdue first), today’s dispatch, products taken back, contract notices, unpaid invoices, complaints',
				action: 'Get the service board',
				module: boardGet,
			},
		],
	},
	outbox: OUTBOX_RESOURCE,
	notify: NOTIFY_RESOURCE,
	store: STORE_RESOURCE,
};

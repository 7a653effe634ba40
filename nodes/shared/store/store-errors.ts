/**
 * Turns database constraint violations (SQLite and PostgreSQL word them differently) into the
 * sentence a clerk needs. Anything else passes through unchanged.
 */
import { DuplicateError, RuleViolation } from '../rules/errors';

const UNIQUE: Record<string, string> = {
	'customers.code': 'A customer with this code (客户编号) already exists',
	'customers.code_key': 'A customer with this code (客户编号) already exists',
	'customers.name,phone': 'A customer with this name and phone already exists',
	'installations.serial_no': 'An installation with this serial no (序列号) already exists',
	'installations.serial_no_key': 'An installation with this serial no (序列号) already exists',
	'contracts.contract_no': 'A contract with this contract no (合同编号) already exists',
	'contracts.contract_no_key': 'A contract with this contract no (合同编号) already exists',
	'technicians.phone': 'A technician with this phone (电话) already exists',
	'tile_models.model_code': 'A tile model with this model code (型号) already exists',
	'tile_models.model_code_key': 'A tile model with this model code (型号) already exists',
	'tickets.ticket_number': 'This ticket number is already taken',
	'tickets.voucher_number': 'This voucher number is already taken',
	'tickets.idempotency_key': 'A ticket with this idempotency key already exists',
	'invoices.invoice_number': 'This invoice number is already taken',
	'invoices.source_key': 'This ticket or order stage already has an invoice that is not void',
	'liaison_letters.letter_number': 'This liaison letter number is already taken',
	'liaison_letters.ticket_id': 'This ticket already has its liaison letter',
	'tile_orders.order_number': 'This tile order number is already taken',
	'tile_orders.idempotency_key': 'A tile order with this idempotency key already exists',
	'tile_order_deliveries.order_id': 'This tile order already has its delivery',
	'surveys.survey_number': 'This survey number is already taken',
	'surveys.ticket_id': 'This ticket already has its follow-up survey',
	'complaints.complaint_number': 'This complaint number is already taken',
	'complaints.survey_id': 'This survey answer already has its complaint',
	'maintenance_visits.contract_id,due_on': 'This contract already has its maintenance visit (保养) for that due day',
};

const CHECKS: Record<string, string> = {
	ck_tile_models_on_hand: 'Boxes on hand (库存箱数) cannot go below zero',
	ck_tile_models_reserved: 'Boxes on hand (库存箱数) cannot go below the boxes reserved for orders',
	ck_tile_models_pieces: 'Pieces per box (每箱片数) must be at least 1',
	ck_tile_models_price: 'Price per box (每箱单价) cannot be negative',
	ck_contracts_maintenance_every: 'Maintenance period (保养周期(月)) must be a whole number of months from 1 to 120',
	ck_contracts_period: 'End date (到期日期) cannot be before the start date (开始日期)',
	ck_installations_warranty: 'Warranty end (保修截止) cannot be before the completion date (竣工日期)',
	ck_technicians_capacity: 'Daily capacity (每日工单上限) must be at least 1',
	ck_invoices_paid: 'The payments recorded cannot be more than the invoice total',
	ck_payments_amount: 'A payment must be more than 0',
	ck_visit_parts_price: 'Unit price (单价) cannot be negative',
	ck_tile_orders_deposit: 'Deposit (定金) cannot be negative',
	ck_tile_reservations_boxes: 'Boxes reserved for an order must be at least 1',
	ck_tile_order_payments_amount: 'Amount (金额): 0 is not a payment',
};

interface DbError {
	message?: string;
	code?: string | number;
	errcode?: number;
	table?: string;
	constraint?: string;
	detail?: string;
}

export function translateStoreError(error: unknown): unknown {
	const e = error as DbError;
	if (!e || typeof e !== 'object' || typeof e.message !== 'string') return error;
	// PostgreSQL: SQLSTATE codes with table/constraint/detail fields.
	if (e.code === '23505' && e.table) {
		const cols = /Key \(([^)]+)\)/.exec(e.detail ?? '')?.[1]?.replace(/\s/g, '');
		const value = /=\(([^)]*)\)/.exec(e.detail ?? '')?.[1];
		const msg = UNIQUE[`${e.table}.${cols}`];
		// A folded key (cz-600) is not what anyone typed: name the value only for other columns.
		if (msg) return new DuplicateError(value && !cols?.endsWith('_key') ? `${msg}: ${value}` : msg);
	}
	if (e.code === '23514' && e.constraint && CHECKS[e.constraint]) return new RuleViolation(CHECKS[e.constraint]);
	if (e.code === '23503') return new RuleViolation('The record refers to another record that does not exist (or is still referred to)');
	// SQLite: "UNIQUE constraint failed: customers.name, customers.phone", "CHECK constraint failed: ck_…".
	const unique = /UNIQUE constraint failed: (.+)$/.exec(e.message);
	if (unique) {
		const parts = unique[1].split(',').map((s) => s.trim());
		const table = parts[0].split('.')[0];
		const key = `${table}.${parts.map((p) => p.split('.')[1]).join(',')}`;
		if (UNIQUE[key]) return new DuplicateError(UNIQUE[key]);
	}
	const check = /CHECK constraint failed: (\w+)/.exec(e.message);
	if (check && CHECKS[check[1]]) return new RuleViolation(CHECKS[check[1]]);
	if (/FOREIGN KEY constraint failed/.test(e.message)) {
		return new RuleViolation('The record refers to another record that does not exist (or is still referred to)');
	}
	return error;
}

/** PostgreSQL SQLSTATEs of a connection the server ended or could not give (57P01 is pg_terminate_backend). */
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
/** Node socket errors of a connection that went away, or a server that is (re)starting. */
const LOST_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
/** node-postgres' own words for a client whose connection died (also what a rollback on it throws). */
const LOST_PG_MESSAGES = /Connection terminated|connection error and is not queryable|terminating connection due to administrator command/i;

/**
 * The store's connection was lost, or SQLite stayed locked beyond its busy timeout: the
 * transaction did not run to its end on this connection, and a new connection may well succeed.
 * SQLite: SQLITE_BUSY (errcode 5, "database is locked"); nothing of the transaction was kept.
 */
export function isLostConnection(error: unknown): boolean {
	const e = error as DbError;
	if (!e || typeof e !== 'object') return false;
	if (typeof e.code === 'string' && (LOST_SQLSTATES.has(e.code) || LOST_SOCKET_CODES.has(e.code))) return true;
	if (e.errcode === 5 || (typeof e.message === 'string' && /database is locked|SQLITE_BUSY/.test(e.message))) return true;
	return typeof e.message === 'string' && LOST_PG_MESSAGES.test(e.message);
}

/** A transaction whose connection was lost at its commit, with no way to tell whether it was kept. */
export class CommitOutcomeUnknown extends Error {
	constructor(cause: unknown) {
		super(
			`The connection to the after-sales store was lost while saving (${(cause as Error)?.message ?? cause}); whether the change was saved is unknown: look the record up before you send it again`,
		);
		this.name = 'CommitOutcomeUnknown';
	}
}

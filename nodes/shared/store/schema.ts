/**
 * The store's tables as Kysely sees them (camelCase here, snake_case in SQL via CamelCasePlugin).
 * Dates are `YYYY-MM-DD` text and moments ISO-8601 text in both backends, so that one query code
 * base compares and sorts them the same way. Money is integer fen; flags are 0/1.
 */
import type { Generated } from 'kysely';

export interface CustomerTable {
	id: Generated<number>;
	code: string;
	/** `code` as compared: NFKC, case folded (rules/natural-keys.ts); unique. */
	codeKey: string;
	name: string;
	contactPerson: string | null;
	phone: string | null;
	email: string | null;
	address: string | null;
	notes: string | null;
	archived: Generated<number>;
	archivedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface InstallationTable {
	id: Generated<number>;
	serialNo: string;
	/** `serialNo` as compared (NFKC, case folded); unique. */
	serialNoKey: string;
	customerId: number;
	description: string;
	completedOn: string;
	warrantyUntil: string;
	createdAt: string;
	updatedAt: string;
}

export interface ContractTable {
	id: Generated<number>;
	contractNo: string;
	/** `contractNo` as compared (NFKC, case folded); unique. */
	contractNoKey: string;
	customerId: number;
	kind: 'annual' | 'per-visit';
	startsOn: string;
	endsOn: string;
	feeFen: number;
	visitFeeFen: number;
	status: 'active' | 'cancelled' | 'renewed';
	createdAt: string;
	updatedAt: string;
}

export interface TechnicianTable {
	id: Generated<number>;
	name: string;
	phone: string;
	email: string | null;
	/** JSON array of skill names. */
	skills: string;
	/** JSON array of service areas. */
	areas: string;
	dailyCapacity: number;
	active: number;
	deactivatedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface TileModelTable {
	id: Generated<number>;
	modelCode: string;
	/** `modelCode` as compared (NFKC, case folded); unique. */
	modelCodeKey: string;
	name: string;
	widthMm: number;
	heightMm: number;
	thicknessMm: number | null;
	piecesPerBox: number;
	boxWeightG: number;
	pricePerBoxFen: number;
	boxesOnHand: number;
	boxesReserved: number;
	createdAt: string;
	updatedAt: string;
}

export interface StockMovementTable {
	id: Generated<number>;
	tileModelId: number;
	delta: number;
	reason: string;
	balanceAfter: number;
	createdAt: string;
}

/** Repair register (报修登记簿): one row per reported problem, from intake to archive. */
export interface TicketTable {
	id: Generated<number>;
	ticketNumber: string;
	voucherNumber: string;
	customerId: number;
	contactPerson: string | null;
	phone: string;
	address: string;
	siteSituation: string;
	reportedAt: string;
	reportDate: string;
	serialNo: string | null;
	contractNo: string | null;
	skill: string | null;
	customerType: string;
	category: string;
	basis: string;
	dueAt: string;
	status: string;
	technicianId: number | null;
	dispatchedAt: string | null;
	/** Day (YYYY-MM-DD, workflow timezone) the ticket was dispatched: counts against that day's capacity. */
	dispatchedOn: string | null;
	/** JSON: the score breakdown of the assignment. */
	dispatchScore: string | null;
	idempotencyKey: string | null;
	escalatedPeriod: Generated<number>;
	solution: string | null;
	customerSignature: string | null;
	signedAt: string | null;
	closedAt: string | null;
	voucherArchivedAt: string | null;
	cancelReason: string | null;
	returnedOn: string | null;
	createdAt: string;
	updatedAt: string;
}

/** Audit trail: every registration and transition of a ticket, with time and actor. */
export interface TicketEventTable {
	id: Generated<number>;
	ticketId: number;
	action: string;
	fromStatus: string | null;
	toStatus: string;
	actor: string;
	at: string;
	/** JSON details of the step. */
	details: string;
}

/** Gap-free daily sequences (ticket, voucher …), advanced inside the transaction that uses them. */
export interface CounterTable {
	name: string;
	day: string;
	value: number;
}

/** Product receipt (客户商品领取收据) given when a product is taken back (P6); voided on return (P7). */
export interface ProductReceiptTable {
	id: Generated<number>;
	receiptNumber: string;
	ticketId: number;
	product: string;
	serialNo: string | null;
	accessories: string | null;
	takenOn: string;
	customerSignature: string | null;
	voidedAt: string | null;
	createdAt: string;
}

/** Product in/out register (客户商品进出登记簿): one line in when taken back, one out when returned. */
export interface ProductMovementTable {
	id: Generated<number>;
	ticketId: number;
	receiptId: number;
	direction: 'in' | 'out';
	movedOn: string;
	note: string | null;
	createdAt: string;
}

/** Repair card (修护卡) that stays with a taken-back product (P6/P7). */
export interface RepairCardTable {
	id: Generated<number>;
	cardNumber: string;
	ticketId: number;
	inspectedBy: string | null;
	inspectedAt: string | null;
	createdAt: string;
}

export interface RepairWorkTable {
	id: Generated<number>;
	cardId: number;
	technicianId: number | null;
	workedOn: string;
	minutes: number;
	description: string | null;
	createdAt: string;
}

export interface RepairPartTable {
	id: Generated<number>;
	cardId: number;
	part: string;
	quantity: number;
	createdAt: string;
}

/** Technician daily work report lines (技术员工作日报表, P10): category and minutes. */
export interface WorkLogTable {
	id: Generated<number>;
	technicianId: number;
	ticketId: number | null;
	workedOn: string;
	category: string;
	minutes: number;
	kind: string;
	createdAt: string;
}

/** Secrets the store makes for itself once (the survey link's signing key), shared by every process on the store. */
export interface StoreSecretTable {
	name: string;
	value: string;
	createdAt: string;
}

/** Follow-up survey (回访调查, P14–P16): one per ticket whose job is done; the answer on the same row. */
export interface SurveyTable {
	id: Generated<number>;
	surveyNumber: string;
	ticketId: number;
	/** The customer's email address when the survey was made (null: the clerk calls). */
	email: string | null;
	expiresAt: string;
	/** A sending run took the survey to email at this moment (a lease: another run leaves it alone for a while). */
	emailClaimedAt: string | null;
	emailedAt: string | null;
	answeredAt: string | null;
	channel: 'link' | 'phone' | null;
	attitude: number | null;
	skill: number | null;
	arrival: number | null;
	promises: number | null;
	/** 0/1: the system was accepted and works as expected (Form 1.1). */
	accepted: number | null;
	delivered: 'yes' | 'no' | 'no-attachment' | null;
	comments: string | null;
	answeredBy: string | null;
	createdBy: string;
	createdAt: string;
	updatedAt: string;
}

/** Complaint register (客户投诉, P17): open → replied → closed. */
export interface ComplaintTable {
	id: Generated<number>;
	complaintNumber: string;
	ticketId: number;
	surveyId: number | null;
	severity: 'general' | 'serious';
	text: string;
	channel: string;
	receivedAt: string;
	/** The day (workflow timezone) the reply is due. */
	replyDueOn: string;
	/** The instant that day ends: the reply is late from then on. */
	replyDueAt: string;
	status: 'open' | 'replied' | 'closed';
	/** A notice run took the complaint at this moment (a lease, as for survey emails). */
	noticeClaimedAt: string | null;
	/** The manager (company manager for a serious one) was told at this moment. */
	notifiedAt: string | null;
	escalatedPeriod: Generated<number>;
	replyMethod: 'letter' | 'phone' | null;
	repliedAt: string | null;
	replyText: string | null;
	repliedBy: string | null;
	closedAt: string | null;
	closedBy: string | null;
	createdBy: string;
	createdAt: string;
	updatedAt: string;
}

export interface SchemaMigrationTable {
	version: number;
	name: string;
	appliedAt: string;
}

export interface Database {
	customers: CustomerTable;
	installations: InstallationTable;
	contracts: ContractTable;
	technicians: TechnicianTable;
	tileModels: TileModelTable;
	stockMovements: StockMovementTable;
	tickets: TicketTable;
	ticketEvents: TicketEventTable;
	counters: CounterTable;
	productReceipts: ProductReceiptTable;
	productMovements: ProductMovementTable;
	repairCards: RepairCardTable;
	repairWork: RepairWorkTable;
	repairParts: RepairPartTable;
	workLog: WorkLogTable;
	storeSecrets: StoreSecretTable;
	surveys: SurveyTable;
	complaints: ComplaintTable;
	schemaMigrations: SchemaMigrationTable;
}

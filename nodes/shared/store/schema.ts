/**
 * The store's tables as Kysely sees them (camelCase here, snake_case in SQL via CamelCasePlugin).
 * Dates are `YYYY-MM-DD` text and moments ISO-8601 text in both backends, so that one query code
 * base compares and sorts them the same way. Money is integer fen; flags are 0/1.
 */
import type { Generated, Transaction } from 'kysely';
import type { RepairReport } from '../rules/repair-report';

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
	/** Visit outcome "replaced" (更换设备): the unit that took this one's place, when and on which ticket. */
	replacedById: Generated<number | null>;
	replacedOn: Generated<string | null>;
	replacedByTicketId: Generated<number | null>;
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
	/** 1: the contract includes parts, so they are not charged (含零件). */
	partsIncluded: Generated<number>;
	/** Planned maintenance (保养周期(月)): a visit every this many months from the start; null: none. */
	maintenanceEveryMonths: Generated<number | null>;
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
export interface TicketTable extends Pick<
	RepairReport,
	'contactPerson' | 'phone' | 'address' | 'siteSituation' | 'reportedAt' | 'reportDate' | 'serialNo' | 'contractNo'
> {
	id: Generated<number>;
	ticketNumber: string;
	voucherNumber: string;
	customerId: number;
	/** Money (P5): the per-visit contract fee judged at intake; what was collected on site, how and when. */
	visitFeeFen: Generated<number | null>;
	collectedFen: Generated<number | null>;
	paymentMethod: Generated<string | null>;
	collectedAt: Generated<string | null>;
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
	/** P9: the completion date (YYYY-MM-DD) agreed at take-back; `dueAt` is the end of that day. */
	promisedBy: Generated<string | null>;
	/** Visit outcome "replaced": the new unit's installation. */
	replacementInstallationId: Generated<number | null>;
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
	unitPriceFen: Generated<number | null>;
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
	/** D work (migration 21): the technician's notes and who entered the line. */
	notes: Generated<string | null>;
	createdBy: Generated<string | null>;
}

/** Parts used on a visit (solved on site), with their price per unit. */
export interface VisitPartTable {
	id: Generated<number>;
	ticketId: number;
	part: string;
	quantity: number;
	unitPriceFen: number | null;
	createdAt: string;
}

/** Photos of a visit (migration 24): kept with the ticket, numbered 1, 2 … on it. */
export interface TicketPhotoTable {
	id: Generated<number>;
	ticketId: number;
	seq: number;
	contentType: string;
	bytes: Uint8Array;
	size: number;
	sha256: string;
	fileName: string | null;
	createdAt: string;
	createdBy: string | null;
}

/** Invoices (收费单/发票): FP-YYYY-NNNNNN, one live invoice per source (ticket or order stage), never deleted. */
export interface InvoiceTable {
	id: Generated<number>;
	invoiceNumber: string;
	sourceKind: 'ticket' | 'order-stage';
	/** `ticket:<ticketNumber>` or `order:<orderNumber>:<stage>`; unique among invoices not void. */
	sourceKey: string;
	ticketId: number | null;
	orderNumber: string | null;
	orderStage: string | null;
	customerId: number | null;
	customerName: string;
	category: string | null;
	issuedOn: string;
	issuedAt: string;
	issuedBy: string;
	totalFen: number;
	paidFen: Generated<number>;
	status: 'issued' | 'paid' | 'void';
	collectedOnSite: Generated<number>;
	voidReason: string | null;
	voidedAt: string | null;
	voidedBy: string | null;
	replacesInvoiceId: number | null;
	fapiaoNumber: string | null;
	fapiaoRecordedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface InvoiceLineTable {
	id: Generated<number>;
	invoiceId: number;
	lineNo: number;
	kind: string;
	description: string;
	quantity: number;
	unitFen: number;
	amountFen: number;
}

/** Payments on an invoice; cash taken on site is held by the technician until handed to finance. */
export interface PaymentTable {
	id: Generated<number>;
	invoiceId: number;
	amountFen: number;
	method: string;
	paidAt: string;
	paidOn: string;
	recordedBy: string;
	note: string | null;
	onSite: Generated<number>;
	technicianId: number | null;
	handedOverAt: string | null;
	handedOverBy: string | null;
	movedFromInvoiceId: number | null;
	createdAt: string;
}

/** The after-sales liaison letter (售后服务联络函, 保外单次售后服务申请) of a liaison-letter ticket. */
export interface LiaisonLetterTable {
	id: Generated<number>;
	letterNumber: string;
	ticketId: number;
	issuedOn: string;
	subject: string;
	confirmedBy: string | null;
	confirmedAt: string | null;
	feedback: string | null;
	createdAt: string;
}

/** Tile order (瓷砖订单, T1–T12): the customer as on the order, deposit, service content, each step's record. */
export interface TileOrderTable {
	id: Generated<number>;
	orderNumber: string;
	/** The day (workflow timezone) whose sequence the number took. */
	orderDay: string;
	customerId: number;
	customerName: string;
	contactPerson: string | null;
	phone: string;
	email: string | null;
	address: string;
	depositFen: number;
	/** 1: the store processes (cuts) the tiles (T2/T6). */
	processing: number;
	installerName: string | null;
	installerPhone: string | null;
	notes: string | null;
	status: string;
	idempotencyKey: string | null;
	appointmentAt: string | null;
	keyHolderName: string | null;
	keyHolderPhone: string | null;
	appointmentNotes: string | null;
	measuredAt: string | null;
	measuredBy: string | null;
	stockPreparedAt: string | null;
	factory: string | null;
	factoryEmail: string | null;
	processingSentAt: string | null;
	processingCompletionDate: string | null;
	processingFeeFen: number | null;
	processingConfirmedAt: string | null;
	paymentNoticeAt: string | null;
	paymentNoticeFen: number | null;
	installationStartedAt: string | null;
	settledAt: string | null;
	completedAt: string | null;
	archivedAt: string | null;
	cancelledAt: string | null;
	cancelReason: string | null;
	createdAt: string;
	updatedAt: string;
}

/** A line of a tile order: the model's facts and price as agreed, the area and its quantities (T5). */
export interface TileOrderLineTable {
	id: Generated<number>;
	orderId: number;
	lineNo: number;
	tileModelId: number;
	modelCode: string;
	modelName: string;
	widthMm: number;
	heightMm: number;
	piecesPerBox: number;
	boxWeightG: number;
	pricePerBoxFen: number;
	areaMm2: number;
	wastagePermille: number;
	layout: string | null;
	extraBoxes: number;
	piecesNeeded: number;
	boxes: number;
	weightG: number;
	amountFen: number;
}

/** Boxes of a model held for an order (stock prepared, extra boxes); released at completion or cancellation. */
export interface TileReservationTable {
	id: Generated<number>;
	orderId: number;
	tileModelId: number;
	boxes: number;
	source: 'order' | 'extra';
	createdAt: string;
	releasedAt: string | null;
}

/** A line of the processing sheet (加工单, T6/T7). */
export interface TileProcessingLineTable {
	id: Generated<number>;
	orderId: number;
	lineNo: number;
	tileModelId: number;
	modelCode: string;
	pieces: number;
	cutting: string | null;
	edging: string | null;
	chamfering: string | null;
	notes: string | null;
}

/** A payment on a tile order (T8/T11); a refund is negative, with its reason. */
export interface TileOrderPaymentTable {
	id: Generated<number>;
	orderId: number;
	amountFen: number;
	method: string;
	reason: string | null;
	paidAt: string;
	actor: string;
}

/** The delivery of an order (T9): date, installer, weight, the vehicle trips (JSON) and the freight, the store's cost. */
export interface TileOrderDeliveryTable {
	id: Generated<number>;
	orderId: number;
	deliveryDate: string;
	installerName: string | null;
	installerPhone: string | null;
	weightG: number;
	freightFen: number;
	trips: string;
	createdAt: string;
}

/** A secondary item during installation (T10): extra boxes, returned boxes, secondary processing. */
export interface TileOrderItemTable {
	id: Generated<number>;
	orderId: number;
	kind: 'extra' | 'return' | 'reprocessing';
	tileModelId: number | null;
	modelCode: string | null;
	boxes: number | null;
	unitFen: number | null;
	amountFen: number;
	notes: string | null;
	createdAt: string;
	actor: string;
}

/** Audit trail of a tile order: every step with time and actor. */
export interface TileOrderEventTable {
	id: Generated<number>;
	orderId: number;
	action: string;
	fromStatus: string | null;
	toStatus: string;
	actor: string;
	at: string;
	details: string;
}

/** Secrets the store makes for itself once (the survey link's signing key), shared by every process on the store. */
export interface StoreSecretTable {
	name: string;
	value: string;
	createdAt: string;
}

/** A report sent from a unit's QR label (扫码报修): counted per unit for the rate limit; one row per idempotency key. */
export interface ScanReportTable {
	id: Generated<number>;
	installationId: number;
	idempotencyKey: string;
	reportedAt: string;
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
	/** The ticket it is about; null for a phoned complaint about a tile order or about neither (migration 30). */
	ticketId: number | null;
	/** The tile order it is about, if any. */
	orderId: number | null;
	/** The customer, when known (from the ticket, the order, or the caller's phone in the customer file). */
	customerId: number | null;
	/** Who called, as the desk took it down (the name when no customer is known). */
	customerName: string | null;
	phone: string | null;
	surveyId: number | null;
	/** The department's judgment (P17); until judged, the severity the desk or the customer gave. */
	severity: 'general' | 'serious';
	/** The customer's choice on the survey page: a proposal. */
	proposedSeverity: 'general' | 'serious' | null;
	severityReason: string | null;
	severityJudgedAt: string | null;
	severityJudgedBy: string | null;
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

/** A complaint's history: registered, judged, notices, reply, the reply letter sent or listed for post, closed. */
export interface ComplaintEventTable {
	id: Generated<number>;
	complaintId: number;
	action: string;
	actor: string;
	at: string;
	/** JSON object. */
	details: string;
}

/** Expiry notice (保养到期通知书, P13): one per contract and end date, with its renewal negotiation task (续约洽谈). */
export interface ExpiryNoticeTable {
	id: Generated<number>;
	noticeNumber: string;
	contractId: number;
	/** The end date noticed: a later end date (after an edit) gets its own notice. */
	endsOn: string;
	/** The day of the notice (workflow timezone). */
	noticedOn: string;
	/** The customer's email address when the notice was made (null: no address). */
	email: string | null;
	taskStatus: 'open' | 'closed-renewed' | 'closed-cancelled' | 'lapsed';
	taskClosedAt: string | null;
	renewedContractId: number | null;
	/** The scan that found the contract lapsed reported it at this moment (once). */
	lapseReportedAt: string | null;
	createdBy: string;
	createdAt: string;
	updatedAt: string;
}

/** Planned maintenance (保养): one visit (a category B ticket) per contract and due day. */
export interface MaintenanceVisitTable {
	id: Generated<number>;
	contractId: number;
	dueOn: string;
	ticketId: number;
	createdBy: string;
	createdAt: string;
}

/** A periodic follow-up call (定期回访) the monthly run listed: one per installation a period (month). */
export interface PeriodicFollowUpTable {
	id: Generated<number>;
	followUpNumber: string;
	installationId: number;
	/** The run's month, YYYY-MM: unique with the installation. */
	period: string;
	listedOn: string;
	lastContactOn: string;
	lastContactKind: string;
	dueOn: string;
	intervalMonths: number;
	result: 'normal' | 'fault' | 'unreachable' | null;
	opinion: string | null;
	siteSituation: string | null;
	ticketId: number | null;
	calledAt: string | null;
	calledBy: string | null;
	createdBy: string;
	createdAt: string;
	updatedAt: string;
}

/** A message in the outbox (发件箱, migration 31): written with its change, sent after the commit. */
export interface OutboxTable {
	id: Generated<number>;
	/** Names the message — its change, kind and recipient — so one change never queues it twice. */
	messageKey: string;
	channel: 'email' | 'staff' | 'sms';
	/** The message kind: a staff kind (new-ticket …), an SMS kind (survey …) or an email's kind. */
	kind: string;
	/** The email address or mobile; null for the staff groups (every robot configured). */
	recipient: string | null;
	subject: string | null;
	/** JSON: a staff message, an SMS's params, an email's text/html and attachments. */
	payload: string;
	status: 'pending' | 'sent' | 'failed' | 'skipped';
	attempts: number;
	lastError: string | null;
	/** JSON array of the staff robots already reached. */
	delivered: string;
	nextAttemptAt: string;
	claimedUntil: string | null;
	claimToken: string | null;
	ticketId: number | null;
	createdAt: string;
	/** After this moment a failed message is given up (failed) and listed for the manager. */
	giveUpAt: string;
	sentAt: string | null;
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
	visitParts: VisitPartTable;
	ticketPhotos: TicketPhotoTable;
	invoices: InvoiceTable;
	invoiceLines: InvoiceLineTable;
	payments: PaymentTable;
	liaisonLetters: LiaisonLetterTable;
	tileOrders: TileOrderTable;
	tileOrderLines: TileOrderLineTable;
	tileReservations: TileReservationTable;
	tileProcessingLines: TileProcessingLineTable;
	tileOrderPayments: TileOrderPaymentTable;
	tileOrderDeliveries: TileOrderDeliveryTable;
	tileOrderItems: TileOrderItemTable;
	tileOrderEvents: TileOrderEventTable;
	storeSecrets: StoreSecretTable;
	scanReports: ScanReportTable;
	surveys: SurveyTable;
	complaints: ComplaintTable;
	complaintEvents: ComplaintEventTable;
	expiryNotices: ExpiryNoticeTable;
	maintenanceVisits: MaintenanceVisitTable;
	periodicFollowUps: PeriodicFollowUpTable;
	outbox: OutboxTable;
	schemaMigrations: SchemaMigrationTable;
}

/** A transaction on the store: what every register and use case takes. */
export type Trx = Transaction<Database>;

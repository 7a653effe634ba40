/**
 * The store's tables as Kysely sees them (camelCase here, snake_case in SQL via CamelCasePlugin).
 * Dates are `YYYY-MM-DD` text and moments ISO-8601 text in both backends, so that one query code
 * base compares and sorts them the same way. Money is integer fen; flags are 0/1.
 */
import type { Generated } from 'kysely';

export interface CustomerTable {
	id: Generated<number>;
	code: string;
	name: string;
	contactPerson: string | null;
	phone: string | null;
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
	schemaMigrations: SchemaMigrationTable;
}

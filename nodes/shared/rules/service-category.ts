/**
 * Which of the four service categories (P1) a repair report falls in, judged on the report date
 * from the customer's installations (warranty) and maintenance contracts. Decision for part P:
 * in-warranty → C (free), annual or per-visit contract → B, liaison letter / out of warranty → A.
 * D is internal work with no customer, so a report is never classified D here.
 */
import { fieldError, shown } from './errors';
import { label } from './fields';
import { fenToYuan } from './money';
import { sameKey } from './natural-keys';

export type CustomerType = 'in-warranty' | 'annual-contract' | 'per-visit-contract' | 'liaison-letter';
export type Category = 'A' | 'B' | 'C' | 'D';

export interface WarrantyFact {
	serialNo: string;
	completedOn: string;
	warrantyUntil: string;
}

export interface ContractFact {
	contractNo: string;
	kind: 'annual' | 'per-visit';
	startsOn: string;
	endsOn: string;
	status: 'active' | 'cancelled' | 'renewed';
	visitFeeFen: number;
}

export interface Classification {
	customerType: CustomerType;
	category: Category;
	serialNo?: string;
	contractNo?: string;
	visitFeeFen?: number;
	/** One English sentence a clerk understands, e.g. "Installation SN-1 is under warranty until 2027-03-01". */
	basis: string;
}

export const CATEGORY_LABELS: Record<Category, { en: string; zh: string }> = {
	A: { en: 'Paid service', zh: '有费服务' },
	B: { en: 'Contract service', zh: '合同服务' },
	C: { en: 'Free service', zh: '免费服务' },
	D: { en: 'Internal administrative work', zh: '一般行政工作' },
};

export const CUSTOMER_TYPE_LABELS: Record<CustomerType, { en: string; zh: string }> = {
	'in-warranty': { en: 'In-warranty customer', zh: '保内客户' },
	'annual-contract': { en: 'Annual contract customer', zh: '按年合同客户' },
	'per-visit-contract': { en: 'Per-visit contract customer', zh: '按次合同客户' },
	'liaison-letter': { en: 'Liaison-letter service customer', zh: '《联络函》服务客户' },
};

const CUSTOMER_TYPE_OF_KIND: Record<ContractFact['kind'], CustomerType> = { annual: 'annual-contract', 'per-visit': 'per-visit-contract' };
const KIND_WORD: Record<ContractFact['kind'], string> = { annual: 'Annual', 'per-visit': 'Per-visit' };

export function isUnderWarranty(installation: WarrantyFact, date: string): boolean {
	return installation.completedOn <= date && date <= installation.warrantyUntil;
}

export function contractCovers(contract: ContractFact, date: string): boolean {
	return contract.status !== 'cancelled' && contract.startsOn <= date && date <= contract.endsOn;
}

/** The element ending last; on a tie the first one given. */
function endingLast<T>(items: T[], end: (item: T) => string): T | undefined {
	let best: T | undefined;
	for (const item of items) if (best === undefined || end(item) > end(best)) best = item;
	return best;
}

function whyNotInWarranty(installation: WarrantyFact, date: string): string {
	if (date < installation.completedOn)
		return `Installation ${installation.serialNo} was not yet completed on ${date} (completed ${installation.completedOn})`;
	return `the warranty of installation ${installation.serialNo} ended on ${installation.warrantyUntil}`;
}

function whyNotCovered(contract: ContractFact, date: string): string {
	if (contract.status === 'cancelled') return `contract ${contract.contractNo} was cancelled`;
	if (date < contract.startsOn) return `contract ${contract.contractNo} only starts on ${contract.startsOn}`;
	return `contract ${contract.contractNo} ended on ${contract.endsOn}`;
}

function capitalised(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Warranty without a serial number (RULES, Decisions turn 3): with `serialNo` only that unit
 * counts; without one the report is free (C) only when the customer's units are all under
 * warranty on the date (with exactly one unit: that one is) — the unit ending last is named. A
 * customer with one unit in and one out of warranty is not given the warranty on trust.
 */
export function warrantyAssumed(installations: WarrantyFact[], date: string, named?: WarrantyFact): WarrantyFact | undefined {
	if (named) return isUnderWarranty(named, date) ? named : undefined;
	if (installations.length === 0 || !installations.every((i) => isUnderWarranty(i, date))) return undefined;
	return endingLast(installations, (i) => i.warrantyUntil);
}

/** Why a report without a serial number was not taken as a warranty case, for `basis`. */
export function warrantyNotAssumed(installations: WarrantyFact[], date: string): string {
	const out = installations.filter((i) => !isUnderWarranty(i, date));
	if (installations.length === 0) return `No installation is under warranty on ${date}`;
	if (out.length === installations.length)
		return `No installation is under warranty on ${date} (${out.map((i) => whyNotInWarranty(i, date)).join('; ')}); no serial no (序列号) was given, so the warranty was not assumed`;
	return (
		`No serial no (序列号) was given and not all of the customer's ${installations.length} installations are under warranty on ${date} ` +
		`(${out.map((i) => whyNotInWarranty(i, date)).join('; ')}), so the warranty was not assumed`
	);
}

/**
 * Classifies a repair report on its report date. Warranty first: with `serialNo` only that
 * installation counts, otherwise all the customer's installations must be (warrantyAssumed). Then contracts: with
 * `contractNo` only that contract counts, otherwise any contract covering the date that is not
 * cancelled; annual before per-visit, and among several the one ending last. Nothing → A.
 */
export function classifyReport(input: {
	reportDate: string;
	installations: WarrantyFact[];
	contracts: ContractFact[];
	serialNo?: string;
	contractNo?: string;
}): Classification {
	const { reportDate: date, installations, contracts } = input;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) {
		throw fieldError('reportDate', `Report date (报修日期): ${shown(date)} is not a date; expected YYYY-MM-DD, for example 2026-11-27`);
	}
	const serialNo = input.serialNo?.trim() || undefined;
	const contractNo = input.contractNo?.trim() || undefined;

	let chosenInstallation: WarrantyFact | undefined;
	if (serialNo !== undefined) {
		chosenInstallation = installations.find((i) => sameKey(i.serialNo, serialNo));
		if (!chosenInstallation) {
			throw fieldError(
				'serialNo',
				`${label('serialNo')}: "${serialNo}" is not one of this customer's installations` +
					(installations.length ? ` (${installations.map((i) => i.serialNo).join(', ')})` : '; the customer has no installation on file'),
			);
		}
	}
	let chosenContract: ContractFact | undefined;
	if (contractNo !== undefined) {
		chosenContract = contracts.find((c) => sameKey(c.contractNo, contractNo));
		if (!chosenContract) {
			throw fieldError(
				'contractNo',
				`${label('contractNo')}: "${contractNo}" is not one of this customer's maintenance contracts` +
					(contracts.length ? ` (${contracts.map((c) => c.contractNo).join(', ')})` : '; the customer has no contract on file'),
			);
		}
	}

	// 1. Warranty: the unit named, or — without a serial no — only when every unit is (RULES turn 3).
	const inWarranty = warrantyAssumed(installations, date, chosenInstallation);
	if (inWarranty) {
		return {
			customerType: 'in-warranty',
			category: 'C',
			serialNo: inWarranty.serialNo,
			basis: `Installation ${inWarranty.serialNo} is under warranty until ${inWarranty.warrantyUntil}`,
		};
	}

	// 2. Contracts: annual before per-visit; among several, the one ending last.
	const candidates = (chosenContract ? [chosenContract] : contracts).filter((c) => contractCovers(c, date));
	const contract =
		endingLast(
			candidates.filter((c) => c.kind === 'annual'),
			(c) => c.endsOn,
		) ??
		endingLast(
			candidates.filter((c) => c.kind === 'per-visit'),
			(c) => c.endsOn,
		);
	const noWarranty = chosenInstallation ? capitalised(whyNotInWarranty(chosenInstallation, date)) : warrantyNotAssumed(installations, date);
	if (contract) {
		const fee = contract.kind === 'per-visit' ? `; each visit costs ${fenToYuan(contract.visitFeeFen)} yuan` : '';
		return {
			customerType: CUSTOMER_TYPE_OF_KIND[contract.kind],
			category: 'B',
			...(chosenInstallation ? { serialNo: chosenInstallation.serialNo } : {}),
			contractNo: contract.contractNo,
			...(contract.kind === 'per-visit' ? { visitFeeFen: contract.visitFeeFen } : {}),
			basis: `${KIND_WORD[contract.kind]} contract ${contract.contractNo} covers ${date} (${contract.startsOn} to ${contract.endsOn})${fee}`,
		};
	}

	// 3. Nothing covers the report: paid service on a liaison letter.
	const noContract = chosenContract ? whyNotCovered(chosenContract, date) : `no maintenance contract covers ${date}`;
	return {
		customerType: 'liaison-letter',
		category: 'A',
		...(chosenInstallation ? { serialNo: chosenInstallation.serialNo } : {}),
		basis: `${noWarranty} and ${noContract}: paid service on a liaison letter (《联络函》)`,
	};
}

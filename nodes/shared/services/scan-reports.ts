/**
 * Scan to report (扫码报修, issue 17 item 5) as use cases: the sheet of QR labels of a customer's
 * installations, the unit a label opens, and a report sent from it — checked (signature, the
 * customer's fields, the rate limit per unit) and handed on as a repair report for the intake
 * (Create Repair Ticket + Dispatch, the same operations as `POST repairs`).
 *
 * The label is signed with the store's secret (the survey and document links' one), so every n8n
 * process and queue-mode worker on the store makes and checks labels alike; the rate limit is
 * counted in the store under a per-unit lock, so it holds across workers too.
 */
import type { Store } from '../store/store';
import { surveySigner } from '../store/secrets';
import { findCustomer } from '../store/registers/customers';
import { findInstallation, listInstallations, type Installation } from '../store/registers/installations';
import { countScanReportsSince, insertScanReport, lockUnitReports, scanReportExists } from '../store/registers/scan-reports';
import { NotFoundError, RuleViolation, fieldError } from '../rules/errors';
import { isBlank } from '../rules/records';
import {
	checkLabelToken,
	checkReportRate,
	cleanScanReport,
	labelTokenProblem,
	makeLabelToken,
	rateWindowStart,
	scanReportKey,
	SCAN_REPORTS_PER_UNIT,
	SCAN_REPORT_WINDOW_HOURS,
} from '../rules/scan-report';
import { DateTime } from 'luxon';

/** A unit as its label and its report page show it. */
export interface LabelledUnit {
	installationId: number;
	serialNo: string;
	description: string;
	warrantyUntil: string;
	customerCode: string;
	customerName: string;
	contactPerson: string | null;
	address: string | null;
	/** The label's token: the last segment of `report/<token>`. */
	token: string;
}

export interface LabelSheet {
	customerCode: string;
	customerName: string;
	address: string | null;
	labels: LabelledUnit[];
}

/** A label link that opens nothing (a webhook answers 403). */
export class LabelRefused extends RuleViolation {
	constructor(message: string) {
		super(message, 'token');
		this.name = 'LabelRefused';
	}
}

function unitOf(i: Installation, customer: { contactPerson: string | null; address: string | null }, token: string): LabelledUnit {
	return {
		installationId: i.id,
		serialNo: i.serialNo,
		description: i.description,
		warrantyUntil: i.warrantyUntil,
		customerCode: i.customerCode,
		customerName: i.customerName,
		contactPerson: customer.contactPerson,
		address: customer.address,
		token,
	};
}

/** The labels of a customer's installations in use (a unit replaced by another is left out: it is gone). */
export async function labelSheet(store: Store, customerCode: unknown): Promise<LabelSheet> {
	if (isBlank(customerCode) || typeof customerCode !== 'string') {
		throw fieldError(
			'customerCode',
			'客户编号 Customer code: 未填写 is empty; expected ?customerCode= with the code from the customer file, for example KH000001',
		);
	}
	const sign = await surveySigner(store.db);
	return await store.transaction(async (trx) => {
		const customer = await findCustomer(trx, { code: customerCode });
		if (!customer) throw new NotFoundError(`客户编号 Customer code: "${customerCode.trim()}" is not in the customer file (客户档案)`, 'customerCode');
		const units = (await listInstallations(trx, { customerId: customer.id })).filter((i) => i.replacedById === null);
		return {
			customerCode: customer.code,
			customerName: customer.name,
			address: customer.address,
			labels: units.map((i) => unitOf(i, customer, makeLabelToken(i.id, sign))),
		};
	});
}

/** The unit a label's token opens: the signature first, then the unit (gone from the store: 404). */
export async function openLabel(store: Store, token: unknown): Promise<LabelledUnit> {
	const sign = await surveySigner(store.db);
	const check = checkLabelToken(token, sign);
	if (!check.ok) throw new LabelRefused(labelTokenProblem(check.reason));
	return await store.transaction(async (trx) => {
		const unit = await findInstallation(trx, { id: check.installationId });
		const customer = unit && (await findCustomer(trx, { id: unit.customerId }));
		if (!unit || !customer) throw new NotFoundError('设备不存在 This unit is no longer in our records; please call us', 'token');
		return unitOf(unit, customer, String(token).trim());
	});
}

export interface ScanReportOptions {
	now: string;
	zone: string;
	/** Reports per unit in the window (default 3). */
	limit?: number;
	/** The window in hours (default 24). */
	windowHours?: number;
}

/** The repair report for the intake (Create Repair Ticket's fields), and whether it was sent before. */
export interface AcceptedScanReport {
	customerCode: string;
	customerName: string;
	contactPerson: string | null;
	phone: string;
	address: string;
	siteSituation: string;
	serialNo: string;
	idempotencyKey: string;
	/** The same report was sent before (today): the intake answers with the same ticket. */
	duplicate: boolean;
	unit: LabelledUnit;
}

/**
 * A report sent from a label: the token (403), the unit (404), the customer's fields (400, every
 * problem at once, nothing written), then — under the unit's lock — a report already sent is let
 * through as the same report (its idempotency key gives the same ticket), a new one is counted
 * against the limit (429 when the unit has had enough) and recorded.
 */
export async function acceptScanReport(
	store: Store,
	token: unknown,
	input: Record<string, unknown>,
	o: ScanReportOptions,
): Promise<AcceptedScanReport> {
	const unit = await openLabel(store, token);
	const report = cleanScanReport(input, isBlank(unit.address));
	const day = DateTime.fromISO(o.now, { setZone: true }).setZone(o.zone).toISODate();
	if (!day) throw new RuleViolation(`The time zone "${o.zone}" is not known`, 'zone');
	const key = scanReportKey(unit.installationId, report, day, await surveySigner(store.db));
	const limit = o.limit ?? SCAN_REPORTS_PER_UNIT;
	const hours = o.windowHours ?? SCAN_REPORT_WINDOW_HOURS;
	const duplicate = await store.transaction(async (trx) => {
		await lockUnitReports(trx, unit.installationId);
		if (await scanReportExists(trx, key)) return true;
		checkReportRate(await countScanReportsSince(trx, unit.installationId, rateWindowStart(o.now, hours)), limit, hours);
		await insertScanReport(trx, { installationId: unit.installationId, idempotencyKey: key, reportedAt: new Date(o.now).toISOString() });
		return false;
	});
	return {
		customerCode: unit.customerCode,
		customerName: unit.customerName,
		contactPerson: report.contactPerson ?? unit.contactPerson,
		phone: report.phone,
		address: isBlank(unit.address) ? report.address! : unit.address!,
		siteSituation: report.siteSituation,
		serialNo: unit.serialNo,
		idempotencyKey: key,
		duplicate,
		unit,
	};
}

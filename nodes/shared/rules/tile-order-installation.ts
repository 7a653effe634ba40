/**
 * A completed tile order becomes an installation of its customer (RULES turn 3): the serial no is
 * the order number, the description its models, completed on the completion day, and a warranty
 * of 12 months for the installer's workmanship (configurable) — so that when the store's own tile
 * customers call, the repair report finds the unit and judges the warranty (category C within it).
 * Pure: the order's lines and the day in, the installation's fields out.
 */
import { RuleViolation, shown } from './errors';
import { m2 } from './tile-stock';
import { replacementWarranty } from './repair-corrections';

/** The installer's workmanship (铺贴质保): 12 months from the completion day unless set otherwise. */
export const DEFAULT_TILE_INSTALLATION_WARRANTY_MONTHS = 12;
export const MAX_TILE_INSTALLATION_WARRANTY_MONTHS = 120;

export interface CompletedOrderLine {
	modelCode: string;
	modelName: string;
	widthMm: number;
	heightMm: number;
	areaMm2: number;
}

export interface TileInstallation {
	serialNo: string;
	description: string;
	completedOn: string;
	warrantyUntil: string;
}

/** The warranty in months: a whole number from 1 to 120 (field `installationWarrantyMonths`). */
export function tileWarrantyMonthsOf(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_TILE_INSTALLATION_WARRANTY_MONTHS;
	const n = typeof value === 'number' ? value : Number(String(value).normalize('NFKC').trim());
	if (!Number.isInteger(n) || n < 1 || n > MAX_TILE_INSTALLATION_WARRANTY_MONTHS) {
		throw new RuleViolation(
			`铺贴质保月数 Installation warranty (months): ${shown(value)} is not allowed; expected a whole number from 1 to ${MAX_TILE_INSTALLATION_WARRANTY_MONTHS}, for example 12`,
			'installationWarrantyMonths',
		);
	}
	return n;
}

/**
 * The installation a completed order becomes: `serialNo` = the order number; description = 瓷砖铺贴
 * and its models with size and area, each model once (its lines' areas summed), in the order they
 * first appear; warranty from the completion day for `months` calendar months, the end day included.
 */
export function installationOfCompletedOrder(
	order: { orderNumber: string; lines: readonly CompletedOrderLine[] },
	completedOn: string,
	months = DEFAULT_TILE_INSTALLATION_WARRANTY_MONTHS,
): TileInstallation {
	const models = new Map<string, CompletedOrderLine & { area: number }>();
	for (const l of order.lines) {
		const m = models.get(l.modelCode);
		if (m) m.area += l.areaMm2;
		else models.set(l.modelCode, { ...l, area: l.areaMm2 });
	}
	const parts = [...models.values()].map((m) => `${m.modelCode} ${m.modelName} ${m.widthMm}×${m.heightMm} ${m2(m.area)} m²`);
	const warranty = replacementWarranty(completedOn, tileWarrantyMonthsOf(months));
	return {
		serialNo: order.orderNumber,
		description: `瓷砖铺贴 Tile installation: ${parts.join('; ')}`.slice(0, 500),
		completedOn: warranty.completedOn,
		warrantyUntil: warranty.warrantyUntil,
	};
}

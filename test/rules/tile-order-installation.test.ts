/** A completed tile order becomes an installation (RULES turn 3): its fields worked by hand. */
import { RuleViolation } from '../../nodes/shared/rules/errors';
import {
	DEFAULT_TILE_INSTALLATION_WARRANTY_MONTHS,
	installationOfCompletedOrder,
	tileWarrantyMonthsOf,
} from '../../nodes/shared/rules/tile-order-installation';

const line = (modelCode: string, areaMm2: number, over = {}) => ({ modelCode, modelName: '抛光砖', widthMm: 600, heightMm: 600, areaMm2, ...over });

describe('a completed tile order becomes an installation', () => {
	test('serial no = the order number; completed on the completion day; 12 months of the installer’s warranty, end day included', () => {
		expect(DEFAULT_TILE_INSTALLATION_WARRANTY_MONTHS).toBe(12);
		expect(installationOfCompletedOrder({ orderNumber: 'DD-20261127-0001', lines: [line('CZ-600', 21_600_000)] }, '2026-11-27')).toEqual({
			serialNo: 'DD-20261127-0001',
			description: '瓷砖铺贴 Tile installation: CZ-600 抛光砖 600×600 21.6 m²',
			completedOn: '2026-11-27',
			warrantyUntil: '2027-11-27',
		});
	});

	test('the description names each model once, its rooms’ areas summed, in the order the models first appear', () => {
		const i = installationOfCompletedOrder(
			{
				orderNumber: 'DD-20261127-0002',
				lines: [line('CZ-600', 10_000_000), line('CZ-1200', 7_200_000, { modelName: '岩板', heightMm: 1200 }), line('CZ-600', 11_600_000)],
			},
			'2026-11-27',
		);
		expect(i.description).toBe('瓷砖铺贴 Tile installation: CZ-600 抛光砖 600×600 21.6 m²; CZ-1200 岩板 600×1200 7.2 m²');
	});

	test('the warranty is configurable; a month-end completion ends on the last day of the shorter month', () => {
		expect(installationOfCompletedOrder({ orderNumber: 'DD-1', lines: [line('CZ-600', 1)] }, '2026-11-27', 24).warrantyUntil).toBe('2028-11-27');
		expect(installationOfCompletedOrder({ orderNumber: 'DD-1', lines: [line('CZ-600', 1)] }, '2027-01-31', 1).warrantyUntil).toBe('2027-02-28');
	});

	test('the warranty months: empty is 12; a whole number from 1 to 120; anything else refused naming the field', () => {
		expect(tileWarrantyMonthsOf(undefined)).toBe(12);
		expect(tileWarrantyMonthsOf('')).toBe(12);
		expect(tileWarrantyMonthsOf('18')).toBe(18);
		for (const bad of [0, -1, 1.5, 121, 'twelve']) {
			expect(() => tileWarrantyMonthsOf(bad)).toThrow(RuleViolation);
			try {
				tileWarrantyMonthsOf(bad);
			} catch (e) {
				expect((e as RuleViolation).field).toBe('installationWarrantyMonths');
				expect((e as Error).message).toMatch(
					/^铺贴质保月数 Installation warranty \(months\): .+ is not allowed; expected a whole number from 1 to 120/,
				);
			}
		}
	});
});

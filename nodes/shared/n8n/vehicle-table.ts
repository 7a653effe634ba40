/** The vehicle table (车型表) as a node parameter: RULES.md's four classes by default, editable per node. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DEFAULT_VEHICLES, type VehicleClass } from '../rules/tile-vehicles';
import { fenToYuan, yuanToFen } from '../rules/money';
import { fieldError, plainNumber, shown } from '../rules/errors';
import { isText, notTextMessage } from '../rules/records';
import { numberProperty, stringProperty } from './properties';

export function vehicleTableProperty(): INodeProperties {
	return {
		displayName: 'Vehicle Table (车型表)',
		name: 'vehicles',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Vehicle Class',
		description:
			'The vehicle classes to choose from by payload: the lightest class that carries the load wins; a heavier load takes several trips. Freight is the store’s cost.',
		hint: 'RULES.md defaults: van 1,000 kg ¥150, light truck 2,000 kg ¥250, medium truck 5,000 kg ¥450, heavy truck 10,000 kg ¥800 a trip',
		default: {
			vehicle: DEFAULT_VEHICLES.map((v) => ({ code: v.code, name: v.name, payloadKg: v.payloadKg, freightYuan: Number(fenToYuan(v.freightFen)) })),
		},
		options: [
			{
				name: 'vehicle',
				displayName: 'Vehicle Class',
				values: [
					stringProperty('code', 'Code', '', { placeholder: 'van' }),
					stringProperty('name', 'Name (车型)', '', { placeholder: '面包车' }),
					numberProperty('payloadKg', 'Payload (Kg)', 1000, { typeOptions: { minValue: 1 } }),
					numberProperty('freightYuan', 'Freight per Trip (Yuan)', 0, { typeOptions: { minValue: 0, numberPrecision: 2 } }),
				],
			},
		],
	};
}

/** The table as the rules take it (freight in fen); an empty table means RULES.md's defaults. */
export function readVehicleTable(ctx: IExecuteFunctions, i: number): VehicleClass[] {
	const raw = ctx.getNodeParameter('vehicles', i, {}) as { vehicle?: Array<Record<string, unknown>> };
	const rows = raw.vehicle ?? [];
	if (rows.length === 0) return [...DEFAULT_VEHICLES];
	return rows.map((r, k) => {
		let freightFen: number;
		try {
			freightFen = yuanToFen(r.freightYuan ?? 0, `vehicles[${k}].freightYuan`);
		} catch {
			throw fieldError(
				`vehicles[${k}].freightYuan`,
				`Vehicle table (车型表), row ${k + 1}: freight ${shown(r.freightYuan)} is not allowed; expected yuan of 0 or more with at most two decimals`,
			);
		}
		for (const key of ['code', 'name'] as const) {
			if (r[key] !== undefined && r[key] !== null && !isText(r[key]))
				throw fieldError(`vehicles[${k}].${key}`, notTextMessage(`Vehicle table (车型表), row ${k + 1}: ${key}`, r[key]));
		}
		return { code: String(r.code ?? '').trim(), name: String(r.name ?? '').trim(), payloadKg: plainNumber(r.payloadKg), freightFen };
	});
}

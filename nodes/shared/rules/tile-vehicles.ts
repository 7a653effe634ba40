/**
 * Vehicles (T9): the vehicle table (车型表) — RULES.md's default or the store's own — checked, and
 * the trips that carry an order's boxes planned on it. Weights in grams, freight in fen.
 */
import { ProblemList, RuleViolation, fieldError } from './errors';

/** A vehicle class (车型) of the vehicle table: code, name, payload in kg, freight per trip in fen. */
export interface VehicleClass {
	code: string;
	name: string;
	payloadKg: number;
	freightFen: number;
}

/** RULES.md's default vehicle table: van, light, medium and heavy truck. */
export const DEFAULT_VEHICLES: readonly VehicleClass[] = [
	{ code: 'van', name: '面包车', payloadKg: 1000, freightFen: 15000 },
	{ code: 'light-truck', name: '轻型货车', payloadKg: 2000, freightFen: 25000 },
	{ code: 'medium-truck', name: '中型货车', payloadKg: 5000, freightFen: 45000 },
	{ code: 'heavy-truck', name: '重型货车', payloadKg: 10000, freightFen: 80000 },
];

/** Checks a vehicle table: at least one class, unique codes, payload a whole number of kg > 0, freight ≥ 0. */
export function checkVehicleTable(table: readonly VehicleClass[]): VehicleClass[] {
	if (!Array.isArray(table) || table.length === 0) {
		throw fieldError('vehicles', 'Vehicle table (车型表): is empty; expected at least one vehicle class with its payload (kg) and freight per trip');
	}
	const seen = new Set<string>();
	const problems = new ProblemList();
	for (const [i, v] of table.entries()) {
		const code = String(v?.code ?? '').trim();
		if (!code) problems.add(`vehicles[${i}].code`, `Vehicle table (车型表), row ${i + 1}: the code is empty; expected a code such as van`);
		else if (seen.has(code))
			problems.add(`vehicles[${i}].code`, `Vehicle table (车型表), row ${i + 1}: the code "${code}" is used twice; expected each code once`);
		seen.add(code);
		if (!Number.isInteger(v?.payloadKg) || v.payloadKg <= 0 || v.payloadKg > 1_000_000) {
			problems.add(
				`vehicles[${i}].payloadKg`,
				`Vehicle table (车型表), row ${i + 1}: payload ${String(v?.payloadKg)} kg is not allowed; expected a whole number of kilograms greater than 0`,
			);
		}
		if (!Number.isSafeInteger(v?.freightFen) || v.freightFen < 0) {
			problems.add(`vehicles[${i}].freightYuan`, `Vehicle table (车型表), row ${i + 1}: the freight is not allowed; expected yuan of 0 or more`);
		}
	}
	problems.throwIfAny();
	return [...table]
		.map((v) => ({ ...v, code: String(v.code).trim(), name: String(v.name ?? '').trim() || String(v.code).trim() }))
		.sort((a, b) => a.payloadKg - b.payloadKg || a.freightFen - b.freightFen);
}

/** Boxes to carry: how many, and what one weighs (grams). */
export interface BoxLoad {
	boxes: number;
	boxWeightG: number;
}

export interface Trip {
	vehicle: string;
	vehicleName: string;
	payloadKg: number;
	loadG: number;
	boxes: number;
	freightFen: number;
}

/** A trip as quotes and deliveries give it out: its load in kg. */
export function tripInKg(t: Trip): { vehicle: string; vehicleName: string; payloadKg: number; loadKg: number; boxes: number; freightFen: number } {
	return { vehicle: t.vehicle, vehicleName: t.vehicleName, payloadKg: t.payloadKg, loadKg: kg(t.loadG), boxes: t.boxes, freightFen: t.freightFen };
}

/** A vehicle plan as quotes and orders show it: each trip's load in kg, the freight. */
export function vehiclePlanOutput(plan: Pick<VehiclePlan, 'trips' | 'freightFen'>): { trips: ReturnType<typeof tripInKg>[]; freightFen: number } {
	return { trips: plan.trips.map(tripInKg), freightFen: plan.freightFen };
}

export interface VehiclePlan {
	trips: Trip[];
	totalWeightG: number;
	freightFen: number;
}

/**
 * The vehicles for a load (T9): the lightest class that carries the whole load wins; a load
 * heavier than the largest class fills trips of the largest class, whole boxes each (heaviest
 * boxes first), and the rest goes on the lightest class that carries it. Freight is the sum of
 * the trips' freight (the store's cost, RULES.md).
 */
export function planVehicles(loads: readonly BoxLoad[], table: readonly VehicleClass[] = DEFAULT_VEHICLES): VehiclePlan {
	const classes = checkVehicleTable(table);
	const largest = classes.reduce((a, b) => (b.payloadKg > a.payloadKg || (b.payloadKg === a.payloadKg && b.freightFen < a.freightFen) ? b : a));
	const groups = loads
		.filter((l) => l.boxes > 0)
		.map((l) => ({ weight: l.boxWeightG, left: l.boxes }))
		.sort((a, b) => b.weight - a.weight);
	const heaviest = groups[0]?.weight ?? 0;
	if (heaviest > largest.payloadKg * 1000) {
		throw new RuleViolation(
			`A box of ${heaviest / 1000} kg is heavier than the largest vehicle (${largest.name}, ${largest.payloadKg} kg) carries`,
			'vehicles',
		);
	}
	let remainingG = groups.reduce((s, g) => s + g.weight * g.left, 0);
	const totalWeightG = remainingG;
	const trips: Trip[] = [];
	const trip = (v: VehicleClass, loadG: number, boxes: number): Trip => ({
		vehicle: v.code,
		vehicleName: v.name,
		payloadKg: v.payloadKg,
		loadG,
		boxes,
		freightFen: v.freightFen,
	});
	while (remainingG > largest.payloadKg * 1000) {
		let room = largest.payloadKg * 1000;
		let boxes = 0;
		for (const g of groups) {
			const n = Math.min(g.left, Math.floor(room / g.weight));
			g.left -= n;
			room -= n * g.weight;
			boxes += n;
		}
		const loadG = largest.payloadKg * 1000 - room;
		trips.push(trip(largest, loadG, boxes));
		remainingG -= loadG;
	}
	if (remainingG > 0) {
		const v = classes.find((c) => c.payloadKg * 1000 >= remainingG)!;
		trips.push(
			trip(
				v,
				remainingG,
				groups.reduce((s, g) => s + g.left, 0),
			),
		);
	}
	return { trips, totalWeightG, freightFen: trips.reduce((s, t) => s + t.freightFen, 0) };
}

/** Grams as kilograms for output: 26500 → 26.5. */
export function kg(grams: number): number {
	return grams / 1000;
}

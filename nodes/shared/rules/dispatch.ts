/**
 * Dispatch (派工, P3): which technician takes which open ticket. Tickets left over from earlier
 * days go first (P12), then by urgency of category. Hard rules decide who may take a ticket;
 * among those allowed, a weighted score of load, area and skill picks the technician.
 */
import { RuleViolation, shown } from './errors';
import type { Category } from './service-category';

export interface DispatchTicket {
	id: number;
	ticketNumber: string;
	category: Category;
	address: string;
	skill: string | null;
	/** ISO instant. */
	reportedAt: string;
	/** YYYY-MM-DD. */
	reportDate: string;
}

export interface DispatchTechnician {
	id: number;
	name: string;
	active: boolean;
	skills: string[];
	/** Area names matched inside the ticket's address; empty = serves everywhere. */
	areas: string[];
	dailyCapacity: number;
	jobsToday: number;
}

export interface DispatchWeights {
	load: number;
	area: number;
	skill: number;
}

export const DEFAULT_WEIGHTS: DispatchWeights = { load: 0.5, area: 0.3, skill: 0.2 };

export interface ScoreBreakdown {
	load: number;
	area: number;
	skill: number;
	total: number;
}

export interface Assignment {
	ticketId: number;
	ticketNumber: string;
	technicianId: number;
	technicianName: string;
	score: ScoreBreakdown;
	/** Reported on an earlier day and not dispatched then (P12). */
	leftOver: boolean;
}

export interface Undispatched {
	ticketId: number;
	ticketNumber: string;
	reason: string;
}

/** Contract customers first (the contract promises a response), then free warranty work, paid work, internal work. */
const URGENCY: Record<Category, number> = { B: 0, C: 1, A: 2, D: 3 };

function instant(iso: string): number {
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/**
 * The order tickets are dispatched in: left over from earlier days first (P12), then category
 * B, C, A, D, then the oldest report, then the lowest id. Returns a new array.
 */
export function orderForDispatch(tickets: DispatchTicket[], today: string): DispatchTicket[] {
	const keyed = tickets.map((t) => ({ t, leftOver: t.reportDate < today ? 0 : 1, urgency: URGENCY[t.category] ?? 9, at: instant(t.reportedAt) }));
	keyed.sort((a, b) => a.leftOver - b.leftOver || a.urgency - b.urgency || (a.at === b.at ? 0 : a.at < b.at ? -1 : 1) || a.t.id - b.t.id);
	return keyed.map((k) => k.t);
}

function requiredSkill(ticket: DispatchTicket): string | null {
	const skill = ticket.skill?.trim();
	return skill ? skill : null;
}

/** A technician's skills and areas trimmed once (blank entries dropped), so a plan compares plain strings. */
interface Prepared {
	tech: DispatchTechnician;
	skills: ReadonlySet<string>;
	/** Empty = serves everywhere. */
	areas: readonly string[];
}

function prepare(tech: DispatchTechnician): Prepared {
	const skills = new Set<string>();
	for (const s of tech.skills ?? []) if (s.trim() !== '') skills.add(s.trim());
	const areas: string[] = [];
	for (const a of tech.areas ?? []) if (a.trim() !== '') areas.push(a.trim());
	return { tech, skills, areas };
}

/** The first of the technician's areas that appears in the address, or null. */
function matchingArea(p: Prepared, address: string): string | null {
	for (const area of p.areas) if (address.includes(area)) return area;
	return null;
}

/** How far a technician gets through the hard rules: 0 inactive, 1 lacks the skill, 2 outside his areas, 3 at capacity, 4 allowed. */
const enum Stage {
	Inactive = 0,
	NoSkill = 1,
	OutOfArea = 2,
	AtCapacity = 3,
	Allowed = 4,
}

function stageOf(ticket: DispatchTicket, skill: string | null, p: Prepared, jobsToday: number): Stage {
	if (!p.tech.active) return Stage.Inactive;
	if (skill !== null && !p.skills.has(skill)) return Stage.NoSkill;
	if (p.areas.length > 0 && matchingArea(p, ticket.address) === null) return Stage.OutOfArea;
	if (!(jobsToday < p.tech.dailyCapacity)) return Stage.AtCapacity;
	return Stage.Allowed;
}

/**
 * Why the technician may not take the ticket, as a sentence naming him; null when he may.
 * Rules in order: active, has the skill the ticket needs, serves the ticket's area, has capacity left today
 * (unless `ignoreCapacity`: the manager's forced dispatch).
 */
export function refusal(ticket: DispatchTicket, tech: DispatchTechnician, options: { ignoreCapacity?: boolean } = {}): string | null {
	const p = prepare(tech);
	const skill = requiredSkill(ticket);
	const stage = stageOf(ticket, skill, p, tech.jobsToday);
	// The manager may go over a technician's capacity (forced, with a reason); never past the other rules.
	if (options.ignoreCapacity && stage === Stage.AtCapacity) return null;
	switch (stage) {
		case Stage.Inactive:
			return `Technician ${tech.name} is not active and cannot take ticket ${ticket.ticketNumber}`;
		case Stage.NoSkill:
			return `Technician ${tech.name} does not have the skill ${skill} that ticket ${ticket.ticketNumber} needs`;
		case Stage.OutOfArea:
			return `Technician ${tech.name} serves ${p.areas.join(', ')}, not the address of ticket ${ticket.ticketNumber} (${ticket.address})`;
		case Stage.AtCapacity:
			return `Technician ${tech.name} is at capacity today: ${tech.jobsToday} of ${tech.dailyCapacity} jobs`;
		default:
			return null;
	}
}

function round4(x: number): number {
	return Math.round(x * 10000) / 10000;
}

function loadOf(p: Prepared, jobsToday: number): number {
	const capacity = p.tech.dailyCapacity;
	return round4(capacity > 0 ? Math.min(1, Math.max(0, 1 - jobsToday / capacity)) : 0);
}

function skillOf(p: Prepared, skillNeeded: string | null): number {
	return round4(skillNeeded !== null && p.skills.has(skillNeeded) ? 1 / p.skills.size : 0);
}

function totalOf(weights: DispatchWeights, load: number, area: number, skill: number): number {
	return round4(weights.load * load + weights.area * area + weights.skill * skill);
}

function scoreAt(ticket: DispatchTicket, skillNeeded: string | null, p: Prepared, jobsToday: number, weights: DispatchWeights): ScoreBreakdown {
	const load = loadOf(p, jobsToday);
	const area = matchingArea(p, ticket.address) !== null ? 1 : 0;
	const skill = skillOf(p, skillNeeded);
	return { load, area, skill, total: totalOf(weights, load, area, skill) };
}

/**
 * How well the technician suits the ticket, each component in [0, 1] and rounded to 4 decimals:
 * load = capacity left today; area = 1 when one of his areas is in the address (0 when he serves
 * anywhere); skill = 1 / number of his (distinct) skills when the ticket needs one he has (a specialist beats
 * a generalist), 0 when none is needed; total = the weighted sum of the rounded components.
 */
export function score(ticket: DispatchTicket, tech: DispatchTechnician, weights: DispatchWeights): ScoreBreakdown {
	return scoreAt(ticket, requiredSkill(ticket), prepare(tech), tech.jobsToday, weights);
}

export function checkWeights(weights: DispatchWeights): void {
	for (const key of ['load', 'area', 'skill'] as const) {
		const w = weights?.[key];
		if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
			throw new RuleViolation(
				`Dispatch weight "${key}" is ${typeof w === 'object' && w !== null ? shown(w) : String(w)}; expected a number of 0 or more, for example ${DEFAULT_WEIGHTS[key]}`,
				'weights',
			);
		}
	}
}

/** The most specific reason why nobody may take the ticket, from how far the technicians got through the rules. */
function noOneReason(ticket: DispatchTicket, skill: string | null, prepared: Prepared[], loads: number[], furthest: Stage): string {
	const withSkill = skill !== null ? ` with the skill ${skill}` : '';
	if (prepared.length === 0) return 'no technician is registered';
	switch (furthest) {
		case Stage.Inactive:
			return 'no technician is active';
		case Stage.NoSkill:
			return `no active technician has the skill ${skill}`;
		case Stage.OutOfArea:
			return `no active technician${withSkill} serves the address ${ticket.address}`;
		default: {
			// Everyone who passed the other rules is full: name the areas they serve the address by.
			const areas = new Set<string>();
			let anywhere = false;
			for (let i = 0; i < prepared.length; i++) {
				if (stageOf(ticket, skill, prepared[i], loads[i]) !== Stage.AtCapacity) continue;
				const area = matchingArea(prepared[i], ticket.address);
				if (area === null) anywhere = true;
				else areas.add(area);
			}
			const serving = anywhere || areas.size === 0 ? `able to serve the address ${ticket.address}` : `serving ${[...areas].join(', ')}`;
			return `every active technician${withSkill} ${serving} is at capacity today`;
		}
	}
}

/**
 * Greedy dispatch in dispatch order: each ticket goes to the allowed technician with the highest
 * total score (ties: fewer jobs today, then lower id), whose load then counts for later tickets.
 * The inputs are not modified.
 */
export function planDispatch(
	tickets: DispatchTicket[],
	technicians: DispatchTechnician[],
	weights: DispatchWeights,
	today: string,
): { assignments: Assignment[]; undispatched: Undispatched[] } {
	checkWeights(weights);
	const prepared = technicians.map(prepare);
	const loads = technicians.map((t) => t.jobsToday);
	const assignments: Assignment[] = [];
	const undispatched: Undispatched[] = [];
	for (const ticket of orderForDispatch(tickets, today)) {
		const skill = requiredSkill(ticket);
		// Plain loop, nothing allocated per technician: the stage, then the total as a number.
		let best = -1;
		let bestTotal = -1;
		let furthest = Stage.Inactive;
		for (let i = 0; i < prepared.length; i++) {
			const p = prepared[i];
			const stage = stageOf(ticket, skill, p, loads[i]);
			if (stage !== Stage.Allowed) {
				if (stage > furthest) furthest = stage;
				continue;
			}
			const area = matchingArea(p, ticket.address) !== null ? 1 : 0;
			const total = totalOf(weights, loadOf(p, loads[i]), area, skillOf(p, skill));
			if (
				total > bestTotal ||
				(total === bestTotal && (loads[i] < loads[best] || (loads[i] === loads[best] && p.tech.id < prepared[best].tech.id)))
			) {
				best = i;
				bestTotal = total;
			}
		}
		const bestScore = best < 0 ? undefined : scoreAt(ticket, skill, prepared[best], loads[best], weights);
		if (bestScore === undefined) {
			undispatched.push({ ticketId: ticket.id, ticketNumber: ticket.ticketNumber, reason: noOneReason(ticket, skill, prepared, loads, furthest) });
			continue;
		}
		loads[best]++;
		assignments.push({
			ticketId: ticket.id,
			ticketNumber: ticket.ticketNumber,
			technicianId: technicians[best].id,
			technicianName: technicians[best].name,
			score: bestScore,
			leftOver: ticket.reportDate < today,
		});
	}
	return { assignments, undispatched };
}

/** Technicians (技术员) with skills, service areas and daily capacity. Natural key: `phone`. */
import type { Insertable, Selectable } from 'kysely';
import type { TechnicianTable } from '../schema';
import type { Trx } from '../schema';
import { NotFoundError } from '../../rules/errors';
import { flag, textSearch, type Page } from './common';

/** A technician with skills and areas as lists and `active` as a flag. */
export type Technician = Omit<Selectable<TechnicianTable>, 'skills' | 'areas' | 'active'> & { skills: string[]; areas: string[]; active: boolean };

export type TechnicianInput = Partial<Pick<Insertable<TechnicianTable>, 'name' | 'phone' | 'email' | 'dailyCapacity'>> & {
	skills?: string[];
	areas?: string[];
	active?: boolean;
};

export const DEFAULT_DAILY_CAPACITY = 8;

export function toTechnician(row: Selectable<TechnicianTable>): Technician {
	return { ...row, skills: JSON.parse(row.skills), areas: JSON.parse(row.areas), active: flag(row.active) };
}

function columns(input: TechnicianInput) {
	const { skills, areas, active, ...rest } = input;
	return {
		...rest,
		...(skills ? { skills: JSON.stringify(skills) } : {}),
		...(areas ? { areas: JSON.stringify(areas) } : {}),
		...(active !== undefined ? { active: active ? 1 : 0 } : {}),
	};
}

export async function findTechnician(trx: Trx, key: { id?: number; phone?: string }): Promise<Technician | undefined> {
	let q = trx.selectFrom('technicians').selectAll();
	if (key.id !== undefined) q = q.where('id', '=', key.id);
	else if (key.phone) q = q.where('phone', '=', key.phone);
	else return undefined;
	const row = await q.executeTakeFirst();
	return row && toTechnician(row);
}

export async function requireTechnician(trx: Trx, key: { id?: number; phone?: string }): Promise<Technician> {
	const found = await findTechnician(trx, key);
	if (!found) throw new NotFoundError(`No technician with ${key.id !== undefined ? `id ${key.id}` : `phone "${key.phone}"`} is in the register`);
	return found;
}

export async function createTechnician(trx: Trx, input: TechnicianInput, now: string): Promise<Technician> {
	const row = await trx
		.insertInto('technicians')
		.values({
			name: input.name!,
			phone: input.phone!,
			email: input.email ?? null,
			skills: JSON.stringify(input.skills ?? []),
			areas: JSON.stringify(input.areas ?? []),
			dailyCapacity: input.dailyCapacity ?? DEFAULT_DAILY_CAPACITY,
			active: input.active === false ? 0 : 1,
			deactivatedAt: input.active === false ? now : null,
			createdAt: now,
			updatedAt: now,
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	return toTechnician(row);
}

export async function updateTechnician(trx: Trx, id: number, patch: TechnicianInput, now: string): Promise<Technician> {
	const row = await trx
		.updateTable('technicians')
		.set({
			...columns(patch),
			...(patch.active === true ? { deactivatedAt: null } : {}),
			...(patch.active === false ? { deactivatedAt: now } : {}),
			updatedAt: now,
		})
		.where('id', '=', id)
		.returningAll()
		.executeTakeFirstOrThrow();
	return toTechnician(row);
}

export interface TechnicianFilter extends Page {
	search?: string;
	active?: 'active' | 'inactive' | 'all';
	skill?: string;
	area?: string;
}

export async function listTechnicians(trx: Trx, f: TechnicianFilter): Promise<Technician[]> {
	let q = trx.selectFrom('technicians').selectAll().orderBy('id');
	if (f.search) q = q.where(textSearch(['name', 'phone', 'email'], f.search));
	if (f.active === 'active' || f.active === undefined) q = q.where('active', '=', 1);
	if (f.active === 'inactive') q = q.where('active', '=', 0);
	// Skills and areas are JSON arrays: match the quoted element, then confirm in code.
	if (f.skill) q = q.where('skills', 'like', `%${JSON.stringify(f.skill)}%`);
	if (f.area) q = q.where('areas', 'like', `%${JSON.stringify(f.area)}%`);
	// LIKE may also match another case (SQLite) or a longer element: the limit applies after the exact match.
	const exact = f.skill !== undefined || f.area !== undefined;
	if (f.limit !== undefined && !exact) q = q.limit(f.limit);
	const matches = (await q.execute())
		.map(toTechnician)
		.filter((t) => (!f.skill || t.skills.includes(f.skill)) && (!f.area || t.areas.includes(f.area)));
	return f.limit !== undefined ? matches.slice(0, f.limit) : matches;
}
